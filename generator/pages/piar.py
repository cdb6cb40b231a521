"""A PIAR: summary table, progress, enjeux with their volets, actions, indicators and programme references."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Iterable

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import (
    ETATS,
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
from generator.pages.publication import citation_lines, publication_lines
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
from generator.pages.versions import history_section
from generator.typography import NBSP


def piar_lines(site: Site, piar: Piar, path: str, archived: Archive | None, *, site_url: str = "", current: bool = False) -> list[str]:
    programme = site.programmes[piar.programme]
    org = site.organisations[piar.organisation]
    kind = site.info.types_de_documents.piar
    # A PIAR's title is the template's: the organisation tells plans apart (search results, tabs).
    lines = [md.heading(1, md.text(f"{piar.titre} — {org.nom}")), ""] + archive_banner(piar, path, archived, current=current)
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
    if not archived:
        lines += document_links(site, piar, path)
    lines += publication_lines(site, piar, path)
    lines += _piar_summary(piar, programme)
    lines += _progress_section(piar)
    for enjeu in piar.enjeux:
        lines += _enjeu(enjeu, programme, path, piar)
    lines += citation_lines(site, piar, path, site_url)
    if not archived:
        lines += history_section(site, piar, path)
    return lines


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


DONE = ("réalisée", "abandonnée")


def actions_of(enjeux: Iterable[Enjeu]) -> list[tuple[Enjeu, Volet, Action]]:
    return [(e, v, a) for e in enjeux for v in e.volets for a in v.actions]


def _overdue(piar: Piar, volet: Volet, action: Action) -> bool:
    """Not done, deadline passed, relative to the document's update date (never the build date)."""
    if piar.mise_a_jour is None or action.statut is None or action.statut.etat in DONE:
        return False
    deadline = volet.deadline_of(action)
    if deadline is None:
        return False
    if deadline.jour:
        last_day = dt.date(deadline.annee, deadline.mois, deadline.jour)
    else:
        following = dt.date(deadline.annee + deadline.mois // 12, deadline.mois % 12 + 1, 1)
        last_day = following - dt.timedelta(days=1)
    return last_day < piar.mise_a_jour


def average_progress(enjeux: Iterable[Enjeu]) -> tuple[Decimal | None, int, int]:
    """The mean progress of the actions whose status is published (abandoned ones left out: réalisée
    counts 100 %, à venir 0 %, the others their published avancement), how many it counts, and how
    many in progress have no published figure."""
    statuses = [a.statut for _, _, a in actions_of(enjeux) if a.statut and a.statut.etat != "abandonnée"]
    known = [s.progress for s in statuses if s.progress is not None]
    mean = sum(known, Decimal(0)) / len(known) if known else None
    return mean, len(known), len(statuses) - len(known)


def progress_bar(value: Decimal, label: str) -> list[str]:
    """An accessible progress bar (role progressbar, its value in text too), drawn by the theme's CSS."""
    shown = typo.percent(value, 0)
    number = f"{value:.0f}"
    return [
        f"{shown}",
        f'{{: .pp-barre role="progressbar" aria-valuenow="{number}" aria-valuemin="0" aria-valuemax="100" '
        f'aria-label="{label}" style="--pp-valeur: {number}%" }}',
        "",
    ]


def progress_text(piar: Piar, enjeux: Iterable[Enjeu]) -> str:
    """Progress in words and numbers: counts by status, share done, overdue actions."""
    actions = actions_of(enjeux)
    total = len(actions)
    if total == 0:
        return "Aucune action."
    published = [a for _, _, a in actions if a.statut]
    if not published:
        return f"{count_text(total, 'action', 'actions')}; statut non publié."
    counts = []
    for state in ETATS:
        n = sum(1 for a in published if a.statut and a.statut.etat == state)
        if n:
            counts.append(f"{n}{NBSP}{state + 's' if n > 1 and state.endswith('ée') else state}")
    done = sum(1 for a in published if a.statut and a.statut.etat == "réalisée")
    text = f"{count_text(total, 'action', 'actions')}\u00a0: {', '.join(counts)}"
    missing = total - len(published)
    if missing:
        text += f", statut non publié pour {missing}"
    share = Decimal(done * 100) / Decimal(total)
    text += f". Part réalisée\u00a0: {done} sur {total} ({typo.percent(share, 0)})"
    mean, counted, unknown = average_progress(enjeux)
    if mean is not None:
        text += f". Avancement moyen\u00a0: {typo.percent(mean, 0)} ({count_text(counted, 'action comptée', 'actions comptées')}"
        text += f", dont les réalisées à 100{NBSP}% et celles à venir à 0{NBSP}%"
        if unknown:
            text += f"; {count_text(unknown, 'action', 'actions')} sans avancement publié"
        text += ")"
    late = sum(1 for _, v, a in actions if _overdue(piar, v, a))
    if late:
        reference = typo.date(piar.mise_a_jour) if piar.mise_a_jour else ""
        text += f". En retard au {reference}\u00a0: {late}"
    return text + "."


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
    if _overdue(piar, volet, action):
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
