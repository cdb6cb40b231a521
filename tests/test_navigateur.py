"""Every page in a real browser: WCAG 2.2 AA (axe-core), no third-party request,
no horizontal scroll at 360 px, keyboard, print; and valid HTML (Nu Html Checker).
The search (Pagefind): nothing loads before it is used, found by keyboard and announced, a
stand-in without JavaScript; the weight of a visit on a phone; Lighthouse on mobile."""

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
SEARCH = "recherche/"
NBSP = "\u00a0"


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
    """The follow-up fixture (statuses, versions, schedules) built and served like the real site, as a
    single organisation's site (name, logo, colours, link back): the real site checks the portal mode."""
    import shutil

    from tests.conftest import FIXTURES
    from tests.test_publication_officielle import with_record
    from tests.test_site_organisation import single

    project = tmp_path_factory.mktemp("suivi")
    shutil.copytree(FIXTURES / "suivi", project / "content")
    single(project / "content")
    with_record(project / "content")  # the official publication, with its filed document
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
    assert len(urls) == 12, urls  # 11 pages and the search page
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
    assert len(pages) == 15 + 16  # each site's pages (search page and redirecting addresses included) and 404 page


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


# --- search (Pagefind), weight, Lighthouse ---------------------------------------------------------


def _requests(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def _pulled(page: Any) -> list[Any]:
    """Every request the page (its workers included: Pagefind searches in one) made and finished."""
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    return finished


def test_nothing_of_the_search_loads_before_it_is_used(context: tuple[Any, list[str]], site: tuple[Path, str, list[str]]) -> None:
    ctx, _ = context
    _, base, _ = site
    for path in ("", PIAR, SEARCH):
        page = ctx.new_page()
        seen = _requests(page)
        page.goto(base + path, wait_until="networkidle")
        assert not [u for u in seen if "/pagefind/" in u or "search_index" in u or "/workers/" in u], (path, seen)
        page.close()


def test_search_by_keyboard_is_announced_with_its_passages(context: tuple[Any, list[str]], site: tuple[Path, str, list[str]]) -> None:
    """From the header's form to a result's section, keyboard only; the count is announced (role
    status), each result shows its document, organisation and passage, with the no-break spaces."""
    if not nav.AXE.is_file():
        nav.missing("axe-core", "npm ci (dans le dossier du projet).")
    ctx, _ = context
    _, base, _ = site
    page = ctx.new_page()
    pulled = _pulled(page)
    page.goto(base + PIAR, wait_until="load")
    page.focus("#pp-recherche-entete")
    page.keyboard.type("871")
    page.keyboard.press("Enter")
    page.wait_for_selector("#pp-resultats li")
    assert page.evaluate("() => document.activeElement.id") == "pp-q"  # the search page's field has the focus
    status = page.locator("#pp-etat")
    assert status.get_attribute("role") == "status"
    assert re.fullmatch(f"(1 résultat|[2-9] résultats) pour «{NBSP}871{NBSP}»\\.", status.inner_text()), status.inner_text()
    first = page.locator("#pp-resultats > li", has=page.locator(f'a[href$="{ENTENTE}"]'))
    text = first.inner_text()
    assert "Attractivité Abitibi-Témiscamingue" in text and "Entente sectorielle de développement" in text
    assert f"2{NBSP}871{NBSP}200{NBSP}$" in text  # OQLF: Pagefind's text gets its no-break spaces back
    sections = first.locator(".pp-resultat__sections a")
    assert sections.count() >= 1 and "#" in (sections.first.get_attribute("href") or "")
    # Tab from the field reaches the results; Enter follows a section's link to its anchor.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.pp-resultat__sections')"):
            break
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert target and "#" in target
    fetched = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in pulled if "/pagefind/" in r.url)
    timing = page.evaluate("() => performance.getEntriesByName('pp-recherche').map(e => e.duration)")
    print(f"\nRecherche « 871 » : {fetched / 1024:.1f} Kio chargés, premiers résultats en {timing[0]:.0f} ms (chargement compris)")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + ENTENTE + "#*")
    page.close()


