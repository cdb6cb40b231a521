"""Turn a checked :class:`~generator.content.Site` into Markdown pages and a navigation.

Pure functions, no MkDocs: the plugin and the ``exporter`` command both call
:func:`render_pages` and :func:`build_nav`, so they hand out the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections import defaultdict
from decimal import Decimal
from typing import Callable, Iterable

from generator import md, typo
from generator.content import Site, without_cycle_collection
from generator.pages import Bar, NavItem, Page, Planned  # noqa: F401 - re-exported
from generator.models import ETATS, Action, Document, Glossaire, Element, Entente, Enjeu, Indicateur, Piar, Programme, Renvois, Volet, version_date
from generator.typo import NBSP

COLON = NBSP + ":"
CHART_MARKER = "<!-- graphique-contributions -->"
GLOSSARY_PATH = "glossaire.md"
NO_REGION = "ensemble-du-quebec"
NO_REGION_NAME = "Ensemble du Québec"




# --- addresses ----------------------------------------------------------------------


def home_path() -> str:
    return "index.md"


def region_path(identifier: str) -> str:
    return f"regions/{identifier}/index.md"


def organisation_path(identifier: str) -> str:
    return f"organisations/{identifier}/index.md"


def document_path(identifier: str) -> str:
    return f"documents/{identifier}/index.md"


def schedule_path(identifier: str) -> str:
    return f"documents/{identifier}/echeancier.md"


def version_path(identifier: str, date: dt.date) -> str:
    return f"documents/{identifier}/versions/{date.isoformat()}.md"


def download_path(identifier: str, extension: str) -> str:
    return f"documents/{identifier}/{identifier}.{extension}"


DATA_PATH = "donnees/index.md"


def programme_path(identifier: str) -> str:
    return f"programmes/{identifier}.md"


def programme_region_path(identifier: str, region_id: str) -> str:
    return f"programmes/{identifier}/{region_id}.md"


# Above these sizes, pages that would list every document list by region instead,
# so that no page grows with the number of organisations (a provincial portal).
HOME_FULL_LIST = 40
PROGRAMME_FULL_LIST = 20
LATEST_UPDATES = 20


# --- entry points -------------------------------------------------------------------


def page_plan(site: Site) -> list[tuple[Planned, Callable[[], Page]]]:
    """Each page of the site, in order: where it goes and how to render it.

    The plan is cheap: a site engine can list the pages (and build its menu) before
    any of them is rendered; :func:`render_pages` checks that each page matches it.
    """
    plan: list[tuple[Planned, Callable[[], Page]]] = [(Planned(home_path(), "site.yml"), lambda: _home(site))]
    for region_id, organisations in _by_region(site).items():
        plan.append((Planned(region_path(region_id), "regions.yml"), functools.partial(_region_page, site, region_id, organisations)))
    for org_id in sorted({d.organisation for d in site.documents.values()}):
        plan.append((Planned(organisation_path(org_id), f"organisations/{org_id}.yml"), functools.partial(_organisation_page, site, org_id)))
    for document in site.documents.values():
        identifier = document.identifiant
        plan.append((Planned(document_path(identifier), document.source), functools.partial(_document_page, site, document)))
        if isinstance(document, Piar):
            plan.append((Planned(schedule_path(identifier), document.source, in_nav=False), functools.partial(_schedule_page, site, document)))
        versions = site.versions.get(identifier, ())
        for index, (date, version) in enumerate(versions):
            newer = versions[index + 1][0] if index + 1 < len(versions) else version_date(document)
            plan.append(
                (Planned(version_path(identifier, date), version.source, in_nav=False),
                 functools.partial(_document_page, site, version, archived=(date, newer)))
            )  # fmt: skip
    plan.append((Planned(DATA_PATH, "site.yml"), lambda: _data_page(site)))
    for programme in site.programmes.values():
        source = f"programmes/{programme.identifiant}.yml"
        plan.append((Planned(programme_path(programme.identifiant), source), functools.partial(_programme_page, site, programme)))
        if _programme_by_region(site, programme):
            for region_id in _plans_by_region(site, programme):
                plan.append(
                    (Planned(programme_region_path(programme.identifiant, region_id), source),
                     functools.partial(_programme_region_page, site, programme, region_id))
                )  # fmt: skip
    if site.glossary:
        plan.append((Planned(GLOSSARY_PATH, "glossaire.yml"), lambda: _glossary_page(site)))
    return plan


@without_cycle_collection
def render_pages(
    site: Site, start: int = 0, stop: int | None = None, *, plan: list[tuple[Planned, Callable[[], Page]]] | None = None
) -> dict[str, Page]:
    """Every page of the site (or those of ``page_plan(site)[start:stop]``), keyed by its path, in order.

    The plan gives each page its source file and its place in the menu; pass it when
    rendering the site in several ranges, so that it is worked out once.
    """
    latest = _latest_date(site.documents.values())
    by_path: dict[str, Document] = {document_path(d.identifiant): d for d in site.documents.values()}
    for identifier, versions in site.versions.items():
        by_path.update({version_path(identifier, date): v for date, v in versions})
    finished = {}
    for planned, build in (page_plan(site) if plan is None else plan)[start:stop]:
        page = build()
        if page.path != planned.path:  # pragma: no cover - page_plan and the page functions name the same addresses
            raise AssertionError(f"page_plan says {planned.path}, the page is {page.path}")
        document = by_path.get(page.path)
        date = (_latest_date([document]) if document else None) or latest
        chart = _chart(site, document) if isinstance(document, Entente) else ()
        markdown = page.markdown + _abbreviations(site, page.markdown)
        finished[page.path] = dataclasses.replace(
            page, source=planned.source, in_nav=planned.in_nav, date=date, chart=chart, markdown=markdown
        )
    return finished


def _abbreviations(site: Site, markdown: str) -> str:
    """Abbreviation definitions (Markdown ``abbr``) for the glossary's sigles used on a page."""
    if not site.glossary:
        return ""
    words, others = _sigles(site.glossary)
    found = set()
    if words is not None:
        # A plain alternation lets the regex engine skip ahead by first letters (fast); a sigle
        # counts as a whole word only: no word character or hyphen on either side.
        for match in words.finditer(markdown):
            start, end = match.span()
            if not (start and _word_char(markdown[start - 1])) and not (end < len(markdown) and _word_char(markdown[end])):
                found.add(match.group())
    if others is not None:
        found.update(others.findall(markdown))
    used = [entry for entry in site.glossary.sigles if entry.forme_longue and entry.sigle in found]
    if not used:
        return ""
    return "\n" + "\n".join(f"*[{e.sigle}]: {' '.join(e.forme_longue.split())}" for e in used) + "\n"


