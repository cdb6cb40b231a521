"""Aperçu en direct sur http://127.0.0.1:8000/ : python scripts/apercu.py

Le site se reconstruit dès qu'un fichier de content/ est enregistré : seules les
pages dont le contenu a changé sont refaites, pour que la modification paraisse
vite même sur un grand site (la recherche de l'aperçu ne couvre alors que ces
pages, et le menu des autres pages peut garder un ancien titre). Pour tout
reconstruire à chaque modification : python scripts/apercu.py --complet
Arrêtez l'aperçu avec Ctrl+C.
"""

from __future__ import annotations

import sys

from _environnement import prepare, run

if __name__ == "__main__":
    python = prepare()
    args = sys.argv[1:]
    # --no-strict: MkDocs warns about every dirty build, which strict mode would turn into a failure.
    incremental = ["--dirty", "--no-strict"] if "--complet" not in args else []
    args = [a for a in args if a != "--complet"]
    try:
        sys.exit(run(python, "-m", "mkdocs", "serve", "--livereload", *incremental, *args))
    except KeyboardInterrupt:
        sys.exit(0)
