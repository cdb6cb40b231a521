"""Lance les tests : python scripts/tester.py

Crée l'environnement .venv au besoin, installe le projet avec ses outils de test,
puis lance pytest. Les options supplémentaires sont passées à pytest.
"""

from __future__ import annotations

import sys

from _environnement import prepare, run

if __name__ == "__main__":
    python = prepare("test")
    sys.exit(run(python, "-m", "pytest", *sys.argv[1:]))
