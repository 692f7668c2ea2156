"""Escapers, one per output context. Every schema text reaches generated code
through exactly one of these; a template never writes ``"{{ value }}"``.

``json.dumps(value, ensure_ascii=True)`` is a valid, deterministic literal in both
Python and TypeScript, so it is the one literal serialiser for values. Comments
and docstrings cannot quote, so their escapers neutralise what would end them
(``*/``, ``\"\"\"``, a trailing backslash) and make invisible or line-breaking characters
visible (bidi controls, NUL, U+2028, lone surrogates).
"""

from __future__ import annotations

import json
import re
import unicodedata

from .ir import JsonValue

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\u0085\x0b\x0c]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def literal(value: JsonValue) -> str:
    """A JSON value as a Python/TypeScript literal (strings ASCII-only, keys in order)."""
    return json.dumps(value, ensure_ascii=True, allow_nan=False)


_SURROGATE_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _python_astral(match: re.Match[str]) -> str:
    """JSON spells a character beyond U+FFFF as a UTF-16 surrogate pair, which
    TypeScript reads as one character but Python as two lone surrogates."""
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def py_literal(value: JsonValue) -> str:
    """A JSON value as a Python literal: JSON with True/False/None, and astral
    characters as ``\\U`` escapes."""
    if isinstance(value, str):
        return _quoted_as_black(_SURROGATE_PAIR.sub(_python_astral, literal(value)))
    if value is True:
        return "True"
    if value is False:
        return "False"
    if value is None:
        return "None"
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{literal(k)}: {py_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    return literal(value)


def _quoted_as_black(double_quoted: str) -> str:
    """A string literal in the quotes black would choose: double quotes, unless single
    ones need fewer backslashes (``'Step "a"'`` rather than ``"Step \\"a\\""``), so that
    black, which the tests run on every generated file, finds nothing to change."""
    body = double_quoted[1:-1]
    if '\\"' not in body:
        return double_quoted
    single = body.replace('\\"', '"').replace("'", "\\'")
    return f"'{single}'" if single.count("\\") < body.count("\\") else double_quoted


def visible_text(text: str) -> str:
    """Normalise line breaks to LF and spell out characters that hide or reorder text."""
    text = _LINE_BREAKS.sub("\n", text)
    return "".join(_visible_char(ch) for ch in text)


def _visible_char(ch: str) -> str:
    if ch in "\n\t":
        return ch
    category = unicodedata.category(ch)
    if ch in _BIDI or category in ("Cc", "Cs", "Cf", "Co"):
        # invisible, reordering (Trojan Source) or private-use: spell it out
        return f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"
    return ch


def doc_lines(text: str) -> list[str]:
    """A description as lines, trailing blanks removed; empty for no description."""
    lines = [line.rstrip() for line in visible_text(text).strip().split("\n")]
    return lines if any(lines) else []


def jsdoc_lines(text: str) -> list[str]:
    """Lines safe inside ``/** ... */``: no line can close the comment."""
    return [line.replace("*/", "*\\/") for line in doc_lines(text)]


def py_docstring(text: str) -> str:
    """The body of a triple-quoted docstring that cannot end early or mis-escape."""
    body = "\n".join(doc_lines(text)).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body += " "
    return body


def py_comment(text: str) -> str:
    """One comment line."""
    return " ".join(doc_lines(text))


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE_START = re.compile(r"^(\s*)(```|~~~)")


def md_text(text: str) -> str:
    """Prose for Markdown: HTML escaped outside code spans (inside, it already shows
    literally), and no line can open a code fence that would swallow the page."""
    lines = [_FENCE_START.sub(r"\1\\\2", line) for line in doc_lines(text)]
    return "\n".join(_escape_html_outside_code(line) for line in lines)


def _escape_html_outside_code(line: str) -> str:
    parts: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_escape_html(line[position : span.start()]))
        parts.append(span.group(0))
        position = span.end()
    parts.append(_escape_html(line[position:]))
    return "".join(parts)


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: str) -> str:
    """One Markdown table cell: a single line, with no `|` that could split the row."""
    return " ".join(md_text(text).split("\n")).replace("|", "\\|")


def md_code(text: str) -> str:
    """Inline code whose content cannot close its own backtick run."""
    text = " ".join(visible_text(text).split("\n"))
    run = max((len(m) for m in re.findall("`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or run else ""
    return f"{fence}{pad}{text}{pad}{fence}"


FILTERS = {
    "literal": literal,
    "py_literal": py_literal,
    "jsdoc_lines": jsdoc_lines,
    "py_docstring": py_docstring,
    "py_comment": py_comment,
    "md_text": md_text,
    "md_cell": md_cell,
    "md_code": md_code,
}
