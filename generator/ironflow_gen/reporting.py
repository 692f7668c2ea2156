"""Diagnostics as a person, a program or a CI system reads them.

* ``text``: ``file:line:col: error[code]: message``, the form editors and terminals
  link (on stderr);
* ``json``: one JSON object per line (``file``, ``line``, ``column``, ``code``,
  ``severity``, ``message``, and ``suggestion`` where there is one), for programs;
* ``github``: workflow commands (``::error file=F,line=L,col=C,title=T::message``),
  which GitHub Actions turns into annotations on the pull request's diff.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .diagnostics import Diagnostic, Position, suggestion_of

FORMATS = ("text", "json", "github")


def render(diagnostics: Iterable[Diagnostic], fmt: str) -> list[str]:
    """One line per diagnostic, in the order given."""
    if fmt == "json":
        return [as_json(d) for d in diagnostics]
    if fmt == "github":
        return [as_github(d) for d in diagnostics]
    return [d.render() for d in diagnostics]


def as_json(diagnostic: Diagnostic) -> str:
    position = diagnostic.position
    record: dict[str, object] = {
        "file": position.file,
        "line": position.line,
        "column": position.column,
        "code": diagnostic.code,
        "severity": "error",
        "message": diagnostic.message,
    }
    suggestion = suggestion_of(diagnostic.message)
    if suggestion is not None:
        record["suggestion"] = suggestion
    return json.dumps(record, ensure_ascii=False)


def as_github(diagnostic: Diagnostic) -> str:
    return workflow_command(
        "error", diagnostic.position, f"ironflow-gen {diagnostic.code}", diagnostic.message
    )


def workflow_command(level: str, position: Position | None, title: str, message: str) -> str:
    """``::level file=F,line=L,col=C,title=T::message``, every value escaped as GitHub's
    toolkit escapes it, so no text can end the command early or forge another."""
    properties = []
    if position is not None:
        properties += [
            f"file={github_property(position.file)}",
            f"line={position.line}",
            f"col={position.column}",
        ]
    properties.append(f"title={github_property(title)}")
    return f"::{level} {','.join(properties)}::{github_data(message)}"


def github_data(text: str) -> str:
    """A workflow command's message: GitHub decodes ``%25``, ``%0D``, ``%0A``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end it."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
