"""Golden tests: the Markdown generated from the small fixture, byte for byte.

To accept a deliberate change of output: PLANS_PUBLICS_GOLDEN=ecrire pytest tests/test_golden.py
then review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.content.loading import load_site

from generator.pages.site import render_pages
from generator.opendata.downloads import render_downloads
from generator.pages.menu import build_nav
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden"
WRITE = os.environ.get("PLANS_PUBLICS_GOLDEN") == "ecrire"
SITE_URL = "https://exemple.org/plans/"
# mini: the smallest complete site; suivi: the same with statuses, indicators' results and versions.
FIXTURE_NAMES = ["mini", "suivi"]


def _expected_files(name: str) -> dict[str, str | bytes]:
    site = load_site(FIXTURES / name)
    files = {path: page.markdown for path, page in render_pages(site).items()}
    files["navigation.yml"] = yaml.safe_dump(build_nav(site), allow_unicode=True, sort_keys=False)
    files.update(render_downloads(site, SITE_URL))
    return files


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_golden_pages(name: str) -> None:
    files = _expected_files(name)
    golden = GOLDEN / name
    if WRITE:
        for path, text in files.items():
            target = golden / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))  # bytes: XLSX workbooks
    on_disk = {p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file()}
    assert on_disk == set(files), "pages added or removed: regenerate the golden files"
    for path, text in files.items():
        on_file = (golden / path).read_bytes()
        assert (on_file if isinstance(text, bytes) else on_file.decode("utf-8")) == text, path


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_rendering_is_deterministic(name: str) -> None:
    assert _expected_files(name) == _expected_files(name)


@pytest.mark.parametrize("page", ["documents/mrc-de-test-piar/index.md", "documents/nordique-entente/index.md"])
def test_hostile_text_stays_escaped(page: str) -> None:
    text = _expected_files("mini")[page]
    assert "<b>" not in text