def _word_char(character: str) -> bool:
    return character.isalnum() or character in "_-"


_TOKEN = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=4)
def _sigles(glossary: Glossaire) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns for the glossary's sigles: those made of word characters, and the others (as whole words)."""
    names = sorted((e.sigle for e in glossary.sigles if e.forme_longue), key=len, reverse=True)
    words = [n for n in names if _TOKEN.fullmatch(n)]
    others = [n for n in names if not _TOKEN.fullmatch(n)]
    return (
        re.compile("|".join(map(re.escape, words))) if words else None,
        re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, others))})(?![\w-])") if others else None,
    )


def _glossary_page(site: Site) -> Page:
    assert site.glossary is not None
    rows = [
        [md.text(e.sigle), md.text(e.forme_longue) if e.forme_longue else "Forme longue non précisée dans les documents"]
        for e in sorted(site.glossary.sigles, key=lambda e: e.sigle)
    ]
    lines = [md.heading(1, "Glossaire des sigles"), ""]
    lines += ["Les sigles employés dans les documents publiés sur ce site, avec leur forme longue.", ""]
    lines += md.table(["Sigle", "Forme longue"], rows, "Sigles et leur forme longue") + [""]
    return Page(GLOSSARY_PATH, "Glossaire des sigles", _finish(lines))


def _chart(site: Site, entente: Entente) -> tuple[Bar, ...]:
    contributions = entente.contributions
    if not contributions or not contributions.parties:
        return ()
    largest = max(p.montant for p in contributions.parties) or Decimal(1)
    bars = []
    for part in contributions.parties:
        org = site.organisations.get(part.organisation or "")
        label = (org.sigle or org.nom) if org else part.libelle or ""
        share = typo.percent(part.montant * 100 / contributions.total_declare, 1) if contributions.total_declare else ""
        bars.append(Bar(label, typo.amount(part.montant), share, float(part.montant / largest), part.nature == "non_monetaire"))
    return tuple(bars)


def _latest_date(documents) -> dt.date | None:  # type: ignore[no-untyped-def]
    dates = [d.mise_a_jour or getattr(d, "date_du_plan", None) for d in documents]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def build_nav(site: Site) -> list[NavItem]:
    """MkDocs-style navigation: regions → organisations → documents, then programmes."""
    nav: list[NavItem] = [{"Accueil": home_path()}]
    for region_id, organisations in _by_region(site).items():
        children: list[NavItem] = [{_region_name(site, region_id): region_path(region_id)}]
        for org_id, documents in organisations.items():
            org_children: list[NavItem] = [{site.organisations[org_id].nom: organisation_path(org_id)}]
            org_children += [{_short_title(site, d): document_path(d.identifiant)} for d in documents]
            children.append({site.organisations[org_id].nom: org_children})
        nav.append({_region_name(site, region_id): children})
    # Each programme at the top level: a page, or a section whose first page is the programme's.
    for p in site.programmes.values():
        if _programme_by_region(site, p):
            children: list[NavItem] = [{p.nom: programme_path(p.identifiant)}]
            children += [{_region_name(site, r): programme_region_path(p.identifiant, r)} for r in _plans_by_region(site, p)]
            nav.append({p.nom: children})
        else:
            nav.append({p.nom: programme_path(p.identifiant)})
    nav.append({"Données ouvertes": DATA_PATH})
    if site.glossary:
        nav.append({"Glossaire des sigles": GLOSSARY_PATH})
    return nav


# --- grouping -----------------------------------------------------------------------


def _by_region(site: Site) -> dict[str, dict[str, list[Document]]]:
    """region id → organisation id → documents, regions by name, organisations by name."""
    grouped: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for document in site.documents.values():
        region = site.region_of(document)
        grouped[region.identifiant if region else NO_REGION][document.organisation].append(document)
    ordered = {}
    for region_id in sorted(grouped, key=lambda r: (r == NO_REGION, _region_name(site, r))):
        organisations = grouped[region_id]
        ordered[region_id] = {
            org: sorted(organisations[org], key=lambda d: (d.titre, d.identifiant))
            for org in sorted(organisations, key=lambda o: site.organisations[o].nom)
        }
    return ordered


def _region_name(site: Site, region_id: str) -> str:
    return site.regions[region_id].nom if region_id in site.regions else NO_REGION_NAME


def _short_title(site: Site, document: Document) -> str:
    return document.titre_court or document.titre


def _kind(site: Site, document: Document) -> str:
    kind = getattr(site.info.types_de_documents, document.type)
    return f"{kind.nom} ({kind.sigle})" if kind.sigle else kind.nom


