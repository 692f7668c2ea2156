"""Results of slow pure functions of text, kept on disk between runs.

Black and the meta-schema check are pinned, so what they make of a text is a
pure function of (their version, their settings, the text): a result computed once
can be reused by every later build. Entries live under ``$IRONFLOW_GEN_CACHE``, else
``$XDG_CACHE_HOME/ironflow-gen``, else ``~/.cache/ironflow-gen``, one folder per
function. They hold nothing that cannot be computed again, so deleting them is
always safe, and a cache folder that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class DiskMemo:
    """Results by sha256 of (tag, input): on disk, and in memory for this run.

    ``tag`` names everything besides the input that the result depends on (tool
    version, settings); two tags never share an entry.
    """

    def __init__(self, function: str, tag: str) -> None:
        self._folder = cache_root() / function
        self._tag = tag.encode() + b"\n"
        self._known: dict[str, str] = {}

    def get(self, text: str) -> str | None:
        if text in self._known:
            return self._known[text]
        try:
            found = self._entry(text).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self._known[text] = found
        return found

    def put(self, text: str, result: str) -> None:
        """Write atomically (rename), so a concurrent reader never sees half an entry."""
        self._known[text] = result
        entry = self._entry(text)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
            temporary.write_text(result, "utf-8")
            os.replace(temporary, entry)
        except OSError:
            return

    def _entry(self, text: str) -> Path:
        key = hashlib.sha256(self._tag + text.encode("utf-8", "surrogatepass")).hexdigest()
        return self._folder / key[:2] / key


def file_state(path: Path) -> tuple[int, int, int, int]:
    """What changes whenever a file is written: size, inode, mtime and ctime (no tool
    can set ctime back), so a fact about the file can be remembered under it.
    Raises OSError when the file cannot be read."""
    found = path.stat()
    return (found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)


def cache_root() -> Path:
    explicit = os.environ.get("IRONFLOW_GEN_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ironflow-gen"
