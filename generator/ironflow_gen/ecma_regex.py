"""JSON Schema's ``pattern`` is an ECMA-262 regular expression with Unicode semantics
(the official suite's "patterns always use unicode semantics"); zod runs it as
``new RegExp(pattern, "u")``. Python's ``re`` reads the same text differently:
``\\d`` and ``\\w`` take every Unicode digit and letter, ``$`` also matches before a
final newline, ``.`` takes a line separator, ``(?P<n>...)`` and ``\\A`` are syntax
JavaScript refuses. This module parses a pattern as ECMA-262 reads it with the ``u``
flag and writes the ``re`` pattern that accepts exactly the same strings (both match
code points, lone surrogates included).

A pattern JavaScript refuses, or one whose meaning ``re`` cannot be given exactly
(Unicode property escapes, backreferences, a lookbehind of varying width), raises
``PatternError`` with the offset of the problem; the schema is refused there.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# ECMA-262's WhiteSpace and LineTerminator: what \s matches in JavaScript.
_JS_SPACE = (
    "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
_LINE_TERMINATORS = "\\n\\r\\u2028\\u2029"
# Class escapes: (inside a class, outside one); None where re's class cannot hold it.
_CLASS_ESCAPES = {
    "d": ("0-9", "[0-9]"),
    "D": (None, "[^0-9]"),
    "w": ("a-zA-Z0-9_", "[a-zA-Z0-9_]"),
    "W": (None, "[^a-zA-Z0-9_]"),
    "s": (_JS_SPACE, f"[{_JS_SPACE}]"),
    "S": (None, f"[^{_JS_SPACE}]"),
}
_ANY = "[\\x00-\\U0010ffff]"
# \b and \B spelled out: re's \B never matches in an empty string, JavaScript's does.
_WORD = "[a-zA-Z0-9_]"
_BOUNDARIES = {
    "\\b": f"(?:(?<={_WORD})(?!{_WORD})|(?<!{_WORD})(?={_WORD}))",
    "\\B": f"(?:(?<={_WORD})(?={_WORD})|(?<!{_WORD})(?!{_WORD}))",
}
_CONTROL_ESCAPES = {"f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
# What a backslash may escape to stand for itself, with the u flag.
_SYNTAX_CHARACTERS = frozenset("^$\\.*+?()[]{}|/")
_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")
_GROUP_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
# Groups nest at most this deep (the parser recurses once per group).
MAX_NESTING = 64


class PatternError(ValueError):
    """A pattern JavaScript refuses, or one this translation does not take."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at character {offset + 1})")
        self.offset = offset


@functools.cache
def to_python(pattern: str) -> str:
    """The ``re`` pattern (searched) that accepts what ``new RegExp(pattern, "u")``
    does; raises PatternError for one JavaScript refuses or this does not take.
    Cached: the checker, the default check and the pydantic target each ask."""
    translated = _Parser(pattern).pattern()
    try:
        re.compile(translated)
    except re.error as error:  # a lookbehind of varying width, which re cannot take
        raise PatternError(f"Python's re cannot match this: {error.msg}", 0) from None
    except OverflowError:  # a{99999999999}
        raise PatternError("a repetition count too large", 0) from None
    return translated


