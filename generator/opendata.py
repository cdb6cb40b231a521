"""Open data: CSV and JSON per document, the whole site's dataset, a DCAT catalogue
(JSON-LD, as CKAN portals such as Données Québec read it) and an Atom feed.

``render_downloads(site, site_url)`` returns ``{path: text}``; everything is sorted
and dated from the content, so the same content always gives the same bytes.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import html
import io
import json
from decimal import Decimal
from typing import Any

from generator import typo
from generator.content import Site, without_cycle_collection
from generator.models import Document, Echeance, Entente, Piar, Renvois, TempsImparti, version_date
from generator.pages import FEED_PATH
from generator.render import document_path, download_path, version_path

SITE_FILES = (
    ("donnees/plans-publics.json", "Tous les documents, organisations, régions et programmes (JSON)"),
    ("donnees/actions.csv", "Toutes les actions des PIAR, une ligne par action (CSV)"),
    ("donnees/contributions.csv", "Toutes les contributions des ententes, une ligne par contribution (CSV)"),
    ("donnees/catalogue.jsonld", "Catalogue des jeux de données, vocabulaire DCAT (JSON-LD)"),
    (FEED_PATH, "Flux Atom des nouveaux documents et des nouvelles versions"),
)

ACTION_COLUMNS = (
    ("document", "Identifiant du document (nom de son fichier de contenu)."),
    ("organisation", "Organisation qui publie le plan."),
    ("programme", "Programme dont relève le plan."),
    ("date_du_plan", "Date du plan."),
    ("mise_a_jour", "Date de la mise à jour du plan (vide si non indiquée)."),
    ("enjeu", "Numéro de l'enjeu."),
    ("enjeu_titre", "Énoncé de l'enjeu."),
    ("temps_imparti", "Temps imparti par les ressources à l'enjeu : pourcentage, ou note du document."),
    ("volet", "Numéro du volet (ligne du tableau) dans l'enjeu."),
    ("objectifs_programme", "Numéros des objectifs généraux du programme donnés pour le volet (groupes séparés par « ; »)."),
    ("axes_programme", "Numéros des axes d'intervention du programme donnés pour le volet (groupes séparés par « ; »)."),
    ("objectifs_a_atteindre", "Objectifs à atteindre du volet, séparés par « | »."),
    ("action", "L'action ou l'intervention."),
    ("echeance", "Échéance de l'action : la sienne, sinon la plus tardive du volet (AAAA-MM ou AAAA-MM-JJ; vide si aucune)."),
    ("statut", "État publié de l'action : à venir, en cours, réalisée, reportée, abandonnée (vide si non publié)."),
    ("date_statut", "Date de l'état publié."),
    ("justification", "Justification de l'état."),
    ("indicateurs", "Indicateurs de performance du volet, séparés par « | »."),
)

CONTRIBUTION_COLUMNS = (
    ("document", "Identifiant du document (nom de son fichier de contenu)."),
    ("organisation", "Organisation sous laquelle l'entente est publiée."),
    ("periode_debut", "Année de début de l'entente."),
    ("periode_fin", "Année de fin de l'entente."),
    ("mise_a_jour", "Date de la mise à jour (vide si non indiquée)."),
    ("partie", "Nom de la partie qui contribue."),
    ("sigle", "Sigle de la partie, s'il y a lieu."),
    ("nature", "monetaire, ou non_monetaire pour une contribution en biens ou services."),
    ("montant", "Montant en dollars, virgule décimale."),
    ("part_du_total", "Part de l'enveloppe totale, en pour cent, virgule décimale."),
    ("total_declare", "Enveloppe totale déclarée par l'entente, en dollars."),
)


@without_cycle_collection
def render_downloads(site: Site, site_url: str) -> dict[str, str]:
    """Every download of the site, keyed by its path."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    files: dict[str, str] = {}
    # Each document is serialised once; the whole site's files are assembled from those texts.
    documents_json: dict[str, str] = {}
    action_rows: dict[str, str] = {}
    contribution_rows: dict[str, str] = {}
    for identifier, document in site.documents.items():
        documents_json[identifier] = _json(_document_data(site, document))
        files[download_path(identifier, "json")] = documents_json[identifier] + "\n"
        if isinstance(document, Piar):
            action_rows[identifier] = _csv_rows(ACTION_COLUMNS, _action_rows(site, document))
            files[download_path(identifier, "csv")] = _csv(ACTION_COLUMNS, action_rows[identifier])
        else:
            contribution_rows[identifier] = _csv_rows(CONTRIBUTION_COLUMNS, _contribution_rows(site, document))
            files[download_path(identifier, "csv")] = _csv(CONTRIBUTION_COLUMNS, contribution_rows[identifier])
    files["donnees/actions.csv"] = _csv(ACTION_COLUMNS, "".join(action_rows[i] for i in sorted(action_rows)))
    files["donnees/contributions.csv"] = _csv(
        CONTRIBUTION_COLUMNS, "".join(contribution_rows[i] for i in sorted(contribution_rows))
    )
    # The documents come last in the site's JSON object: its text ends with their list.
    site_json = _json(_site_data(site))
    files["donnees/plans-publics.json"] = (
        site_json[:-1] + ',"documents":[' + ",".join(documents_json[i] for i in sorted(documents_json)) + "]}\n"
    )
    files["donnees/catalogue.jsonld"] = _json(_catalogue(site, base)) + "\n"
    files[FEED_PATH] = _feed(site, base)
    return dict(sorted(files.items()))


