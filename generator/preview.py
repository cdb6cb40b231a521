"""The preview's banner: while content has errors, every HTML page the preview serves starts with
them (file, line, what to fix). Plain WSGI, no site engine: the MkDocs adapter wraps its server's
application with :class:`BannerApp`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


class BannerApp:
    """Wraps a WSGI application to put ``banner()`` (when not None) at the top of every HTML page
    it serves. Pages on disk stay those of the last good build, so that fixing the file rewrites
    only what changed (``--dirty``)."""

    def __init__(self, app: Callable[..., Any], banner: Callable[[], bytes | None]) -> None:
        self.app, self.banner = app, banner

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        held: list[tuple[str, list[tuple[str, str]], bytes]] = []

        def hold(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
            # Called once the server waited for any ongoing build: the banner read here is current.
            banner = self.banner()
            html_page = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
            if banner is None or not html_page:
                return start_response(status, headers, exc_info)
            held.append((status, headers, banner))
            return lambda data: None  # the server returns its body, never calls write()

        result = self.app(environ, hold)
        if not held:
            return result
        status, headers, banner = held[0]
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        body = _with_banner(body, banner)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]


def _with_banner(page: bytes, banner: bytes) -> bytes:
    """``banner`` right after the page's <body> tag (or at the start of a page without one)."""
    match = re.search(rb"<body\b[^>]*>", page)
    at = match.end() if match else 0
    return page[:at] + banner + page[at:]
