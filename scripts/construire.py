"""Construit le site dans site/ : python scripts/construire.py

Crée l'environnement .venv et installe ce qu'il faut la première fois (puis seulement
quand pyproject.toml change), et lance « mkdocs build --strict ». Les options
supplémentaires sont passées à mkdocs.
"""

from __future__ import annotations

import sys

from _environnement import main, prepare, run

if __name__ == "__main__":
    main(lambda: run(prepare(), "-m", "mkdocs", "build", "--strict", *sys.argv[1:]))
