"""Hostile and careless content: only what the generator produces is published, nothing is
written outside the output folder, and every mistake gets French with its file."""

from __future__ import annotations

import csv
import io
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


# Careless or hostile values: each refused with French naming its file, line and field.
CASES = [
    ("documents/nordique-entente.yml", "telephone: 418 555-0100", 'telephone: "<script>alert(22222222222)</script>"', 29, "un numéro à 10 chiffres"),
    ("documents/nordique-entente.yml", "total_declare: 1 001 000", "total_declare: " + "9" * 31, 21, "trop grand"),
    ("documents/nordique-entente.yml", "montant: 1000000}", "montant: " + "9" * 31 + "}", 23, "trop grand"),
    ("documents/mrc-de-test-piar.yml", "temps_imparti: 15 %", "temps_imparti: -5 %", 11, "un pourcentage de 0 à 100"),
    ("documents/mrc-de-test-piar.yml", "temps_imparti: 15 %", "temps_imparti: 150 %", 11, "dépasse 100"),
    ("documents/nordique-entente.yml", "fin: 2027", "fin: 99999999999999999999", 5, "hors des limites"),
    ("documents/nordique-entente.yml", "debut: 2023, fin: 2027", "debut: 1200, fin: 1300", 5, "de 1900 à 2100"),
    ("documents/mrc-de-test-piar.yml", "date_du_plan: 2021-05-01", "date_du_plan: 3021-05-01", 6, "des années 1900 à 2100"),
    ("documents/mrc-de-test-piar.yml", "echeances: [2023-12, 2025-03-01]", "echeances: [1823-12, 2025-03-01]", 19, "n'est pas une échéance valide"),
    ("documents/mrc-de-test-piar.yml", "  - numero: 1", "  - numero: 0", 9, "de 1 à 9999"),
    ("documents/mrc-de-test-piar.yml", "  - numero: 1", "  - numero: -1", 9, "de 1 à 9999"),
    ("regions.yml", "identifiant: estrie", 'identifiant: "../../../evasion"', 2, "identifiant « ../../../evasion » invalide"),
    ("regions.yml", "identifiant: cote-nord, nom: Côte-Nord", "identifiant: evasion, nom: Ensemble du Québec", 3, "réservé aux organisations sans région"),
    ("regions.yml", "identifiant: cote-nord, nom: Côte-Nord", "identifiant: ensemble-du-quebec, nom: X", 3, "réservé aux organisations sans région"),
]


@pytest.mark.parametrize(("name", "before", "after", "line", "words"), CASES, ids=[c[2][:40] for c in CASES])
def test_careless_values_get_french_with_file_and_line(mini: Path, name: str, before: str, after: str, line: int, words: str) -> None:
    from generator.content.loading import load_site
    from generator.content.problems import ContentError

    path = mini / name
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_site(mini)
    matching = [p for p in info.value.problems if words in p.message]
    assert matching, [str(p) for p in info.value.problems]
    assert (matching[0].file, matching[0].line) == (f"content/{name}", line), str(matching[0])


def test_one_duplicated_region_gives_one_error(mini: Path) -> None:
    from generator.content.loading import load_site
    from generator.content.problems import ContentError

    regions = mini / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("identifiant: cote-nord", "identifiant: estrie"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_site(mini)
    assert [str(p) for p in info.value.problems] == [
        "content/regions.yml, ligne 3, colonne 5 [regions › n°\u00a02]\u00a0: l'identifiant « estrie » est utilisé deux fois."
    ]


def test_a_contribution_left_out_of_the_total_reads_the_same_everywhere(mini: Path) -> None:
    from generator.build import build_site

    path = mini / "documents" / "nordique-entente.yml"
    text = path.read_text(encoding="utf-8").replace("total_declare: 1 001 000", "total_declare: 1000000\n  total_comprend_non_monetaire: non")
    path.write_text(text, encoding="utf-8")
    built = build_site(mini, "https://exemple.github.io/plans-publics/")
    page = built.pages["documents/nordique-entente/index.md"]
    assert "| 1\u00a0000\u00a0$ | 0\u00a0$ | 1\u00a0000\u00a0$ | Non comptée |" in page.markdown
    assert [bar.share for bar in page.chart] == ["100,0\u00a0%", "Non comptée"]
    rows = list(csv.DictReader(io.StringIO(built.downloads["documents/nordique-entente/nordique-entente.csv"])))
    assert [(r["montant"], r["part_du_total"]) for r in rows] == [("1000000", "100"), ("1000", "")]
