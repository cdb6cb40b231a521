"""Load the whole ``content/`` folder into a :class:`Site`, checking every file.

Layout (documented for staff in ``documentation/format-du-contenu.md``)::

    content/site.yml                 SiteInfo
    content/regions.yml              Regions
    content/organisations/<id>.yml   Organisation
    content/programmes/<id>.yml      Programme
    content/documents/<id>.yml       Piar or Entente (chosen by ``type``)
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.models import DOCUMENT_TYPES, Document, Entente, Organisation, Piar, Programme, Region, Regions, SiteInfo
from generator.problems import ContentError, Problem
from generator.schema import INVALID, Reader, format_path
from generator.yamlsource import MappingNode, Node, ScalarNode, load_yaml

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

    def organisation(self, identifier: str) -> Organisation:
        return self.organisations[identifier]

    def region_of(self, document: Document) -> Region | None:
        region = getattr(document, "region", None) or self.organisations[document.organisation].region
        return self.regions.get(region) if region else None


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.readers: list[Reader] = []

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:  # pragma: no cover - content outside its parent cannot happen
            return path.as_posix()

    def read_file(self, path: Path, cls: type | None, **injected: Any) -> tuple[Any, Reader]:
        name = self.display(path)
        reader = Reader(name)
        self.readers.append(reader)
        root, problems = load_yaml(path, name)
        reader.problems.extend(problems)
        if problems:
            return INVALID, reader
        if root is None:
            reader.error(None, (), "le fichier est vide.")
            return INVALID, reader
        if cls is None:
            cls = self._document_class(reader, root)
            if cls is None:
                return INVALID, reader
            injected["source"] = name
        return reader.read_dataclass(root, cls, (), **injected), reader

    def _document_class(self, reader: Reader, root: Node) -> type | None:
        kinds = ", ".join(f"« {k} »" for k in DOCUMENT_TYPES)
        if isinstance(root, MappingNode):
            for key, value in root.value:
                if isinstance(key, ScalarNode) and key.value == "type":
                    if isinstance(value, ScalarNode) and value.value in DOCUMENT_TYPES:
                        return DOCUMENT_TYPES[value.value]
                    reader.error(value, ("type",), f"type de document inconnu; attendu\u00a0: {kinds}.")
                    return None
        reader.error(root, (), f"le champ obligatoire « type » manque; attendu\u00a0: {kinds}.")
        return None

    def read_folder(self, folder: str, cls: type | None) -> dict[str, tuple[Any, Reader]]:
        result: dict[str, tuple[Any, Reader]] = {}
        directory = self.root / folder
        if not directory.is_dir():
            return result
        for path in sorted(directory.iterdir()):
            if path.suffix in (".yaml",) or (path.suffix == ".yml" and path.is_file()):
                identifier = path.stem
                if path.suffix == ".yaml":
                    self.problems.append(
                        Problem(self.display(path), None, None, "", "renommez le fichier avec l'extension « .yml ».")
                    )
                    continue
                if not IDENTIFIER.fullmatch(identifier):
                    self.problems.append(
                        Problem(
                            self.display(path),
                            None,
                            None,
                            "",
                            f"nom de fichier « {path.name} » invalide\u00a0: lettres minuscules sans accents, "
                            "chiffres et tirets seulement, par exemple « mrc-de-la-matanie.yml ».",
                        )
                    )
                    continue
                result[identifier] = self.read_file(path, cls, identifiant=identifier)
        return result


def load_site(root: Path | str) -> Site:
    """Read and check ``root``; raise :class:`ContentError` listing every problem."""
    root = Path(root)
    loader = _Loader(root)
    if not root.is_dir():
        raise ContentError([Problem(root.as_posix(), None, None, "", "le dossier de contenu n'existe pas.")])
    info, _ = _required(loader, "site.yml", SiteInfo)
    regions_file, regions_reader = _required(loader, "regions.yml", Regions)
    organisations = loader.read_folder("organisations", Organisation)
    programmes = loader.read_folder("programmes", Programme)
    documents = loader.read_folder("documents", None)

    regions: dict[str, Region] = {}
    if regions_file is not INVALID:
        for i, region in enumerate(regions_file.regions):
            if region.identifiant in regions:
                regions_reader.error(regions_reader.locate(region, "identifiant"), ("regions", i, "identifiant"),
                                     f"l'identifiant « {region.identifiant} » est utilisé deux fois.")
            regions[region.identifiant] = region

    site = Site(
        root=root,
        info=info,
        regions=regions,
        organisations=_valid(organisations),
        programmes=_valid(programmes),
        documents=_valid(documents),
    )
    known = {
        "region": set(regions),
        "organisation": set(organisations),
        "programme": set(programmes),
    }
    for group in (organisations, programmes, documents):
        for value, reader in group.values():
            if value is not INVALID:
                _check_references(reader, value, (), known)
                if isinstance(value, Piar) and value.programme in site.programmes:
                    _check_piar_numbers(reader, value, site.programmes[value.programme])
    if not documents:
        loader.problems.append(
            Problem(loader.display(root / "documents"), None, None, "", "aucun document à publier (dossier vide ou absent).")
        )
    problems = loader.problems + [p for r in loader.readers for p in r.problems]
    errors = [p for p in problems if p.level == "erreur"]
    if errors:
        raise ContentError(errors)
    return site


def _required(loader: _Loader, name: str, cls: type) -> tuple[Any, Reader]:
    path = loader.root / name
    if not path.is_file():
        reader = Reader(loader.display(path))
        reader.error(None, (), f"fichier obligatoire absent\u00a0: créez {name} dans le dossier de contenu.")
        loader.readers.append(reader)
        return INVALID, reader
    return loader.read_file(path, cls)


def _valid(group: dict[str, tuple[Any, Reader]]) -> dict[str, Any]:
    return {key: value for key, (value, _) in group.items() if value is not INVALID}


_REF_NAMES = {"region": "région", "organisation": "organisation", "programme": "programme"}
_REF_FOLDERS = {"region": "regions.yml", "organisation": "organisations/", "programme": "programmes/"}


def _check_references(reader: Reader, obj: Any, path: tuple, known: dict[str, set[str]]) -> None:
    """Walk a model tree; report every ``ref`` field that names an unknown identifier."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            _check_references(reader, item, (*path, i), known)
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        ref = f.metadata.get("ref")
        if ref and value is not None and value not in known[ref]:
            reader.error(
                reader.locate(obj, f.name),
                (*path, f.name),
                f"{_REF_NAMES[ref]} inconnue\u00a0: « {value} ». Utilisez un identifiant défini dans "
                f"{_REF_FOLDERS[ref]} ou ajoutez-le.".replace("programme inconnue", "programme inconnu"),
            )
        elif not ref:
            _check_references(reader, value, (*path, f.name), known)


