"""Wadler's "prettier printer", the way prettier 3 implements it.

A document (``Doc``) is text with possible line breaks: strings, lists of docs,
``Line`` (a space or a newline, ``soft``: nothing or a newline, ``hard``: always a
newline), ``Group`` (print its lines flat if the group fits in the rest of the line,
else break them), ``Indent``/``Align``, ``IfBreak`` (one text or another depending on
whether the enclosing group broke) and conditional groups (``Group`` with
``states``: the first state that fits, else the last one broken).

The printer follows prettier's ``printDocToString`` decision for decision (the
``fits`` look-ahead that measures up to the first possible break of what follows,
break propagation that stops at conditional groups, trailing-space trimming), so
that a document built the way prettier builds it prints what prettier prints.
Nothing here knows TypeScript; ``typescript.py`` builds the documents.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

Doc: TypeAlias = (
    "str | list[Doc] | Group | Indent | Align | Line | IfBreak | IndentIfBreak | BreakParent"
)

WIDTH = 80
_FLAT, _BREAK = False, True


@dataclass(eq=False, slots=True)
class Group:
    contents: Doc
    broken: bool = False
    states: Sequence[Doc] | None = None  # a conditional group: the alternatives
    id: int | None = None


@dataclass(eq=False, slots=True)
class Indent:
    contents: Doc


@dataclass(eq=False, slots=True)
class Align:
    width: int
    contents: Doc


@dataclass(frozen=True, slots=True)
class Line:
    soft: bool = False
    hard: bool = False


@dataclass(eq=False, slots=True)
class IfBreak:
    broken: Doc
    flat: Doc = ""
    group_id: int | None = None


@dataclass(eq=False, slots=True)
class IndentIfBreak:
    contents: Doc
    group_id: int


@dataclass(frozen=True, slots=True)
class BreakParent:
    pass


LINE = Line()
SOFTLINE = Line(soft=True)
BREAK_PARENT = BreakParent()
HARDLINE: Doc = [Line(hard=True), BREAK_PARENT]

_ids = iter(range(1, 1 << 62))


def group(contents: Doc, *, broken: bool = False, id: int | None = None) -> Group:
    return Group(contents, broken, None, id)


def conditional_group(states: Sequence[Doc]) -> Group:
    return Group(states[0], False, states)


def new_id() -> int:
    """An id for a group that ``IfBreak``/``IndentIfBreak`` elsewhere ask about."""
    return next(_ids)


def join(separator: Doc, docs: Sequence[Doc]) -> list[Doc]:
    parts: list[Doc] = []
    for index, doc in enumerate(docs):
        if index:
            parts.append(separator)
        parts.append(doc)
    return parts


def _children(doc: Doc) -> Sequence[Doc]:
    """The docs inside a doc (a conditional group's first state only)."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, Group | Indent | Align | IndentIfBreak):
        return (doc.contents,)
    if isinstance(doc, IfBreak):
        return (doc.broken, doc.flat)
    return ()


def will_break(doc: Doc) -> bool:
    """Whether the doc surely breaks: a hard line, a break-parent or a broken group
    (conditional groups are looked at through their first state, as prettier does)."""
    stack = [doc]
    while stack:
        item = stack.pop()
        if (
            isinstance(item, BreakParent)
            or (isinstance(item, Group) and item.broken)
            or (isinstance(item, Line) and item.hard)
        ):
            return True
        stack.extend(_children(item))
    return False


def can_break(doc: Doc) -> bool:
    """Whether the doc holds any line at all."""
    stack = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, Line):
            return True
        stack.extend(_children(item))
    return False


def propagate_breaks(doc: Doc) -> None:  # noqa: C901 - one case per kind of doc
    """Break every group that holds a hard line or a broken group; a conditional
    group keeps its choice (prettier's ``propagateBreaks``)."""
    seen: set[int] = set()

    def visit(item: Doc) -> bool:  # noqa: C901 - whether item forces its group to break
        if isinstance(item, str):
            return False
        if isinstance(item, list):
            forced = False
            for part in item:
                forced = visit(part) or forced
            return forced
        if isinstance(item, Group):
            if id(item) in seen:
                return item.broken
            seen.add(id(item))
            if item.states is not None:
                for state in item.states:
                    visit(state)
                return item.broken
            if visit(item.contents):
                item.broken = True
            return item.broken
        if isinstance(item, BreakParent):
            return True
        if isinstance(item, IfBreak):
            return visit(item.broken) | visit(item.flat)
        if isinstance(item, Indent | Align | IndentIfBreak):
            return visit(item.contents)
        return False

    visit(doc)


