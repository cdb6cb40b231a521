"""Hostile and careless content: only what the generator produces is published, nothing is
written outside the output folder, and every mistake gets French with its file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.files import survey
from tests.conftest import FIXTURES, ROOT

MATERIAL = Path(__import__("material").__file__).parent


def make_project(tmp_path: Path) -> Path:
    project = tmp_path / "projet"
    shutil.copytree(FIXTURES / "mini", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=300,
    )


def test_stray_files_are_not_published_and_are_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    content = project / "content"
    (content / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (content / "secret.txt").write_text("mot de passe", encoding="utf-8")
    (content / "notes.md").write_text("# Notes du personnel", encoding="utf-8")
    bundle = next((MATERIAL / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))
    shadow = content / "assets" / "javascripts" / bundle.name
    shadow.parent.mkdir(parents=True)
    shadow.write_text("alert('remplacé')", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "evil.html").exists() and not (site / "secret.txt").exists() and not (site / "notes.md").exists()
    assert (site / "assets" / "javascripts" / bundle.name).read_bytes() == bundle.read_bytes()  # the theme's own
    for name in ("content/evil.html", "content/secret.txt", f"content/assets/javascripts/{bundle.name}"):
        assert f"{name} : ce fichier n'est pas publié" in result.stderr.replace("\u00a0", " ")
    assert "notes.md" not in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="liens symboliques : vérifié par le travail Linux")
@pytest.mark.parametrize("target", ["/etc/passwd", "/etc", "dossier"])
def test_symbolic_links_out_of_the_project_or_to_folders_are_refused(tmp_path: Path, target: str) -> None:
    project = make_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("ancien site", encoding="utf-8")
    if target == "dossier":
        (project / "content" / "dossier").mkdir()
        target = str(project / "content")  # a loop, for a reader that follows links
    link = project / "content" / "lien"
    link.symlink_to(target)
    result = build(project)
    assert result.returncode == 1
    assert "content/lien : lien symbolique refusé" in result.stderr.replace("\u00a0", " ")
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "ancien site"


def test_the_survey_lists_errors_and_notices(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "documents").mkdir(parents=True)
    (content / "documents" / "plan.yml").write_text("type: piar\n", encoding="utf-8")
    (content / "documents" / "plan.pdf").write_bytes(b"%PDF")
    (content / ".git").mkdir()
    (content / ".git" / "config").write_text("x", encoding="utf-8")
    problems = survey(content)
    assert [(p.file, p.level) for p in problems] == [("content/documents/plan.pdf", "avis")]
