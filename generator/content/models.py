"""Typed, frozen models of the content. Field names are the YAML keys (French).

Every field carries its French documentation (``doc(...)``): it is the source of
the format guide and, later, of the JSON Schema used by editors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from generator.content.typed_reader import DERIVED, FROM_FILE, INVALID, doc
from generator.content.yaml_reader import Node, ScalarNode, SequenceNode

if TYPE_CHECKING:
    from generator.content.typed_reader import Path, Reader

model = dataclass(frozen=True, kw_only=True, slots=True)


# --- small value types with their own YAML spelling ---------------------------------


@model
class Element:
    """A list item: a text, optionally with sub-items (a bullet list inside a cell)."""

    yaml_shorthand: ClassVar[str] = "texte"
    texte: str = doc("Le texte de l'élément.")
    elements: tuple[str, ...] = doc("Sous-éléments (liste à puces sous le texte).", ())


@model
class Echeance:
    """A deadline with month or day precision."""

    annee: int
    mois: int
    jour: int | None = None

    @classmethod
    def yaml_description(cls) -> str:
        return "une échéance AAAA-MM (un mois) ou AAAA-MM-JJ (un jour), par exemple 2025-03-31"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}

    @classmethod
    def from_yaml(cls, reader: Reader, node: Node, path: Path) -> Any:
        text = node.value.strip() if isinstance(node, ScalarNode) else ""
        match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
        if match:
            year, month = int(match[1]), int(match[2])
            day = int(match[3]) if match[3] else None
            try:
                dt.date(year, month, day or 1)
            except ValueError:
                pass
            else:
                return cls(annee=year, mois=month, jour=day)
        shown = text or "cette valeur"
        reader.error(node, path, f"« {shown} » n'est pas une échéance valide; attendu\u00a0: {cls.yaml_description()}.")
        return INVALID

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.annee, self.mois, self.jour or 32)


@model
class Renvois:
    """References to a programme's numbered objectives or axes, grouped as in the cell.

    ``[1, 2, 4]`` or ``1-2-4`` is one group; ``["2 et 7", "1-2-3-7"]`` keeps the two
    paragraphs of a cell that gives two groups.
    """

    groupes: tuple[tuple[int, ...], ...] = ()

    @classmethod
    def yaml_description(cls) -> str:
        return (
            "des numéros, par exemple [1, 2, 4] ou « 1-2-4 » ou « 2 et 7 »; "
            "une liste de tels groupes si la case en donne plusieurs"
        )

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        group = {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d+(\s*(-|,|;|et|\s)\s*\d+)*$"}]}
        return {
            "anyOf": [
                group,
                {"type": "array", "minItems": 1, "items": {"anyOf": [group, {"type": "array", "items": {"type": "integer"}}]}},
            ]
        }

    @classmethod
    def from_yaml(cls, reader: Reader, node: Node, path: Path) -> Any:
        if isinstance(node, SequenceNode) and not node.value:
            groups = None
        elif isinstance(node, ScalarNode):
            group = _numbers(node.value)
            groups = [group] if group else None
        elif isinstance(node, SequenceNode) and all(isinstance(n, ScalarNode) for n in node.value):
            values = [n.value for n in node.value]
            if all(re.fullmatch(r"\d+", v.strip()) for v in values):
                groups = [tuple(int(v) for v in values)]
            else:
                parsed = [_numbers(v) for v in values]
                groups = parsed if all(parsed) else None
        elif isinstance(node, SequenceNode):
            parsed = []
            for child in node.value:
                values = [n.value for n in child.value] if isinstance(child, SequenceNode) else [None]
                ok = all(isinstance(v, str) and re.fullmatch(r"\d+", v.strip()) for v in values)
                parsed.append(tuple(int(v) for v in values) if ok else None)
            groups = parsed if all(parsed) else None
        else:
            groups = None
        if not groups:
            reader.error(node, path, f"numéros illisibles; attendu\u00a0: {cls.yaml_description()}.")
            return INVALID
        renvois = cls(groupes=tuple(groups))
        programme = reader.context.get("programme")
        if programme is not None and path and path[-1] in _CATALOGUES:
            attribute, word = _CATALOGUES[str(path[-1])]
            allowed = sorted(s.numero for s in getattr(programme, attribute))
            unknown = [n for n in renvois.numeros if n not in allowed]
            if unknown:
                reader.error(
                    node,
                    path,
                    f"{word} inconnu dans le programme {programme.nom_court}\u00a0: "
                    f"{', '.join(map(str, unknown))}. Numéros permis\u00a0: {', '.join(map(str, allowed))}.",
                )
                return INVALID
        return renvois

    @property
    def numeros(self) -> tuple[int, ...]:
        return tuple(sorted({n for group in self.groupes for n in group}))


_CATALOGUES = {"objectifs_programme": ("objectifs", "objectif"), "axes_programme": ("axes", "axe")}


def _numbers(text: str) -> tuple[int, ...] | None:
    parts = [p for p in re.split(r"\s*(?:-|,|;|\bet\b|\s)\s*", text.strip()) if p]
    if parts and all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return None


@model
class TempsImparti:
    """Share of staff time: a percentage, or a note when the document gives none."""

    pourcentage: Decimal | None = None
    note: str | None = None

    @classmethod
    def yaml_description(cls) -> str:
        return "un pourcentage (15 ou « 15 % ») ou une note en texte"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100}, {"type": "string", "minLength": 1}]}

    @classmethod
    def from_yaml(cls, reader: Reader, node: Node, path: Path) -> Any:
        if not isinstance(node, ScalarNode) or not node.value.strip():
            reader.error(node, path, f"attendu\u00a0: {cls.yaml_description()}.")
            return INVALID
        text = " ".join(node.value.split())
        match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%?", text)
        if match:
            value = Decimal(match[1].replace(",", "."))
            if value > 100:
                reader.error(node, path, f"{text} dépasse 100\u00a0%; attendu\u00a0: un pourcentage de 0 à 100.")
                return INVALID
            return cls(pourcentage=value)
        return cls(note=text)


# --- catalogues ------------------------------------------------------------------


@model
class Region:
    identifiant: str = doc("Identifiant court, en minuscules avec des tirets, par exemple « abitibi-temiscamingue ».")
    nom: str = doc("Nom officiel de la région administrative.")
    code: str | None = doc("Numéro officiel de la région, entre guillemets (« 08 »).", None)


@model
class Regions:
    regions: tuple[Region, ...] = doc("Les régions administratives auxquelles les organisations appartiennent.")

    def check(self) -> list[tuple[Any, str]]:
        return _duplicates(self.regions, "identifiant", "regions", "l'identifiant « {} » est utilisé deux fois.")


@model
class Organisation:
    identifiant: str = doc("Nom du fichier, sans « .yml ».", source=FROM_FILE)
    nom: str = doc("Nom complet, par exemple « Ministère de l'Immigration, de la Francisation et de l'Inclusion ».")
    sigle: str | None = doc("Sigle usuel, par exemple « MIFI ».", None)
    region: str | None = doc("Identifiant de la région (voir regions.yml); vide pour un organisme provincial.", None, ref="region")
    site_web: str | None = doc("Adresse du site Web, commençant par https://.", None)

    def check(self) -> list[tuple[str, str]]:
        return _web_address("site_web", self.site_web)

    @property
    def nom_avec_sigle(self) -> str:
        return f"{self.nom} ({self.sigle})" if self.sigle else self.nom


@model
class EnonceNumerote:
    numero: int = doc("Numéro de l'énoncé dans le programme (1, 2, 3…).")
    texte: str = doc("Texte complet de l'énoncé.")


@model
class Consigne:
    colonne: str = doc("Titre de la colonne du gabarit, tel qu'il y figure.")
    textes: tuple[str, ...] = doc("Consignes du gabarit pour cette colonne.")


@model
class GabaritPiar:
    presentation: tuple[str, ...] = doc("Ce que le programme dit du PIAR (un paragraphe par élément).")
    consignes: tuple[Consigne, ...] = doc("Consignes du gabarit, colonne par colonne.", ())


@model
class Programme:
    identifiant: str = doc("Nom du fichier, sans « .yml ».", source=FROM_FILE)
    nom: str = doc("Nom du programme, par exemple « Accès Entreprise Québec ».")
    sigle: str | None = doc("Sigle du programme, par exemple « AEQ ».", None)
    responsable: str | None = doc("Identifiant de l'organisation qui administre le programme.", None, ref="organisation")
    objectifs: tuple[EnonceNumerote, ...] = doc("Objectifs généraux du programme, numérotés.")
    axes: tuple[EnonceNumerote, ...] = doc("Axes d'intervention du programme, numérotés.")
    piar: GabaritPiar | None = doc("Présentation du PIAR et consignes du gabarit.", None)

    def check(self) -> list[tuple[str, str]]:
        return _unique_numbers(self.objectifs, "objectifs") + _unique_numbers(self.axes, "axes")

    @property
    def nom_court(self) -> str:
        return self.sigle or self.nom


@model
class Sigle:
    sigle: str = doc("Le sigle tel qu'il figure dans les documents, par exemple « MRC ».")
    forme_longue: str | None = doc(
        "Sa forme longue, par exemple « municipalité régionale de comté »; vide si les documents ne la donnent pas.", None
    )


@model
class Glossaire:
    sigles: tuple[Sigle, ...] = doc("Les sigles employés dans les documents, avec leur forme longue.")

    def check(self) -> list[tuple[Any, str]]:
        return _duplicates(self.sigles, "sigle", "sigles", "le sigle « {} » figure deux fois.")


@model
class TypeDeDocument:
    nom: str = doc("Nom du type de document, par exemple « Entente sectorielle de développement ».")
    sigle: str | None = doc("Sigle, par exemple « PIAR ».", None)
    question: str | None = doc("Titre de la présentation, par exemple « Une entente sectorielle, c'est quoi? ».", None)
    presentation: tuple[str, ...] = doc("Explication pour le public (un paragraphe par élément).", ())


@model
class TypesDeDocuments:
    piar: TypeDeDocument = doc("Le plan d'intervention et d'affectation des ressources.")
    entente_sectorielle: TypeDeDocument = doc("L'entente sectorielle de développement.")


@model
class Licence:
    nom: str = doc("Nom de la licence des données, par exemple « Creative Commons Attribution 4.0 International (CC BY 4.0) ».")
    adresse: str = doc("Adresse Web du texte de la licence.")

    def check(self) -> list[tuple[Any, str]]:
        return _web_address("adresse", self.adresse)


CC_BY_4 = Licence(
    nom="Creative Commons Attribution 4.0 International (CC BY 4.0)",
    adresse="https://creativecommons.org/licenses/by/4.0/deed.fr",
)


@model
class SiteInfo:
    titre: str = doc("Titre du site, affiché en haut de chaque page.")
    description: str = doc("Une ou deux phrases qui présentent le site sur la page d'accueil.")
    types_de_documents: TypesDeDocuments = doc("Noms et présentations des types de documents.")
    editeur: str | None = doc(
        "Identifiant de l'organisation qui publie le site (éditeur des données ouvertes).", None, ref="organisation"
    )
    licence: Licence = doc("Licence des données téléchargeables; par défaut CC BY 4.0.", CC_BY_4)


# --- PIAR ------------------------------------------------------------------------


ETATS = ("à venir", "en cours", "réalisée", "reportée", "abandonnée")
Etat = Literal["à venir", "en cours", "réalisée", "reportée", "abandonnée"]


@model
class Statut:
    etat: Etat = doc("L'état de l'action\u00a0: à venir, en cours, réalisée, reportée ou abandonnée.")
    date: dt.date = doc("Date à laquelle cet état a été constaté, AAAA-MM-JJ.")
    justification: str | None = doc("Une phrase qui explique l'état (obligatoire pour reportée ou abandonnée).", None)

    def check(self) -> list[tuple[Any, str]]:
        if self.etat in ("reportée", "abandonnée") and not self.justification:
            return [("justification", f"une action {self.etat} demande une justification (une phrase).")]
        return []


@model
class Action:
    """An action of a volet, with its follow-up when the organisation publishes it."""

    yaml_shorthand: ClassVar[str] = "texte"
    texte: str = doc("L'action ou l'intervention.")
    elements: tuple[str, ...] = doc("Sous-éléments (liste à puces sous le texte).", ())
    echeance: Echeance | None = doc("Échéance propre à cette action, si elle diffère de celles du volet.", None)
    statut: Statut | None = doc("Suivi\u00a0: état, date et justification. Ne l'inventez pas\u00a0: laissez-le vide s'il n'est pas publié.", None)


@model
class Indicateur:
    """A performance indicator, with its target and result when published."""

    yaml_shorthand: ClassVar[str] = "texte"
    texte: str = doc("L'indicateur de performance.")
    elements: tuple[str, ...] = doc("Sous-éléments (liste à puces sous le texte).", ())
    cible: str | None = doc("La cible, si le document la distingue du texte (par exemple « 50 entreprises »).", None)
    resultat: str | None = doc("Le résultat mesuré (par exemple « 42 entreprises »).", None)
    date_resultat: dt.date | None = doc("Date de la mesure du résultat, AAAA-MM-JJ.", None)

    def check(self) -> list[tuple[Any, str]]:
        if self.resultat and not self.date_resultat:
            return [("date_resultat", "un résultat demande sa date de mesure (date_resultat).")]
        return []


@model
class Volet:
    """One row of the PIAR table: objectives, actions and indicators that belong together."""

    objectifs_programme: Renvois | None = doc(
        "Numéros des objectifs généraux du programme donnés sur cette ligne du tableau.", None
    )
    axes_programme: Renvois | None = doc(
        "Numéros des axes d'intervention du programme donnés sur cette ligne du tableau.", None
    )
    objectifs: tuple[Element, ...] = doc("Objectifs à atteindre.")
    actions: tuple[Action, ...] = doc("Actions ou interventions à mettre en place, avec leur suivi s'il est publié.")
    ressources: tuple[Element, ...] = doc("Ressources (nouvelles ou existantes) qui prennent les actions en charge.", ())
    echeances: tuple[Echeance, ...] = doc("Échéances, au mois (2023-12) ou au jour (2025-03-31).", ())
    indicateurs: tuple[Indicateur, ...] = doc("Indicateurs de performance, avec cible et résultat s'ils sont publiés.", ())

    def deadline_of(self, action: Action) -> Echeance | None:
        """An action's deadline: its own, else the volet's latest."""
        if action.echeance:
            return action.echeance
        return max(self.echeances, key=lambda e: e.sort_key) if self.echeances else None


@model
class Enjeu:
    numero: int = doc("Numéro de l'enjeu dans le plan.")
    titre: str = doc("Énoncé de l'enjeu.")
    temps_imparti: TempsImparti | None = doc(
        "Temps imparti par les ressources\u00a0: un pourcentage (15) ou la note du document.", None
    )
    volets: tuple[Volet, ...] = doc("Les lignes du tableau pour cet enjeu, dans l'ordre du document.")
    # Derived in __post_init__, never read from YAML nor compared: see renvois().
    _renvois: dict[str, tuple[int, ...]] = dataclasses.field(
        init=False, repr=False, compare=False, metadata={"source": DERIVED}
    )

    def check(self) -> list[tuple[str, str]]:
        if not self.volets:
            return [("volets", "un enjeu doit avoir au moins un volet.")]
        problems = []
        for field_name, word in (("objectifs_programme", "objectif général"), ("axes_programme", "axe d'intervention")):
            if not self.renvois(field_name):  # type: ignore[arg-type]
                problems.append(
                    (
                        "volets",
                        f"l'enjeu {self.numero} n'est associé à aucun {word} du programme; le gabarit en demande "
                        f"au moins un. Ajoutez « {field_name} » à l'un de ses volets.",
                    )
                )
        return problems

    def notices(self) -> list[tuple[str, str]]:
        return [
            (
                ("volets", i - 1),
                f"le volet {self.numero}.{i} n'a pas d'échéance; le gabarit en demande une pour chaque action. "
                "Le site affiche « Aucune échéance n'est indiquée dans le plan pour ce volet ».",
            )
            for i, volet in enumerate(self.volets, start=1)
            if not volet.echeances and any(a.echeance is None for a in volet.actions)
        ]

    def __post_init__(self) -> None:
        # Pages, checks and history ask for these many times: compute them once, with the enjeu.
        refs = {
            kind: tuple(sorted({n for v in self.volets if getattr(v, kind) for n in getattr(v, kind).numeros}))
            for kind in ("objectifs_programme", "axes_programme")
        }
        object.__setattr__(self, "_renvois", refs)

    def renvois(self, kind: Literal["objectifs_programme", "axes_programme"]) -> tuple[int, ...]:
        """The programme's objectives or axes named by any volet of the enjeu."""
        return self._renvois[kind]


