"""Banc d'essai de plans-publics : part du générateur dans la construction, selon le nombre d'organisations.

    python3 bench/mesurer.py                       # N = 1, 10, 100, 1000, puis l'aperçu
    python3 bench/mesurer.py --tailles 1,10,100    # seulement ces tailles (les autres mesures sont gardées)
    python3 bench/mesurer.py --sans-apercu         # sans la mesure de l'aperçu (mkdocs serve)
    python3 bench/mesurer.py --sans-navigateur     # sans les mesures dans Chromium (poids, recherche, Lighthouse)
    python3 bench/mesurer.py --apercu-seulement    # seulement l'aperçu
    python3 bench/mesurer.py --essais 2            # essais imposés à chaque N (voir plus bas)
    python3 bench/mesurer.py --rapport-seulement   # réécrit BENCHMARKS.md depuis bench/resultats.json

Pour chaque N, sur un contenu synthétique (bench/generer.py) :

1. le générateur seul : generator.build.build_site chronométré dans un processus Python neuf
   (un processus par essai, 5 essais, 3 à N = 1000; le temps d'importation est compté à part);
2. « mkdocs build » complet avec le plugin, dans un dossier de site neuf à chaque essai;
   la part du générateur est son temps divisé par celui de la construction (cible : 10 % au plus);
3. le plancher : les mêmes pages exportées par « python -m generator exporter », construites par
   MkDocs et Material seuls, avec la même configuration de thème; 3 constructions et 3 planchers
   (2 à N = 1000) alternent, et l'écart construction − plancher est la médiane des écarts de chaque paire;
4. la mémoire de pointe (RSS) du processus de construction, la taille du site et sa plus grande page;
5. dans un navigateur, sur le site qui vient d'être construit, servi en local sous /plans-publics/ avec gzip
   comme GitHub Pages (le serveur et les réglages de Chromium de tests/navigateur.py) : le poids d'une première
   visite sur un téléphone de 360 px, cache vide (l'accueil, puis un PIAR); deux recherches sur la page de
   recherche (un mot d'un enjeu, puis le nom d'une organisation) : délai jusqu'aux premiers résultats et octets
   tirés de l'index; les notes Lighthouse sur mobile de l'accueil et du PIAR. Ces mesures demandent Chromium
   (/usr/bin/chromium, ou PLANS_PUBLICS_CHROMIUM), Playwright (les dépendances de test) et Lighthouse
   (npm ci, Node.js); --sans-navigateur les saute.

Puis l'aperçu (« mkdocs serve --dirty --no-strict », comme scripts/apercu.py), à N = 100 et sur
une copie de content/ : délai entre l'enregistrement d'un fichier de contenu et la page à jour.

Les mesures brutes vont dans bench/resultats.json, le rapport dans BENCHMARKS.md. Ne fait pas
partie des tests : une cible manquée ne fait échouer aucune commande. Pour profiler le générateur :
.venv/bin/python -m cProfile -s cumulative -m generator exporter /tmp/export (build_site et
l'écriture des pages, sur le dossier content/ du dossier courant).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJET = Path(__file__).resolve().parent.parent
_VENV_PYTHON = PROJET / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
if Path(sys.prefix).resolve() != (PROJET / ".venv").resolve():  # re-run inside the project's environment
    if not _VENV_PYTHON.exists():
        sys.path.insert(0, str(PROJET / "scripts"))
        from _environnement import prepare  # noqa: E402

        prepare()
    os.execv(str(_VENV_PYTHON), [str(_VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])

import argparse  # noqa: E402
import compileall  # noqa: E402
import contextlib  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import string  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from importlib.metadata import entry_points, version  # noqa: E402
from statistics import median  # noqa: E402

import yaml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generer  # noqa: E402

PYTHON = sys.executable
TRAVAIL = Path(os.environ.get("PLANS_PUBLICS_BANC", "/tmp/plans-publics-banc"))
RESULTATS = Path(__file__).resolve().parent / "resultats.json"
RAPPORT = PROJET / "BENCHMARKS.md"
FORMAT = 2  # resultats.json written by another version of this script is not mixed with these measures
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
SITE_URL = "https://exemple.github.io/plans-publics/"
CIBLE = 10.0  # % : the generator's time over the build's, at every N
TAILLES = [1, 10, 100, 1000]
MODIFICATIONS = 5  # edits per preview measure
# In the browser: the first organisation's PIAR (there at every N), a word of an enjeu's title.
PAGES = {"accueil": "", "piar": "documents/mrc-0001-piar/"}
NOMS_PAGES = {"accueil": "accueil", "piar": "PIAR"}
MOT = "numérique"
MOBILE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
POIDS_CIBLE = 150 * 1024  # compressed bytes of a first visit at N = 1; at most 10 % more at N = 1000
RECHERCHE_CIBLE = 0.3  # s : first results at N = 1000
ESSAIS_RECHERCHE = 3  # the searches, each time in a new browser context (empty cache)
LIGHTHOUSE_CIBLE = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}

# Run in a fresh process: imports the generator, then builds the site once (as `mkdocs build` does).
_GENERATEUR = """
import json, sys, time
t = time.perf_counter()
from generator.build import build_site
importation = time.perf_counter() - t
t, cpu = time.perf_counter(), time.process_time()
b = build_site(sys.argv[1], sys.argv[2])
print(json.dumps({"importation": importation, "secondes": time.perf_counter() - t,
                  "processeur": time.process_time() - cpu, "pages": len(b.pages), "telechargements": len(b.downloads)}))
"""


# --- MkDocs configurations ------------------------------------------------------------------


class _Chargeur(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping the default of each !ENV tag."""


