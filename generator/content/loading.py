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
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from generator.content.models.base import IDENTIFIER, IDENTIFIER_HELP
from generator.content.models import (
    DOCUMENT_TYPES,
    VERSION_DATE_FIELDS,
    Document,
    Glossaire,
    Organisation,
    Programme,
    Region,
    Regions,
    SiteInfo,
    version_date,
)
from generator.content.attachments import Attachment, read_attachments, site_files
from generator.content.files import survey
from generator.content.sigles import unknown_sigles
from generator.content.problems import ContentError, Problem, sort_key
from generator.content.typed_reader import INVALID, Reader, child, parse_date
from generator.content.yaml_reader import MappingNode, Node, ScalarNode, SequenceNode, load_yaml
from generator.typography import date as long_date



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
    # The filed document of each document or version that declares one, by the document's source.
    attachments: dict[str, Attachment] = dataclasses.field(default_factory=dict)
    # Files of the content folder the site declares (a single organisation's logo and favicon), by published path.
    site_files: dict[str, Path] = dataclasses.field(default_factory=dict)

    @property
    def single_organisation(self) -> str | None:
        """The organisation whose site this is, or None for a portal."""
        own = self.info.site_d_une_organisation
        return own.organisation if own else None

    def region_of(self, document: Document) -> Region | None:
        region = getattr(document, "region", None) or self.organisations[document.organisation].region
        return self.regions.get(region) if region else None


class _Loader:
    def __init__(self, root: Path, texts: Mapping[Path, str] | None = None) -> None:
        self.root = root
        # Files not written yet: resolved path → text, read instead of the disk.
        self.texts = {Path(p).resolve(): text for p, text in (texts or {}).items()}
        self.problems: list[Problem] = []
        self.readers: list[Reader] = []
        # identifier → model (or INVALID) for each catalogue, as soon as it is read
        self.known: dict[str, dict[str, Any]] = {}

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:  # a file checked from outside the folder (plans-publics verifier FICHIER)
            return path.as_posix()

    def exists(self, path: Path) -> bool:
        return path.is_file() or bool(self.texts) and path.resolve() in self.texts

    def read_file(self, path: Path, cls: type | None, **injected: Any) -> Any:
        name = self.display(path)
        reader = Reader(name, self.known)
        self.readers.append(reader)
        unsaved = self.texts.get(path.resolve()) if self.texts else None
        if unsaved is None:
            root, problems = load_yaml(path, name)
        else:  # read as the file will be, under the same name
            with tempfile.TemporaryDirectory() as folder:
                draft = Path(folder) / path.name
                draft.write_bytes(unsaved.encode("utf-8"))
                root, problems = load_yaml(draft, name)
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
            if "source" not in injected:  # a file outside the folder gives its own
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
                continue  # not read; the survey of the folder gives it a notice
            problem = _name_problem(path)
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


class _AnyIdentifier(dict):  # type: ignore[type-arg]
    """Stands for a catalogue that could not be read: every reference to it is taken as known."""

    def __contains__(self, key: object) -> bool:
        return True


def _name_problem(path: Path) -> str | None:
    if path.suffix != ".yml":
        return f"renommez le fichier avec l'extension « .yml » (en minuscules) au lieu de « {path.suffix} »."
    if not IDENTIFIER.fullmatch(path.stem):
        return f"nom de fichier « {path.name} » invalide\u00a0: {IDENTIFIER_HELP}, par exemple « mrc-de-la-matanie.yml »."
    return None


def _read_catalogues(loader: _Loader) -> tuple[dict[str, Region], Any]:
    """Regions, glossary, organisations, then programmes: each later file's references are checked as it is read."""
    root = loader.root
    regions_file = loader.read_required("regions.yml", Regions)
    regions = {r.identifiant: r for r in regions_file.regions} if regions_file is not INVALID else {}
    glossary = loader.read_file(root / "glossaire.yml", Glossaire) if (root / "glossaire.yml").is_file() else None
    # A broken regions.yml is reported once; references to regions are then not checked
    # (else every organisation would get a false « région inconnue »).
    loader.known["region"] = dict(regions) if regions_file is not INVALID else _AnyIdentifier()
    loader.known["organisation"] = loader.read_folder("organisations", Organisation)
    loader.known["programme"] = programmes = loader.read_folder("programmes", Programme)
    marked = [name for name, p in programmes.items() if p is not INVALID and p.par_defaut]
    for name in marked[1:]:
        loader.problems.append(
            Problem(loader.display(root / "programmes" / f"{name}.yml"), None, None, "par_defaut", "un seul programme "
                    f"peut être proposé par défaut; « {marked[0]} » l'est déjà. Retirez « par_defaut » de l'un des deux.")
        )
    return regions, glossary


