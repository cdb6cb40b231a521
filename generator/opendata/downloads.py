"""Every download of the site, by its path: per document JSON, CSV, XLSX and Data Package; the
whole site's JSON, tables, Data Package and JSON Schemas; the DCAT-AP catalogue, the Atom feed
and robots.txt.

``render_downloads(site, site_url)`` returns ``{path: text or bytes}`` (bytes for the
workbooks); everything is sorted and dated from the content, so the same content always
gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.loading import Site
from generator.content.models import Piar
from generator.opendata import datapackage as dp
from generator.opendata.atom import feed
from generator.opendata.csv_tables import (
    _TEXT_OF, ACTIONS, CONTRIBUTIONS, DOCUMENTS, INDICATEURS, Row, Table, action_rows, contribution_rows, csv_header, csv_rows,
    document_row, indicator_rows,
)
from generator.opendata.dcat import CATALOGUE_PATH, Distribution, catalogue
from generator.opendata.json_data import compact_json, document_data, licence_and_provenance, site_data
from generator.opendata.json_schema import DOCUMENT_SCHEMA_PATH, SITE_SCHEMA_PATH, document_schema, site_schema
from generator.opendata.xlsx import workbook
from generator.pages.addresses import DATA_PATH, FEED_PATH, document_package_path, document_path, download_path, indicators_path, public_url

DATAPACKAGE_PATH = "donnees/datapackage.json"
ROBOTS_PATH = "robots.txt"

# The whole site's files, as the data page lists them.
SITE_FILES = (
    ("donnees/plans-publics.json", "Tous les documents, organisations, régions et programmes (JSON)"),
    ("donnees/documents.csv", "Les documents publiés, une ligne par document (CSV)"),
    ("donnees/actions.csv", "Toutes les actions des PIAR, une ligne par action (CSV)"),
    ("donnees/indicateurs.csv", "Tous les indicateurs des PIAR, avec leurs cibles et résultats (CSV)"),
    ("donnees/contributions.csv", "Toutes les contributions des ententes, une ligne par contribution (CSV)"),
    ("donnees/documents.xlsx", "Les documents publiés (classeur XLSX)"),
    ("donnees/actions.xlsx", "Toutes les actions des PIAR (classeur XLSX)"),
    ("donnees/indicateurs.xlsx", "Tous les indicateurs des PIAR (classeur XLSX)"),
    ("donnees/contributions.xlsx", "Toutes les contributions des ententes (classeur XLSX)"),
    (DATAPACKAGE_PATH, "Paquet de données Frictionless : les tables et leur schéma (JSON)"),
    (SITE_SCHEMA_PATH, "Schéma JSON du fichier de l'ensemble du site"),
    (DOCUMENT_SCHEMA_PATH, "Schéma JSON du fichier JSON de chaque document"),
    (CATALOGUE_PATH, "Catalogue des jeux de données, DCAT-AP 3 (JSON-LD)"),
    (FEED_PATH, "Flux Atom des nouveaux documents et des nouvelles versions"),
)


def document_tables(site: Site, document: Any) -> list[tuple[Table, str, list[Row]]]:
    """A document's tables, with the path of each one's CSV."""
    if isinstance(document, Piar):
        return [(ACTIONS, download_path(document.identifiant, "csv"), action_rows(site, document)),
                (INDICATEURS, indicators_path(document.identifiant), indicator_rows(site, document))]
    return [(CONTRIBUTIONS, download_path(document.identifiant, "csv"), contribution_rows(site, document))]


def render_downloads(site: Site, site_url: str) -> dict[str, str | bytes]:
    """Every download of the site, keyed by its path."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    licence = site.info.licence
    licence_text = f"{licence.nom}, {licence.adresse}"
    source_text = f"{site.info.titre}, {base}"
    common = licence_and_provenance(site, base)
    files: dict[str, str | bytes] = {}
    distributions: dict[str, list[Distribution]] = {}
    # Each document is serialised once; the whole site's files are assembled from those texts.
    documents_json: dict[str, str] = {}
    lines: dict[str, dict[str, str]] = {t.name: {} for t in (ACTIONS, INDICATEURS, CONTRIBUTIONS)}
    all_rows: dict[str, dict[str, list[Row]]] = {t.name: {} for t in (ACTIONS, INDICATEURS, CONTRIBUTIONS)}
    document_rows: dict[str, Row] = {}
    for identifier, document in site.documents.items():
        page = public_url(base, document_path(identifier))
        document_rows[identifier] = document_row(site, document, page)
        documents_json[identifier] = compact_json(document_data(site, document, base, base + DOCUMENT_SCHEMA_PATH, common))
        files[download_path(identifier, "json")] = documents_json[identifier] + "\n"
        tables = document_tables(site, document)
        resources = []
        for table, path, rows in tables:
            lines[table.name][identifier] = csv_rows(table, rows)
            all_rows[table.name][identifier] = rows
            text = csv_header(table) + lines[table.name][identifier]
            files[path] = text
            resources.append(dp.resource(table, table.name, path.rsplit("/", 1)[1], text.encode("utf-8"), foreign_keys=True))
        resources.append(_inline_documents([document_rows[identifier]]))
        title = f"{document.titre} — {site.organisations[document.organisation].nom}"
        files[document_package_path(identifier)] = _json(dp.package(
            site, base, identifier, title, "Les tables du document et leur dictionnaire.", page, resources))
        distributions[identifier] = [
            Distribution(download_path(identifier, "json"), "Le document complet (JSON)", "json",
                         _bytes(files[download_path(identifier, "json")]), DOCUMENT_SCHEMA_PATH),
            *(Distribution(path, f"{table.title} (CSV)", "csv", _bytes(files[path]), document_package_path(identifier))
              for table, path, _ in tables),
            Distribution(document_package_path(identifier), "Paquet de données Frictionless (JSON)", "datapackage",
                         _bytes(files[document_package_path(identifier)])),
        ]
    order = sorted(site.documents)
    site_tables = [(DOCUMENTS, {i: [document_rows[i]] for i in order})] + [
        (table, all_rows[table.name]) for table in (ACTIONS, INDICATEURS, CONTRIBUTIONS)
    ]
    resources = []
    for table, by_document in site_tables:
        rows_text = (lines[table.name] if table is not DOCUMENTS else {i: csv_rows(DOCUMENTS, r) for i, r in by_document.items()})
        text = csv_header(table) + "".join(rows_text[i] for i in sorted(rows_text))
        files[f"donnees/{table.name}.csv"] = text
        resources.append(dp.resource(table, table.name, f"{table.name}.csv", text.encode("utf-8"), foreign_keys=True))
        rows = [row for i in sorted(by_document) for row in by_document[i]]
        # One workbook per table of the whole site (with filters): a workbook per document would cost
        # XlsxWriter's ~5 ms each, 10 s of a 2000-document build, for what a filter gives.
        files[f"donnees/{table.name}.xlsx"] = workbook([(table, rows)], f"{site.info.titre} : {table.title}", licence_text, source_text)
    files[DATAPACKAGE_PATH] = _json(dp.package(
        site, base, "plans-publics", site.info.titre, site.info.description, public_url(base, DATA_PATH), resources))
    # The documents come last in the site's JSON object: its text ends with their list.
    site_json = compact_json(site_data(site, base + SITE_SCHEMA_PATH, common))
    files["donnees/plans-publics.json"] = (
        site_json[:-1] + ',"documents":[' + ",".join(documents_json[i] for i in order) + "]}\n"
    )
    files[DOCUMENT_SCHEMA_PATH] = _json(document_schema(base))
    files[SITE_SCHEMA_PATH] = _json(site_schema(base))
    whole_site = [
        Distribution(path, label, _format_of(path), _bytes(files[path]), _schema_of(path))
        for path, label in SITE_FILES
        if path not in (CATALOGUE_PATH, FEED_PATH, SITE_SCHEMA_PATH, DOCUMENT_SCHEMA_PATH)
    ]
    files[CATALOGUE_PATH] = compact_json(catalogue(site, base, distributions, whole_site)) + "\n"
    files[FEED_PATH] = feed(site, base)
    files[ROBOTS_PATH] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"
    return dict(sorted(files.items()))


def _inline_documents(rows: list[Row]) -> dict[str, Any]:
    """The document's own row of the documents table, inline: the target of the package's foreign keys."""
    schema = dp.table_schema(DOCUMENTS, foreign_keys=False)
    data = [DOCUMENTS.names] + [[_TEXT_OF[c.type](row[c.name]) for c in DOCUMENTS.columns] for row in rows]
    return {"name": DOCUMENTS.name, "title": DOCUMENTS.title, "profile": "tabular-data-resource", "data": data, "schema": schema}


def _format_of(path: str) -> str:
    if path.endswith("datapackage.json"):
        return "datapackage"
    return path.rsplit(".", 1)[1]


def _schema_of(path: str) -> str | None:
    if path.endswith(".csv"):
        return DATAPACKAGE_PATH
    if path == "donnees/plans-publics.json":
        return SITE_SCHEMA_PATH
    return None


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
