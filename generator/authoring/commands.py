"""Staff commands ``nouveau``, ``importer`` and ``nouvelle-version`` of ``plans-publics`` (messages in French).

Registered on the main parser by :func:`add_commands` (see :mod:`generator.cli`).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from generator.authoring.docx_reader import DocxError
from generator.authoring.french import fold
from generator.authoring.piar_table import read_docx
from generator.authoring.piar_yaml import to_yaml
from generator.authoring.plan import Plan
from generator.authoring.skeleton import KINDS, skeleton
from generator.authoring.template import Template
from generator.content.json_schema import modeline
from generator.content.loading import IDENTIFIER, Catalogues, check_files, load_catalogues, read_version_date
from generator.content.models import Organisation
from generator.content.problems import Problem, did_you_mean, notices_report
from generator.content.typed_reader import parse_date
from generator.typography import NBSP
from generator.typography import date as long_date


class CommandError(Exception):
    """A mistake in the command line or a missing file: nothing was written."""


def add_commands(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """Register ``nouveau``, ``importer`` and ``nouvelle-version`` with ``add_parser`` (the main parser's subcommands' ``add_parser``)."""
    new = add_parser(
        "nouveau",
        help="écrit le squelette commenté d'un nouveau document (piar ou entente)",
        description="Écrit le squelette d'un nouveau document, avec chaque champ et son explication. "
        "Remplissez les valeurs vides, puis lancez « plans-publics verifier ».",
    )
    new.add_argument("type", metavar="TYPE", help="piar ou entente")
    new.add_argument(
        "fichier", nargs="?", metavar="FICHIER",
        help="fichier à créer, par exemple content/documents/mrc-de-la-matanie-piar.yml (sans FICHIER : "
        "le squelette est affiché à l'écran)",
    )
    new.add_argument("--organisation", metavar="IDENTIFIANT", help="organisation qui publie le document")
    new.add_argument("--remplacer", action="store_true", help="remplace le fichier s'il existe déjà")
    new.set_defaults(action=_run(_new))

    importer = add_parser(
        "importer",
        help="importe un PIAR rempli dans le gabarit Word du ministère (.docx)",
        description="Lit le tableau d'un PIAR rempli dans le gabarit Word du ministère et écrit le fichier de "
        "contenu. Ce qui ne peut pas être placé est signalé (ligne et colonne du tableau) et gardé en "
        "commentaire « # À VÉRIFIER » dans le fichier.",
    )
    importer.add_argument("docx", metavar="FICHIER.docx", help="le PIAR au format Word (.docx)")
    importer.add_argument(
        "--organisation", metavar="IDENTIFIANT",
        help="organisation qui publie le plan (nom de son fichier dans organisations/, sans .yml); "
        "par défaut\u00a0: celle dont le nom figure dans le document",
    )
    importer.add_argument(
        "--programme", metavar="IDENTIFIANT",
        help="programme du plan (nom de son fichier dans programmes/, sans .yml); par défaut\u00a0: celui que "
        "son fichier marque « par_defaut: oui », ou le seul programme du dossier",
    )
    importer.add_argument(
        "--sortie", "-o", metavar="FICHIER",
        help="fichier à écrire (par défaut\u00a0: documents/<organisation>-piar.yml dans le dossier de contenu; "
        "« - » pour l'afficher à l'écran)",
    )
    importer.add_argument(
        "--remplacer", action="store_true",
        help="remplace le fichier s'il existe déjà (pour corriger la version actuelle)",
    )
    importer.add_argument(
        "--nouvelle-version", action="store_true",
        help="le plan importé est une mise à jour : la version actuelle est d'abord copiée dans "
        "versions/<identifiant>/<date>.yml, puis remplacée",
    )
    importer.add_argument(
        "--joindre", action="store_true",
        help="garde le fichier Word à côté du fichier écrit, comme document déposé (publication › document) : "
        "le site le publie avec sa taille et son empreinte SHA-256",
    )
    importer.set_defaults(action=_run(_import))

    version = add_parser(
        "nouvelle-version",
        help="garde la version actuelle d'un document dans versions/ avant sa mise à jour",
        description="Copie la version actuelle d'un document dans versions/<identifiant>/<date>.yml, la date étant "
        "celle de la version (« mise_a_jour », ou pour un PIAR « date_du_plan »). Modifiez ensuite le fichier de "
        "documents/ : changez sa « mise_a_jour » et résumez les changements dans « resume_des_changements ».",
    )
    version.add_argument(
        "document", metavar="DOCUMENT",
        help="identifiant du document (nom de son fichier sans .yml, par exemple mrc-de-la-matanie-piar) ou chemin "
        "de son fichier (content/documents/mrc-de-la-matanie-piar.yml)",
    )
    version.set_defaults(action=_run(_new_version))


def _run(handler):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CommandError as error:
            print(f"Erreur{NBSP}: {error}", file=sys.stderr)
            return 2

    return run


# --- where files go -------------------------------------------------------------------


def content_root_of(target: Path, content: Path) -> Path | None:
    """The content folder a document file belongs to (``…/documents/x.yml``), if any."""
    folder = target.resolve().parent
    if folder == (content / "documents").resolve():
        return content
    if folder.name == "documents" and (folder.parent / "site.yml").is_file():
        return folder.parent
    return None


def document_modeline(target: Path, content: Path) -> str | None:
    """The ``# yaml-language-server: $schema=…`` line, as ``plans-publics schemas`` writes it."""
    root = content_root_of(target, content)
    if root is None:
        return None
    return modeline(target, root.resolve().parent / "schemas" / "document.schema.json")