def download_paths(site: Site) -> list[str]:
    """The paths of :func:`render_downloads`, in its order, without computing any content."""
    paths = [download_path(identifier, ext) for identifier in site.documents for ext in ("csv", "json")]
    return sorted(paths + [path for path, _ in SITE_FILES])


# --- JSON -----------------------------------------------------------------------------


def to_data(value: Any) -> Any:
    """Models as plain JSON data: field names as in the YAML, dates ISO, amounts as numbers."""
    if isinstance(value, Echeance):
        return f"{value.annee}-{value.mois:02d}" + (f"-{value.jour:02d}" if value.jour else "")
    if isinstance(value, Renvois):
        return [list(group) for group in value.groupes]
    if isinstance(value, TempsImparti):
        return {"pourcentage": to_data(value.pourcentage)} if value.pourcentage is not None else {"note": value.note}
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    names = _data_fields(type(value))
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
def _data_fields(cls: type) -> tuple[str, ...] | None:
    """The fields a model publishes (those given to its constructor, but its source); None if not a model."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "source" and f.init)


def _document_data(site: Site, document: Document) -> dict[str, Any]:
    data = to_data(document)
    data["versions_anterieures"] = [
        {"date": date.isoformat(), "document": to_data(version)} for date, version in site.versions.get(document.identifiant, ())
    ]
    return data


def _site_data(site: Site) -> dict[str, Any]:
    """Everything but the documents, which render_downloads appends."""
    return {
        "titre": site.info.titre,
        "licence": to_data(site.info.licence),
        "regions": [to_data(r) for r in sorted(site.regions.values(), key=lambda r: r.identifiant)],
        "organisations": [to_data(o) for o in sorted(site.organisations.values(), key=lambda o: o.identifiant)],
        "programmes": [to_data(p) for p in sorted(site.programmes.values(), key=lambda p: p.identifiant)],
    }


def _json(data: Any) -> str:
    """Compact JSON, without the final newline: json's C encoder only runs without indentation."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- CSV --------------------------------------------------------------------------------


def _csv(columns: tuple[tuple[str, str], ...], rows: str) -> str:
    """UTF-8 with BOM, semicolons, CRLF: what Excel set to French (Canada) opens as is."""
    return "\ufeff" + ";".join(name for name, _ in columns) + "\r\n" + rows