def default_programme(programmes: Mapping[str, Any]) -> str | None:
    """The programme offered to new PIARs: the one marked ``par_defaut``, else the only one, else None."""
    marked = [name for name, p in sorted(programmes.items()) if p not in (None, INVALID) and p.par_defaut]
    if marked:
        return marked[0]
    return next(iter(programmes)) if len(programmes) == 1 else None


def load_site(root: Path | str) -> Site:
    """Read and check ``root``; raise :class:`ContentError` listing every problem.

    Catalogues are read first (regions, then organisations, then programmes) so that
    every reference in a later file is checked while that file is read, with its line.
    """
    root = Path(root)
    if not root.is_dir():
        raise ContentError([Problem(root.as_posix(), None, None, "", "le dossier de contenu n'existe pas.")])
    loader = _Loader(root)
    regions, glossary = _read_catalogues(loader)
    info = loader.read_required("site.yml", SiteInfo)  # names its publisher among the organisations
    documents = loader.read_folder("documents", None)
    versions = _read_versions(loader, documents)
    if not documents:
        loader.problems.append(
            Problem(loader.display(root / "documents"), None, None, "", "aucun document à publier (dossier vide ou absent).")
        )
    every_version = [d for d in documents.values() if d is not INVALID]
    every_version += [v for chain in versions.values() for _, v in chain]
    attachments, attachment_problems = read_attachments(root, every_version, loader.display)
    own_files, own_problems = site_files(root, info, loader.display) if info is not INVALID else ({}, [])
    attachment_problems += own_problems
    # Stray files (notices) and symbolic links (errors); declared files are published, not stray.
    loader.problems += survey(root, {a.path for a in attachments.values()} | set(own_files.values()))
    problems = loader.problems + attachment_problems + [p for r in loader.readers for p in r.problems]
    errors = [p for p in problems if p.level == "erreur"]
    if errors:
        raise ContentError(errors)
    known = {e.sigle for e in glossary.sigles} if glossary not in (None, INVALID) else set()
    known |= {o.sigle for o in loader.known["organisation"].values() if o.sigle}
    known |= {p.sigle for p in loader.known["programme"].values() if p.sigle}
    known |= {kind.sigle for kind in (info.types_de_documents.piar, info.types_de_documents.entente_sectorielle) if kind.sigle}
    problems += unknown_sigles(documents, known, {i: loader.display(root / "documents" / f"{i}.yml") for i in documents})
    return Site(
        root=root,
        info=info,
        regions=regions,
        organisations=loader.known["organisation"],
        programmes=loader.known["programme"],
        documents=documents,
        glossary=glossary,
        versions=versions,
        notices=tuple(sorted((p for p in problems if p.level == "avis"), key=sort_key)),
        attachments=attachments,
        site_files=own_files,
    )


def _read_versions(
    loader: _Loader, documents: dict[str, Any], only: set[str] | None = None
) -> dict[str, tuple[tuple[dt.date, Document], ...]]:
    """content/versions/<id>/<AAAA-MM-JJ>.yml: former versions (of the documents ``only`` names), checked like documents."""
    folder = loader.root / "versions"
    result: dict[str, tuple[tuple[dt.date, Document], ...]] = {}
    if not folder.is_dir():
        return result
    for directory in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if only is not None and directory.name not in only:
            continue
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
            problem = _misnamed(version, date)
            if problem:
                loader.problems.append(Problem(loader.display(path), None, None, "", problem))
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


def _misnamed(version: Document, named: dt.date) -> str | None:
    """The problem of a version file whose name is not the date of the version it holds."""
    held = version_date(version)
    if held is None or held == named:
        return None
    field = next(name for name in VERSION_DATE_FIELDS if getattr(version, name, None) == held)
    return (
        f"ce fichier porte la date du {named.isoformat()}, mais la version qu'il contient est datée du "
        f"{long_date(held)} ({field}). Renommez-le {held.isoformat()}.yml."
    )


# --- for the staff's commands: the catalogues alone, and some files checked against them --------------------


