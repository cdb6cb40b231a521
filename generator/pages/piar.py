"""A PIAR: summary table, progress, enjeux with their volets, actions, indicators and programme references."""

from __future__ import annotations

from decimal import Decimal

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    Action,
    Element,
    Enjeu,
    Indicateur,
    Piar,
    Programme,
    Renvois,
    Volet,
)
from generator.pages import markdown as md
from generator.pages.addresses import organisation_path, programme_path
from generator.pages.at_a_glance import piar_at_a_glance
from generator.pages.progress import actions_of, average_progress, overdue, progress_bar, progress_text
from generator.pages.publication import closing_lines, publication_lines
from generator.pages.parts import (
    COLON,
    Archive,
    archive_banner,
    count_text,
    document_links,
    plural_label,
    programme_name,
    time_share,
    updated_text,
)
from generator.typography import NBSP


def piar_lines(site: Site, piar: Piar, path: str, archived: Archive | None, *, site_url: str = "") -> list[str]:
    programme = site.programmes[piar.programme]
    org = site.organisations[piar.organisation]
    kind = site.info.types_de_documents.piar
    # A PIAR's title is the template's: the organisation tells plans apart (search results, tabs).
    lines = [md.heading(1, md.text(f"{piar.titre} — {org.nom}")), ""] + archive_banner(piar, path, archived)
    lines += md.bullets(
        [
            f"Organisation{COLON} " + md.link(md.text(org.nom), md.relative(path, organisation_path(org.identifiant))),
            f"Programme{COLON} "
            + md.link(md.text(programme_name(programme)), md.relative(path, programme_path(programme.identifiant))),
            f"Date du plan{COLON} {typo.date(piar.date_du_plan)}",
            md.text(updated_text(piar)),
        ]
    )
    lines.append("")
    if kind.presentation:
        lines += [line for p in kind.presentation for line in (md.text(p), "")]
        if programme.piar:
            lines += [
                md.link(
                    f"Ce que le programme {md.text(programme.nom_court)} demande dans un {md.text(kind.sigle or kind.nom)}",
                    md.relative(path, programme_path(programme.identifiant), "piar"),
                )
                + ".",
                "",
            ]
    lines += piar_at_a_glance(piar, path)
    if not archived:
        lines += document_links(site, piar, path)
    lines += publication_lines(site, piar, path)
    lines += _piar_summary(piar, programme)
    lines += _progress_section(piar)
    for enjeu in piar.enjeux:
        lines += _enjeu(enjeu, programme, path, piar)
    return lines + closing_lines(site, piar, path, archived is not None, site_url)


def _piar_summary(piar: Piar, programme: Programme) -> list[str]:
    short = md.text(programme.nom_court)
    rows = []
    for enjeu in piar.enjeux:
        objectives = typo.join(str(n) for n in enjeu.renvois("objectifs_programme"))
        axes = typo.join(str(n) for n in enjeu.renvois("axes_programme"))
        rows.append(
            [
                md.link(f"{enjeu.numero}. {md.text(enjeu.titre)}", f"#enjeu-{enjeu.numero}"),
                f"{plural_label(enjeu.renvois('objectifs_programme'), 'Objectif')}{NBSP}{objectives}; "
                f"{plural_label(enjeu.renvois('axes_programme'), 'axe')}{NBSP}{axes}",
                time_share(enjeu),
            ]
        )
    shares = [e.temps_imparti.pourcentage for e in piar.enjeux if e.temps_imparti and e.temps_imparti.pourcentage is not None]
    if shares:
        rows.append(["**Total des pourcentages indiqués**", "", f"**{typo.percent(sum(shares, Decimal(0)))}**"])
    lines = [md.heading(2, "Sommaire des enjeux", "sommaire"), ""]
    lines += [f"Le plan compte {count_text(len(piar.enjeux), 'enjeu', 'enjeux')}.", ""]
    lines += md.table(
        ["Enjeu", f"Objectifs et axes {typo.of(short)}", "Temps imparti par les ressources"],
        rows,
        "Enjeux du plan, avec les objectifs et les axes du programme qu'ils visent et le temps imparti",
    )
    return lines + [""]


def _progress_section(piar: Piar) -> list[str]:
    lines = [md.heading(2, "Avancement", "avancement"), ""]
    lines += [progress_text(piar, piar.enjeux), ""]
    mean, _, _ = average_progress(piar.enjeux)
    if mean is not None:
        lines += progress_bar(mean, "Avancement moyen des actions du plan")
    if any(a.statut for _, _, a in actions_of(piar.enjeux)) and piar.mise_a_jour:
        lines += [
            f"Les retards sont établis à la date de mise à jour du plan ({typo.date(piar.mise_a_jour)}), "
            "pas à la date de consultation.",
            "",
        ]
    return lines


