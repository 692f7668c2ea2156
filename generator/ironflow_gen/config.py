"""Where things are: CLI options first, then ``[tool.ironflow-gen]`` in the nearest
``pyproject.toml``, then ``schema/`` and ``generated/`` under the current directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from .memo import DiskMemo, file_state


class Settings(NamedTuple):
    """Resolved paths and targets. A NamedTuple, like every record on the path of
    ``check`` (``entry.py``): the dataclasses module alone costs a fast ``check``
    a tenth of its time."""

    schema: Path
    out: Path
    targets: tuple[str, ...]


def _nearest_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def resolve_settings(
    schema: Path | None, out: Path | None, targets: tuple[str, ...], all_targets: tuple[str, ...]
) -> Settings:
    table: dict[str, object] = {}
    base = Path.cwd()
    pyproject = _nearest_pyproject(base)
    if pyproject is not None:
        found = _settings_table(pyproject)
        if isinstance(found, dict):
            table, base = found, pyproject.parent
    default_targets = table.get("targets")
    return Settings(
        schema=schema or base / str(table.get("schema", "schema")),
        out=out or base / str(table.get("out", "generated")),
        targets=targets
        or (
            tuple(str(t) for t in default_targets)
            if isinstance(default_targets, list)
            else all_targets
        ),
    )


def _settings_table(pyproject: Path) -> object:
    """``[tool.ironflow-gen]`` of a pyproject.toml (None when absent or unreadable),
    remembered under the file's path and stat: every ``check`` reads it, and importing
    the TOML parser alone costs a fast ``check`` a sixth of its time."""
    try:
        identity = f"{pyproject.resolve()}\n{file_state(pyproject)}"
    except OSError:
        return None
    memo = DiskMemo("pyproject-settings", "1")
    known = memo.get(identity)
    if known is not None:
        return json.loads(known)
    import tomllib  # only when the file changed since this machine last read it

    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    found = data.get("tool", {}).get("ironflow-gen")
    memo.put(identity, json.dumps(found, default=str))  # a TOML date is read as text anyway
    return found
