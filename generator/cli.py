"""``plans-publics`` command (also ``python -m generator``), in French for staff."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.authoring.commands import add_commands
from generator.build import SiteBuild, build_site
from generator.content.loading import load_site
from generator.content.problems import ContentError, notices_report


DEFAULT_SITE_URL = "https://exemple.github.io/plans-publics/"

# argparse writes its own words through gettext: give staff the French ones.
_ARGPARSE_FR = {
    "usage: ": "utilisation\u00a0: ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "ces arguments sont obligatoires\u00a0: %s",
    "unrecognized arguments: %s": "arguments inconnus\u00a0: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide\u00a0: %(value)r (choix possibles\u00a0: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s\u00a0: %(message)s",
    "expected one argument": "une valeur est attendue",
    "%(prog)s: error: %(message)s\n": "%(prog)s\u00a0: erreur\u00a0: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë\u00a0: %(option)s peut désigner %(matches)s",
}
argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="plans-publics",
        description="Publie les plans et ententes du dossier de contenu sous forme de site Web.",
    )
    parser.add_argument("--contenu", default="content", help="dossier de contenu (par défaut\u00a0: content)")
    commands = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    verify = commands.add_parser("verifier", help="vérifie le contenu et signale chaque erreur")
    verify.set_defaults(action=_verify)
    add_commands(commands)  # nouveau, importer
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
    site = load_site(args.contenu)
    if site.notices:
        print(notices_report(site.notices))
    print(f"Contenu valide\u00a0: {len(site.documents)} document(s), {len(site.organisations)} organisation(s).")
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

    files = {path: page.markdown for path, page in built.pages.items()}
    files.update(built.downloads)
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    hidden = "".join(f"/{p.path}\n" for p in built.pages.values() if not p.in_nav)
    nav = yaml.safe_dump({"nav": built.nav, "not_in_nav": hidden}, allow_unicode=True, sort_keys=False)
    (folder / "navigation.yml").write_bytes(nav.encode("utf-8"))
    return len(built.pages)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
