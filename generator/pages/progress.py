"""How far a plan's actions have gone: counts by state, overdue actions, mean progress and its bar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Iterable

from generator import typography as typo
from generator.content.models import ETATS, Action, Enjeu, Piar, Volet
from generator.pages.parts import count_text
from generator.typography import NBSP


DONE = ("réalisée", "abandonnée")


def actions_of(enjeux: Iterable[Enjeu]) -> list[tuple[Enjeu, Volet, Action]]:
    return [(e, v, a) for e in enjeux for v in e.volets for a in v.actions]


def overdue(piar: Piar, volet: Volet, action: Action) -> bool:
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
    late = sum(1 for _, v, a in actions if overdue(piar, v, a))
    if late:
        reference = typo.date(piar.mise_a_jour) if piar.mise_a_jour else ""
        text += f". En retard au {reference}\u00a0: {late}"
    return text + "."
