"""Property-based tests (hypothesis): escapers and naming hold for any text."""

from __future__ import annotations

import ast
import json
import keyword

from hypothesis import given, settings
from hypothesis import strategies as st

from ironflow_gen.escaping import jsdoc_lines, literal, md_cell, py_docstring, py_literal
from ironflow_gen.naming import PY_KEYWORDS, python_identifier

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
