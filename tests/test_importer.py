"""Word (.docx) import of a PIAR: the seed plan, synthetic tables, the commands around it."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import docx
import pytest
import yaml

from generator.cli import main
from generator.content.loading import load_catalogues, load_site
from generator.authoring.french import parse_deadlines, parse_full_date, parse_numbers
from generator.authoring.piar_table import read_docx
from generator.authoring.piar_yaml import to_yaml
from generator.content.json_schema import modeline
from tests.conftest import FIXTURES, ROOT
from tests.gabarit_docx import HEADER, PAGE, SEED_PIAR, TEMPLATE_HEADER, TITLE, Bullet, Lines, Table, build

PIAR = "mrc-du-fjord-du-saguenay-piar"
AEQ = load_catalogues(ROOT / "content").programmes["aeq"]  # objectives 1 to 4, axes 1 to 7, the template

# Where the hand-written content file differs from the seed's words, and why. Each is an
# editorial correction by whoever transcribed the seed by hand; the importer keeps the
# document's own words, so the imported file says what the Word file says. Paths are the
# models' fields, lists counted from 0. (Damaged characters are not here: the fixture
# holds the repaired text, as a real Word file would.)
EDITORIAL: dict[tuple[Any, ...], tuple[str, str, str]] = {
    ("enjeux", 1, "volets", 0, "indicateurs", 0, "elements", 0): (
        "15 formations en cours d'année Dont au moins, 5 formations en lien avec les priorités identifiées par le MEIE.",
        "15 formations en cours d'année, dont au moins 5 formations en lien avec les priorités identifiées par le MEIE.",
        "the cell has a line break before « Dont au moins, »; the transcriber made it one sentence",
    ),
    ("enjeux", 2, "volets", 2, "indicateurs", 0, "texte"): (
        "Mobilisation des équipes internes au processus (participation aux rencontres, nombre d'avis demandés et reçus.)",
        "Mobilisation des équipes internes au processus (participation aux rencontres, nombre d'avis demandés et reçus).",
        "period moved after the parenthesis",
    ),
    ("enjeux", 2, "volets", 3, "objectifs", 0, "texte"): (
        "Améliorer l'accessibilité aux services", "Améliorer l'accessibilité aux services.", "final period added",
    ),
    ("enjeux", 2, "volets", 3, "actions", 0, "texte"): (
        "Définir des parcours client sur notre site Web et mise en place d'un questionnaire sur notre site pour les "
        "demandes d'accompagnement",
        "Définir des parcours client sur notre site Web et mise en place d'un questionnaire sur notre site pour les "
        "demandes d'accompagnement.",
        "final period added",
    ),
    ("enjeux", 3, "volets", 0, "actions", 1, "texte"): (
        "Suivi des travaux d'actualisation de la politique auprès des partenaires",
        "Suivi des travaux d'actualisation de la politique auprès des partenaires.",
        "final period added",
    ),
    ("enjeux", 3, "volets", 1, "actions", 0, "texte"): (
        "Co-créer des projets communs avec les territoires à proximité : (Ville de Saguenay, MRC, Lac-Saint-Jean Est) "
        "et MRC Haute-Côte-Nord.",
        "Co-créer des projets communs avec les territoires à proximité (Ville de Saguenay, MRC de Lac-Saint-Jean-Est) "
        "et MRC de La Haute-Côte-Nord.",
        "official names of the MRC de Lac-Saint-Jean-Est and MRC de La Haute-Côte-Nord restored",
    ),
    ("enjeux", 3, "volets", 2, "indicateurs", 0, "texte"): (
        "Au moins 5 activités", "Au moins 5 activités.", "final period added",
    ),
    ("enjeux", 3, "volets", 2, "indicateurs", 2, "texte"): (
        "Faire partie (à titre de membre ou observateur) à au moins 2 comités par année d'entreprises de notre "
        "territoire. (Niobec, Mont-Édouard, Club Caribou).",
        "Faire partie (à titre de membre ou observateur) à au moins 2 comités par année d'entreprises de notre "
        "territoire (Niobec, Mont-Édouard, Club Caribou).",
        "stray period before the parenthesis removed (the row is joined across the page break as in the seed)",
    ),
    ("enjeux", 3, "volets", 3, "indicateurs", 0, "texte"): (
        "Rapport complet et résumé (conclusions et tendances)",
        "Rapport complet et résumé (conclusions et tendances).",
        "final period added",
    ),
    ("enjeux", 4, "volets", 0, "actions", 0, "texte"): (
        "Développer et faire vivre une campagne de communication afin de faire valoir l'expertise et le rôle de la MRC "
        "dans le développement économique du territoire",
        "Développer et faire vivre une campagne de communication afin de faire valoir l'expertise et le rôle de la MRC "
        "dans le développement économique du territoire.",
        "final period added",
    ),
    ("enjeux", 5, "volets", 0, "actions", 2, "texte"): (
        "Pour les besoins en recrutement international, établir un partenariat et une étroite collaboration avec PS",
        "Pour les besoins en recrutement international, établir un partenariat et une étroite collaboration avec PS.",
        "final period added",
    ),
    ("enjeux", 5, "volets", 0, "indicateurs", 0, "texte"): (
        "Participer à au moins trois formations spécifiques au recrutement international",
        "Participer à au moins trois formations spécifiques au recrutement international.",
        "final period added",
    ),
    ("enjeux", 6, "volets", 0, "actions", 0, "texte"): (
        "Initier et tenir une réflexion sur la description contemporaine d'un service de proximité versus les besoins "
        "actualisés des citoyens des municipalités; (ASMRC)",
        "Initier et tenir une réflexion sur la description contemporaine d'un service de proximité versus les besoins "
        "actualisés des citoyens des municipalités (ASMRC).",
        "semicolon before (ASMRC) replaced by a final period",
    ),
}


def differences(a: Any, b: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any, Any]]:
    """Every leaf where two models differ (file identifiers left aside)."""
    if dataclasses.is_dataclass(a) and type(a) is type(b):
        for f in dataclasses.fields(a):
            if f.compare and f.name not in ("identifiant", "source"):
                yield from differences(getattr(a, f.name), getattr(b, f.name), (*path, f.name))
    elif isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, (*path, index))
    elif a != b:
        yield path, a, b


def copy_content(target: Path, *, without_piar: bool = True) -> Path:
    shutil.copytree(ROOT / "content", target)
    if without_piar:
        (target / "documents" / f"{PIAR}.yml").unlink()
        shutil.rmtree(target / "versions" / PIAR, ignore_errors=True)
    return target


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SEED_PIAR, tmp_path_factory.mktemp("docx") / "PIAR MRC Fjord 2024.docx")


@pytest.fixture(scope="module")
def imported(seed_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real content whose PIAR is the one imported from the .docx, by the command."""
    content = copy_content(tmp_path_factory.mktemp("projet") / "content")
    code = main(["--contenu", str(content), "importer", str(seed_docx), "--organisation", "mrc-du-fjord-du-saguenay"])
    assert code == 0
    return content