def width_of(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass(slots=True)
class _Printer:
    width: int
    out: list[str] = field(default_factory=list)
    position: int = 0
    group_modes: dict[int, bool] = field(default_factory=dict)

    def fits(  # noqa: C901 - one case per kind of doc
        self, next_cmd: tuple[str, bool, Doc], rest: list[tuple[str, bool, Doc]]
    ) -> bool:
        """Whether `next_cmd` flat, then the commands still to print (as they are),
        fit in the line up to their first possible break (prettier's `fits`)."""
        remaining = self.width - self.position
        rest_index = len(rest)
        stack: list[tuple[bool, Doc]] = [(next_cmd[1], next_cmd[2])]
        while remaining >= 0:
            if not stack:
                if rest_index == 0:
                    return True
                rest_index -= 1
                stack.append((rest[rest_index][1], rest[rest_index][2]))
                continue
            mode, doc = stack.pop()
            kind = type(doc)
            if kind is str:
                assert isinstance(doc, str)
                remaining -= len(doc) if doc.isascii() else width_of(doc)
            elif kind is list:
                assert isinstance(doc, list)
                stack.extend((mode, part) for part in reversed(doc))
            elif isinstance(doc, Group):
                group_mode = _BREAK if doc.broken else mode
                contents = doc.states[-1] if doc.states is not None and group_mode else doc.contents
                stack.append((group_mode, contents))
            elif isinstance(doc, Line):
                if mode == _BREAK or doc.hard:
                    return True
                if not doc.soft:
                    remaining -= 1
            elif isinstance(doc, IfBreak):
                group_mode = self.group_modes.get(doc.group_id, _FLAT) if doc.group_id else mode
                stack.append((mode, doc.broken if group_mode else doc.flat))
            elif isinstance(doc, Indent | Align | IndentIfBreak):
                stack.append((mode, doc.contents))
        return False

    def print(self, doc: Doc) -> str:  # noqa: C901 - one case per kind of doc
        propagate_breaks(doc)
        commands: list[tuple[str, bool, Doc]] = [("", _BREAK, doc)]
        remeasure = False
        while commands:
            indent, mode, item = commands.pop()
            kind = type(item)
            if kind is str:
                assert isinstance(item, str)
                self.out.append(item)
                self.position += len(item) if item.isascii() else width_of(item)
            elif kind is list:
                assert isinstance(item, list)
                commands.extend((indent, mode, part) for part in reversed(item))
            elif isinstance(item, Indent):
                commands.append((indent + "  ", mode, item.contents))
            elif isinstance(item, Align):
                commands.append((indent + " " * item.width, mode, item.contents))
            elif isinstance(item, Group):
                command = self._choose(indent, mode, item, commands, remeasure)
                remeasure = False
                commands.append(command)
                if item.id is not None:
                    self.group_modes[item.id] = command[1]
            elif isinstance(item, IfBreak | IndentIfBreak):
                group_mode = self.group_modes.get(item.group_id, _FLAT) if item.group_id else mode
                if isinstance(item, IfBreak):
                    commands.append((indent, mode, item.broken if group_mode else item.flat))
                else:
                    commands.append((indent + "  " if group_mode else indent, mode, item.contents))
            elif isinstance(item, Line):
                if mode == _FLAT and not item.hard:
                    if not item.soft:
                        self.out.append(" ")
                        self.position += 1
                    continue
                if mode == _FLAT:
                    remeasure = True
                self._trim()
                self.out.append("\n" + indent)
                self.position = len(indent)
        return "".join(self.out)

    def _choose(
        self,
        indent: str,
        mode: bool,
        item: Group,
        commands: list[tuple[str, bool, Doc]],
        remeasure: bool,
    ) -> tuple[str, bool, Doc]:
        if mode == _FLAT and not remeasure:
            return (indent, _BREAK if item.broken else _FLAT, item.contents)
        flat = (indent, _FLAT, item.contents)
        if not item.broken and self.fits(flat, commands):
            return flat
        if item.states is None:
            return (indent, _BREAK, item.contents)
        if not item.broken:
            for state in item.states[1:-1]:
                candidate = (indent, _FLAT, state)
                if self.fits(candidate, commands):
                    return candidate
        return (indent, _BREAK, item.states[-1])

    def _trim(self) -> None:
        while self.out:
            stripped = self.out[-1].rstrip(" \t")
            if stripped:
                self.out[-1] = stripped
                return
            self.out.pop()


def print_doc(doc: Doc, width: int = WIDTH) -> str:
    return _Printer(width).print(doc)
