"""Naming rules: one rule per target, stable, and safe for hostile names."""

from __future__ import annotations

import keyword

import pytest

from ironflow_gen.naming import (
    is_ts_identifier,
    python_identifier,
    snake_case,
    ts_parameter,
    type_name_problem,
    words,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("functionId", "function_id"),
        ("run_id", "run_id"),
        ("APIKey", "api_key"),
        ("KVBucketInfo", "kv_bucket_info"),
        ("getWebSocketUrl", "get_web_socket_url"),
        ("ttl_seconds", "ttl_seconds"),
        ("WSError", "ws_error"),
        ("maxInflight", "max_inflight"),
    ],
)
def test_snake_case(name: str, expected: str) -> None:
    assert snake_case(name) == expected


def test_words_split_acronyms_and_digits() -> None:
    assert words("HTTPHeaders2Go") == ["HTTP", "Headers2", "Go"]


@pytest.mark.parametrize(
    ("wire", "python"),
    [
        ("class", "class_"),
        ("from", "from_"),
        ("match", "match"),
        ("type", "type"),
        ("field", "field_"),
        ("Any", "any"),
        ("str", "str_"),
        ("2fa", "f_2fa"),
        ("", "unnamed_"),
        ("---", "unnamed_"),
        ("with-dash", "with_dash"),
        ("caf\u00e9", "caf_u00e9"),
    ],
)
def test_python_identifier_escapes(wire: str, python: str) -> None:
    assert python_identifier(wire) == python
    assert python_identifier(wire).isidentifier()
    assert not keyword.iskeyword(python_identifier(wire))


def test_python_identifier_is_stable_per_name() -> None:
    """The escape depends on the name alone: no counter, no global state."""
    assert [python_identifier("class") for _ in range(3)] == ["class_"] * 3


def test_keyword_list_matches_this_python() -> None:
    from ironflow_gen.naming import PY_KEYWORDS

    assert set(keyword.kwlist) <= PY_KEYWORDS


def test_collisions_after_case_conversion_are_visible() -> None:
    assert python_identifier("fooBar") == python_identifier("foo_bar")


def test_typescript_names() -> None:
    assert is_ts_identifier("runId")
    assert not is_ts_identifier("with-dash")
    assert ts_parameter("function") == "function_"
    assert ts_parameter("name") == "name"


@pytest.mark.parametrize("name", ["Promise", "Record", "Error", "Any", "BaseModel", "Field"])
def test_type_names_the_generated_code_uses_are_refused(name: str) -> None:
    assert type_name_problem(name) is not None


def test_ordinary_type_names_are_fine() -> None:
    assert type_name_problem("RunInfo") is None