def _check_piar_numbers(reader: Reader, piar: Piar, programme: Programme) -> None:
    catalogues = {
        "objectifs_programme": ({o.numero for o in programme.objectifs}, "objectif"),
        "axes_programme": ({a.numero for a in programme.axes}, "axe"),
    }
    for e, enjeu in enumerate(piar.enjeux):
        for v, volet in enumerate(enjeu.volets):
            for field_name, (allowed, word) in catalogues.items():
                renvois = getattr(volet, field_name)
                unknown = [n for n in renvois.numeros if n not in allowed] if renvois else []
                if unknown:
                    reader.error(
                        reader.locate(volet, field_name),
                        ("enjeux", e, "volets", v, field_name),
                        f"{word} inconnu dans le programme {programme.nom_court}\u00a0: "
                        f"{', '.join(map(str, unknown))}. Numéros permis\u00a0: "
                        f"{', '.join(map(str, sorted(allowed)))}.",
                    )
        for field_name, (_, word) in catalogues.items():
            if not enjeu.renvois(field_name):  # type: ignore[arg-type]
                reader.error(
                    reader.locate(enjeu, "volets"),
                    ("enjeux", e),
                    f"l'enjeu {enjeu.numero} n'est associé à aucun {word} du programme "
                    f"{programme.nom_court}; le gabarit en demande au moins un "
                    f"(champ « {field_name} » d'un volet).",
                )


__all__ = ["Site", "load_site", "format_path"]
