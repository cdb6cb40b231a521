"""A link card per document: an HTML snippet (a titled link with its date and a short summary; no
script, no request to any other site) that staff paste into their organisation's website, so that
it points to the official publication."""

from __future__ import annotations

import html

from generator import typography as typo
from generator.content.loading import Site
from generator.content.models import Document, Entente, Piar
from generator.pages import markdown as md
from generator.pages.addresses import document_path, public_url
from generator.pages.parts import COLON, count_text, period_text, updated_text
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


def link_cards(site: Site, documents: list[Document], path: str, site_url: str) -> list[str]:
    """The organisation page's section of snippets, one per document (no page of their own: at a
    portal's scale, a page per document would be thousands of pages for a few lines each)."""
    if not documents:
        return []
    lines = [
        md.heading(2, "Liens à coller sur le site de l'organisation", "liens"),
        "",
        "Pour que le site Web de l'organisation mène à la publication officielle d'un document, copiez son code "
        "HTML et collez-le dans une page de ce site (dans l'éditeur du site, choisissez le mode « HTML » ou "
        "« code source »). Il ne contient aucun script et ne fait appel à aucun autre site.",
        "",
    ]
    for document in documents:
        page = md.link(md.text(document.titre), md.relative(path, document_path(document.identifiant)))
        lines += [f"{page}{COLON}", ""]
        lines += ["    " + line for line in card_html(site, document, site_url).split("\n")]  # indented code: shown, never rendered
        lines.append("")
    return lines
