"""Black's layout for the long lines the ``python`` target writes most often.

The templates write black's layout, so that a build need not run black
(``formatting.format_where_needed`` runs it only on a piece with a line longer
than the limit). The few shapes below (a call such as a field-table row, a
``from`` import, a set of strings) cover the long lines a generated package has;
any other shape, or a piece too long for these layouts, is written on one line
and left to black. Tests run black on every generated file and require no change.

Black does not order imported names; isort's order, as ruff applies it, is here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LINE_LENGTH = 100  # black's and ruff's setting for the whole generated package
_STEP = 4  # black's indentation


def call(
    function: str,
    arguments: Sequence[str],
    indent: int,
    suffix: str = "",
    line_length: int = LINE_LENGTH,
    brackets: str = "()",
) -> str:
    """``function(a, b)`` plus ``suffix`` standing ``indent`` spaces in, continuation
    lines indented: one line if it fits, else as black splits a call (or a ``def``, or
    a subscript with ``brackets="[]"``) at its bracket: the arguments on one line of
    their own, else one a line with a trailing comma. A part too long even then is
    written on one line, left to black."""
    opening, closing = brackets[0], brackets[1]
    line = f"{function}{opening}{', '.join(arguments)}{closing}{suffix}"
    if indent + len(line) <= line_length or not arguments:
        return line
    inner, outer = " " * (indent + _STEP), " " * indent
    if indent + len(function) + 1 > line_length or indent + 1 + len(suffix) > line_length:
        return line
    body = ", ".join(arguments)
    if indent + _STEP + len(body) <= line_length:
        return "\n".join([function + opening, inner + body, f"{outer}{closing}{suffix}"])
    if any(indent + _STEP + len(a) + 1 > line_length for a in arguments):
        return line
    return "\n".join(
        [function + opening, *(f"{inner}{a}," for a in arguments), f"{outer}{closing}{suffix}"]
    )


def assignment(target: str, value: str, line_length: int = LINE_LENGTH) -> str:
    """``target = value`` at module level (``Name: TypeAlias = ...``), as black lays
    out its right-hand side: a subscript (``Literal[...]``) split at its bracket, a
    union of plain names wrapped in parentheses (one line inside, else one member a
    line); any other long value is written on one line and left to black."""
    head = f"{target} = "
    line = head + value
    if len(line) <= line_length:
        return line
    parts = subscript(value)
    if parts is not None:
        return call(head + parts[0], parts[1], 0, "", line_length, "[]")
    members = split_top_level(value, " | ") or []
    if len(members) < 2 or any(not _PLAIN_NAME.fullmatch(m) for m in members):
        return line
    inner = " " * _STEP
    if _STEP + len(value) <= line_length:
        return f"{head}(\n{inner}{value}\n)"
    if any(_STEP + 2 + len(m) > line_length for m in members):
        return line
    rest = [f"{inner}| {m}" for m in members[1:]]
    return "\n".join([f"{head}(", inner + members[0], *rest, ")"])


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def subscript(value: str) -> tuple[str, list[str]] | None:
    """``Name[a, b]`` -> ("Name", ["a", "b"]) when its first bracket closes at the end."""
    opening = value.find("[")
    if opening <= 0 or not value.endswith("]") or not _PLAIN_NAME.fullmatch(value[:opening]):
        return None
    items = split_top_level(value[opening + 1 : -1])
    if items is None:
        return None  # the first bracket closes before the end: a longer expression
    return value[:opening], items


def split_top_level(text: str, separator: str = ", ") -> list[str] | None:
    """``text`` split at ``separator`` outside brackets and string literals, or None
    when its brackets do not balance (a bracket closes one it did not open)."""
    parts, depth, start, index, quote = [], 0, 0, 0, ""
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index + len(separator)
            index = start
            continue
        index += 1
    parts.append(text[start:])
    return parts if depth == 0 and not quote else None


def from_import(source: str, names: Sequence[str], indent: int = 0) -> str:
    """``from source import a, b``; past the line length, one name a line in
    parentheses with a trailing comma, as black writes it."""
    line = f"from {source} import {', '.join(names)}"
    if indent + len(line) <= LINE_LENGTH or not names:
        return line
    inner, outer = " " * (indent + _STEP), " " * indent
    return "\n".join([f"from {source} import (", *(f"{inner}{n}," for n in names), f"{outer})"])


def set_display(items: Sequence[str]) -> str:
    """A set display of already written literals: ``{"a", "b"}``."""
    return "{" + ", ".join(items) + "}"


def isort_key(name: str) -> tuple[int, list[tuple[int, int | str]]]:
    """isort's order-by-type, as ruff sorts imported names: CONSTANTS, then
    Classes, then everything else, each group in case-insensitive natural order."""
    return _name_group(name), _natural(name.lower())


def dunder_all_key(name: str) -> tuple[int, list[tuple[int, int | str]]]:
    """ruff's ``__all__`` order (RUF022): the same groups, case-sensitive within."""
    return _name_group(name), _natural(name)


def _name_group(name: str) -> int:
    if len(name) > 1 and name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


def _natural(text: str) -> list[tuple[int, int | str]]:
    return [
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    ]
