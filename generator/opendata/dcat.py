"""The DCAT catalogue (JSON-LD), as CKAN portals such as Données Québec read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.content.loading import Site
from generator.pages.addresses import document_path, download_path, public_url



def _date(value: dt.date | None) -> dict[str, str] | None:
    return {"@value": value.isoformat(), "@type": "xsd:date"} if value else None


def catalogue(site: Site, base: str) -> dict[str, Any]:
    licence = {"@id": site.info.licence.adresse}
    publisher_org = site.organisations.get(site.info.editeur or "")
    publisher = {"@type": "foaf:Organization", "foaf:name": publisher_org.nom if publisher_org else site.info.titre}
    datasets = []
    for document in sorted(site.documents.values(), key=lambda d: d.identifiant):
        org = site.organisations[document.organisation]
        page = public_url(base, document_path(document.identifiant))
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
                    "dcat:downloadURL": {"@id": public_url(base, download_path(document.identifiant, ext))},
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
