"""Problems found in a schema, as values.

The loader and the checkers never print or raise on a schema problem: they
collect :class:`Diagnostic` objects, so that a user sees every problem at once and
the CLI renders them in exactly one place, in the ``file:line:col`` form editors
understand.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A diagnostic is read at a glance: one line, this long at most (a quoted value is
# cut first, see `show`), so a 20,000-value enum or a 1 MB string cannot flood a terminal.
MAX_MESSAGE = 200
MAX_VALUE = 60
ELLIPSIS = "\u2026"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a schema file; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, with where it is and a short machine-readable code."""

    position: Position
    code: str
    message: str

    def render(self) -> str:
        """``file:line:col: error[code]: message`` on one line of at most ~200 characters."""
        head = f"{self.position}: error[{self.code}]: "
        message = one_line(self.message)
        room = max(MAX_MESSAGE - len(head), 40)
        if len(message) > room:
            message = message[: room - 1] + ELLIPSIS
        return head + message


class SchemaError(Exception):
    """Raised at a pipeline stage boundary when a stage found problems."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} schema error(s)")
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.position, d.code, d.message))


def display_path(path: Path, root: Path) -> str:
    """The path as the user should see it: relative to the working directory if possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return (Path(root.name) / path.resolve().relative_to(root.resolve())).as_posix()
        except ValueError:
            return path.as_posix()


def show(value: Any, limit: int = MAX_VALUE) -> str:
    """A schema value as the schema spells it (JSON/YAML flow style: ``true``, ``null``,
    ``'name'``, ``[a, b]``, ``{type: string}``), on one line, cut to about ``limit``
    characters with an ellipsis. Every message that quotes schema data goes through here,
    so no diagnostic shows a Python spelling (``True``, ``None``, ``{'a': ...}``)."""
    text = _flow(value, limit)
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _flow(value: Any, limit: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return _quote(value, limit)
    if isinstance(value, dict):
        return _items((f"{_key(k)}: {_flow(v, limit)}" for k, v in value.items()), "{", "}", limit)
    if isinstance(value, list | tuple):
        return _items((_flow(v, limit) for v in value), "[", "]", limit)
    return _quote(str(value), limit)


def _items(parts: Any, open_: str, close: str, limit: int) -> str:
    """Items until the text passes ``limit`` (a 20,000-value list is not walked)."""
    shown: list[str] = []
    length = 0
    for part in parts:
        if length + len(part) > limit - 8 and shown:
            shown.append(ELLIPSIS)
            break
        shown.append(part)
        length += len(part) + 2
    return open_ + ", ".join(shown) + close


def _key(key: Any) -> str:
    text = str(key)
    plain = text.replace("-", "").replace("_", "").replace("$", "")
    return text if plain.isalnum() and text.isprintable() else _quote(text, MAX_VALUE)


def _quote(text: str, limit: int) -> str:
    """Single quotes as YAML writes them; JSON double quotes when the text holds a
    quote or a character that cannot be shown (a line break, NUL, a bidi control)."""
    if len(text) > limit - 2:
        text = text[: max(limit - 3, 1)] + ELLIPSIS
    if text.isprintable() and "'" not in text:
        return f"'{text}'"
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\' else json.dumps(ch)[1:-1] for ch in text
    )
    return f'"{escaped}"'


def one_line(text: str) -> str:
    """Any line break or control character in a message becomes a visible escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else json.dumps(ch)[1:-1] for ch in text)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` for the closest candidate, else "": the one spelling of
    a suggestion in a message, which ``suggestion_of`` reads back for programs."""
    match = difflib.get_close_matches(name, sorted(set(candidates)), n=1)
    return f" (did you mean {show(match[0])}?)" if match else ""


_HINT = re.compile(r""" \(did you mean (?:'([^']*)'|("(?:[^"\\]|\\.)*"))\?\)""")


def suggestion_of(message: str) -> str | None:
    """The name a message suggests (``did_you_mean``, quoted by ``show``: in single
    quotes as it is, or as a JSON string), for ``--format json``."""
    found = _HINT.search(message)
    if found is None:
        return None
    plain, quoted = found.groups()
    return plain if plain is not None else str(json.loads(quoted))
