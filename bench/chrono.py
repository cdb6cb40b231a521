"""« mkdocs build » dont on chronomètre le plugin : le temps que le générateur prend au processus de construction.

    .venv/bin/python bench/chrono.py CHRONO.json build -f mkdocs.yml

Lance MkDocs dans ce processus, comme « python -m mkdocs », après avoir enveloppé chaque
méthode d'événement du plugin plans-publics d'un chronomètre. Écrit dans CHRONO.json le
temps d'importation des modules du générateur (MkDocs et Markdown déjà importés), le temps
passé dans chaque événement (attentes du second processus comprises) et la durée totale.
Ce temps est celui que le générateur ajoute au processus qui construit le site, mesuré
dans ce processus : il ne dépend pas de la charge de la machine comme la différence entre
deux constructions séparées.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

DEBUT = time.perf_counter()

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import markdown  # noqa: E402,F401 - importés aussi par le plancher : hors du compte
import mkdocs.commands.build  # noqa: E402,F401
import mkdocs.config.defaults  # noqa: E402,F401
import mkdocs.plugins  # noqa: E402,F401
import mkdocs.structure.files  # noqa: E402,F401
from mkdocs.__main__ import cli  # noqa: E402

avant = time.perf_counter()
from generator.mkdocs_plugin import PlansPublicsPlugin  # noqa: E402

IMPORTATION = time.perf_counter() - avant

EVENEMENTS = [nom for nom in vars(PlansPublicsPlugin) if nom.startswith("on_")]
temps: dict[str, float] = dict.fromkeys(EVENEMENTS, 0.0)
appels: dict[str, int] = dict.fromkeys(EVENEMENTS, 0)


def chronometrer(nom: str, methode):  # type: ignore[no-untyped-def]
    @functools.wraps(methode)
    def enveloppe(*args, **kwargs):  # type: ignore[no-untyped-def]
        debut = time.perf_counter()
        try:
            return methode(*args, **kwargs)
        finally:
            temps[nom] += time.perf_counter() - debut
            appels[nom] += 1

    return enveloppe


for nom in EVENEMENTS:
    setattr(PlansPublicsPlugin, nom, chronometrer(nom, vars(PlansPublicsPlugin)[nom]))


def main() -> None:
    sortie = Path(sys.argv[1])
    code = 0
    try:
        cli.main(args=sys.argv[2:], prog_name="mkdocs", standalone_mode=False)
    except SystemExit as fin:  # pragma: no cover - erreurs de construction
        code = int(fin.code or 0)
    total = time.perf_counter() - DEBUT
    sortie.write_text(
        json.dumps(
            {
                "importation": IMPORTATION,
                "evenements": temps,
                "appels": appels,
                "plugin": IMPORTATION + sum(temps.values()),
                "processus": total,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    sys.exit(code)


if __name__ == "__main__":
    main()
