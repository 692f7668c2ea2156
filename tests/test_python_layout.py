"""The python target's own layout of long lines: where it wraps, black agrees."""

from __future__ import annotations

import black
import pytest
from black.mode import TargetVersion
from hypothesis import given
from hypothesis import strategies as st

from ironflow_gen.targets._python_layout import (
    LINE_LENGTH,
    assignment,
    call,
    dunder_all_key,
    from_import,
    isort_key,
)

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def _table(row: str) -> str:
    """``row`` as it stands in a generated field table: 8 spaces in."""
    return (
        "class A(_wire.Record):\n    _wire_fields = _wire.fields(\n"
        f"        {row}\n    )\n"
    )


@given(
    # Wire names and attributes are string literals; a codec is a nest of calls.
    wire=st.from_regex(r"[A-Za-z][A-Za-z0-9_ -]{0,40}", fullmatch=True),
    attribute=st.from_regex(r"[a-z][a-z0-9_]{0,40}", fullmatch=True),
    target=st.from_regex(r"([a-z][a-z0-9_]{0,20}\.)?[A-Z][A-Za-z0-9]{0,40}", fullmatch=True),
    wrappers=st.lists(st.sampled_from(["_wire.list_of", "_wire.map_of", "_wire.nullable"]),
                      max_size=3),
)  # fmt: skip
def test_a_table_row_is_what_black_writes(
    wire: str, attribute: str, target: str, wrappers: list[str]
) -> None:
    codec = f'_wire.ref("{target}")'
    for wrapper in wrappers:
        codec = f"{wrapper}({codec})"
    row = call("_wire.optional", [f'"{wire}"', f'"{attribute}"', codec], 8, ",")
    text = _table(row)
    if all(len(line) <= LINE_LENGTH for line in text.splitlines()):
        assert black.format_str(text, mode=MODE) == text
    else:
        assert "\n" not in row  # too long even wrapped: left to black


def test_the_three_shapes() -> None:
    """One line while it fits; else the arguments on a line of their own; else one a line."""
    assert call("f", ["a", "b"], 8, ",") == "f(a, b),"
    f = "_wire.optional"
    assert call(f, ["a" * 39, "b" * 39], 8, ",").splitlines() == [
        f + "(", " " * 12 + "a" * 39 + ", " + "b" * 39, " " * 8 + "),"
    ]
    assert call(f, ["a" * 60, "b" * 60], 8, ",").splitlines() == [
        f + "(", " " * 12 + "a" * 60 + ",", " " * 12 + "b" * 60 + ",", " " * 8 + "),"
    ]
    assert call("f", ["a" * 90], 8, ",") == "f(" + "a" * 90 + "),"  # left to black


@pytest.mark.parametrize("count", [1, 3, 8, 30])
@pytest.mark.parametrize("indent", [0, 4])
def test_from_import_is_what_black_writes(count: int, indent: int) -> None:
    names = [f"ValidatedMessage{i}" for i in range(count)]
    line = " " * indent + from_import(".module", names, indent) + "\n"
    text = line if not indent else "if TYPE_CHECKING:\n" + line
    assert black.format_str(text, mode=MODE) == text


def test_import_order_is_isort_s() -> None:
    names = ["field_validator", "BaseModel", "MISSING", "Any", "T", "model10", "model9"]
    assert sorted(names, key=isort_key) == [
        "MISSING",
        "Any",
        "BaseModel",
        "T",
        "field_validator",
        "model9",
        "model10",
    ]
    assert sorted(["b", "B", "a"], key=dunder_all_key) == ["B", "a", "b"]


@pytest.mark.parametrize("width", range(1, 60, 3))
def test_a_long_model_field_is_what_black_writes(width: int) -> None:
    """``_pydantic_views.field_lines``: a union annotation with a default, at every
    width around black's choices (the default in parentheses, the annotation in
    parentheses, the union exploded)."""
    from ironflow_gen.targets._pydantic_views import field_lines

    members = " | ".join(f"Member{i}{'X' * width}" for i in range(3))
    tagged = f'Annotated[{members}, Field(discriminator="kind")] | MISSING'  # as the view writes
    for base, metadata in [(tagged, ()), (members, ('Field(alias="theChoice")',))]:
        lines = field_lines("choice", base, metadata, "MISSING")
        text = "class A:\n" + "\n".join(lines) + "\n"
        if all(len(line) <= LINE_LENGTH for line in lines):
            assert black.format_str(text, mode=MODE) == text, text


@given(
    # Literal aliases (strings with commas and brackets inside), unions of names,
    # and subscripts with nested brackets: the right-hand sides an alias has.
    literals=st.lists(st.from_regex(r'"[a-z ,\[\]|]{1,30}"', fullmatch=True), min_size=1,
                      max_size=8),
    names=st.lists(st.from_regex(r"[A-Z][A-Za-z0-9]{0,100}", fullmatch=True), min_size=1,
                   max_size=6),
    shape=st.sampled_from(["literal", "union", "callable", "mixed"]),
    line_length=st.sampled_from([LINE_LENGTH, 88]),
)  # fmt: skip
def test_an_alias_is_what_black_writes(
    literals: list[str], names: list[str], shape: str, line_length: int
) -> None:
    value = {
        "literal": f"Literal[{', '.join(literals)}]",
        "union": " | ".join(names),
        "callable": f"Callable[[{', '.join(names)}], Awaitable[None] | None]",
        "mixed": f"Literal[{literals[0]}] | {' | '.join(names)}",
    }[shape]
    text = assignment("Alias: TypeAlias", value, line_length) + "\n"
    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=line_length)
    if all(len(line) <= line_length for line in text.splitlines()):
        assert black.format_str(text, mode=mode) == text
    else:
        assert text.count("\n") == 1  # too long even wrapped: left to black


@given(
    values=st.lists(st.from_regex(r'"[A-Z_ ,\]]{1,40}"', fullmatch=True), min_size=1,
                    max_size=8),
)  # fmt: skip
def test_a_root_literal_is_what_black_writes(values: list[str]) -> None:
    """``_pydantic_views.field_lines`` of an enum's ``root: Literal[...]``."""
    from ironflow_gen.targets._pydantic_views import field_lines

    lines = field_lines("root", f"Literal[{', '.join(values)}]", (), None)
    text = "class A:\n" + "\n".join(lines) + "\n"
    if all(len(line) <= LINE_LENGTH for line in lines):
        assert black.format_str(text, mode=MODE) == text, text
    else:
        assert len(lines) == 1  # too long even wrapped: left to black