# --- the seed PIAR ------------------------------------------------------------------


def test_the_seed_imports_with_nothing_reported(seed_docx: Path) -> None:
    plan = read_docx(seed_docx, AEQ)
    assert [str(r) for r in plan.reports] == []
    assert (len(plan.enjeux), plan.volet_count) == (7, 13)
    first = to_yaml(plan, organisation="mrc-du-fjord-du-saguenay", programme="aeq", source=seed_docx.name)
    again = to_yaml(read_docx(seed_docx, AEQ), organisation="mrc-du-fjord-du-saguenay", programme="aeq",
                    source=seed_docx.name)
    assert first == again  # deterministic
    assert "À VÉRIFIER" not in first


def test_the_seed_gives_the_hand_written_plan_but_for_documented_corrections(imported: Path) -> None:
    mine = load_site(imported).documents[PIAR]
    hand = load_site(ROOT / "content").documents[PIAR]
    found = {path: (a, b) for path, a, b in differences(mine, hand)}
    assert found == {path: (a, b) for path, (a, b, _why) in EDITORIAL.items()}


def test_the_imported_file_reads_like_the_hand_written_one(imported: Path) -> None:
    text = (imported / "documents" / f"{PIAR}.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/document.schema.json\n")
    assert "\ntype: piar\ntitre: Plan d'intervention et d'affectation des ressources\ntitre_court: PIAR\n" in text
    assert "date_du_plan: 2021-05-11\nmise_a_jour: 2024-10-02\n" in text
    assert '        axes_programme: ["2 et 7", "1-2-3-7"]\n' in text
    assert "        echeances: [2023-12, 2024-09, 2025-01]\n" in text
    assert '          - texte: "Chaque conseiller doit au minimum assister à :"\n' in text
    assert "    temps_imparti: Temps non imparti aux ressources.\n" in text
    assert "    temps_imparti: 15\n" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    # Same keys, same order as the hand-written file, key by key.
    hand = (ROOT / "content" / "documents" / f"{PIAR}.yml").read_text(encoding="utf-8")
    keys = [line.strip().split(":")[0] for line in text.splitlines() if ":" in line and not line.lstrip().startswith("#")
            and line.strip().split(":")[0].lstrip("- ").isidentifier()]
    hand_keys = [line.strip().split(":")[0] for line in hand.splitlines() if ":" in line and not line.lstrip().startswith("#")
                 and line.strip().split(":")[0].lstrip("- ").isidentifier()]
    assert keys == hand_keys


def test_the_published_page_has_the_same_facts(imported: Path, tmp_path: Path) -> None:
    from tests.test_build import SEED_FACTS, build as mkdocs_build, main_text

    project = imported.parent
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides", dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    text = main_text(tmp_path / "site" / "documents" / PIAR / "index.html")
    facts = SEED_FACTS[f"documents/{PIAR}/index.html"]
    in_the_seeds_words = []
    for fact in facts:
        for seed_words, hand_words, _why in EDITORIAL.values():
            fact = fact.replace(hand_words, seed_words)
        in_the_seeds_words.append(fact)
    assert [fact for fact in in_the_seeds_words if fact not in text] == []
    # The document's own words, where the hand-written file corrected them.
    assert [seed for seed, _hand, _why in EDITORIAL.values() if seed not in text] == []


