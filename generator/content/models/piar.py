"""The PIAR (plan d'intervention et d'affectation des ressources): its table, row by row, and its values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from generator import typography as typo
from generator.content.models.base import Element, model, unique_numbers
from generator.content.models.publication import Publication
from generator.content.models.catalogues import GabaritPiar, Programme
from generator.content.typed_reader import DERIVED, FROM_FILE, INVALID, MAX_YEAR, MIN_YEAR, doc
from generator.content.yaml_reader import Node, ScalarNode, SequenceNode

if TYPE_CHECKING:
    from generator.content.typed_reader import Path, Reader


# --- values with their own YAML spelling ---------------------------------------------


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
                if MIN_YEAR <= year <= MAX_YEAR:
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
        if re.fullmatch(r"[-+\u2212]\s*\d+(?:[.,]\d+)?\s*%?", text):
            reader.error(node, path, f"« {text} » ne convient pas; attendu\u00a0: un pourcentage de 0 à 100.")
            return INVALID
        match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%?", text)
        if match:
            value = Decimal(match[1].replace(",", "."))
            if value > 100:
                reader.error(node, path, f"{text} dépasse 100\u00a0%; attendu\u00a0: un pourcentage de 0 à 100.")
                return INVALID
            return cls(pourcentage=value)
        return cls(note=text)



# --- the plan ------------------------------------------------------------------------


ETATS = ("à venir", "en cours", "réalisée", "reportée", "abandonnée")
Etat = Literal["à venir", "en cours", "réalisée", "reportée", "abandonnée"]


@model
class Avancement:
    """How far an action has gone, in percent (0 to 100)."""

    pourcentage: Decimal

    @classmethod
    def yaml_description(cls) -> str:
        return "un pourcentage de 0 à 100 (64 ou « 64 % »)"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
                          {"type": "string", "pattern": r"^\d{1,3}([.,]\d+)?\s*%?$"}]}

    @classmethod
    def from_yaml(cls, reader: Reader, node: Node, path: Path) -> Any:
        text = " ".join(node.value.split()) if isinstance(node, ScalarNode) else ""
        match = re.fullmatch(r"(\d{1,3}(?:[.,]\d+)?)\s*%?", text)
        if match and Decimal(match[1].replace(",", ".")) <= 100:
            return cls(pourcentage=Decimal(match[1].replace(",", ".")))
        reader.error(node, path, f"« {text or 'cette valeur'} » ne convient pas; attendu\u00a0: {cls.yaml_description()}.")
        return INVALID


@model
class Statut:
    etat: Etat = doc("L'état de l'action\u00a0: à venir, en cours, réalisée, reportée ou abandonnée.")
    date: dt.date = doc("Date à laquelle cet état a été constaté, AAAA-MM-JJ.")
    avancement: Avancement | None = doc(
        "Avancement de l'action à cette date, en pour cent (0 à 100), s'il est publié; une action réalisée est à 100\u00a0%.", None
    )
    justification: str | None = doc("Une phrase qui explique l'état (obligatoire pour reportée ou abandonnée).", None)

    def check(self) -> list[tuple[Any, str]]:
        if self.etat in ("reportée", "abandonnée") and not self.justification:
            return [("justification", f"une action {self.etat} demande une justification (une phrase).")]
        progress = self.avancement.pourcentage if self.avancement else None
        if self.etat == "réalisée" and progress is not None and progress != 100:
            return [("avancement", f"une action réalisée est avancée à 100\u00a0%, pas à {typo.percent(progress)}; "
                                   "corrigez l'état ou l'avancement.")]
        if self.etat == "à venir" and progress:
            return [("avancement", f"une action à venir n'a pas commencé; son avancement ({typo.percent(progress)}) "
                                   "demande l'état « en cours ».")]
        return []

    @property
    def progress(self) -> Decimal | None:
        """The action's progress as the summaries count it: 100 when done, 0 before it starts, else what is published."""
        if self.etat == "réalisée":
            return Decimal(100)
        if self.avancement is not None:
            return self.avancement.pourcentage
        return Decimal(0) if self.etat == "à venir" else None


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
        return []

    def programme_problems(self, gabarit: GabaritPiar) -> list[tuple[str, str]]:
        """What the programme's template asks of each enjeu (see :meth:`Piar.programme_problems`)."""
        problems = []
        if gabarit.objectif_et_axe_par_enjeu:
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
    publication: Publication | None = doc("La publication officielle de cette version : adoption, dépôt, document déposé.", None)
    enjeux: tuple[Enjeu, ...] = doc("Les enjeux du plan, dans l'ordre du document.")

    def check(self) -> list[tuple[str, str]]:
        problems = unique_numbers(self.enjeux, "enjeux")
        if not self.enjeux:
            problems.append(("enjeux", "un plan doit avoir au moins un enjeu."))
        elif not any(v.actions for e in self.enjeux for v in e.volets):
            problems.append(("enjeux", "le plan ne compte aucune action : chaque volet en donne au moins une "
                                       "(colonne « Actions » du gabarit). Une colonne a-t-elle été perdue?"))
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

    # The programme's rules: the loader checks them once it knows the plan's programme.
    def programme_problems(self, programme: Programme) -> list[tuple[tuple[str | int, ...], str]]:
        """Errors against the template of the plan's programme (``programme.piar``)."""
        if programme.piar is None:
            return []
        return [
            (("enjeux", index, where), message)
            for index, enjeu in enumerate(self.enjeux)
            for where, message in enjeu.programme_problems(programme.piar)
        ]

    def programme_notices(self, programme: Programme) -> list[tuple[tuple[str | int, ...], str]]:
        """Notices against the template of the plan's programme: a number of enjeux it finds unreasonable."""
        wanted = programme.piar.nombre_d_enjeux if programme.piar else None
        if wanted is None:
            return []
        count = len(self.enjeux)
        low, high = wanted.minimum, wanted.maximum
        if (low is None or count >= low) and (high is None or count <= high):
            return []
        if low is not None and high is not None:
            reasonable = f"de {_in_words(low)} à {_in_words(high)}"
        else:
            reasonable = f"au moins {_in_words(low)}" if low is not None else f"au plus {_in_words(high)}"
        return [(("enjeux",), f"le plan compte {count} enjeux; le gabarit juge raisonnable d'en avoir {reasonable}.")]


_WORDS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze")


def _in_words(number: int | None) -> str:
    """Small numbers in letters, as the template writes them (« de quatre à sept »)."""
    return _WORDS[number] if number is not None and 0 <= number < len(_WORDS) else str(number)
