"""Construit le site dans site/ : python scripts/construire.py

Crée l'environnement .venv au besoin, installe ce qu'il faut, puis lance
« mkdocs build --strict ». Les options supplémentaires sont passées à mkdocs.
"""

from __future__ import annotations

import sys

from _environnement import prepare, run

if __name__ == "__main__":
    python = prepare()
    sys.exit(run(python, "-m", "mkdocs", "build", "--strict", *sys.argv[1:]))
