"""The site that is never lost: whatever stops a build, site/ holds the whole previous site or the
whole new one, and nothing of an interrupted build survives the next one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publishing import Publication, staging_folders
from tests.conftest import FIXTURES, ROOT

HOOK = Path(__file__).resolve().parent / "publication" / "crochet.py"


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project (the test fixture's content) with the hook, and a site already built."""
    project = tmp_path / "projet"
    shutil.copytree(FIXTURES / "mini", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + f"\nhooks:\n  - {HOOK.as_posix()}\n", encoding="utf-8")
    assert run(project).returncode == 0
    (project / "site" / ".git").write_text("worktree", encoding="utf-8")  # hidden: kept, as MkDocs keeps it
    return project


def start(project: Path, **env: str) -> subprocess.Popen[str]:
    variables = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{f"PLANS_PUBLICS_TEST_{k.upper()}": v for k, v in env.items()})
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=variables,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def run(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    process = start(project, **env)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def processes_in(folder: Path) -> list[str]:
    """Processes (Linux) still working in ``folder``: a build must leave none behind."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(proc / "cwd")).is_relative_to(folder):
                found.append(proc.name)
        except OSError:
            continue
    return found


def entries(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir())


CLEAN = ["content", "mkdocs.yml", "site", "theme_overrides"]


@pytest.mark.skipif(os.name == "nt", reason="signaux POSIX (kill -9, Ctrl+C) : vérifié par le travail Linux")
@pytest.mark.parametrize(
    ("event", "stop"),
    [
        ("pre_build", "SIGKILL"),
        ("files", "SIGINT"),
        ("page", "SIGKILL"),
        ("page", "SIGINT"),
        ("post_build", "SIGKILL"),  # the whole new site is written, not yet swapped in
    ],
)
def test_an_interrupted_build_leaves_the_previous_site(project: Path, event: str, stop: str) -> None:
    site = project / "site"
    before = listing(site)
    marker = project.parent / "pause"
    process = start(project, event=event, action="pause", marker=str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(getattr(signal, stop))
    process.communicate(timeout=30)
    assert process.returncode != 0
    assert listing(site) == before  # whole, byte-identical, .git included
    assert not processes_in(project)

    piar = project / "content" / "documents" / "mrc-de-test-piar.yml"
    piar.write_text(piar.read_text(encoding="utf-8").replace("Deuxième enjeu", "Deuxième enjeu revu"), encoding="utf-8")
    result = run(project)
    assert result.returncode == 0, result.stderr
    assert "Deuxième enjeu revu" in (site / "documents" / "mrc-de-test-piar" / "index.html").read_text(encoding="utf-8")
    assert (site / ".git").read_text(encoding="utf-8") == "worktree"
    assert entries(project) == CLEAN  # no staging folder, old site or lock left over


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("avertir", "in strict mode"),
        ("echouer", "erreur de test dans un thème"),
        ("disque-plein", "No space left on device"),
    ],
)
@pytest.mark.parametrize("event", ["page", "post_build"])
def test_a_failed_build_leaves_the_previous_site(project: Path, action: str, message: str, event: str) -> None:
    before = listing(project / "site")
    result = run(project, event=event, action=action)
    assert result.returncode == 1
    assert message in result.stdout + result.stderr
    assert listing(project / "site") == before
    assert entries(project) == CLEAN


def test_a_content_error_leaves_the_previous_site_with_a_french_message(project: Path) -> None:
    before = listing(project / "site")
    (project / "content" / "organisations" / "me.yml").write_text("nom: X\nsigl: ME\n", encoding="utf-8")
    result = run(project)
    assert result.returncode == 1
    assert "content/organisations/me.yml, ligne 2, colonne 1 [sigl]" in result.stderr
    assert "Traceback" not in result.stderr
    assert listing(project / "site") == before
    assert entries(project) == CLEAN


def test_two_builds_at_the_same_time(project: Path) -> None:
    """The second waits for the first; both succeed and the site is the whole new one."""
    (project / "site" / "ancienne-page.html").write_text("retirée", encoding="utf-8")
    first, second = start(project), start(project)
    results = [p.communicate(timeout=120) + (p.returncode,) for p in (first, second)]
    assert [code for _, _, code in results] == [0, 0], results
    assert not (project / "site" / "ancienne-page.html").exists()
    assert (project / "site" / "index.html").is_file() and (project / "site" / ".git").is_file()
    assert entries(project) == CLEAN


def test_a_build_killed_between_the_two_renames_is_undone_by_the_next(tmp_path: Path) -> None:
    public = tmp_path / "site"
    public.mkdir()
    (public / "index.html").write_text("ancien", encoding="utf-8")
    (public / ".git").write_text("worktree", encoding="utf-8")
    staging, previous, _ = staging_folders(public)
    # As a process killed inside finish() leaves it: hidden entry carried over, then site/ renamed away.
    staging.mkdir()
    (staging / "index.html").write_text("nouveau, incomplet?", encoding="utf-8")
    os.rename(public / ".git", staging / ".git")
    os.rename(public, previous)

    publication = Publication.start(public)
    assert (public / "index.html").read_text(encoding="utf-8") == "ancien"
    assert (public / ".git").read_text(encoding="utf-8") == "worktree"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staging.name, staging.name.replace("-nouveau", ".verrou")])
    assert list(publication.staging.iterdir()) == []
    publication.abandon()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_incremental_builds_start_from_a_copy_of_the_site(tmp_path: Path) -> None:
    public = tmp_path / "site"
    (public / "page").mkdir(parents=True)
    (public / "page" / "index.html").write_text("page", encoding="utf-8")
    (public / ".git").write_text("worktree", encoding="utf-8")
    publication = Publication.start(public, copy_previous=True)
    assert listing(publication.staging) == {"page/index.html": b"page"}
    (publication.staging / "nouvelle.html").write_text("nouvelle", encoding="utf-8")
    assert publication.finish() == public
    assert listing(public) == {".git": b"worktree", "nouvelle.html": b"nouvelle", "page/index.html": b"page"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