def _check_name(target: Path, content: Path) -> None:
    if target.suffix != ".yml":
        raise CommandError(f"le fichier « {target} » doit se terminer par « .yml ».")
    if content_root_of(target, content) is not None and not IDENTIFIER.fullmatch(target.stem):
        slug = _slug(target.stem)
        raise CommandError(
            f"nom de fichier « {target.name} » invalide{NBSP}: lettres minuscules sans accents, chiffres et tirets "
            f"seulement, par exemple « {slug or 'mrc-de-la-matanie-piar'}.yml »."
        )


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def _show(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix() if not path.is_absolute() or Path.cwd() in path.parents else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


# --- the catalogues the import needs ------------------------------------------------------


def _hint(value: str, known: list[str]) -> str:
    """`` Vouliez-vous dire « x »?`` for an identifier close to ``value``, or whose words include all of its own."""
    hint = did_you_mean(value, known, containing=True)
    words = set(filter(None, value.split("-")))
    close = [k for k in known if words and words <= set(k.split("-"))]
    return hint or (f" Vouliez-vous dire « {close[0]} »?" if len(close) == 1 else "")


def _unknown(phrase: str, value: str, known: list[str], where: str) -> CommandError:
    """``phrase`` is « organisation inconnue » or « programme inconnu », as the checker words it."""
    hint = _hint(value, known)
    listed = ", ".join(known) if known else "aucun"
    return CommandError(f"{phrase} « {value} ».{hint} Identifiants connus ({where})\u00a0: {listed}.")


def _organisation(args: argparse.Namespace, organisations: dict[str, Organisation | None], plan: Plan, docx: Path) -> str:
    known = sorted(organisations)
    if args.organisation:
        if args.organisation not in organisations:
            error = _unknown("organisation inconnue", args.organisation, known, "dossier organisations/")
            raise CommandError(
                f"{error} Si c'est une nouvelle organisation, créez d'abord "
                f"organisations/{args.organisation}.yml (avec son nom et sa région)."
            )
        return args.organisation
    texts = [fold(t) for t in plan.textes] + [fold(docx.stem.replace("_", " "))]
    found = []
    for identifier, organisation in organisations.items():
        name = fold(organisation.nom) if organisation else ""
        if name and any(name in text for text in texts):
            found.append(identifier)
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(
            f"plusieurs organisations sont nommées dans le document ({', '.join(found)}). Indiquez laquelle publie "
            "le plan avec --organisation IDENTIFIANT."
        )
    raise CommandError(
        "organisation introuvable dans le document. Indiquez-la avec --organisation IDENTIFIANT "
        f"(identifiants connus\u00a0: {', '.join(known) or 'aucun'})."
    )


def _programme(args: argparse.Namespace, catalogues: Catalogues) -> str:
    known = sorted(catalogues.programmes)
    if args.programme:
        if args.programme not in catalogues.programmes:
            raise _unknown("programme inconnu", args.programme, known, "dossier programmes/")
        return args.programme
    if catalogues.default_programme:
        return catalogues.default_programme
    raise CommandError(
        f"indiquez le programme du plan avec --programme IDENTIFIANT (identifiants connus\u00a0: {', '.join(known) or 'aucun'})."
    )


# --- checking the written file as the site build will -----------------------------------------


def check_document(content: Path, name: str, text: str) -> tuple[list[Problem], list[Problem]]:
    """Errors and notices of ``text`` as ``documents/<name>`` (and of its former versions), against ``content``'s catalogues."""
    return check_files(content, [content / "documents" / name], {content / "documents" / name: text})


def _relocated(problem: Problem, name: str, shown: str, content: Path) -> Problem:
    """A problem of the checked ``documents/<name>`` with the path the file was written to."""
    folder = content.name
    if problem.file == f"{folder}/documents/{name}":
        return dataclasses.replace(problem, file=shown)
    if problem.file.startswith(f"{folder}/versions/"):
        return dataclasses.replace(problem, file=_show(content / "versions") + problem.file[len(folder) + 9:])
    return problem


# --- nouveau ------------------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    kind = args.type.lower().replace("-", "_")
    kind = {"entente_sectorielle": "entente"}.get(kind, kind)
    if kind not in KINDS:
        raise CommandError(f"type de document inconnu « {args.type} »; attendu\u00a0: piar ou entente.")
    content = Path(args.contenu)
    catalogues = load_catalogues(content)
    if args.organisation and (content / "organisations").is_dir():
        organisations = sorted(catalogues.organisations)
        if args.organisation not in organisations:
            raise _unknown("organisation inconnue", args.organisation, organisations, "dossier organisations/")
    # The programme is filled in when there is no doubt (the default one, or the only one); left empty otherwise.
    programme = catalogues.default_programme or ""
    if not args.fichier or args.fichier == "-":
        sys.stdout.write(skeleton(kind, organisation=args.organisation, programme=programme))
        return 0
    target = Path(args.fichier)
    _check_name(target, content)
    if target.exists() and not args.remplacer:
        raise CommandError(f"« {args.fichier} » existe déjà. Choisissez un autre nom, ou ajoutez --remplacer.")
    text = skeleton(kind, modeline=document_modeline(target, content), organisation=args.organisation,
                    programme=programme)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    print(f"Squelette écrit dans {_show(target)}.")
    print("Remplissez les valeurs laissées vides, puis vérifiez avec\u00a0: plans-publics verifier")
    return 0


# --- importer -----------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    source = Path(args.docx)
    if not source.is_file():
        raise CommandError(f"fichier introuvable\u00a0: « {args.docx} ».")
    content = Path(args.contenu)
    if not (content / "organisations").is_dir():
        raise CommandError(
            f"dossier de contenu « {args.contenu} » introuvable (ou sans dossier organisations/). Lancez la commande "
            "depuis le dossier du projet, ou indiquez le dossier avec --contenu DOSSIER avant le mot « importer »."
        )
    catalogues = load_catalogues(content)
    programme = _programme(args, catalogues)
    try:
        plan = read_docx(source, catalogues.programmes[programme])
    except DocxError as error:
        raise CommandError(str(error)) from None
    if not plan.enjeux:
        raise CommandError(
            f"aucun enjeu trouvé dans « {source.name} »{NBSP}: il faut le tableau du gabarit, avec une ligne qui donne "
            "les titres des colonnes (Enjeux, Objectifs, Axes, Objectifs à atteindre, Actions, Échéances, "
            "Indicateurs…) et des lignes qui commencent par « 1. » suivi de l'enjeu. Rien n'a été écrit."
        )
    if not any(volet.actions for enjeu in plan.enjeux for volet in enjeu.volets):
        name = Template.of(catalogues.programmes[programme]).column("actions")
        raise CommandError(
            f"aucune action lue dans « {source.name} »{NBSP}: la colonne « {name} » du tableau est vide sur chaque "
            "ligne. Un plan sans action ne peut pas être publié; vérifiez que les actions sont bien dans cette colonne "
            "du document Word, puis recommencez. Rien n'a été écrit."
        )
    organisation = _organisation(args, catalogues.organisations, plan, source)

    to_screen = args.sortie == "-"
    target = Path(args.sortie) if args.sortie and not to_screen else content / "documents" / f"{organisation}-piar.yml"
    archive = None
    if not to_screen:
        _check_name(target, content)
        if target.exists() and args.nouvelle_version:
            archive = _archive_path(target, content, plan)
        elif target.exists() and not args.remplacer:
            raise CommandError(
                f"« {_show(target)} » existe déjà. Si le plan importé en est une mise à jour, ajoutez "
                "--nouvelle-version (la version actuelle est gardée dans versions/); pour corriger la version "
                "actuelle, --remplacer; pour écrire ailleurs, --sortie FICHIER."
            )
    text = to_yaml(
        plan, organisation=organisation, programme=programme, source=source.name,
        modeline=None if to_screen else document_modeline(target, content),
    )
    attached = None
    if args.joindre:
        if to_screen:
            raise CommandError("--joindre garde le fichier Word à côté du fichier écrit : il ne va pas avec --sortie -.")
        date = re.search(r"(?m)^mise_a_jour: *(\d{4}-\d{2}-\d{2})", text) or re.search(r"(?m)^date_du_plan: *(\d{4}-\d{2}-\d{2})", text)
        attached = target.parent / f"{target.stem}-{date[1] if date else 'depose'}.docx"
        text = re.sub(r"(?m)^enjeux:", f"publication:\n  document: {attached.name}\nenjeux:", text, count=1)
    name = target.name if IDENTIFIER.fullmatch(target.stem) else f"{organisation}-piar.yml"
    if archive is not None:
        _write_archive(target, archive)
    if attached is not None:  # beside the YAML file before it is checked: the check reads it
        attached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, attached)
    errors, notices = check_document(content, name, text)

    out: TextIO = sys.stderr if to_screen else sys.stdout
    shown = "le fichier" if to_screen else _show(target)
    if to_screen:
        sys.stdout.write(text)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        if attached is not None:
            print(f"Document Word gardé comme document déposé{NBSP}: {_show(attached)}", file=out)
    enjeux, volets = len(plan.enjeux), plan.volet_count
    print(f"PIAR importé de « {source.name} »{NBSP}: {enjeux} enjeu{'x' if enjeux > 1 else ''}, "
          f"{volets} volet{'s' if volets > 1 else ''} (organisation {organisation}, programme {programme}).", file=out)
    if archive is not None:
        print(f"Version précédente gardée dans{NBSP}: {_show(archive)}", file=out)
    if not to_screen:
        print(f"Fichier écrit{NBSP}: {shown}", file=out)
    if plan.reports:
        count = len(plan.reports)
        print(f"{count} point{'s' if count > 1 else ''} à vérifier (le texte du document est gardé en commentaire "
              f"« # À VÉRIFIER » dans le fichier){NBSP}:", file=out)
        for report in plan.reports:
            print(f"- {report}", file=out)
    else:
        print("Tout le tableau a été placé\u00a0: rien à vérifier.", file=out)
    if notices:
        print(notices_report([_relocated(p, name, shown, content) for p in notices]), file=out)
    if errors:
        count = len(errors)
        print(f"Le fichier n'est pas encore valide ({count} erreur{'s' if count > 1 else ''}){NBSP}:", file=out)
        for problem in errors:
            print(f"- {_relocated(problem, name, shown, content)}", file=out)
        print(f"Corrigez-{'la' if count == 1 else 'les'} dans le fichier, puis vérifiez avec\u00a0: plans-publics verifier",
              file=out)
        return 1
    print("Le fichier est valide. Relisez la page dans l'aperçu (python3 scripts/apercu.py; sous Windows\u00a0: "
          "py scripts\\apercu.py), puis publiez.", file=out)
    return 0


