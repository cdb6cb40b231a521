"""Aperçu en direct sur http://127.0.0.1:8000/plans-publics/ : python scripts/apercu.py

Le site se reconstruit dès qu'un fichier de content/ est enregistré : seules les
pages dont le contenu a changé sont refaites, pour que la modification paraisse
vite même sur un grand site (la recherche de l'aperçu reste celle de son
démarrage, et le menu des autres pages peut garder un ancien titre). Pour tout
reconstruire à chaque modification, la recherche comprise :
python scripts/apercu.py --complet

Si un fichier a une erreur, l'aperçu continue de montrer la dernière version
correcte du site, avec les erreurs (fichier, ligne, quoi corriger) en haut de
chaque page; il se met à jour de lui-même dès que le fichier corrigé est enregistré.
Arrêtez l'aperçu avec Ctrl+C.
"""

from __future__ import annotations

import sys

from _environnement import main, prepare, run


def apercu() -> int:
    python = prepare()
    args = sys.argv[1:]
    # --no-strict: a warning must not stop the preview (MkDocs warns about every dirty build);
    # « python scripts/construire.py » is the strict check.
    incremental = ["--dirty"] if "--complet" not in args else []
    args = [a for a in args if a != "--complet"]
    return run(python, "-m", "mkdocs", "serve", "--livereload", "--no-strict", *incremental, *args)


if __name__ == "__main__":
    main(apercu)