def _set(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    """``value`` with the leaf at ``path`` replaced by ``new`` (frozen models rebuilt)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, tuple):
        return value[:head] + (_set(value[head], rest, new),) + value[head + 1:]
    return dataclasses.replace(value, **{head: _set(getattr(value, head), rest, new)})


def test_the_rendered_page_is_the_hand_written_one_but_for_the_corrections(imported: Path) -> None:
    from generator.pages.site import render_pages

    site = load_site(ROOT / "content")
    undone = site.documents[PIAR]
    for path, (seed_words, _hand_words, _why) in EDITORIAL.items():
        undone = _set(undone, path, seed_words)
    site = dataclasses.replace(site, documents={**site.documents, PIAR: undone})
    mine = render_pages(load_site(imported))
    hand = render_pages(site)
    pages = [path for path in hand if path.startswith(f"documents/{PIAR}/")]
    assert pages and [mine[path].markdown for path in pages] == [hand[path].markdown for path in pages]


# --- values written in words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Décembre 2023", ["2023-12"]),
        ("Le 31 mars 2025", ["2025-03-31"]),
        ("31 mars 2025", ["2025-03-31"]),
        ("le 1er avril 2024.", ["2024-04-01"]),
        ("D'ici le 30 septembre 2024", ["2024-09-30"]),
        ("Au plus tard le 15 févr. 2025", ["2025-02-15"]),
        ("2025-03-31", ["2025-03-31"]),
        ("2023-12", ["2023-12"]),
        ("31/03/2025", ["2025-03-31"]),
        ("Juin 2024 et décembre 2024", ["2024-06", "2024-12"]),
        ("Fin mars 2025", ["2025-03"]),
        ("Printemps 2025", None),
        ("En continu", None),
        ("2024-2025", None),
        ("03/04/2025", None),  # day and month could be swapped
        ("31 février 2025", None),
        ("Mars 2025 (révision annuelle)", None),
    ],
)
def test_deadlines_in_words(text: str, expected: list[str] | None) -> None:
    assert parse_deadlines(text) == expected


def test_plan_dates_and_numbers() -> None:
    import datetime as dt

    assert parse_full_date("11 mai 2021") == dt.date(2021, 5, 11)
    assert parse_full_date("le 2 octobre 2024") == dt.date(2024, 10, 2)
    assert parse_full_date("octobre 2024") is None
    assert parse_numbers("1-2-4") == ("1-2-4", (1, 2, 4))
    assert parse_numbers("2 et 7") == ("2 et 7", (2, 7))
    assert parse_numbers("1 – 2 – 4.") == ("1-2-4", (1, 2, 4))
    assert parse_numbers("Tous") is None
    assert parse_numbers("1, 2 ou 4") is None


# --- synthetic tables -------------------------------------------------------------------

ROW_1 = ["1. Attirer des entreprises", "1", "2", "Objectif A", "Action A", "Mars 2024", "Indicateur A", "20%"]


def _import(blocks: list[object], tmp_path: Path, name: str = "plan.docx"):  # type: ignore[no-untyped-def]
    plan = read_docx(build(["Date du plan : 11 mai 2021", *blocks], tmp_path / name), AEQ)
    return plan, to_yaml(plan, organisation="mrc-du-fjord-du-saguenay", programme="aeq")


def _valid(text: str, tmp_path: Path) -> Any:
    content = copy_content(tmp_path / "content")
    (content / "documents" / f"{PIAR}.yml").write_text(text, encoding="utf-8")
    return load_site(content).documents[PIAR]


def test_merged_cells(tmp_path: Path) -> None:
    header = HEADER[:5] + ["Ressources"] + HEADER[5:]
    table = Table(header, [
        ["1. Attirer des entreprises", "1-2", "2", "Objectif A", "Action A", "Ressource existante", "Mars 2024",
         "Indicateur A", "20 %"],
        ["", "3", "4", "Objectif B", "Action B", "", "Juin 2024", "Indicateur B", ""],
        ["2. Retenir", "1", "1", "Objectif C", "Action C et sa ressource", "", "Le 31 mars 2025", "Indicateur C", "5%"],
    ], merges=[((1, 0), (2, 0)), ((1, 8), (2, 8)), ((3, 4), (3, 5))])
    plan, text = _import([table], tmp_path)
    piar = _valid(text, tmp_path)
    first, second = piar.enjeux
    assert (first.numero, first.titre, str(first.temps_imparti.pourcentage)) == (1, "Attirer des entreprises", "20")
    assert [v.objectifs[0].texte for v in first.volets] == ["Objectif A", "Objectif B"]
    assert [e.texte for e in first.volets[0].ressources] == ["Ressource existante"]
    assert first.volets[1].objectifs_programme.numeros == (3,)
    assert [a.texte for a in second.volets[0].actions] == ["Action C et sa ressource"]
    # A cell spread over two columns is placed in the first one, and said.
    assert [str(r) for r in plan.reports] == [
        "ligne 3 du tableau, colonne « Actions »\u00a0: la case couvre aussi les colonnes « Ressources » (cases "
        "fusionnées); tout son texte est placé dans « Actions ». Vérifiez-le."
    ]


def test_bullet_lists_paragraphs_and_line_breaks(tmp_path: Path) -> None:
    row = list(ROW_1)
    row[4] = ["Action A", Bullet("\uf0b7\tAction B (puce de la police Symbol)", "Normal"), "• Action C"]
    row[6] = [
        "Chaque conseiller doit :",
        Bullet("assister à 15 formations;", "List Bullet"),
        Bullet(Lines("participer à 5 activités", "de réseautage."), "List Bullet"),
        "Politique renouvelée.",
    ]
    plan, text = _import([Table(HEADER, [row])], tmp_path)
    assert plan.reports == []
    volet = _valid(text, tmp_path).enjeux[0].volets[0]
    assert [a.texte for a in volet.actions] == ["Action A", "Action B (puce de la police Symbol)", "Action C"]
    assert volet.indicateurs[0].texte == "Chaque conseiller doit :"
    assert volet.indicateurs[0].elements == ("assister à 15 formations;", "participer à 5 activités de réseautage.")
    assert volet.indicateurs[1].texte == "Politique renouvelée."


def test_programme_numbers_as_written(tmp_path: Path) -> None:
    row = list(ROW_1)
    row[1] = "1 – 2"
    row[2] = ["2 et 7", "1-2-3-7"]
    plan, text = _import([Table(HEADER, [row])], tmp_path)
    assert plan.reports == []
    assert "      - objectifs_programme: 1-2\n        axes_programme: [\"2 et 7\", \"1-2-3-7\"]\n" in text
    volet = _valid(text, tmp_path).enjeux[0].volets[0]
    assert volet.axes_programme.groupes == ((2, 7), (1, 2, 3, 7))


def test_the_template_comes_from_the_programme_file(tmp_path: Path) -> None:
    """Column names, numbers and instructions are the programme's: another programme, other words."""
    rows = [["", "Tous", "9", "Objectif B", "Action B", "2025-03", "Indicateur B", ""]]
    path = build(["Date du plan : 11 mai 2021", Table(HEADER, [ROW_1, *rows])], tmp_path / "plan.docx")
    other = dataclasses.replace(AEQ, axes=AEQ.axes[:1], piar=dataclasses.replace(
        AEQ.piar, colonnes=dataclasses.replace(AEQ.piar.colonnes, objectifs_programme="Objectifs du PE", axes_programme=None)))
    assert [str(r) for r in read_docx(path, other).reports] == [
        "ligne 1 du tableau, colonne « axes_programme »\u00a0: axe inconnu dans le programme\u00a0: 2 (numéros "
        "permis\u00a0: 1); corrigez le numéro dans « axes_programme ».",
        "ligne 2 du tableau, colonne « Objectifs du PE »\u00a0: seuls des numéros sont attendus (par exemple "
        "« 1-2-4 » ou « 2 et 7 »); recopiez les numéros dans « objectifs_programme ».",
        "ligne 2 du tableau, colonne « axes_programme »\u00a0: axe inconnu dans le programme\u00a0: 9 (numéros "
        "permis\u00a0: 1); corrigez le numéro dans « axes_programme ».",
    ]
    # The template's instructions are recognised by the programme's consignes, before the first enjeu.
    instructions = ["Les enjeux doivent avoir été élaborés ou entérinés par le comité", "", "", "", "", "", "", ""]
    path = build(["Date du plan : 11 mai 2021", Table(HEADER, [instructions, ROW_1])], tmp_path / "consignes.docx")
    assert [e.titre for e in read_docx(path, AEQ).enjeux] == ["Attirer des entreprises"]
    without = dataclasses.replace(AEQ, piar=dataclasses.replace(AEQ.piar, consignes=()))
    assert len(read_docx(path, without).enjeux) == 2  # without them, the instructions read as an enjeu


def test_what_cannot_be_placed_is_reported_by_row_and_column_and_kept(tmp_path: Path) -> None:
    header = HEADER + ["Partenaires"]
    rows = [
        ROW_1 + ["Chambre de commerce"],
        ["", "Tous", "9", "Objectif B", "Action B", ["Printemps 2025", "Le 31 mars 2025"], "Indicateur B", "", ""],
    ]
    plan, text = _import([Table(header, rows)], tmp_path)
    assert [str(r) for r in plan.reports] == [
        "ligne 1 du tableau, colonne « Partenaires »\u00a0: colonne inconnue du gabarit; son texte est gardé en "
        "commentaire dans le volet.",
        "ligne 2 du tableau, colonne « Objectifs du programme »\u00a0: seuls des numéros sont attendus (par exemple "
        "« 1-2-4 » ou « 2 et 7 »); recopiez les numéros dans « objectifs_programme ».",
        "ligne 2 du tableau, colonne « Axes du programme »\u00a0: axe inconnu dans le programme\u00a0: 9 (numéros "
        "permis\u00a0: 1, 2, 3, 4, 5, 6, 7); corrigez le numéro dans « axes_programme ».",
        "ligne 2 du tableau, colonne « Échéances »\u00a0: échéance illisible; écrivez-la AAAA-MM (un mois) ou "
        "AAAA-MM-JJ (un jour) dans « echeances », ou laissez ce commentaire si le plan n'en donne pas.",
    ]
    comments = " ".join(line.strip().lstrip("# ") for line in text.splitlines() if line.lstrip().startswith("#"))
    for kept in ("« Chambre de commerce »", "« Tous »", "« 9 »", "« Printemps 2025 »"):
        assert kept in comments
    assert "# 4 points à vérifier" in text
    volet = _valid(text, tmp_path).enjeux[0].volets[1]  # still a valid content file
    assert [e.jour for e in volet.echeances] == [31]


def test_a_row_continued_after_a_page_break(tmp_path: Path) -> None:
    first = list(ROW_1)
    first[4] = ["Action A qui se poursuit", "Action B en lien avec"]
    first[6] = ["Indicateur A."]
    continued = ["", "", "", "", "les entreprises du territoire", "", "Indicateur B.", ""]
    ambiguous = ["", "", "", "", "Action C", "", "", ""]
    blocks: list[object] = [Table(HEADER, [first]), PAGE, TITLE, Table(HEADER, [continued]), PAGE,
                            Table(HEADER, [ambiguous])]
    plan, text = _import(blocks, tmp_path)
    volets = _valid(text, tmp_path).enjeux[0].volets
    assert len(volets) == 1
    assert [a.texte for a in volets[0].actions] == [
        "Action A qui se poursuit", "Action B en lien avec les entreprises du territoire", "Action C",
    ]
    assert [i.texte for i in volets[0].indicateurs] == ["Indicateur A.", "Indicateur B."]
    # « Action C » may start a new action or end the previous one: placed as a new one, and said.
    assert [(r.ligne, r.colonne) for r in plan.reports] == [(3, "Actions")]
    assert "réunissez les deux" in plan.reports[0].message


def test_an_enjeu_title_continued_or_repeated_on_the_next_page(tmp_path: Path) -> None:
    first = list(ROW_1)
    first[0] = "1. Attirer des entreprises de"
    first[4] = "Action A en lien avec"
    continued = ["l'extérieur de la région", "", "", "", "le milieu.", "", "", ""]
    repeated = ["1. Attirer des entreprises de l'extérieur de la région", "", "", "Objectif B", "Action B", "", "", ""]
    plan, text = _import([Table(HEADER, [first]), PAGE, Table(HEADER, [continued]), PAGE, Table(HEADER, [repeated])],
                         tmp_path)
    assert plan.reports == []
    (enjeu,) = _valid(text, tmp_path).enjeux
    assert enjeu.titre == "Attirer des entreprises de l'extérieur de la région"
    assert [[a.texte for a in v.actions] for v in enjeu.volets] == [["Action A en lien avec le milieu."], ["Action B"]]


def test_titles_on_two_rows(tmp_path: Path) -> None:
    grouped = ["Enjeux", "Accès Entreprise Québec", "", "Objectifs à atteindre", "Actions", "Échéances",
               "Indicateurs de performance", "Temps imparti"]
    table = Table(grouped, [["", "Objectifs", "Axes", "", "", "", "", ""], ROW_1], merges=[((0, 1), (0, 2))])
    plan, text = _import([table], tmp_path)
    assert plan.reports == []
    volet = _valid(text, tmp_path).enjeux[0].volets[0]
    assert (volet.objectifs_programme.numeros, volet.axes_programme.numeros) == ((1,), (2,))


def test_the_template_instructions_are_not_imported(tmp_path: Path) -> None:
    from tests.gabarit_docx import INSTRUCTIONS, INSTRUCTIONS_CONTINUED

    plan, text = _import([INSTRUCTIONS, PAGE, INSTRUCTIONS_CONTINUED, Table(HEADER, [ROW_1])], tmp_path)
    assert plan.reports == []
    assert [e.titre for e in plan.enjeux] == ["Attirer des entreprises"]
    assert "SMART" not in text and "Temporellement" not in text


def test_dates_in_a_table_and_missing_dates(tmp_path: Path) -> None:
    dates = Table(None, [["Date du plan :", "2021-05-11"], ["Date de mise à jour :", "le 2 octobre 2024"]])
    plan = read_docx(build([dates, Table(HEADER, [ROW_1])], tmp_path / "a.docx"), AEQ)
    assert (str(plan.date_du_plan), str(plan.mise_a_jour), plan.reports) == ("2021-05-11", "2024-10-02", [])
    plan = read_docx(build([Table(HEADER, [ROW_1])], tmp_path / "b.docx"), AEQ)
    assert [str(r) for r in plan.reports] == [
        "« Date du plan » introuvable dans le document; écrivez-la AAAA-MM-JJ dans « date_du_plan »."
    ]
    assert "date_du_plan:\n" in to_yaml(plan, organisation="x", programme="aeq")


def test_tracked_changes_content_controls_and_hidden_text(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = build([Table(HEADER, [ROW_1])], tmp_path / "suivi.docx")
    document = docx.Document(str(path))
    cell = document.tables[0].cell(1, 4)
    cell._tc.append(parse_xml(
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Action </w:t></w:r>'
        '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>retirée</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>ajoutée</w:t></w:r></w:ins>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t> (texte masqué)</w:t></w:r></w:p>'
    ))
    cell._tc.append(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Action dans un contrôle</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'
    ))
    cell._tc.append(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
        '<w:t>Cliquez ici pour entrer du texte.</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    ))
    document.save(str(path))
    plan = read_docx(path, AEQ)
    assert [i.texte for i in plan.enjeux[0].volets[0].actions] == ["Action A", "Action ajoutée", "Action dans un contrôle"]


def test_unreadable_files(tmp_path: Path) -> None:
    from generator.authoring.docx_reader import DocxError

    (tmp_path / "faux.docx").write_text("pas un document", encoding="utf-8")
    with pytest.raises(DocxError, match="n'est pas un document Word .docx lisible"):
        read_docx(tmp_path / "faux.docx")
    with pytest.raises(DocxError, match=r"Word 97-2003 \(\.doc\)"):
        read_docx(tmp_path / "ancien.doc")
    plan = read_docx(build(["Date du plan : 11 mai 2021", "Rien d'autre."], tmp_path / "vide.docx"), AEQ)
    assert "aucun tableau du plan trouvé" in str(plan.reports[-1])


# --- the importer command --------------------------------------------------------------


def test_importer_command(seed_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    # The organisation is found by its name in the document (here, the file's name does not give it).
    named = build(["MRC du Fjord-du-Saguenay", *SEED_PIAR], tmp_path / "plan.docx")
    assert main(["--contenu", str(content), "importer", str(named)]) == 0
    out = capsys.readouterr().out
    assert "PIAR importé de « plan.docx »\u00a0: 7 enjeux, 13 volets (organisation mrc-du-fjord-du-saguenay" in out
    assert "Tout le tableau a été placé\u00a0: rien à vérifier." in out
    assert "Le fichier est valide." in out
    target = content / "documents" / f"{PIAR}.yml"
    assert target.read_text(encoding="utf-8").splitlines()[0] == modeline(target, tmp_path / "schemas" / "document.schema.json")
    # Never overwritten by mistake.
    assert main(["--contenu", str(content), "importer", str(named)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert main(["--contenu", str(content), "importer", str(named), "--remplacer"]) == 0
    capsys.readouterr()
    # On screen: the file on stdout, the messages on stderr.
    assert main(["--contenu", str(content), "importer", str(seed_docx), "--organisation",
                 "mrc-du-fjord-du-saguenay", "--sortie", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# PIAR importé du fichier Word")
    assert "Le fichier est valide." in captured.err


def test_importer_command_errors(seed_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    assert main(["--contenu", str(content), "importer", str(seed_docx), "--organisation", "mrc-du-fjord"]) == 2
    assert "Vouliez-vous dire « mrc-du-fjord-du-saguenay »?" in capsys.readouterr().err
    assert main(["--contenu", str(content), "importer", str(seed_docx)]) == 2
    assert "organisation introuvable dans le document. Indiquez-la avec --organisation" in capsys.readouterr().err
    assert main(["--contenu", str(content), "importer", str(tmp_path / "absent.docx")]) == 2
    assert "fichier introuvable" in capsys.readouterr().err
    assert main(["--contenu", str(tmp_path / "nulle-part"), "importer", str(seed_docx)]) == 2
    assert "dossier de contenu" in capsys.readouterr().err
    no_table = build(["MRC du Fjord-du-Saguenay", "Date du plan : 11 mai 2021"], tmp_path / "sans-tableau.docx")
    assert main(["--contenu", str(content), "importer", str(no_table)]) == 2
    assert "aucun enjeu trouvé dans « sans-tableau.docx »" in capsys.readouterr().err
    assert not list((content / "documents").glob("mrc-du-fjord*"))


def test_importer_exits_non_zero_only_when_the_file_is_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    reported = build(["Date du plan : 11 mai 2021", Table(HEADER, [ROW_1[:5] + ["Printemps 2025"] + ROW_1[6:]])],
                     tmp_path / "signale.docx")
    args = ["--contenu", str(content), "importer", "--organisation", "mrc-du-fjord-du-saguenay"]
    assert main([*args, str(reported)]) == 0
    out = capsys.readouterr().out
    assert "1 point à vérifier" in out and "ligne 1 du tableau, colonne « Échéances »" in out
    invalid = build([Table(HEADER, [ROW_1])], tmp_path / "sans-date.docx")  # no plan date: required
    assert main([*args, str(invalid), "--remplacer"]) == 1
    out = capsys.readouterr().out
    assert "Le fichier n'est pas encore valide (1 erreur)" in out
    assert "[date_du_plan]\u00a0: valeur vide" in out or "date_du_plan" in out
    assert (content / "documents" / f"{PIAR}.yml").is_file()  # written anyway, to be completed


def test_importing_a_new_version(seed_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    args = ["--contenu", str(content), "importer", "--organisation", "mrc-du-fjord-du-saguenay"]
    assert main([*args, str(seed_docx)]) == 0
    updated = [b.replace("2 octobre 2024", "15 avril 2025") if isinstance(b, str) else b for b in SEED_PIAR]
    newer = build(updated, tmp_path / "mise-a-jour.docx")
    assert main([*args, str(seed_docx), "--nouvelle-version"]) == 2  # same date: not an update
    assert "ce n'est pas une mise à jour" in capsys.readouterr().err
    capsys.readouterr()
    assert main([*args, str(newer), "--nouvelle-version"]) == 0
    out = capsys.readouterr().out
    archive = content / "versions" / PIAR / "2024-10-02.yml"
    assert "Version précédente gardée dans" in out and archive.is_file()
    assert archive.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../../schemas/document.schema.json"
    )
    site = load_site(content)
    assert str(site.documents[PIAR].mise_a_jour) == "2025-04-15"
    assert [str(date) for date, _ in site.versions[PIAR]] == ["2024-10-02"]


def test_python_dash_m_generator(seed_docx: Path, tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--contenu", str(content), "importer", str(seed_docx),
         "--organisation", "mrc-du-fjord-du-saguenay"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Le fichier est valide." in result.stdout


# --- nouveau ----------------------------------------------------------------------------


def _model_fields(cls: type, seen: set[type] | None = None) -> set[str]:
    """Every YAML key under a model."""
    from typing import get_args, get_type_hints

    from generator.content.typed_reader import yaml_fields

    seen = seen if seen is not None else set()
    if cls in seen:
        return set()
    seen.add(cls)
    names = set()
    for f in yaml_fields(cls):
        names.add(f.name)
        hint = get_type_hints(cls)[f.name]
        for arg in [hint, *get_args(hint), *(a for g in get_args(hint) for a in get_args(g))]:
            if dataclasses.is_dataclass(arg) and not hasattr(arg, "from_yaml"):
                names |= _model_fields(arg, seen)
    return names


FILL = {
    "piar": {
        "organisation": "mrc-de-test", "programme": "prog", "date_du_plan": "2021-05-11", "titre": "Un titre",
        "objectifs_programme": "1-2", "axes_programme": "2 et 3", "temps_imparti": "15",
    },
    "entente": {
        "titre": "Une entente", "organisation": "nordique", "debut": "2023", "fin": "2027", "instance": "comité",
        "total_declare": "1000", "montant": "1000", "nom": "Une personne",
    },
}


def _fill(text: str, kind: str) -> str:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        key = stripped.lstrip("- ").rstrip(":")
        if stripped.endswith(":") and not stripped.startswith("#") and key in FILL[kind]:
            line = f"{line} {FILL[kind][key]}"
        lines.append(line.replace('texte: ""', "texte: Un texte").replace('- ""', "- Un texte"))
    text = "\n".join(lines) + "\n"
    if kind == "entente":  # one organisation per contribution
        text = text.replace("    - organisation:\n", "    - organisation: nordique\n", 1)
    return text


@pytest.mark.parametrize("kind", ["piar", "entente"])
def test_nouveau_names_every_field_and_is_valid_once_filled(kind: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.content.models import DOCUMENT_TYPES
    from generator.authoring.skeleton import KINDS

    target = mini / "documents" / f"nouveau-{kind}.yml"
    assert main(["--contenu", str(mini), "nouveau", kind, str(target)]) == 0
    assert "Squelette écrit" in capsys.readouterr().out
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline(target, mini.parent / "schemas" / "document.schema.json")
    keys = {line.strip().lstrip("#").strip().lstrip("- ").split(":")[0] for line in text.splitlines()}
    assert _model_fields(DOCUMENT_TYPES[KINDS[kind]]) - keys == set()
    yaml.safe_load(text)  # well-formed as is
    # As written it is not valid: the checker names what is left to fill.
    assert main(["--contenu", str(mini), "verifier"]) == 1
    errors = capsys.readouterr().err
    assert f"nouveau-{kind}.yml" in errors and "valeur vide" in errors
    target.write_text(_fill(text, kind), encoding="utf-8")
    assert main(["--contenu", str(mini), "verifier"]) == 0, capsys.readouterr().err


def test_nouveau_on_screen_and_errors(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--contenu", str(mini), "nouveau", "piar", "--organisation", "mrc-de-test"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Nouveau PIAR") and "\norganisation: mrc-de-test\n" in out
    assert main(["--contenu", str(mini), "nouveau", "plan"]) == 2
    assert "type de document inconnu « plan »; attendu\u00a0: piar ou entente." in capsys.readouterr().err
    existing = mini / "documents" / "mrc-de-test-piar.yml"
    assert main(["--contenu", str(mini), "nouveau", "piar", str(existing)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert main(["--contenu", str(mini), "nouveau", "piar", str(mini / "documents" / "PIAR Matanie.yml")]) == 2
    assert "« piar-matanie.yml »" in capsys.readouterr().err
    assert main(["--contenu", str(mini), "nouveau", "entente", "--organisation", "inconnue"]) == 2
    assert "organisation inconnue « inconnue »." in capsys.readouterr().err


def test_fixture_builder_shape() -> None:
    """The seed fixture keeps the template's shape: instructions, then the plan over several pages."""
    tables = [b for b in SEED_PIAR if isinstance(b, Table)]
    assert tables[0].header == TEMPLATE_HEADER and len(tables) == 12
    assert sum(1 for b in SEED_PIAR if b is PAGE) >= 8
    assert FIXTURES.is_dir()


# --- the importer refuses to lose data -----------------------------------------------------


def _with_title(index: int, title: str) -> list[str]:
    return [*HEADER[:index], title, *HEADER[index + 1:]]


def test_the_required_columns_come_from_the_programme() -> None:
    from generator.authoring.template import required_columns

    # The content format requires an enjeu's title, a volet's objectives and actions; AEQ's template an
    # objective and an axis for each enjeu (objectif_et_axe_par_enjeu: oui).
    assert required_columns(AEQ) == ("enjeu", "objectifs_programme", "axes_programme", "objectifs", "actions")
    assert AEQ.piar is not None
    lenient = dataclasses.replace(AEQ, piar=dataclasses.replace(AEQ.piar, objectif_et_axe_par_enjeu=False))
    assert required_columns(lenient) == ("enjeu", "objectifs", "actions")


def test_a_missing_required_column_is_refused_with_the_titles_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    path = build(["Date du plan : 11 mai 2021", Table(_with_title(4, "Mesures prévues"), [ROW_1])], tmp_path / "plan.docx")
    assert main(["--contenu", str(content), "importer", str(path), "--organisation", "mrc-du-fjord-du-saguenay"]) == 2
    err = capsys.readouterr().err.replace("\u00a0", " ")
    assert err.startswith("Erreur : le tableau du plan n'a pas la colonne obligatoire « Actions » du gabarit")
    assert "Titres de colonnes lus : « Enjeux à travailler par la MRC », « Objectifs d'AEQ », « Axes d'AEQ », " \
        "« Objectifs à atteindre », « Mesures prévues », « Échéances »" in err
    assert "« Mesures prévues » : vouliez-vous dire « Actions »?" in err
    assert "Rien n'a été écrit." in err
    assert not (content / "documents" / f"{PIAR}.yml").exists()
    # Two missing columns: each unknown title is matched by its place among the known ones.
    path = build(["Date du plan : 11 mai 2021",
                  Table(_with_title(1, "Cibles du MEIE") [:4] + ["Mesures prévues"] + HEADER[5:], [ROW_1])],
                 tmp_path / "deux.docx")
    assert main(["--contenu", str(content), "importer", str(path), "--organisation", "mrc-du-fjord-du-saguenay"]) == 2
    err = capsys.readouterr().err.replace("\u00a0", " ")
    assert "les colonnes obligatoires « Objectifs du programme », « Actions » du gabarit" in err
    assert "« Cibles du MEIE » : vouliez-vous dire « Objectifs du programme »? « Mesures prévues » : vouliez-vous " \
        "dire « Actions »?" in err


def test_a_title_read_approximately_is_reported(tmp_path: Path) -> None:
    header = _with_title(6, "Indicateur de perfomance")
    header[5] = "Échancier"
    second = ["2. Retenir les entreprises", "1", "2", "Objectif B", "Action B", "Avril 2024", "Indicateur B", "10%"]
    plan, text = _import([Table(header, [ROW_1]), PAGE, Table(header, [second])], tmp_path)
    reports = [str(r).replace("\u00a0", " ") for r in plan.reports]
    assert reports == [
        "colonne « Échancier » lue comme « Échéances »; vérifiez que c'est bien elle.",
        "colonne « Indicateur de perfomance » lue comme « Indicateurs de performance »; vérifiez que c'est bien elle.",
    ]  # once each, though the titles are repeated on the next page
    volet = _valid(text, tmp_path).enjeux[0].volets[0]
    assert [i.texte for i in volet.indicateurs] == ["Indicateur A"] and [(e.annee, e.mois) for e in volet.echeances] == [(2024, 3)]
    # The template's own titles, and their usual variants, are read without a word.
    for index, title in ((6, "Indicateurs de performance"), (6, "Indicateurs"), (5, "Échéanciers"), (5, "Calendrier"),
                         (4, "Actions / interventions à mettre en place"), (4, "Moyens"), (3, "Résultats visés"),
                         (1, "Objectifs d'Accès Entreprise Québec en lien avec l'enjeu")):
        assert not _import([Table(_with_title(index, title), [ROW_1])], tmp_path, f"{index}.docx")[0].reports, title


def test_a_plan_without_any_action_is_never_called_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    row = [*ROW_1[:4], "", *ROW_1[5:]]
    path = build(["Date du plan : 11 mai 2021", Table(HEADER, [row])], tmp_path / "sans-action.docx")
    assert main(["--contenu", str(content), "importer", str(path), "--organisation", "mrc-du-fjord-du-saguenay"]) == 2
    captured = capsys.readouterr()
    assert "aucune action lue dans « sans-action.docx »\u00a0: la colonne « Actions » du tableau est vide" in captured.err
    assert "valide" not in captured.out and not (content / "documents" / f"{PIAR}.yml").exists()


def test_the_preview_command_is_given_for_each_system(seed_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = copy_content(tmp_path / "content")
    assert main(["--contenu", str(content), "importer", str(seed_docx), "--organisation", "mrc-du-fjord-du-saguenay"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "Le fichier est valide. Relisez la page dans l'aperçu (python3 scripts/apercu.py; sous Windows\u00a0: " \
        "py scripts\\apercu.py), puis publiez."
    for script in ("apercu.py",):
        assert (ROOT / "scripts" / script).is_file()


def test_the_imported_word_file_is_kept_as_the_filed_document(seed_docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`importer --joindre`: the Word file beside the YAML, declared in `publication › document`, published
    with its fingerprint; a new version keeps the previous file beside the archived YAML."""
    import hashlib

    from generator.build import build_site

    content = copy_content(tmp_path / "content")
    args = ["--contenu", str(content), "importer", str(seed_docx), "--organisation", "mrc-du-fjord-du-saguenay", "--joindre"]
    assert main(args) == 0
    attached = content / "documents" / f"{PIAR}-2024-10-02.docx"
    assert attached.read_bytes() == seed_docx.read_bytes()
    assert f"publication:\n  document: {attached.name}\n" in (content / "documents" / f"{PIAR}.yml").read_text(encoding="utf-8")
    assert "Document Word gardé comme document déposé" in capsys.readouterr().out
    built = build_site(content, "https://exemple.github.io/plans-publics/")
    assert built.attachments == {f"documents/{PIAR}/depots/2024-10-02.docx": attached}
    assert hashlib.sha256(attached.read_bytes()).hexdigest() in built.pages[f"documents/{PIAR}/index.md"].markdown
    # An update: the archived version keeps its own file.
    assert main(["--contenu", str(content), "nouvelle-version", PIAR]) == 0
    assert (content / "versions" / PIAR / attached.name).read_bytes() == seed_docx.read_bytes()
