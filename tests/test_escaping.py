"""Escapers: no schema text can leave the context it is written into."""

from __future__ import annotations

import ast
import json

import pytest

from ironflow_gen.escaping import (
    jsdoc_lines,
    literal,
    md_cell,
    md_code,
    md_text,
    py_docstring,
    py_literal,
    visible_text,
)

HOSTILE = [
    "end */ comment",
    'triple """ quotes',
    "triple ''' quotes",
    "trailing backslash \\",
    'trailing quote "',
    "\\u0041 \\N{BULLET} \\d",
    "bare\rcarriage",
    "crlf\r\nline",
    "ls\u2028ps\u2029nel\u0085",
    "bidi \u202e reversed \u2066",
    "nul \x00 bell \x07",
    "lone \ud800 surrogate",
    "{{ 7*7 }}",
    "| pipe <script>alert(1)</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_literal_round_trips_in_python(text: str) -> None:
    assert ast.literal_eval(literal(text)) == text
    assert literal(text).isascii()


@pytest.mark.parametrize("text", HOSTILE)
def test_jsdoc_cannot_close_the_comment(text: str) -> None:
    body = "\n".join(jsdoc_lines(text))
    assert "*/" not in body
    assert "\r" not in body and "\u2028" not in body and "\x00" not in body


@pytest.mark.parametrize("text", HOSTILE)
def test_docstring_stays_one_string(text: str) -> None:
    source = f'def f() -> None:\n    """{py_docstring(text)}"""\n'
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1


def test_visible_text_spells_out_invisible_characters() -> None:
    assert visible_text("a\u202eb") == "a\\u202eb"
    assert visible_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_markdown_cell_cannot_split_a_row() -> None:
    cell = md_cell("a | b\nc <b>")
    assert "\n" not in cell and " | " not in cell.replace("\\|", "")
    assert "<b>" not in cell


def test_markdown_code_cannot_close_early() -> None:
    assert md_code("a`b") == "`` a`b ``"


def test_python_literal_of_json_values() -> None:
    value = {"a": [1, 2.5, True, None, "x"]}
    assert ast.literal_eval(py_literal(value)) == value
    assert json.loads(literal(value)) == value


def test_markdown_text_cannot_open_a_code_fence() -> None:
    assert not md_text("intro\n```python\nx").split("\n")[1].startswith("```")


def test_markdown_text_leaves_code_spans_alone() -> None:
    assert md_text("a <b> `x > y`") == "a &lt;b&gt; `x > y`"


def test_invisible_astral_characters_are_spelled_out() -> None:
    assert visible_text("tag\U000e0041") == "tag\\U000e0041"
    assert visible_text("zero\u200bwidth") == "zero\\u200bwidth"
    assert visible_text("emoji \U0001f600") == "emoji \U0001f600"


@pytest.mark.parametrize(
    "value",
    [*HOSTILE, 'Step "', "it's \"x\"", "both ' \" \"", '\\"', "\"''", "plain"],
)
def test_a_python_string_is_in_the_quotes_black_chooses(value: str) -> None:
    """The python targets write black's layout so that black need not run: a string
    literal in the quotes black would pick (double, unless single ones need fewer
    backslashes), and still the same value."""
    import black

    source = f"x = {py_literal(value)}\n"
    assert ast.literal_eval(py_literal(value)) == value
    assert black.format_str(source, mode=black.Mode()) == source
