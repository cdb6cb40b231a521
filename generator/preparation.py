"""Prepare a site (check, menu, pages, downloads) while the site engine does its own work.

Where :mod:`generator.background` can fork, nothing of this runs in the calling
process: a child imports the core, loads and checks the content, hands back the
verdict (problems, notices, menu, download paths) and renders half of the pages,
while its own child renders the other half and then the downloads. The calling
process only waits for what it needs, when it needs it, and unpickles plain
pages and bytes (it never imports the models). Elsewhere each step runs in the
calling process on first use, in the same order, with the same results.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.background import Results
from generator.pages import NavItem, Page, join_parts
from generator.problems import Problem

if TYPE_CHECKING:
    from generator.content import Site

Pages = tuple[dict[str, Page], dict[str, str]]  # pages, hash of each one's Markdown
Downloads = dict[str, tuple[bytes, str]]  # path → (content, hash)

_VERDICT, _FIRST_HALF, _SECOND_HALF, _DOWNLOADS = range(4)


@dataclass(frozen=True)
class Verdict:
    """What must be known before pages are handed out: may the site be built, and its menu."""

    errors: tuple[Problem, ...]  # any error stops the build
    notices: tuple[Problem, ...] = ()
    nav: tuple[NavItem, ...] = ()
    download_paths: tuple[str, ...] = ()


class Preparation:
    """The pages and downloads of the content in ``content_dir``, addressed from ``site_url``."""

    def __init__(self, content_dir: Path, site_url: str, *, parallel: bool = True) -> None:
        self.content_dir = content_dir
        self.site_url = site_url
        self._site: Site | None = None
        self._results = Results(4, parallel=parallel)
        self.parallel = self._results.fork([(_VERDICT, self._check_and_share), (_FIRST_HALF, lambda: self._pages(0))])

    def verdict(self) -> Verdict:
        return self._results.get(_VERDICT, self._check)

    def pages(self) -> Pages:
        """Every page, in the order of :func:`generator.render.render_pages`, and its hash."""
        halves = [self._results.get(i, lambda i=i: self._pages(i - _FIRST_HALF)) for i in (_FIRST_HALF, _SECOND_HALF)]
        return join_parts([pages for pages, _ in halves]), {p: h for _, hashes in halves for p, h in hashes.items()}

    def downloads(self) -> Downloads:
        return self._results.get(_DOWNLOADS, self._downloads)

    def close(self) -> None:
        """Wait for the children (after an error, their results are not needed)."""
        self._results.close()

    # --- steps: in a child where possible, else here --------------------------------------

    def _check(self) -> Verdict:
        from generator.opendata import download_paths
        from generator.problems import ContentError
        from generator.render import build_nav

        try:
            site = self._loaded_site()
        except ContentError as error:
            return Verdict(errors=tuple(error.problems))
        return Verdict((), site.notices, tuple(build_nav(site)), tuple(download_paths(site)))

    def _check_and_share(self) -> Verdict:
        """In the first child: the verdict; once the content is good, a second child for the rest."""
        verdict = self._check()
        if not verdict.errors:
            self._results.fork([(_SECOND_HALF, lambda: self._pages(1)), (_DOWNLOADS, self._downloads)])
        return verdict

    def _loaded_site(self) -> Site:
        """The content, loaded in this process if it was not already (here or before a fork)."""
        if self._site is None:
            from generator.content import load_site

            self._site = load_site(self.content_dir)
        return self._site

    def _pages(self, half: int) -> Pages:
        from generator.render import render_pages

        pages = render_pages(self._loaded_site(), half, 2)
        return pages, {path: _digest(page.markdown.encode("utf-8")) for path, page in pages.items()}

    def _downloads(self) -> Downloads:
        from generator.opendata import render_downloads

        encoded = {path: text.encode("utf-8") for path, text in render_downloads(self._loaded_site(), self.site_url).items()}
        return {path: (content, _digest(content)) for path, content in encoded.items()}


def _digest(content: bytes) -> str:
    return hashlib.sha1(content).hexdigest()
