"""A link card per document: an HTML snippet (a titled link with its date and a short summary; no
script, no request to any other site) that staff paste into their organisation's website, so that
it points to the official publication."""

from __future__ import annotations

import html

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import Document, Entente, Piar
from generator.pages import markdown as md
from generator.pages.addresses import card_path, document_path, public_url
from generator.pages.page import Page
from generator.pages.parts import COLON, count_text, finish, period_text, updated_text
from generator.pages.progress import actions_of


def card_html(site: Site, document: Document, site_url: str) -> str:
    """The snippet: escaped for HTML, and backticks as entities so that it can sit in a code block."""
    address = public_url(site_url.rstrip("/") + "/", document_path(document.identifiant)) if site_url else document_path(document.identifiant)
    organisation = site.organisations[document.organisation].nom
    if isinstance(document, Piar):
        summary = f"{count_text(len(document.enjeux), 'enjeu', 'enjeux')}, {count_text(len(actions_of(document.enjeux)), 'action', 'actions')}."
    elif isinstance(document, Entente):
        total = f", {typo.amount(document.contributions.total_declare)}" if document.contributions else ""
        summary = f"Entente {period_text(document)}{total}."
    else:  # pragma: no cover - two document types
        summary = ""

    def text(value: str) -> str:
        return html.escape(value, quote=False).replace("`", "&#96;")

    return "\n".join([
        f'<a href="{html.escape(address, quote=True)}" style="display:block;max-width:32rem;padding:1rem;border:1px solid #303f9f;'
        'border-radius:4px;color:#1a237e;text-decoration:none">',
        f"  <strong>{text(document.titre)} — {text(organisation)}</strong><br>",
        f"  {text(updated_text(document))}. {text(summary)}<br>",
        "  <span style=\"text-decoration:underline\">Consulter la publication officielle</span>",
        "</a>",
    ])


def link_card_page(site: Site, document: Document, site_url: str) -> Page:
    path = card_path(document.identifiant)
    page = md.link(md.text(document.titre), md.relative(path, document_path(document.identifiant)))
    snippet = card_html(site, document, site_url)
    lines = [
        md.heading(1, "Lien à coller sur le site de l'organisation"),
        "",
        f"Pour que le site Web de l'organisation mène à la publication officielle de « {page} », copiez ce code "
        "HTML et collez-le dans une page de ce site (dans l'éditeur du site, choisissez le mode « HTML » ou "
        f"« code source »). Il ne contient aucun script et ne fait appel à aucun autre site{COLON}",
        "",
        *("    " + line for line in snippet.split("\n")),  # an indented code block: shown, never rendered
        "",
    ]
    return Page(path, "Lien à coller", finish(lines), head_title=f"Lien à coller — {document.titre}")
