"""CSV tables: one row per action of a PIAR, one per contribution of an entente.

UTF-8 with BOM, semicolons, CRLF: what a spreadsheet set to French (Canada) opens as is.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import Entente, Piar, Renvois
from generator.opendata.json_data import to_data


ACTION_COLUMNS = (
    ("document", "Identifiant du document (nom de son fichier de contenu)."),
    ("organisation", "Organisation qui publie le plan."),
    ("programme", "Programme dont relève le plan."),
    ("date_du_plan", "Date du plan."),
    ("mise_a_jour", "Date de la mise à jour du plan (vide si non indiquée)."),
    ("enjeu", "Numéro de l'enjeu."),
    ("enjeu_titre", "Énoncé de l'enjeu."),
    ("temps_imparti", "Temps imparti par les ressources à l'enjeu : pourcentage, ou note du document."),
    ("volet", "Numéro du volet (ligne du tableau) dans l'enjeu."),
    ("objectifs_programme", "Numéros des objectifs généraux du programme donnés pour le volet (groupes séparés par « ; »)."),
    ("axes_programme", "Numéros des axes d'intervention du programme donnés pour le volet (groupes séparés par « ; »)."),
    ("objectifs_a_atteindre", "Objectifs à atteindre du volet, séparés par « | »."),
    ("action", "L'action ou l'intervention."),
    ("echeance", "Échéance de l'action : la sienne, sinon la plus tardive du volet (AAAA-MM ou AAAA-MM-JJ; vide si aucune)."),
    ("statut", "État publié de l'action : à venir, en cours, réalisée, reportée, abandonnée (vide si non publié)."),
    ("date_statut", "Date de l'état publié."),
    ("avancement", "Avancement publié de l'action à la date de son état, en pour cent (100 pour une action réalisée; vide si non publié)."),
    ("justification", "Justification de l'état."),
    ("indicateurs", "Indicateurs de performance du volet, séparés par « | »."),
)


CONTRIBUTION_COLUMNS = (
    ("document", "Identifiant du document (nom de son fichier de contenu)."),
    ("organisation", "Organisation sous laquelle l'entente est publiée."),
    ("periode_debut", "Année de début de l'entente."),
    ("periode_fin", "Année de fin de l'entente."),
    ("mise_a_jour", "Date de la mise à jour (vide si non indiquée)."),
    ("partie", "Nom de la partie qui contribue."),
    ("sigle", "Sigle de la partie, s'il y a lieu."),
    ("nature", "monetaire, ou non_monetaire pour une contribution en biens ou services."),
    ("montant", "Montant en dollars, virgule décimale."),
    ("montant_en_argent", "Part en argent du montant, en dollars."),
    ("montant_en_biens_et_services", "Part en biens et services du montant, en dollars."),
    ("part_du_total", "Part de l'enveloppe totale, en pour cent, virgule décimale (vide pour une contribution que le total ne compte pas)."),
    ("total_declare", "Enveloppe totale déclarée par l'entente, en dollars."),
)


def csv_text(columns: tuple[tuple[str, str], ...], rows: str) -> str:
    """UTF-8 with BOM, semicolons, CRLF: what Excel set to French (Canada) opens as is."""
    return "\ufeff" + ";".join(name for name, _ in columns) + "\r\n" + rows


def csv_rows(columns: tuple[tuple[str, str], ...], rows: list[dict[str, str]]) -> str:
    """The CSV lines of ``rows`` (no header), in the order of ``columns``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    names = [name for name, _ in columns]
    writer.writerows([spreadsheet_safe(row[name]) for name in names] for row in rows)
    return buffer.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP, "CSV injection"): one that starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _number(value: Decimal) -> str:
    return typo.number(value).replace("\u00a0", "")


def action_rows(site: Site, piar: Piar) -> list[dict[str, str]]:
    rows = []
    for enjeu in piar.enjeux:
        share = enjeu.temps_imparti
        share_text = "" if share is None else (_number(share.pourcentage) if share.pourcentage is not None else share.note or "")
        for number, volet in enumerate(enjeu.volets, start=1):
            for action in volet.actions:
                deadline = volet.deadline_of(action)
                rows.append(
                    {
                        "document": piar.identifiant,
                        "organisation": site.organisations[piar.organisation].nom,
                        "programme": site.programmes[piar.programme].nom,
                        "date_du_plan": piar.date_du_plan.isoformat(),
                        "mise_a_jour": piar.mise_a_jour.isoformat() if piar.mise_a_jour else "",
                        "enjeu": str(enjeu.numero),
                        "enjeu_titre": enjeu.titre,
                        "temps_imparti": share_text,
                        "volet": str(number),
                        "objectifs_programme": _groups(volet.objectifs_programme),
                        "axes_programme": _groups(volet.axes_programme),
                        "objectifs_a_atteindre": " | ".join(o.texte for o in volet.objectifs),
                        "action": " ".join([action.texte, *action.elements]),
                        "echeance": to_data(deadline) if deadline else "",
                        "statut": action.statut.etat if action.statut else "",
                        "date_statut": action.statut.date.isoformat() if action.statut else "",
                        "avancement": _number(action.statut.progress) if action.statut and action.statut.progress is not None and action.statut.etat != "à venir" else "",
                        "justification": (action.statut.justification or "") if action.statut else "",
                        "indicateurs": " | ".join(" ".join([i.texte, *i.elements]) for i in volet.indicateurs),
                    }
                )
    return rows


def _groups(renvois: Renvois | None) -> str:
    return "; ".join("-".join(map(str, g)) for g in renvois.groupes) if renvois else ""


def contribution_rows(site: Site, entente: Entente) -> list[dict[str, str]]:
    if not entente.contributions:
        return []
    total = entente.contributions.total_declare
    rows = []
    for part in entente.contributions.parties:
        org = site.organisations.get(part.organisation or "")
        rows.append(
            {
                "document": entente.identifiant,
                "organisation": site.organisations[entente.organisation].nom,
                "periode_debut": str(entente.periode.debut),
                "periode_fin": str(entente.periode.fin),
                "mise_a_jour": entente.mise_a_jour.isoformat() if entente.mise_a_jour else "",
                "partie": org.nom if org else part.libelle or "",
                "sigle": (org.sigle or "") if org else "",
                "nature": part.nature,
                "montant": _number(part.montant),
                "montant_en_argent": _number(part.en_argent),
                "montant_en_biens_et_services": _number(part.en_nature),
                "part_du_total": typo.number(share, 1) if (share := entente.contributions.share(part)) is not None else "",
                "total_declare": _number(total),
            }
        )
    return rows
