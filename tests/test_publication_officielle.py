"""The official publication: who adopted what and when, the filed document attached with its
fingerprint, the obligation it meets, and a citation with a permanent address per version."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.build import build_site
from generator.cli import export_pages
from generator.content.loading import load_site
from generator.content.problems import ContentError

URL = "https://exemple.github.io/plans-publics/"
RECORD = """publication:
  instance: le conseil de la MRC
  resolution: "2021-05-123"
  date_adoption: 2021-05-11
  date_depot: 2021-05-20
  date_publication: 2021-06-01
  signataires: [Jeanne Préfète, Paul Directeur]
  document: plan-depose.pdf
"""


def with_record(content: Path, record: str = RECORD) -> Path:
    piar = content / "documents" / "mrc-de-test-piar.yml"
    piar.write_text(piar.read_text(encoding="utf-8").replace("enjeux:\n", record + "enjeux:\n", 1), encoding="utf-8")
    pdf = content / "documents" / "plan-depose.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% le document depose\n" + bytes(range(256)) * 600)
    return pdf


def test_the_page_states_the_official_publication_and_the_fingerprint(mini: Path, tmp_path: Path) -> None:
    pdf = with_record(mini)
    built = build_site(mini, URL)
    page = built.pages["documents/mrc-de-test-piar/index.md"].markdown
    assert "Adopté par le conseil de la MRC le 11\u00a0mai\u00a02021 (résolution n°\u00a02021-05-123)." in page
    assert "Déposé au ministère le 20\u00a0mai\u00a02021." in page and "Signé par\u00a0: Jeanne Préfète et Paul Directeur." in page
    assert "Publié le 1er\u00a0juin\u00a02021" in page
    assert f"`{hashlib.sha256(pdf.read_bytes()).hexdigest()}`" in page
    assert "[plan-depose.pdf](depots/2024-10-02.pdf) (PDF, 153,6\u00a0ko)" in page
    assert built.attachments == {"documents/mrc-de-test-piar/depots/2024-10-02.pdf": pdf}
    assert not any("plan-depose.pdf" in n.file for n in built.site.notices)  # declared: published, no notice
    out = tmp_path / "export"
    export_pages(built, out)
    assert (out / "documents/mrc-de-test-piar/depots/2024-10-02.pdf").read_bytes() == pdf.read_bytes()


def test_the_obligation_comes_from_the_programme(mini: Path) -> None:
    programme = mini / "programmes" / "prog.yml"
    text = programme.read_text(encoding="utf-8").replace(
        "piar:\n", "piar:\n  obligation:\n    texte: la convention demande la publication du plan.\n    source: Convention, article 7\n", 1)
    programme.write_text(text, encoding="utf-8")
    page = build_site(mini, URL).pages["documents/mrc-de-test-piar/index.md"].markdown
    assert "Publié conformément à ce qui suit\u00a0: la convention demande la publication du plan. Source\u00a0: Convention, article 7." in page


def test_each_version_has_a_citation_and_a_permanent_address(mini: Path) -> None:
    pages = build_site(mini, URL).pages
    current = pages["documents/mrc-de-test-piar/index.md"].markdown
    address = f"{URL}documents/mrc-de-test-piar/versions/2024-10-02/"
    assert f"MRC de Test. (2024). *Plan d'intervention et d'affectation des ressources* (version du 2\u00a0octobre\u00a02024). [{address}]({address})." in current
    built = build_site(mini, URL)
    stub = built.downloads["documents/mrc-de-test-piar/versions/2024-10-02/index.html"]  # leads to the current page, for now
    assert '<meta http-equiv="refresh" content="0; url=../../">' in stub and "documents/mrc-de-test-piar/versions/2024-10-02.md" not in built.pages
    # Once a newer version is published, the same address holds the same version, now archived.
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    (mini / "versions" / "mrc-de-test-piar").mkdir(parents=True)
    (mini / "versions" / "mrc-de-test-piar" / "2024-10-02.yml").write_text(piar.read_text(encoding="utf-8"), encoding="utf-8")
    piar.write_text(piar.read_text(encoding="utf-8").replace("mise_a_jour: 2024-10-02", "mise_a_jour: 2025-06-30"), encoding="utf-8")
    later = build_site(mini, URL)
    assert "**Ancienne version du 2\u00a0octobre\u00a02024, remplacée le 30\u00a0juin\u00a02025.**" in later.pages["documents/mrc-de-test-piar/versions/2024-10-02.md"].markdown
    assert "documents/mrc-de-test-piar/versions/2024-10-02/index.html" not in later.downloads  # the page took the address over
    assert "documents/mrc-de-test-piar/versions/2025-06-30/index.html" in later.downloads


@pytest.mark.parametrize(("record", "words", "line"), [
    (RECORD.replace("plan-depose.pdf", "absent.pdf"), "document déposé « absent.pdf » introuvable", 15),
    (RECORD.replace("plan-depose.pdf", "../../secret.pdf"), "nom de document « ../../secret.pdf » invalide", 15),
    (RECORD.replace("date_publication: 2021-06-01", "date_publication: 2021-05-01"), "la publication (1er\u00a0mai\u00a02021) précède l'adoption", 13),
    (RECORD.replace("  instance: le conseil de la MRC\n", ""), "une résolution est adoptée par une instance", 9),
])
def test_an_inconsistent_record_gets_french_with_its_line(mini: Path, record: str, words: str, line: int) -> None:
    with_record(mini, record)
    with pytest.raises(ContentError) as info:
        load_site(mini)
    matching = [p for p in info.value.problems if words in p.message]
    assert matching and matching[0].line == line, [str(p) for p in info.value.problems]


def test_en_bref_gives_the_figures_a_citizen_wants_first() -> None:
    from tests.conftest import ROOT

    pages = build_site(ROOT / "content", URL).pages
    piar = pages["documents/mrc-du-fjord-du-saguenay-piar/index.md"].markdown
    brief = piar[piar.index("## En bref"):piar.index("**Voir aussi")]
    assert "- 7\u00a0enjeux et 29\u00a0actions." in brief
    assert "Prochaines échéances\u00a0: 31\u00a0décembre\u00a02024, janvier\u00a02025 et 31\u00a0mars\u00a02025" in brief
    assert "{: .pp-part style=\"--pp-valeur: 60%\" }" in brief and ": 60\u00a0%" in brief
    assert "Temps non imparti aux ressources." in brief  # an enjeu without a percentage keeps its note
    entente = pages["documents/entente-attraction-abitibi-temiscamingue-2023-2027/index.md"].markdown
    brief = entente[entente.index("## En bref"):entente.index("**Voir aussi")]
    assert "Enveloppe totale\u00a0: 2\u00a0871\u00a0200\u00a0$, dont 2\u00a0856\u00a0200\u00a0$ en argent et 15\u00a0000\u00a0$ en biens et services." in brief
    assert "6\u00a0partenaires\u00a0: MAMH, SQ, MIFI, MEIE, Total MRC/Ville et CPAT." in brief


def test_a_link_card_to_paste_into_the_organisations_site(mini: Path) -> None:
    import html as html_module
    import re

    import markdown

    piar = mini / "documents" / "mrc-de-test-piar.yml"
    piar.write_text(piar.read_text(encoding="utf-8").replace("titre: Plan d'intervention", "titre: Plan <script>x</script> `d'intervention"), encoding="utf-8")
    pages = build_site(mini, URL).pages
    assert "[Lien à coller sur le site de l'organisation](../../organisations/mrc-de-test/index.md#liens)" in pages["documents/mrc-de-test-piar/index.md"].markdown
    card = pages["organisations/mrc-de-test/index.md"]
    rendered = markdown.markdown(card.markdown, extensions=["abbr", "attr_list", "tables", "toc"])
    [code] = re.findall(r"<pre><code>(.*?)</code></pre>", rendered, re.S)  # shown as code, never rendered
    snippet = html_module.unescape(code)
    assert snippet.startswith(f'<a href="{URL}documents/mrc-de-test-piar/"')
    assert "&lt;script&gt;" in snippet and "<script" not in snippet.replace("&lt;script", "")  # the title, escaped in the snippet
    assert "À jour le 2\u00a0octobre\u00a02024." in snippet and "2\u00a0enjeux, 3\u00a0actions." in snippet
    assert not re.search(r"<script|src=|@import|url\(", snippet)  # no script, no request to another site
