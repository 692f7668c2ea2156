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

from .diagnostics import Diagnostic

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
    suggestion = getattr(diagnostic, "suggestion", None)
    if suggestion:
        record["suggestion"] = suggestion
    return json.dumps(record, ensure_ascii=False)


def as_github(diagnostic: Diagnostic, command: str = "error") -> str:
    """A workflow command; its values escaped as GitHub's toolkit escapes them."""
    position = diagnostic.position
    properties = ",".join(
        f"{name}={_property(str(value))}"
        for name, value in (
            ("file", position.file),
            ("line", position.line),
            ("col", position.column),
            ("title", f"ironflow-gen {diagnostic.code}"),
        )
    )
    return f"::{command} {properties}::{_data(diagnostic.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