@model
class Piar:
    identifiant: str = doc("Nom du fichier, sans « .yml ».", source=FROM_FILE)
    source: str = doc("Chemin du fichier, dans le dossier de contenu.", source=FROM_FILE)
    type: Literal["piar"] = doc("Toujours « piar » pour un plan d'intervention et d'affectation des ressources.")
    titre: str = doc("Titre du document.")
    titre_court: str | None = doc("Titre court pour le menu, par exemple « PIAR ».", None)
    organisation: str = doc("Identifiant de l'organisation (MRC ou organisme délégataire) qui publie le plan.", ref="organisation")
    programme: str = doc("Identifiant du programme (fichier de programmes/), par exemple « aeq ».", ref="programme")
    date_du_plan: dt.date = doc("Date du plan, AAAA-MM-JJ.")
    mise_a_jour: dt.date | None = doc("Date de la dernière mise à jour, AAAA-MM-JJ.", None)
    resume_des_changements: str | None = doc("Ce qui a changé dans cette version, en une ou deux phrases.", None)
    enjeux: tuple[Enjeu, ...] = doc("Les enjeux du plan, dans l'ordre du document.")

    def check(self) -> list[tuple[str, str]]:
        problems = _unique_numbers(self.enjeux, "enjeux")
        if not self.enjeux:
            problems.append(("enjeux", "un plan doit avoir au moins un enjeu."))
        if self.mise_a_jour and self.mise_a_jour < self.date_du_plan:
            problems.append(
                ("mise_a_jour", f"la date de mise à jour ({self.mise_a_jour}) précède la date du plan ({self.date_du_plan}).")
            )
        return problems

    def notices(self) -> list[tuple[str, str]]:
        notices = []
        shares = [e.temps_imparti.pourcentage for e in self.enjeux if e.temps_imparti and e.temps_imparti.pourcentage]
        total = sum(shares, Decimal(0))
        if total > 100:
            notices.append(
                (
                    "enjeux",
                    f"les temps impartis des enjeux totalisent {total}\u00a0%, plus de 100\u00a0%. "
                    "C'est permis (le site affiche le total), mais vérifiez les pourcentages.",
                )
            )
        if not 4 <= len(self.enjeux) <= 7:
            notices.append(
                ("enjeux", f"le plan compte {len(self.enjeux)} enjeux; le gabarit juge raisonnable d'en avoir de quatre à sept.")
            )
        for enjeu in self.enjeux:
            for volet in enjeu.volets:
                for echeance in volet.echeances:
                    if echeance.sort_key < (self.date_du_plan.year, self.date_du_plan.month, 0):
                        notices.append(
                            (
                                "enjeux",
                                f"l'enjeu {enjeu.numero} a une échéance ({echeance.annee}-{echeance.mois:02d}) "
                                "antérieure à la date du plan. Vérifiez l'année.",
                            )
                        )
        if self.mise_a_jour is None:
            notices.append(("", "aucune date de mise à jour (« mise_a_jour »); le site l'indique."))
        return notices


