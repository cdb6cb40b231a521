"""The preview (`mkdocs serve`, scripts/apercu.py) explains a broken content file instead of hanging:
the last good pages with a French banner listing the errors, updated by itself once the file is fixed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.navigateur import BASE_PATH, free_port

BANNER = 'class="pp-apercu-erreurs"'
PIAR = Path("content") / "documents" / "mrc-de-test-piar.yml"
REQUEST_TIMEOUT = 5  # seconds: no request may wait longer, broken content or not
CHANGE_TIMEOUT = 30  # seconds for the server to see a saved file and rebuild (polling, 2 shared cores)


class Preview:
    """`mkdocs serve --dirty --no-strict` (what scripts/apercu.py runs) on a copy of the project."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.port = free_port()
        self.log = project.parent / "terminal.txt"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
        with self.log.open("wb") as out:  # a file, not a pipe: a full pipe would block the server
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{self.port}"],
                cwd=self.project, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        self.until(lambda: self.get("") is not None, "le serveur ne répond pas")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> str | None:
        """The page at ``path`` (None if the server is not up yet); never waits more than REQUEST_TIMEOUT."""
        assert self.process is not None and self.process.poll() is None, self.terminal()
        start = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{BASE_PATH}{path}", timeout=REQUEST_TIMEOUT) as response:
                page = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            page = error.read().decode("utf-8")
        except (ConnectionError, urllib.error.URLError) as error:
            if isinstance(getattr(error, "reason", error), TimeoutError):
                raise AssertionError(f"la requête {path!r} n'a pas répondu en {REQUEST_TIMEOUT} s") from None
            return None
        except TimeoutError:
            raise AssertionError(f"la requête {path!r} n'a pas répondu en {REQUEST_TIMEOUT} s") from None
        assert time.monotonic() - start < REQUEST_TIMEOUT
        return page

    def until(self, condition, what: str) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + CHANGE_TIMEOUT
        while not condition():
            assert time.monotonic() < deadline, f"{what}\n{self.terminal()}"
            time.sleep(0.2)

    def builds(self) -> int:
        return self.terminal().count("Building documentation")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = tmp_path / "projet"
    shutil.copytree(FIXTURES / "mini", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    server = Preview(project)
    try:
        yield server
    finally:
        server.stop()


def break_piar(project: Path) -> int:
    """Append an unknown key, with markup in it, to the PIAR; the line of the mistake."""
    piar = project / PIAR
    text = piar.read_text(encoding="utf-8")
    piar.write_text(text + "<b>cle</b>: 1\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def restore_piar(project: Path) -> None:
    shutil.copy(FIXTURES / "mini" / "documents" / "mrc-de-test-piar.yml", project / PIAR)


def banner_of(page: str) -> str:
    start = page.index(BANNER)
    return page[start : page.index("</div>", start)]


def test_a_broken_file_is_explained_on_every_page_until_it_is_fixed(preview: Preview) -> None:
    preview.start()
    document = "documents/mrc-de-test-piar/"
    assert BANNER not in (preview.get("") or "")

    line = break_piar(preview.project)
    preview.until(lambda: BANNER in (preview.get("") or ""), "la bannière d'erreurs n'apparaît pas")
    for path in ("", document, "glossaire/", "page-inexistante/"):  # every page served, the 404 page too
        page = preview.get(path)
        assert page is not None and BANNER in page, path
        banner = banner_of(page)
        assert "1 erreur dans le contenu" in banner
        assert f"<code>content/documents/mrc-de-test-piar.yml</code>, ligne {line}, colonne 1" in banner
        assert "clé inconnue « &lt;b&gt;cle&lt;/b&gt; »" in banner and "<b>cle" not in banner  # escaped
    # The last good pages are still served under the banner.
    assert "Deuxième enjeu" in (preview.get(document) or "")

    builds = preview.builds()
    (preview.project / PIAR).touch()  # saved again, still broken: a rebuild, no second report
    preview.until(lambda: "Reloading browsers" in preview.terminal().split("Building documentation")[-1]
                  and preview.builds() > builds, "pas de reconstruction")
    terminal = preview.terminal()
    assert terminal.count("1 erreur dans le contenu") == 1, terminal
    assert "Traceback" not in terminal and "appear stuck" not in terminal

    restore_piar(preview.project)
    preview.until(lambda: BANNER not in (preview.get(document) or BANNER), "la bannière reste après la correction")
    assert BANNER not in (preview.get("") or BANNER)
    preview.until(lambda: "Contenu corrigé" in preview.terminal(), "la correction n'est pas annoncée")
    terminal = preview.terminal()
    # Notices are printed when they change, not at every rebuild (here: four builds, one report).
    assert terminal.count("avis sur le contenu") == 1, terminal
    assert "Contenu corrigé" in terminal


def test_content_broken_from_the_start_gives_a_home_page_that_says_so(preview: Preview) -> None:
    line = break_piar(preview.project)
    preview.start()
    home = preview.get("")
    assert home is not None and BANNER in home
    assert f"ligne {line}" in banner_of(home)
    assert "Aperçu impossible pour l'instant" in home
    assert "L'aperçu ne peut pas encore montrer le site" in preview.terminal()

    restore_piar(preview.project)
    preview.until(lambda: "Aperçu impossible" not in (preview.get("") or "Aperçu impossible"), "le site n'apparaît pas")
    home = preview.get("") or ""
    assert BANNER not in home
    assert "Deuxième enjeu" in (preview.get("documents/mrc-de-test-piar/") or "")
