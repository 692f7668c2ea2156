"""Black, in memory, memoised on disk.

Black is pinned, so its output is a pure function of (its version, the mode, the
input): a result can be kept and reused. Formatting is by far the largest cost
of a build (tens of thousands of generated lines), and after a one-line schema
edit almost every generated file is what it was, so a build or a `check` only
formats what changed. The cache lives in ``$IRONFLOW_GEN_CACHE``, else
``$XDG_CACHE_HOME/ironflow-gen``, else ``~/.cache/ironflow-gen``; it holds
nothing that is not also computable, so deleting it is always safe, and a cache
that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def format_python(text: str, *, line_length: int, stub: bool = False) -> str:
    """``black.format_str`` for Python 3.11, looked up in the cache first."""
    from importlib.metadata import version

    key = hashlib.sha256(
        f"black {version('black')} py311 {line_length} {stub}\n".encode() + text.encode()
    ).hexdigest()
    entry = _cache_folder() / key[:2] / key
    try:
        return entry.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    import black
    from black.mode import TargetVersion

    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=line_length, is_pyi=stub)
    result = black.format_str(text, mode=mode)
    _store(entry, result)
    return result


def _cache_folder() -> Path:
    explicit = os.environ.get("IRONFLOW_GEN_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ironflow-gen" / "black"


def _store(entry: Path, result: str) -> None:
    """Write atomically (rename), so a concurrent reader never sees half an entry."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        temporary.write_text(result, "utf-8")
        os.replace(temporary, entry)
    except OSError:
        return
