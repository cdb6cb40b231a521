"""schema.org descriptions (JSON-LD) for search engines: a Dataset for the open data page and
for each document's data, written into the page as a ``<script type="application/ld+json">``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.loading import Site
from generator.content.models import Piar, feed_date
from generator.opendata.dcat import FORMATS
from generator.pages.addresses import DATA_PATH, document_path, download_path, organisation_path, public_url


def json_ld(data: dict[str, Any]) -> str:
    """The JSON text the theme puts in a page's head (``<script type="application/ld+json">``);
    "<" and ">" are escaped so that no text of the content can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


def _licence(site: Site) -> str:
    return site.info.licence.adresse


def data_page(site: Site, base: str, files: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The whole site's data as a schema.org Dataset."""
    dates = [feed_date(d) for d in site.documents.values()]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": public_url(base, DATA_PATH) + "#donnees",
        "name": f"{site.info.titre} : toutes les données",
        "description": site.info.description,
        "url": public_url(base, DATA_PATH),
        "inLanguage": "fr-CA",
        "isAccessibleForFree": True,
        "license": _licence(site),
        "publisher": {"@type": "Organization", "name": site.info.titre, "url": base},
        "spatialCoverage": {"@type": "Place", "name": "Québec"},
        "distribution": [
            {"@type": "DataDownload", "name": label, "contentUrl": public_url(base, path),
             "encodingFormat": _media_type(path)}
            for path, label in files if path.endswith((".csv", ".xlsx", ".json"))
        ],
    }
    if dates:
        data["dateModified"] = max(dates).isoformat()
    return data


def document(site: Site, base: str, doc: Any) -> dict[str, Any]:
    """A document's data as a schema.org Dataset (the plan itself is a government CreativeWork it is about)."""
    org = site.organisations[doc.organisation]
    region = site.region_of(doc)
    page = public_url(base, document_path(doc.identifiant))
    kind = getattr(site.info.types_de_documents, doc.type).nom
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": page + "#donnees",
        "name": f"{doc.titre} — {org.nom}",
        "description": f"{kind} publié par {org.nom}, en données ouvertes.",
        "url": page,
        "inLanguage": "fr-CA",
        "isAccessibleForFree": True,
        "license": _licence(site),
        "creator": {"@type": "GovernmentOrganization", "name": org.nom,
                    "url": public_url(base, organisation_path(doc.organisation))},
        "about": {"@type": "CreativeWork", "name": doc.titre, "genre": kind, "url": page},
        "dateModified": feed_date(doc).isoformat(),
        "distribution": [
            {"@type": "DataDownload", "contentUrl": public_url(base, download_path(doc.identifiant, ext)),
             "encodingFormat": FORMATS[ext].media_type}
            for ext in ("csv", "json")
        ],
    }
    if isinstance(doc, Piar):
        data["temporalCoverage"] = f"{doc.date_du_plan.isoformat()}/.."
    else:
        data["temporalCoverage"] = f"{doc.periode.debut}/{doc.periode.fin}"
    if region is not None:
        data["spatialCoverage"] = {"@type": "AdministrativeArea", "name": region.nom}
    return data


def _media_type(path: str) -> str:
    return FORMATS["xlsx" if path.endswith(".xlsx") else "csv" if path.endswith(".csv") else "json"].media_type
