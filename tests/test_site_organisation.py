"""A single organisation's site (site.yml › site_d_une_organisation): its documents first, no
region level, its name, logo, colours, favicon and a link back to its own website; the portal
mode (the other tests' fixtures) keeps its regions."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build_site
from generator.content.loading import load_site
from generator.content.problems import ContentError
from tests.conftest import ROOT

URL = "https://exemple.github.io/plans-publics/"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
OWN = """site_d_une_organisation:
  organisation: mrc-de-test
  logo: logo.png
  favicon: icone.png
  couleur_principale: "#1a5f7a"
  couleur_accent: "#8a3b12"
"""


def single(content: Path, block: str = OWN) -> Path:
    site = content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + block, encoding="utf-8")
    (content / "logo.png").write_bytes(PNG)
    (content / "icone.png").write_bytes(PNG)
    return content


def test_the_site_opens_on_the_organisations_documents_without_regions(mini: Path) -> None:
    built = build_site(single(mini), URL)
    titles = [next(iter(item)) for item in built.nav]
    assert titles[:3] == ["Accueil", "PIAR", "Essais (2023-2027)"]  # its own documents first, then the others
    assert not any(next(iter(item)) in ("Estrie", "Côte-Nord") for item in built.nav)
    assert not built.pages["regions/estrie/index.md"].in_nav and not built.pages["organisations/mrc-de-test/index.md"].in_nav
    home = built.pages["index.md"].markdown
    assert "[Retour au site de MRC de Test](https://mrc.example.qc.ca)" in home
    assert home.index("Plan d'intervention") < home.index("Entente sectorielle")
    assert built.attachments["assets/organisation/logo.png"] == mini / "logo.png"
    assert not any("logo.png" in n.file or "icone.png" in n.file for n in built.site.notices)  # declared: published


def test_the_theme_shows_the_organisation(mini: Path, tmp_path: Path) -> None:
    project = tmp_path / "projet"
    shutil.copytree(single(mini), project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=300)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "documents" / "mrc-de-test-piar" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/organisation/logo.png"' in page
    assert '<a class="pp-retour" href="https://mrc.example.qc.ca">Retour au site de MRC de Test</a>' in page
    assert "--md-primary-fg-color: #1a5f7a" in page and "--md-accent-fg-color: #8a3b12" in page
    assert 'href="../../assets/organisation/icone.png"' in page  # the favicon
    assert (project / "site" / "assets" / "organisation" / "logo.png").read_bytes() == PNG


@pytest.mark.parametrize(("block", "words", "line"), [
    (OWN.replace('"#1a5f7a"', '"#ffcc00"'), "contraste insuffisant avec le texte blanc de l'en-tête : 1,", 5),
    (OWN.replace('"#8a3b12"', '"#7fbfff"'), "contraste insuffisant avec le fond blanc des pages", 6),
    (OWN.replace('"#1a5f7a"', "bleu"), "couleur « bleu » invalide", 5),
    (OWN.replace("logo: logo.png", "logo: absent.png"), "fichier « absent.png » introuvable", 3),
    (OWN.replace("organisation: mrc-de-test", "organisation: mrc-inconnue"), "organisation inconnue « mrc-inconnue »", 2),
])
def test_a_careless_site_block_gets_french_with_its_line(mini: Path, block: str, words: str, line: int) -> None:
    offset = len((mini / "site.yml").read_text(encoding="utf-8").splitlines())
    single(mini, block)
    with pytest.raises(ContentError) as info:
        load_site(mini)
    matching = [p for p in info.value.problems if words in p.message]
    assert matching and matching[0].line == offset + line, [str(p) for p in info.value.problems]
