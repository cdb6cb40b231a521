"""A site folder that is never lost: build beside it, swap it in by renames once the build succeeded.

For a public folder ``site/``, a build writes into ``.site.plans-publics-nouveau/``
beside it. When the build has succeeded, :meth:`Publication.finish` renames
``site/`` to ``.site.plans-publics-ancien/``, the new folder to ``site/``, then deletes
the old one. Whatever stops a build before that (a content error, a strict-mode
warning, an exception, Ctrl+C, ``kill -9``, a full disk), ``site/`` is untouched.
If the process dies between the two renames, the next build renames the old site
back first. Every build starts by removing what an interrupted build left, and
holds a lock so that a second build of the same folder waits for the first.

Hidden entries of ``site/`` (a ``.git`` of a publishing worktree) are carried over
to the new site, as MkDocs itself never deletes them.

No MkDocs here: any site engine can publish through :class:`Publication`.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class PublishError(Exception):
    """The new site could not be put in place; the message says why, in French."""


def staging_folders(public: Path) -> tuple[Path, Path, Path]:
    """The new site's folder, the previous site's during the swap, and the lock file, beside ``public``."""
    prefix = f".{public.name}.plans-publics"
    return public.with_name(prefix + "-nouveau"), public.with_name(prefix + "-ancien"), public.with_name(prefix + ".verrou")


class Publication:
    """One build's staging folder, from :meth:`start` to :meth:`finish` or :meth:`abandon`."""

    def __init__(self, public: Path, lock: BinaryIO) -> None:
        self.public = public
        self.staging, self.previous, self._lock_path = staging_folders(public)
        self._lock: BinaryIO | None = lock

    @classmethod
    def start(
        cls, public: Path, *, copy_previous: bool = False, on_wait: Callable[[str], None] | None = None
    ) -> Publication:
        """Lock ``public``, clean what an interrupted build left, and make an empty staging folder
        (a copy of the current site if ``copy_previous``, for incremental builds)."""
        public = Path(os.path.abspath(public))
        try:
            public.parent.mkdir(parents=True, exist_ok=True)
            lock = _acquire(staging_folders(public)[2], on_wait)
        except OSError as error:
            raise PublishError(f"impossible de préparer la construction à côté de {public} ({error.strerror or error}).") from None
        publication = cls(public, lock)
        try:
            publication._recover()
            if copy_previous and public.is_dir():
                shutil.copytree(public, publication.staging, symlinks=True, ignore=_hidden_at(public))
            else:
                publication.staging.mkdir()
        except OSError as error:
            publication._release()
            raise PublishError(
                f"impossible de préparer le dossier {publication.staging} ({error.strerror or error}); "
                f"le site de {public} est intact."
            ) from None
        return publication

    def finish(self) -> Path:
        """Put the new site in place of the public one; returns the public folder."""
        moved: list[str] = []
        try:
            if self.public.is_dir():
                for name in sorted(os.listdir(self.public)):
                    if name.startswith(".") and not (self.staging / name).exists():
                        os.rename(self.public / name, self.staging / name)
                        moved.append(name)
                os.rename(self.public, self.previous)
        except OSError as error:
            for name in moved:
                os.rename(self.staging / name, self.public / name)
            self.abandon()
            raise PublishError(_swap_failed(self.public, error)) from None
        try:
            os.rename(self.staging, self.public)
        except OSError as error:
            if self.previous.exists():
                os.rename(self.previous, self.public)
            for name in moved:
                os.rename(self.staging / name, self.public / name)
            self.abandon()
            raise PublishError(_swap_failed(self.public, error)) from None
        shutil.rmtree(self.previous, ignore_errors=True)
        self._release()
        return self.public

    def abandon(self) -> None:
        """Delete the staging folder: the public site stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _recover(self) -> None:
        """Undo what an interrupted build left beside the public folder."""
        if self.previous.exists() and not self.public.exists():
            os.rename(self.previous, self.public)  # stopped between the two renames of finish()
        if self.staging.exists():
            if self.public.is_dir():  # stopped while carrying hidden entries over
                for name in os.listdir(self.staging):
                    if name.startswith(".") and not (self.public / name).exists():
                        os.rename(self.staging / name, self.public / name)
            shutil.rmtree(self.staging)
        if self.previous.exists():
            shutil.rmtree(self.previous)

    def _release(self) -> None:
        if self._lock is not None:
            _release(self._lock, self._lock_path)
            self._lock = None


def _hidden_at(root: Path) -> Callable[[str, list[str]], list[str]]:
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n.startswith(".")] if Path(folder) == root else []

    return ignore


def _swap_failed(public: Path, error: OSError) -> str:
    return (
        f"le nouveau site n'a pas pu remplacer {public} ({error.strerror or error}). Fermez les programmes qui "
        "ont un fichier de ce dossier ouvert, puis relancez la construction; le site précédent est intact."
    )


def _acquire(path: Path, on_wait: Callable[[str], None] | None) -> BinaryIO:
    """An exclusive lock on ``path``, released by the system if the process dies.

    The file is deleted when the lock is released; a process that was waiting on the
    deleted file starts over with the new one.
    """
    warned = False
    while True:
        handle = open(path, "a+b")  # noqa: SIM115 - kept open as the lock
        if _try_lock(handle):
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                return handle
        handle.close()
        if not warned and on_wait is not None:
            on_wait(f"Une autre construction de {path.parent} est en cours : attente de sa fin…")
            warned = True
        time.sleep(0.2)


def _release(handle: BinaryIO, path: Path) -> None:
    if os.name == "nt":  # an open file cannot be deleted there: a waiting process keeps it, and deletes it later
        _unlock(handle)
        handle.close()
        try:
            os.unlink(path)
        except OSError:
            pass
    else:  # deleted while still locked: a process waiting on it starts over with a new file
        try:
            os.unlink(path)
        except OSError:
            pass
        _unlock(handle)
        handle.close()


if os.name == "nt":  # pragma: no cover - exercised by the Windows CI job
    import msvcrt

    def _try_lock(handle: BinaryIO) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: BinaryIO) -> None:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(handle: BinaryIO) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