_Chargeur.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def _config(docs: Path, site: Path) -> dict:
    """The project's mkdocs.yml, with absolute folders."""
    config = yaml.load((PROJET / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Chargeur)
    config.update(docs_dir=str(docs), site_dir=str(site), site_url=SITE_URL, watch=[str(PROJET / "theme_overrides")])
    config["theme"]["custom_dir"] = str(PROJET / "theme_overrides")
    return config


def _ecrire(chemin: Path, config: dict) -> Path:
    chemin.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return chemin


def config_plancher(docs: Path, site: Path) -> dict:
    """Same theme and Markdown extensions, without this project's plugins: MkDocs alone on the export."""
    nos_plugins = {e.name for e in entry_points(group="mkdocs.plugins") if e.value.startswith("generator")}
    config = _config(docs, site)
    config["plugins"] = [p for p in config["plugins"] if (p if isinstance(p, str) else next(iter(p))) not in nos_plugins]
    config.update(exclude_docs="navigation.yml\n", strict=False)  # no plugin: MkDocs warns about what it settled
    config.update(yaml.safe_load((docs / "navigation.yml").read_text(encoding="utf-8")))  # nav, not_in_nav
    return config


# --- measures -------------------------------------------------------------------------------


def executer(commande: list[str], journal: Path, cwd: Path = PROJET) -> tuple[float, int]:
    """Run ``commande`` (output in ``journal``); return (seconds, peak RSS in bytes). Stops the bench on failure."""
    with journal.open("wb") as sortie:
        debut = time.perf_counter()
        proc = subprocess.Popen(commande, cwd=cwd, env=ENV, stdout=sortie, stderr=subprocess.STDOUT)
        _, statut, usage = os.wait4(proc.pid, 0)  # rusage of this child alone (Linux: ru_maxrss in KiB)
        duree = time.perf_counter() - debut
    proc.returncode = os.waitstatus_to_exitcode(statut)
    if proc.returncode != 0:
        raise SystemExit(f"échec de {' '.join(commande[:4])}…; voir {journal}:\n" + journal.read_text(errors="replace")[-3000:])
    return duree, usage.ru_maxrss * 1024


def mesurer_site(site: Path) -> dict:
    fichiers = [f for f in site.rglob("*") if f.is_file()]
    pages = sorted((f.stat().st_size, f.relative_to(site).as_posix()) for f in fichiers if f.suffix == ".html")
    return {
        "octets": sum(f.stat().st_size for f in fichiers),
        "fichiers": len(fichiers),
        "pages_html": len(pages),
        "plus_grande": [pages[-1][1], pages[-1][0]] if pages else ["", 0],
    }


def mesurer_taille(n: int, essais: int, essais_generateur: int, graine: int) -> dict:
    dossier = TRAVAIL / f"n{n}"
    dossier.mkdir(parents=True, exist_ok=True)
    contenu = dossier / "content"  # the CLI's default content folder, from cwd = dossier
    print(f"\n=== N = {n} ({essais} essais)", flush=True)
    debut = time.perf_counter()
    generer.generer(contenu, n, graine)
    charge = os.getloadavg()[0]

    gen: dict = {"secondes": [], "processeur": [], "importation": [], "memoire": 0}
    for _ in range(essais_generateur):
        duree, memoire = executer([PYTHON, "-c", _GENERATEUR, str(contenu), SITE_URL], dossier / "generateur.log")
        mesure = json.loads((dossier / "generateur.log").read_text(encoding="utf-8").strip().splitlines()[-1])
        for cle in ("secondes", "processeur", "importation"):
            gen[cle].append(mesure[cle])
        gen.update(memoire=max(gen["memoire"], memoire), pages=mesure["pages"], telechargements=mesure["telechargements"])
    print(f"    générateur : {min(gen['secondes']):.2f} s (import {median(gen['importation']):.2f} s)", flush=True)

    export = dossier / "export"
    shutil.rmtree(export, ignore_errors=True)
    duree_export, _ = executer([PYTHON, "-m", "generator", "exporter", str(export), "--adresse", SITE_URL], dossier / "export.log", dossier)

    sites = {"build": dossier / "site", "plancher": dossier / "site-plancher"}
    configs = {
        "build": _ecrire(dossier / "mkdocs.yml", _config(contenu, sites["build"])),
        "plancher": _ecrire(dossier / "mkdocs-plancher.yml", config_plancher(export, sites["plancher"])),
    }
    mesures: dict = {nom: {"secondes": [], "memoire": []} for nom in configs}
    for i in range(essais):
        for nom in ("build", "plancher") if i % 2 == 0 else ("plancher", "build"):  # ABBA: drift hits both alike
            shutil.rmtree(sites[nom], ignore_errors=True)  # a fresh site folder, as in CI; outside the timing
            duree, memoire = executer([PYTHON, "-m", "mkdocs", "build", "-f", str(configs[nom])], dossier / f"{nom}.log")
            mesures[nom]["secondes"].append(duree)
            mesures[nom]["memoire"].append(memoire)
        print(f"    essai {i + 1} : construction {mesures['build']['secondes'][-1]:.2f} s, "
              f"plancher {mesures['plancher']['secondes'][-1]:.2f} s", flush=True)  # fmt: skip
    return {
        "n": n,
        "documents": 2 * n,
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": commit()[0],
        "charge": [charge, os.getloadavg()[0]],
        "duree": time.perf_counter() - debut,  # the whole measure at this N, content generation included
        "generateur": gen,
        "export_secondes": duree_export,
        "build": mesures["build"],
        "plancher": mesures["plancher"] | mesurer_site(sites["plancher"]),
        "site": mesurer_site(sites["build"]),
    }


# --- in a browser (Chromium through Playwright, Lighthouse) ---------------------------------


def premiere_visite(navigateur, base: str) -> dict:  # type: ignore[no-untyped-def]
    """As tests/test_navigateur.py: empty cache, 360 px, the home page then the PIAR; compressed bytes, headers included."""
    from tests import navigateur as nav

    ctx = navigateur.new_context(locale="fr-CA", **MOBILE)
    pages = {}
    for nom, chemin in PAGES.items():
        page = ctx.new_page()
        page.goto(base + chemin, wait_until="networkidle")
        pages[nom] = nav.transferred(page)
        page.close()
    ctx.close()
    return {"octets": sum(sum(p.values()) for p in pages.values()), "requetes": sum(len(p) for p in pages.values()),
            **{nom: sum(p.values()) for nom, p in pages.items()}}  # fmt: skip


def rechercher(navigateur, base: str, requetes: list[str]) -> list[dict]:  # type: ignore[no-untyped-def]
    """On the search page once its script has loaded (empty cache, 360 px), each query in turn, as if typed
    at once: the field gets the focus (Pagefind starts loading), the query, an input event, then Enter.
    Time from the focus to the first results drawn (the page's own "pp-recherche" measure ends there),
    in the page's clock; bytes taken from pagefind/ by each query, the page's workers included."""
    ctx = navigateur.new_context(locale="fr-CA", **MOBILE)
    page = ctx.new_page()
    tires: list = []
    page.on("requestfinished", lambda requete: tires.append(requete))
    page.goto(base + "recherche/", wait_until="load")
    mesures = []
    for k, requete in enumerate(requetes, 1):
        deja = len(tires)
        page.evaluate(
            """q => { performance.mark('banc-saisie');
                      const champ = document.getElementById('pp-q');
                      champ.focus(); champ.value = q; champ.dispatchEvent(new Event('input', {bubbles: true}));
                      document.getElementById('pp-recherche').requestSubmit(); }""",
            requete,
        )
        page.wait_for_function("k => performance.getEntriesByName('pp-recherche').length >= k", arg=k, timeout=120_000)
        premiers = page.evaluate(
            """() => { const d = performance.getEntriesByName('banc-saisie').at(-1), r = performance.getEntriesByName('pp-recherche').at(-1);
                       return r.startTime + r.duration - d.startTime; }"""
        )  # fmt: skip
        page.wait_for_timeout(500)  # let the last requests' events arrive
        pagefind = [r for r in tires[deja:] if "/pagefind/" in r.url]
        mesures.append({"requete": requete, "premiers_resultats": premiers / 1000, "requetes": len(pagefind),
                        "octets": sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in pagefind),
                        "etat": (etat := page.inner_text("#pp-etat")),
                        "resultats": int(re.sub(r"\D", "", etat.split("résultat")[0]) or 0)})  # fmt: skip
    ctx.close()
    return mesures