def _csv_rows(columns: tuple[tuple[str, str], ...], rows: list[dict[str, str]]) -> str:
    """The CSV lines of ``rows`` (no header), in the order of ``columns``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    names = [name for name, _ in columns]
    writer.writerows([row[name] for name in names] for row in rows)
    return buffer.getvalue()


def _number(value: Decimal) -> str:
    return typo.number(value).replace("\u00a0", "")


def _action_rows(site: Site, piar: Piar) -> list[dict[str, str]]:
    rows = []
    for enjeu in piar.enjeux:
        share = enjeu.temps_imparti
        share_text = "" if share is None else (_number(share.pourcentage) if share.pourcentage is not None else share.note or "")
        for number, volet in enumerate(enjeu.volets, start=1):
            for action in volet.actions:
                deadline = volet.deadline_of(action)
                rows.append(
                    {
                        "document": piar.identifiant,
                        "organisation": site.organisations[piar.organisation].nom,
                        "programme": site.programmes[piar.programme].nom,
                        "date_du_plan": piar.date_du_plan.isoformat(),
                        "mise_a_jour": piar.mise_a_jour.isoformat() if piar.mise_a_jour else "",
                        "enjeu": str(enjeu.numero),
                        "enjeu_titre": enjeu.titre,
                        "temps_imparti": share_text,
                        "volet": str(number),
                        "objectifs_programme": _groups(volet.objectifs_programme),
                        "axes_programme": _groups(volet.axes_programme),
                        "objectifs_a_atteindre": " | ".join(o.texte for o in volet.objectifs),
                        "action": " ".join([action.texte, *action.elements]),
                        "echeance": to_data(deadline) if deadline else "",
                        "statut": action.statut.etat if action.statut else "",
                        "date_statut": action.statut.date.isoformat() if action.statut else "",
                        "justification": (action.statut.justification or "") if action.statut else "",
                        "indicateurs": " | ".join(" ".join([i.texte, *i.elements]) for i in volet.indicateurs),
                    }
                )
    return rows


def _groups(renvois: Renvois | None) -> str:
    return "; ".join("-".join(map(str, g)) for g in renvois.groupes) if renvois else ""


def _contribution_rows(site: Site, entente: Entente) -> list[dict[str, str]]:
    if not entente.contributions:
        return []
    total = entente.contributions.total_declare
    rows = []
    for part in entente.contributions.parties:
        org = site.organisations.get(part.organisation or "")
        rows.append(
            {
                "document": entente.identifiant,
                "organisation": site.organisations[entente.organisation].nom,
                "periode_debut": str(entente.periode.debut),
                "periode_fin": str(entente.periode.fin),
                "mise_a_jour": entente.mise_a_jour.isoformat() if entente.mise_a_jour else "",
                "partie": org.nom if org else part.libelle or "",
                "sigle": (org.sigle or "") if org else "",
                "nature": part.nature,
                "montant": _number(part.montant),
                "part_du_total": typo.number(part.montant * 100 / total, 1) if total else "",
                "total_declare": _number(total),
            }
        )
    return rows


# --- DCAT ---------------------------------------------------------------------------------


def _url(base: str, page: str) -> str:
    """Public address of a generated file (directory URLs for pages)."""
    if page.endswith("index.md"):
        page = page[: -len("index.md")]
    elif page.endswith(".md"):
        page = page[: -len(".md")] + "/"
    return base + page


def _date(value: dt.date | None) -> dict[str, str] | None:
    return {"@value": value.isoformat(), "@type": "xsd:date"} if value else None


def _catalogue(site: Site, base: str) -> dict[str, Any]:
    licence = {"@id": site.info.licence.adresse}
    publisher_org = site.organisations.get(site.info.editeur or "")
    publisher = {"@type": "foaf:Organization", "foaf:name": publisher_org.nom if publisher_org else site.info.titre}
    datasets = []
    for document in sorted(site.documents.values(), key=lambda d: d.identifiant):
        org = site.organisations[document.organisation]
        page = _url(base, document_path(document.identifiant))
        kind = getattr(site.info.types_de_documents, document.type).nom
        dataset: dict[str, Any] = {
            "@id": page + "#donnees",
            "@type": "dcat:Dataset",
            "dct:identifier": document.identifiant,
            "dct:title": f"{document.titre} — {org.nom}",
            "dct:description": f"{kind} publié par {org.nom}, en données ouvertes.",
            "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": org.nom},
            "dct:license": licence,
            "dcat:landingPage": {"@id": page},
            "dcat:keyword": sorted({kind, org.nom} | ({site.region_of(document).nom} if site.region_of(document) else set())),  # type: ignore[union-attr]
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:title": f"{document.titre} ({fmt})",
                    "dcat:downloadURL": {"@id": _url(base, download_path(document.identifiant, ext))},
                    "dcat:mediaType": media,
                    "dct:format": fmt,
                    "dct:license": licence,
                }
                for ext, fmt, media in (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"))
            ],
        }
        issued = getattr(document, "date_du_plan", None) or (site.versions.get(document.identifiant, ((None,),))[0][0])
        for key, value in (("dct:issued", _date(issued)), ("dct:modified", _date(document.mise_a_jour))):
            if value:
                dataset[key] = value
        datasets.append(dataset)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": base + "donnees/catalogue.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": site.info.titre,
        "dct:description": site.info.description,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
        "dct:publisher": publisher,
        "dct:license": licence,
        "foaf:homepage": {"@id": base},
        "dcat:dataset": datasets,
    }


# --- Atom -----------------------------------------------------------------------------------

FEED_LIMIT = 50


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would import urllib.request, ssl and http: 20 ms per build)."""
    return html.escape(text, quote=False)


def quoteattr(text: str) -> str:
    """A quoted XML attribute value."""
    return '"' + html.escape(text, quote=True) + '"'


def _feed(site: Site, base: str) -> str:
    """New documents and new versions, newest first; undated versions are left out."""
    entries = []
    for document in site.documents.values():
        org = site.organisations[document.organisation].nom
        chain = [*site.versions.get(document.identifiant, ()), (version_date(document), document)]
        for index, (date, version) in enumerate(chain):
            if date is None:
                continue
            current = index == len(chain) - 1
            page = _url(base, document_path(document.identifiant) if current else version_path(document.identifiant, date))
            title = ("Nouveau document" if index == 0 else "Nouvelle version") + f" : {version.titre} ({org})"
            summary = version.resume_des_changements or f"{getattr(site.info.types_de_documents, document.type).nom}, version du {typo.date(date)}."
            entries.append((date, document.identifiant, title, page, summary, org))
    entries.sort(key=lambda e: (-e[0].toordinal(), e[1]))
    entries = entries[:FEED_LIMIT]
    updated = entries[0][0] if entries else dt.date(1970, 1, 1)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
        f"  <title>{escape(site.info.titre)}</title>",
        f"  <subtitle>{escape(site.info.description)}</subtitle>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED_PATH)}/>',
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base)}/>",
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>",
        f"  <author><name>{escape(site.info.titre)}</name></author>",
        f"  <rights>{escape(site.info.licence.nom)}</rights>",
    ]
    for date, identifier, title, page, summary, org in entries:
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>{escape(page)}#{date.isoformat()}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
            f"    <updated>{date.isoformat()}T00:00:00Z</updated>",
            f"    <author><name>{escape(org)}</name></author>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
