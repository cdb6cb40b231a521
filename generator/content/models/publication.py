"""The official publication of a document: who adopted it and when, its filing with the ministry,
the obligation it meets, and the filed document attached (a PDF or Word file beside the YAML)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator import typography as typo
from generator.content.models.base import model, web_address
from generator.content.typed_reader import doc

# The filed document's name, beside the YAML file: a slug and a document extension.
ATTACHMENT_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(pdf|docx|odt|doc)")
ATTACHMENT_MAX_BYTES = 50_000_000


@model
class Obligation:
    """The rule that requires the publication, written once: in the programme (PIAR) or the document type."""

    texte: str = doc("Ce qui oblige à publier, en une phrase (« La convention d'aide financière … inclut la publication … »).")
    source: str | None = doc("D'où vient cette obligation (document, article), tel qu'on le cite.", None)
    adresse: str | None = doc("Adresse Web de la source, commençant par https://.", None)

    def check(self) -> list[tuple[Any, str]]:
        return web_address("adresse", self.adresse)


@model
class Publication:
    """The publication record of a version of a document; every field is optional."""

    instance: str | None = doc("L'instance qui a adopté le document, par exemple « le conseil de la MRC ».", None)
    resolution: str | None = doc("Le numéro de la résolution d'adoption, par exemple « 2021-05-123 ».", None)
    date_adoption: dt.date | None = doc("Date de l'adoption, AAAA-MM-JJ.", None)
    date_depot: dt.date | None = doc("Date du dépôt au ministère, AAAA-MM-JJ.", None)
    date_publication: dt.date | None = doc("Date de la publication, AAAA-MM-JJ.", None)
    signataires: tuple[str, ...] = doc("Les personnes qui signent le document, telles qu'il les nomme (« Gérald Savard, préfet »).", ())
    document: str | None = doc(
        "Le document déposé (PDF ou Word), placé dans le même dossier que ce fichier YAML : son nom, par exemple "
        "« mrc-de-la-matanie-piar-2024.pdf ». Il est publié tel quel, avec sa taille et son empreinte SHA-256.", None
    )

    def check(self) -> list[tuple[Any, str]]:
        problems: list[tuple[Any, str]] = []
        if self.document is not None and not ATTACHMENT_NAME.fullmatch(self.document):
            problems.append(("document", f"nom de document « {self.document} » invalide : lettres minuscules sans accents, "
                                         "chiffres et tirets, puis .pdf, .docx, .odt ou .doc, par exemple « plan-2024.pdf »; "
                                         "le fichier est dans le même dossier que ce fichier YAML."))
        if self.resolution and not self.instance:
            problems.append(("instance", "une résolution est adoptée par une instance : indiquez « instance » (« le conseil de la MRC »)."))
        for name, later, words in (("date_depot", self.date_depot, "le dépôt"), ("date_publication", self.date_publication, "la publication")):
            if later and self.date_adoption and later < self.date_adoption:
                problems.append((name, f"{words} ({typo.date(later)}) précède l'adoption ({typo.date(self.date_adoption)})."))
        return problems