# --- Entente sectorielle --------------------------------------------------------


@model
class Periode:
    debut: int = doc("Année de début, par exemple 2023.")
    fin: int = doc("Année de fin, par exemple 2027.")

    def check(self) -> list[tuple[str, str]]:
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

    def check(self) -> list[tuple[str, str]]:
        if (self.organisation is None) == (self.libelle is None):
            return [("", "indiquez soit « organisation », soit « libelle », pas les deux.")]
        return []


@model
class Contributions:
    total_declare: Decimal = doc("L'enveloppe totale déclarée par le document, en dollars.")
    total_comprend_non_monetaire: bool = doc(
        "oui (par défaut) si le total déclaré compte les contributions non monétaires.", True
    )
    parties: tuple[Contribution, ...] = doc("Les contributions, dans l'ordre du tableau.")

    @property
    def total_calcule(self) -> Decimal:
        return sum(
            (p.montant for p in self.parties if self.total_comprend_non_monetaire or p.nature == "monetaire"),
            Decimal(0),
        )

    def check(self) -> list[tuple[str, str]]:
        if self.total_calcule != self.total_declare:
            return [
                (
                    "total_declare",
                    f"les contributions totalisent {self.total_calcule} $, mais le total déclaré est "
                    f"{self.total_declare} $. Corrigez un montant ou le total.",
                )
            ]
        return []


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
        if self.telephone and len(re.sub(r"\D", "", self.telephone)) not in (10, 11):
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
    objectifs_generaux: tuple[Element, ...] = doc("Objectifs généraux.")
    objectifs_specifiques: tuple[ObjectifSpecifique, ...] = doc("Objectifs spécifiques, numérotés.", ())
    gouvernance: Gouvernance | None = doc("Instance qui pilote l'entente et sa composition.", None)
    mandataire: Mandataire | None = doc("Organisation mandataire (ou gestionnaire) de l'entente.", None)
    contributions: Contributions | None = doc("Tableau des contributions et total.", None)
    contact: Contact | None = doc("Personne à joindre pour toute question sur l'entente.", None)

    def check(self) -> list[tuple[str, str]]:
        return _unique_numbers(self.objectifs_specifiques, "objectifs_specifiques")

    def notices(self) -> list[tuple[str, str]]:
        notices = []
        if self.mise_a_jour is None:
            notices.append(("", "aucune date de mise à jour (« mise_a_jour »); le site l'indique."))
        if self.mise_a_jour and self.mise_a_jour.year > self.periode.fin:
            notices.append(("mise_a_jour", f"la mise à jour est postérieure à la fin de l'entente ({self.periode.fin})."))
        if self.contact and not (self.contact.telephone or self.contact.courriel):
            notices.append(("contact", "le contact n'a ni téléphone ni courriel; le public ne pourra pas le joindre."))
        return notices


Document = Piar | Entente


def version_date(document: Document) -> dt.date | None:
    """The date a version is known by: its update date, else a plan's date."""
    return document.mise_a_jour or getattr(document, "date_du_plan", None)
DOCUMENT_TYPES: dict[str, type] = {"piar": Piar, "entente_sectorielle": Entente}


def _unique_numbers(items: tuple[Any, ...], name: str) -> list[tuple[Any, str]]:
    return _duplicates(items, "numero", name, "le numéro {} est utilisé deux fois.")


def _duplicates(items: tuple[Any, ...], key: str, name: str, message: str) -> list[tuple[Any, str]]:
    """A problem at each item whose ``key`` an earlier item already has; ``message`` takes the value."""
    seen: set[Any] = set()
    problems: list[tuple[Any, str]] = []
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            problems.append(((name, i), message.format(value)))
        seen.add(value)
    return problems


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+")


def _web_address(name: str, value: str | None) -> list[tuple[Any, str]]:
    """Only http(s) addresses without spaces or quotes may become links."""
    if value is None or _WEB_ADDRESS.fullmatch(value):
        return []
    return [(name, "adresse invalide; attendu\u00a0: une adresse qui commence par https://, sans espace.")]