@dataclass(frozen=True)
class Catalogues:
    """The catalogues of a content folder, read leniently: a file with errors is known by its identifier (None)."""

    organisations: dict[str, Organisation | None]
    programmes: dict[str, Programme | None]

    @property
    def default_programme(self) -> str | None:
        return default_programme(self.programmes)


def load_catalogues(root: Path | str) -> Catalogues:
    """The organisations and programmes of ``root`` (empty if it is not a content folder); never raises."""
    loader = _Loader(Path(root))
    if loader.root.is_dir():
        _read_catalogues(loader)

    def valid(models: dict[str, Any]) -> dict[str, Any]:
        return {name: None if model is INVALID else model for name, model in models.items()}

    return Catalogues(valid(loader.known.get("organisation", {})), valid(loader.known.get("programme", {})))


_CATALOGUE_FILES = {("regions.yml",), ("site.yml",), ("glossaire.yml",)}


def check_files(
    root: Path | str, files: Iterable[Path | str], texts: Mapping[Path, str] | None = None
) -> tuple[list[Problem], list[Problem]]:
    """Errors and notices of ``files``, each checked as the site build checks it, against ``root``'s catalogues.

    Only the catalogues and the given files are read (a document with its former versions, a
    version with its document); nothing is copied. ``texts`` gives the text of files not written
    yet. A file outside the folder is checked as a document of it.
    """
    root = Path(root)
    if not root.is_dir():
        return [Problem(root.as_posix(), None, None, "", "le dossier de contenu n'existe pas.")], []
    loader = _Loader(root, texts)
    _read_catalogues(loader)
    loader.read_required("site.yml", SiteInfo)  # names its publisher among the organisations
    wanted: set[str] = set()
    prefixes: list[str] = []  # a document's versions go with it
    documents: dict[str, Any] = {}
    versions: set[str] = set()
    problems: list[Problem] = []
    for file in files:
        path = Path(file)
        try:
            parts = path.resolve().relative_to(root.resolve()).parts
        except ValueError:
            parts = ()
        inside = root.joinpath(*parts) if parts else path
        shown = loader.display(inside)
        wanted.add(shown)
        if not loader.exists(path):
            problems.append(Problem(shown, None, None, "", "fichier introuvable."))
        elif not parts:  # outside the folder: a document to be
            documents[path.stem] = loader.read_file(path, None, identifiant=path.stem, source=f"documents/{path.name}")
        elif parts in _CATALOGUE_FILES or (len(parts) == 2 and parts[0] in ("organisations", "programmes")):
            pass  # already read with the catalogues
        elif len(parts) == 2 and parts[0] == "documents":
            problem = _name_problem(inside)
            if problem:
                problems.append(Problem(shown, None, None, "", problem))
                continue
            documents[inside.stem] = loader.read_file(inside, None, identifiant=inside.stem)
            versions.add(inside.stem)
            prefixes.append(loader.display(root / "versions" / inside.stem) + "/")
        elif len(parts) == 3 and parts[0] == "versions":
            current = root / "documents" / f"{parts[1]}.yml"
            if parts[1] not in documents and current.is_file():
                documents[parts[1]] = loader.read_file(current, None, identifiant=parts[1])
            versions.add(parts[1])
            wanted.add(loader.display(root / "versions" / parts[1]))
        else:
            problems.append(Problem(shown, None, None, "", "le site ne lit pas ce fichier\u00a0: un document va dans "
                                    "documents/, une version dans versions/<identifiant>/, un catalogue dans "
                                    "organisations/ ou programmes/."))
    _read_versions(loader, documents, only=versions)
    found = problems + loader.problems + [p for r in loader.readers for p in r.problems]
    mine = [p for p in found if p.file in wanted or any(p.file.startswith(prefix) for prefix in prefixes)]
    return [p for p in mine if p.level == "erreur"], sorted(p for p in mine if p.level == "avis")


def read_version_date(path: Path) -> str | None:
    """The date a document file is known by as a version (see ``version_date``), as written; None if unreadable."""
    root, problems = load_yaml(path, path.name)
    if problems or not isinstance(root, MappingNode):
        return None
    return version_date(SimpleNamespace(**{name: _scalar(root, name) for name in VERSION_DATE_FIELDS}))


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


__all__ = ["Catalogues", "Site", "check_files", "default_programme", "load_catalogues", "load_site", "read_version_date"]
