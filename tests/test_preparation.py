"""The preparation hands out the same verdict, pages and downloads with or without child processes."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content import load_site, without_cycle_collection
from generator.opendata import render_downloads
from generator.preparation import Preparation
from generator.render import render_pages
from tests.conftest import ROOT

URL = "https://exemple.github.io/plans-publics/"


@pytest.mark.parametrize("folder", [ROOT / "content", ROOT / "tests" / "fixtures" / "suivi"])
def test_same_results_with_and_without_children(folder: Path) -> None:
    inline = Preparation(folder, URL, parallel=False)
    shared = Preparation(folder, URL)
    assert not inline.parallel
    assert inline.verdict() == shared.verdict() and not shared.verdict().errors
    assert list(inline.pages()[0].items()) == list(shared.pages()[0].items())
    assert inline.pages()[1] == shared.pages()[1]
    assert inline.downloads() == shared.downloads()
    shared.close()
    # and the same as the core's functions called directly
    site = load_site(folder)
    assert list(shared.pages()[0].items()) == list(render_pages(site).items())
    assert {p: c.decode("utf-8") for p, (c, _) in shared.downloads().items()} == render_downloads(site, URL)
    assert list(shared.verdict().download_paths) == list(render_downloads(site, URL))


@pytest.mark.parametrize("parallel", [False, True])
def test_content_errors_are_a_verdict_not_an_exception(tmp_path: Path, parallel: bool) -> None:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / "organisations" / "mamh.yml").write_text("nom: Ministère\nregionn: x\n", encoding="utf-8")
    preparation = Preparation(folder, URL, parallel=parallel)
    verdict = preparation.verdict()
    preparation.close()
    assert [(p.file, p.line, p.field) for p in verdict.errors] == [("content/organisations/mamh.yml", 2, "regionn")]
    assert verdict.nav == () and verdict.download_paths == ()


def test_the_build_process_never_imports_the_models() -> None:
    """What the plugin needs in MkDocs' process is light: the models are imported by the children."""
    script = (
        "import sys; import generator.mkdocs_plugin; "
        "heavy = sorted(m for m in sys.modules if m in ('generator.models', 'generator.content', 'generator.render', 'generator.opendata', 'yaml')); "
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "generator" not in result.stdout, result.stdout  # yaml is MkDocs' own


def test_cycle_collection_is_paused_then_restored() -> None:
    seen = []
    probe = without_cycle_collection(lambda: seen.append(gc.isenabled()))
    assert gc.isenabled()
    probe()
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        probe()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
