"""The filed documents attached to documents and versions (``publication › document``): each must
be a regular file beside its YAML file, of bounded size. Its size and SHA-256 fingerprint are
published with it, so that anyone can check that the download is the document that was filed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import typography as typo
from generator.content.models.publication import ATTACHMENT_MAX_BYTES
from generator.content.problems import Problem
from generator.content.typed_reader import child
from generator.content.yaml_reader import MappingNode, load_yaml


@dataclass(frozen=True)
class Attachment:
    path: Path  # the file in the content folder
    name: str
    size: int  # bytes
    sha256: str  # hexadecimal

    @property
    def extension(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def read_attachments(root: Path, documents: Iterable[Any], display: Callable[[Path], str]) -> tuple[dict[str, Attachment], list[Problem]]:
    """The attachment of each document or version that declares one, keyed by the document's ``source``."""
    found: dict[str, Attachment] = {}
    problems: list[Problem] = []
    for document in documents:
        publication = getattr(document, "publication", None)
        if publication is None or publication.document is None:
            continue
        yaml_file = root / document.source
        path = yaml_file.parent / publication.document
        problem = None
        if path.is_symlink() or not path.is_file():
            problem = (f"document déposé « {publication.document} » introuvable : placez le fichier dans le même dossier "
                       f"que {yaml_file.name}, sous ce nom exact.")
        elif (size := path.stat().st_size) > ATTACHMENT_MAX_BYTES:
            problem = (f"le document déposé pèse {typo.number(size // 1_000_000)}\u00a0Mo; au plus "
                       f"{typo.number(ATTACHMENT_MAX_BYTES // 1_000_000)}\u00a0Mo. Publiez une version allégée du PDF.")
        if problem:
            line, column = position(yaml_file, display(yaml_file), ("publication", "document"))
            problems.append(Problem(display(yaml_file), line, column, "publication › document", problem))
            continue
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        found[document.source] = Attachment(path, publication.document, size, digest.hexdigest())
    return found, problems


def position(yaml_file: Path, shown: str, keys: tuple[str, ...]) -> tuple[int | None, int | None]:
    """Line and column of the value at ``keys`` in ``yaml_file`` (of the deepest key found)."""
    node, _ = load_yaml(yaml_file, shown)
    for key in keys:
        if isinstance(node, MappingNode):
            node = child(node, key)
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1


def site_files(root: Path, info: Any, display: Callable[[Path], str]) -> tuple[dict[str, Path], list[Problem]]:
    """The single organisation's logo and favicon, files of the content folder, by the path they are published at."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    own = getattr(info, "site_d_une_organisation", None)
    for name in ("logo", "favicon"):
        value = getattr(own, name, None) if own is not None else None
        if value is None:
            continue
        path = root / value
        if path.is_symlink() or not path.is_file():
            line, column = position(root / "site.yml", display(root / "site.yml"), ("site_d_une_organisation", name))
            problems.append(Problem(display(root / "site.yml"), line, column, f"site_d_une_organisation › {name}",
                                    f"fichier « {value} » introuvable : placez-le dans le dossier de contenu, à côté de site.yml."))
            continue
        found[f"assets/organisation/{value}"] = path
    return found, problems
