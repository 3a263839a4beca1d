"""Planning an ingest: paths -> FileTasks (each file with the manifest entries that may describe it), or
LoadErrors for missing paths and bad manifests. Reads no article (loader.py loads a task), so the process
that plans needs neither the cleaner nor the parser.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard.article import LoadError
from dashboard.config import MAX_FILE_BYTES
from dashboard.ingest.manifest import MANIFEST_NAME, ManifestEntry, ManifestError, read_manifest
from dashboard.reader_version import reader_version


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_under(folder: Path) -> list[Path]:
    """The files below `folder`, sorted by their path relative to it ("a.txt", "sub/b.txt")."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        root = Path(root)
        prefix = "" if root == folder else root.relative_to(folder).as_posix() + "/"
        found += [(prefix + f, root / f) for f in files if not f.startswith(".") and f.lower() != MANIFEST_NAME]
    return [path for _, path in sorted(found, key=lambda item: item[0])]


@dataclass(frozen=True)
class FileTask:
    """One file to load, with the manifest entries that may describe it: (folder, {key: entry}) nearest
    folder first, the keys being the file's path relative to that folder, plus "#N" for a dump's records.
    Small and picklable, so the file can be read and parsed in another process or on another machine."""
    path: str
    manifests: tuple[tuple[str, dict[str, ManifestEntry]], ...] = ()

    def load_key(self, raw_hash: str) -> str | None:
        """What the articles of this file are loaded from: the hash of its bytes (`raw_hash`, none if it
        could not be read), the manifest entries that describe it and the reader that turns them into rows.
        The rest is fixed by the path the key is stored under (its extension decides the format), so the
        same key loads the same articles."""
        if not raw_hash:
            return None
        entries = [(folder, sorted(by_key.items())) for folder, by_key in self.manifests]
        return sha256(repr((raw_hash, entries, reader_version())).encode("utf-8"))


class _Manifests:
    """The manifest of each folder, read once and indexed by file; a bad one is reported once and then
    ignored."""

    def __init__(self) -> None:
        self._by_file: dict[Path, dict[str, dict[str, ManifestEntry]]] = {}

    def for_folder(self, folder: Path) -> tuple[dict[str, dict[str, ManifestEntry]], LoadError | None]:
        """file key ("sub/a.txt", without a record's "#N") -> the entries naming it or its records."""
        if folder in self._by_file:
            return self._by_file[folder], None
        path = folder / MANIFEST_NAME
        by_file: dict[str, dict[str, ManifestEntry]] = {}
        error = None
        if path.is_file():
            try:
                for key, entry in read_manifest(path).items():
                    by_file.setdefault(key.split("#", 1)[0], {})[key] = entry
            except ManifestError as e:
                error = LoadError(str(path), str(e), file_hash(path))
        self._by_file[folder] = by_file
        return by_file, error


def file_hash(path: str | Path) -> str:
    """The hash of a file's bytes, or "" if it is too large to load or cannot be read."""
    try:
        with open(path, "rb") as fh:
            return sha256(fh.read()) if os.fstat(fh.fileno()).st_size <= MAX_FILE_BYTES else ""
    except OSError:
        return ""


def _manifest_folders(folder: Path, root: Path) -> list[tuple[Path, str]]:
    """The folders whose manifest may describe the files in `folder`: itself, then each parent up to `root`;
    each with what names those files relative to it before their name ("", "sub/")."""
    folders = [(folder, "")]
    while folders[-1][0] != root and root in folders[-1][0].parents:
        nearer, prefix = folders[-1]
        folders.append((nearer.parent, f"{nearer.name}/{prefix}"))
    return folders


def plan_paths(paths: Iterable[str | Path]) -> Iterator[FileTask | LoadError]:
    """The files in `paths` (folders searched recursively in sorted order), each with its manifest entries;
    missing paths and bad manifests as LoadErrors. Reads no article: that is load_task's job."""
    manifests = _Manifests()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files, root = _files_under(given), given
        elif given.is_file():
            files, root = ([] if given.name.lower() == MANIFEST_NAME else [given]), given.parent
        else:
            yield LoadError(str(given), "no such file or folder")
            continue
        folders_of: dict[Path, list[tuple[Path, str]]] = {}   # the same for every file of a folder
        for path in files:
            if path.parent not in folders_of:
                folders_of[path.parent] = _manifest_folders(path.parent, root)
            entries_by_folder = []
            for folder, prefix in folders_of[path.parent]:
                by_file, manifest_error = manifests.for_folder(folder)
                if manifest_error:
                    yield manifest_error
                entries = by_file.get(prefix + path.name)
                if entries:
                    entries_by_folder.append((str(folder), entries))
            yield FileTask(str(path), tuple(entries_by_folder))
