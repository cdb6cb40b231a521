"""``plans-publics nouvelle-version``: the current version kept under the date it holds, and versions whose name lies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.loading import check_files, load_site
from generator.content.problems import ContentError
from tests.conftest import ROOT

PIAR = "mrc-du-fjord-du-saguenay-piar"
ENTENTE = "entente-attraction-abitibi-temiscamingue-2023-2027"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def _run(content: Path, *args: str) -> int:
    return main(["--contenu", str(content), "nouvelle-version", *args])


def test_the_current_version_is_kept_under_its_update_date(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    current = content / "documents" / f"{PIAR}.yml"
    before = current.read_bytes()
    assert _run(content, PIAR) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    archive = content / "versions" / PIAR / "2024-10-02.yml"  # its mise_a_jour, not its date_du_plan (2021-05-11)
    assert archive.is_file() and current.read_bytes() == before
    assert "Version du 2 octobre 2024 gardée dans : " in out and out.splitlines()[0].endswith("versions/" + PIAR + "/2024-10-02.yml")
    assert "« mise_a_jour »" in out and "« resume_des_changements »" in out
    # The schema line points at the schemas from the file's new place; the rest is the document as it was.
    lines = archive.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../schemas/document.schema.json"
    assert lines[1:] == before.decode("utf-8").splitlines()[1:]
    # Until the document gets its new date, the check says why.
    errors, _ = check_files(content, [current])
    assert [p.message for p in errors] == ["la version du 2024-10-02 n'est pas antérieure à la version actuelle (2024-10-02) du document."]
    text = current.read_text(encoding="utf-8").replace("mise_a_jour: 2024-10-02", "mise_a_jour: 2025-04-15")
    current.write_text(text, encoding="utf-8")
    site = load_site(content)
    assert [str(date) for date, _ in site.versions[PIAR]] == ["2024-10-02"]


def test_a_plan_without_update_is_kept_under_its_date_and_by_path(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    current = content / "documents" / f"{PIAR}.yml"
    current.write_text(current.read_text(encoding="utf-8").replace("mise_a_jour: 2024-10-02\n", ""), encoding="utf-8")
    assert _run(content, str(current)) == 0
    capsys.readouterr()
    assert (content / "versions" / PIAR / "2021-05-11.yml").is_file()


def test_refusals_write_nothing(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An entente without mise_a_jour has no date to be kept under.
    assert _run(content, ENTENTE) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur\u00a0: ") and "ne donne pas la date de sa version" in err
    assert not (content / "versions" / ENTENTE).exists()
    # A version already kept is never overwritten.
    assert _run(content, PIAR) == 0
    archive = content / "versions" / PIAR / "2024-10-02.yml"
    archive.write_text("gardée", encoding="utf-8")
    capsys.readouterr()
    assert _run(content, PIAR) == 2
    assert "existe déjà\u00a0: la version du 2024-10-02 est déjà gardée" in capsys.readouterr().err
    assert archive.read_text(encoding="utf-8") == "gardée"
    # An unknown document, a file that is not a document of the folder.
    assert _run(content, "mrc-du-fjord-du-saguenay-pair") == 2
    assert "document inconnu « mrc-du-fjord-du-saguenay-pair ». Vouliez-vous dire « mrc-du-fjord-du-saguenay-piar »?" in capsys.readouterr().err
    assert _run(content, str(content / "organisations" / "cpat.yml")) == 2
    assert "n'est pas un document du dossier de contenu" in capsys.readouterr().err
    assert _run(content, str(content / "documents" / "absent.yml")) == 2
    assert "fichier introuvable" in capsys.readouterr().err


def test_a_version_named_by_another_date_is_an_error(content: Path) -> None:
    folder = content / "versions" / PIAR
    folder.mkdir(parents=True)
    shutil.copy(content / "documents" / f"{PIAR}.yml", folder / "2021-05-11.yml")  # the README's old trap
    with pytest.raises(ContentError) as info:
        load_site(content)
    assert [str(p).replace("\u00a0", " ") for p in info.value.problems] == [
        f"{content.name}/versions/{PIAR}/2021-05-11.yml : ce fichier porte la date du 2021-05-11, mais la version qu'il "
        "contient est datée du 2 octobre 2024 (mise_a_jour). Renommez-le 2024-10-02.yml."
    ]
