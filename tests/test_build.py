"""End to end: `mkdocs build --strict` of the real content, then read the site as text."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

PAGES = [
    "index.html",
    "documents/mrc-du-fjord-du-saguenay-piar/index.html",
    "documents/entente-attraction-abitibi-temiscamingue-2023-2027/index.html",
    "programmes/aeq/index.html",
    "organisations/mrc-du-fjord-du-saguenay/index.html",
    "organisations/attractivite-abitibi-temiscamingue/index.html",
    "regions/saguenay-lac-saint-jean/index.html",
    "regions/abitibi-temiscamingue/index.html",
]


def build(config: Path, site_dir: Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


BLOCK = re.compile(r"</?(?:p|li|h[1-6]|td|th|tr|div|br|ul|ol|table|section|nav|header|footer|label|article)\b[^>]*>")


def main_text(page: Path, whole: bool = False) -> str:
    """The visible text of a page's article (or whole page), with no-break spaces as spaces."""
    source = page.read_text(encoding="utf-8")
    match = None if whole else re.search(r"<article[^>]*>(.*?)</article>", source, re.S)
    body = match[1] if match else source
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = BLOCK.sub(" ", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def site_text(site: Path) -> str:
    return "\n".join(main_text(site / page) for page in PAGES)


def test_every_page_is_built(site: Path) -> None:
    for page in PAGES:
        assert (site / page).is_file(), page
    assert (site / "assets" / "stylesheets" / "plans-publics.css").is_file()


def test_no_damaged_character_or_artefact(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for bad in ("\ufffd", "${", "\uf0b7", "\uf0a7", "Ã©", "Ã¨"):
            assert bad not in text, (page, bad)


def test_no_english_in_the_interface(site: Path) -> None:
    english = ["Made with", "Skip to content", "Table of contents", "Back to top", "Initializing search",
               "Type to start searching", "Permanent link", "Edit this page", "Previous", "Next", "Not found"]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for word in english:
            assert word not in text, (page, word)
        assert '<html lang="fr-CA"' in text


def test_typography_uses_no_break_spaces(site: Path) -> None:
    entente = (site / PAGES[2]).read_text(encoding="utf-8")
    assert "2\u00a0871\u00a0200\u00a0$" in entente
    assert "62,7\u00a0%" in entente
    piar = (site / PAGES[1]).read_text(encoding="utf-8")
    assert "11\u00a0mai\u00a02021" in piar and "2\u00a0octobre\u00a02024" in piar
    assert "15\u00a0%" in piar
    # Never an amount, a percentage or a date cut by an ordinary space.
    assert not re.search(r"\d [$%]", piar + entente), re.findall(r".{20}\d [$%]", piar + entente)
    raw = html.unescape(re.sub(r"<[^>]+>", "", piar + entente))
    assert not re.search(r"\b\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)", raw)
    assert not re.search(r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}", raw)


def test_contact_links(site: Path) -> None:
    entente = (site / PAGES[2]).read_text(encoding="utf-8")
    assert 'href="tel:+18735611522"' in entente
    assert 'href="mailto:andrea@attractivite-at.org"' in entente


def test_aeq_references_link_to_the_programme(site: Path) -> None:
    piar = (site / PAGES[1]).read_text(encoding="utf-8")
    for n in range(1, 5):
        assert f'href="../../programmes/aeq/#objectif-{n}"' in piar
    for n in range(1, 8):
        assert f'href="../../programmes/aeq/#axe-{n}"' in piar
    programme = (site / PAGES[3]).read_text(encoding="utf-8")
    assert 'id="axe-7"' in programme and 'id="objectif-4"' in programme


STAFF_ONLY = {"colonnes"}  # the Word template's column titles: read by the importer, not published


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in STAFF_ONLY for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


NOT_SHOWN_AS_IS = {"piar", "entente_sectorielle", "non_monetaire", "monetaire", "mandataire", "aeq"}


def test_every_text_of_the_content_reaches_the_site(site: Path) -> None:
    everything = " ".join(main_text(p, whole=True) for p in site.rglob("*.html"))
    documents = ROOT / "content" / "documents"
    for path in sorted(documents.glob("*.yml")) + [ROOT / "content" / "programmes" / "aeq.yml", ROOT / "content" / "site.yml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in _texts(data):
            text = " ".join(text.split())
            if text in NOT_SHOWN_AS_IS or re.fullmatch(r"[a-z0-9-]+", text):
                continue  # identifiers and codes, shown by their names
            assert text in everything, (path.name, text)


# Facts read in the two seed documents (../shared/seeds), as they must appear on the site.
SEED_FACTS = {
    "documents/mrc-du-fjord-du-saguenay-piar/index.html": [
        "MRC du Fjord-du-Saguenay", "Date du plan : 11 mai 2021", "À jour le 2 octobre 2024",
        "Effectifs disponibles au SDÉ pour répondre aux besoins grandissants d'accompagnement des entrepreneurs",
        "Expertise et connaissances des membres de l'équipe du SDÉ",
        "Accompagnement des entreprises dans le cadre d'une offre de services globale adaptée aux besoins généraux des entreprises de la MRC.",
        "Maillage et synergie avec les partenaires",
        "Faire connaître les services de la MRC par les entreprises ou les promoteurs.",
        "Rehaussement de l'attractivité des entreprises territoriales et soutien à leurs démarches.",
        "Ciblage, maintien et développement des conditions minimales.",
        "Objectifs 1, 2 et 4; axes 1, 2, 3 et 7", "Objectifs 1 et 2; axes 6 et 7",
        "Objectifs 2, 3 et 4; axes 1, 2, 4, 5 et 6", "Objectifs 2 et 3; axes 2, 3, 4, 5 et 6",
        "Objectifs 1 et 3; axes 3 et 7", "Objectif 2; axes 2, 3 et 4", "Objectif 2; axes 3 et 4",
        "Axes d'AEQ indiqués pour ce volet : 2 et 7; 1, 2, 3 et 7",
        "Temps non imparti aux ressources.", "15 %", "60 %", "10 %", "5 %",
        "décembre 2023", "septembre 2024", "janvier 2025", "31 mars 2025", "31 décembre 2024", "31 mars 2024",
        "Une personne embauchée d'ici le 31 octobre 2024.", "Une personne en poste janvier 2025.",
        "15 formations en cours d'année, dont au moins 5 formations en lien avec les priorités identifiées par le MEIE.",
        "Au moins 75 % de l'équipe sera présente au Congrès annuel de l'APDEQ",
        "(innovation, développement durable, virage numérique, relève d'entreprise)",
        "Taux de réponse d'un minimum de 75 % des entreprises au sondage.",
        "Avoir rencontré 50 % des DG individuellement.", "Politique FASE et FLIS/FLS mises à jour.",
        "20 % des demandes reçues proviennent de notre site Web.",
        "50 % des entreprises ayant un FASE (protocole en cours) sont rencontrées.",
        "Co-créer des projets communs avec les territoires à proximité (Ville de Saguenay, MRC de Lac-Saint-Jean-Est) et MRC de La Haute-Côte-Nord.",
        "Au moins 3 projets communs développés (mentorat, recrutement international, développement de Solidar, etc.).",
        "(Niobec, Mont-Édouard, Club Caribou)", "Présentation à au moins dix partenaires locaux.",
        "Partenariat avec Promotion Saguenay en ce qui a trait au recrutement international.",
        "(ASMRC)", "Incitatifs spécifiques aux services de proximité dans nos politiques d'aide financière.",
        "Total des pourcentages indiqués 105 %",
    ],
    "documents/entente-attraction-abitibi-temiscamingue-2023-2027/index.html": [
        "Période : 2023-2027", "Une entente sectorielle, c'est quoi?",
        "Stratégie régionale et territoriale, d'attraction et d'établissement durable des personnes en Abitibi-Témiscamingue",
        "Améliorer le bilan migratoire régional",
        "1. Plan d'action régional", "2. Soutien aux services territoriaux",
        "3. Développement et promotion d'une image de marque", "4. Concertation régionale",
        "5. Élaboration et développement d'outils, de stratégies et de façons de faire innovants",
        "comité directeur", "Ministère des Affaires municipales et de l'Habitation (MAMH)", "Services Québec (SQ)",
        "Ministère de l'Économie, de l'Innovation et de l'Énergie (MEIE)",
        "Ministère de l'Immigration, de la Francisation et de l'Inclusion (MIFI)", "Les 5 MRC du territoire",
        "Conférence des Préfets de l'Abitibi-Témiscamingue (CPAT)",
        "Attractivité Abitibi-Témiscamingue est le mandataire de l'entente.",
        "administrer les fonds mis en commun", "coordonnateur de l'entente",
        "2 871 200 $", "1 800 000 $", "105 000 $", "150 000 $", "400 000 $", "Total MRC/Ville 401 200 $",
        "(contribution non monétaire) 15 000 $", "Andréa Paquin-Lessard", "Directrice générale",
        "873 561-1522", "andrea@attractivite-at.org",
    ],
    "programmes/aeq/index.html": [
        "Améliorer les services aux entreprises",
        "Assurer que les entreprises puissent se déployer et atteindre leur plein potentiel",
        "Collaborer étroitement avec Investissement Québec (IQ)",
        "notamment par les FLI, les FLS et d'autres fonds régionaux dédiés",
        "dans les trois (3) mois suivant la signature de la convention d'aide financière",
        "La liste des entreprises accompagnées sera demandée.",
        "Spécifique, Mesurable, Acceptable, Réaliste, Temporellement défini.",
        "100 % du temps d'une ressource peut être scindé en plusieurs actions.",
    ],
}


@pytest.mark.parametrize("page", sorted(SEED_FACTS))
def test_seed_facts_are_on_the_site(site: Path, page: str) -> None:
    text = main_text(site / page)
    missing = [fact for fact in SEED_FACTS[page] if fact not in text]
    assert not missing


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = tmp_path / "projet"
    import shutil

    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site_dir = project / "site"
    assert build(project / "mkdocs.yml", site_dir, cwd=project).returncode == 0
    (site_dir / ".git").write_text("worktree", encoding="utf-8")  # hidden: MkDocs never removes it
    (site_dir / "ancienne-page.html").write_text("retirée", encoding="utf-8")

    def listing() -> dict[str, bytes]:
        return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file() and "site" in p.parts[len(project.parts)]}

    before = listing()
    org = project / "content" / "organisations" / "mamh.yml"
    good = org.read_text(encoding="utf-8")
    org.write_text("nom: Ministère\nsigle: MAMH\nregionn: x\n", encoding="utf-8")
    result = build(project / "mkdocs.yml", site_dir, cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/organisations/mamh.yml, ligne 3, colonne 1 [regionn]" in result.stderr
    assert listing() == before  # every file of the previous site, and nothing set aside left over

    org.write_text(good, encoding="utf-8")
    assert build(project / "mkdocs.yml", site_dir, cwd=project).returncode == 0
    assert not (site_dir / "ancienne-page.html").exists()  # a good build starts from an empty site
    assert (site_dir / ".git").read_text(encoding="utf-8") == "worktree"
    assert sorted(p.name for p in project.iterdir()) == ["content", "mkdocs.yml", "site", "theme_overrides"]
