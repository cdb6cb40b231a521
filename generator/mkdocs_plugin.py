"""Thin MkDocs adapter: hands the core's pages and downloads to MkDocs as generated files.

Everything is computed in ``on_pre_build``, in this process, before MkDocs empties its
output folder: a content error stops the build there. ``mkdocs build`` writes into a
staging folder beside ``site_dir``, which :mod:`generator.publishing` swaps in only
once the whole build succeeded (see ``documentation/construction.md``).

``mkdocs serve`` (the preview) never stops on a content error: it keeps the last good pages
(or, before any, a home page that says so) and shows the errors in a banner at the top of
every page it serves, so that no request waits for a build that cannot succeed.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build import SiteBuild, build_site
from generator.content.problems import ContentError, Problem, notices_report
from generator.pages.addresses import FEED_PATH
from generator.preview import BannerApp
from generator.publishing import PublishError, Publication
from generator.search import FOLDER as SEARCH_FOLDER, SearchError, fallback_links, index_site, page_filters

log = get_plugin_logger("plans-publics")

# The hash of each generated file at the previous build of a site_dir, for `mkdocs serve --dirty`:
# MkDocs rewrites every plugin-generated file unless told it did not change.
_PREVIOUS: dict[str, dict[str, str]] = {}


class _GeneratedFile(File):
    """A generated page or download that knows whether it changed since the previous build."""

    unchanged = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


class _WarningCounter(logging.Handler):
    """Counts MkDocs' warnings: under --strict they fail the build after ``on_post_build``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PlansPublicsConfig(Config):
    contenu = c.Optional(c.Type(str))  # content folder; defaults to docs_dir
    navigation = c.Type(bool, default=True)  # replace the nav with regions → organisations → documents


