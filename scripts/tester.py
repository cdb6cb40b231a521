"""Lance les tests : python scripts/tester.py

Crée l'environnement .venv et installe le projet avec ses outils de test (et, si npm
est présent, axe-core et le Nu Html Checker) la première fois, puis seulement quand
pyproject.toml ou package-lock.json change; lance ensuite pytest.
Les options supplémentaires sont passées à pytest.

Les tests dans le navigateur demandent Chromium et Java; sans eux, ces tests sont
sautés avec un message qui dit comment les installer (en CI, ils échouent).
"""

from __future__ import annotations

import sys

from _environnement import main, prepare, prepare_npm, run


def tester() -> int:
    python = prepare("test")
    prepare_npm()
    return run(python, "-m", "pytest", *sys.argv[1:])


if __name__ == "__main__":
    main(tester)
