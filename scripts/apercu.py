"""Aperçu en direct sur http://127.0.0.1:8000/ : python scripts/apercu.py

Le site se reconstruit dès qu'un fichier de content/ est enregistré.
Arrêtez l'aperçu avec Ctrl+C.
"""

from __future__ import annotations

import sys

from _environnement import prepare, run

if __name__ == "__main__":
    python = prepare()
    try:
        sys.exit(run(python, "-m", "mkdocs", "serve", "--livereload", *sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(0)
