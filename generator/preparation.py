"""Prepare a site (check, menu, pages, downloads) while the site engine does its own work.

Where :mod:`generator.background` can fork, nothing of this runs in the calling
process: a child imports the core, loads and checks the content and hands back the
verdict (problems, notices, menu, the list of pages and of downloads); then it and
its own child render the pages in chunks, in order, alternately, and the second
renders the downloads. The calling process waits only for what it needs, when it
needs it: the engine can convert the first pages while the last ones are rendered.
It unpickles plain pages and bytes, never the models. Elsewhere each step runs in
the calling process on first use, with the same results.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.background import Results
from generator.pages import NavItem, Page, Planned
from generator.problems import ContentError, Problem

if TYPE_CHECKING:
    from generator.content import Site

Pages = tuple[dict[str, Page], dict[str, str]]  # pages, hash of each one's Markdown
Downloads = dict[str, tuple[bytes, str]]  # path → (content, hash)

CHUNKS = 16  # pages are rendered and handed out in this many chunks
_VERDICT, _DOWNLOADS, _FIRST_CHUNK = 0, 1, 2


@dataclass(frozen=True)
class Verdict:
    """What must be known before pages are handed out: may the site be built, and its menu."""

    errors: tuple[Problem, ...]  # any error stops the build
    notices: tuple[Problem, ...] = ()
    nav: tuple[NavItem, ...] = ()
    pages: tuple[Planned, ...] = ()  # in order
    download_paths: tuple[str, ...] = ()

    def chunk(self, k: int) -> tuple[int, int]:
        """The range of ``pages`` in chunk ``k``."""
        size = -(-len(self.pages) // CHUNKS)
        return min(k * size, len(self.pages)), min((k + 1) * size, len(self.pages))


class Preparation:
    """The pages and downloads of the content in ``content_dir``, addressed from ``site_url``."""

    def __init__(self, content_dir: Path, site_url: str, *, parallel: bool = True) -> None:
        self.content_dir = content_dir
        self.site_url = site_url
        self._site: Site | None = None
        self._verdict: Verdict | None = None
        self._plan: list[tuple[Planned, Callable[[], Page]]] | None = None  # worked out by the check
        self._results = Results(_FIRST_CHUNK + CHUNKS, parallel=parallel)
        even = [(_FIRST_CHUNK + k, functools.partial(self._chunk, k)) for k in range(0, CHUNKS, 2)]
        self.parallel = self._results.fork([(_VERDICT, self._check_and_share), *even])

    def verdict(self) -> Verdict:
        if self._verdict is None:  # a child that checked the content keeps its own verdict
            self._verdict = self._results.get(_VERDICT, self._check)
        return self._verdict

    def chunk(self, k: int) -> Pages:
        """The pages of chunk ``k`` (see :meth:`Verdict.chunk`) and the hash of each one's Markdown."""
        return self._results.get(_FIRST_CHUNK + k, functools.partial(self._chunk, k))

    def pages(self) -> Pages:
        """Every page, in the order of :func:`generator.render.render_pages`, and its hash."""
        pages: dict[str, Page] = {}
        hashes: dict[str, str] = {}
        for k in range(CHUNKS):
            chunk_pages, chunk_hashes = self.chunk(k)
            pages.update(chunk_pages)
            hashes.update(chunk_hashes)
        return pages, hashes

    def downloads(self) -> Downloads:
        return self._results.get(_DOWNLOADS, self._downloads)

    def close(self) -> None:
        """Wait for the children (after an error, their results are not needed)."""
        self._results.close()

    # --- steps: in a child where possible, else here --------------------------------------

    def _check(self) -> Verdict:
        from generator.opendata import download_paths
        from generator.render import build_nav, page_plan

        try:
            site = self._loaded_site()
        except ContentError as error:
            self._verdict = Verdict(errors=tuple(error.problems))
        else:
            self._plan = page_plan(site)
            planned = tuple(planned for planned, _ in self._plan)
            self._verdict = Verdict((), site.notices, tuple(build_nav(site)), planned, tuple(download_paths(site)))
        return self._verdict

    def _check_and_share(self) -> Verdict:
        """In the first child: the verdict; once the content is good, a second child for the rest."""
        verdict = self._check()
        if not verdict.errors:
            odd = [(_FIRST_CHUNK + k, functools.partial(self._chunk, k)) for k in range(1, CHUNKS, 2)]
            self._results.fork([*odd, (_DOWNLOADS, self._downloads)])
        return verdict

    def _loaded_site(self) -> Site:
        """The content, loaded in this process if it was not already (here or before a fork)."""
        if self._site is None:
            from generator.content import load_site

            self._site = load_site(self.content_dir)
        return self._site

    def _chunk(self, k: int) -> Pages:
        from generator.render import page_plan, render_pages

        if self.verdict().errors:
            return {}, {}
        if self._plan is None:  # the verdict came from a child: this process works the plan out once
            self._plan = page_plan(self._loaded_site())
        pages = render_pages(self._loaded_site(), *self.verdict().chunk(k), plan=self._plan)
        return pages, {path: _digest(page.markdown.encode("utf-8")) for path, page in pages.items()}

    def _downloads(self) -> Downloads:
        from generator.opendata import render_downloads

        encoded = {path: text.encode("utf-8") for path, text in render_downloads(self._loaded_site(), self.site_url).items()}
        return {path: (content, _digest(content)) for path, content in encoded.items()}


def _digest(content: bytes) -> str:
    return hashlib.sha1(content).hexdigest()
