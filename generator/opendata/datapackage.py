"""Frictionless Data Packages: ``donnees/datapackage.json`` for the whole site, and one beside
each document's files. Each CSV is a resource with its Table Schema (the data dictionary, in
French: types, units, descriptions), its primary key and, in the site's package, the foreign
keys to the documents table; its size and SHA-256 let a reader check what it downloaded.
"""

from __future__ import annotations

import hashlib
from typing import Any

from generator.content.loading import Site
from generator.opendata.csv_tables import DOCUMENTS, Table

PROFILE = "tabular-data-package"

_UNIT_WORDS = {"$": "Unité : dollar canadien.", "%": "Unité : pour cent."}


def table_schema(table: Table, foreign_keys: bool) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {"name": column.name, "title": column.title, "type": column.type}
        field["description"] = column.description + (" " + _UNIT_WORDS[column.unit] if column.unit else "")
        if column.type == "date":
            field["format"] = "default"  # ISO 8601, AAAA-MM-JJ
        if column.unit == "$":
            field["unit"] = "CAD"
        elif column.unit == "%":
            field["unit"] = "percent"
        if column.required or column.name in table.primary_key:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if foreign_keys and table is not DOCUMENTS:
        schema["foreignKeys"] = [{"fields": ["document"], "reference": {"resource": DOCUMENTS.name, "fields": ["document"]}}]
    return schema


def resource(table: Table, name: str, path: str, content: bytes, foreign_keys: bool) -> dict[str, Any]:
    return {
        "name": name,
        "title": table.title,
        "description": table.description,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": table_schema(table, foreign_keys),
    }


def package(site: Site, base: str, name: str, title: str, description: str, homepage: str,
            resources: list[dict[str, Any]]) -> dict[str, Any]:
    licence = site.info.licence
    return {
        "profile": PROFILE,
        "name": name,
        "title": title,
        "description": description,
        "homepage": homepage,
        "licenses": [{"name": licence.spdx or licence.nom, "path": licence.adresse, "title": licence.nom}],
        "sources": [{"title": site.info.titre, "path": base}],
        "keywords": ["PIAR", "entente sectorielle", "MRC", "Québec"],
        "resources": resources,
    }
