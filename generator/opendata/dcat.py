"""The DCAT-AP 3 catalogue (JSON-LD), as data portals harvest it: Données Québec (CKAN with
ckanext-dcat), data.europa.eu, any DCAT-AP validator.

One dataset for the whole site and one per document; every download is a distribution with
its own IRI, access and download URLs, IANA media type and EU file type IRIs, byte size and
SHA-256 checksum. Every node a DCAT-AP 3.0.1 shape constrains by class is typed here (a SHACL
validator does not infer types): agents, licence, media types, formats, languages, places,
periods, themes, frequency, contact points, checksums.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from generator.content.loading import Site
from generator.content.models import Entente, Piar, feed_date
from generator.pages.addresses import DATA_PATH, document_path, organisation_path, public_url, region_path

CATALOGUE_PATH = "donnees/catalogue.jsonld"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_EU = "http://publications.europa.eu/resource/authority/"
_IANA = "https://www.iana.org/assignments/media-types/"
FRENCH = {"@id": _EU + "language/FRA", "@type": "dct:LinguisticSystem"}
IRREGULAR = {"@id": _EU + "frequency/IRREG", "@type": "dct:Frequency"}  # documents change when an organisation publishes


@dataclass(frozen=True)
class Format:
    media_type: str  # IANA
    file_type: str  # EU file-type authority
    label: str


FORMATS = {
    "csv": Format("text/csv", "CSV", "CSV"),
    "xlsx": Format("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "XLSX"),
    "json": Format("application/json", "JSON", "JSON"),
    "datapackage": Format("application/json", "JSON", "Data Package (JSON)"),
    "schema": Format("application/schema+json", "JSON", "JSON Schema"),
}

# The EU data themes (an authority table that DCAT-AP and CKAN portals know). Données Québec's own
# categories are not written here: their addresses could not be checked, and a portal maps EU themes.
THEMES = {"piar": ["ECON"], "entente_sectorielle": ["GOVE"]}
EU_THEMES = {"@id": "http://publications.europa.eu/resource/authority/data-theme", "@type": "skos:ConceptScheme",
             "dct:title": {"@value": "Data themes", "@language": "en"}}
_EU_THEME_LABELS = {"ECON": "Économie et finances", "GOVE": "Gouvernement et secteur public"}


@dataclass(frozen=True)
class Distribution:
    """A download as the catalogue lists it: path, title, format key (see FORMATS), bytes,
    and, for data files, the schema it conforms to."""

    path: str
    title: str
    format: str
    content: bytes
    conforms_to: str | None = None


def _literal(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "fr"}


def _date(value: dt.date) -> dict[str, str]:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def licence_node(site: Site) -> dict[str, Any]:
    licence = site.info.licence
    node: dict[str, Any] = {"@id": licence.adresse, "@type": "dct:LicenseDocument", "dct:title": licence.nom}
    if licence.spdx:
        node["dct:identifier"] = licence.spdx
    return node


def agent(iri: str, name: str) -> dict[str, Any]:
    return {"@id": iri, "@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": name}


def _themes(kind: str) -> list[dict[str, Any]]:
    themes = []
    for eu in THEMES[kind]:
        themes.append({"@id": _EU + "data-theme/" + eu, "@type": "skos:Concept", "skos:prefLabel": _literal(_EU_THEME_LABELS[eu])})
    return themes


def distribution(base: str, owner: str, item: Distribution, licence: dict[str, Any]) -> dict[str, Any]:
    fmt = FORMATS[item.format]
    url = public_url(base, item.path)
    node: dict[str, Any] = {
        "@id": owner + "/distribution/" + item.path.rsplit("/", 1)[-1],
        "@type": "dcat:Distribution",
        "dct:title": _literal(item.title),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": _IANA + fmt.media_type, "@type": "dct:MediaType"},
        "dct:format": {"@id": _EU + "file-type/" + fmt.file_type, "@type": "dct:MediaTypeOrExtent"},
        "dcat:byteSize": {"@value": str(len(item.content)), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256", "@type": "spdx:ChecksumAlgorithm"},
            "spdx:checksumValue": {"@value": hashlib.sha256(item.content).hexdigest(), "@type": "xsd:hexBinary"},
        },
        "dct:license": licence,
        "dct:language": FRENCH,
    }
    if item.conforms_to:
        node["dct:conformsTo"] = {"@id": public_url(base, item.conforms_to), "@type": "dct:Standard"}
    return node


def _contact(site: Site, document: Piar | Entente, base: str) -> dict[str, Any]:
    """The entente's contact person; for a plan (which names none), its organisation."""
    org = site.organisations[document.organisation]
    contact = getattr(document, "contact", None)
    if contact is not None:
        node: dict[str, Any] = {"@type": ["vcard:Kind", "vcard:Individual"], "vcard:fn": contact.nom}
        if contact.fonction:
            node["vcard:title"] = contact.fonction
        if contact.organisation and contact.organisation in site.organisations:
            node["vcard:organization-name"] = site.organisations[contact.organisation].nom
        if contact.courriel:
            node["vcard:hasEmail"] = {"@id": "mailto:" + contact.courriel}
        if contact.telephone:
            digits = "".join(c for c in contact.telephone if c.isdigit())
            digits = digits[1:] if len(digits) == 11 else digits
            node["vcard:hasTelephone"] = {"@id": "tel:+1-" + f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"}
        return node
    node = {"@type": ["vcard:Kind", "vcard:Organization"], "vcard:fn": org.nom}
    node["vcard:hasURL"] = {"@id": org.site_web or public_url(base, organisation_path(document.organisation))}
    return node


def _temporal(document: Piar | Entente) -> dict[str, Any]:
    if isinstance(document, Entente):
        return {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": str(document.periode.debut), "@type": "xsd:gYear"},
            "dcat:endDate": {"@value": str(document.periode.fin), "@type": "xsd:gYear"},
        }
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": _date(document.date_du_plan)}


def dataset(site: Site, base: str, document: Piar | Entente, files: list[Distribution], licence: dict[str, Any]) -> dict[str, Any]:
    org = site.organisations[document.organisation]
    page = public_url(base, document_path(document.identifiant))
    kind = getattr(site.info.types_de_documents, document.type)
    region = site.region_of(document)
    iri = page + "#donnees"
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "dcat:Dataset",
        "dct:identifier": document.identifiant,
        "dct:title": _literal(f"{document.titre} — {org.nom}"),
        "dct:description": _literal(f"{kind.nom} publié par {org.nom}, en données ouvertes : "
                                    + ("ses actions, leurs échéances et leur suivi, ses indicateurs." if isinstance(document, Piar)
                                       else "ses objectifs, sa gouvernance et les contributions de ses partenaires.")),
        "dct:language": FRENCH,
        "dct:publisher": agent(public_url(base, organisation_path(document.organisation)), org.nom),
        "dct:license": licence,
        "dcat:landingPage": {"@id": page, "@type": "foaf:Document"},
        "dcat:keyword": [_literal(k) for k in sorted({kind.nom, org.nom, *(kind.sigle and [kind.sigle] or [])}
                                                      | ({region.nom} if region else set()))],
        "dcat:theme": _themes(document.type),
        "dct:accrualPeriodicity": IRREGULAR,
        "dcat:contactPoint": _contact(site, document, base),
        "dct:temporal": _temporal(document),
        "dcat:distribution": [distribution(base, iri, f, licence) for f in files],
    }
    if region is not None:
        node["dct:spatial"] = {"@id": public_url(base, region_path(region.identifiant)), "@type": "dct:Location",
                               "locn:geographicName": _literal(region.nom)}
    issued = getattr(document, "date_du_plan", None) or (site.versions.get(document.identifiant, ((None,),))[0][0])
    if issued:
        node["dct:issued"] = _date(issued)
    if document.mise_a_jour:
        node["dct:modified"] = _date(document.mise_a_jour)
    versions = site.versions.get(document.identifiant, ())
    if versions:
        node["dcat:version"] = feed_date(document).isoformat()
    return node


