"""``plans-publics`` command (also ``python -m generator``), in French for staff."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from generator.authoring.commands import add_commands
from generator.build import SiteBuild, build_site
from generator.content.loading import check_files, load_site
from generator.content.problems import ContentError, did_you_mean, notices_report


DEFAULT_SITE_URL = "https://exemple.github.io/plans-publics/"
COMMAND = "COMMANDE"  # the subcommand's name in the usage line and in errors


class _FrenchHelp(argparse.HelpFormatter):
    """argparse's help in French: « utilisation : » and French section titles."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "utilisation\u00a0: " if prefix is None else prefix)

    def start_section(self, heading):  # type: ignore[no-untyped-def]
        super().start_section(_HEADINGS.get(heading, heading))


_HEADINGS = {"positional arguments": "arguments", "optional arguments": "options", "options": "options"}

# argparse's own error messages (Python 3.9 to 3.13), in French; the first that matches is used.
_ERRORS = (
    (r"the following arguments are required: (.*)", "ces arguments sont obligatoires\u00a0: {0}"),
    (r"unrecognized arguments: (.*)", "arguments inconnus\u00a0: {0}"),
    (r"ambiguous option: (\S*) could match (.*)", "option ambiguë\u00a0: {0} peut désigner {1}"),
    (r"one of the arguments (.*) is required", "l'un de ces arguments est obligatoire\u00a0: {0}"),
    (r"argument (.*?): expected one argument", "argument {0}\u00a0: une valeur est attendue"),
    (r"argument (.*?): expected at least one argument", "argument {0}\u00a0: au moins une valeur est attendue"),
    (r"argument (.*?): not allowed with argument (.*)", "argument {0}\u00a0: incompatible avec l'argument {1}"),
    (r"argument (.*?): ignored explicit argument (.*)", "argument {0}\u00a0: valeur en trop\u00a0: {1}"),
    (r"argument (.*?): (.*)", "argument {0}\u00a0: {1}"),
)
_CHOICE = re.compile(r"argument (.*?): invalid choice: '?(.*?)'? \(choose from (.*)\)")


def _in_french(message: str) -> str:
    choice = _CHOICE.fullmatch(message)
    if choice:
        name, value = choice[1], choice[2]
        choices = re.findall(r"'([^']*)'", choice[3]) or [c.strip() for c in choice[3].split(",")]
        what = "commande inconnue" if name == COMMAND else f"argument {name}\u00a0: choix inconnu"
        possible = "commandes possibles" if name == COMMAND else "choix possibles"
        return f"{what} « {value} ».{did_you_mean(value, choices)} {possible.capitalize()}\u00a0: {', '.join(choices)}."
    for pattern, french in _ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return french.format(*match.groups())
    return message


class FrenchArgumentParser(argparse.ArgumentParser):
    """An argument parser that speaks French to staff, with argparse's public API only.

    Its subcommands' parsers are of the same class (``add_subparsers`` hands on the parser's class).
    """

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _FrenchHelp)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="affiche cette aide et quitte")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}\u00a0: erreur\u00a0: {_in_french(message)}\n")


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(
        prog="plans-publics",
        description="Publie les plans et ententes du dossier de contenu sous forme de site Web.",
    )
    parser.add_argument("--contenu", default="content", help="dossier de contenu (par défaut\u00a0: content)")
    commands = parser.add_subparsers(dest="commande", required=True, metavar=COMMAND)
    verify = commands.add_parser(
        "verifier",
        help="vérifie le contenu et signale chaque erreur",
        description="Vérifie tout le dossier de contenu, ou seulement les fichiers indiqués (avec les catalogues "
        "du dossier auxquels ils renvoient), et signale chaque erreur avec son fichier et sa ligne.",
    )
    verify.add_argument(
        "fichiers", nargs="*", metavar="FICHIER",
        help="fichier à vérifier, par exemple content/documents/mrc-de-la-matanie-piar.yml (sans FICHIER\u00a0: "
        "tout le dossier de contenu)",
    )
    verify.set_defaults(action=_verify)
    add_commands(commands.add_parser)  # nouveau, importer, nouvelle-version
    export = commands.add_parser("exporter", help="écrit les pages Markdown dans un dossier, pour un autre moteur")
    export.add_argument("dossier", help="dossier où écrire les pages (créé au besoin)")
    export.add_argument(
        "--adresse",
        default=os.environ.get("SITE_URL", DEFAULT_SITE_URL),
        help="adresse publique du site, pour le catalogue DCAT et le flux Atom (par défaut\u00a0: SITE_URL ou "
        + DEFAULT_SITE_URL
        + ")",
    )
    export.set_defaults(action=_export)
    schemas = commands.add_parser(
        "schemas", help="régénère les schémas JSON (dossier schemas/) et l'en-tête qui les désigne dans chaque fichier"
    )
    schemas.add_argument("--dossier", default="schemas", help="dossier des schémas (par défaut\u00a0: schemas)")
    schemas.set_defaults(action=_schemas)
    args = parser.parse_args(argv)
    try:
        return args.action(args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1


def _verify(args: argparse.Namespace) -> int:
    if args.fichiers:
        return _verify_files(Path(args.contenu), [Path(f) for f in args.fichiers])
    site = load_site(args.contenu)
    if site.notices:
        print(notices_report(site.notices))
    print(f"Contenu valide\u00a0: {len(site.documents)} document(s), {len(site.organisations)} organisation(s).")
    return 0


def _verify_files(content: Path, files: list[Path]) -> int:
    errors, notices = check_files(content, files)
    if errors:
        raise ContentError(errors)
    if notices:
        print(notices_report(notices))
    shown = ", ".join(str(f) for f in files)
    print(f"Fichier valide\u00a0: {shown}." if len(files) == 1 else f"{len(files)} fichiers valides\u00a0: {shown}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    written = export_pages(build_site(args.contenu, args.adresse), Path(args.dossier))
    print(f"{written} pages écrites dans {args.dossier}.")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from generator.content.json_schema import all_schema_files, content_files, modeline

    folder = Path(args.dossier)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in all_schema_files().items():
        (folder / name).write_bytes(text.encode("utf-8"))
    changed = 0
    for path, schema in content_files(Path(args.contenu)):
        text = path.read_bytes().decode("utf-8-sig")
        wanted = modeline(path, folder / schema)
        lines = text.split("\n")
        if lines and lines[0].startswith("# yaml-language-server:"):
            if lines[0] == wanted:
                continue
            lines[0] = wanted
        else:
            lines.insert(0, wanted)
        path.write_bytes("\n".join(lines).encode("utf-8"))
        changed += 1
    print(f"Schémas écrits dans {folder}; en-tête mis à jour dans {changed} fichier(s).")
    return 0


def export_pages(built: SiteBuild, folder: Path) -> int:
    """Write every page and download, and the navigation (MkDocs ``nav`` and ``not_in_nav``), under ``folder``."""
    import yaml

    files: dict[str, str | bytes] = {path: page.markdown for path, page in built.pages.items()}
    files.update(built.downloads)
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    for path, source in built.attachments.items():  # filed documents, as they were filed
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    hidden = "".join(f"/{p.path}\n" for p in built.pages.values() if not p.in_nav)
    nav = yaml.safe_dump({"nav": built.nav, "not_in_nav": hidden}, allow_unicode=True, sort_keys=False)
    (folder / "navigation.yml").write_bytes(nav.encode("utf-8"))
    return len(built.pages)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