def lighthouse(url: str, dossier: Path) -> dict:
    """Lighthouse's mobile audit, as tests/test_navigateur.py runs it; scores out of 100."""
    from tests import navigateur as nav

    rapport, profil = dossier / "lighthouse.json", dossier / "lighthouse-profil"
    shutil.rmtree(profil, ignore_errors=True)
    rapport.unlink(missing_ok=True)
    resultat = subprocess.run(
        [os.environ.get("NODE", "node"), str(nav.LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={rapport}",
         "--only-categories=" + ",".join(LIGHTHOUSE_CIBLE), "--form-factor=mobile",
         "--chrome-flags=" + " ".join(nav.CHROMIUM_ARGS + [f"--user-data-dir={profil}"])],
        capture_output=True, text=True, timeout=300, env=dict(ENV, CHROME_PATH=nav.chromium_path()), check=False,
    )  # fmt: skip
    if resultat.returncode != 0 or not rapport.is_file():
        raise RuntimeError(f"Lighthouse ({resultat.returncode}) : {resultat.stderr[-500:]}")
    audit = json.loads(rapport.read_text(encoding="utf-8"))
    notes = audit["audits"]
    a_revoir = {ref["id"] for cle in LIGHTHOUSE_CIBLE for ref in audit["categories"][cle]["auditRefs"]
                if ref["weight"] and notes[ref["id"]]["score"] is not None and notes[ref["id"]]["score"] < 1}  # fmt: skip
    return {
        "notes": {cle: round(100 * (audit["categories"][cle]["score"] or 0)) for cle in LIGHTHOUSE_CIBLE},
        "a_revoir": sorted(a_revoir),  # audits that count and are not perfect
        "lcp": notes["largest-contentful-paint"]["numericValue"] / 1000,
    }


def mesurer_navigateur(n: int) -> dict:
    """The first visit's weight, two searches and Lighthouse, on the site just built at this N (one browser)."""
    dossier = TRAVAIL / f"n{n}"
    sys.path.insert(0, str(PROJET))  # tests/navigateur.py: its server and Chromium's settings
    import pytest

    from tests import navigateur as nav

    organisation = yaml.safe_load((dossier / "content" / "organisations" / "mrc-0001.yml").read_text(encoding="utf-8"))["nom"]
    resultat: dict = {"date": dt.datetime.now().isoformat(timespec="seconds")}
    debut = time.perf_counter()
    try:
        from playwright.sync_api import sync_playwright

        with contextlib.contextmanager(nav.serve)(dossier / "site", nav.free_port()) as base:
            with sync_playwright() as playwright:
                navigateur = playwright.chromium.launch(executable_path=nav.chromium_path(), args=nav.CHROMIUM_ARGS)
                try:
                    resultat["visite"] = v = premiere_visite(navigateur, base)
                    print(f"    première visite : {_o(v['octets'])} (accueil {_o(v['accueil'])}, PIAR {_o(v['piar'])}, "
                          f"{v['requetes']} requêtes)", flush=True)  # fmt: skip
                    essais = [rechercher(navigateur, base, [MOT, organisation]) for _ in range(ESSAIS_RECHERCHE)]
                    resultat["recherches"] = [premier | {"premiers_resultats": [e[i]["premiers_resultats"] for e in essais]}
                                              for i, premier in enumerate(essais[0])]  # fmt: skip
                    for r in resultat["recherches"]:
                        print(f"    recherche « {r['requete']} » : premiers résultats en "
                              f"{', '.join(f'{1000 * t:.0f}' for t in r['premiers_resultats'])} ms, "
                              f"{_o(r['octets'])} ({r['etat']})", flush=True)  # fmt: skip
                finally:
                    navigateur.close()
            resultat["lighthouse"] = {}
            for nom, chemin in PAGES.items():
                resultat["lighthouse"][nom] = lh = lighthouse(base + chemin, dossier)
                print(f"    Lighthouse {NOMS_PAGES[nom]} : {'/'.join(str(v) for v in lh['notes'].values())}", flush=True)
    except (Exception, pytest.skip.Exception, pytest.fail.Exception) as erreur:  # noqa: BLE001 - nav.missing skips
        resultat["erreur"] = f"{type(erreur).__name__}: {erreur}"[:500]
        print(f"    mesures dans le navigateur : échec, {resultat['erreur']}", flush=True)
    resultat["duree"] = time.perf_counter() - debut
    return resultat


# --- preview (mkdocs serve) -----------------------------------------------------------------


def _lire(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as reponse:
            return reponse.read().decode("utf-8", "replace")
    except OSError:
        return None


def modifier_titre(fichier: Path, nouveau: str) -> None:
    """Replace the first indented ``titre:`` (the first enjeu's title) and its continuation lines."""
    lignes = fichier.read_text(encoding="utf-8").split("\n")
    i = next(k for k, ligne in enumerate(lignes) if re.match(r"\s+titre:", ligne))
    retrait = len(lignes[i]) - len(lignes[i].lstrip())
    fin = i + 1
    while fin < len(lignes) and (not lignes[fin].strip() or len(lignes[fin]) - len(lignes[fin].lstrip()) > retrait):
        fin += 1
    lignes[i:fin] = [" " * retrait + "titre: " + nouveau]
    fichier.write_text("\n".join(lignes), encoding="utf-8")


def _attendre(condition, limite: float, serveur: subprocess.Popen, quoi: str):  # type: ignore[no-untyped-def]
    debut = time.perf_counter()
    while not (resultat := condition()):
        if serveur.poll() is not None:
            raise RuntimeError(f"mkdocs serve s'est arrêté en attendant {quoi}")
        if time.perf_counter() - debut > limite:
            raise TimeoutError(f"{quoi} : rien après {limite:.0f} s")
        time.sleep(0.05)
    return resultat


def mesurer_apercu(nom: str, contenu: Path, dossier: Path) -> dict:
    """``mkdocs serve --dirty --no-strict`` on ``contenu``; edit the first PIAR, poll its page over HTTP."""
    fichier = next(f for f in sorted((contenu / "documents").glob("*.yml")) if "\ntype: piar" in f.read_text(encoding="utf-8"))
    config = _ecrire(dossier / "mkdocs-apercu.yml", _config(contenu, dossier / "site-apercu"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    journal = dossier / "apercu.log"
    texte = lambda: journal.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    resultat: dict = {"date": dt.datetime.now().isoformat(timespec="seconds"), "commit": commit()[0],
                      "fichier": fichier.relative_to(contenu).as_posix(), "delais": []}  # fmt: skip
    print(f"\n=== Aperçu : {nom}", flush=True)
    with journal.open("wb") as sortie:
        serveur = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", "--livereload", "--dirty", "--no-strict"],
            cwd=PROJET, env=ENV, stdout=sortie, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            debut = time.perf_counter()
            adresse = _attendre(lambda: re.search(r"Serving on (http://\S+)", texte()), 600, serveur, "le démarrage")[1]
            page = adresse.rstrip("/") + f"/documents/{fichier.stem}/"
            _attendre(lambda: _lire(page), 60, serveur, "la première page")
            resultat["demarrage"] = time.perf_counter() - debut
            time.sleep(2)  # let the file watcher settle
            for k in range(MODIFICATIONS):
                repere = "Marqueur " + "".join(random.choices(string.ascii_lowercase, k=12))
                modifier_titre(fichier, repere)
                t0 = time.perf_counter()
                _attendre(lambda repere=repere: repere in (_lire(page) or ""), 120, serveur, f"la modification {k + 1}")
                resultat["delais"].append(time.perf_counter() - t0)
                time.sleep(2)  # let the rebuild finish (search index, livereload); MkDocs logs each message once only
        except (RuntimeError, TimeoutError) as erreur:
            resultat["erreur"] = f"{erreur}; voir {journal}"
        finally:
            serveur.terminate()
            try:
                serveur.wait(timeout=15)
            except subprocess.TimeoutExpired:
                serveur.kill()
                serveur.wait()
    resultat["duree"] = time.perf_counter() - debut
    print(f"    délais {[round(d, 2) for d in resultat['delais']]} {resultat.get('erreur', '')}", flush=True)
    return resultat


def apercus(graine: int) -> dict:
    dossier = TRAVAIL / "apercu-n100"
    dossier.mkdir(parents=True, exist_ok=True)
    generer.generer(dossier / "content", 100, graine)
    reel = TRAVAIL / "apercu-reel"
    shutil.rmtree(reel, ignore_errors=True)
    shutil.copytree(PROJET / "content", reel / "content")  # never edit the project's own content
    return {"N = 100": mesurer_apercu("N = 100", dossier / "content", dossier),
            "site réel (content/)": mesurer_apercu("site réel", reel / "content", reel)}  # fmt: skip


# --- report ---------------------------------------------------------------------------------


def commit() -> tuple[str, list[str]]:
    """(HEAD, uncommitted files that change what is measured); read-only, never touches the index."""
    git = ["git", "--no-optional-locks"]
    lancer = lambda *args: subprocess.run([*git, *args], cwd=PROJET, capture_output=True, text=True, check=False).stdout  # noqa: E731
    tete = lancer("rev-parse", "--short", "HEAD").strip()
    statut = lancer("status", "--porcelain", "--", "generator", "theme_overrides", "mkdocs.yml", "pyproject.toml")
    modifies = [ligne[3:] for ligne in statut.splitlines() if ligne.strip()]
    return (tete + (" (+ modifications non validées)" if modifies else ""), modifies)


def machine() -> dict:
    cpu = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    mem = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else "MemTotal: 0 kB"
    tete, modifies = commit()
    return {
        "processeur": next((l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("model name")), platform.processor()),
        "coeurs": os.cpu_count(),
        "memoire": int(re.search(r"MemTotal:\s+(\d+)", mem)[1]) * 1024,
        "systeme": f"{platform.system()} {platform.release()}",
        "logiciels": f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"Material for MkDocs {version('mkdocs-material')}, PyYAML {version('pyyaml')}",
        "commit": tete,
        "fichiers_modifies": modifies,
    }


def _o(octets: float) -> str:
    for unite, facteur in (("Gio", 2**30), ("Mio", 2**20), ("kio", 2**10)):
        if octets >= facteur:
            return f"{octets / facteur:.1f} {unite}".replace(".", ",")
    return f"{int(octets)} o"


def _s(secondes: float) -> str:
    return f"{secondes:.{3 if secondes < 1 else 2}f} s".replace(".", ",")


def _p(valeur: float) -> str:
    return f"{valeur:.1f} %".replace(".", ",")


def _liste(valeurs: list[float]) -> str:
    return ", ".join(_s(v) for v in valeurs)


def parts(r: dict) -> dict:
    """The generator's share of the build: best run over best run, median over median, the larger for the verdict."""
    g, b, f = r["generateur"], r["build"]["secondes"], r["plancher"]["secondes"]
    meilleure, mediane = 100 * min(g["secondes"]) / min(b), 100 * median(g["secondes"]) / median(b)
    return {
        "meilleure": meilleure,
        "mediane": mediane,
        "verdict": max(meilleure, mediane),
        "avec_import": 100 * (median(g["secondes"]) + median(g["importation"])) / median(b),
        "ecart": median(x - y for x, y in zip(b, f)),
        "ecart_pourcent": 100 * median(x - y for x, y in zip(b, f)) / median(b),
    }


def cibles(resultats: dict[int, dict], apercu: dict) -> list[tuple[str, bool | None, str]]:
    """(target, met? (None: not measured), detail)."""
    lignes = []
    mesures = {n: parts(r)["verdict"] for n, r in sorted(resultats.items())}
    manque = [n for n in TAILLES if n not in mesures]
    ok = None if manque else all(v <= CIBLE for v in mesures.values())
    detail = "; ".join(f"N = {n} : {_p(v)}" for n, v in mesures.items())
    if manque:
        detail += f" (non mesuré : N = {', '.join(map(str, manque))})"
    lignes.append((f"Le temps du générateur est au plus {CIBLE:.0f} % de celui de la construction, à chaque N", ok, detail))
    if 100 in resultats and 1000 in resultats:
        a, b = (median(resultats[n]["build"]["secondes"]) / resultats[n]["documents"] for n in (100, 1000))
        lignes.append(("Temps de construction par document à N = 1000 au plus 1,25 × celui à N = 100", b <= 1.25 * a,
                       f"{1000 * a:.1f} ms → {1000 * b:.1f} ms, soit {b / a:.2f} ×".replace(".", ",")))  # fmt: skip
    if 10 in resultats and 1000 in resultats:
        a, b = resultats[10]["site"]["plus_grande"], resultats[1000]["site"]["plus_grande"]
        lignes.append(("Plus grande page à N = 1000 au plus 1,5 × la plus grande à N = 10", b[1] <= 1.5 * a[1],
                       f"`{a[0]}` {_o(a[1])} → `{b[0]}` {_o(b[1])}, soit " + f"{b[1] / a[1]:.2f} ×".replace(".", ",")))  # fmt: skip
    if 1000 in resultats:
        m = max(resultats[1000]["build"]["memoire"])
        lignes.append(("Mémoire de pointe de la construction à N = 1000 sous 1 Gio", m < 2**30, _o(m)))
    lignes += cibles_navigateur(resultats)
    a = apercu.get("N = 100")
    if a:
        ok = None if a.get("erreur") or not a["delais"] else median(a["delais"]) <= 2
        lignes.append(("Aperçu à N = 100 : une modification est servie en 2 s au plus (médiane)", ok,
                       a.get("erreur") or _s(median(a["delais"]))))  # fmt: skip
    return lignes


def _navigateur(resultats: dict[int, dict]) -> dict[int, dict]:
    return {n: r["navigateur"] for n, r in sorted(resultats.items()) if "navigateur" in r}


def _notes(lh: dict | None) -> str:
    return " / ".join(str(v) for v in lh["notes"].values()) if lh else "—"


def _recherche(r: dict) -> str:
    return f"{1000 * median(r['premiers_resultats']):.0f} ms, {_o(r['octets'])}"


def cibles_navigateur(resultats: dict[int, dict]) -> list[tuple[str, bool | None, str]]:
    nav = _navigateur(resultats)
    visite = {n: v["visite"]["octets"] for n, v in nav.items() if "visite" in v}
    lignes: list[tuple[str, bool | None, str]] = []
    a = visite.get(1)
    lignes.append((f"Première visite sur un téléphone (accueil puis PIAR, cache vide) au plus {POIDS_CIBLE // 1024} kio à N = 1",
                   None if a is None else a <= POIDS_CIBLE, "non mesurée" if a is None else _o(a)))  # fmt: skip
    b = visite.get(1000)
    lignes.append(("Première visite à N = 1000 au plus 10 % plus lourde qu'à N = 1", None if a is None or b is None else b <= 1.1 * a,
                   "non mesurée" if a is None or b is None else f"{_o(a)} → {_o(b)}, soit {100 * (b / a - 1):+.1f} %".replace(".", ",")))  # fmt: skip
    r = nav.get(1000, {}).get("recherches")
    lignes.append((f"Premiers résultats d'une recherche en moins de {1000 * RECHERCHE_CIBLE:.0f} ms à N = 1000 (médiane, chacune des deux)",
                   None if not r else all(median(x["premiers_resultats"]) < RECHERCHE_CIBLE for x in r),
                   "non mesurés" if not r else "; ".join(f"« {x['requete']} » {1000 * median(x['premiers_resultats']):.0f} ms" for x in r)))  # fmt: skip
    notes = {(n, page): lh["notes"] for n, v in nav.items() for page, lh in v.get("lighthouse", {}).items()}
    manque = [n for n in TAILLES if not all((n, page) in notes for page in PAGES)]
    rates = [f"N = {n}, {NOMS_PAGES[page]} : {'/'.join(map(str, x.values()))}" for (n, page), x in notes.items()
             if any(x[cle] < minimum for cle, minimum in LIGHTHOUSE_CIBLE.items())]  # fmt: skip
    detail = "; ".join(rates) if rates else "toutes atteintes" if notes else ""
    if manque:
        detail += f" (non mesuré : N = {', '.join(map(str, manque))})"
    cible = (f"Lighthouse sur mobile, accueil et PIAR : {'/'.join(map(str, LIGHTHOUSE_CIBLE.values()))} au moins "
             "(performance, accessibilité, bonnes pratiques, SEO), à chaque N")  # fmt: skip
    lignes.append((cible, False if rates else None if manque else True, detail.strip()))
    return lignes


def rapport(resultats: dict[int, dict], apercu: dict, info: dict) -> str:
    duree = sum(r.get("duree", 0) for r in [*resultats.values(), *apercu.values(), *_navigateur(resultats).values()])
    commits = sorted({r["commit"] for r in resultats.values()} | {a["commit"] for a in apercu.values()})
    l = ["# Banc d'essai : plans-publics à grande échelle", "",
         "Ce fichier est produit par `python3 bench/mesurer.py`; ne le modifiez pas à la main. Le banc ne fait pas partie",
         "des tests : une cible manquée ne fait échouer aucune commande.", "",
         "## Reproduire", "", "```",
         "python3 bench/mesurer.py                       # N = 1, 10, 100, 1000, puis l'aperçu",
         "python3 bench/mesurer.py --tailles 1,10,100    # seulement ces tailles (les autres mesures sont gardées)",
         "python3 bench/mesurer.py --sans-apercu         # sans l'aperçu",
         "python3 bench/mesurer.py --sans-navigateur     # sans Chromium : ni poids d'une visite, ni recherche, ni Lighthouse",
         "python3 bench/mesurer.py --rapport-seulement   # réécrit ce fichier depuis bench/resultats.json",
         "```", "",
         (f"Les mesures ci-dessous ont pris {f'{duree / 60:.0f} min' if duree >= 90 else _s(duree)} en tout "
          "(contenu, générateur, constructions, navigateur, aperçu)."), "",
         (f"Pour profiler le générateur (`build_site` et l'écriture des pages) : `cd {TRAVAIL}/n1000 && {PROJET}/.venv/bin/"
          "python -m cProfile -s cumulative -m generator exporter /tmp/export | head -60`."), "",
         "Le contenu synthétique (`bench/generer.py`, graine fixe) compte N MRC réparties dans les 17 régions, chacune avec",
         "un PIAR (7 enjeux, environ 25 actions) et une entente sectorielle, soit 2 N documents, plus les fichiers communs",
         f"et 4 ministères copiés de `content/`. Les sites sont construits dans `{TRAVAIL}/`.", "",
         "## Machine", "",
         f"- {info['processeur']}, {info['coeurs']} cœurs, {_o(info['memoire'])} de mémoire; {info['systeme']}",
         f"- {info['logiciels']}",
         f"- Code mesuré : commit {', '.join(commits) or info['commit']}"
         + (f" (modifiés lors de la dernière mesure : {', '.join(info['fichiers_modifies'])})" if info["fichiers_modifies"] else ""),
         "- Machine partagée : la durée d'une même construction varie d'un essai à l'autre (voir le détail par N).", "",
         "## Définitions", "",
         "- **Générateur** : `generator.build.build_site` (chargement, vérification, rendu des pages et des téléchargements),",
         "  chronométré dans un processus Python neuf, un processus par essai : c'est le travail que le plugin fait dans",
         "  `on_pre_build`. **Import** : importation de `generator.build` dans ce processus (médiane), comptée à part;",
         "  dans `mkdocs build`, MkDocs et Markdown sont déjà importés, ce chiffre est donc un majorant.",
         "- **Construction** : `mkdocs build` complet avec le plugin, démarrage de Python compris, dans un dossier de site",
         "  neuf à chaque essai (supprimé hors du temps mesuré), comme en intégration continue.",
         "- **Part du générateur** : générateur ÷ construction, au meilleur essai et en médiane; la cible est jugée sur",
         "  la plus grande des deux. Entre parenthèses : la part en médiane, import compris.",
         "- **Plancher** : les pages exportées par `python -m generator exporter`, construites par MkDocs et Material seuls",
         "  (même thème, mêmes extensions, menu tiré de `navigation.yml`). Constructions et planchers alternent",
         "  (construction, plancher, plancher, construction…); **construction − plancher** est la médiane des écarts de",
         "  chaque paire, en % de la construction médiane.",
         "- **Mémoire** : RSS de pointe du processus `mkdocs build` (le plus grand des essais).",
         "- **Dans le navigateur** (Chromium piloté par Playwright, réglages et serveur de `tests/navigateur.py`) : le site",
         "  que la dernière construction a laissé, servi en local (127.0.0.1) sous `/plans-publics/`, compressé (gzip) comme",
         "  sur GitHub Pages. **Première visite** : sur un téléphone de 360 px, cache vide, l'accueil puis le PIAR de la",
         f"  première MRC (`{PAGES['piar']}`); tout ce que les deux pages tirent du réseau, compressé, en-têtes compris.",
         f"  **Recherche** : sur la page de recherche, une fois son script chargé et le cache vide, « {MOT} » (un mot",
         "  d'un titre d'enjeu), puis le nom de la première MRC, saisis d'un coup : le champ reçoit le focus (Pagefind",
         "  commence à se charger), puis la requête est envoyée. **Premiers résultats** : du focus aux premiers résultats",
         "  affichés, dix au plus (mesure de la page, chargement de Pagefind compris pour la première recherche), médiane de",
         f"  {ESSAIS_RECHERCHE} essais, chacun dans un contexte neuf; **tiré** : ce que chaque recherche a chargé de `pagefind/`",
         "  (moteur, index, extraits), compressé. **Lighthouse** : audit mobile (4G lente et processeur ralenti, simulés),",
         "  notes de performance, accessibilité, bonnes pratiques et SEO, un audit par page.", "",
         "## Cibles", "", "| Cible | Atteinte | Détail |", "|---|---|---|"]  # fmt: skip
    for cible, ok, detail in cibles(resultats, apercu):
        l.append(f"| {cible} | {'non mesurée' if ok is None else '**oui**' if ok else '**NON**'} | {detail} |")
    l += ["", "## Résultats", "",
          ("| N | documents | pages HTML | générateur (meilleur / médiane) | import | construction (meilleur / médiane) | "
           "part du générateur | plancher (médiane) | construction − plancher | mémoire | site | plus grande page (× N = 10) |"),
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]  # fmt: skip
    for n, r in sorted(resultats.items()):
        g, b, s, p = r["generateur"], r["build"], r["site"], parts(r)
        ratio = f" ({s['plus_grande'][1] / resultats[10]['site']['plus_grande'][1]:.2f} ×)".replace(".", ",") if 10 in resultats else ""
        l.append(
            f"| {n} | {r['documents']} | {s['pages_html']} | {_s(min(g['secondes']))} / {_s(median(g['secondes']))} | "
            f"{_s(median(g['importation']))} | {_s(min(b['secondes']))} / {_s(median(b['secondes']))} | "
            f"{_p(p['meilleure'])} / {_p(p['mediane'])} ({_p(p['avec_import'])}) | {_s(median(r['plancher']['secondes']))} | "
            f"{_s(p['ecart'])} ({_p(p['ecart_pourcent'])}) | {_o(max(b['memoire']))} | {_o(s['octets'])} | "
            f"`{s['plus_grande'][0]}` {_o(s['plus_grande'][1])}{ratio} |"
        )
    nav = _navigateur(resultats)
    if nav:
        base = nav.get(1, {}).get("visite", {}).get("octets")
        l += ["", "## Poids, recherche et Lighthouse", "",
              (f"Cibles : première visite au plus {POIDS_CIBLE // 1024} kio à N = 1 et au plus 10 % de plus à N = 1000; premiers "
               f"résultats en moins de {1000 * RECHERCHE_CIBLE:.0f} ms à N = 1000; Lighthouse au moins "
               f"{' / '.join(map(str, LIGHTHOUSE_CIBLE.values()))}. Recherches : premiers résultats (médiane), octets tirés, nombre de résultats."), "",
              ("| N | première visite (accueil + PIAR) | × N = 1 | 1re recherche : mot d'un enjeu | 2e recherche : nom d'une "
               "organisation | Lighthouse accueil (perf. / access. / bonnes pratiques / SEO) | Lighthouse PIAR |"),
              "|---:|---:|---:|---|---|---:|---:|"]  # fmt: skip
        for n, v in nav.items():
            if "erreur" in v and "visite" not in v:
                l.append(f"| {n} | échec : {v['erreur']} | | | | | |")
                continue
            o = v.get("visite", {}).get("octets")
            ratio = f"{o / base:.2f} ×".replace(".", ",") if o and base else "—"
            r = v.get("recherches", [])
            cellules = [f"« {x['requete']} » : {_recherche(x)}, {x['resultats']} résultats" for x in r] + ["—"] * (2 - len(r))
            lh = v.get("lighthouse", {})
            l.append(f"| {n} | {_o(o) if o else '—'} | {ratio} | {' | '.join(cellules)} | {_notes(lh.get('accueil'))} | "
                     f"{_notes(lh.get('piar'))} |")
    l += ["", "## Détail par N", ""]
    for n, r in sorted(resultats.items()):
        g, f, s = r["generateur"], r["plancher"], r["site"]
        l += [f"### N = {n}", "",
              f"- Mesuré le {r['date']} (commit {r['commit']}), charge moyenne "
              + " avant, ".join(f"{c:.2f}".replace(".", ",") for c in r["charge"]) + " après.",
              (f"- Générateur : {_liste(g['secondes'])} (processeur : {_liste(g['processeur'])}); import : "
               f"{_liste(g['importation'])}; {g['pages']} pages, {g['telechargements']} téléchargements; "
               f"mémoire du processus {_o(g['memoire'])}."),
              (f"- Construction : {_liste(r['build']['secondes'])}; mémoire {_o(max(r['build']['memoire']))}; "
               f"site {_o(s['octets'])} en {s['fichiers']} fichiers."),
              (f"- Plancher : {_liste(f['secondes'])}; mémoire {_o(max(f['memoire']))}; {f['pages_html']} pages HTML "
               f"({'autant que' if f['pages_html'] == s['pages_html'] else 'ATTENTION : pas autant que'} la construction), "
               f"site {_o(f['octets'])}. Export Markdown : {_s(r['export_secondes'])}.")]  # fmt: skip
        v = r.get("navigateur")
        if v:
            d = [f"- Navigateur (mesuré le {v['date']}, {_s(v['duree'])})"]
            if "visite" in v:
                w = v["visite"]
                d.append(f"première visite {_o(w['octets'])} en {w['requetes']} requêtes (accueil {_o(w['accueil'])}, "
                         f"PIAR {_o(w['piar'])})")  # fmt: skip
            for x in v.get("recherches", []):
                d.append(f"« {x['requete']} » : premiers résultats en {', '.join(f'{1000 * t:.0f}' for t in x['premiers_resultats'])} ms, "
                         f"{x['requetes']} fichiers tirés de `pagefind/` ({_o(x['octets'])}), {x['resultats']} résultats")  # fmt: skip
            for page, lh in v.get("lighthouse", {}).items():
                d.append(f"Lighthouse {NOMS_PAGES[page]} {_notes(lh)}, LCP {_s(lh['lcp'])}"
                         + (f" (audits sous 1 : {', '.join(lh['a_revoir'])})" if lh["a_revoir"] else ""))  # fmt: skip
            if "erreur" in v:
                d.append(f"échec : {v['erreur']}")
            l.append(d[0] + " : " + "; ".join(d[1:]) + ".")
        l.append("")
    if apercu:
        l += ["## Aperçu (`mkdocs serve --dirty --no-strict`, comme `scripts/apercu.py`)", "",
              f"Le titre du premier enjeu du premier PIAR est modifié et enregistré {MODIFICATIONS} fois; on interroge sa page",
              "par HTTP (127.0.0.1) toutes les 50 ms jusqu'à ce que le nouveau titre y figure : c'est le délai de la modification",
              "à la page. MkDocs relève les fichiers modifiés toutes les 0,5 s (`PollingObserver`), ce qui compte dans ce délai;",
              "le navigateur est rechargé à la fin de la reconstruction, peu après (index de recherche).", "",
              "| Contenu | fichier modifié | premier service | délai (médiane) | délais | mesuré le |",
              "|---|---|---:|---:|---|---|"]  # fmt: skip
        for nom, a in apercu.items():
            delai = _s(median(a["delais"])) if a["delais"] else "—"
            l.append(f"| {nom} | `{a['fichier']}` | {_s(a['demarrage']) if 'demarrage' in a else '—'} | {delai} | "
                     f"{_liste(a['delais'])}{' — échec : ' + a['erreur'] if a.get('erreur') else ''} | {a['date']} ({a['commit']}) |")
    return "\n".join(l).rstrip("\n") + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Banc d'essai de plans-publics : part du générateur dans la construction.",
                                     add_help=False)  # fmt: skip
    parser.add_argument("-h", "--help", action="help", help="affiche cette aide")
    parser.add_argument("--tailles", default="1,10,100,1000", help="valeurs de N, séparées par des virgules (défaut : 1,10,100,1000)")
    parser.add_argument("--sans-apercu", action="store_true", help="ne pas mesurer l'aperçu (mkdocs serve)")
    parser.add_argument("--apercu-seulement", action="store_true", help="mesurer seulement l'aperçu")
    parser.add_argument("--sans-navigateur", action="store_true",
                        help="sans les mesures dans Chromium : poids d'une visite, recherche, Lighthouse")  # fmt: skip
    parser.add_argument("--essais", type=int, default=0,
                        help="essais à chaque N, générateur et constructions (défaut : 5 et 3, ou 3 et 2 à N = 1000)")  # fmt: skip
    parser.add_argument("--graine", type=int, default=2024, help="graine du contenu synthétique (défaut : 2024)")
    parser.add_argument("--rapport-seulement", action="store_true", help="réécrire BENCHMARKS.md depuis bench/resultats.json")
    args = parser.parse_args()

    anciens = json.loads(RESULTATS.read_text(encoding="utf-8")) if RESULTATS.exists() else {}
    if anciens.get("format") != FORMAT:
        anciens = {}  # measured by an older bench, with other definitions
    resultats = {int(n): r for n, r in anciens.get("tailles", {}).items()}
    apercu = anciens.get("apercu", {})
    info = anciens.get("machine")

    def enregistrer() -> None:
        donnees = {"format": FORMAT, "machine": info, "tailles": {str(n): r for n, r in sorted(resultats.items())}, "apercu": apercu}
        RESULTATS.write_text(json.dumps(donnees, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        RAPPORT.write_text(rapport(resultats, apercu, info), encoding="utf-8")

    if not args.rapport_seulement:
        info = machine()
        compileall.compile_dir(str(PROJET / "generator"), quiet=1)  # as pip does for MkDocs and Material
        if not args.apercu_seulement:
            for n in [int(x) for x in args.tailles.split(",") if x.strip()]:
                grand = n >= 1000  # generator runs are cheap next to the builds: a few more of them
                resultats[n] = mesurer_taille(n, args.essais or (2 if grand else 3), args.essais or (3 if grand else 5), args.graine)
                if not args.sans_navigateur:
                    resultats[n]["navigateur"] = mesurer_navigateur(n)  # on the site the last build left
                enregistrer()
        if not args.sans_apercu or args.apercu_seulement:
            apercu = apercus(args.graine)
    if info is None:
        raise SystemExit("aucune mesure dans bench/resultats.json")
    enregistrer()
    print(f"\nRapport écrit dans {RAPPORT}.")
    for cible, ok, detail in cibles(resultats, apercu):
        print(f"  [{'  ?  ' if ok is None else ' oui ' if ok else ' NON '}] {cible} — {detail}")


if __name__ == "__main__":
    main()
