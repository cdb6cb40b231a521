"""JSON Schemas of the published JSON files (a document's, and the whole site's), generated
from the models as :func:`generator.opendata.json_data.to_data` writes them, with the French
documentation of each field. Published under ``donnees/`` beside the data; each JSON file
names its schema in ``$schema``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, get_origin, get_type_hints

from generator.content.models import (
    Avancement, Echeance, Entente, Organisation, Piar, Programme, Region, Renvois, TempsImparti,
)
from generator.content.typed_reader import is_union, strip_optional
from generator.content.json_schema import composite_schema
from generator.opendata.json_data import data_fields

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DOCUMENT_SCHEMA_PATH = "donnees/document.schema.json"
SITE_SCHEMA_PATH = "donnees/plans-publics.schema.json"

_SPECIAL: dict[type, dict[str, Any]] = {
    Echeance: {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
               "description": "Échéance au mois (AAAA-MM) ou au jour (AAAA-MM-JJ)."},
    Renvois: {"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 1}, "minItems": 1,
              "description": "Groupes de numéros, dans l'ordre de la case du tableau."},
    Avancement: {"type": "number", "minimum": 0, "maximum": 100, "description": "Pourcentage de 0 à 100."},
    TempsImparti: {"oneOf": [
        {"type": "object", "properties": {"pourcentage": {"type": "number", "minimum": 0, "maximum": 100}},
         "required": ["pourcentage"], "additionalProperties": False},
        {"type": "object", "properties": {"note": {"type": "string"}}, "required": ["note"], "additionalProperties": False},
    ]},
}


# What the published JSON holds for each scalar type (as json_data.to_data writes it).
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    Decimal: {"type": "number"},
}


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if is_union(hint):
        return _type_schema(strip_optional(hint), defs)  # None is left out of the JSON, never written
    if hint in _SPECIAL:
        return dict(_SPECIAL[hint])
    composite = composite_schema(hint, defs, lambda h: _type_schema(h, defs), lambda c: _object_schema(c, defs))
    if composite is not None:
        return composite
    return dict(_SCALARS[hint])


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    properties: dict[str, Any] = {}
    required = []
    for name in data_fields(cls) or ():
        f = fields[name]
        schema = _type_schema(hints[name], defs)
        text = f.metadata.get("doc")
        properties[name] = {**schema, "description": text} if text and "$ref" not in schema else (
            {"allOf": [schema], "description": text} if text else schema)
        optional = is_union(hints[name]) or f.default == () or get_origin(hints[name]) is tuple
        if f.default is dataclasses.MISSING and not optional:
            required.append(name)
    obj: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        obj["required"] = required
    return obj


def _licence_and_provenance() -> dict[str, Any]:
    return {
        "licence": {
            "type": "object",
            "description": "Licence des données (la même dans chaque fichier).",
            "properties": {
                "nom": {"type": "string", "description": "Titre de la licence."},
                "adresse": {"type": "string", "format": "uri", "description": "Adresse canonique de la licence."},
                "spdx": {"type": "string", "description": "Identifiant SPDX de la licence."},
            },
            "required": ["nom", "adresse"],
            "additionalProperties": False,
        },
        "provenance": {
            "type": "object",
            "description": "D'où viennent les données (la même dans chaque fichier).",
            "properties": {
                "editeur": {"type": "string", "description": "Qui publie le site et ses données."},
                "site": {"type": "string", "format": "uri", "description": "Adresse du site."},
                "catalogue": {"type": "string", "format": "uri", "description": "Adresse du catalogue DCAT des données."},
                "description": {"type": "string", "description": "Comment les données sont produites."},
            },
            "required": ["editeur", "site", "catalogue", "description"],
            "additionalProperties": False,
        },
    }


def document_schema(base: str) -> dict[str, Any]:
    """The schema of a document's JSON file (a PIAR or an entente, with its earlier versions)."""
    defs: dict[str, Any] = {}
    kinds = [_type_schema(Piar, defs), _type_schema(Entente, defs)]
    defs["Version"] = {"oneOf": kinds}
    root: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": base + DOCUMENT_SCHEMA_PATH,
        "title": "Document publié (PIAR ou entente sectorielle), en JSON",
        "description": "Un fichier par document : tous ses champs, tels que décrits dans le guide du format du contenu, "
                       "ses versions antérieures, la licence et la provenance des données.",
    }
    # A document object is the model's fields plus four: $schema, versions_anterieures, licence, provenance.
    extra = {
        "$schema": {"type": "string", "format": "uri", "description": "Adresse de ce schéma."},
        "versions_anterieures": {
            "type": "array",
            "description": "Versions antérieures du document, de la plus ancienne à la plus récente.",
            "items": {
                "type": "object",
                "properties": {"date": {"type": "string", "format": "date"}, "document": {"$ref": "#/$defs/Version"}},
                "required": ["date", "document"],
                "additionalProperties": False,
            },
        },
        **_licence_and_provenance(),
    }
    published = []
    for name in ("Piar", "Entente"):
        model = defs[name]
        published.append({
            "type": "object",
            "properties": {**model["properties"], **extra},
            "required": [*model.get("required", []), "versions_anterieures", "licence", "provenance"],
            "additionalProperties": False,
        })
    root["oneOf"] = published
    root["$defs"] = dict(sorted(defs.items()))
    return root


def site_schema(base: str) -> dict[str, Any]:
    """The schema of donnees/plans-publics.json: every document, organisation, region and programme."""
    defs: dict[str, Any] = {}
    lists = {name: {"type": "array", "items": _type_schema(model, defs), "description": text}
             for name, model, text in (
                 ("regions", Region, "Les régions administratives."),
                 ("organisations", Organisation, "Les organisations qui publient ou contribuent."),
                 ("programmes", Programme, "Les programmes dont relèvent les plans."),
             )}
    return {
        "$schema": DRAFT,
        "$id": base + SITE_SCHEMA_PATH,
        "title": "Toutes les données du site, en JSON",
        "type": "object",
        "properties": {
            "$schema": {"type": "string", "format": "uri"},
            "titre": {"type": "string", "description": "Titre du site."},
            **_licence_and_provenance(),
            **lists,
            "documents": {"type": "array", "description": "Les documents, chacun comme dans son propre fichier JSON.",
                          "items": {"$ref": base + DOCUMENT_SCHEMA_PATH}},
        },
        "required": ["titre", "licence", "provenance", "regions", "organisations", "programmes", "documents"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
