"""The whole site's pages, in order: the one place that lists every page family."""

from __future__ import annotations

import dataclasses
import functools
from typing import Callable

from generator import typography as typo
from generator.content.loading import Site
from generator.opendata import schema_org
from generator.content.models import (
    Document,
    Entente,
    Piar,
    version_date,
)
from generator.pages.addresses import (
    document_path,
    version_path,
)
from generator.pages.data import data_page
from generator.pages.entente import contributions_chart, entente_lines
from generator.pages.glossary import abbreviations, glossary_page
from generator.pages.home import home_page, region_page
from generator.pages.organisation import organisation_page
from generator.pages.page import Page
from generator.pages.parts import (
    Archive,
    documents_by_region,
    finish,
    latest_date,
    plans_by_region,
    programme_by_region,
    short_title,
)
from generator.pages.piar import piar_lines
from generator.pages.programme import programme_page, programme_region_page
from generator.pages.schedule import schedule_page


def _plan(site: Site, site_url: str) -> list[tuple[str, bool, Callable[[], Page]]]:
    """Each page of the site, in order: its source file (relative to the content folder),
    whether the menu lists it, and how to render it."""
    plan: list[tuple[str, bool, Callable[[], Page]]] = [("site.yml", True, lambda: home_page(site))]
    portal = site.single_organisation is None  # a single organisation's menu has no region level
    for region_id, organisations in documents_by_region(site).items():
        plan.append(("regions.yml", portal, functools.partial(region_page, site, region_id, organisations)))
    for org_id in sorted({d.organisation for d in site.documents.values()}):
        plan.append((f"organisations/{org_id}.yml", portal, functools.partial(organisation_page, site, org_id, site_url)))
    for document in site.documents.values():
        plan.append((document.source, True, functools.partial(_document_page, site, document, site_url=site_url)))
        # Schedules and former versions are reached from their document, not from the menu.
        if isinstance(document, Piar):
            plan.append((document.source, False, functools.partial(schedule_page, site, document)))
        versions = site.versions.get(document.identifiant, ())
        for index, (date, version) in enumerate(versions):
            newer = versions[index + 1][0] if index + 1 < len(versions) else version_date(document)
            plan.append((version.source, False, functools.partial(_document_page, site, version, archived=(date, newer), site_url=site_url)))
    plan.append(("site.yml", True, lambda: data_page(site)))
    for programme in site.programmes.values():
        source = f"programmes/{programme.identifiant}.yml"
        plan.append((source, True, functools.partial(programme_page, site, programme)))
        if programme_by_region(site, programme):
            for region_id in plans_by_region(site, programme):
                plan.append((source, True, functools.partial(programme_region_page, site, programme, region_id)))
    if site.glossary:
        plan.append(("glossaire.yml", True, lambda: glossary_page(site)))
    return plan


def render_pages(site: Site, site_url: str = "") -> dict[str, Page]:
    """Every page of the site, keyed by its path, in order; ``site_url`` (the public address) for
    the citations' permanent addresses, else relative links."""
    latest = latest_date(site.documents.values())
    by_path: dict[str, Document] = {document_path(d.identifiant): d for d in site.documents.values()}
    for identifier, versions in site.versions.items():
        by_path.update({version_path(identifier, date): v for date, v in versions})
    finished = {}
    for source, in_nav, build in _plan(site, site_url):
        page = build()
        document = by_path.get(page.path)
        date = (latest_date([document]) if document else None) or latest
        chart = contributions_chart(site, document) if isinstance(document, Entente) else ()
        markdown = page.markdown + abbreviations(site, page.markdown)
        finished[page.path] = dataclasses.replace(page, source=source, in_nav=in_nav, date=date, chart=chart, markdown=markdown)
    return finished


def _document_page(site: Site, document: Document, archived: Archive | None = None, *, site_url: str = "") -> Page:
    path = version_path(document.identifiant, archived[0]) if archived else document_path(document.identifiant)
    if isinstance(document, Piar):
        lines = piar_lines(site, document, path, archived, site_url=site_url)
        head = f"{document.titre} — {site.organisations[document.organisation].nom}"
    else:
        lines = entente_lines(site, document, path, archived, site_url=site_url)
        head = document.titre
    if archived:
        head += f" (version du {typo.date(archived[0])})"
        title = f"Version du {typo.date(archived[0])}"
    else:
        title = short_title(site, document)
    # For search engines, the current version's data as a schema.org Dataset (the theme puts it in the head).
    data = schema_org.json_ld(schema_org.document(site, site_url, document)) if site_url and not archived else ""
    return Page(path, title, finish(lines), head_title=head, json_ld=data)
