"""A MkDocs hook for the tests of the site that is never lost (MkDocs' public `hooks:` option).

PLANS_PUBLICS_TEST_EVENT names an event; PLANS_PUBLICS_TEST_ACTION says what to do there:
``pause`` (write the marker file PLANS_PUBLICS_TEST_MARKER, then sleep until killed),
``avertir`` (a warning, which fails a --strict build), ``echouer`` (an exception),
``disque-plein`` (an OSError as from a full disk). The hook runs before every plugin.
"""

from __future__ import annotations

import errno
import logging
import os
import time
from pathlib import Path

from mkdocs.plugins import event_priority

EVENT = os.environ.get("PLANS_PUBLICS_TEST_EVENT", "")
ACTION = os.environ.get("PLANS_PUBLICS_TEST_ACTION", "")
_done = False


def _act(event: str) -> None:
    global _done
    if event != EVENT or _done:
        return
    _done = True
    if ACTION == "pause":
        Path(os.environ["PLANS_PUBLICS_TEST_MARKER"]).write_text(event, encoding="utf-8")
        time.sleep(120)
    elif ACTION == "avertir":
        logging.getLogger("mkdocs.plugins.test").warning("avertissement de test")
    elif ACTION == "echouer":
        raise RuntimeError("erreur de test dans un thème")
    elif ACTION == "disque-plein":
        raise OSError(errno.ENOSPC, "No space left on device")


@event_priority(100)
def on_pre_build(config):  # type: ignore[no-untyped-def]
    _act("pre_build")


@event_priority(100)
def on_files(files, config):  # type: ignore[no-untyped-def]
    _act("files")
    return files


@event_priority(100)
def on_page_content(html, page, config, files):  # type: ignore[no-untyped-def]
    if page.file.src_uri.startswith("documents/"):
        _act("page")
    return html


@event_priority(100)
def on_post_build(config):  # type: ignore[no-untyped-def]
    _act("post_build")
