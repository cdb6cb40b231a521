"""Loader and models: typed reading, line numbers, YAML 1.1 traps, cross-file checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.content.loading import load_site

from generator.content.problems import ContentError
from generator.content.models import Entente, Piar
from tests.conftest import FIXTURES, ROOT


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_site(root)
    return [str(p) for p in info.value.problems]


def test_real_content_loads_completely() -> None:
    site = load_site(ROOT / "content")
    piar = site.documents["mrc-du-fjord-du-saguenay-piar"]
    assert isinstance(piar, Piar)
    assert [e.numero for e in piar.enjeux] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(e.volets) for e in piar.enjeux] == [1, 1, 4, 4, 1, 1, 1]
    assert piar.date_du_plan == dt.date(2021, 5, 11)
    assert piar.mise_a_jour == dt.date(2024, 10, 2)
    # Enjeu 1 gives two groups of axes in one cell; they are kept apart.
    assert piar.enjeux[0].volets[0].axes_programme.groupes == ((2, 7), (1, 2, 3, 7))
    assert piar.enjeux[0].temps_imparti.note == "Temps non imparti aux ressources."
    assert [e.temps_imparti.pourcentage for e in piar.enjeux[1:]] == [15, 60, 10, 10, 5, 5]
    entente = site.documents["entente-attraction-abitibi-temiscamingue-2023-2027"]
    assert isinstance(entente, Entente)
    assert entente.contributions.total_declare == Decimal(2871200)
    assert entente.contributions.total_calcule == Decimal(2871200)
    assert len(entente.objectifs_specifiques) == 5


def test_fixture_values_are_typed() -> None:
    site = load_site(FIXTURES / "mini")
    piar = site.documents["mrc-de-test-piar"]
    volet = piar.enjeux[0].volets[0]
    assert [(e.annee, e.mois, e.jour) for e in volet.echeances] == [(2023, 12, None), (2025, 3, 1)]
    assert volet.actions[0].elements == ("une formation", "deux formations")
    assert piar.enjeux[0].temps_imparti.pourcentage == Decimal(15)
    assert piar.enjeux[0].volets[1].echeances == ()
    entente = site.documents["nordique-entente"]
    assert entente.contributions.total_declare == Decimal(1001000)
    assert entente.contact.poste == "123"
    assert entente.gouvernance.membres[1].texte == "Les MRC du territoire"


def test_models_are_frozen() -> None:
    site = load_site(FIXTURES / "mini")
    with pytest.raises(AttributeError):
        site.documents["mrc-de-test-piar"].titre = "autre"  # type: ignore[misc]


def test_text_fields_keep_what_was_typed(mini: Path) -> None:
    """YAML 1.1 would read these as false, 8 and 750: a text field keeps them as typed."""
    (mini / "organisations" / "me.yml").write_text("nom: Ministère\nsigle: NO\n", encoding="utf-8")
    (mini / "organisations" / "nordique.yml").write_text("nom: 12:30\nregion: cote-nord\n", encoding="utf-8")
    site = load_site(mini)
    assert site.organisations["me"].sigle == "NO"
    assert site.organisations["nordique"].nom == "12:30"


def test_unknown_key_names_file_line_and_suggestion(mini: Path) -> None:
    path = mini / "documents" / "mrc-de-test-piar.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("mise_a_jour:", "mise_a_jours:"), encoding="utf-8")
    [message] = problems_of(mini)
    assert message.startswith("content/documents/mrc-de-test-piar.yml, ligne 7, colonne 1 [mise_a_jours]")
    assert "clé inconnue « mise_a_jours »" in message
    assert "Vouliez-vous dire « mise_a_jour »?" in message


def test_all_problems_of_all_files_in_one_report(mini: Path) -> None:
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    text = piar.read_text(encoding="utf-8")
    text = text.replace("date_du_plan: 2021-05-01", "date_du_plan: 2021-02-30")
    text = text.replace("echeances: [2024-03-31]", "echeances: [2024-13]")
    text = text.replace("axes_programme: 1\n", "axes_programme: 9\n")
    text = text.replace("organisation: mrc-de-test", "organisation: mrc-de-tset")
    piar.write_text(text, encoding="utf-8")
    (mini / "organisations" / "nordique.yml").write_text("nom: Nordique\nregion: gaspesie\n", encoding="utf-8")
    messages = problems_of(mini)
    assert len(messages) == 5, messages
    joined = "\n".join(messages)
    assert "ligne 6, colonne 15 [date_du_plan]\u00a0: « 2021-02-30 » ne convient pas" in joined
    assert "[enjeux › n°\u00a02 › volets › n°\u00a01 › echeances › n°\u00a01]\u00a0: « 2024-13 » n'est pas une échéance valide" in joined
    assert "content/organisations/nordique.yml, ligne 2, colonne 9 [region]\u00a0: région inconnue « gaspesie »" in joined
    assert "axe inconnu dans le programme PE\u00a0: 9" in joined
    assert "[organisation]\u00a0: organisation inconnue « mrc-de-tset ». Vouliez-vous dire « mrc-de-test »?" in joined


def test_unknown_programme_number(mini: Path) -> None:
    path = mini / "documents" / "mrc-de-test-piar.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("axes_programme: 1\n", "axes_programme: 9\n"), encoding="utf-8")
    [message] = problems_of(mini)
    assert "ligne 28, colonne 25 [enjeux › n°\u00a02 › volets › n°\u00a01 › axes_programme]" in message
    assert "axe inconnu dans le programme PE\u00a0: 9. Numéros permis\u00a0: 1, 2, 3." in message


def test_missing_required_field(mini: Path) -> None:
    path = mini / "documents" / "nordique-entente.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("periode: {debut: 2023, fin: 2027}\n", ""), encoding="utf-8")
    [message] = problems_of(mini)
    assert "le champ obligatoire « periode » manque" in message
    assert message.startswith("content/documents/nordique-entente.yml, ligne 1")


def test_contributions_must_add_up(mini: Path) -> None:
    path = mini / "documents" / "nordique-entente.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("total_declare: 1 001 000", "total_declare: 1 000 000"), encoding="utf-8")
    [message] = problems_of(mini)
    assert "[contributions › total_declare]" in message
    assert "totalisent 1\u00a0001\u00a0000\u00a0$, mais le total déclaré est 1\u00a0000\u00a0000\u00a0$" in message  # OQLF


def test_in_kind_can_be_left_out_of_the_total(mini: Path) -> None:
    path = mini / "documents" / "nordique-entente.yml"
    text = path.read_text(encoding="utf-8").replace("total_declare: 1 001 000", "total_declare: 1000000\n  total_comprend_non_monetaire: non")
    path.write_text(text, encoding="utf-8")
    site = load_site(mini)
    assert site.documents["nordique-entente"].contributions.total_calcule == Decimal(1000000)


def test_yaml_syntax_error_is_located_in_french(mini: Path) -> None:
    path = mini / "organisations" / "me.yml"
    path.write_text("nom: Ministère\n  sigle: ME\n", encoding="utf-8")
    [message] = problems_of(mini)
    assert message.startswith("content/organisations/me.yml, ligne 2")
    assert "syntaxe YAML invalide" in message


def test_duplicate_key_and_non_utf8(mini: Path) -> None:
    (mini / "organisations" / "me.yml").write_text("nom: A\nnom: B\n", encoding="utf-8")
    (mini / "organisations" / "nordique.yml").write_bytes("nom: Québec\n".encode("latin-1"))
    messages = problems_of(mini)
    assert any("la clé « nom » est répétée (déjà à la ligne 1)" in m for m in messages)
    assert any("n'est pas encodé en UTF-8" in m for m in messages)


def test_bad_file_name_and_unknown_document_type(mini: Path) -> None:
    (mini / "organisations" / "Mauvais Nom.yml").write_text("nom: X\n", encoding="utf-8")
    (mini / "documents" / "autre.yml").write_text("type: rapport\ntitre: X\n", encoding="utf-8")
    messages = problems_of(mini)
    assert any("nom de fichier « Mauvais Nom.yml » invalide" in m for m in messages)
    assert any("type de document inconnu" in m and "« piar »" in m for m in messages)


def test_enjeu_needs_an_objective_and_an_axis(mini: Path) -> None:
    path = mini / "documents" / "mrc-de-test-piar.yml"
    text = path.read_text(encoding="utf-8").replace("      - objectifs_programme: 1-2\n        axes_programme: 1\n", "      - axes_programme: 1\n")
    path.write_text(text, encoding="utf-8")
    [message] = problems_of(mini)
    assert "ligne 27, colonne 7 [enjeux › n°\u00a02 › volets]\u00a0: l'enjeu 2 n'est associé à aucun objectif général du programme" in message


@pytest.mark.parametrize(
    ("written", "groups"),
    [("1-2-3", ((1, 2, 3),)), ("2 et 3", ((2, 3),)), ("[1, 2]", ((1, 2),)), ('["2 et 3", "1-2-3"]', ((2, 3), (1, 2, 3))),
     ("[[1], [2]]", ((1,), (2,))), ("2", ((2,),)), ("1, 3", ((1, 3),))],
)
def test_programme_numbers_spellings(mini: Path, written: str, groups: tuple) -> None:
    path = mini / "documents" / "mrc-de-test-piar.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('axes_programme: ["1 et 2", "2"]', f"axes_programme: {written}"), encoding="utf-8")
    site = load_site(mini)
    assert site.documents["mrc-de-test-piar"].enjeux[0].volets[0].axes_programme.groupes == groups


@pytest.mark.parametrize("written", ["[]", "un-deux", "[1, deux]", "{a: 1}"])
def test_unreadable_programme_numbers(mini: Path, written: str) -> None:
    path = mini / "documents" / "mrc-de-test-piar.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('axes_programme: ["1 et 2", "2"]', f"axes_programme: {written}"), encoding="utf-8")
    [message] = problems_of(mini)
    assert "numéros illisibles" in message and "[enjeux › n°\u00a01 › volets › n°\u00a01 › axes_programme]" in message


def test_other_files_are_noticed_not_read(mini: Path) -> None:
    (mini / "documents" / "notes.txt").write_text("brouillon", encoding="utf-8")
    (mini / "documents" / ".cache").write_text("x", encoding="utf-8")
    site = load_site(mini)
    notices = [str(n) for n in site.notices if "n'est pas publié" in n.message]
    assert len(notices) == 1 and notices[0].startswith("content/documents/notes.txt\u00a0: ce fichier n'est pas publié")


def test_site_publisher_is_an_organisation(mini: Path) -> None:
    site_yml = mini / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "editeur: mrc-de-test\n", encoding="utf-8")
    assert load_site(mini).info.editeur == "mrc-de-test"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("editeur: mrc-de-test", "editeur: mrc-inconnue"), encoding="utf-8")
    [message] = problems_of(mini)
    assert "content/site.yml" in message and "organisation inconnue « mrc-inconnue »" in message


def test_libyaml_and_pure_python_loaders_agree(monkeypatch: pytest.MonkeyPatch, mini: Path) -> None:
    import yaml

    from generator.content import yaml_reader as yamlsource

    fast = load_site(ROOT / "content")
    monkeypatch.setattr(yamlsource, "_LOADER", yaml.SafeLoader)
    assert load_site(ROOT / "content").documents == fast.documents
    (mini / "organisations" / "me.yml").write_text("nom:\n", encoding="utf-8")
    assert "valeur vide" in problems_of(mini)[0]


def test_new_sigles_prompt_a_glossary_entry(mini: Path) -> None:
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    piar.write_text(piar.read_text(encoding="utf-8").replace("actions: [Action.]", "actions: [Rencontre avec le MAPAQ et l'UPA (FLI/FLS).]"), encoding="utf-8")
    notices = [str(n) for n in load_site(mini).notices if "glossaire" in n.message]
    assert [n.split("«\u00a0")[1].split("\u00a0»")[0] if "«\u00a0" in n else n.split("« ")[1].split(" »")[0] for n in notices] == ["FLI", "FLS", "MAPAQ", "UPA"]
    assert all(n.startswith("content/documents/mrc-de-test-piar.yml") for n in notices)


def test_a_plan_without_any_action_is_refused(mini: Path) -> None:
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    text = piar.read_text(encoding="utf-8")
    text = text.replace("""        actions:
          - texte: "Former l'équipe :"
            elements: [une formation, deux formations]
""", "        actions: []\n").replace("actions: [Une action.]", "actions: []").replace("actions: [Action.]", "actions: []")
    piar.write_text(text, encoding="utf-8")
    [message] = problems_of(mini)
    assert "le plan ne compte aucune action" in message and "[enjeux]" in message
