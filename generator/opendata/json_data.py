"""JSON: the models as plain data, field names as in the YAML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from decimal import Decimal
from typing import Any

from generator.content.loading import Site
from generator.content.models import Avancement, Document, Echeance, Renvois, TempsImparti



def to_data(value: Any) -> Any:
    """Models as plain JSON data: field names as in the YAML, dates ISO, amounts as numbers."""
    if isinstance(value, Echeance):
        return f"{value.annee}-{value.mois:02d}" + (f"-{value.jour:02d}" if value.jour else "")
    if isinstance(value, Renvois):
        return [list(group) for group in value.groupes]
    if isinstance(value, Avancement):
        return to_data(value.pourcentage)
    if isinstance(value, TempsImparti):
        return {"pourcentage": to_data(value.pourcentage)} if value.pourcentage is not None else {"note": value.note}
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    names = data_fields(type(value))
    if names is not None:
        data = {}
        for name in names:
            field_value = getattr(value, name)
            if field_value is not None and field_value != ():
                data[name] = to_data(field_value)
        return data
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@functools.cache
def data_fields(cls: type) -> tuple[str, ...] | None:
    """The fields a model publishes (those given to its constructor, but its source); None if not a model."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "source" and f.init)


def licence_and_provenance(site: Site, base: str) -> dict[str, Any]:
    """The licence and the provenance that every JSON file carries, the same everywhere."""
    publisher = site.organisations.get(site.info.editeur or "")
    return {
        "licence": to_data(site.info.licence),
        "provenance": {
            "editeur": publisher.nom if publisher else site.info.titre,
            "site": base,
            "catalogue": base + "donnees/catalogue.jsonld",
            "description": "Données tirées des documents publiés par chaque organisation, transcrites et vérifiées "
                           "par l'outil plans-publics; chaque document nomme son organisation.",
        },
    }


def document_data(site: Site, document: Document, base: str, schema: str, common: dict[str, Any]) -> dict[str, Any]:
    """A document's JSON: ``$schema`` first, its fields, its earlier versions, then licence and provenance."""
    data = {"$schema": schema, **to_data(document)}
    data["versions_anterieures"] = [
        {"date": date.isoformat(), "document": to_data(version)} for date, version in site.versions.get(document.identifiant, ())
    ]
    data.update(common)
    return data


def site_data(site: Site, schema: str, common: dict[str, Any]) -> dict[str, Any]:
    """Everything but the documents, which render_downloads appends."""
    return {
        "$schema": schema,
        "titre": site.info.titre,
        **common,
        "regions": [to_data(r) for r in sorted(site.regions.values(), key=lambda r: r.identifiant)],
        "organisations": [to_data(o) for o in sorted(site.organisations.values(), key=lambda o: o.identifiant)],
        "programmes": [to_data(p) for p in sorted(site.programmes.values(), key=lambda p: p.identifiant)],
    }


def compact_json(data: Any) -> str:
    """Compact JSON, without the final newline: json's C encoder only runs without indentation."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