def _enjeu(enjeu: Enjeu, programme: Programme, path: str, piar: Piar) -> list[str]:
    anchor = f"enjeu-{enjeu.numero}"
    short = md.text(programme.nom_court)
    lines = [md.heading(2, f"Enjeu {enjeu.numero}{COLON} {md.text(enjeu.titre)}", anchor), ""]
    lines += [f"**Objectifs {typo.of(short)} visés par l'enjeu**", ""]
    lines += md.bullets([_statement_link(programme, "objectif", n, path) for n in enjeu.renvois("objectifs_programme")])
    lines += ["", f"**Axes d'intervention {typo.of(short)} visés par l'enjeu**", ""]
    lines += md.bullets([_statement_link(programme, "axe", n, path) for n in enjeu.renvois("axes_programme")])
    lines += ["", f"**Temps imparti par les ressources{COLON}** {time_share(enjeu)}", ""]
    lines += [f"**Avancement{COLON}** {progress_text(piar, [enjeu])}", ""]
    mean, _, _ = average_progress([enjeu])
    if mean is not None:
        lines += progress_bar(mean, f"Avancement moyen des actions de l'enjeu {enjeu.numero}")
    several = len(enjeu.volets) > 1
    for index, volet in enumerate(enjeu.volets, start=1):
        level = 3
        if several:
            lines += [md.heading(3, f"Volet {enjeu.numero}.{index}", f"{anchor}-volet-{index}"), ""]
            level = 4
        lines += _volet(volet, programme, path, level, f"{anchor}-{index}", several, piar)
    return lines


def _volet(volet: Volet, programme: Programme, path: str, level: int, anchor: str, several: bool, piar: Piar) -> list[str]:
    lines: list[str] = []
    short = md.text(programme.nom_court)
    refs = []
    for renvois, word, kind in (
        (volet.objectifs_programme, "Objectifs", "objectif"),
        (volet.axes_programme, "Axes", "axe"),
    ):
        if renvois and (several or len(renvois.groupes) > 1):
            refs.append(f"{word} {typo.of(short)} indiqués pour ce volet{COLON} {_groups(renvois, programme, kind, path)}")
    if refs:
        lines += md.bullets(refs) + [""]
    lines += [md.heading(level, "Objectifs à atteindre", f"{anchor}-objectifs"), ""] + element_items(volet.objectifs) + [""]
    lines += [md.heading(level, "Actions ou interventions", f"{anchor}-actions"), ""]
    lines += _actions(piar, volet) + [""]
    if volet.ressources:
        lines += [md.heading(level, "Ressources", f"{anchor}-ressources"), ""] + element_items(volet.ressources) + [""]
    deadlines = [typo.month(e.annee, e.mois, e.jour) for e in volet.echeances]
    label = "Échéances" if len(deadlines) > 1 else "Échéance"
    lines += [md.heading(level, label, f"{anchor}-echeances"), ""]
    lines += (md.bullets(deadlines) if deadlines else ["Aucune échéance n'est indiquée dans le plan pour ce volet."]) + [""]
    if volet.indicateurs:
        lines += [md.heading(level, "Indicateurs de performance", f"{anchor}-indicateurs"), ""]
        lines += _indicators(volet.indicateurs) + [""]
    return lines


def status_text(piar: Piar, volet: Volet, action: Action) -> str:
    statut = action.statut
    if statut is None:
        return ""
    text = f"Statut{COLON} **{statut.etat}** au {typo.date(statut.date)}"
    if statut.avancement is not None and statut.etat != "réalisée":
        text += f", avancement de {typo.percent(statut.avancement.pourcentage)}"
    if statut.justification:
        text += f" ({md.text(statut.justification.rstrip('.'))})"
    if overdue(piar, volet, action):
        text += ". **En retard**\u00a0: échéance dépassée à la mise à jour du plan"
    return text + "."


def _item(text: str, subitems: tuple[str, ...], details: list[str] | None = None) -> list[str]:
    """A list item with its sub-items, then its follow-up details (already Markdown) as a paragraph."""
    lines = [f"- {md.text(text)}", *md.bullets([md.text(sub) for sub in subitems], indent=4)]
    if details:
        lines += ["", "    " + " ".join(details), ""]
    return lines


def _actions(piar: Piar, volet: Volet) -> list[str]:
    lines = []
    for action in volet.actions:
        details = []
        if action.echeance:
            deadline = typo.month(action.echeance.annee, action.echeance.mois, action.echeance.jour)
            details.append(f"Échéance de l'action{COLON} {deadline}.")
        status = status_text(piar, volet, action)
        if status:
            details.append(status)
        lines += _item(action.texte, action.elements, details)
    return lines


def _indicators(items: tuple[Indicateur, ...]) -> list[str]:
    lines = []
    for item in items:
        details = []
        if item.cible:
            details.append(f"Cible{COLON} {md.text(item.cible)}.")
        if item.resultat:
            measured = f" (mesuré le {typo.date(item.date_resultat)})" if item.date_resultat else ""
            details.append(f"Résultat{COLON} {md.text(item.resultat)}{measured}.")
        lines += _item(item.texte, item.elements, details)
    return lines


def element_items(items: tuple[Element, ...]) -> list[str]:
    return [line for item in items for line in _item(item.texte, item.elements)]


def _groups(renvois: Renvois, programme: Programme, kind: str, path: str) -> str:
    anchor = "objectif" if kind == "objectif" else "axe"
    groups = [
        typo.join(md.link(str(n), md.relative(path, programme_path(programme.identifiant), f"{anchor}-{n}")) for n in group)
        for group in renvois.groupes
    ]
    return "; ".join(groups)


def _statement_link(programme: Programme, kind: str, number: int, path: str) -> str:
    statements = programme.objectifs if kind == "objectif" else programme.axes
    text = next(s.texte for s in statements if s.numero == number)
    target = md.relative(path, programme_path(programme.identifiant), f"{kind}-{number}")
    return md.link(f"{number}. {md.text(text)}", target)