def _updated(document: Document) -> str:
    if document.mise_a_jour:
        return f"À jour le {typo.date(document.mise_a_jour)}"
    return "Date de mise à jour non indiquée dans le document"


def _document_summary(site: Site, document: Document, from_page: str, *, with_org: bool) -> list[str]:
    label = md.link(md.text(document.titre), md.relative(from_page, document_path(document.identifiant)))
    facts = [f"Type{COLON} {md.text(_kind(site, document))}"]
    if with_org:
        facts.append(f"organisation{COLON} {md.text(site.organisations[document.organisation].nom)}")
    if isinstance(document, Entente):
        facts.append(f"période{COLON} {_period(document)}")
    facts.append(md.text(_updated(document)[0].lower() + _updated(document)[1:]))
    return [f"- {label}  ", f"  {'; '.join(facts)}."]


# --- pages --------------------------------------------------------------------------


def _home(site: Site) -> Page:
    path = home_path()
    lines = [md.heading(1, md.text(site.info.titre)), "", md.text(site.info.description), ""]
    lines += [md.heading(2, "Documents publiés", "documents"), ""]
    grouped = _by_region(site)
    if len(site.documents) <= HOME_FULL_LIST:
        for region_id, organisations in grouped.items():
            region_link = md.link(md.text(_region_name(site, region_id)), md.relative(path, region_path(region_id)))
            lines += [md.heading(3, region_link), ""]
            for org_id, documents in organisations.items():
                org_link = md.link(md.text(site.organisations[org_id].nom), md.relative(path, organisation_path(org_id)))
                lines += [md.heading(4, org_link), ""]
                for document in documents:
                    lines += _document_summary(site, document, path, with_org=False)
                lines.append("")
    else:
        total = _count(len(site.documents), "document publié", "documents publiés")
        lines += [f"{total} par {_count(len({d.organisation for d in site.documents.values()}), 'organisation', 'organisations')}, par région{COLON}", ""]
        for region_id, organisations in grouped.items():
            count = sum(len(d) for d in organisations.values())
            region_link = md.link(md.text(_region_name(site, region_id)), md.relative(path, region_path(region_id)))
            lines.append(
                f"- {region_link}{COLON} {_count(count, 'document', 'documents')}, "
                f"{_count(len(organisations), 'organisation', 'organisations')}"
            )
        lines += ["", md.heading(2, "Dernières mises à jour", "mises-a-jour"), ""]
        recent = sorted(
            site.documents.values(),
            key=lambda d: (-(d.mise_a_jour or dt.date.min).toordinal(), d.titre, d.identifiant),
        )[:LATEST_UPDATES]
        for document in recent:
            lines += _document_summary(site, document, path, with_org=True)
        lines.append("")
    if site.programmes:
        lines += [md.heading(2, "Programmes", "programmes"), ""]
        for programme in site.programmes.values():
            lines.append(
                "- " + md.link(md.text(_programme_name(programme)), md.relative(path, programme_path(programme.identifiant)))
            )
        lines.append("")
    return Page(path, "Accueil", _finish(lines), head_title=site.info.titre)


def _region_page(site: Site, region_id: str, organisations: dict[str, list[Document]]) -> Page:
    path = region_path(region_id)
    name = _region_name(site, region_id)
    lines = [md.heading(1, md.text(name)), ""]
    count = sum(len(d) for d in organisations.values())
    lines += [f"{_count(count, 'document publié', 'documents publiés')} pour cette région.", ""]
    for org_id, documents in organisations.items():
        org = site.organisations[org_id]
        lines += [md.heading(2, md.link(md.text(org.nom), md.relative(path, organisation_path(org_id)))), ""]
        for document in documents:
            lines += _document_summary(site, document, path, with_org=False)
        lines.append("")
    return Page(path, name, _finish(lines))


def _organisation_page(site: Site, org_id: str) -> Page:
    path = organisation_path(org_id)
    org = site.organisations[org_id]
    lines = [md.heading(1, md.text(org.nom)), ""]
    facts = []
    if org.sigle:
        facts.append(f"Sigle{COLON} {md.text(org.sigle)}")
    if org.region and org.region in site.regions:
        region = site.regions[org.region]
        facts.append(f"Région{COLON} " + md.link(md.text(region.nom), md.relative(path, region_path(region.identifiant))))
    if org.site_web:
        facts.append(f"Site Web{COLON} " + md.link(md.text(org.site_web), org.site_web))
    lines += md.bullets(facts) + ([""] if facts else [])
    lines += [md.heading(2, "Documents publiés", "documents"), ""]
    documents = sorted(
        (d for d in site.documents.values() if d.organisation == org_id), key=lambda d: (d.titre, d.identifiant)
    )
    for document in documents:
        lines += _document_summary(site, document, path, with_org=False)
    return Page(path, org.nom, _finish(lines))


# --- PIAR ---------------------------------------------------------------------------


Archive = tuple[dt.date, "dt.date | None"]  # a former version's date, and the next version's


def _document_page(site: Site, document: Document, archived: Archive | None = None) -> Page:
    path = version_path(document.identifiant, archived[0]) if archived else document_path(document.identifiant)
    if isinstance(document, Piar):
        lines = _piar_lines(site, document, path, archived)
        head = f"{document.titre} — {site.organisations[document.organisation].nom}"
    else:
        lines = _entente_lines(site, document, path, archived)
        head = document.titre
    if archived:
        head += f" (version du {typo.date(archived[0])})"
        title = f"Version du {typo.date(archived[0])}"
    else:
        title = _short_title(site, document)
    return Page(path, title, _finish(lines), head_title=head)


