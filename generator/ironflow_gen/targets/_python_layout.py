"""Black's layout for the long lines the ``python`` target writes most often.

Black formats every generated file regardless; this module only spares it work.
``black.format_str`` formats a text a second time whenever the first pass changed
it (to settle trailing commas), so a file that already has black's layout costs one
pass instead of two. The few shapes below (a keyword argument holding a
conditional, a ``from`` import, a set of strings) cover nearly all the long lines
of a generated package; any other shape, or a piece too long for these layouts, is
written on one line and left to black.

Black does not order imported names; isort's order, as ruff applies it, is here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

LINE_LENGTH = 100  # black's and ruff's setting for the whole generated package
_STEP = 4  # black's indentation


@dataclass(frozen=True)
class Conditional:
    """``value if test else otherwise``, kept in parts so that it can be wrapped."""

    value: str
    test: str
    otherwise: str

    def __str__(self) -> str:
        return f"{self.value} if {self.test} else {self.otherwise}"


def keyword_argument(name: str, value: str | Conditional, indent: int) -> str:
    """``name=value,`` for a call whose arguments stand ``indent`` spaces in, with
    continuation lines indented: one line if it fits, else as black wraps a
    conditional (in parentheses, then split before ``if`` and ``else``)."""
    line = f"{name}={value},"
    if indent + len(line) <= LINE_LENGTH or not isinstance(value, Conditional):
        return line
    inner, outer = " " * (indent + _STEP), " " * indent
    if indent + _STEP + len(str(value)) <= LINE_LENGTH:
        body = [str(value)]
    else:
        body = [value.value, f"if {value.test}", f"else {value.otherwise}"]
    if any(indent + _STEP + len(part) > LINE_LENGTH for part in body):
        return line  # black splits inside a part too: leave it to black
    return "\n".join([f"{name}=(", *(inner + part for part in body), f"{outer}),"])


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
