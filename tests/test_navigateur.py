"""Every page in a real browser: WCAG 2.2 AA (axe-core), no third-party request,
no horizontal scroll at 360 px, keyboard, print; and valid HTML (Nu Html Checker)."""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
import subprocess
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from tests import navigateur as nav
from tests.conftest import ROOT
from tests.test_build import build

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PIAR = "documents/mrc-du-fjord-du-saguenay-piar/"
ENTENTE = "documents/entente-attraction-abitibi-temiscamingue-2023-2027/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, list[str]]]:
    port = nav.free_port()
    site_dir = tmp_path_factory.mktemp("site-servi")
    base = f"http://127.0.0.1:{port}{nav.BASE_PATH}"
    result = build(ROOT / "mkdocs.yml", site_dir, env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    for served in nav.serve(site_dir, port):
        yield site_dir, served, nav.page_urls(site_dir, served)


@pytest.fixture(scope="module")
def suivi(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, list[str]]]:
    """The follow-up fixture (statuses, versions, schedules) built and served like the real site."""
    import shutil

    from tests.conftest import FIXTURES

    project = tmp_path_factory.mktemp("suivi")
    shutil.copytree(FIXTURES / "suivi", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    port = nav.free_port()
    base = f"http://127.0.0.1:{port}{nav.BASE_PATH}"
    result = build(project / "mkdocs.yml", project / "site", cwd=project, env={"SITE_URL": base})
    assert result.returncode == 0, result.stderr
    for served in nav.serve(project / "site", port):
        yield project / "site", served, nav.page_urls(project / "site", served)


@pytest.fixture(scope="module")
def every_page(site: tuple[Path, str, list[str]], suivi: tuple[Path, str, list[str]]) -> list[str]:
    """Every page of both sites, and each site's 404 page."""
    return [*site[2], site[1] + "page-absente/", *suivi[2], suivi[1] + "page-absente/"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = nav.chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        nav.missing("Playwright pour Python", "python3 scripts/tester.py (installe les dépendances de test).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=nav.CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser: Any, site: tuple[Path, str, list[str]]) -> Iterator[tuple[Any, list[str]]]:
    """A browser context that records, and blocks, every request to another host."""
    foreign: list[str] = []
    ctx = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 900})

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    ctx.route("**/*", route)
    yield ctx, foreign
    ctx.close()


def test_the_site_has_every_page(site: tuple[Path, str, list[str]]) -> None:
    _, base, urls = site
    assert len(urls) == 11
    assert base + PIAR in urls and base + ENTENTE in urls and base + "glossaire/" in urls
    assert base + PIAR + "echeancier/" in urls and base + "donnees/" in urls


def test_no_accessibility_violation_on_any_page(context: tuple[Any, list[str]], every_page: list[str]) -> None:
    if not nav.AXE.is_file():
        nav.missing("axe-core", "npm ci (dans le dossier du projet).")
    ctx, _ = context
    failures = {}
    for url in every_page:
        page = ctx.new_page()
        page.goto(url, wait_until="load")
        page.add_script_tag(path=str(nav.AXE))
        violations = page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return results.violations.map(v => ({id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
            }""",
            AXE_TAGS,
        )
        if violations:
            failures[url] = violations
        page.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


def test_no_request_to_another_host(context: tuple[Any, list[str]], every_page: list[str]) -> None:
    ctx, foreign = context
    for url in every_page:
        page = ctx.new_page()
        page.goto(url, wait_until="networkidle")
        page.close()
    assert foreign == []


def test_no_horizontal_scroll_at_360_px(browser: Any, every_page: list[str]) -> None:
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True, has_touch=True)
    wide = {}
    for url in every_page:
        page = ctx.new_page()
        page.goto(url, wait_until="load")
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if sizes[0] > sizes[1]:
            wide[url] = sizes
        page.close()
    ctx.close()
    assert not wide


def test_keyboard_reaches_the_content_first(context: tuple[Any, list[str]], site: tuple[Path, str, list[str]]) -> None:
    ctx, _ = context
    _, base, _ = site
    page = ctx.new_page()
    page.goto(base + PIAR, wait_until="load")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.classList.contains('md-skip'), document.activeElement.textContent.trim()]")
    assert focused == [True, "Aller au contenu"]
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    # The skip link leads to the page's title, at the start of the content.
    assert page.evaluate("() => location.hash") == "#" + page.evaluate("() => document.querySelector('article h1').id")
    page.close()


@pytest.mark.parametrize(("path", "facts"), [
    (PIAR, ["À jour le 2 octobre 2024", "Total des pourcentages indiqués", "Incitatifs spécifiques aux services de proximité"]),
    (ENTENTE, ["2 871 200 $", "Andréa Paquin-Lessard", "Total MRC/Ville"]),
])
def test_printed_document_is_clean(context: tuple[Any, list[str]], site: tuple[Path, str, list[str]], path: str, facts: list[str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    ctx, _ = context
    _, base, _ = site
    page = ctx.new_page()
    page.goto(base + path, wait_until="load")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search', '.md-footer']
              .map(s => document.querySelector(s)).filter(Boolean)
              .every(e => getComputedStyle(e).display === 'none')"""
    )
    assert hidden
    pdf = page.pdf(format="Letter", print_background=False)
    (tmp_path / "document.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    # NFKC: the PDF's fonts may set "fi" and "ff" as ligatures (ﬁ, ﬀ), and no-break spaces.
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    for fact in facts:
        assert fact in text, fact
    assert "Adresse de cette page :" in text
    assert f"{base}{path}" in re.sub(r"\s+", "", text)  # the PDF's text may wrap the address
    assert "Rechercher" not in text and "Table des matières" not in text
    page.close()


def test_html_is_valid(site: tuple[Path, str, list[str]], suivi: tuple[Path, str, list[str]]) -> None:
    if not nav.VNU.is_file():
        nav.missing("Nu Html Checker (vnu.jar)", "npm ci (dans le dossier du projet).")
    java = os.environ.get("JAVA", "java")
    pages = sorted(str(p) for folder in (site[0], suivi[0]) for p in folder.rglob("*.html"))
    try:
        result = subprocess.run([java, "-jar", str(nav.VNU), "--errors-only", "--format", "json", *pages],
                                capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        nav.missing("Java", "sudo apt-get install default-jre-headless.")
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(errors[:30])
    assert len(pages) == 12 + 14  # each site's pages and 404 page


def test_screenshot_of_a_plan_page(context: tuple[Any, list[str]], site: tuple[Path, str, list[str]], tmp_path: Path) -> None:
    """The README's screenshot, taken by this suite (PLANS_PUBLICS_CAPTURES=ecrire updates it)."""
    ctx, _ = context
    _, base, _ = site
    page = ctx.new_page()
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(base + PIAR, wait_until="load")
    target = ROOT / "documentation" / "images" / "plan-piar.png"
    if os.environ.get("PLANS_PUBLICS_CAPTURES") != "ecrire":
        target = tmp_path / "plan-piar.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 20_000
    assert re.match(rb"\x89PNG", target.read_bytes()[:4])
    page.close()
