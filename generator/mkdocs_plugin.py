"""Thin MkDocs adapter: hands the core's pages to MkDocs as generated files.

The work is a :class:`~generator.preparation.Preparation`: where possible it runs in
child processes, on the machine's other core, while MkDocs gathers the theme's
files and converts pages. The verdict and the list of pages are collected in
``on_files``; each page's Markdown when MkDocs first reads it (pages arrive in
chunks, in MkDocs' order); the downloads in ``on_env``, just before MkDocs copies
them. This process never imports the models.

A content error stops the build and leaves the last good site: when the verdict
comes after ``on_pre_build`` (MkDocs then empties ``site_dir``), the previous site
is first moved aside, and put back if the content has an error.
"""

from __future__ import annotations

import functools
import html
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.background import Deferred, in_background
from generator.pages import FEED_PATH, Page
from generator.preparation import CHUNKS, Preparation, Verdict
from generator.problems import ContentError, notices_report

log = get_plugin_logger("plans-publics")

# What each generated file held at the previous build of a site_dir, for `mkdocs serve --dirty`:
# MkDocs rebuilds every plugin-generated file unless told it did not change.
_PREVIOUS: dict[str, dict[str, str]] = {}


class _GeneratedFile(File):
    """A generated page or download that knows whether its content changed since the last build.

    A page's content may come later: ``fetch`` then fills it in on first use.
    """

    unchanged = False
    fetch: Callable[[], None] | None = None

    def fill(self) -> None:
        """Wait for the content (and its hash), if it has not come yet."""
        if self.fetch is not None:
            fetch, self.fetch = self.fetch, None
            fetch()

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:  # what MkDocs' File reads for content_string, copy_file...
        self.fill()
        return self.__dict__.get("_stored")

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.__dict__["_stored"] = value

    def is_modified(self) -> bool:
        self.fill()  # the hash arrives with the content
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
        self._dirty = False
        self._preparation: Preparation | None = None
        self._checked = False
        self._aside: _SetAside | None = None  # the previous site, while the verdict is pending
        self._removal: Deferred[None] | None = None
        self._files: dict[str, _GeneratedFile] = {}  # pages, registered in on_files, filled in as MkDocs reads them
        self._downloads: dict[str, _GeneratedFile] = {}  # registered in on_files, filled in on_env
        self._hashes: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._dirty = dirty

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
        self._preparation = Preparation(self.content_dir, config.site_url or "/")
        self._checked = False
        self._aside = None
        if self._preparation.parallel and not self._dirty:
            self._aside = _SetAside.of(Path(config.site_dir))
        if self._aside is None:
            self._check(config)  # here, before MkDocs empties site_dir

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        verdict = self._check(config)
        log.info("%d pages générées depuis %s", len(verdict.pages), self.content_dir.name)
        self.pages = {}
        self._hashes = {}
        self._files = {}
        for k in range(CHUNKS):
            start, stop = verdict.chunk(k)
            fetch = functools.partial(self._fetch, k, config)
            for planned in verdict.pages[start:stop]:
                # Former versions and schedules are linked from their document, not listed in the menu.
                inclusion = InclusionLevel.INCLUDED if planned.in_nav else InclusionLevel.NOT_IN_NAV
                file = self._add(files, config, planned.path, inclusion)
                file.fetch = fetch
                if planned.source and config.edit_uri:
                    file.edit_uri = _edit_uri(config, self.content_dir, planned.source)
                self._files[planned.path] = file
        # Registered now so that links to them resolve; their content arrives in on_env.
        self._downloads = {path: self._add(files, config, path, InclusionLevel.INCLUDED) for path in verdict.download_paths}
        return files

    def _fetch(self, k: int, config: MkDocsConfig) -> None:
        """Fill in the pages of chunk ``k``: the first read of any of them waits for the whole chunk."""
        assert self._preparation is not None
        pages, digests = self._preparation.chunk(k)
        for path, page in pages.items():
            file = self._files[path]
            file.fetch = None
            file.content_string = page.markdown
            self._record(file, config, digests[path])
            self.pages[path] = page

    def _page(self, path: str) -> Page | None:
        file = self._files.get(path)
        if file is not None:
            file.fill()
        return self.pages.get(path)

    def _check(self, config: MkDocsConfig) -> Verdict:
        """The preparation's verdict: stop on content errors (putting the previous site back), else set the menu."""
        assert self._preparation is not None
        verdict = self._preparation.verdict()
        if self._checked:
            return verdict
        self._checked = True
        aside, self._aside = self._aside, None
        if verdict.errors:
            self._preparation.close()
            if aside is not None:
                aside.put_back()
            raise PluginError(ContentError(list(verdict.errors)).report())
        if aside is not None:
            self._removal = aside.remove_in_background()
        if verdict.notices:
            # INFO, not WARNING: a notice must not fail `mkdocs build --strict`.
            log.info(notices_report(verdict.notices))
        if self.config.navigation:
            config.nav = _escape_titles(list(verdict.nav))
        return verdict

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        assert self._preparation is not None
        for file in self._files.values():  # pages MkDocs did not read (dirty builds) still have a hash to record
            file.fill()
        for path, (content, digest) in self._preparation.downloads().items():
            file = self._downloads[path]
            file.content_bytes = content
            self._record(file, config, digest)
        _PREVIOUS[config.site_dir] = self._hashes
        self._preparation.close()
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._removal is not None:
            self._removal.result()  # the previous site is gone before the build returns
            self._removal = None

    def _add(self, files: Files, config: MkDocsConfig, path: str, inclusion: InclusionLevel) -> _GeneratedFile:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        file = _GeneratedFile.generated(config, path, content="", inclusion=inclusion)
        files.append(file)
        return file

    def _record(self, file: _GeneratedFile, config: MkDocsConfig, digest: str) -> None:
        """Note the content's hash; under `mkdocs serve --dirty`, an unchanged file is not rewritten."""
        self._hashes[file.src_uri] = digest
        file.unchanged = _PREVIOUS.get(config.site_dir, {}).get(file.src_uri) == digest

    def on_pre_page(self, page, config, files):  # type: ignore[no-untyped-def]
        generated = self._page(page.file.src_uri)
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


