"""OQLF typography and safe Markdown text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import markdown
import pytest

from generator import typography as typo
from generator.pages import markdown as md

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2871200, f"2{NB}871{NB}200{NB}$"), (15000, f"15{NB}000{NB}$"), (0, f"0{NB}$"), (999, f"999{NB}$"),
     (Decimal("1234.5"), f"1{NB}234,50{NB}$"), (Decimal("1000000.00"), f"1{NB}000{NB}000{NB}$")],
)
def test_amounts(value: Decimal, expected: str) -> None:
    assert typo.amount(value) == expected


def test_percentages_and_numbers() -> None:
    assert typo.percent(15) == f"15{NB}%"
    assert typo.percent(Decimal(1800000) * 100 / Decimal(2871200), 1) == f"62,7{NB}%"
    assert typo.number(Decimal("-1234567")) == f"-1{NB}234{NB}567"


def test_dates() -> None:
    assert typo.date(dt.date(2021, 5, 11)) == f"11{NB}mai{NB}2021"
    assert typo.date(dt.date(2024, 12, 1)) == f"1er{NB}décembre{NB}2024"
    assert typo.month(2023, 12) == f"décembre{NB}2023"
    assert typo.month(2025, 3, 31) == f"31{NB}mars{NB}2025"


def test_join_and_elision() -> None:
    assert typo.join(["1", "2", "4"]) == "1, 2 et 4"
    assert typo.join(["7"]) == "7"
    assert typo.of("AEQ") == "d'AEQ"
    assert typo.of("PE") == "de PE"


def test_phone() -> None:
    assert typo.phone_display("873-561-1522") == f"873{NB}561-1522"
    assert typo.phone_uri("873-561-1522") == "tel:+18735611522"
    assert typo.phone_uri("1 (418) 555-0100") == "tel:+14185550100"


def test_free_text_gets_no_break_spaces() -> None:
    text = "Au moins 75 % : 2 871 200 $ d'ici le 31 octobre 2024, « ok »"
    assert typo.typeset(text) == (
        f"Au moins 75{NB}%{NB}: 2{NB}871{NB}200{NB}$ d'ici le 31{NB}octobre{NB}2024, «{NB}ok{NB}»"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        "**gras** _souligné_ `code` # titre",
        "1. pas une liste",
        "- pas une puce",
        "| pas | une table |",
        "{#id .classe}",
        "&lt;déjà échappé&gt;",
    ],
)
def test_text_is_never_markup(hostile: str) -> None:
    html = markdown.markdown(md.text(hostile), extensions=["attr_list", "tables"])
    assert "<script" not in html and "<img" not in html and "<a " not in html
    for tag in ("<strong>", "<em>", "<code>", "<h1", "<ol>", "<ul>", "<table>"):
        assert tag not in html
    # What the reader sees is exactly what was typed.
    import html as htmlmod
    import re

    visible = htmlmod.unescape(re.sub(r"<[^>]+>", "", html)).replace(NB, " ")
    assert visible.strip() == hostile


def test_relative_links() -> None:
    assert md.relative("documents/a.md", "programmes/b.md", "axe-1") == "../programmes/b.md#axe-1"
    assert md.relative("index.md", "regions/x/index.md") == "regions/x/index.md"
    assert md.relative("documents/a.md", "documents/a.md", "x") == "#x"


def test_abbreviations_name_the_sigles_a_page_uses_as_whole_words() -> None:
    from types import SimpleNamespace

    from generator.content.models import Glossaire, Sigle
    from generator.pages.glossary import abbreviations as _abbreviations

    glossary = Glossaire(
        sigles=(
            Sigle(sigle="MRC", forme_longue="municipalité régionale de comté"),
            Sigle(sigle="AEQ", forme_longue="Accès Entreprise Québec"),
            Sigle(sigle="S.E.N.C.", forme_longue="société en nom collectif"),
            Sigle(sigle="PME", forme_longue=None),
        )
    )
    site = SimpleNamespace(glossary=glossary)
    found = _abbreviations(site, "La MRC soutient les PME; voir AEQ-2 et xAEQ, une S.E.N.C. aussi.")  # type: ignore[arg-type]
    # AEQ only inside longer words; PME has no long form to give.
    assert found == "\n*[MRC]: municipalité régionale de comté\n*[S.E.N.C.]: société en nom collectif\n"
    assert _abbreviations(site, "Rien ici, ni MRCs ni -MRC.") == ""  # type: ignore[arg-type]
