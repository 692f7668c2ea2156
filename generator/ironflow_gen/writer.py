"""Stage five: generated files onto the disk, or compared with it.

The generator owns exactly the files named in its manifest
(``<out>/.ironflow-gen.json``). A build writes every file atomically (all staged
first, then renamed into place), removes files it generated before and no longer
generates, and never touches any other file. No path can leave the output
folder. The manifest also records a hash of the inputs, so that ``check`` on an
unchanged tree answers without rendering anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from .memo import DiskMemo, file_state

MANIFEST = ".ironflow-gen.json"
_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.@-]*$")


class UnsafeOutput(Exception):
    """A generated path or the output folder itself would make writing unsafe."""


class Manifest(NamedTuple):
    inputs: Mapping[str, str]  # target -> hash of everything that target was built from
    files: Mapping[str, Mapping[str, str]]  # target -> {path: sha256}

    def owned(self) -> dict[str, str]:
        return {path: digest for files in self.files.values() for path, digest in files.items()}

    def to_json(self) -> str:
        data = {
            "comment": "Written by ironflow-gen: the files it owns and what they were built from.",
            "inputs": dict(sorted(self.inputs.items())),
            "files": {t: dict(sorted(f.items())) for t, f in sorted(self.files.items())},
        }
        return json.dumps(data, indent=2, sort_keys=False) + "\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> Manifest:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        return Manifest(dict(data["inputs"]), {t: dict(f) for t, f in data["files"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Manifest({}, {})


def safe_relative(path: str) -> PurePosixPath:
    """A generated path, refused unless it is plainly inside the output folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(not _SAFE_PART.match(p) for p in pure.parts):
        raise UnsafeOutput(f"refusing to write {path!r}: not a plain relative path")
    return pure


def _destination(out: Path, relative: PurePosixPath) -> Path:
    """The file's path, after making sure no folder on the way is a link out of `out`."""
    current = out
    for part in relative.parts[:-1]:
        current = current / part
        if current.is_symlink():
            raise UnsafeOutput(f"refusing to write through the link {current}")
    return current / relative.parts[-1]


def unchanged_on_disk(out: Path, manifest: Manifest, targets: Iterable[str]) -> bool:
    """Whether every file the manifest lists for these targets is on disk, unedited.

    A file is hashed only if it changed on disk since this machine last found it
    unedited: a local memo (never the committed manifest, which must be the same on
    every machine) keeps its digest under its identity and stat (size, inode, mtime
    and ctime: any write changes ctime, which no tool can set back), so that a
    pre-commit ``check`` of a big tree reads a few hundred bytes, not megabytes.
    """
    seen = DiskMemo("unedited-outputs", str(out.resolve()))
    for target in targets:
        for path, digest in manifest.files.get(target, {}).items():
            try:
                identity = f"{path}\n{file_state(out / path)}"
                if seen.get(identity) == digest:
                    continue
                if sha256((out / path).read_bytes()) != digest:
                    return False
                seen.put(identity, digest)
            except OSError:
                return False
    return True


def write_files(
    out: Path, generated: Mapping[str, Mapping[str, str]], inputs: Mapping[str, str]
) -> tuple[list[str], list[str]]:
    """Write targets' files; return (written, removed) paths. ``generated``: target -> files."""
    if out.is_symlink():
        raise UnsafeOutput(f"refusing to write into {out}: it is a link")
    previous = read_manifest(out)
    staged: list[tuple[Path, Path]] = []
    written: list[str] = []
    new_files = {t: dict(f) for t, f in previous.files.items()}
    try:
        for target, files in generated.items():
            new_files[target] = {}
            for path, text in files.items():
                data = text.encode("utf-8")
                new_files[target][path] = sha256(data)
                destination = _destination(out, safe_relative(path))
                if _same_file(destination, data):
                    continue
                staged.append((_stage(destination, data), destination))
                written.append(path)
        manifest = Manifest({**previous.inputs, **inputs}, new_files)
        manifest_path = out / MANIFEST
        staged.append((_stage(manifest_path, manifest.to_json().encode()), manifest_path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, destination in staged:
        os.replace(temporary, destination)
    removed = _remove_stale(out, previous, manifest)
    return written, removed


def _same_file(destination: Path, data: bytes) -> bool:
    try:
        return not destination.is_symlink() and destination.read_bytes() == data
    except OSError:
        return False


def _stage(destination: Path, data: bytes) -> Path:
    import tempfile  # only a build writes; `check` on an unchanged tree never gets here

    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".ironflow-gen-", dir=destination.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(name, 0o644)
    return Path(name)


def _remove_stale(out: Path, previous: Manifest, current: Manifest) -> list[str]:
    keep = current.owned()
    removed = []
    for path in sorted(set(previous.owned()) - set(keep)):
        try:
            destination = _destination(out, safe_relative(path))
        except UnsafeOutput:
            continue
        if destination.is_file() or destination.is_symlink():
            destination.unlink()
            removed.append(path)
            _prune_empty(destination.parent, out)
    return removed


def _prune_empty(folder: Path, out: Path) -> None:
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class Drift(NamedTuple):
    path: str
    reason: str
    diff: str


def compare(
    out: Path, generated: Mapping[str, Mapping[str, str]], manifest: Manifest
) -> list[Drift]:
    """What differs between the disk and a fresh generation."""
    drift: list[Drift] = []
    expected = {path: text for files in generated.values() for path, text in files.items()}
    for path, text in sorted(expected.items()):
        try:
            actual = (out / path).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            drift.append(Drift(path, "missing", ""))
            continue
        if actual != text:
            drift.append(Drift(path, "differs", unified_diff(path, actual, text)))
    for target in generated:
        for path in sorted(set(manifest.files.get(target, {})) - set(generated[target])):
            if (out / path).exists():
                drift.append(Drift(path, "stale (no longer generated)", ""))
    return drift


DIFF_CONTEXT = 3
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def unified_diff(path: str, old: str, new: str) -> str:
    """``difflib.unified_diff`` of two versions of a generated file, in time that
    grows with the changed part only: the lines both share at the start and at the
    end are set aside first (difflib is quadratic in what it is given, and a
    one-line schema edit leaves tens of thousands of lines of a file alone)."""
    import difflib

    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    start = _common_prefix(before, after)
    end = _common_prefix(before[start:][::-1], after[start:][::-1])
    head = max(0, start - DIFF_CONTEXT)
    tail = max(0, end - DIFF_CONTEXT)
    lines = difflib.unified_diff(
        before[head : len(before) - tail],
        after[head : len(after) - tail],
        fromfile=f"{path} (on disk)",
        tofile=f"{path} (from schema)",
        n=DIFF_CONTEXT,
    )
    return "".join(_shift_hunk(line, head) for line in lines)


def _common_prefix(first: list[str], second: list[str]) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _shift_hunk(line: str, offset: int) -> str:
    """A hunk header of the trimmed texts, renumbered for the whole files."""
    match = _HUNK.match(line) if offset else None
    if match is None:
        return line
    old_start, old_count, new_start, new_count = match.groups()
    return (
        f"@@ -{int(old_start) + offset}{old_count or ''} "
        f"+{int(new_start) + offset}{new_count or ''} @@{line[match.end() :]}"
    )
