"""The entente sectorielle de développement."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import ClassVar, Literal

from generator import typography as typo
from generator.content.models.base import Element, model, unique_numbers
from generator.content.models.publication import Publication
from generator.content.typed_reader import FROM_FILE, MAX_YEAR, MIN_YEAR, doc


@model
class Periode:
    debut: int = doc("Année de début, par exemple 2023.")
    fin: int = doc("Année de fin, par exemple 2027.")

    def check(self) -> list[tuple[str, str]]:
        for name, year in (("debut", self.debut), ("fin", self.fin)):
            if not MIN_YEAR <= year <= MAX_YEAR:
                return [(name, f"l'année {year} est hors des limites; attendu\u00a0: une année de {MIN_YEAR} à {MAX_YEAR}.")]
        if self.fin < self.debut:
            return [("fin", "l'année de fin précède l'année de début.")]
        return []


@model
class ObjectifSpecifique:
    numero: int = doc("Numéro de l'objectif spécifique.")
    titre: str = doc("Titre de l'objectif spécifique.")
    elements: tuple[Element, ...] = doc("Les énoncés sous cet objectif.")


@model
class Membre:
    """A party of the governance: a known organisation or a plain description."""

    yaml_shorthand: ClassVar[str] = "texte"
    organisation: str | None = doc("Identifiant d'une organisation.", None, ref="organisation")
    texte: str | None = doc("Description, quand ce n'est pas une seule organisation (« Les 5 MRC du territoire »).", None)

    def check(self) -> list[tuple[str, str]]:
        if (self.organisation is None) == (self.texte is None):
            return [("", "indiquez soit « organisation », soit « texte », pas les deux.")]
        return []


@model
class Gouvernance:
    instance: str = doc("Nom de l'instance qui pilote l'entente, par exemple « comité directeur ».")
    membres: tuple[Membre, ...] = doc("Les instances qui la composent.")


@model
class Mandataire:
    organisation: str = doc("Identifiant de l'organisation mandataire.", ref="organisation")
    appellation: Literal["mandataire", "gestionnaire"] = doc(
        "« mandataire » (par défaut) ou « gestionnaire », selon le document.", "mandataire"
    )
    role: str | None = doc("Ce dont l'organisation est chargée, en une ou deux phrases.", None)


@model
class Contribution:
    organisation: str | None = doc("Identifiant de l'organisation qui contribue.", None, ref="organisation")
    libelle: str | None = doc("Nom de la partie quand ce n'est pas une seule organisation (« Total MRC/Ville »).", None)
    montant: Decimal = doc("Montant en dollars, sans le symbole $, par exemple 1800000.")
    nature: Literal["monetaire", "non_monetaire"] = doc(
        "« monetaire » (par défaut) ou « non_monetaire » pour une contribution en biens ou services.", "monetaire"
    )
    dont_non_monetaire: Decimal | None = doc(
        "Part en biens et services d'une contribution monétaire (« 500 000 $, dont 100 000 $ en biens et services » : "
        "montant 500000, dont_non_monetaire 100000).", None
    )

    def check(self) -> list[tuple[str, str]]:
        if (self.organisation is None) == (self.libelle is None):
            return [("", "indiquez soit « organisation », soit « libelle », pas les deux.")]
        if self.dont_non_monetaire is not None:
            if self.nature == "non_monetaire":
                return [("dont_non_monetaire", "une contribution non monétaire l'est en entier : retirez « dont_non_monetaire ».")]
            if self.dont_non_monetaire > self.montant:
                return [("dont_non_monetaire", f"la part en biens et services ({typo.amount(self.dont_non_monetaire)}) dépasse "
                                               f"le montant de la contribution ({typo.amount(self.montant)}).")]
        return []

    @property
    def en_argent(self) -> Decimal:
        """The cash part."""
        return Decimal(0) if self.nature == "non_monetaire" else self.montant - (self.dont_non_monetaire or 0)

    @property
    def en_nature(self) -> Decimal:
        """The in-kind part (goods and services)."""
        return self.montant if self.nature == "non_monetaire" else self.dont_non_monetaire or Decimal(0)


@model
class Contributions:
    total_declare: Decimal = doc("L'enveloppe totale déclarée par le document, en dollars.")
    total_comprend_non_monetaire: bool = doc(
        "oui (par défaut) si le total déclaré compte les contributions non monétaires.", True
    )
    total_monetaire_declare: Decimal | None = doc("Le total des contributions en argent, si le document le donne.", None)
    total_non_monetaire_declare: Decimal | None = doc(
        "Le total des contributions en biens et services, si le document le donne.", None
    )
    parties: tuple[Contribution, ...] = doc("Les contributions, dans l'ordre du tableau.")

    def counted(self, part: Contribution) -> Decimal:
        """The amount of ``part`` that the declared total counts (its in-kind part may be left out)."""
        return part.montant if self.total_comprend_non_monetaire else part.en_argent

    def share(self, part: Contribution) -> Decimal | None:
        """``part``'s share of the declared total, in percent; None when the total does not count it.
        The table, the chart, the CSV and the JSON all take it from here."""
        counted = self.counted(part)
        if not counted or not self.total_declare:
            return None
        return counted * 100 / self.total_declare

    @property
    def total_calcule(self) -> Decimal:
        return sum((self.counted(p) for p in self.parties), Decimal(0))

    @property
    def total_en_argent(self) -> Decimal:
        return sum((p.en_argent for p in self.parties), Decimal(0))

    @property
    def total_en_nature(self) -> Decimal:
        return sum((p.en_nature for p in self.parties), Decimal(0))

    @property
    def mixte(self) -> bool:
        """Whether any contribution has an in-kind part: the page then shows cash and in-kind columns."""
        return bool(self.total_en_nature)

    def check(self) -> list[tuple[str, str]]:
        problems = []
        if self.total_calcule != self.total_declare:
            problems.append((
                "total_declare",
                f"les contributions totalisent {typo.amount(self.total_calcule)}, mais le total déclaré est "
                f"{typo.amount(self.total_declare)}. Corrigez un montant ou le total.",
            ))
        for name, declared, computed, words in (
            ("total_monetaire_declare", self.total_monetaire_declare, self.total_en_argent, "en argent"),
            ("total_non_monetaire_declare", self.total_non_monetaire_declare, self.total_en_nature, "en biens et services"),
        ):
            if declared is not None and declared != computed:
                problems.append((name, f"les contributions {words} totalisent {typo.amount(computed)}, mais le total "
                                       f"déclaré est {typo.amount(declared)}. Corrigez un montant ou ce total."))
        return problems


_PHONE = re.compile(r"[0-9 ()+.\-\u00a0]+")  # digits and the usual separators, nothing else


@model
class Contact:
    nom: str = doc("Nom de la personne à joindre.")
    fonction: str | None = doc("Sa fonction, par exemple « Directrice générale ».", None)
    organisation: str | None = doc("Identifiant de son organisation.", None, ref="organisation")
    telephone: str | None = doc("Numéro de téléphone à 10 chiffres, par exemple 873-561-1522.", None)
    poste: str | None = doc("Numéro de poste téléphonique, s'il y a lieu.", None)
    courriel: str | None = doc("Adresse courriel.", None)

    def check(self) -> list[tuple[str, str]]:
        problems = []
        digits = re.sub(r"\D", "", self.telephone or "")
        if self.telephone and not (_PHONE.fullmatch(self.telephone) and (len(digits) == 10 or (len(digits) == 11 and digits[0] == "1"))):
            problems.append(("telephone", "attendu\u00a0: un numéro à 10 chiffres, par exemple 873-561-1522."))
        if self.courriel and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}", self.courriel, re.I):
            problems.append(("courriel", "adresse courriel invalide; attendu\u00a0: nom@domaine.qc.ca."))
        return problems


@model
class Entente:
    identifiant: str = doc("Nom du fichier, sans « .yml ».", source=FROM_FILE)
    source: str = doc("Chemin du fichier, dans le dossier de contenu.", source=FROM_FILE)
    type: Literal["entente_sectorielle"] = doc("Toujours « entente_sectorielle ».")
    titre: str = doc("Titre complet de l'entente.")
    titre_court: str | None = doc("Titre court pour le menu.", None)
    organisation: str = doc("Identifiant de l'organisation sous laquelle l'entente est publiée.", ref="organisation")
    region: str | None = doc("Identifiant de la région visée.", None, ref="region")
    periode: Periode = doc("Années couvertes par l'entente.")
    mise_a_jour: dt.date | None = doc("Date de la dernière mise à jour, AAAA-MM-JJ.", None)
    resume_des_changements: str | None = doc("Ce qui a changé dans cette version, en une ou deux phrases.", None)
    publication: Publication | None = doc("La publication officielle de cette version : adoption, dépôt, document déposé.", None)
    objectifs_generaux: tuple[Element, ...] = doc("Objectifs généraux.")
    objectifs_specifiques: tuple[ObjectifSpecifique, ...] = doc("Objectifs spécifiques, numérotés.", ())
    gouvernance: Gouvernance | None = doc("Instance qui pilote l'entente et sa composition.", None)
    mandataire: Mandataire | None = doc("Organisation mandataire (ou gestionnaire) de l'entente.", None)
    contributions: Contributions | None = doc("Tableau des contributions et total.", None)
    contact: Contact | None = doc("Personne à joindre pour toute question sur l'entente.", None)

    def check(self) -> list[tuple[str, str]]:
        return unique_numbers(self.objectifs_specifiques, "objectifs_specifiques")

    def notices(self) -> list[tuple[str, str]]:
        notices = []
        if self.mise_a_jour is None:
            notices.append(("", "aucune date de mise à jour (« mise_a_jour »); le site l'indique, et le flux Atom "
                                f"date l'entente du 1er\u00a0janvier\u00a0{self.periode.debut} (début de sa période). "
                                "Indiquez « mise_a_jour » pour qu'il porte la bonne date."))
        if self.mise_a_jour and self.mise_a_jour.year > self.periode.fin:
            notices.append(("mise_a_jour", f"la mise à jour est postérieure à la fin de l'entente ({self.periode.fin})."))
        if self.contact and not (self.contact.telephone or self.contact.courriel):
            notices.append(("contact", "le contact n'a ni téléphone ni courriel; le public ne pourra pas le joindre."))
        return notices