def test_search_filters_and_results_are_accessible_at_360_px(browser: Any, site: tuple[Path, str, list[str]]) -> None:
    _, base, _ = site
    ctx = browser.new_context(locale="fr-CA", viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(base + SEARCH + "?region=" + "Saguenay–Lac-Saint-Jean", wait_until="load")
    page.wait_for_selector("#pp-resultats li")
    assert page.locator("#pp-filtres").get_attribute("open") is not None
    assert page.input_value("#pp-filtre-region") == "Saguenay–Lac-Saint-Jean"
    assert page.inner_text("#pp-etat") == "3 résultats avec les filtres choisis."
    page.select_option("#pp-filtre-type", label="Plan d'intervention et d'affectation des ressources (PIAR)")
    page.wait_for_function("() => document.getElementById('pp-etat').textContent.startsWith('1 résultat')")
    options = page.eval_on_selector("#pp-filtre-objectif", "s => [...s.options].map(o => o.textContent)")
    assert f"Objectif 1{NBSP}: Améliorer les services aux entreprises" in options
    assert page.eval_on_selector("#pp-filtre-statut", "s => [...s.options].map(o => o.textContent)")[1:] == ["Statut non publié"]
    page.fill("#pp-q", "tourisme")
    page.press("#pp-q", "Enter")
    page.wait_for_function("() => document.getElementById('pp-etat').textContent.includes('tourisme')")
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], sizes
    page.add_script_tag(path=str(nav.AXE))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))""",
        AXE_TAGS,
    )
    assert not violations, json.dumps(violations, indent=1, ensure_ascii=False)
    ctx.close()


def test_without_javascript_the_region_pages_stand_in_for_the_search(browser: Any, site: tuple[Path, str, list[str]]) -> None:
    site_dir, base, urls = site
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    page.goto(base, wait_until="load")
    page.click(".pp-recherche-entete__bouton")  # the header's button, the only part shown on a phone
    page.wait_for_url("**/" + SEARCH + "?q=")
    assert not page.locator("#pp-recherche").is_visible()
    links = page.locator("#pp-sans-script a").evaluate_all("links => links.map(a => a.href)")
    regions = [u for u in urls if "/regions/" in u]
    assert regions and all(r in links for r in regions) and base in [link.split("#")[0] for link in links]
    ctx.close()


WEIGHT_BUDGET = 150 * 1024  # compressed bytes of a first visit on a phone: the home page, then a PIAR


def test_a_first_visit_on_a_phone_weighs_at_most_150_kib(browser: Any, site: tuple[Path, str, list[str]]) -> None:
    """Empty cache, 360 px: the home page, then a PIAR, as GitHub Pages serves them (gzip,
    cacheable): everything the two pages take from the network, headers included."""
    _, base, _ = site
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True, has_touch=True)
    total: dict[str, int] = {}
    for path in ("", PIAR):
        page = ctx.new_page()
        page.goto(base + path, wait_until="networkidle")
        for url, size in nav.transferred(page).items():
            total[f"{path or 'accueil'} {url.removeprefix(base)}"] = size
        page.close()
    ctx.close()
    weight = sum(total.values())
    detail = "\n".join(f"  {size / 1024:6.1f} Kio  {url}" for url, size in sorted(total.items(), key=lambda i: -i[1]))
    print(f"\nPremière visite (accueil puis PIAR, 360 px) : {weight / 1024:.1f} Kio\n{detail}")
    assert weight <= WEIGHT_BUDGET, detail
    # Nothing that grows with the number of organisations: no sitemap (Material's language selector), no index.
    assert not [u for u in total if re.search(r"sitemap|pagefind|search", u.split(" ", 1)[1])], detail


LIGHTHOUSE_PAGES = {"accueil": "", "piar": PIAR, "entente": ENTENTE, "donnees": "donnees/"}
LIGHTHOUSE_MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


# In the suite, the PIAR page alone (about 15 s); PLANS_PUBLICS_LIGHTHOUSE=complet audits the four
# pages (a longer mode, not a skip: the suite does not count tests it does not run).
AUDITED = list(LIGHTHOUSE_PAGES) if os.environ.get("PLANS_PUBLICS_LIGHTHOUSE") == "complet" else ["piar"]


@pytest.mark.parametrize("name", AUDITED)
def test_lighthouse_on_mobile(name: str, site: tuple[Path, str, list[str]], tmp_path: Path) -> None:
    """Lighthouse's mobile audit (simulated slow 4G and CPU)."""
    if not nav.LIGHTHOUSE.is_file():
        nav.missing("Lighthouse", "npm ci (dans le dossier du projet).")
    node = os.environ.get("NODE", "node")
    _, base, _ = site
    report = tmp_path / "lighthouse.json"
    env = dict(os.environ, CHROME_PATH=nav.chromium_path())
    try:
        result = subprocess.run(
            [node, str(nav.LIGHTHOUSE), base + LIGHTHOUSE_PAGES[name], "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility,best-practices,seo", "--form-factor=mobile",
             "--chrome-flags=" + " ".join(nav.CHROMIUM_ARGS + [f"--user-data-dir={tmp_path / 'profil'}"])],
            capture_output=True, text=True, timeout=180, env=env,
        )  # fmt: skip
    except FileNotFoundError:
        nav.missing("Node.js", "sudo apt-get install nodejs npm.")
    assert result.returncode == 0, result.stderr[-3000:]
    audit = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: audit["categories"][key]["score"] for key in LIGHTHOUSE_MINIMUM}
    failed = [
        f"{key} {ref['id']} {audit['audits'][ref['id']]['score']} {audit['audits'][ref['id']].get('displayValue', '')}"
        for key in LIGHTHOUSE_MINIMUM for ref in audit["categories"][key]["auditRefs"]
        if ref["weight"] and (audit["audits"][ref["id"]]["score"] or 0) < 1 and audit["audits"][ref["id"]]["score"] is not None
    ]  # fmt: skip
    print(f"\nLighthouse {name} : {scores}")
    assert all(scores[key] >= minimum for key, minimum in LIGHTHOUSE_MINIMUM.items()), (scores, failed)
