"""Délai de l'aperçu : une modification d'un fichier de contenu apparaît-elle vite dans le navigateur?

    python3 bench/mesurer.py --apercu-seulement     (ou : .venv/bin/python bench/apercu.py)

Lance « mkdocs serve » (127.0.0.1, port libre) sur un site synthétique de N organisations,
une fois en reconstruction complète et une fois avec « --dirty » (ce que fait scripts/apercu.py),
attend la première page, puis modifie à plusieurs reprises le titre d'un enjeu d'un PIAR et
interroge la page par HTTP jusqu'à ce que le nouveau titre y figure. Chaque attente est bornée
dans le temps; le serveur est arrêté à la fin, même en cas d'erreur.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generer  # noqa: E402

PROJET = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
DEMARRAGE_MAX = 600.0  # s : première construction du site
DELAI_MAX = 60.0  # s : attente d'une modification
MODIFICATIONS = 5


def _port_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lire(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as reponse:
            return reponse.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _modifier_titre(fichier: Path, nouveau: str) -> None:
    """Remplace le titre du premier enjeu (et ses lignes de continuation) dans le YAML produit par generer.py."""
    lignes = fichier.read_text(encoding="utf-8").split("\n")
    i = next(k for k, ligne in enumerate(lignes) if ligne.startswith("  titre: "))
    fin = i + 1
    while fin < len(lignes) and lignes[fin].startswith("    ") and not lignes[fin].lstrip().startswith("- "):
        fin += 1
    lignes[i:fin] = [f"  titre: {nouveau}"]
    fichier.write_text("\n".join(lignes), encoding="utf-8")


_CONSTRUIT = re.compile(r"Documentation built in ([0-9.]+) seconds")
_SERT = re.compile(r"Serving on (http://\S+)")


def mode_du_projet() -> str:
    """« dirty » si l'aperçu du projet (scripts/apercu.py) lance « mkdocs serve --dirty » par défaut."""
    script = PROJET / "scripts" / "apercu.py"
    return "dirty" if script.exists() and '"--dirty"' in script.read_text(encoding="utf-8") else "complet"


def mesurer_modes(dossier: Path, n: int, graine: int, ecrire_config: Callable[[Path, Path, Path], Path]) -> dict:
    """Les deux façons de servir : reconstruction complète, et « --dirty » (seuls les fichiers modifiés)."""
    resultat = {mode: mesurer(dossier / mode, n, graine, ecrire_config, dirty=mode == "dirty") for mode in ("complet", "dirty")}
    resultat["mode_du_projet"] = mode_du_projet()
    return resultat


def mesurer(
    dossier: Path, n: int, graine: int, ecrire_config: Callable[[Path, Path, Path], Path], *, dirty: bool = False
) -> dict:
    dossier.mkdir(parents=True, exist_ok=True)
    contenu = dossier / "contenu"
    generer.generer(contenu, n, graine)
    config = ecrire_config(dossier / "mkdocs.yml", contenu, dossier / "site")
    port = _port_libre()
    fichier = contenu / "documents" / "mrc-0001-piar.yml"
    journal = dossier / "serve.log"
    resultat: dict = {
        "date": dt.datetime.now().isoformat(timespec="seconds"), "n": n, "dirty": dirty, "delais": [], "reconstructions": [],
    }  # fmt: skip
    with journal.open("wb") as sortie:
        serveur = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", "--livereload"]
            # Comme scripts/apercu.py : MkDocs avertit à chaque construction « dirty », ce que strict refuserait.
            + (["--dirty", "--no-strict"] if dirty else []),
            cwd=PROJET, env=ENV, stdout=sortie, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            debut = time.perf_counter()
            # L'adresse servie comprend le sous-chemin de site_url (« Serving on http://…/plans-publics/ »).
            while not (adresse := _SERT.search(journal.read_text(encoding="utf-8", errors="replace"))):
                if serveur.poll() is not None:
                    raise RuntimeError("mkdocs serve s'est arrêté; voir " + str(journal))
                if time.perf_counter() - debut > DEMARRAGE_MAX:
                    raise TimeoutError(f"aucune page servie après {DEMARRAGE_MAX:.0f} s")
                time.sleep(0.2)
            page = adresse[1].rstrip("/") + "/documents/mrc-0001-piar/"
            while _lire(page) is None:
                if serveur.poll() is not None:
                    raise RuntimeError("mkdocs serve s'est arrêté; voir " + str(journal))
                if time.perf_counter() - debut > DEMARRAGE_MAX:
                    raise TimeoutError(f"aucune page servie après {DEMARRAGE_MAX:.0f} s")
                time.sleep(0.2)
            resultat["demarrage"] = time.perf_counter() - debut
            time.sleep(2)  # laisse l'observateur de fichiers prendre son premier relevé
            for k in range(1, MODIFICATIONS + 1):
                repere = f"Enjeu modifie pendant apercu essai {k} numero {os.getpid()}"
                avant = len(_CONSTRUIT.findall(journal.read_text(encoding="utf-8", errors="replace")))
                _modifier_titre(fichier, repere)
                t0 = time.perf_counter()
                while True:
                    texte = _lire(page)
                    if texte and repere in texte:
                        resultat["delais"].append(time.perf_counter() - t0)
                        break
                    if time.perf_counter() - t0 > DELAI_MAX:
                        raise TimeoutError(f"modification {k} non servie après {DELAI_MAX:.0f} s")
                    time.sleep(0.05)
                # Le journal annonce la durée de la reconstruction une fois celle-ci finie.
                limite = time.perf_counter() + 10
                while time.perf_counter() < limite:
                    durees = _CONSTRUIT.findall(journal.read_text(encoding="utf-8", errors="replace"))
                    if len(durees) > avant:
                        resultat["reconstructions"].append(float(durees[-1]))
                        break
                    time.sleep(0.1)
                time.sleep(1.5)
        except (RuntimeError, TimeoutError) as erreur:
            resultat["erreur"] = str(erreur)
        finally:
            serveur.terminate()
            try:
                serveur.wait(timeout=15)
            except subprocess.TimeoutExpired:
                serveur.kill()
                serveur.wait(timeout=15)
    return resultat


if __name__ == "__main__":
    import mesurer as banc

    print(mesurer_modes(banc.TRAVAIL / "apercu", int(sys.argv[1]) if len(sys.argv) > 1 else 100, 2024, banc.ecrire_config))
