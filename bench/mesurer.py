"""Banc d'essai de plans-publics : temps, mémoire et taille du site selon le nombre d'organisations.

    python3 bench/mesurer.py                       # N = 1, 10, 100, 1000, puis l'aperçu (N = 100)
    python3 bench/mesurer.py --tailles 1,10,100    # seulement ces tailles
    python3 bench/mesurer.py --sans-apercu         # sans la mesure de l'aperçu (mkdocs serve)
    python3 bench/mesurer.py --profil              # ajoute le profil cProfile du générateur (plus grand N)
    python3 bench/mesurer.py --rapport-seulement   # réécrit BENCHMARKS.md depuis bench/resultats.json

Pour chaque N : contenu synthétique (bench/generer.py), temps du générateur (load_site et
render_pages, dans ce processus), « mkdocs build » complet avec le plugin, puis le plancher du
moteur : les mêmes pages exportées en Markdown (« plans-publics exporter ») construites par
MkDocs et Material seuls, avec la même configuration de thème. Mémoire de pointe du processus
de construction, taille du site, plus grande page, index de recherche, liens du menu latéral,
et une vérification de la recherche.

Les résultats sont gardés dans bench/resultats.json (une entrée par N, la dernière mesure
remplace la précédente) et le tableau est réécrit dans BENCHMARKS.md. Ne fait pas partie
des tests : aucune cible manquée ne fait échouer la commande.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJET = Path(__file__).resolve().parent.parent
_VENV_PYTHON = PROJET / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
if Path(sys.prefix).resolve() != (PROJET / ".venv").resolve():  # relancé dans l'environnement du projet
    if not _VENV_PYTHON.exists():
        sys.path.insert(0, str(PROJET / "scripts"))
        from _environnement import prepare  # noqa: E402

        prepare()
    os.execv(str(_VENV_PYTHON), [str(_VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])

import argparse  # noqa: E402
import compileall  # noqa: E402
import datetime as dt  # noqa: E402
import gc  # noqa: E402
import html  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import posixpath  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402

import yaml  # noqa: E402

sys.path.insert(0, str(PROJET))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import generer  # noqa: E402

PYTHON = sys.executable
TRAVAIL = Path(os.environ.get("PLANS_PUBLICS_BANC", "/tmp/plans-publics-banc"))
RESULTATS = Path(__file__).resolve().parent / "resultats.json"
RAPPORT = PROJET / "BENCHMARKS.md"
COMMANDE = "python3 bench/mesurer.py"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
SITE_URL = "https://exemple.github.io/plans-publics/"


# --- configurations MkDocs -------------------------------------------------------------


class _ChargeurMkdocs(yaml.SafeLoader):
    """Lit mkdocs.yml en gardant la valeur par défaut des balises !ENV."""


_ChargeurMkdocs.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def config_projet() -> dict:
    return yaml.load((PROJET / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ChargeurMkdocs)


def _config(docs: Path, site: Path) -> dict:
    """Le mkdocs.yml du projet, dossiers et thème désignés par chemin absolu."""
    config = config_projet()
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    config["site_url"] = SITE_URL
    config["theme"]["custom_dir"] = str(PROJET / "theme_overrides")
    return config


def _ecrire(chemin: Path, config: dict) -> Path:
    chemin.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return chemin


def ecrire_config(chemin: Path, contenu: Path, site: Path) -> Path:
    """La configuration du projet, sur le dossier de contenu donné."""
    config = _config(contenu, site)
    config["watch"] = [str(PROJET / "theme_overrides")]
    return _ecrire(chemin, config)


def ecrire_config_plancher(chemin: Path, export: Path, site: Path) -> Path:
    """Mêmes réglages de thème et d'extensions, sans le plugin : MkDocs seul sur le Markdown exporté."""
    config = _config(export, site)
    config["watch"] = []
    config["exclude_docs"] = "navigation.yml\n"
    # Sans le plugin, MkDocs avertit de ce que le plugin réglait (pages hors menu, par exemple) :
    # ces avertissements ne doivent pas arrêter la construction du plancher.
    config["strict"] = False
    config["plugins"] = [p for p in config["plugins"] if p != "plans-publics" and not (isinstance(p, dict) and "plans-publics" in p)]
    # navigation.yml donne « nav » et, le cas échéant, les autres réglages de navigation (« not_in_nav »).
    config.update(yaml.safe_load((export / "navigation.yml").read_text(encoding="utf-8")))
    return _ecrire(chemin, config)


# --- mesures ---------------------------------------------------------------------------


def executer(commande: list[str], journal: Path) -> tuple[float, float, int, int]:
    """Lance ``commande``; rend (secondes, secondes de processeur, mémoire de pointe en octets, code de retour)."""
    with journal.open("wb") as sortie:
        debut = time.perf_counter()
        proc = subprocess.Popen(commande, cwd=PROJET, env=ENV, stdout=sortie, stderr=subprocess.STDOUT)
        _, statut, usage = os.wait4(proc.pid, 0)
        duree = time.perf_counter() - debut
    proc.returncode = os.waitstatus_to_exitcode(statut)
    return duree, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode


def construire(configs: dict[str, tuple[Path, Path]], repetitions: int, dossier: Path) -> dict[str, dict]:
    """Construit chaque configuration ``repetitions`` fois, en alternance (la charge de la machine touche
    les deux mesures de la même façon); garde le meilleur temps et la plus grande mémoire.

    Chaque construction part d'un dossier de site absent, comme sur un serveur d'intégration (le
    dossier est supprimé avant, hors du temps mesuré) : ni MkDocs ni le plugin n'ont à le vider.
    La construction avec le plugin passe par bench/chrono.py, qui chronomètre le plugin dans le processus.
    """
    mesures: dict[str, dict] = {nom: {"essais": [], "processeur": [], "memoires": [], "chronos": []} for nom in configs}
    for _ in range(repetitions):
        for nom, (config, site) in configs.items():
            journal = dossier / f"{nom}.log"
            shutil.rmtree(site, ignore_errors=True)
            chrono = dossier / f"{nom}-chrono.json"
            chrono.unlink(missing_ok=True)
            commande = (
                [PYTHON, str(PROJET / "bench" / "chrono.py"), str(chrono), "build", "-f", str(config)]
                if nom == "build" else [PYTHON, "-m", "mkdocs", "build", "-f", str(config)]
            )
            duree, cpu, memoire, code = executer(commande, journal)
            if code != 0:
                raise SystemExit(f"échec de la construction ({config}); voir {journal}:\n" + journal.read_text()[-3000:])
            mesures[nom]["essais"].append(duree)
            mesures[nom]["processeur"].append(cpu)
            mesures[nom]["memoires"].append(memoire)
            if chrono.exists():
                mesures[nom]["chronos"].append(json.loads(chrono.read_text(encoding="utf-8")))
    for m in mesures.values():
        m["secondes"] = min(m["essais"])
        m["secondes_processeur"] = min(m["processeur"])
        m["memoire"] = max(m.pop("memoires"))
        if m["chronos"]:
            # Part du plugin dans son processus de construction : la médiane des essais.
            parts = sorted(c["plugin"] / c["processus"] for c in m["chronos"])
            m["plugin_pourcent"] = 100 * parts[len(parts) // 2]
            m["plugin_secondes"] = sorted(c["plugin"] for c in m["chronos"])[len(parts) // 2]
        else:
            del m["chronos"]
    return mesures


def temps_generateur(contenu: Path, repetitions: int) -> dict:
    from generator.content import load_site
    from generator.render import build_nav, render_pages

    chargements, rendus = [], []
    for _ in range(repetitions):
        gc.collect()
        debut = time.perf_counter()
        site = load_site(contenu)
        milieu = time.perf_counter()
        pages = render_pages(site)
        build_nav(site)
        fin = time.perf_counter()
        chargements.append(milieu - debut)
        rendus.append(fin - milieu)
        del site
    meilleur = min(range(repetitions), key=lambda i: chargements[i] + rendus[i])
    markdown = max(pages.values(), key=lambda p: len(p.markdown.encode("utf-8")))
    return {
        "secondes": chargements[meilleur] + rendus[meilleur],
        "chargement": chargements[meilleur],
        "rendu": rendus[meilleur],
        "pages": len(pages),
        "plus_grand_markdown": [markdown.path, len(markdown.markdown.encode("utf-8"))],
    }


def _genre(chemin: str) -> str:
    """Le gabarit d'une page HTML, d'après son adresse : « documents/*/echeancier/ », « regions/*/ »…"""
    parties = chemin.split("/")[:-1]
    if not parties:
        return "index.html" if chemin == "index.html" else chemin
    if parties[0] == "documents":
        if len(parties) == 2:
            return "documents/*-piar/" if parties[1].endswith("-piar") else "documents/*-entente-*/" if "-entente-" in parties[1] else "documents/*/"
        return "/".join(["documents", "*"] + parties[2:]) + "/"
    if len(parties) >= 2 and parties[0] in ("regions", "organisations"):
        return f"{parties[0]}/*/"
    if len(parties) >= 3 and parties[0] == "programmes":
        return f"programmes/{parties[1]}/*/"
    return "/".join(parties) + "/"


_LIEN_MENU = re.compile(r'<a\b[^>]*\bclass="md-nav__link[^"]*"[^>]*>')
_HREF = re.compile(r'\bhref="([^"]*)"')


def mesurer_site(site: Path, documents: int) -> dict:
    total, fichiers, html_total, pages = 0, 0, 0, []
    menu_max = (0, "", 0)  # (liens vers des pages, page, dont documents)
    par_genre: dict[str, tuple[str, int]] = {}
    for chemin in sorted(site.rglob("*")):
        if not chemin.is_file():
            continue
        taille = chemin.stat().st_size
        total += taille
        fichiers += 1
        if chemin.suffix != ".html":
            continue
        relatif = chemin.relative_to(site).as_posix()
        html_total += taille
        pages.append((taille, relatif))
        genre = _genre(relatif)
        if taille > par_genre.get(genre, ("", 0))[1]:
            par_genre[genre] = (relatif, taille)
        texte = chemin.read_text(encoding="utf-8")
        # Liens du menu vers d'autres pages (les ancres « #… » de la table des matières sont exclues).
        base = posixpath.dirname(relatif)
        cibles = []
        for balise in _LIEN_MENU.findall(texte):
            href = _HREF.search(balise)
            if href and not href[1].startswith("#"):
                cibles.append(posixpath.normpath(posixpath.join(base, href[1])))
        vers_documents = sum(1 for c in cibles if c.startswith("documents/"))
        if len(cibles) > menu_max[0]:
            menu_max = (len(cibles), relatif, vers_documents)
    pages.sort(reverse=True)
    index = site / "search" / "search_index.json"
    return {
        "octets": total,
        "fichiers": fichiers,
        "pages_html": len(pages),
        "octets_html": html_total,
        "plus_grandes": [[p, t] for t, p in pages[:5]],
        "plus_grande_par_genre": {g: list(v) for g, v in sorted(par_genre.items())},
        "index_recherche": index.stat().st_size if index.exists() else 0,
        "menu_liens_max": menu_max[0],
        "menu_page": menu_max[1],
        "menu_documents": menu_max[2],
        "documents": documents,
    }


def _texte(fragment: str) -> str:
    fragment = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return " ".join(fragment.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").split()).casefold()


def verifier_recherche(site: Path, mrc: dict) -> dict:
    """La page du PIAR de ``mrc`` est-elle trouvée par le nom de l'organisation et par les mots d'un enjeu?"""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    par_page: dict[str, list[str]] = {}
    titres: dict[str, str] = {}
    for entree in index["docs"]:
        page = entree["location"].split("#")[0]
        par_page.setdefault(page, []).append(_texte(entree.get("title", "")) + " " + _texte(entree.get("text", "")))
        if "#" not in entree["location"]:
            titres[page] = entree.get("title", "")
    cible = f"documents/{mrc['piar']}/"
    nom = _texte(mrc["nom"])
    mots = [m for m in re.findall(r"[\w'-]+", _texte(mrc["enjeux"][0])) if len(m) >= 5]

    def pages_avec(*termes: str) -> list[str]:
        return [p for p, textes in par_page.items() if all(any(t in x for x in textes) for t in termes)]

    # Les résultats de recherche affichent le titre de la page : combien de pages partagent le même titre?
    compte: dict[str, int] = {}
    for titre in titres.values():
        compte[titre] = compte.get(titre, 0) + 1
    titre_commun = max(compte.items(), key=lambda kv: kv[1]) if compte else ("", 0)
    par_nom = pages_avec(nom)
    par_enjeu = pages_avec(*mots)
    par_les_deux = pages_avec(nom, *mots)
    return {
        "page": cible,
        "titre_dans_les_resultats": titres.get(cible, ""),
        "organisation": mrc["nom"],
        "enjeu": mrc["enjeux"][0],
        "mots": mots,
        "trouve_par_organisation": cible in par_nom,
        "pages_par_organisation": len(par_nom),
        "trouve_par_enjeu": cible in par_enjeu,
        "pages_par_enjeu": len(par_enjeu),
        "pages_par_les_deux": len(par_les_deux),
        "entrees": len(index["docs"]),
        "titre_le_plus_repete": list(titre_commun),
    }


def navigation(export: Path) -> dict:
    """Forme du menu exporté : entrées du premier niveau, plus large section, sections avec page d'index."""
    nav = yaml.safe_load((export / "navigation.yml").read_text(encoding="utf-8"))["nav"]
    largeur, sections, indexees = 0, 0, 0
    sans_index: list[str] = []

    def parcourir(items: list) -> None:
        nonlocal largeur, sections, indexees
        largeur = max(largeur, len(items))
        for item in items:
            for valeur in item.values() if isinstance(item, dict) else ():
                if isinstance(valeur, list):
                    sections += 1
                    premier = valeur[0] if valeur else None
                    cible = next(iter(premier.values())) if isinstance(premier, dict) else premier
                    if isinstance(cible, str):
                        indexees += 1
                    else:
                        sans_index.append(next(iter(item)))
                    parcourir(valeur)

    parcourir(nav)
    return {
        "premier_niveau": [next(iter(i)) if isinstance(i, dict) else i for i in nav],
        "section_la_plus_large": largeur,
        "sections": sections,
        "sections_avec_index": indexees,
        "sections_sans_index": sans_index[:10],
    }


def mesurer_taille(n: int, args: argparse.Namespace) -> dict:
    dossier = TRAVAIL / f"n{n}"
    dossier.mkdir(parents=True, exist_ok=True)
    contenu = dossier / "contenu"
    print(f"\n=== N = {n} : génération du contenu", flush=True)
    debut = time.perf_counter()
    mrc = generer.generer(contenu, n, args.graine)
    print(f"    {2 * n} documents en {time.perf_counter() - debut:.1f} s", flush=True)
    documents = 2 * n

    repetitions = 5 if n <= 10 else 3 if n <= 100 else 1
    constructions = args.repetitions or (7 if n <= 10 else 5 if n <= 100 else 2)

    print("    temps du générateur (load_site + render_pages)…", flush=True)
    generateur = temps_generateur(contenu, repetitions)
    print(f"    {generateur['secondes']:.2f} s ({generateur['chargement']:.2f} s chargement, {generateur['rendu']:.2f} s rendu)", flush=True)

    print("    export Markdown (plans-publics exporter)…", flush=True)
    export = dossier / "export"
    shutil.rmtree(export, ignore_errors=True)
    duree_export, _, _, code = executer(
        [PYTHON, "-m", "generator", "--contenu", str(contenu), "exporter", str(export)], dossier / "export.log"
    )
    if code != 0:
        raise SystemExit(f"échec de l'export; voir {dossier / 'export.log'}")

    print(f"    mkdocs build avec le plugin et plancher (MkDocs seul), {constructions} fois chacun…", flush=True)
    site = dossier / "site"
    site_plancher = dossier / "site-plancher"
    configs = {
        "build": (ecrire_config(dossier / "mkdocs.yml", contenu, site), site),
        "plancher": (ecrire_config_plancher(dossier / "mkdocs-plancher.yml", export, site_plancher), site_plancher),
    }
    mesures_builds = construire(configs, constructions, dossier)
    build, plancher = mesures_builds["build"], mesures_builds["plancher"]
    for nom, m in mesures_builds.items():
        print(f"    {nom} : {m['secondes']:.2f} s ({m['secondes_processeur']:.2f} s de processeur), {m['memoire'] / 2**20:.0f} Mio", flush=True)

    mesures = mesurer_site(site, documents)
    mesures_plancher = mesurer_site(site_plancher, documents)
    choisie = mrc[(n - 1) // 2]
    recherche = verifier_recherche(site, choisie)
    surcout = build["secondes"] - plancher["secondes"]
    # Each build is paired with the floor built just after it: the median of these differences.
    ecarts = sorted(b - f for b, f in zip(build["essais"], plancher["essais"]))
    ecart_median = ecarts[len(ecarts) // 2] if len(ecarts) % 2 else (ecarts[len(ecarts) // 2 - 1] + ecarts[len(ecarts) // 2]) / 2
    return {
        "n": n,
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "charge_moyenne": os.getloadavg()[0],
        "documents": documents,
        "generateur": generateur,
        "export_secondes": duree_export,
        "build": build,
        "plancher": plancher,
        "surcout_secondes": surcout,
        "surcout_pourcent": 100 * surcout / build["secondes"],
        "surcout_median_pourcent": 100 * ecart_median / build["secondes"],
        "surcout_processeur_pourcent": 100 * (build["secondes_processeur"] - plancher["secondes_processeur"]) / build["secondes_processeur"],
        "generateur_pourcent": 100 * generateur["secondes"] / build["secondes"],
        "plugin_pourcent": build["plugin_pourcent"],
        "par_document": build["secondes"] / documents,
        "site": mesures,
        "site_plancher": mesures_plancher,
        "recherche": recherche,
        "navigation": navigation(export),
    }


# --- rapport ---------------------------------------------------------------------------


def machine() -> dict:
    modele = next(
        (l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")),
        platform.processor() or "inconnu",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()
    memoire = next((int(l.split()[1]) * 1024 for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")), 0)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJET, capture_output=True, text=True).stdout.strip()
        modifies = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator", "theme_overrides", "mkdocs.yml"],
            cwd=PROJET, capture_output=True, text=True,
        ).stdout.split("\n")  # fmt: skip
        modifies = [l[3:] for l in modifies if l.strip()]
    except OSError:
        commit, modifies = "", []
    return {
        "coeurs": os.cpu_count(),
        "memoire": memoire,
        "processeur": modele,
        "systeme": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "pyyaml": version("pyyaml"),
        "commit": commit,
        "fichiers_modifies": modifies,
    }


def _o(octets: float) -> str:
    for unite, facteur in (("Gio", 2**30), ("Mio", 2**20), ("kio", 2**10)):
        if octets >= facteur:
            return f"{octets / facteur:.1f} {unite}".replace(".", ",")
    return f"{int(octets)} o"


def _s(secondes: float) -> str:
    return f"{secondes:.2f} s".replace(".", ",")


def _plugin(r: dict) -> str:
    if "plugin_pourcent" not in r:
        return "non mesuré"
    return f"{_s(r['build']['plugin_secondes'])} ({_p(r['plugin_pourcent'])})"


def _p(valeur: float) -> str:
    return f"{valeur:.1f} %".replace(".", ",")


def cibles(resultats: dict[int, dict], apercu: dict | None) -> list[tuple[str, bool | None, str]]:
    """(cible, atteinte? (None = non mesurée), détail), calculées à partir des mesures."""
    lignes: list[tuple[str, bool | None, str]] = []
    if resultats:
        mesures = [r for r in resultats.values() if "plugin_pourcent" in r]
        pire = max((r["plugin_pourcent"] for r in mesures), default=None)
        detail = "; ".join(
            f"N = {n} : plugin {_p(r['plugin_pourcent']) if 'plugin_pourcent' in r else 'non mesuré'} "
            f"(construction − plancher : {_p(r['surcout_pourcent'])} au meilleur essai, {_p(r.get('surcout_median_pourcent', float('nan')))} "
            f"en médiane des écarts appariés, processeur {_p(r['surcout_processeur_pourcent'])}; "
            f"générateur seul, un cœur : {_p(r['generateur_pourcent'])})"
            for n, r in sorted(resultats.items())
        )
        atteinte = None if pire is None or len(mesures) < len(resultats) else pire <= 5
        lignes.append(("Le générateur ajoute au plus 5 % à la construction, à chaque N", atteinte, detail))
    if 100 in resultats and 1000 in resultats:
        a, b = resultats[100]["par_document"], resultats[1000]["par_document"]
        pa, pb = (resultats[k]["plancher"]["secondes"] / resultats[k]["documents"] for k in (100, 1000))
        lignes.append(
            ("Temps par document à N = 1000 au plus 1,25 × celui à N = 100", b <= 1.25 * a,
             (f"{1000 * a:.1f} ms → {1000 * b:.1f} ms, soit {b / a:.3f} × (plancher seul : "
              f"{1000 * pa:.1f} ms → {1000 * pb:.1f} ms, {pb / pa:.3f} ×)").replace(".", ","))  # fmt: skip
        )
    else:
        lignes.append(("Temps par document à N = 1000 au plus 1,25 × celui à N = 100", None, "N = 100 et N = 1000 requis"))
    if 10 in resultats and 1000 in resultats:
        a, b = resultats[10]["site"]["plus_grandes"][0], resultats[1000]["site"]["plus_grandes"][0]
        lignes.append(
            ("Plus grande page à N = 1000 au plus 1,5 × la plus grande à N = 10", b[1] <= 1.5 * a[1],
             f"`{a[0]}` {_o(a[1])} → `{b[0]}` {_o(b[1])}, soit " + f"{b[1] / a[1]:.3f} ×".replace(".", ","))  # fmt: skip
        )
    else:
        lignes.append(("Plus grande page à N = 1000 au plus 1,5 × la plus grande à N = 10", None, "N = 10 et N = 1000 requis"))
    if 1000 in resultats:
        m = resultats[1000]["build"]["memoire"]
        lignes.append(("Mémoire de pointe à N = 1000 sous 1 Gio", m < 2**30, _o(m)))
    else:
        lignes.append(("Mémoire de pointe à N = 1000 sous 1 Gio", None, "N = 1000 requis"))
    if resultats:
        grands = [r for n, r in resultats.items() if n >= 10]
        ok = all(r["site"]["menu_documents"] < r["documents"] for r in grands) and all(
            r["navigation"]["sections_avec_index"] == r["navigation"]["sections"] for r in resultats.values()
        )
        plus_grand = max(resultats)
        r = resultats[plus_grand]
        lignes.append(
            ("Menu : organisations groupées par région, pages d'index de section, aucun menu qui liste tous les documents", ok,
             f"N = {plus_grand} : {len(r['navigation']['premier_niveau'])} entrées au premier niveau, section la plus large "
             f"{r['navigation']['section_la_plus_large']} entrées, {r['navigation']['sections_avec_index']}/{r['navigation']['sections']} "
             f"sections avec page d'index"
             + (f" (sans : {', '.join(r['navigation']['sections_sans_index'])})" if r['navigation'].get('sections_sans_index') else "")
             + f"; menu le plus long {r['site']['menu_liens_max']} liens ({r['site']['menu_page']}), "
             f"dont {r['site']['menu_documents']} vers des documents sur {r['documents']}")  # fmt: skip
        )
        ok = all(r["recherche"]["trouve_par_organisation"] and r["recherche"]["trouve_par_enjeu"] for r in resultats.values())
        detail = "; ".join(
            f"N = {n} : {'oui' if r['recherche']['trouve_par_organisation'] else 'NON'} / "
            f"{'oui' if r['recherche']['trouve_par_enjeu'] else 'NON'}"
            for n, r in sorted(resultats.items())
        )
        lignes.append(("Recherche : le document est trouvé par son organisation et par les mots d'un enjeu", ok, detail))
    if apercu:
        apercu = _modes(apercu)
        mode = apercu["mode_du_projet"]
        m = apercu.get(mode, {})
        delai = max(m["delais"]) if m.get("delais") and not m.get("erreur") else None
        details = []
        for nom in ("complet", "dirty"):
            if nom in apercu:
                x = apercu[nom]
                details.append(
                    f"{'mkdocs serve --dirty' if nom == 'dirty' else 'mkdocs serve'}"
                    + (" (mode de scripts/apercu.py)" if nom == mode else "") + " : délais "
                    + ", ".join(_s(d) for d in x.get("delais", [])) + (f" (échec : {x['erreur']})" if x.get("erreur") else "")
                )  # fmt: skip
        lignes.append(
            ("Aperçu (N = 100) : une modification apparaît dans le navigateur en 2 s au plus", delai is not None and delai <= 2,
             "; ".join(details))  # fmt: skip
        )
    else:
        lignes.append(("Aperçu (N = 100) : une modification apparaît dans le navigateur en 2 s au plus", None, "non mesuré"))
    return lignes


def _modes(apercu: dict) -> dict:
    """Résultats de l'aperçu par mode; accepte l'ancienne forme (un seul mode, complet)."""
    if "delais" in apercu:
        return {"complet": apercu, "mode_du_projet": "complet"}
    return apercu


def rapport(resultats: dict[int, dict], apercu: dict | None, info: dict, profil: dict | None = None) -> str:
    l = ["# Banc d'essai : plans-publics à grande échelle", ""]
    l += [
        "Ce fichier est produit par le banc d'essai (`bench/`); ne le modifiez pas à la main.",
        "Le banc ne fait pas partie des tests : une cible manquée ne fait échouer aucune commande.",
        "",
        "## Reproduire",
        "",
        "```",
        COMMANDE + "                       # N = 1, 10, 100, 1000, puis l'aperçu",
        COMMANDE + " --tailles 1,10,100    # seulement ces tailles (les autres mesures sont gardées)",
        COMMANDE + " --apercu-seulement    # seulement l'aperçu (mkdocs serve, N = 100)",
        COMMANDE + " --profil              # ajoute le profil cProfile du générateur au plus grand N",
        "```",
        "",
        "Le contenu synthétique (`bench/generer.py`, graine fixe) compte N MRC réparties dans les 17 régions,",
        "chacune avec un PIAR de 7 enjeux et environ 25 actions et une entente sectorielle (2 N documents),",
        "plus le site, les régions, le glossaire, le programme AEQ et 4 ministères copiés de `content/`.",
        f"Les sites sont construits dans `{TRAVAIL}/n<N>/`. Les mesures brutes sont dans `bench/resultats.json`.",
        "",
        "## Machine",
        "",
        f"- Processeur : {info['processeur']}, {info['coeurs']} cœurs; mémoire : {_o(info['memoire'])}; {info['systeme']}",
        f"- Python {info['python']}, MkDocs {info['mkdocs']}, Material for MkDocs {info['material']}, PyYAML {info['pyyaml']}",
        f"- Code mesuré : commit {info['commit']}"
        + (f", avec des modifications non validées dans {', '.join(info['fichiers_modifies'])}" if info["fichiers_modifies"] else ""),
        "",
        "## Définitions",
        "",
        "- **Générateur seul** : `load_site` + `render_pages` + `build_nav`, dans le processus du banc, sur un seul cœur",
        "  (meilleur de 5 essais pour N ≤ 10, de 3 pour N = 100, un seul à N = 1000) : le travail total du générateur.",
        "- **Construction** : `mkdocs build` complet avec le plugin `plans-publics` (processus séparé, démarrage de Python",
        "  compris; meilleur de 7 essais pour N ≤ 10, de 5 pour N = 100, de 2 à N = 1000, en alternance avec le plancher).",
        "  Chaque construction part d'un dossier de site absent, comme en intégration continue (supprimé hors du temps",
        "  mesuré); le code du générateur est précompilé (`compileall`), comme le sont MkDocs et Material installés par pip.",
        "- **Plugin dans la construction** : temps passé dans le processus `mkdocs build` à importer le plugin et dans ses",
        "  événements (attentes comprises), chronométré dans ce processus par `bench/chrono.py`, en % de la durée du",
        "  processus (médiane des essais). Le chargement, la vérification et le rendu se font dans des processus enfants",
        "  pendant que MkDocs prépare sa construction (`generator/preparation.py`) : seule l'attente compte ici.",
        "- **Plancher** : les pages exportées par `plans-publics exporter`, construites par MkDocs et Material seuls (même thème,",
        "  mêmes extensions, menu tiré de `navigation.yml`, sans le plugin) : le coût du moteur pour les mêmes pages.",
        "- **Surcoût** = construction − plancher, en % de la construction (meilleur essai contre meilleur essai, temps écoulé;",
        "  entre parenthèses, le même calcul sur le temps de processeur, enfants compris : ce travail est fait en",
        "  parallèle). Sur cette machine partagée, la durée d'une même construction varie de 10 à 20 % d'un essai à",
        "  l'autre, parfois davantage (voir le détail) : la différence de deux mesures séparées ne distingue pas 5 %; le",
        "  temps du plugin chronométré dans le processus de construction, lui, le distingue.",
        "  **Mémoire** : RSS de pointe du processus `mkdocs build` ou de l'un de ses enfants.",
        "- **Menu** : le plus grand nombre de liens `md-nav__link` vers d'autres pages (ancres exclues) sur une même page.",
        "",
        "## Résultats",
        "",
        "| N | documents | pages HTML | générateur seul | construction | plugin dans la construction | plancher | surcoût | par document | mémoire | site | plus grande page | index de recherche | menu |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for n, r in sorted(resultats.items()):
        s = r["site"]
        grande = s["plus_grandes"][0]
        l.append(
            f"| {n} | {r['documents']} | {s['pages_html']} | {_s(r['generateur']['secondes'])} | {_s(r['build']['secondes'])} | "
            f"{_plugin(r)} | {_s(r['plancher']['secondes'])} | {_p(r['surcout_pourcent'])} ({_p(r['surcout_processeur_pourcent'])}) | {str(round(1000 * r['par_document'], 1)).replace('.', ',')} ms | "
            f"{_o(r['build']['memoire'])} | {_o(s['octets'])} ({s['fichiers']} fichiers) | `{grande[0]}` {_o(grande[1])} | "
            f"{_o(s['index_recherche'])} | {s['menu_liens_max']} |"
        )
    genres = sorted({g for r in resultats.values() for g in r["site"].get("plus_grande_par_genre", {})})
    if genres:
        tailles = sorted(resultats)
        l += ["", "### Plus grande page de chaque gabarit (HTML)", ""]
        l += ["| Gabarit | " + " | ".join(f"N = {n}" for n in tailles) + " |", "|---|" + "---:|" * len(tailles)]
        for g in genres:
            cellules = [resultats[n]["site"].get("plus_grande_par_genre", {}).get(g) for n in tailles]
            l.append(f"| `{g}` | " + " | ".join(_o(c[1]) if c else "" for c in cellules) + " |")
    l += ["", "## Cibles", "", "| Cible | Atteinte | Détail |", "|---|---|---|"]
    for cible, ok, detail in cibles(resultats, apercu):
        etat = "non mesurée" if ok is None else ("**oui**" if ok else "**NON**")
        l.append(f"| {cible} | {etat} | {detail} |")
    l += ["", "## Détail par N", ""]
    for n, r in sorted(resultats.items()):
        s, p, g = r["site"], r["site_plancher"], r["generateur"]
        l += [f"### N = {n} ({r['documents']} documents, mesuré le {r['date']}, charge moyenne {r['charge_moyenne']:.2f})", ""]
        l += [
            f"- Générateur : {_s(g['secondes'])} ({_s(g['chargement'])} de chargement et de vérification, {_s(g['rendu'])} de rendu), "
            f"{g['pages']} pages, soit {_p(r['generateur_pourcent'])} de la construction; plus grande page Markdown : "
            f"`{g['plus_grand_markdown'][0]}` ({_o(g['plus_grand_markdown'][1])}).",
            f"- Construction : essais " + ", ".join(_s(x) for x in r["build"]["essais"])
            + f" (processeur : meilleur {_s(r['build']['secondes_processeur'])}); mémoire {_o(r['build']['memoire'])}.",
            f"- Plancher : essais " + ", ".join(_s(x) for x in r["plancher"]["essais"])
            + f" (processeur : meilleur {_s(r['plancher']['secondes_processeur'])}); mémoire {_o(r['plancher']['memoire'])}; "
            f"site {_o(p['octets'])}, plus grande page `{p['plus_grandes'][0][0]}` {_o(p['plus_grandes'][0][1])}, "
            f"index de recherche {_o(p['index_recherche'])}. Export Markdown : {_s(r['export_secondes'])}.",
            f"- Site : {_o(s['octets'])} dont {_o(s['octets_html'])} de HTML en {s['pages_html']} pages.",
            "- Plus grandes pages : " + ", ".join(f"`{chemin}` {_o(t)}" for chemin, t in s["plus_grandes"]) + ".",
            f"- Menu le plus long : {s['menu_liens_max']} liens sur `{s['menu_page']}`, dont {s['menu_documents']} vers des documents.",
            f"- Navigation : premier niveau " + ", ".join(r["navigation"]["premier_niveau"]) + f"; section la plus large "
            f"{r['navigation']['section_la_plus_large']} entrées.",
        ]
        q = r["recherche"]
        l += [
            f"- Recherche ({q['entrees']} entrées) : `{q['page']}` (titre dans les résultats : « {q['titre_dans_les_resultats']} ») "
            f"trouvée par « {q['organisation']} » : {'oui' if q['trouve_par_organisation'] else 'NON'} "
            f"({q['pages_par_organisation']} pages contiennent ce nom); par les mots de l'enjeu « {q['enjeu']} » : "
            f"{'oui' if q['trouve_par_enjeu'] else 'NON'} ({q['pages_par_enjeu']} pages contiennent tous ces mots, "
            f"{q['pages_par_les_deux']} avec le nom de l'organisation). Titre de page le plus répété dans les résultats : "
            f"« {q.get('titre_le_plus_repete', ['', 0])[0]} » ({q.get('titre_le_plus_repete', ['', 0])[1]} pages).",
            "",
        ]
    if apercu:
        apercu = _modes(apercu)
        l += ["## Aperçu (`mkdocs serve`, N = 100)", ""]
        l += [
            "Le titre du premier enjeu de `documents/mrc-0001-piar.yml` est modifié 5 fois; on interroge la page par HTTP",
            "jusqu'à ce que le nouveau titre y figure. `scripts/apercu.py` lance actuellement le mode "
            f"« {apercu['mode_du_projet']} ».",
            "",
        ]
        for nom in ("complet", "dirty"):
            if nom not in apercu:
                continue
            a = apercu[nom]
            l += [f"### {'`mkdocs serve --dirty`' if nom == 'dirty' else '`mkdocs serve` (reconstruction complète)'}", ""]
            if a.get("erreur"):
                l += [f"Échec : {a['erreur']}", ""]
            l += [
                f"- Premier service après {_s(a.get('demarrage', 0))}.",
                "- Délai entre l'enregistrement du fichier et la nouvelle page servie : "
                + ", ".join(_s(d) for d in a.get("delais", [])) + ".",
                "- Reconstruction annoncée par `mkdocs serve` (« Documentation built in … ») : "
                + ", ".join(_s(d) for d in a.get("reconstructions", [])) + ".",
                f"- Mesuré le {a.get('date', '')}.",
                "",
            ]
    if profil:
        l += [f"## Profil du générateur (cProfile, N = {profil['n']}, mesuré le {profil['date']})", ""]
        l += ["Produit par `" + COMMANDE + " --profil` (ou `.venv/bin/python bench/profil.py DOSSIER`); sous cProfile,",
              "les durées sont plus longues que sans profilage.", "", "```", profil["texte"].strip("\n"), "```", ""]  # fmt: skip
    return "\n".join(l).rstrip("\n") + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Banc d'essai de plans-publics.")
    parser.add_argument("--tailles", default="1,10,100,1000", help="valeurs de N, séparées par des virgules")
    parser.add_argument("--sans-apercu", action="store_true", help="ne pas mesurer l'aperçu (mkdocs serve)")
    parser.add_argument("--apercu-seulement", action="store_true", help="mesurer seulement l'aperçu")
    parser.add_argument("--repetitions", type=int, default=0, help="nombre de constructions par mesure (par défaut selon N)")
    parser.add_argument("--graine", type=int, default=2024)
    parser.add_argument("--profil", action="store_true", help="profiler (cProfile) load_site et render_pages sur le plus grand N")
    parser.add_argument("--rapport-seulement", action="store_true", help="réécrire BENCHMARKS.md à partir de bench/resultats.json")
    args = parser.parse_args()

    anciens = json.loads(RESULTATS.read_text(encoding="utf-8")) if RESULTATS.exists() else {}
    resultats = {int(n): r for n, r in anciens.get("tailles", {}).items()}
    apercu = anciens.get("apercu")
    profil = anciens.get("profil")

    def enregistrer() -> None:
        info = machine()
        RESULTATS.write_text(
            json.dumps({"machine": info, "tailles": {str(n): r for n, r in sorted(resultats.items())}, "apercu": apercu, "profil": profil},
                       ensure_ascii=False, indent=1),
            encoding="utf-8",
        )  # fmt: skip
        RAPPORT.write_text(rapport(resultats, apercu, info, profil), encoding="utf-8")

    if args.rapport_seulement:
        args.tailles, args.sans_apercu = "", True
    else:
        # Installed packages (MkDocs, Material) come with their bytecode; an editable install does not.
        compileall.compile_dir(str(PROJET / "generator"), quiet=1)
    if not args.apercu_seulement:
        for n in [int(x) for x in args.tailles.split(",") if x.strip()]:
            resultats[n] = mesurer_taille(n, args)
            enregistrer()
    if not args.sans_apercu or args.apercu_seulement:
        import apercu as module_apercu

        print("\n=== Aperçu (mkdocs serve, N = 100)", flush=True)
        apercu = module_apercu.mesurer_modes(TRAVAIL / "apercu", 100, args.graine, ecrire_config)
        for mode in ("complet", "dirty"):
            m = apercu[mode]
            print(f"    {mode} : délais {m.get('delais')}, reconstructions {m.get('reconstructions')} {m.get('erreur', '')}", flush=True)
        enregistrer()
    if args.profil and resultats:
        n = max(resultats)
        print(f"\n=== Profil du générateur (N = {n})", flush=True)
        sortie = subprocess.run(
            [PYTHON, str(Path(__file__).resolve().parent / "profil.py"), str(TRAVAIL / f"n{n}" / "contenu"), "--lignes", "15"],
            cwd=PROJET, env=ENV, capture_output=True, text=True,
        )  # fmt: skip
        profil = {"n": n, "date": dt.datetime.now().isoformat(timespec="seconds"), "texte": sortie.stdout + sortie.stderr[-2000:]}
        enregistrer()
    print(f"\nRapport écrit dans {RAPPORT}.")
    for cible, ok, detail in cibles(resultats, apercu):
        print(f"  [{'  ?  ' if ok is None else ' oui ' if ok else ' NON '}] {cible} — {detail}")


if __name__ == "__main__":
    main()