class PlansPublicsPlugin(BasePlugin[PlansPublicsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content_dir = Path()
        self.built: SiteBuild | None = None
        self._command = "build"
        self._dirty = False
        self._publication: Publication | None = None
        self._warnings = _WarningCounter()
        # Preview only: the banner listing content errors (None when content is fine), and what
        # was last logged, so that a rebuild repeats neither errors nor notices in the terminal.
        self._banner: bytes | None = None
        self._logged_errors = ""
        self._logged_notices = ""
        # Search: each page's filters; whether the preview's index was made from a site (see _index).
        self._filters: dict[str, list[tuple[str, str]]] = {}
        self._preview_indexed = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty
        # MkDocs keeps one instance per process: a new command starts from no site.
        self.built, self._banner, self._logged_errors, self._logged_notices = None, None, "", ""
        self._filters, self._preview_indexed = {}, False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        folder = self.config.contenu
        base = Path(config.config_file_path or ".").parent
        self.content_dir = (base / folder).resolve() if folder else Path(config.docs_dir).resolve()
        if str(self.content_dir) not in config.watch:
            config.watch.append(str(self.content_dir))
        if self._command != "serve":  # `mkdocs serve` builds into a temporary folder of its own
            try:
                self._publication = Publication.start(Path(config.site_dir), copy_previous=self._dirty, on_wait=log.info)
            except PublishError as error:
                raise PluginError(str(error)) from None
            config.site_dir = str(self._publication.staging)
        self._warnings.count = 0
        logging.getLogger("mkdocs").addHandler(self._warnings)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        try:
            self.built = build_site(self.content_dir, config.site_url or "/")
        except ContentError as error:
            if self._command != "serve":
                raise PluginError(error.report()) from None
            self._show_errors(error.problems, config)
        except Exception as error:
            if self._command != "serve":
                raise
            # Not a content error but a fault of the generator: the preview must not hang on it either.
            fault = Problem(
                self.content_dir.name, None, None, "",
                f"erreur inattendue du générateur ({error.__class__.__name__}\u00a0: {error}). Annulez la dernière "
                "modification, ou transmettez le message du terminal à la personne qui s'occupe du projet.",
            )
            self._show_errors([fault], config, error)
        else:
            self._errors_fixed()
            notices = notices_report(self.built.site.notices)
            if notices and (self._command != "serve" or notices != self._logged_notices):
                # INFO, not WARNING: a notice must not fail `mkdocs build --strict`.
                log.info(notices)
            self._logged_notices = notices
        if self.config.navigation and self.built is not None:
            config.nav = _escape_titles(self.built.nav)
        own = self.built.site.info.site_d_une_organisation if self.built else None
        if own is not None and own.favicon:
            config.theme["favicon"] = f"assets/organisation/{own.favicon}"
        if self.built is not None:
            self._filters = page_filters(self.built.site)

    def _show_errors(self, problems: list[Problem], config: MkDocsConfig, fault: Exception | None = None) -> None:
        """Preview: keep the last good site (``self.built``), put the errors in the banner, log them once."""
        report = ContentError(problems).report()
        if report != self._logged_errors:
            shown = (
                "L'aperçu montre la dernière version correcte du site, avec ces erreurs en haut de chaque page"
                if self.built
                else "L'aperçu ne peut pas encore montrer le site\u00a0: sa page d'accueil liste ces erreurs"
            )
            # Not a warning under strict mode: MkDocs would abort the rebuild and the preview would hang.
            (log.info if config.strict else log.warning)(
                f"{report}\n{shown}; il se mettra à jour dès que le fichier corrigé sera enregistré.",
                exc_info=fault,
            )
            self._logged_errors = report
        template = config.theme.get_env().get_template("partials/apercu-erreurs.html")
        shown = problems[:_BANNER_MAX]
        self._banner = template.render(
            problemes=shown, autres=len(problems) - len(shown), total=len(problems), site_correct=self.built is not None,
        ).encode("utf-8")

    def _errors_fixed(self) -> None:
        if self._logged_errors:
            log.info("Contenu corrigé\u00a0: l'aperçu montre de nouveau le site à jour.")
        self._banner, self._logged_errors = None, ""

    def on_serve(self, server, config, builder):  # type: ignore[no-untyped-def]
        """The preview's server hands every response through :class:`_BannerApp` (standard WSGI)."""
        server.set_app(BannerApp(server.get_app(), self.banner))
        return server

    def banner(self) -> bytes | None:
        """The banner to insert into every HTML page served, or None: read by the server's threads."""
        return self._banner

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        _only_theme_files(files, config)  # nothing of the content folder is published as is
        previous = _PREVIOUS.get(config.site_dir, {})
        hashes: dict[str, str] = {}
        generated: list[tuple[str, str | bytes, InclusionLevel, str | None]]  # bytes: XLSX workbooks
        if self.built is None:  # preview of content broken from the start: a home page that says so
            generated = [("index.md", _NO_SITE_YET, InclusionLevel.INCLUDED, None)]
        else:
            if self._banner is None:
                log.info("%d pages générées depuis %s", len(self.built.pages), self.content_dir.name)
            generated = [
                # Former versions and schedules are linked from their document, not listed in the menu.
                (path, page.markdown, InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV, page.source)
                for path, page in self.built.pages.items()
            ]
            generated += [(path, text, InclusionLevel.INCLUDED, None) for path, text in self.built.downloads.items()]
        for path, copied in (self.built.attachments.items() if self.built else ()):  # filed documents, as they were filed
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, abs_src_path=str(copied)))
        for path, text, inclusion, source in generated:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            file = _GeneratedFile.generated(config, path, content=text, inclusion=inclusion)
            hashes[path] = hashlib.sha1(text if isinstance(text, bytes) else text.encode("utf-8")).hexdigest()
            file.unchanged = previous.get(path) == hashes[path]
            if source and config.edit_uri:
                file.edit_uri = _edit_uri(config, self.content_dir, source)
            files.append(file)
        _PREVIOUS[config.site_dir] = hashes
        return files

    def on_pre_page(self, page, config, files):  # type: ignore[no-untyped-def]
        generated = self.built.pages.get(page.file.src_uri) if self.built else None
        if generated is None:
            return page
        # Themes print page.title as HTML: the title from content is set escaped, once,
        # before the Markdown's h1 could supply an unescaped one.
        page.title = html.escape(generated.title, quote=False)
        if generated.date is not None:
            # sitemap.xml and its .gz take their dates from here: the content's, not today's.
            page.update_date = generated.date.isoformat()
        return page

    def on_page_context(self, context, page, config, nav):  # type: ignore[no-untyped-def]
        generated = self.built.pages.get(page.file.src_uri) if self.built else None
        if generated is not None:
            context["titre_onglet"] = html.escape(generated.head_title or generated.title, quote=False)
        context["flux_atom"] = FEED_PATH
        context["json_ld"] = generated.json_ld if generated else ""
        context["organisation_du_site"] = self._single_organisation()
        context["graphique"] = generated.chart if generated else ()
        context["hors_menu"] = bool(generated and not generated.in_nav)
        # Search: the pages of the menu are indexed, with their filters (partials/recherche-filtres.html).
        context["recherche_indexee"] = bool(generated and generated.in_nav)
        context["recherche_filtres"] = self._filters.get(page.file.src_uri, [])
        return context

    def on_template_context(self, context, template_name, config):  # type: ignore[no-untyped-def]
        # The search page's stand-in without JavaScript: the region pages; its head links the feed too.
        context["recherche_regions"] = fallback_links(self.built.site) if self.built else []
        context["flux_atom"] = FEED_PATH
        return context

    def _single_organisation(self) -> dict[str, str | None] | None:
        """What the theme shows of a single organisation's site: name, logo, website, colours."""
        own = self.built.site.info.site_d_une_organisation if self.built else None
        if own is None:
            return None
        org = self.built.site.organisations[own.organisation]  # type: ignore[union-attr]
        return {
            "nom": org.nom, "retour": org.site_web, "principale": own.couleur_principale, "accent": own.couleur_accent,
            "logo": f"assets/organisation/{own.logo}" if own.logo else None,
        }

    def on_post_page(self, output: str, page, config):  # type: ignore[no-untyped-def]
        return _valid_toggles(output)

    def on_post_template(self, output_content: str, template_name: str, config):  # type: ignore[no-untyped-def]
        return _valid_toggles(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        publication, self._publication = self._publication, None
        if publication is not None and config.strict and self._warnings.count:
            publication.abandon()  # MkDocs stops the build right after this event
            return
        try:
            self._index(config)  # the search index of the staging folder, before it is published
        except SearchError as error:
            if publication is None:  # the preview goes on without an up-to-date search
                log.warning(f"Aperçu : {error}")
                return
            publication.abandon()
            raise PluginError(str(error)) from None
        if publication is None:
            return
        try:
            config.site_dir = str(publication.finish())
        except PublishError as error:
            raise PluginError(str(error)) from None

    def _index(self, config: MkDocsConfig) -> None:
        """Index the built pages for the search. A build always does; the preview (``--dirty``) only
        when its folder has no index made from a site yet, so that an edit shows at once: its search
        stays that of its start (``--complet`` rebuilds, and indexes, everything each time)."""
        if self._command == "serve":
            present = os.path.isdir(os.path.join(config.site_dir, SEARCH_FOLDER))
            if self._dirty and present and self._preview_indexed:
                return
            self._preview_indexed = self.built is not None
        pages, seconds = index_site(config.site_dir)
        log.info(f"Recherche : {pages} pages indexées en {seconds:.1f} s".replace(".", ","))

    def on_build_error(self, error: Exception) -> None:
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        publication, self._publication = self._publication, None
        if publication is not None:
            publication.abandon()


_BANNER_MAX = 20  # errors listed in the preview's banner; the terminal has them all

_NO_SITE_YET = """# Aperçu impossible pour l'instant

Le contenu a des erreurs, et l'aperçu n'a encore aucune version correcte du site à montrer.
Corrigez ce qui est indiqué ci-dessus, puis enregistrez le fichier\u00a0: cette page se mettra à jour d'elle-même.
"""


def _only_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Drop every file MkDocs found in docs_dir (the content folder), and give back the theme's
    files that one of them shadowed: only the generator's files and the theme's are published."""
    for file in list(files):
        if file.generated_by is None and file.src_dir == config.docs_dir:
            files.remove(file)
            if _THEME_STATIC.search(file.src_uri.lower()) is None:
                for folder in config.theme.dirs:
                    if os.path.isfile(os.path.join(folder, file.src_uri)):
                        files.append(File(file.src_uri, folder, config.site_dir, config.use_directory_urls))
                        break


# Theme files MkDocs never copies as static files (its own filter in Files.add_files_from_theme).
_THEME_STATIC = re.compile(r"(^|/)\.|\.pyc?$|\.html$|readme|^mkdocs_theme\.yml$|^locales/|\.(md|markdown|mdown|mkdn|mkd)$")


def _valid_toggles(output: str) -> str:
    """Two fixes to Material's base.html, whose lines are not overridable by block: it puts
    autocomplete on two checkboxes, which the Nu Html Checker rejects (dropped), and names the
    language "fr" where the site is in Québec French, "fr-CA"."""
    for toggle in _TOGGLES:
        output = output.replace(toggle + ' autocomplete="off"', toggle, 1)
    return output.replace('<html lang="fr" ', '<html lang="fr-CA" ', 1)


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
