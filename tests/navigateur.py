"""Browser and validator tools for the tests: the built site served on loopback,
Debian's Chromium driven by Playwright, axe-core and the Nu Html Checker from npm.

On a laptop without them, the tests that need them skip and say how to install
them; in CI (CI=true) a missing tool is a failure, never a skip.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import threading
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import ROOT

BASE_PATH = "/plans-publics/"  # the site is served under a sub-path, as on GitHub Pages
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
# What GitHub Pages compresses (gzip) and how long it lets browsers keep a file.
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".jsonld")
MAX_AGE = 600


def missing(what: str, how: str) -> None:
    message = f"{what} introuvable. Pour l'installer : {how}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    path = os.environ.get("PLANS_PUBLICS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        missing("Chromium", "sudo apt-get install chromium (Debian/Ubuntu), ou PLANS_PUBLICS_CHROMIUM=chemin du navigateur.")
    return str(path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under BASE_PATH, with the site's 404 page, like GitHub Pages: text files
    gzip-compressed when the browser accepts it, every file cacheable for MAX_AGE seconds."""

    def __init__(self, *args: object, site: Path, **kwargs: object) -> None:
        self.site = site
        super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE_PATH):
            return str(self.site / "__absent__")
        return super().translate_path("/" + path[len(BASE_PATH):])

    def end_headers(self) -> None:
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and (self.site / "404.html").is_file():
            body = (self.site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def serve(site: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_Handler, site=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{BASE_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def page_urls(site: Path, base: str) -> list[str]:
    """Every page of the built site, as served (directory URLs); not the small files that send
    a browser on to another page (a current version's permanent address), checked as files only."""
    urls = []
    for page in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000]:
            continue
        relative = page.parent.relative_to(site).as_posix()
        urls.append(base + ("" if relative == "." else relative + "/"))
    return urls


def transferred(page: object) -> dict[str, int]:
    """Bytes the page took from the network so far (compressed, headers included), by address:
    the document and every resource; what came from the browser's cache counts 0."""
    entries = page.evaluate(  # type: ignore[attr-defined]
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                  .map(e => [e.name, e.transferSize])"""
    )
    return {name: size for name, size in entries}
