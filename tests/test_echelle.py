"""Pages that would list every document stay bounded on a large site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.loading import load_site

from generator.pages.site import render_pages
from generator.pages.menu import build_nav
from generator.pages.parts import HOME_FULL_LIST, LATEST_UPDATES, PROGRAMME_FULL_LIST
from tests.conftest import FIXTURES, ROOT
from tests.test_build import build

PIAR = (FIXTURES / "mini" / "documents" / "mrc-de-test-piar.yml").read_text(encoding="utf-8")


def large_site(root: Path, count: int) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "mini", content)
    for i in range(count):
        region = "estrie" if i % 2 else "cote-nord"
        (content / "organisations" / f"mrc-{i:04d}.yml").write_text(f"nom: MRC numéro {i}\nregion: {region}\n", encoding="utf-8")
        text = PIAR.replace("organisation: mrc-de-test", f"organisation: mrc-{i:04d}")
        text = text.replace("mise_a_jour: 2024-10-02", f"mise_a_jour: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
        (content / "documents" / f"mrc-{i:04d}-piar.yml").write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return large_site(tmp_path_factory.mktemp("grand"), 60)


def test_home_and_programme_pages_do_not_list_every_document(site_dir: Path) -> None:
    site = load_site(site_dir)
    assert len(site.documents) > HOME_FULL_LIST and len(site.documents) > PROGRAMME_FULL_LIST
    pages = render_pages(site)
    home = pages["index.md"].markdown
    assert home.count("documents/mrc-") == LATEST_UPDATES  # the latest updates only
    assert "## Dernières mises à jour" in home and "regions/estrie/index.md" in home
    programme = pages["programmes/prog.md"].markdown
    assert "documents/" not in programme  # counts and links by region only
    assert "Servi par 122\u00a0enjeux de 61\u00a0plans" in programme  # objective 1: both enjeux of each plan
    assert "Servi par 61\u00a0enjeux de 61\u00a0plans" in programme
    estrie = pages["programmes/prog/estrie.md"].markdown
    # 31 plans in Estrie (30 generated and the fixture's), under 2 objectives and 2 axes.
    assert estrie.count("31\u00a0plans\u00a0: ") == 4
    assert estrie.count("](../../documents/mrc-0") == 4 * 30 and estrie.count("](../../documents/mrc-de-test-piar/") == 4
    nav = build_nav(site)
    programme = next(item["Programme d'essai"] for item in nav if isinstance(item, dict) and "Programme d'essai" in item)
    assert programme[0] == {"Programme d'essai": "programmes/prog.md"}  # the section's index page
    assert {"Estrie": "programmes/prog/estrie.md"} in programme


def test_page_size_does_not_grow_with_the_number_of_documents(tmp_path: Path) -> None:
    small = render_pages(load_site(large_site(tmp_path / "a", 50)))
    big = render_pages(load_site(large_site(tmp_path / "b", 400)))
    for path in ("index.md", "programmes/prog.md"):
        assert len(big[path].markdown) < 1.1 * len(small[path].markdown), path


def test_large_site_builds_strict(site_dir: Path, tmp_path: Path) -> None:
    project = tmp_path / "projet"
    shutil.copytree(site_dir, project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(project / "mkdocs.yml", project / "site", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (project / "site" / "programmes" / "prog" / "estrie" / "index.html").is_file()
