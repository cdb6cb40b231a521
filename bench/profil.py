"""Profil (cProfile) du générateur sur un dossier de contenu : où passe le temps de load_site et de render_pages?

    .venv/bin/python bench/profil.py /tmp/plans-publics-banc/n1000/contenu [--lignes 25]

Affiche, pour chaque étape, les fonctions classées par temps cumulé puis par temps propre.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.content import load_site  # noqa: E402
from generator.render import build_nav, render_pages  # noqa: E402


def profiler(titre: str, fonction, lignes: int):  # type: ignore[no-untyped-def]
    profil = cProfile.Profile()
    debut = time.perf_counter()
    resultat = profil.runcall(fonction)
    duree = time.perf_counter() - debut
    print(f"\n##### {titre} : {duree:.2f} s (sous cProfile)\n")
    for tri in ("cumulative", "tottime"):
        sortie = io.StringIO()
        pstats.Stats(profil, stream=sortie).strip_dirs().sort_stats(tri).print_stats(lignes)
        texte = sortie.getvalue()
        print(f"--- trié par {tri}")
        print(texte[texte.index("   ncalls") :] if "   ncalls" in texte else texte)
    return resultat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("contenu", type=Path)
    parser.add_argument("--lignes", type=int, default=25)
    args = parser.parse_args()
    site = profiler("load_site", lambda: load_site(args.contenu), args.lignes)
    profiler("render_pages + build_nav", lambda: (render_pages(site), build_nav(site)), args.lignes)


if __name__ == "__main__":
    main()
