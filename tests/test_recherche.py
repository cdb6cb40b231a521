"""The search index (generator/search.py) and the theme's texts: filters of each page, the same
index for the same content, the table of contents with its no-break spaces."""

from __future__ import annotations

import gzip
import hashlib
import html
import re
from pathlib import Path

import pytest

from generator.build import build_site
from generator.search import FOLDER, page_filters
from generator.toc_spaces import entry_name
from tests.conftest import ROOT
from tests.test_build import build

NBSP = "\u00a0"
PIAR = "documents/mrc-du-fjord-du-saguenay-piar/index.md"
ENTENTE = "documents/entente-attraction-abitibi-temiscamingue-2023-2027/index.md"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The real site built twice, in two folders."""
    folders = []
    for name in ("premier", "second"):
        folder = tmp_path_factory.mktemp(name)
        result = build(ROOT / "mkdocs.yml", folder)
        assert result.returncode == 0, result.stderr
        folders.append(folder)
    return folders[0], folders[1]


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_content_gives_the_same_index(sites: tuple[Path, Path]) -> None:
    """Byte for byte, but for the filters: Pagefind 1.5 writes each filter's values in a hash map's
    order, which changes from run to run (its issue 638), and the files that name them by their
    hash (the .pf_meta and pagefind-entry.json) with them. Same values, same pages: same results."""
    first, second = (_digests(s / FOLDER) for s in sites)
    unstable = re.compile(r"^filter/|\.pf_meta$|^pagefind-entry\.json$")
    assert {p: d for p, d in first.items() if not unstable.search(p)} == {p: d for p, d in second.items() if not unstable.search(p)}
    filters = [sorted(sorted(gzip.decompress((s / FOLDER / p).read_bytes())) for p in d if p.startswith("filter/"))
               for s, d in zip(sites, (first, second))]  # fmt: skip
    assert filters[0] == filters[1]  # the same bytes, in another order
    assert "pagefind.js" in first and any(p.startswith("fragment/") for p in first)
    assert not [p for p in first if "-ui." in p or p.startswith("wasm.unknown")]  # Pagefind's own interfaces are not published


def test_only_the_pages_of_the_menu_are_indexed(sites: tuple[Path, Path]) -> None:
    site = sites[0]
    marked = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    assert "index.html" in marked and "documents/mrc-du-fjord-du-saguenay-piar/index.html" in marked
    assert not [p for p in marked if "/versions/" in p or "/echeancier/" in p or "/lien/" in p or p in ("404.html", "recherche/index.html")]


def test_filters_answer_the_portals_questions() -> None:
    filters = page_filters(build_site(ROOT / "content", "https://exemple.github.io/plans-publics/").site)
    piar, entente = dict.fromkeys(filters[PIAR]), dict.fromkeys(filters[ENTENTE])
    assert ("region", "Saguenay–Lac-Saint-Jean") in piar and ("organisation", "MRC du Fjord-du-Saguenay") in piar
    assert ("type", "Plan d'intervention et d'affectation des ressources (PIAR)") in piar
    assert ("programme", "Accès Entreprise Québec (AEQ)") in piar
    assert ("objectif", f"Objectif 1{NBSP}: Améliorer les services aux entreprises") in piar
    assert [v for k, v in piar if k == "axe"][0].startswith(f"Axe 1{NBSP}: ")
    assert ("statut", "statut non publié") in piar
    assert ("partenaire", "Services Québec") in entente and ("partenaire", "Total MRC/Ville") in entente
    assert filters["regions/abitibi-temiscamingue/index.md"] == [("region", "Abitibi-Témiscamingue")]


def test_the_table_of_contents_keeps_the_no_break_spaces(sites: tuple[Path, Path]) -> None:
    site = sites[0]
    checked = 0
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        headings = {m[2]: entry_name(m[3]) for m in re.finditer(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', source, re.S)}
        for anchor, text in re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', source, re.S):
            if anchor in headings and NBSP in html.unescape(headings[anchor]):
                assert text == headings[anchor], (page, anchor)
                checked += 1
    assert checked >= 10  # the enjeux of the PIAR, the dates of its schedule, the programme's objectives


def test_entry_name_keeps_no_break_spaces_and_entities() -> None:
    assert entry_name(f'31{NBSP}mars{NBSP}2024') == f"31{NBSP}mars{NBSP}2024"
    assert entry_name(f'Enjeu 1{NBSP}: le <abbr title="x">SDÉ</abbr>\n &amp; co') == f"Enjeu 1{NBSP}: le SDÉ &amp; co"
