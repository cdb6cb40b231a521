"""The site's search: filters for each page, and the Pagefind index of the built site.

Pagefind reads the built HTML and writes, in ``pagefind/`` of the site, an index split into
fragments that the browser loads only when someone searches (``theme_overrides/recherche/``).
Only pages whose template marks their content ``data-pagefind-body`` are indexed: the pages of
the menu (not former versions, schedules, the 404 or the search page itself). Their filters
(region, organisation, document type, programme, objectives and axes, partners, states of the
actions) come from :func:`page_filters`; the theme prints them as ``data-pagefind-filter``.

No site engine here: the MkDocs adapter calls :func:`page_filters` for each page and
:func:`index_site` on the built folder, before the site is published. The index of the same
HTML is the same bytes (Pagefind names its files by their content's hash).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import Document, Entente, Piar, Programme
from generator.pages.addresses import (
    document_path,
    organisation_path,
    programme_path,
    programme_region_path,
    public_url,
    region_path,
)
from generator.pages.parts import documents_by_region, plans_by_region, programme_by_region, programme_name, region_name

FOLDER = "pagefind"  # in the site; recherche.js loads pagefind.js from there
LANGUAGE = "fr"
NO_STATUS = "statut non publié"  # an action whose follow-up is not published: the words of the pages

# Parts of the content that are no text of the page: the edit button, the printed address,
# the chart (its table says the same).
EXCLUDED = (".md-content__button", ".pp-impression", ".pp-graphique")

# What Pagefind writes that the site does not use: its ready-made interfaces (the site has its own)
# and the index reader for pages of no known language.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind",
)  # fmt: skip


class SearchError(Exception):
    """The search index could not be made; the message says why, in French."""


Filters = list[tuple[str, str]]  # (filter, value), in the order printed


def page_filters(site: Site) -> dict[str, Filters]:
    """The search filters of every page of the menu, by page path (``documents/x/index.md``)."""
    filters: dict[str, Filters] = {}
    for region_id, organisations in documents_by_region(site).items():
        region = [("region", region_name(site, region_id))] if region_id in site.regions else []
        filters[region_path(region_id)] = list(region)
        for org_id, documents in organisations.items():
            organisation = [("organisation", site.organisations[org_id].nom)]
            filters[organisation_path(org_id)] = region + organisation
            for document in documents:
                filters[document_path(document.identifiant)] = _document_filters(site, document)
    for programme in site.programmes.values():
        name = [("programme", programme_name(programme))]
        filters[programme_path(programme.identifiant)] = name
        for region_id in plans_by_region(site, programme) if programme_by_region(site, programme) else ():
            region = [("region", region_name(site, region_id))] if region_id in site.regions else []
            filters[programme_region_path(programme.identifiant, region_id)] = name + region
    return filters


def _document_filters(site: Site, document: Document) -> Filters:
    region = site.region_of(document)
    kind = getattr(site.info.types_de_documents, document.type)
    found: Filters = [("region", region.nom)] if region else []
    found += [("organisation", site.organisations[document.organisation].nom), ("type", typo.name_with_acronym(kind.nom, kind.sigle))]
    if isinstance(document, Piar):
        programme = site.programmes[document.programme]
        found.append(("programme", programme_name(programme)))
        several = len(site.programmes) > 1
        for field, word, statements in (("objectifs_programme", "Objectif", programme.objectifs), ("axes_programme", "Axe", programme.axes)):
            texts = {s.numero: s.texte for s in statements}
            numbers = sorted({n for enjeu in document.enjeux for n in enjeu.renvois(field)})  # type: ignore[arg-type]
            key = "objectif" if field == "objectifs_programme" else "axe"
            found += [(key, _statement(programme, word, n, texts.get(n), several)) for n in numbers]
        states = {a.statut.etat if a.statut else NO_STATUS for e in document.enjeux for v in e.volets for a in v.actions}
        found += [("statut", state) for state in sorted(states)]
    elif isinstance(document, Entente) and document.contributions:
        parties = []
        for part in document.contributions.parties:
            org = site.organisations.get(part.organisation or "")
            name = org.nom if org else part.libelle or ""
            if name and name not in parties:
                parties.append(name)
        found += [("partenaire", name) for name in parties]
    return found


def _statement(programme: Programme, word: str, number: int, text: str | None, several: bool) -> str:
    """« Objectif 2 : Développer… », prefixed by the programme's acronym when the site has several."""
    label = f"{word} {number}" + (f"{typo.NBSP}: {text}" if text else "")
    return f"{programme.sigle or programme.nom} — {label}" if several else label


def fallback_links(site: Site) -> list[tuple[str, str]]:
    """(name, address relative to the site's root) of each region page: what the search page offers
    a browser without JavaScript, each region page listing its organisations."""
    return [(region_name(site, r), public_url("", region_path(r))) for r in documents_by_region(site)]


def index_site(site_dir: Path | str) -> tuple[int, float]:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind`` (replaced); (pages, seconds).

    Raises :class:`SearchError` when Pagefind cannot run or finds no page to index.
    """
    site_dir = Path(os.path.abspath(site_dir))
    output = site_dir / FOLDER
    start = time.perf_counter()
    shutil.rmtree(output, ignore_errors=True)  # an incremental build copied the previous index
    try:
        pages = asyncio.run(_index(site_dir, output))
    except FileNotFoundError:
        raise SearchError(
            "l'index de la recherche n'a pas pu être produit : le programme Pagefind est introuvable. "
            "Réinstallez les dépendances (python3 scripts/construire.py les installe)."
        ) from None
    except Exception as error:  # Pagefind reports its own failures as bare exceptions
        raise SearchError(f"l'index de la recherche n'a pas pu être produit (Pagefind : {error}).") from None
    if not pages:
        raise SearchError("l'index de la recherche est vide : aucune page du site n'est marquée pour la recherche.")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return pages, time.perf_counter() - start


async def _index(site_dir: Path, output: Path) -> int:
    from pagefind.index import PagefindIndex  # imported here: only a build that indexes needs it

    config = {"force_language": LANGUAGE, "exclude_selectors": list(EXCLUDED), "output_path": str(output)}
    async with PagefindIndex(config) as index:  # type: ignore[arg-type]
        result = await index.add_directory(str(site_dir))
    return int(result.get("page_count", 0))