def _archive_banner(document: Document, path: str, archived: Archive | None) -> list[str]:
    if not archived:
        return []
    date, newer = archived
    current = md.link("la version actuelle", md.relative(path, document_path(document.identifiant)))
    replaced = f", remplacée le {typo.date(newer)}" if newer else ""
    return [f"**Ancienne version du {typo.date(date)}{replaced}.** Consultez {current}.", ""]


def _document_links(site: Site, document: Document, path: str) -> list[str]:
    """Downloads, and a plan's schedule."""
    links = []
    if isinstance(document, Piar):
        links.append(md.link("Échéancier des actions", md.relative(path, schedule_path(document.identifiant))))
    links.append(
        "Données du document : "
        + md.link("CSV", md.relative(path, download_path(document.identifiant, "csv")))
        + ", "
        + md.link("JSON", md.relative(path, download_path(document.identifiant, "json")))
        + " ("
        + md.link("dictionnaire des données", md.relative(path, DATA_PATH))
        + ")"
    )
    return md.bullets(links) + [""]


def _piar_lines(site: Site, piar: Piar, path: str, archived: Archive | None) -> list[str]:
    programme = site.programmes[piar.programme]
    org = site.organisations[piar.organisation]
    kind = site.info.types_de_documents.piar
    # A PIAR's title is the template's: the organisation tells plans apart (search results, tabs).
    lines = [md.heading(1, md.text(f"{piar.titre} — {org.nom}")), ""] + _archive_banner(piar, path, archived)
    lines += md.bullets(
        [
            f"Organisation{COLON} " + md.link(md.text(org.nom), md.relative(path, organisation_path(org.identifiant))),
            f"Programme{COLON} "
            + md.link(md.text(_programme_name(programme)), md.relative(path, programme_path(programme.identifiant))),
            f"Date du plan{COLON} {typo.date(piar.date_du_plan)}",
            md.text(_updated(piar)),
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
        lines += _document_links(site, piar, path)
    lines += _piar_summary(piar, programme)
    lines += _progress_section(piar)
    for enjeu in piar.enjeux:
        lines += _enjeu(enjeu, programme, path, piar)
    if not archived:
        lines += _history(site, piar, path)
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
                f"{_plural(enjeu.renvois('objectifs_programme'), 'Objectif')}{NBSP}{objectives}; "
                f"{_plural(enjeu.renvois('axes_programme'), 'axe')}{NBSP}{axes}",
                _time_share(enjeu),
            ]
        )
    shares = [e.temps_imparti.pourcentage for e in piar.enjeux if e.temps_imparti and e.temps_imparti.pourcentage is not None]
    if shares:
        rows.append(["**Total des pourcentages indiqués**", "", f"**{typo.percent(sum(shares, Decimal(0)))}**"])
    lines = [md.heading(2, "Sommaire des enjeux", "sommaire"), ""]
    lines += [f"Le plan compte {_count(len(piar.enjeux), 'enjeu', 'enjeux')}.", ""]
    lines += md.table(
        ["Enjeu", f"Objectifs et axes {typo.of(short)}", "Temps imparti par les ressources"],
        rows,
        "Enjeux du plan, avec les objectifs et les axes du programme qu'ils visent et le temps imparti",
    )
    return lines + [""]


DONE = ("réalisée", "abandonnée")


def _actions_of(enjeux: Iterable[Enjeu]) -> list[tuple[Enjeu, Volet, Action]]:
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


def _progress(piar: Piar, enjeux: Iterable[Enjeu]) -> str:
    """Progress in words and numbers: counts by status, share done, overdue actions."""
    actions = _actions_of(enjeux)
    total = len(actions)
    if total == 0:
        return "Aucune action."
    published = [a for _, _, a in actions if a.statut]
    if not published:
        return f"{_count(total, 'action', 'actions')}; statut non publié."
    counts = []
    for state in ETATS:
        n = sum(1 for a in published if a.statut and a.statut.etat == state)
        if n:
            counts.append(f"{n}{NBSP}{state + 's' if n > 1 and state.endswith('ée') else state}")
    done = sum(1 for a in published if a.statut and a.statut.etat == "réalisée")
    text = f"{_count(total, 'action', 'actions')}\u00a0: {', '.join(counts)}"
    missing = total - len(published)
    if missing:
        text += f", statut non publié pour {missing}"
    share = Decimal(done * 100) / Decimal(total)
    text += f". Part réalisée\u00a0: {done} sur {total} ({typo.percent(share, 0)})"
    late = sum(1 for _, v, a in actions if _overdue(piar, v, a))
    if late:
        reference = typo.date(piar.mise_a_jour) if piar.mise_a_jour else ""
        text += f". En retard au {reference}\u00a0: {late}"
    return text + "."


def _progress_section(piar: Piar) -> list[str]:
    lines = [md.heading(2, "Avancement", "avancement"), ""]
    lines += [_progress(piar, piar.enjeux), ""]
    if any(a.statut for _, _, a in _actions_of(piar.enjeux)) and piar.mise_a_jour:
        lines += [
            f"Les retards sont établis à la date de mise à jour du plan ({typo.date(piar.mise_a_jour)}), "
            "pas à la date de consultation.",
            "",
        ]
    return lines


def time_share_text(enjeu: Enjeu) -> str:
    """The enjeu's share of staff time as plain text: a percentage, the document's note, or none."""
    share = enjeu.temps_imparti
    if share is None:
        return "Non indiqué"
    if share.pourcentage is not None:
        return typo.percent(share.pourcentage)
    return share.note or ""


def _time_share(enjeu: Enjeu) -> str:
    return md.text(time_share_text(enjeu))


