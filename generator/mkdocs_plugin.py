"""Thin MkDocs adapter: hands the core's pages to MkDocs as generated files.

Content is loaded and checked in ``on_pre_build``, before MkDocs empties
``site_dir``: a content error stops the build and leaves the last good site.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.content import Site, load_site
from generator.problems import ContentError, notices_report
from generator.opendata import FEED_PATH, render_downloads
from generator.render import Page, build_nav, render_pages

log = get_plugin_logger("plans-publics")

# What each generated file held at the previous build of a site_dir, for `mkdocs serve --dirty`:
# MkDocs rebuilds every plugin-generated file unless told it did not change.
_PREVIOUS: dict[str, dict[str, str]] = {}


class _GeneratedFile(File):
    """A generated page or download that knows whether its content changed since the last build."""

    unchanged = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


class PlansPublicsConfig(Config):
    contenu = c.Optional(c.Type(str))  # content folder; defaults to docs_dir
    navigation = c.Type(bool, default=True)  # replace the nav with regions → organisations → documents


class PlansPublicsPlugin(BasePlugin[PlansPublicsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.pages: dict[str, Page] = {}
        self.content_dir = Path()
        self.head_titles: dict[str, str] = {}
        self.downloads: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        folder = self.config.contenu
        if folder:
            base = Path(config.config_file_path or ".").parent
            self.content_dir = (base / folder).resolve()
        else:
            self.content_dir = Path(config.docs_dir).resolve()
        if str(self.content_dir) not in config.watch:
            config.watch.append(str(self.content_dir))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        try:
            self.site = load_site(self.content_dir)
        except ContentError as error:
            raise PluginError(error.report()) from None
        if self.site.notices:
            # INFO, not WARNING: a notice must not fail `mkdocs build --strict`.
            log.info(notices_report(self.site.notices))
        self.pages = render_pages(self.site)
        self.downloads = render_downloads(self.site, config.site_url or "/")
        if self.config.navigation:
            config.nav = _escape_titles(build_nav(self.site))
        log.info("%d pages générées depuis %s", len(self.pages), self.content_dir.name)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        previous = _PREVIOUS.get(config.site_dir, {})
        current: dict[str, str] = {}

        def add(path: str, content: str, inclusion: InclusionLevel) -> _GeneratedFile:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            file = _GeneratedFile.generated(config, path, content=content, inclusion=inclusion)
            current[path] = hashlib.sha1(content.encode("utf-8")).hexdigest()
            file.unchanged = previous.get(path) == current[path]
            files.append(file)
            return file

        for page in self.pages.values():
            # Former versions and schedules are linked from their document, not listed in the menu.
            file = add(page.path, page.markdown, InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV)
            if page.source and config.edit_uri:
                file.edit_uri = _edit_uri(config, self.content_dir, page.source)
        for path, text in self.downloads.items():
            add(path, text, InclusionLevel.INCLUDED)
        _PREVIOUS[config.site_dir] = current
        return files


    def on_pre_page(self, page, config, files):  # type: ignore[no-untyped-def]
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return page
        # Themes print page.title as HTML: the title from content is set escaped, once,
        # before the Markdown's h1 could supply an unescaped one.
        page.title = html.escape(generated.title, quote=False)
        self.head_titles[page.file.src_uri] = html.escape(generated.head_title or generated.title, quote=False)
        if generated.date is not None:
            # sitemap.xml and its .gz take their dates from here: the content's, not today's.
            page.update_date = generated.date.isoformat()
        return page


    def on_page_context(self, context, page, config, nav):  # type: ignore[no-untyped-def]
        context["titre_onglet"] = self.head_titles.get(page.file.src_uri)
        context["flux_atom"] = FEED_PATH
        generated = self.pages.get(page.file.src_uri)
        context["graphique"] = generated.chart if generated else ()
        context["hors_menu"] = bool(generated and not generated.in_nav)
        return context

    def on_post_page(self, output: str, page, config):  # type: ignore[no-untyped-def]
        return _valid_toggles(output)

    def on_post_template(self, output_content: str, template_name: str, config):  # type: ignore[no-untyped-def]
        return _valid_toggles(output_content) if template_name.endswith(".html") else output_content


def _valid_toggles(output: str) -> str:
    """Material's base.html (not overridable by block) puts autocomplete on two
    checkboxes, which the Nu Html Checker rejects: drop the attribute there."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)


_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" [^>]*type="checkbox" id="__(?:drawer|search)") autocomplete="off"')


def _escape_titles(nav: list) -> list:  # type: ignore[type-arg]
    """MkDocs themes print nav titles as HTML: titles from content must be escaped."""
    escaped = []
    for item in nav:
        if isinstance(item, dict):
            escaped.append({html.escape(k, quote=False): _escape_titles(v) if isinstance(v, list) else v for k, v in item.items()})
        else:
            escaped.append(item)
    return escaped


def _edit_uri(config: MkDocsConfig, content_dir: Path, source: str) -> str:
    """Edit links point at the YAML file staff edit; MkDocs joins this path to edit_uri,
    which names the docs folder in the repository."""
    return Path(os.path.relpath(content_dir / source, config.docs_dir)).as_posix()