class _SetAside:
    """The previous site's files, moved (renamed) out of site_dir while the content is checked.

    MkDocs then has nothing to delete; the files are put back if the content has an
    error, and removed by a child process otherwise. Hidden entries (``.git`` of a
    publishing worktree) stay in place, as MkDocs itself leaves them.
    """

    def __init__(self, site: Path, folder: Path | None, moved: list[str]) -> None:
        self.site = site
        self.folder = folder
        self.moved = moved

    @classmethod
    def of(cls, site: Path) -> _SetAside | None:
        """Move the previous site aside; None if that failed (the content must then be checked first)."""
        try:
            names = sorted(n for n in os.listdir(site) if not n.startswith("."))
        except FileNotFoundError:
            return cls(site, None, [])
        except OSError:
            return None
        if not names:
            return cls(site, None, [])
        folder = site.parent / f".{site.name}.plans-publics-precedent"
        aside = cls(site, folder, [])
        try:
            if folder.exists():
                shutil.rmtree(folder)  # left by an interrupted build
            folder.mkdir()
            for name in names:
                os.rename(site / name, folder / name)
                aside.moved.append(name)
        except OSError:
            aside.put_back()
            return None
        return aside

    def put_back(self) -> None:
        if self.folder is None:
            return
        for name in self.moved:
            os.rename(self.folder / name, self.site / name)
        shutil.rmtree(self.folder, ignore_errors=True)

    def remove_in_background(self) -> Deferred[None] | None:
        if self.folder is None:
            return None
        folder = self.folder
        (removal,) = in_background(lambda: shutil.rmtree(folder, ignore_errors=True))
        return removal
