"""The one template syntax of the schema: ``text {placeholder} text``.

Messages, derived constants, computed error fields and subscription patterns all
use it. ``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import re

from .ir import Placeholder, Segment, Template, TemplateText

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)?$")


class TemplateSyntaxError(ValueError):
    pass


def parse_template(text: str) -> Template:
    """Split a template into literal text and placeholders; raise on a malformed one."""
    segments: list[Segment] = []
    literal: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        literal.append(text[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        name = match.group(1)
        if name is None:
            raise TemplateSyntaxError(
                f"unmatched {token!r} in template (write {token * 2} for a brace)"
            )
        if not _NAME.match(name):
            raise TemplateSyntaxError(f"{{{name}}} is not a valid placeholder name")
        _flush(literal, segments)
        segments.append(Placeholder(name))
    literal.append(text[position:])
    _flush(literal, segments)
    return Template(tuple(segments))


def _flush(literal: list[str], segments: list[Segment]) -> None:
    text = "".join(literal)
    literal.clear()
    if text:
        segments.append(TemplateText(text))
