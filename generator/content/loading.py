"""Load the whole ``content/`` folder into a :class:`Site`, checking every file.

Layout (documented for staff in ``documentation/format-du-contenu.md``)::

    content/site.yml                 SiteInfo
    content/regions.yml              Regions
    content/glossaire.yml            Glossaire (optional)
    content/organisations/<id>.yml   Organisation
    content/programmes/<id>.yml      Programme
    content/documents/<id>.yml       Piar or Entente (chosen by ``type``): the current version
    content/versions/<id>/<date>.yml former versions of document <id>, named by their date
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.models import DOCUMENT_TYPES, Document, Glossaire, Organisation, Programme, Region, Regions, SiteInfo, version_date
from generator.content.problems import ContentError, Problem
from generator.content.typed_reader import INVALID, Reader, child, parse_date
from generator.content.yaml_reader import MappingNode, Node, ScalarNode, SequenceNode, load_yaml

IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from, already checked."""

    root: Path
    info: SiteInfo
    regions: dict[str, Region]
    organisations: dict[str, Organisation]
    programmes: dict[str, Programme]
    documents: dict[str, Document]
    glossary: Glossaire | None = None
    # Former versions of each document, oldest first, each with its date (the file's name).
    versions: dict[str, tuple[tuple[dt.date, Document], ...]] = dataclasses.field(default_factory=dict)
    notices: tuple[Problem, ...] = ()  # legal but worth a second look; never fail a build

    def region_of(self, document: Document) -> Region | None:
        region = getattr(document, "region", None) or self.organisations[document.organisation].region
        return self.regions.get(region) if region else None


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.readers: list[Reader] = []
        # identifier → model (or INVALID) for each catalogue, as soon as it is read
        self.known: dict[str, dict[str, Any]] = {}

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:  # pragma: no cover - content outside its parent cannot happen
            return path.as_posix()

    def read_file(self, path: Path, cls: type | None, **injected: Any) -> Any:
        name = self.display(path)
        reader = Reader(name, self.known)
        self.readers.append(reader)
        root, problems = load_yaml(path, name)
        reader.problems.extend(problems)
        if problems:
            return INVALID
        if root is None:
            reader.error(None, (), "le fichier est vide.")
            return INVALID
        if cls is None:
            cls = self._document_class(reader, root)
            if cls is None:
                return INVALID
            injected["source"] = path.relative_to(self.root).as_posix()  # like every Page.source
            programme = self.known.get("programme", {}).get(_scalar(root, "programme") or "")
            if programme not in (None, INVALID):
                reader.context["programme"] = programme
        result = reader.read_dataclass(root, cls, (), **injected)
        programme = reader.context.get("programme")
        if programme is not None and result is not INVALID and hasattr(result, "programme_problems"):
            # What the plan's programme asks of it: known only now, with the plan and its programme.
            for where, message in result.programme_notices(programme):
                reader.notice(_node_at(root, where), where, message)
            problems = result.programme_problems(programme)
            for where, message in problems:
                reader.error(_node_at(root, where), where, message)
            if problems:
                return INVALID
        return result

    def _document_class(self, reader: Reader, root: Node) -> type | None:
        kinds = ", ".join(f"« {k} »" for k in DOCUMENT_TYPES)
        kind = _scalar(root, "type")
        if kind in DOCUMENT_TYPES:
            return DOCUMENT_TYPES[kind]
        if kind is None:
            reader.error(root, (), f"le champ obligatoire « type » manque; attendu\u00a0: {kinds}.")
        else:
            reader.error(child(root, "type"), ("type",), f"type de document inconnu « {kind} »; attendu\u00a0: {kinds}.")
        return None

    def read_folder(self, folder: str, cls: type | None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        directory = self.root / folder
        if not directory.is_dir():
            return result
        for path in sorted(directory.iterdir()):
            if not path.is_file() or path.name.startswith("."):
                continue
            if path.suffix.lower() not in (".yml", ".yaml"):
                self.problems.append(
                    Problem(self.display(path), None, None, "", "fichier ignoré\u00a0: seuls les fichiers .yml sont lus.", "avis")
                )
                continue
            problem = None
            if path.suffix != ".yml":
                problem = f"renommez le fichier avec l'extension « .yml » (en minuscules) au lieu de « {path.suffix} »."
            elif not IDENTIFIER.fullmatch(path.stem):
                problem = (
                    f"nom de fichier « {path.name} » invalide\u00a0: lettres minuscules sans accents, "
                    "chiffres et tirets seulement, par exemple « mrc-de-la-matanie.yml »."
                )
            if problem:
                self.problems.append(Problem(self.display(path), None, None, "", problem))
                continue
            result[path.stem] = self.read_file(path, cls, identifiant=path.stem)
        return result

    def read_required(self, name: str, cls: type) -> Any:
        path = self.root / name
        if not path.is_file():
            self.problems.append(
                Problem(self.display(path), None, None, "", f"fichier obligatoire absent\u00a0: créez {name} dans le dossier de contenu.")
            )
            return INVALID
        return self.read_file(path, cls)


def load_site(root: Path | str) -> Site:
    """Read and check ``root``; raise :class:`ContentError` listing every problem.

    Catalogues are read first (regions, then organisations, then programmes) so that
    every reference in a later file is checked while that file is read, with its line.
    """
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(root.as_posix(), None, None, "", "le dossier de contenu n'existe pas.")])
    loader = _Loader(root)
    regions_file = loader.read_required("regions.yml", Regions)
    regions = {r.identifiant: r for r in regions_file.regions} if regions_file is not INVALID else {}
    glossary = loader.read_file(root / "glossaire.yml", Glossaire) if (root / "glossaire.yml").is_file() else None
    loader.known["region"] = dict(regions)
    loader.known["organisation"] = loader.read_folder("organisations", Organisation)
    loader.known["programme"] = loader.read_folder("programmes", Programme)
    info = loader.read_required("site.yml", SiteInfo)  # names its publisher among the organisations
    documents = loader.read_folder("documents", None)
    versions = _read_versions(loader, documents)
    if not documents:
        loader.problems.append(
            Problem(loader.display(root / "documents"), None, None, "", "aucun document à publier (dossier vide ou absent).")
        )
    problems = loader.problems + [p for r in loader.readers for p in r.problems]
    errors = [p for p in problems if p.level == "erreur"]
    if errors:
        raise ContentError(errors)
    return Site(
        root=root,
        info=info,
        regions=regions,
        organisations=loader.known["organisation"],
        programmes=loader.known["programme"],
        documents=documents,
        glossary=glossary,
        versions=versions,
        notices=tuple(sorted(p for p in problems if p.level == "avis")),
    )