def _archive_path(target: Path, content: Path, plan: Plan) -> Path:
    """Where the current version goes before the imported update replaces it; refuses what the checker would refuse."""
    archive, date = version_archive(target, content)
    new = plan.mise_a_jour or plan.date_du_plan
    if new is None:
        raise CommandError(
            "le document Word ne donne ni « Date de mise à jour » ni « Date du plan »; impossible de dater la nouvelle "
            "version. Ajoutez la date au document, ou importez avec --remplacer puis complétez le fichier."
        )
    if new <= date:
        raise CommandError(
            f"le plan importé est daté du {new.isoformat()}, la version actuelle du {date.isoformat()}{NBSP}: ce n'est "
            "pas une mise à jour. Vérifiez la « Date de mise à jour » du document Word, ou utilisez --remplacer pour "
            "corriger la version actuelle."
        )
    return archive


def _write_archive(target: Path, archive: Path) -> None:
    """Copy the current version into versions/, its schema line pointed from its new place."""
    text = target.read_bytes().decode("utf-8-sig")
    lines = text.split("\n")
    if lines and lines[0].startswith("# yaml-language-server:"):
        schema = archive.resolve().parents[3] / "schemas" / "document.schema.json"
        lines[0] = modeline(archive, schema)
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes("\n".join(lines).encode("utf-8"))
    # The version keeps its own filed document (publication › document), beside its YAML file.
    match = re.search(r"(?m)^  document: *([a-z0-9-]+\.(?:pdf|docx|odt|doc)) *$", text)
    if match and (target.parent / match[1]).is_file() and not (archive.parent / match[1]).exists():
        shutil.copy2(target.parent / match[1], archive.parent / match[1])



