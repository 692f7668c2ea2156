"""zod as an oracle: the generated TypeScript compiled once, every payload judged by
its zod schemas in one node process (``typescript/zod_judge.mjs``)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import TS_TOOLS

JUDGE = TS_TOOLS / "zod_judge.mjs"


@dataclass(frozen=True)
class Verdict:
    """zod's answer: ``ok`` True (with its output), False, or None (no verdict: JSON.parse
    refused the text, or the output was too deep for JSON.stringify)."""

    ok: bool | None
    data: Any = None


def compile_typescript(package: Path, work: Path, node_modules: Path) -> Path:
    """Compile a generated TypeScript package to ES modules; return the output folder."""
    copy = work / "package"
    shutil.copytree(package, copy)
    (copy / "node_modules").symlink_to(node_modules)
    result = subprocess.run(
        [str(node_modules / ".bin" / "tsc"), "-p", str(copy), "--outDir", str(copy / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return copy / "dist"


def judge(module: Path, requests: Sequence[tuple[str, str]]) -> list[Verdict]:
    """(zod schema name, JSON text) per payload -> zod's verdicts, in order."""
    lines = "".join(
        json.dumps({"schema": schema, "text": text}) + "\n" for schema, text in requests
    )
    result = subprocess.run(
        ["node", str(JUDGE), str(module)],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    answers = [_answer(line) for line in result.stdout.split("\n")[:-1]]  # not U+2028
    assert len(answers) == len(requests)
    return answers


TOO_DEEP = object()  # zod's output, too deep for Python's json to read back


def _answer(line: str) -> Verdict:
    try:
        answer = json.loads(line)
    except RecursionError:
        assert line.startswith('{"ok":true,'), line[:80]
        return Verdict(True, TOO_DEEP)
    return Verdict(answer["ok"], TOO_DEEP if answer.get("tooDeep") else answer.get("data"))


def same_json(a: Any, b: Any) -> bool:
    """JSON equality as JavaScript reads it, however deep (no recursion): numbers are
    equal when they are the same double (``1 == 1.0``; ``10**30`` is ``1e30``; Python
    keeps an int exact where JavaScript has a double), but ``true`` is not ``1``;
    ``TOO_DEEP`` equals any value (the verdict alone is compared)."""
    stack = [(a, b)]
    while stack:
        x, y = (_non_finite(v) for v in stack.pop())
        if x is TOO_DEEP or y is TOO_DEEP:
            continue
        if isinstance(x, dict) and isinstance(y, dict) and x.keys() == y.keys():
            stack.extend((x[k], y[k]) for k in x)
        elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            stack.extend(zip(x, y, strict=True))
        elif not _same_scalar(x, y):
            return False
    return True


def _same_scalar(x: Any, y: Any) -> bool:
    if _is_number(x) and _is_number(y):
        return _double(x) == _double(y)
    return type(x) is type(y) and not isinstance(x, dict | list) and x == y


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _double(number: int | float) -> float:
    """The double JavaScript has for a JSON number (an int too big for one is infinite)."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def _non_finite(value: Any) -> Any:
    if isinstance(value, dict) and value.keys() == {"$nonFinite"}:
        return float(value["$nonFinite"])
    return value
