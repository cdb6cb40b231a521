"""A programme's rules live in its content file: a second programme is a file, not a code change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.cli import main
from generator.content import models
from generator.content.loading import check_files, default_programme, load_catalogues, load_site, read_version_date
from generator.content.problems import ContentError
from generator.content.typed_reader import field_docs
from tests.conftest import ROOT

PIAR = "documents/mrc-de-test-piar.yml"
SECOND = """nom: Autre programme
sigle: AP
objectifs:
  - {numero: 1, texte: Seul objectif}
axes:
  - {numero: 1, texte: Seul axe}
piar:
  presentation: [Un autre gabarit.]
  nombre_d_enjeux: {maximum: 1}
"""


def _notices(root: Path) -> list[str]:
    return [p.message for p in load_site(root).notices]


def test_the_number_of_enjeux_comes_from_the_programme(mini: Path) -> None:
    """The mini PIAR has two enjeux; its programme finds four to seven reasonable."""
    assert "le plan compte 2 enjeux; le gabarit juge raisonnable d'en avoir de quatre à sept." in _notices(mini)
    programme = mini / "programmes" / "prog.yml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("{minimum: 4, maximum: 7}", "{minimum: 2}"),
                         encoding="utf-8")
    assert not [m for m in _notices(mini) if "raisonnable" in m]
    programme.write_text(programme.read_text(encoding="utf-8").replace("{minimum: 2}", "{maximum: 1}"), encoding="utf-8")
    assert "le plan compte 2 enjeux; le gabarit juge raisonnable d'en avoir au plus un." in _notices(mini)


def test_a_second_programme_is_a_content_file(mini: Path) -> None:
    """Without objectif_et_axe_par_enjeu, an enjeu may name no objective; its numbers are the second programme's."""
    (mini / "programmes" / "autre.yml").write_text(SECOND, encoding="utf-8")
    piar = mini / PIAR
    text = piar.read_text(encoding="utf-8").replace("programme: prog", "programme: autre")
    text = text.replace("objectifs_programme: 1-2\n", "objectifs_programme: 1\n").replace('["1 et 2", "2"]', "1")
    piar.write_text(text, encoding="utf-8")
    errors, _ = check_files(mini, [piar])
    assert [e.message for e in errors if "inconnu" in e.message] == []
    text = text.replace("      - objectifs_programme: 1\n        axes_programme: 1\n", "      - axes_programme: 1\n")
    piar.write_text(text, encoding="utf-8")
    errors, notices = check_files(mini, [piar])
    assert not [e for e in errors if "n'est associé à aucun" in e.message]
    assert any("d'en avoir au plus un." in n.message for n in notices)
    # The same plan under the first programme, whose template asks for an objective per enjeu.
    piar.write_text(text.replace("programme: autre", "programme: prog"), encoding="utf-8")
    errors, _ = check_files(mini, [piar])
    assert any("n'est associé à aucun objectif général du programme" in e.message for e in errors)


def test_the_default_programme(mini: Path) -> None:
    assert load_catalogues(mini).default_programme == "prog"  # the only one
    (mini / "programmes" / "autre.yml").write_text(SECOND, encoding="utf-8")
    assert load_catalogues(mini).default_programme is None  # two, none marked
    (mini / "programmes" / "autre.yml").write_text(SECOND + "par_defaut: oui\n", encoding="utf-8")
    assert load_catalogues(mini).default_programme == "autre"
    assert load_catalogues(ROOT / "content").default_programme == "aeq"
    assert default_programme({}) is None
    prog = mini / "programmes" / "prog.yml"
    prog.write_text(prog.read_text(encoding="utf-8") + "par_defaut: oui\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_site(mini)
    assert "un seul programme peut être proposé par défaut; « autre » l'est déjà." in str(info.value)


def test_nouveau_fills_in_the_default_programme(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--contenu", str(mini), "nouveau", "piar"]) == 0
    assert "\nprogramme: prog\n" in capsys.readouterr().out
    (mini / "programmes" / "autre.yml").write_text(SECOND, encoding="utf-8")
    assert main(["--contenu", str(mini), "nouveau", "piar"]) == 0
    assert "\nprogramme:\n" in capsys.readouterr().out  # two programmes, none marked: left to fill


def test_catalogues_are_read_without_yaml_guesses(mini: Path) -> None:
    """« no » is a name, not false: the catalogues go through the project's reader."""
    (mini / "organisations" / "no.yml").write_text("nom: no\nregion: '08'\n", encoding="utf-8")
    organisations = load_catalogues(mini).organisations
    assert organisations["no"] is None or organisations["no"].nom == "no"


def test_version_date_is_one_rule(mini: Path) -> None:
    piar = mini / PIAR
    assert read_version_date(piar) == str(models.version_date(load_site(mini).documents["mrc-de-test-piar"]))
    assert models.VERSION_DATE_FIELDS == ("mise_a_jour", "date_du_plan")


def test_check_files_reads_a_text_not_written_yet(mini: Path) -> None:
    target = mini / "documents" / "pas-encore.yml"
    errors, _ = check_files(mini, [target], {target: "type: piar\ntitre: X\n"})
    assert errors and all(e.file == "content/documents/pas-encore.yml" for e in errors)
    assert not target.exists()


def test_the_guide_names_every_field_of_every_model_module() -> None:
    """Like tests/test_documentation.py, for the models now spread over generator.content.models.*."""
    guide = (ROOT / "documentation" / "format-du-contenu.md").read_text(encoding="utf-8")
    missing = []
    for cls in vars(models).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__.startswith(models.__name__) \
                and not hasattr(cls, "from_yaml"):
            missing += [f"{cls.__name__}.{name}" for name, _, _, _ in field_docs(cls) if f"`{name}`" not in guide]
    assert not missing