# --- nouvelle-version ------------------------------------------------------------------------


def version_archive(target: Path, content: Path) -> tuple[Path, dt.date]:
    """Where document file ``target``'s current version is kept (``versions/<id>/<date>.yml``), and its date.

    The date is the version's (``version_date``: ``mise_a_jour``, else a plan's ``date_du_plan``), as
    the checker will read it; refuses a document outside ``documents/``, without a date, or already kept.
    """
    root = content_root_of(target, content)
    if root is None:
        raise CommandError(
            f"« {_show(target)} » n'est pas un document du dossier de contenu{NBSP}: une nouvelle version se prépare pour "
            f"un fichier de {_show(content / 'documents')}/."
        )
    written = read_version_date(target)
    if written is None:
        raise CommandError(
            f"« {_show(target)} » ne donne pas la date de sa version (« mise_a_jour », ou pour un PIAR "
            "« date_du_plan »), ou ne se lit pas. Ajoutez « mise_a_jour: AAAA-MM-JJ », la date de la version "
            f"actuelle, ou corrigez le fichier (plans-publics verifier {_show(target)}), puis recommencez."
        )
    date = parse_date(written)
    if date is None:
        raise CommandError(
            f"la date de la version actuelle, « {written} », n'est pas une date AAAA-MM-JJ dans « {_show(target)} ». "
            "Corrigez-la, puis recommencez."
        )
    archive = root / "versions" / target.stem / f"{date.isoformat()}.yml"
    if archive.exists():
        raise CommandError(
            f"« {_show(archive)} » existe déjà{NBSP}: la version du {date.isoformat()} est déjà gardée. Si le fichier "
            f"de documents/ est déjà la nouvelle version, changez sa « mise_a_jour »; sinon, comparez les deux fichiers "
            "avant de supprimer l'un d'eux."
        )
    return archive, date