def _enjeu(enjeu: Enjeu, programme: Programme, path: str, piar: Piar) -> list[str]:
    anchor = f"enjeu-{enjeu.numero}"
    short = md.text(programme.nom_court)
    lines = [md.heading(2, f"Enjeu {enjeu.numero}{COLON} {md.text(enjeu.titre)}", anchor), ""]
    lines += [f"**Objectifs {typo.of(short)} visés par l'enjeu**", ""]
    lines += md.bullets([_statement_link(programme, "objectif", n, path) for n in enjeu.renvois("objectifs_programme")])
    lines += ["", f"**Axes d'intervention {typo.of(short)} visés par l'enjeu**", ""]
    lines += md.bullets([_statement_link(programme, "axe", n, path) for n in enjeu.renvois("axes_programme")])
    lines += ["", f"**Temps imparti par les ressources{COLON}** {_time_share(enjeu)}", ""]
    lines += [f"**Avancement{COLON}** {_progress(piar, [enjeu])}", ""]
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
    lines += [md.heading(level, "Objectifs à atteindre", f"{anchor}-objectifs"), ""] + _elements(volet.objectifs) + [""]
    lines += [md.heading(level, "Actions ou interventions", f"{anchor}-actions"), ""]
    lines += _actions(piar, volet) + [""]
    if volet.ressources:
        lines += [md.heading(level, "Ressources", f"{anchor}-ressources"), ""] + _elements(volet.ressources) + [""]
    deadlines = [typo.month(e.annee, e.mois, e.jour) for e in volet.echeances]
    label = "Échéances" if len(deadlines) > 1 else "Échéance"
    lines += [md.heading(level, label, f"{anchor}-echeances"), ""]
    lines += (md.bullets(deadlines) if deadlines else ["Aucune échéance n'est indiquée dans le plan pour ce volet."]) + [""]
    if volet.indicateurs:
        lines += [md.heading(level, "Indicateurs de performance", f"{anchor}-indicateurs"), ""]
        lines += _indicators(volet.indicateurs) + [""]
    return lines


def _status(piar: Piar, volet: Volet, action: Action) -> str:
    statut = action.statut
    if statut is None:
        return ""
    text = f"Statut{COLON} **{statut.etat}** au {typo.date(statut.date)}"
    if statut.justification:
        text += f" ({md.text(statut.justification.rstrip('.'))})"
    if _overdue(piar, volet, action):
        text += f". **En retard**\u00a0: échéance dépassée à la mise à jour du plan"
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
        status = _status(piar, volet, action)
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


def _elements(items: tuple[Element, ...]) -> list[str]:
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


# --- Programme ----------------------------------------------------------------------


def _programme_name(programme: Programme) -> str:
    return f"{programme.nom} ({programme.sigle})" if programme.sigle else programme.nom


def _plans_of(site: Site, programme: Programme) -> list[Piar]:
    return [d for d in site.documents.values() if isinstance(d, Piar) and d.programme == programme.identifiant]


def _programme_by_region(site: Site, programme: Programme) -> bool:
    return len(_plans_of(site, programme)) > PROGRAMME_FULL_LIST


def _plans_by_region(site: Site, programme: Programme) -> dict[str, list[Piar]]:
    grouped: dict[str, list[Piar]] = defaultdict(list)
    for plan in _plans_of(site, programme):
        region = site.region_of(plan)
        grouped[region.identifiant if region else NO_REGION].append(plan)
    return {r: grouped[r] for r in sorted(grouped, key=lambda r: (r == NO_REGION, _region_name(site, r)))}


_STATEMENT_KINDS = (
    ("Objectifs généraux", "objectifs", "objectif", "Objectif", "objectifs_programme"),
    ("Axes d'intervention", "axes", "axe", "Axe", "axes_programme"),
)


def _serving(plans: list[Piar], field_name: str, number: int) -> list[tuple[Piar, list[Enjeu]]]:
    """Plans with the enjeux of each that serve one numbered statement."""
    result = []
    for plan in plans:
        enjeux = [e for e in plan.enjeux if number in e.renvois(field_name)]  # type: ignore[arg-type]
        if enjeux:
            result.append((plan, enjeux))
    return result


