"""Thin MkDocs adapter: hands the core's pages to MkDocs as generated files.

Content is loaded and checked in ``on_pre_build``, before MkDocs empties
``site_dir``: a content error stops the build and leaves the last good site.
Pages and downloads are then computed on the second core where possible
(:mod:`generator.background`): pages are collected in ``on_files``, downloads in
``on_env``, just before MkDocs copies them.
"""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.background import Deferred, in_background
from generator.content import Site, load_site
from generator.problems import ContentError, notices_report
from generator.opendata import FEED_PATH, download_paths, render_downloads
from generator.render import Page, build_nav, join_parts, render_pages

log = get_plugin_logger("plans-publics")

# What each generated file held at the previous build of a site_dir, for `mkdocs serve --dirty`:
# MkDocs rebuilds every plugin-generated file unless told it did not change.
_PREVIOUS: dict[str, dict[str, str]] = {}


_Pages = tuple[dict[str, Page], dict[str, str]]  # pages, hash of each one's Markdown
_Downloads = dict[str, tuple[bytes, str]]  # path → (content, hash)


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
        self.pages: dict[str, Page] = {}
        self.content_dir = Path()
        self.head_titles: dict[str, str] = {}
        self._pending: tuple[tuple[Deferred[_Pages], ...], Deferred[_Downloads]] | None = None
        self._downloads: dict[str, _GeneratedFile] = {}  # registered in on_files, filled in on_env
        self._hashes: dict[str, str] = {}

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
            site = load_site(self.content_dir)
        except ContentError as error:
            raise PluginError(error.report()) from None
        if site.notices:
            # INFO, not WARNING: a notice must not fail `mkdocs build --strict`.
            log.info(notices_report(site.notices))
        site_url = config.site_url or "/"
        # Two children share the pages (on a 2-core machine, this process mostly waits for
        # them until on_files); the second then prepares the downloads, needed in on_env.
        (first,) = in_background(lambda: _pages(site, 0))
        second, downloads = in_background(lambda: _pages(site, 1), lambda: _downloads(site, site_url))
        self._pending = ((first, second), downloads)
        self._downloads = dict.fromkeys(download_paths(site))  # type: ignore[arg-type]
        if self.config.navigation:
            config.nav = _escape_titles(build_nav(site))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self._pending is not None
        parts = [part.result() for part in self._pending[0]]
        self.pages = join_parts([pages for pages, _ in parts])
        digests = {path: digest for _, part_digests in parts for path, digest in part_digests.items()}
        log.info("%d pages générées depuis %s", len(self.pages), self.content_dir.name)
        self._hashes = {}
        for page in self.pages.values():
            # Former versions and schedules are linked from their document, not listed in the menu.
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = self._add(files, config, page.path, inclusion, page.markdown, digests[page.path])
            if page.source and config.edit_uri:
                file.edit_uri = _edit_uri(config, self.content_dir, page.source)
        for path in self._downloads:
            # Registered now so that links to them resolve; their content arrives in on_env.
            self._downloads[path] = self._add(files, config, path, InclusionLevel.INCLUDED)
        return files

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        assert self._pending is not None
        for path, (content, digest) in self._pending[1].result().items():
            file = self._downloads[path]
            file.content_bytes = content
            self._record(file, config, digest)
        _PREVIOUS[config.site_dir] = self._hashes
        self._pending = None
        return env

    def _add(
        self, files: Files, config: MkDocsConfig, path: str, inclusion: InclusionLevel,
        content: str | None = None, digest: str | None = None,
    ) -> _GeneratedFile:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        file = _GeneratedFile.generated(config, path, content=content or "", inclusion=inclusion)
        if digest is not None:
            self._record(file, config, digest)
        files.append(file)
        return file

    def _record(self, file: _GeneratedFile, config: MkDocsConfig, digest: str) -> None:
        """Note the content's hash; under `mkdocs serve --dirty`, an unchanged file is not rewritten."""
        self._hashes[file.src_uri] = digest
        file.unchanged = _PREVIOUS.get(config.site_dir, {}).get(file.src_uri) == digest

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


def _pages(site: Site, part: int) -> _Pages:
    """Half of the pages and the hash of each one's Markdown (work for another core)."""
    pages = render_pages(site, part, 2)
    return pages, {path: _digest(page.markdown.encode("utf-8")) for path, page in pages.items()}


def _downloads(site: Site, site_url: str) -> _Downloads:
    """Each download as the bytes to write, with their hash (work for the second core)."""
    encoded = {path: text.encode("utf-8") for path, text in render_downloads(site, site_url).items()}
    return {path: (content, _digest(content)) for path, content in encoded.items()}


def _digest(content: bytes) -> str:
    return hashlib.sha1(content).hexdigest()


def _valid_toggles(output: str) -> str:
    """Material's base.html (not overridable by block) puts autocomplete on two
    checkboxes, which the Nu Html Checker rejects: drop the attribute there."""
    for toggle in _TOGGLES:
        output = output.replace(toggle + ' autocomplete="off"', toggle, 1)
    return output


_TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"' for name in ("drawer", "search")
)


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
