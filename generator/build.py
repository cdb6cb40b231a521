"""The whole generator in one call: content folder in, menu, pages and downloads out.

The MkDocs adapter, the ``exporter`` command and the benchmark all call
:func:`build_site`, in the calling process: the same content gives the same bytes
whatever calls it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.loading import Site, load_site
from generator.content.problems import ContentError, Problem
from generator.opendata.downloads import render_downloads
from generator.pages.addresses import is_inside_site
from generator.pages.menu import build_nav
from generator.pages.publication import attachment_files, permanent_addresses
from generator.pages.page import NavItem, Page
from generator.pages.site import render_pages


@dataclass(frozen=True)
class SiteBuild:
    """Everything a site engine needs; texts are final (escaped for their format)."""

    site: Site
    nav: list[NavItem]
    pages: dict[str, Page]  # path → page, in the menu's order
    downloads: dict[str, str | bytes]  # path → text (CSV, JSON, Atom…) or bytes (XLSX workbooks)
    attachments: dict[str, Path] = field(default_factory=dict)  # path → a filed document, published as is


def build_site(content_dir: Path | str, site_url: str) -> SiteBuild:
    """Load and check ``content_dir``, then render every page and download.

    Raises :class:`~generator.content.problems.ContentError` listing every problem of every file.
    """
    site = load_site(content_dir)
    downloads = {**render_downloads(site, site_url), **permanent_addresses(site)}
    built = SiteBuild(site, build_nav(site), render_pages(site, site_url), downloads, {**attachment_files(site), **site.site_files})
    outside = [path for path in (*built.pages, *built.downloads, *built.attachments) if not is_inside_site(path)]
    if outside:  # identifiers are checked as slugs; this is the last guard before files are written
        raise ContentError([Problem(site.root.name, None, None, "", f"adresse de fichier refusée : « {path} ».") for path in outside])
    return built
