"""The open data page: every download and the data dictionary."""

from __future__ import annotations

from generator.content.loading import Site
from generator.content.models import (
    Document,
)
from generator.opendata.csv_tables import ACTION_COLUMNS, CONTRIBUTION_COLUMNS
from generator.opendata.downloads import SITE_FILES
from generator.pages import markdown as md
from generator.pages.addresses import DATA_PATH, document_path, download_path
from generator.pages.page import Page
from generator.pages.parts import COLON, HOME_FULL_LIST, finish


def _listed_documents(site: Site) -> list[Document]:
    """Documents a page may list one by one: all of them on a small site, none on a portal."""
    if len(site.documents) > HOME_FULL_LIST:
        return []
    return sorted(site.documents.values(), key=lambda d: (site.organisations[d.organisation].nom, d.titre))


def data_page(site: Site) -> Page:
    """Downloads of the whole site and the data dictionary (the files: generator.opendata)."""

    path = DATA_PATH
    licence = site.info.licence
    lines = [md.heading(1, "Données ouvertes"), ""]
    lines += [
        "Les données de chaque document publié sur ce site sont téléchargeables en CSV (pour un tableur) "
        "et en JSON (le document complet). Elles sont publiées sous la licence "
        + md.link(md.text(licence.nom), licence.adresse)
        + ".",
        "",
        md.heading(2, "L'ensemble du site", "ensemble"),
        "",
    ]
    lines += md.bullets([md.link(md.text(label), md.relative(path, target)) for target, label in SITE_FILES])
    lines += ["", md.heading(2, "Par document", "documents"), ""]
    if len(site.documents) > HOME_FULL_LIST:
        lines += [
            "La page de chaque document offre ses fichiers CSV et JSON; le catalogue DCAT ci-dessus les énumère tous.",
            "",
        ]
    for document in _listed_documents(site):
        org = site.organisations[document.organisation].nom
        lines.append(
            f"- {md.text(org)}, {md.link(md.text(document.titre), md.relative(path, document_path(document.identifiant)))}{COLON} "
            + md.link("CSV", md.relative(path, download_path(document.identifiant, "csv")))
            + ", "
            + md.link("JSON", md.relative(path, download_path(document.identifiant, "json")))
        )
    lines += ["", md.heading(2, "Dictionnaire des données", "dictionnaire"), ""]
    lines += [
        "Les fichiers CSV sont encodés en UTF-8 (avec BOM), les colonnes séparées par des points-virgules, "
        "les nombres écrits avec une virgule décimale et les dates au format AAAA-MM-JJ\u00a0: ils s'ouvrent "
        "tels quels dans Excel réglé en français (Canada). Une cellule dont le texte commence par « = », « + », "
        "« - », « @ », une tabulation ou un retour de chariot est précédée d'une apostrophe (') : un tableur ne "
        "la prend ainsi jamais pour une formule. Retirez cette apostrophe pour retrouver le texte publié.",
        "",
    ]
    for title, anchor, columns, caption in (
        (f"Actions d'un {md.text(site.info.types_de_documents.piar.sigle or 'plan')} (une ligne par action)", "colonnes-actions", ACTION_COLUMNS, "Colonnes des fichiers CSV d'actions"),
        ("Contributions d'une entente (une ligne par contribution)", "colonnes-contributions", CONTRIBUTION_COLUMNS, "Colonnes des fichiers CSV de contributions"),
    ):
        lines += [md.heading(3, title, anchor), ""]
        lines += md.table(["Colonne", "Contenu"], [[f"`{name}`", md.text(meaning)] for name, meaning in columns], caption) + [""]
    lines += [
        md.heading(3, "Fichiers JSON", "json"),
        "",
        "Un fichier JSON par document reprend tous ses champs, tels que décrits dans le guide du format du contenu, "
        "avec son identifiant, son type et ses versions antérieures. Le fichier de l'ensemble du site réunit les documents, "
        "les organisations, les régions et les programmes.",
        "",
        md.heading(3, "Métadonnées", "metadonnees"),
        "",
        "Le catalogue DCAT (JSON-LD) décrit chaque jeu de données (titre, éditeur, licence, dates, fichiers) "
        "pour les portails de données ouvertes comme Données Québec (CKAN). Le flux Atom annonce les nouveaux "
        "documents et les nouvelles versions.",
        "",
    ]
    return Page(path, "Données ouvertes", finish(lines))