def _document_file(value: str, content: Path) -> Path:
    """The file of document ``value``: its identifier, or the path of its file."""
    path = Path(value)
    if path.suffix or len(path.parts) > 1:
        if not path.is_file():
            raise CommandError(f"fichier introuvable{NBSP}: « {value} ».")
        return path
    target = content / "documents" / f"{value}.yml"
    if target.is_file():
        return target
    if not (content / "documents").is_dir():
        raise CommandError(
            f"dossier de contenu « {content} » introuvable (ou sans dossier documents/). Lancez la commande depuis le "
            "dossier du projet, ou indiquez le dossier avec --contenu DOSSIER avant le mot « nouvelle-version »."
        )
    known = sorted(p.stem for p in (content / "documents").glob("*.yml"))
    raise CommandError(
        f"document inconnu « {value} ».{_hint(value, known)} Documents du dossier "
        f"documents/{NBSP}: {', '.join(known) or 'aucun'}."
    )


def _new_version(args: argparse.Namespace) -> int:
    content = Path(args.contenu)
    target = _document_file(args.document, content)
    archive, date = version_archive(target, content)
    _write_archive(target, archive)
    print(f"Version du {long_date(date)} gardée dans{NBSP}: {_show(archive)}")
    print(f"Modifiez maintenant {_show(target)}{NBSP}: c'est la nouvelle version.")
    print(f"1. Changez sa « mise_a_jour »{NBSP}: la date de la nouvelle version, après le {date.isoformat()}. "
          "Tant qu'elle n'a pas changé, la vérification signale que l'ancienne version n'est pas antérieure.")
    print("2. Résumez les changements dans « resume_des_changements » (une ou deux phrases; remplacez le résumé de "
          "la version précédente).")
    print(f"3. Faites les changements, puis vérifiez avec{NBSP}: plans-publics verifier {_show(target)}")
    return 0


__all__ = [
    "CommandError", "add_commands", "check_document", "content_root_of", "document_modeline", "version_archive",
]