def _programme_page(site: Site, programme: Programme) -> Page:
    path = programme_path(programme.identifiant)
    lines = [md.heading(1, md.text(_programme_name(programme))), ""]
    if programme.responsable:
        responsible = site.organisations[programme.responsable].nom_avec_sigle
        lines += [f"Organisation responsable{COLON} {md.text(responsible)}.", ""]
    plans = _plans_of(site, programme)
    by_region = _programme_by_region(site, programme)
    regions = _plans_by_region(site, programme) if by_region else {}
    lines += [
        f"{_count(len(plans), 'plan publié sur ce site relève', 'plans publiés sur ce site relèvent')} de ce programme. "
        + (
            "Pour chaque objectif et chaque axe, voici combien d'enjeux le servent, et par région la liste des plans."
            if by_region
            else "Pour chaque objectif et chaque axe, voici les enjeux qui le servent."
        ),
        "",
    ]
    unserved: list[str] = []
    for title, anchor, kind, word, field_name in _STATEMENT_KINDS:
        lines += [md.heading(2, title, anchor), ""]
        for statement in getattr(programme, anchor):
            label = f"{word} {statement.numero}"
            lines += [md.heading(3, f"{label}{COLON} {md.text(statement.texte)}", f"{kind}-{statement.numero}"), ""]
            serving = _serving(plans, field_name, statement.numero)
            if not serving:
                lines += [f"Aucun enjeu publié ne sert cet {kind}.", ""]
                unserved.append(md.link(label, f"#{kind}-{statement.numero}"))
                continue
            if by_region:
                enjeux = sum(len(e) for _, e in serving)
                lines += [
                    f"Servi par {_count(enjeux, 'enjeu', 'enjeux')} de {_count(len(serving), 'plan', 'plans')}. Par région{COLON}",
                    "",
                ]
                for region_id, region_plans in regions.items():
                    count = sum(len(e) for _, e in _serving(region_plans, field_name, statement.numero))
                    if count:
                        target = md.relative(path, programme_region_path(programme.identifiant, region_id), f"{kind}-{statement.numero}")
                        lines.append(f"- {md.link(md.text(_region_name(site, region_id)), target)}{COLON} {_count(count, 'enjeu', 'enjeux')}")
            else:
                lines += [f"Enjeux qui servent cet {kind}{COLON}", ""]
                for plan, enjeux in serving:
                    org = site.organisations[plan.organisation].nom
                    for enjeu in enjeux:
                        target = md.relative(path, document_path(plan.identifiant), f"enjeu-{enjeu.numero}")
                        lines.append(f"- {md.text(org)}{COLON} " + md.link(f"enjeu {enjeu.numero}, {md.text(enjeu.titre)}", target))
            lines.append("")
    lines += [md.heading(2, "Objectifs et axes qu'aucun enjeu ne sert", "non-servis"), ""]
    if unserved:
        lines += md.bullets(unserved)
    else:
        lines.append("Chaque objectif et chaque axe est servi par au moins un enjeu publié.")
    lines.append("")
    if programme.piar:
        kind = site.info.types_de_documents.piar
        lines += [md.heading(2, md.text(f"{kind.nom} ({kind.sigle})" if kind.sigle else kind.nom), "piar"), ""]
        lines += md.bullets([md.text(p) for p in programme.piar.presentation]) + [""]
        if programme.piar.consignes:
            lines += [md.heading(3, "Consignes du gabarit, colonne par colonne", "consignes"), ""]
            for consigne in programme.piar.consignes:
                lines += [f"**{md.text(consigne.colonne)}**", ""]
                lines += md.bullets([md.text(t) for t in consigne.textes]) + [""]
    return Page(path, programme.nom, _finish(lines))


def _programme_region_page(site: Site, programme: Programme, region_id: str) -> Page:
    """The plans of one region, under each objective and axis of the programme they serve."""
    path = programme_region_path(programme.identifiant, region_id)
    region = _region_name(site, region_id)
    plans = _plans_by_region(site, programme)[region_id]
    lines = [md.heading(1, f"{md.text(programme.nom_court)}{COLON} {md.text(region)}"), ""]
    lines += [
        f"{_count(len(plans), 'plan', 'plans')} de la région. "
        + md.link(f"Le programme {md.text(programme.nom_court)} dans tout le Québec", md.relative(path, programme_path(programme.identifiant)))
        + ".",
        "",
    ]
    for title, anchor, kind, word, field_name in _STATEMENT_KINDS:
        lines += [md.heading(2, title, anchor), ""]
        for statement in getattr(programme, anchor):
            lines += [md.heading(3, f"{word} {statement.numero}{COLON} {md.text(statement.texte)}", f"{kind}-{statement.numero}"), ""]
            serving = _serving(plans, field_name, statement.numero)
            if not serving:
                lines += [f"Aucun plan de la région ne sert cet {kind}.", ""]
                continue
            # One compact paragraph per statement, so that the page stays small in a large region.
            entries = []
            for plan, enjeux in serving:
                org = site.organisations[plan.organisation].nom
                target = md.relative(path, document_path(plan.identifiant), f"enjeu-{enjeux[0].numero}")
                numbers = typo.join(str(e.numero) for e in enjeux)
                entries.append(f"{md.link(md.text(org), target)} ({'enjeu' if len(enjeux) == 1 else 'enjeux'} {numbers})")
            lines += [f"{_count(len(serving), 'plan', 'plans')}{COLON} " + "; ".join(entries) + ".", ""]
    return Page(path, f"{programme.nom_court} : {region}", _finish(lines))


# --- Entente ------------------------------------------------------------------------


def _period(entente: Entente) -> str:
    return f"{entente.periode.debut}-{entente.periode.fin}"


def _entente_lines(site: Site, entente: Entente, path: str, archived: Archive | None) -> list[str]:
    kind = site.info.types_de_documents.entente_sectorielle
    org = site.organisations[entente.organisation]
    lines = [md.heading(1, md.text(entente.titre)), ""] + _archive_banner(entente, path, archived)
    facts = [
        f"Type{COLON} {md.text(kind.nom)}",
        f"Période{COLON} {_period(entente)}",
        f"Publiée par{COLON} " + md.link(md.text(org.nom), md.relative(path, organisation_path(org.identifiant))),
    ]
    region = site.region_of(entente)
    if region:
        facts.append(f"Région{COLON} " + md.link(md.text(region.nom), md.relative(path, region_path(region.identifiant))))
    facts.append(md.text(_updated(entente)))
    lines += md.bullets(facts) + [""]
    if not archived:
        lines += _document_links(site, entente, path)
    if kind.presentation:
        lines += [md.heading(2, md.text(kind.question or kind.nom), "definition"), ""]
        lines += [line for p in kind.presentation for line in (md.text(p), "")]
    lines += [md.heading(2, "Objectifs généraux", "objectifs-generaux"), ""] + _elements(entente.objectifs_generaux) + [""]
    if entente.objectifs_specifiques:
        lines += [md.heading(2, "Objectifs spécifiques", "objectifs-specifiques"), ""]
        for objective in entente.objectifs_specifiques:
            title = f"{objective.numero}. {md.text(objective.titre)}"
            lines += [md.heading(3, title, f"objectif-specifique-{objective.numero}"), ""]
            lines += _elements(objective.elements) + [""]
    if entente.gouvernance:
        gov = entente.gouvernance
        lines += [md.heading(2, "Gouvernance", "gouvernance"), ""]
        lines += [f"L'entente est pilotée par un {md.text(gov.instance)} composé des instances suivantes{COLON}", ""]
        members = [
            md.text(site.organisations[m.organisation].nom_avec_sigle if m.organisation else m.texte or "")
            for m in gov.membres
        ]
        lines += md.bullets(members) + [""]
    if entente.mandataire:
        mandate = entente.mandataire
        title = mandate.appellation.capitalize()
        name = site.organisations[mandate.organisation].nom
        lines += [md.heading(2, title, "mandataire"), ""]
        sentence = f"{md.text(name)} est le {mandate.appellation} de l'entente."
        if mandate.role:
            sentence += " " + md.text(mandate.role)
        lines += [sentence, ""]
    if entente.contributions:
        lines += _contributions(site, entente)
    if entente.contact:
        lines += _contact(site, entente)
    if not archived:
        lines += _history(site, entente, path)
    return lines


