"""The tables of the open data: their columns (the data dictionary), their rows, and their CSV.

Four tables: ``documents`` (one row per document), ``actions`` (one per action of a PIAR),
``indicateurs`` (one per indicator of a PIAR, with its target and result) and
``contributions`` (one per contribution of an entente). Each column has one type and, for
dates, one precision: readers such as pandas, R and csvkit take them as they are.

CSV as RFC 4180 asks and machines expect: UTF-8 without BOM, comma, CRLF, a point as
decimal mark, ISO 8601 dates. People get the same tables as typed workbooks (:mod:`.xlsx`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from generator.content.loading import Site
from generator.content.models import Echeance, Entente, Piar, Renvois

# Value of a cell before it is written: None (empty), str, int, Decimal, dt.date, or an
# Echeance for a month ("yearmonth").
Cell = Any


@dataclass(frozen=True)
class Column:
    """A column: its name (CSV header), its French title (workbook header), its type as Table
    Schema names them (string, integer, year, number, date, yearmonth), its French description
    and, for quantities, its unit."""

    name: str
    title: str
    type: str
    description: str
    unit: str | None = None  # "$" (Canadian dollars) or "%" (percent)
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # resource name and file stem (actions → actions.csv, actions.xlsx)
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    sheet: str  # the workbook's sheet name (31 characters at most)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


LIST_SEPARATOR = " | "  # between the items of a list held in one cell (documented in the dictionary)
GROUP_SEPARATOR = "; "  # between the groups of programme numbers of one cell

_DOCUMENT = Column("document", "Document", "string", "Identifiant du document (nom de son fichier de contenu).", required=True)
_ORGANISATION = Column("organisation", "Organisation", "string", "Nom de l'organisation qui publie le document.", required=True)
_UPDATE = Column("mise_a_jour", "Mise à jour", "date", "Date de la mise à jour du document (vide si non indiquée).")
_ENJEU = Column("enjeu", "Enjeu", "integer", "Numéro de l'enjeu dans le plan.", required=True)
_VOLET = Column("volet", "Volet", "integer", "Numéro du volet (ligne du tableau) dans l'enjeu.", required=True)

DOCUMENTS = Table(
    "documents",
    "Documents publiés",
    "Une ligne par document publié : son type, son organisation, sa région et ses dates.",
    (
        _DOCUMENT,
        Column("type", "Type", "string", "Type du document : piar (plan d'intervention et d'affectation des ressources) "
                                         "ou entente_sectorielle.", required=True),
        Column("titre", "Titre", "string", "Titre du document.", required=True),
        Column("organisation_identifiant", "Identifiant de l'organisation", "string",
               "Identifiant de l'organisation qui publie le document.", required=True),
        _ORGANISATION,
        Column("region", "Région", "string", "Nom de la région administrative visée (vide pour un organisme provincial)."),
        Column("code_region", "Code de région", "string", "Numéro officiel de la région administrative, sur deux chiffres (« 08 »)."),
        Column("programme", "Programme", "string", "Nom du programme dont relève le plan (vide pour une entente)."),
        Column("date_du_plan", "Date du plan", "date", "Date du plan (vide pour une entente)."),
        Column("periode_debut", "Début de la période", "year", "Année de début de l'entente (vide pour un plan)."),
        Column("periode_fin", "Fin de la période", "year", "Année de fin de l'entente (vide pour un plan)."),
        _UPDATE,
        Column("versions_anterieures", "Versions antérieures", "integer",
               "Nombre de versions antérieures publiées sur le site.", required=True),
        Column("adresse", "Adresse de la page", "string", "Adresse de la page du document sur le site.", required=True),
    ),
    ("document",),
    "Documents",
)

ACTIONS = Table(
    "actions",
    "Actions des PIAR",
    "Une ligne par action des plans d'intervention et d'affectation des ressources (PIAR), avec son échéance et son suivi.",
    (
        _DOCUMENT,
        _ORGANISATION,
        Column("programme", "Programme", "string", "Nom du programme dont relève le plan.", required=True),
        Column("date_du_plan", "Date du plan", "date", "Date du plan.", required=True),
        _UPDATE,
        _ENJEU,
        Column("enjeu_titre", "Énoncé de l'enjeu", "string", "Énoncé de l'enjeu.", required=True),
        Column("temps_imparti", "Temps imparti (%)", "number",
               "Temps imparti par les ressources à l'enjeu, en pour cent (vide si le plan donne une note plutôt "
               "qu'un pourcentage, ou rien).", unit="%"),
        Column("temps_imparti_note", "Note sur le temps imparti", "string",
               "Note du plan sur le temps imparti, quand il ne donne pas de pourcentage."),
        _VOLET,
        Column("action", "Action", "integer", "Numéro de l'action dans le volet (1, 2…).", required=True),
        Column("objectifs_programme", "Objectifs du programme", "string",
               "Numéros des objectifs généraux du programme donnés pour le volet : numéros d'un groupe reliés par "
               "« - », groupes séparés par « ; » (par exemple « 1-2; 2 »)."),
        Column("axes_programme", "Axes du programme", "string",
               "Numéros des axes d'intervention du programme donnés pour le volet, écrits comme les objectifs."),
        Column("objectifs_a_atteindre", "Objectifs à atteindre", "string",
               "Objectifs à atteindre du volet, séparés par « | »."),
        Column("action_texte", "Texte de l'action", "string", "L'action ou l'intervention, avec ses sous-éléments.", required=True),
        Column("echeance_mois", "Échéance (mois)", "yearmonth",
               "Mois de l'échéance de l'action (AAAA-MM) : la sienne, sinon la plus tardive du volet; vide si aucune."),
        Column("echeance_jour", "Échéance (jour)", "date",
               "Jour de l'échéance (AAAA-MM-JJ), seulement quand le plan la donne au jour; sinon vide."),
        Column("statut", "Statut", "string",
               "État publié de l'action : à venir, en cours, réalisée, reportée, abandonnée (vide si non publié)."),
        Column("date_statut", "Date du statut", "date", "Date de l'état publié."),
        Column("avancement", "Avancement (%)", "number",
               "Avancement publié de l'action à la date de son état, en pour cent (100 pour une action réalisée; "
               "vide si non publié).", unit="%"),
        Column("justification", "Justification", "string", "Justification de l'état."),
        Column("indicateurs", "Indicateurs", "string",
               "Indicateurs de performance du volet, séparés par « | » (leurs cibles et résultats : table des indicateurs)."),
    ),
    ("document", "enjeu", "volet", "action"),
    "Actions",
)

INDICATEURS = Table(
    "indicateurs",
    "Indicateurs des PIAR",
    "Une ligne par indicateur de performance des PIAR, avec sa cible et son résultat s'ils sont publiés.",
    (
        _DOCUMENT,
        _ORGANISATION,
        _ENJEU,
        _VOLET,
        Column("indicateur", "Indicateur", "integer", "Numéro de l'indicateur dans le volet (1, 2…).", required=True),
        Column("indicateur_texte", "Texte de l'indicateur", "string", "L'indicateur de performance, avec ses sous-éléments.", required=True),
        Column("cible", "Cible", "string", "La cible, telle que le plan l'écrit (par exemple « 50 entreprises »); vide si non publiée."),
        Column("resultat", "Résultat", "string", "Le résultat mesuré, tel que publié (par exemple « 42 entreprises »); vide si non publié."),
        Column("date_resultat", "Date du résultat", "date", "Date de la mesure du résultat."),
    ),
    ("document", "enjeu", "volet", "indicateur"),
    "Indicateurs",
)

CONTRIBUTIONS = Table(
    "contributions",
    "Contributions des ententes",
    "Une ligne par contribution des ententes sectorielles de développement, en dollars.",
    (
        _DOCUMENT,
        Column("organisation", "Organisation", "string", "Nom de l'organisation sous laquelle l'entente est publiée.", required=True),
        Column("periode_debut", "Début de la période", "year", "Année de début de l'entente.", required=True),
        Column("periode_fin", "Fin de la période", "year", "Année de fin de l'entente.", required=True),
        _UPDATE,
        Column("rang", "Rang", "integer", "Rang de la contribution dans le tableau de l'entente (1, 2…).", required=True),
        Column("partie", "Partie", "string", "Nom de la partie qui contribue.", required=True),
        Column("sigle", "Sigle", "string", "Sigle de la partie, s'il y a lieu."),
        Column("nature", "Nature", "string", "monetaire, ou non_monetaire pour une contribution en biens ou services.", required=True),
        Column("montant", "Montant ($)", "number", "Montant de la contribution, en dollars canadiens.", unit="$", required=True),
        Column("montant_en_argent", "En argent ($)", "number", "Part en argent du montant, en dollars canadiens.", unit="$", required=True),
        Column("montant_en_biens_et_services", "En biens et services ($)", "number",
               "Part en biens et services du montant, en dollars canadiens.", unit="$", required=True),
        Column("part_du_total", "Part de l'enveloppe (%)", "number",
               "Part de l'enveloppe totale, en pour cent, arrondie au dixième (vide pour une contribution que le total "
               "ne compte pas).", unit="%"),
        Column("total_declare", "Enveloppe totale ($)", "number", "Enveloppe totale déclarée par l'entente, en dollars canadiens.",
               unit="$", required=True),
    ),
    ("document", "rang"),
    "Contributions",
)

Row = dict[str, Cell]


# --- rows --------------------------------------------------------------------------------


def document_row(site: Site, document: Piar | Entente, page_url: str) -> Row:
    org = site.organisations[document.organisation]
    region = site.region_of(document)
    piar = isinstance(document, Piar)
    return {
        "document": document.identifiant,
        "type": document.type,
        "titre": document.titre,
        "organisation_identifiant": document.organisation,
        "organisation": org.nom,
        "region": region.nom if region else None,
        "code_region": region.code if region else None,
        "programme": site.programmes[document.programme].nom if piar else None,
        "date_du_plan": document.date_du_plan if piar else None,
        "periode_debut": None if piar else document.periode.debut,
        "periode_fin": None if piar else document.periode.fin,
        "mise_a_jour": document.mise_a_jour,
        "versions_anterieures": len(site.versions.get(document.identifiant, ())),
        "adresse": page_url,
    }


def action_rows(site: Site, piar: Piar) -> list[Row]:
    rows = []
    common = {
        "document": piar.identifiant,
        "organisation": site.organisations[piar.organisation].nom,
        "programme": site.programmes[piar.programme].nom,
        "date_du_plan": piar.date_du_plan,
        "mise_a_jour": piar.mise_a_jour,
    }
    for enjeu in piar.enjeux:
        share = enjeu.temps_imparti
        for number, volet in enumerate(enjeu.volets, start=1):
            for index, action in enumerate(volet.actions, start=1):
                deadline = volet.deadline_of(action)
                statut = action.statut
                rows.append({
                    **common,
                    "enjeu": enjeu.numero,
                    "enjeu_titre": enjeu.titre,
                    "temps_imparti": share.pourcentage if share else None,
                    "temps_imparti_note": share.note if share else None,
                    "volet": number,
                    "action": index,
                    "objectifs_programme": _groups(volet.objectifs_programme),
                    "axes_programme": _groups(volet.axes_programme),
                    "objectifs_a_atteindre": LIST_SEPARATOR.join(o.texte for o in volet.objectifs) or None,
                    "action_texte": " ".join([action.texte, *action.elements]),
                    "echeance_mois": deadline,
                    "echeance_jour": dt.date(deadline.annee, deadline.mois, deadline.jour) if deadline and deadline.jour else None,
                    "statut": statut.etat if statut else None,
                    "date_statut": statut.date if statut else None,
                    "avancement": statut.progress if statut and statut.progress is not None and statut.etat != "à venir" else None,
                    "justification": statut.justification if statut else None,
                    "indicateurs": LIST_SEPARATOR.join(" ".join([i.texte, *i.elements]) for i in volet.indicateurs) or None,
                })
    return rows


def indicator_rows(site: Site, piar: Piar) -> list[Row]:
    org = site.organisations[piar.organisation].nom
    return [
        {
            "document": piar.identifiant,
            "organisation": org,
            "enjeu": enjeu.numero,
            "volet": number,
            "indicateur": index,
            "indicateur_texte": " ".join([indicator.texte, *indicator.elements]),
            "cible": indicator.cible,
            "resultat": indicator.resultat,
            "date_resultat": indicator.date_resultat,
        }
        for enjeu in piar.enjeux
        for number, volet in enumerate(enjeu.volets, start=1)
        for index, indicator in enumerate(volet.indicateurs, start=1)
    ]


def _groups(renvois: Renvois | None) -> str | None:
    return GROUP_SEPARATOR.join("-".join(map(str, g)) for g in renvois.groupes) if renvois else None


def contribution_rows(site: Site, entente: Entente) -> list[Row]:
    if not entente.contributions:
        return []
    contributions = entente.contributions
    rows = []
    for rank, part in enumerate(contributions.parties, start=1):
        org = site.organisations.get(part.organisation or "")
        share = contributions.share(part)
        rows.append({
            "document": entente.identifiant,
            "organisation": site.organisations[entente.organisation].nom,
            "periode_debut": entente.periode.debut,
            "periode_fin": entente.periode.fin,
            "mise_a_jour": entente.mise_a_jour,
            "rang": rank,
            "partie": org.nom if org else part.libelle,
            "sigle": org.sigle if org else None,
            "nature": part.nature,
            "montant": part.montant,
            "montant_en_argent": part.en_argent,
            "montant_en_biens_et_services": part.en_nature,
            "part_du_total": round(share, 1) if share is not None else None,
            "total_declare": contributions.total_declare,
        })
    return rows


# --- CSV ---------------------------------------------------------------------------------


def csv_header(table: Table) -> str:
    return ",".join(table.names) + "\r\n"


def csv_rows(table: Table, rows: list[Row]) -> str:
    """The CSV lines of ``rows`` (no header), in the order of the table's columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writers = [(c.name, _TEXT_OF[c.type]) for c in table.columns]
    writer.writerows([to_text(row[name]) for name, to_text in writers] for row in rows)
    return buffer.getvalue()


def _string(value: Cell) -> str:
    return "" if value is None else spreadsheet_safe(str(value))


def _plain(value: Cell) -> str:
    return "" if value is None else str(value)


def _number(value: Cell) -> str:
    """A point as decimal mark, no exponent, no trailing zeros: 1800000, 62.7, 15.5."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text


def _date(value: Cell) -> str:
    return "" if value is None else value.isoformat()


def _yearmonth(value: Cell) -> str:
    return "" if value is None else f"{value.annee:04d}-{value.mois:02d}"


_TEXT_OF: dict[str, Callable[[Cell], str]] = {
    "string": _string, "integer": _plain, "year": _plain, "number": _number, "date": _date, "yearmonth": _yearmonth,
}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP, "CSV injection"): one that starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def echeance_date(value: Echeance) -> dt.date:
    """The first day of a deadline's month (a workbook shows it as AAAA-MM)."""
    return dt.date(value.annee, value.mois, 1)