def catalogue(site: Site, base: str, documents: dict[str, list[Distribution]], whole_site: list[Distribution]) -> dict[str, Any]:
    """The catalogue: the whole site's dataset first, then one per document (sorted)."""
    licence = licence_node(site)
    publisher_org = site.organisations.get(site.info.editeur or "")
    publisher = (agent(public_url(base, organisation_path(site.info.editeur or "")), publisher_org.nom) if publisher_org
                 else agent(base, site.info.titre))
    data_page = public_url(base, DATA_PATH)
    site_iri = data_page + "#donnees"
    dates = [feed_date(d) for d in site.documents.values()]
    site_dataset: dict[str, Any] = {
        "@id": site_iri,
        "@type": "dcat:Dataset",
        "dct:identifier": "plans-publics",
        "dct:title": _literal(f"{site.info.titre} : toutes les données"),
        "dct:description": _literal("Tous les documents publiés sur le site, leurs actions, indicateurs et contributions, "
                                    "en JSON, en CSV et en classeurs XLSX, avec leur dictionnaire de données."),
        "dct:language": FRENCH,
        "dct:publisher": publisher,
        "dct:license": licence,
        "dcat:landingPage": {"@id": data_page, "@type": "foaf:Document"},
        "dcat:theme": _themes("piar") + _themes("entente_sectorielle"),
        "dct:accrualPeriodicity": IRREGULAR,
        "dcat:keyword": [_literal(k) for k in ("MRC", "PIAR", "entente sectorielle", "Québec")],
        "dcat:distribution": [distribution(base, site_iri, f, licence) for f in whole_site],
    }
    if dates:
        site_dataset["dct:modified"] = _date(max(dates))
    datasets = [site_dataset] + [
        dataset(site, base, site.documents[identifier], documents[identifier], licence) for identifier in sorted(documents)
    ]
    catalog: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": base + CATALOGUE_PATH + "#catalogue",
        "@type": "dcat:Catalog",
        "dct:title": _literal(site.info.titre),
        "dct:description": _literal(site.info.description),
        "dct:language": FRENCH,
        "dct:publisher": publisher,
        "dct:license": licence,
        "foaf:homepage": {"@id": base, "@type": "foaf:Document"},
        "dcat:themeTaxonomy": EU_THEMES,
        "dcat:dataset": datasets,
    }
    if dates:
        catalog["dct:modified"] = _date(max(dates))
    return catalog