def _contributions(site: Site, entente: Entente) -> list[str]:
    contributions = entente.contributions
    assert contributions is not None
    total = contributions.total_declare
    in_kind = sum((p.montant for p in contributions.parties if p.nature == "non_monetaire"), Decimal(0))
    lines = [md.heading(2, "Contributions", "contributions"), ""]
    sentence = f"L'enveloppe totale de l'entente sectorielle est de {typo.amount(total)}"
    if in_kind and contributions.total_comprend_non_monetaire:
        sentence += f", dont {typo.amount(in_kind)} en contributions non monétaires"
    lines += [sentence + f". Elle se répartit entre {_count(len(contributions.parties), 'partie', 'parties')}{COLON}", ""]
    rows = []
    for part in contributions.parties:
        name = site.organisations[part.organisation].nom_avec_sigle if part.organisation else part.libelle or ""
        label = md.text(name) + (" (contribution non monétaire)" if part.nature == "non_monetaire" else "")
        counted = contributions.total_comprend_non_monetaire or part.nature == "monetaire"
        share = typo.percent(part.montant * 100 / total, 1) if counted and total else "Non comptée"
        rows.append([label, typo.amount(part.montant), share])
    rows.append(["**Total**", f"**{typo.amount(total)}**", f"**{typo.percent(100)}**"])
    lines += md.table(["Partie", "Montant", "Part du total"], rows, "Contributions des parties à l'entente") + [""]
    # The theme draws the chart here (theme_overrides/partials/content.html), from Page.chart.
    lines += [CHART_MARKER, ""]
    return lines


def _contact(site: Site, entente: Entente) -> list[str]:
    contact = entente.contact
    assert contact is not None
    lines = [md.heading(2, "Pour nous joindre", "contact"), ""]
    lines += [f"Pour toute question relative à l'entente, communiquez avec{COLON}", ""]
    who = [f"**{md.text(contact.nom)}**"]
    if contact.fonction:
        who.append(md.text(contact.fonction))
    if contact.organisation:
        who.append(md.text(site.organisations[contact.organisation].nom))
    details = [", ".join(who)]
    if contact.telephone:
        phone = md.link(typo.phone_display(contact.telephone), typo.phone_uri(contact.telephone))
        if contact.poste:
            phone += f", poste{NBSP}{md.text(contact.poste)}"
        details.append(f"Téléphone{COLON} {phone}")
    if contact.courriel:
        details.append(f"Courriel{COLON} " + md.link(md.text(contact.courriel), f"mailto:{contact.courriel}"))
    lines += md.bullets(details) + [""]
    return lines


# --- Versions, schedule, open data ---------------------------------------------------


def _history(site: Site, document: Document, path: str) -> list[str]:
    from generator.changes import changes

    versions = site.versions.get(document.identifiant, ())
    lines = [md.heading(2, "Historique des versions", "versions"), ""]
    if not versions:
        return lines + ["Aucune version antérieure n'est publiée sur ce site.", ""]
    chain: list[tuple[dt.date | None, Document]] = [*versions, (version_date(document), document)]
    for index in range(len(chain) - 1, -1, -1):
        date, version = chain[index]
        when = typo.date(date) if date else "date non indiquée"
        if index == len(chain) - 1:
            lines += [md.heading(3, f"Version du {when} (version actuelle)", f"version-actuelle"), ""]
        else:
            label = md.link(f"Version du {when}", md.relative(path, version_path(document.identifiant, date)))  # type: ignore[arg-type]
            lines += [md.heading(3, label, f"version-{date.isoformat()}"), ""]  # type: ignore[union-attr]
        if version.resume_des_changements:
            lines += [md.text(version.resume_des_changements), ""]
        if index == 0:
            lines += ["Première version publiée sur ce site.", ""]
            continue
        found = changes(site, chain[index - 1][1], version)
        lines += (md.bullets([md.text(c) for c in found]) if found else ["Aucun changement du contenu publié."]) + [""]
    return lines


