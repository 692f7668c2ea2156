"""Property-based tests (hypothesis): escapers and naming hold for any text."""

from __future__ import annotations

import ast
import json
import keyword

from hypothesis import given, settings
from hypothesis import strategies as st

from ironflow_gen.escaping import jsdoc_lines, literal, md_cell, py_docstring, py_literal
from ironflow_gen.naming import PY_KEYWORDS, python_identifier
from ironflow_gen.writer import unified_diff

ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=60)


@settings(max_examples=300)
@given(ANY_TEXT)
def test_literals_round_trip(text: str) -> None:
    """`literal` is JSON (TypeScript reads it as JSON does); `py_literal` is Python."""
    assert json.loads(literal(text)) == text
    assert literal(text).isascii()
    assert ast.literal_eval(py_literal(text)) == text
    assert py_literal(text).isascii()


@settings(max_examples=300)
@given(ANY_TEXT)
def test_jsdoc_never_closes_the_comment(text: str) -> None:
    for line in jsdoc_lines(text):
        assert "*/" not in line and "\n" not in line and "\r" not in line


@settings(max_examples=300)
@given(ANY_TEXT)
def test_docstring_is_one_string_statement(text: str) -> None:
    tree = ast.parse(f'def f() -> None:\n    """{py_docstring(text)}"""\n')
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1


@settings(max_examples=300)
@given(ANY_TEXT)
def test_markdown_cell_is_one_cell(text: str) -> None:
    cell = md_cell(text)
    assert "\n" not in cell
    assert "|" not in cell.replace("\\|", "")


@settings(max_examples=300)
@given(ANY_TEXT)
def test_python_identifier_is_a_usable_name(text: str) -> None:
    name = python_identifier(text)
    assert name.isidentifier() and name.isascii()
    assert not keyword.iskeyword(name) and name not in PY_KEYWORDS
    assert python_identifier(text) == name  # a function of the name alone


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "d"]), max_size=40)


def _apply(old: str, diff: str) -> str:
    """Apply a unified diff to ``old``, checking every context and removed line."""
    source, result, position = old.splitlines(keepends=True), [], 0
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith("@@"):
            old_start, old_count = line.split()[1][1:].partition(",")[::2]
            start = int(old_start) - (0 if old_count == "0" else 1)
            result += source[position:start]
            position = start
            continue
        tag, text = line[0], line[1:]
        if tag in " -":
            assert source[position].rstrip("\n") == text.rstrip("\n")
            position += 1
        if tag in " +":
            result.append(text)
    return "".join(result + source[position:])


@settings(max_examples=300)
@given(LINES, LINES, LINES)
def test_drift_diff_turns_the_disk_into_the_schema(
    head: list[str], a: list[str], b: list[str]
) -> None:
    """`check` diffs only the changed middle of big files; its hunks still apply."""
    common = "".join(head)
    old, new = common + "".join(a) + common, common + "".join(b) + common
    diff = unified_diff("f", old, new)
    if old == new:
        assert diff == ""
    elif old.endswith("\n") and new.endswith("\n"):
        assert _apply(old, diff) == new
