"""Golden tests: the Markdown generated from the small fixture, byte for byte.

To accept a deliberate change of output: PLANS_PUBLICS_GOLDEN=ecrire pytest tests/test_golden.py
then review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator import load_site, render_pages
from generator.render import build_nav
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"
WRITE = os.environ.get("PLANS_PUBLICS_GOLDEN") == "ecrire"


def _expected_files() -> dict[str, str]:
    site = load_site(FIXTURES / "mini")
    files = {path: page.markdown for path, page in render_pages(site).items()}
    files["navigation.yml"] = yaml.safe_dump(build_nav(site), allow_unicode=True, sort_keys=False)
    return files


def test_golden_pages() -> None:
    files = _expected_files()
    if WRITE:
        for path, text in files.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(files), "pages added or removed: regenerate the golden files"
    for path, text in files.items():
        assert (GOLDEN / path).read_text(encoding="utf-8") == text, path


def test_rendering_is_deterministic() -> None:
    assert _expected_files() == _expected_files()


@pytest.mark.parametrize("page", ["documents/mrc-de-test-piar.md", "documents/nordique-entente.md"])
def test_hostile_text_stays_escaped(page: str) -> None:
    text = _expected_files()[page]
    assert "<b>" not in text
