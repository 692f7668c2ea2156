"""Render a contract diff for a reader: text for a terminal, JSON for scripts,
GitHub workflow commands for pull-request annotations, Markdown for a changelog.

Pure functions of a :class:`~ironflow_gen.contract_diff.Report`; the order of the
changes is the report's (by file, line, column, rule), so output is deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .contract_diff import Change, Report
from .escaping import md_code, md_text, visible_text
from .reporting import workflow_command

FORMATS = ("text", "json", "github", "markdown")


def render(report: Report, format_name: str) -> str:
    """The report in one of :data:`FORMATS`, ending with a newline."""
    renderers: dict[str, Callable[[Report], str]] = {
        "text": render_text,
        "json": render_json,
        "github": render_github,
        "markdown": render_markdown,
    }
    return renderers[format_name](report)


def _breaks(change: Change) -> str:
    """``breaking: wire, source`` or the release a harmless change needs."""
    if not change.breaking:
        return change.level
    return "breaking: " + ", ".join(
        side for side, hit in (("wire", change.wire), ("source", change.source)) if hit
    )


def verdict_line(report: Report) -> str:
    """The verdict, and whether the contract's version announces it."""
    versions = f"version {report.from_version} -> {report.to_version}"
    needed = report.needed_version
    if not report.changes:
        return f"verdict: none (no changes; {versions})"
    if needed is None:
        return f"verdict: {report.verdict} ({versions}; no release needed)"
    judged = "ok" if report.version_ok else f"needs {needed} or later"
    return f"verdict: {report.verdict} ({versions}: {judged})"


def render_text(report: Report) -> str:
    lines = [
        f"{c.position}: {c.rule} [{_breaks(c)}]: {_one_line(c.message)}" for c in report.changes
    ]
    return "\n".join([*lines, verdict_line(report)]) + "\n"


def _one_line(text: str) -> str:
    return " ".join(visible_text(text).split("\n"))


def render_json(report: Report) -> str:
    document = {
        "verdict": report.verdict,
        "from_version": report.from_version,
        "to_version": report.to_version,
        "changes": [
            {
                "rule": c.rule,
                "breaking": c.breaking,
                "wire": c.wire,
                "source": c.source,
                "message": c.message,
                "file": c.position.file,
                "line": c.position.line,
                "column": c.position.column,
                "path": c.path,
            }
            for c in report.changes
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_github(report: Report) -> str:
    """Breaking changes as ``::error`` annotations, the others as ``::notice``. A
    removal is shown where it left a trace in the new schema (the enclosing type or
    module), and says where it was."""
    lines = []
    for change in report.changes:
        message, position = change.message, change.position
        if change.anchor is not None:
            message = f"{message} (was at {change.position})"
            position = change.anchor
        level = "error" if change.breaking else "notice"
        lines.append(workflow_command(level, position, change.rule, message))
    level = "notice" if report.version_ok else "error"
    lines.append(workflow_command(level, None, "ironflow-gen diff", verdict_line(report)))
    return "\n".join(lines) + "\n"


def _section(change: Change) -> str:
    """Breaking first; of the rest, additions apart from every other change."""
    if change.breaking:
        return "Breaking"
    return "Added" if change.kind == "added" else "Changed"


def render_markdown(report: Report) -> str:
    """A changelog section for the new version, grouped by Breaking / Added / Changed."""
    lines = [
        f"## {md_text(report.name)} {report.to_version}",
        "",
        f"Compared with {report.from_version}: {_release_words(report)}.",
    ]
    for title in ("Breaking", "Added", "Changed"):
        items = [c for c in report.changes if _section(c) == title]
        if items:
            lines += ["", f"### {title}", ""]
            lines += [_markdown_item(c) for c in items]
    return "\n".join(lines) + "\n"


def _release_words(report: Report) -> str:
    return {
        "major": "breaking changes (a major release)",
        "minor": "additions and compatible changes (a minor release)",
        "patch": "documentation only (a patch release)",
        "none": "no changes",
    }[report.verdict]


def _markdown_item(change: Change) -> str:
    message = " ".join(md_text(change.message).split("\n"))
    suffix = f" ({_breaks(change).removeprefix('breaking: ')})" if change.breaking else ""
    return f"- {md_code(change.path)}: {message}{suffix}"
