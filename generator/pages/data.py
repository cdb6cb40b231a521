"""The open data page: every download and the data dictionary (from the tables' columns)."""

from __future__ import annotations

from generator.content.loading import Site
from generator.content.models import (
    Document,
    Piar,
)
from generator.opendata import schema_org
from generator.opendata.csv_tables import ACTIONS, CONTRIBUTIONS, DOCUMENTS, INDICATEURS, Table
from generator.opendata.downloads import SITE_FILES
from generator.pages.addresses import document_package_path, indicators_path
from generator.opendata.json_schema import DOCUMENT_SCHEMA_PATH, SITE_SCHEMA_PATH
from generator.pages import markdown as md
from generator.typography import typeset
from generator.pages.addresses import DATA_PATH, document_path, download_path
from generator.pages.page import Page
from generator.pages.parts import COLON, HOME_FULL_LIST, finish

_TYPES = {
    "string": "texte", "integer": "nombre entier", "year": "année (AAAA)", "number": "nombre",
    "date": "date (AAAA-MM-JJ)", "yearmonth": "mois (AAAA-MM)",
}
_UNITS = {"$": "dollars", "%": "pour cent"}


def _listed_documents(site: Site) -> list[Document]:
    """Documents a page may list one by one: all of them on a small site, none on a portal."""
    if len(site.documents) > HOME_FULL_LIST:
        return []
    return sorted(site.documents.values(), key=lambda d: (site.organisations[d.organisation].nom, d.titre))


def _columns(table: Table) -> list[list[str]]:
    return [
        [f"`{c.name}`", md.text(c.title), _TYPES[c.type] + (f", en {_UNITS[c.unit]}" if c.unit else ""), md.text(c.description)]
        for c in table.columns
    ]


def data_page(site: Site, site_url: str = "") -> Page:
    """Downloads of the whole site and the data dictionary (the files: generator.opendata).
    With the site's public address, the page also describes its data for search engines (schema.org)."""

    path = DATA_PATH
    licence = site.info.licence
    rel = lambda target: md.relative(path, target)  # noqa: E731
    lines = [md.heading(1, "Données ouvertes"), ""]
    lines += [
        "Les données de chaque document publié sur ce site sont téléchargeables en CSV (pour les logiciels), "
        "en classeur XLSX (pour un tableur) et en JSON (le document complet). Elles sont publiées sous la licence "
        + md.link(md.text(licence.nom), licence.adresse)
        + f" (adresse\u00a0: <{licence.adresse}>"
        + (f"; identifiant SPDX\u00a0: {md.text(licence.spdx)}" if licence.spdx else "")
        + ").",
        "",
        md.heading(2, "L'ensemble du site", "ensemble"),
        "",
    ]
    lines += md.bullets([md.link(md.text(label), rel(target)) for target, label in SITE_FILES])
    lines += ["", md.heading(2, "Par document", "documents"), ""]
    if len(site.documents) > HOME_FULL_LIST:
        lines += [
            "La page de chaque document offre ses fichiers; le catalogue DCAT ci-dessus les énumère tous.",
            "",
        ]
    for document in _listed_documents(site):
        org = site.organisations[document.organisation].nom
        identifier = document.identifiant
        links = [md.link("CSV", rel(download_path(identifier, "csv")))]
        if isinstance(document, Piar):
            links.append(md.link("indicateurs (CSV)", rel(indicators_path(identifier))))
        links += [md.link("JSON", rel(download_path(identifier, "json"))),
                  md.link("paquet de données", rel(document_package_path(identifier)))]
        lines.append(f"- {md.text(org)}, {md.link(md.text(document.titre), rel(document_path(identifier)))}{COLON} " + ", ".join(links))
    lines += ["", md.heading(2, "Dictionnaire des données", "dictionnaire"), ""]
    lines += [
        typeset(
            "Les fichiers CSV suivent la norme RFC 4180 : encodage UTF-8 sans BOM, colonnes séparées par des virgules, "
            "point comme séparateur décimal, dates au format ISO 8601 (AAAA-MM-JJ, ou AAAA-MM pour un mois), une seule "
            "valeur par case et un seul type par colonne. Pandas, R et csvkit les lisent sans option. Pour un tableur, "
            "prenez plutôt le classeur XLSX : montants et pourcentages y sont des nombres, les dates des dates, avec les "
            "en-têtes en français et ce dictionnaire dans sa propre feuille."
        ),
        "",
        typeset(
            "Une cellule dont le texte commence par « = », « + », « - », « @ », une tabulation ou un retour de chariot "
            "est précédée d'une apostrophe (') : un tableur ne la prend ainsi jamais pour une formule. Retirez cette "
            "apostrophe pour retrouver le texte publié. Dans les classeurs XLSX, le texte est toujours du texte, sans apostrophe."
        ),
        "",
        typeset(
            "Une case qui réunit plusieurs éléments les sépare par « | » (objectifs à atteindre, indicateurs); les numéros "
            "d'objectifs et d'axes du programme d'un même groupe sont reliés par « - », et les groupes séparés par « ; »."
        ),
        "",
    ]
    for table, anchor, caption in (
        (DOCUMENTS, "colonnes-documents", "Colonnes du fichier documents.csv"),
        (ACTIONS, "colonnes-actions", "Colonnes des fichiers CSV d'actions"),
        (INDICATEURS, "colonnes-indicateurs", "Colonnes des fichiers CSV d'indicateurs"),
        (CONTRIBUTIONS, "colonnes-contributions", "Colonnes des fichiers CSV de contributions"),
    ):
        key = ", ".join(f"`{name}`" for name in table.primary_key)
        lines += [md.heading(3, md.text(table.title), anchor), "", md.text(table.description) + f" Clé\u00a0: {key}.", ""]
        lines += md.table(["Colonne", "En-tête du classeur", "Type", "Contenu"], _columns(table), caption) + [""]
    lines += [
        md.heading(3, "Fichiers JSON", "json"),
        "",
        "Un fichier JSON par document reprend tous ses champs, tels que décrits dans le guide du format du contenu, "
        "avec son identifiant, son type, ses versions antérieures, la licence et la provenance des données. Le fichier "
        "de l'ensemble du site réunit les documents, les organisations, les régions et les programmes. Chaque fichier "
        "nomme son schéma JSON dans «\u00a0$schema\u00a0»\u00a0: "
        + md.link("schéma d'un document", rel(DOCUMENT_SCHEMA_PATH)) + ", "
        + md.link("schéma de l'ensemble du site", rel(SITE_SCHEMA_PATH)) + ".",
        "",
        md.heading(3, "Métadonnées", "metadonnees"),
        "",
        typeset(
            "Le catalogue DCAT-AP 3 (JSON-LD) décrit chaque jeu de données (titre, éditeur, personne-ressource, région, "
            "période, thèmes de données, licence, dates) et chacun de ses fichiers (format, taille, empreinte "
            "SHA-256), pour les portails de données ouvertes comme Données Québec (CKAN). Les paquets de données "
            "Frictionless (datapackage.json) donnent le schéma de chaque table : types, unités, descriptions, clés. "
            "Le flux Atom annonce les nouveaux documents et les nouvelles versions."
        ),
        "",
    ]
    base = site_url if site_url.endswith("/") else site_url + "/"
    data = schema_org.json_ld(schema_org.data_page(site, base, SITE_FILES)) if site_url else ""
    return Page(path, "Données ouvertes", finish(lines), json_ld=data)
