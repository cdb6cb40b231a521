"""Lance les tests : python scripts/tester.py

Crée l'environnement .venv au besoin, installe le projet avec ses outils de test
(et, si npm est présent, axe-core et le Nu Html Checker), puis lance pytest.
Les options supplémentaires sont passées à pytest.

Les tests dans le navigateur demandent Chromium et Java; sans eux, ces tests sont
sautés avec un message qui dit comment les installer (en CI, ils échouent).
"""

from __future__ import annotations

import sys

from _environnement import prepare, prepare_npm, run

if __name__ == "__main__":
    python = prepare("test")
    prepare_npm()
    sys.exit(run(python, "-m", "pytest", *sys.argv[1:]))