def _schedule_page(site: Site, piar: Piar) -> Page:
    path = schedule_path(piar.identifiant)
    org = site.organisations[piar.organisation]
    plan = md.link(md.text(piar.titre), md.relative(path, document_path(piar.identifiant)))
    lines = [md.heading(1, f"Échéancier des actions — {md.text(org.nom)}"), ""]
    lines += [f"{plan}, {md.text(org.nom)}. {md.text(_updated(piar))}.", ""]
    lines += [_progress(piar, piar.enjeux), ""]
    groups: dict[tuple[int, int, int], list[tuple[Enjeu, Volet, Action]]] = defaultdict(list)
    labels: dict[tuple[int, int, int], str] = {}
    undated = []
    for enjeu, volet, action in _actions_of(piar.enjeux):
        deadline = volet.deadline_of(action)
        if deadline is None:
            undated.append((enjeu, volet, action))
            continue
        groups[deadline.sort_key].append((enjeu, volet, action))
        labels[deadline.sort_key] = typo.month(deadline.annee, deadline.mois, deadline.jour)
    sections = [(labels[k], f"echeance-{k[0]}-{k[1]:02d}" + (f"-{k[2]:02d}" if k[2] != 32 else ""), groups[k]) for k in sorted(groups)]
    if undated:
        sections.append(("Sans échéance indiquée", "sans-echeance", undated))
    for label, anchor, items in sections:
        lines += [md.heading(2, label[0].upper() + label[1:], anchor), ""]
        for enjeu, volet, action in items:
            link = md.link(f"enjeu {enjeu.numero}", md.relative(path, document_path(piar.identifiant), f"enjeu-{enjeu.numero}"))
            status = _status(piar, volet, action) or "Statut non publié."
            lines.append(f"- {md.text(action.texte)} ({link}). {status}")
        lines.append("")
    if len(piar.enjeux) and not (groups or undated):
        lines += ["Aucune action.", ""]
    return Page(path, "Échéancier", _finish(lines), head_title=f"Échéancier — {piar.titre} — {org.nom}")


def _listed_documents(site: Site) -> list[Document]:
    """Documents a page may list one by one: all of them on a small site, none on a portal."""
    if len(site.documents) > HOME_FULL_LIST:
        return []
    return sorted(site.documents.values(), key=lambda d: (site.organisations[d.organisation].nom, d.titre))


def _data_page(site: Site) -> Page:
    """Downloads of the whole site and the data dictionary (the files: generator.opendata)."""
    from generator.opendata import ACTION_COLUMNS, CONTRIBUTION_COLUMNS, SITE_FILES

    path = DATA_PATH
    licence = site.info.licence
    lines = [md.heading(1, "Données ouvertes"), ""]
    lines += [
        "Les données de chaque document publié sur ce site sont téléchargeables en CSV (pour un tableur) "
        "et en JSON (le document complet). Elles sont publiées sous la licence "
        + md.link(md.text(licence.nom), licence.adresse)
        + ".",
        "",
        md.heading(2, "L'ensemble du site", "ensemble"),
        "",
    ]
    lines += md.bullets([md.link(md.text(label), md.relative(path, target)) for target, label in SITE_FILES])
    lines += ["", md.heading(2, "Par document", "documents"), ""]
    if len(site.documents) > HOME_FULL_LIST:
        lines += [
            "La page de chaque document offre ses fichiers CSV et JSON; le catalogue DCAT ci-dessus les énumère tous.",
            "",
        ]
    for document in _listed_documents(site):
        org = site.organisations[document.organisation].nom
        lines.append(
            f"- {md.text(org)}, {md.link(md.text(document.titre), md.relative(path, document_path(document.identifiant)))}{COLON} "
            + md.link("CSV", md.relative(path, download_path(document.identifiant, "csv")))
            + ", "
            + md.link("JSON", md.relative(path, download_path(document.identifiant, "json")))
        )
    lines += ["", md.heading(2, "Dictionnaire des données", "dictionnaire"), ""]
    lines += [
        "Les fichiers CSV sont encodés en UTF-8 (avec BOM), les colonnes séparées par des points-virgules, "
        "les nombres écrits avec une virgule décimale et les dates au format AAAA-MM-JJ\u00a0: ils s'ouvrent "
        "tels quels dans Excel réglé en français (Canada).",
        "",
    ]
    for title, anchor, columns, caption in (
        (f"Actions d'un {md.text(site.info.types_de_documents.piar.sigle or 'plan')} (une ligne par action)", "colonnes-actions", ACTION_COLUMNS, "Colonnes des fichiers CSV d'actions"),
        ("Contributions d'une entente (une ligne par contribution)", "colonnes-contributions", CONTRIBUTION_COLUMNS, "Colonnes des fichiers CSV de contributions"),
    ):
        lines += [md.heading(3, title, anchor), ""]
        lines += md.table(["Colonne", "Contenu"], [[f"`{name}`", md.text(meaning)] for name, meaning in columns], caption) + [""]
    lines += [
        md.heading(3, "Fichiers JSON", "json"),
        "",
        "Un fichier JSON par document reprend tous ses champs, tels que décrits dans le guide du format du contenu, "
        "avec son identifiant, son type et ses versions antérieures. Le fichier de l'ensemble du site réunit les documents, "
        "les organisations, les régions et les programmes.",
        "",
        md.heading(3, "Métadonnées", "metadonnees"),
        "",
        "Le catalogue DCAT (JSON-LD) décrit chaque jeu de données (titre, éditeur, licence, dates, fichiers) "
        "pour les portails de données ouvertes comme Données Québec (CKAN). Le flux Atom annonce les nouveaux "
        "documents et les nouvelles versions.",
        "",
    ]
    return Page(path, "Données ouvertes", _finish(lines))


# --- helpers ------------------------------------------------------------------------


def _plural(items: tuple[int, ...], word: str) -> str:
    return word if len(items) <= 1 else word + "s"


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number}{NBSP}{singular if number <= 1 else plural}"


def _finish(lines: list[str]) -> str:
    text = "\n".join(lines).rstrip("\n") + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
