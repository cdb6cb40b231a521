"""What lies in the content folder besides the files the generator reads.

Nothing of ``content/`` is published as is: the site holds only what the generator
produces. A stray file (an image, a spreadsheet, a page written by hand) gets a
notice naming it, so that staff know it is not online; a symbolic link that leads
out of the project, or to a folder, is an error (a site engine would follow it and
publish, or loop over, whatever it points to).
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from generator.content.problems import Problem

READ = (".yml", ".yaml")  # read by the loader, never copied
NOT_PUBLISHED_QUIETLY = (".md",)  # notes for staff: not published either, and expected


def survey(root: Path, published: Collection[Path] = ()) -> list[Problem]:
    """Errors for symbolic links that leave the project or lead to a folder; notices for stray files,
    that is, files neither read nor ``published`` as declared (a filed document, a logo)."""
    problems: list[Problem] = []
    project = root.resolve().parent
    for folder, dirnames, filenames in os.walk(root):  # links to folders are listed, never followed
        dirnames.sort()
        here = Path(folder)
        for name in sorted(dirnames + filenames):
            path = here / name
            shown = (Path(root.name) / path.relative_to(root)).as_posix()
            if name.startswith("."):
                continue
            if path.is_symlink():
                target = path.resolve()
                if path.is_dir() or not target.is_relative_to(project):
                    problems.append(Problem(shown, None, None, "", (
                        "lien symbolique refusé : il mène hors du projet ou vers un dossier. "
                        "Remplacez-le par le fichier lui-même."
                    )))
                    continue
            if name in filenames and not name.endswith(READ + NOT_PUBLISHED_QUIETLY) and path not in published:
                problems.append(Problem(shown, None, None, "", (
                    "ce fichier n'est pas publié : le site ne contient que les pages et les téléchargements "
                    "produits à partir des fichiers YAML. Retirez-le du dossier de contenu s'il n'y a pas sa place."
                ), level="avis"))
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink()]
    return problems