def _read_versions(loader: _Loader, documents: dict[str, Any]) -> dict[str, tuple[tuple[dt.date, Document], ...]]:
    """content/versions/<id>/<AAAA-MM-JJ>.yml: former versions, checked like documents."""
    folder = loader.root / "versions"
    result: dict[str, tuple[tuple[dt.date, Document], ...]] = {}
    if not folder.is_dir():
        return result
    for directory in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        name = loader.display(directory)
        current = documents.get(directory.name)
        if directory.name not in documents:
            loader.problems.append(
                Problem(name, None, None, "", f"aucun document « {directory.name} » dans documents/ : le dossier des "
                        "versions doit porter l'identifiant du document (nom de son fichier sans .yml).")
            )
            continue
        found = []
        for path in sorted(directory.iterdir()):
            if not path.is_file() or path.name.startswith("."):
                continue
            date = parse_date(path.stem) if path.suffix == ".yml" else None
            if date is None:
                loader.problems.append(
                    Problem(loader.display(path), None, None, "", "nom de fichier invalide : une version porte la date "
                            "de la version, AAAA-MM-JJ.yml, par exemple 2021-05-11.yml.")
                )
                continue
            version = loader.read_file(path, None, identifiant=directory.name)
            if version is INVALID:
                continue
            if current is not INVALID and type(version) is not type(current):
                loader.problems.append(Problem(loader.display(path), 1, 1, "type", "une version doit être du même type que le document."))
                continue
            if current is not INVALID and version_date(current) and date >= version_date(current):
                loader.problems.append(
                    Problem(loader.display(path), None, None, "", f"la version du {date} n'est pas antérieure à la version "
                            f"actuelle ({version_date(current)}) du document.")
                )
                continue
            found.append((date, version))
        if found:
            result[directory.name] = tuple(found)
    return result


def _node_at(node: Node, path: tuple[str | int, ...]) -> Node:
    """The node at ``path`` (keys and list indices), or the deepest one found."""
    for step in path:
        if isinstance(step, int) and isinstance(node, SequenceNode) and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, MappingNode) and child(node, step) is not node:
            node = child(node, step)
        else:
            break
    return node


def _scalar(root: Node, key: str) -> str | None:
    value = child(root, key) if isinstance(root, MappingNode) else None
    return value.value if isinstance(value, ScalarNode) and value is not root else None


__all__ = ["Site", "load_site"]