@dataclass
class _Parser:
    """ECMA-262's pattern grammar with the ``u`` flag, by recursive descent; each
    method reads one production at ``at`` and returns its ``re`` text."""

    text: str
    at: int = 0
    depth: int = 0

    def pattern(self) -> str:
        out = self._disjunction()
        if self.at < len(self.text):
            raise self._error("unmatched ')'")
        return "(?a)" + out  # \d, \w and \b of ASCII only, as in JavaScript

    def _error(self, message: str) -> PatternError:
        return PatternError(message, self.at)

    def _peek(self, size: int = 1) -> str:
        return self.text[self.at : self.at + size]

    def _disjunction(self) -> str:
        parts = [self._alternative()]
        while self._peek() == "|":
            self.at += 1
            parts.append(self._alternative())
        return "|".join(parts)

    def _alternative(self) -> str:
        out = []
        while self.at < len(self.text) and self._peek() not in "|)":
            out.append(self._term())
        return "".join(out)

    def _term(self) -> str:
        char = self._peek()
        if char == "^":
            self.at += 1
            return "^"
        if char == "$":  # the end of the input only: re's $ also matches before a final \n
            self.at += 1
            return "\\Z"
        if self._peek(2) in _BOUNDARIES:
            self.at += 2
            return _BOUNDARIES[self.text[self.at - 2 : self.at]]
        for opening in ("(?=", "(?!", "(?<=", "(?<!"):  # lookarounds take no quantifier
            if self.text.startswith(opening, self.at):
                return self._group_body(len(opening), opening)
        return self._atom() + self._quantifier()

    def _atom(self) -> str:
        char = self._peek()
        if char == ".":
            self.at += 1
            return f"[^{_LINE_TERMINATORS}]"
        if char == "(":
            return self._open_group()
        if char == "[":
            return self._class()
        if char == "\\":
            return self._atom_escape()
        if char in "*+?{":
            raise self._error("nothing to repeat")
        if char in "}]":
            raise self._error(f"lone {char!r}")
        self.at += 1
        return re.escape(char)

    def _open_group(self) -> str:
        if self.text.startswith("(?:", self.at):
            return self._group_body(3, "(?:")
        if self.text.startswith("(?<", self.at):
            found = _GROUP_NAME.match(self.text, self.at + 3)
            if found is None or not self.text.startswith(">", found.end()):
                raise self._error("invalid group name")
            return self._group_body(found.end() + 1 - self.at, f"(?P<{found.group()}>")
        if self.text.startswith("(?", self.at):
            raise self._error("invalid group")
        return self._group_body(1, "(")

    def _group_body(self, opening: int, written: str) -> str:
        if self.depth >= MAX_NESTING:
            raise self._error(f"groups nest more than {MAX_NESTING} deep")
        self.at += opening
        self.depth += 1
        inner = self._disjunction()
        self.depth -= 1
        if self._peek() != ")":
            raise self._error("missing ')'")
        self.at += 1
        return f"{written}{inner})"

    def _quantifier(self) -> str:
        char = self._peek()
        if char and char in "*+?":
            self.at += 1
        elif char == "{":
            found = _QUANTIFIER.match(self.text, self.at)
            if found is None:
                raise self._error("incomplete quantifier")
            low, comma, high = found.group(1), found.group(2), found.group(3)
            if high and int(high) < int(low):
                raise self._error("numbers out of order in {} quantifier")
            self.at = found.end()
            char = f"{{{low}{',' if comma else ''}{high or ''}}}"
        else:
            return ""
        if self._peek() == "?":
            self.at += 1
            char += "?"
        if self._peek() and self._peek() in "*+?{":
            raise self._error("nothing to repeat")
        return char

    def _atom_escape(self) -> str:
        escaped = self.text[self.at + 1 : self.at + 2]
        if escaped in _CLASS_ESCAPES:
            self.at += 2
            return _CLASS_ESCAPES[escaped][1]
        return re.escape(self._character_escape(in_class=False))

    def _character_escape(self, *, in_class: bool) -> str:
        """The character an escape (at its backslash) stands for; ``at`` ends past it."""
        start = self.at
        self.at += 1
        char = self._peek()
        self.at += 1
        if not char:
            raise PatternError("\\ at end of pattern", start)
        if char in _CONTROL_ESCAPES:
            return _CONTROL_ESCAPES[char]
        if char == "0" and not self._peek().isdigit():
            return "\0"
        if char == "c" and self._peek().isascii() and self._peek().isalpha():
            self.at += 1
            return chr(ord(self.text[self.at - 1]) % 32)
        if char == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", self._peek(2)):
            self.at += 2
            return chr(int(self.text[self.at - 2 : self.at], 16))
        if char == "u":
            return self._unicode_escape(start)
        if char in _SYNTAX_CHARACTERS or (in_class and char == "-"):
            return char
        if char.isdigit() or char == "k":
            # JavaScript matches a group that took no part as empty, and empties groups
            # each time their quantifier repeats; re does neither.
            raise PatternError("backreferences are not taken", start)
        if char in "pP":
            raise PatternError("Unicode property escapes are not taken: re has none", start)
        raise PatternError(f"invalid escape \\{char}", start)

    def _unicode_escape(self, start: int) -> str:
        """``\\u{1F600}``, ``\\uXXXX``, or a surrogate pair of two ``\\uXXXX``: one code
        point, as the u flag reads them."""
        if self._peek() == "{":
            found = re.match(r"\{([0-9A-Fa-f]+)\}", self.text[self.at :])
            if found is None or int(found.group(1), 16) > 0x10FFFF:
                raise PatternError("invalid Unicode escape", start)
            self.at += found.end()
            return chr(int(found.group(1), 16))
        if not _HEX4.fullmatch(self._peek(4)):
            raise PatternError("invalid Unicode escape", start)
        point = int(self._peek(4), 16)
        self.at += 4
        if 0xD800 <= point < 0xDC00 and self._peek(2) == "\\u" and _HEX4.fullmatch(
            self.text[self.at + 2 : self.at + 6]
        ):
            low = int(self.text[self.at + 2 : self.at + 6], 16)
            if 0xDC00 <= low < 0xE000:
                self.at += 6
                return chr(0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00))
        return chr(point)

    def _class(self) -> str:
        self.at += 1
        negated = self._peek() == "^"
        if negated:
            self.at += 1
        parts: list[str] = []
        complements: list[str] = []  # \D \W \S: classes of their own, joined by |
        while self._peek() != "]":
            if self.at >= len(self.text):
                raise self._error("missing ']'")
            escaped = self.text[self.at + 1 : self.at + 2] if self._peek() == "\\" else ""
            if escaped in _CLASS_ESCAPES and _CLASS_ESCAPES[escaped][0] is None:
                self.at += 2
                complements.append(_CLASS_ESCAPES[escaped][1])
                self._no_range_after_class_escape()
                continue
            low = self._class_atom()
            if self._peek() == "-" and self._peek(2) != "-]":
                self.at += 1
                high = self._class_atom()
                if low[0] is None or high[0] is None:
                    raise self._error("a class escape cannot bound a range")
                if ord(high[0]) < ord(low[0]):
                    raise self._error("range out of order in character class")
                parts.append(f"{_class_char(low[0])}-{_class_char(high[0])}")
            else:
                parts.append(low[1])
                if low[0] is None:
                    self._no_range_after_class_escape()
        self.at += 1
        return _class_text(parts, complements, negated)

    def _no_range_after_class_escape(self) -> None:
        if self._peek() == "-" and self._peek(2) != "-]":
            raise self._error("a class escape cannot bound a range")

    def _class_atom(self) -> tuple[str | None, str]:
        """(the character, when it is one; its text inside a ``re`` class)."""
        char = self._peek()
        if not char:
            raise self._error("missing ']'")
        if char != "\\":
            self.at += 1
            return char, _class_char(char)
        escaped = self.text[self.at + 1 : self.at + 2]
        if escaped in _CLASS_ESCAPES:  # \d \w \s (the complements are taken apart)
            self.at += 2
            return None, str(_CLASS_ESCAPES[escaped][0])
        if escaped == "b":
            self.at += 2
            return "\b", _class_char("\b")
        value = self._character_escape(in_class=True)
        return value, _class_char(value)


def _class_text(parts: list[str], complements: list[str], negated: bool) -> str:
    """A class as ``re`` text: one code point in the listed ones, or any of the
    complements (``\\D`` ...), which a ``re`` class cannot hold beside others."""
    if complements:
        union = "(?:" + "|".join(([f"[{''.join(parts)}]"] if parts else []) + complements) + ")"
        return f"(?!{union}){_ANY}" if negated else union
    if not parts:  # [] matches nothing, [^] any code point
        return _ANY if negated else "(?!)"
    return f"[{'^' if negated else ''}{''.join(parts)}]"


def _class_char(char: str) -> str:
    """A character as ``re`` reads it inside a class."""
    if char in "\\]^-[":
        return "\\" + char
    if not char.isprintable() or char.isspace():
        point = ord(char)
        return f"\\x{point:02x}" if point <= 0xFF else f"\\U{point:08x}"
    return char
