"""The python target's own layout of long lines: where it wraps, black agrees."""

from __future__ import annotations

import keyword

import black
import pytest
from black.mode import TargetVersion
from hypothesis import given
from hypothesis import strategies as st

from ironflow_gen.targets._python_layout import (
    LINE_LENGTH,
    Conditional,
    dunder_all_key,
    from_import,
    isort_key,
    keyword_argument,
)

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def _call(argument: str) -> str:
    """``argument`` as it stands in a generated from_dict: 12 spaces in."""
    return (
        "class A:\n    @classmethod\n    def from_dict(cls, data):\n        return cls(\n"
        f"            {argument}\n        )\n"
    )


@given(
    # An attribute name is never a keyword: naming.python_identifier escapes those.
    name=st.from_regex(r"[a-z][a-z_]{0,30}", fullmatch=True).filter(
        lambda n: not keyword.iskeyword(n) and not keyword.issoftkeyword(n)
    ),
    class_name=st.from_regex(r"[A-Z][A-Za-z0-9]{0,70}", fullmatch=True),
)
def test_a_wrapped_conditional_is_what_black_writes(name: str, class_name: str) -> None:
    value = Conditional(
        f'[{class_name}.from_dict(v0) for v0 in data["{name}"]]', f'"{name}" in data', "None"
    )
    argument = keyword_argument(name, value, 12)
    text = _call(argument.replace("\n", "\n"))
    if "\n" in argument or len(argument) + 12 <= LINE_LENGTH:
        assert black.format_str(text, mode=MODE) == text
    else:
        assert argument == f"{name}={value},"  # too long even wrapped: left to black


def _children(width: int) -> Conditional:
    """A ``children`` read whose one-line text is ``width`` characters long."""
    fixed = len('[.from_dict(v0) for v0 in data["children"]] if "children" in data else None')
    return Conditional(
        f'[{"V" * (width - fixed)}.from_dict(v0) for v0 in data["children"]]',
        '"children" in data',
        "None",
    )


def test_the_three_shapes() -> None:
    """One line while it fits; else in parentheses; else split before if/else too."""
    one_line = keyword_argument("children", _children(70), 12)
    assert one_line == f"children={_children(70)},"
    in_parentheses = keyword_argument("children", _children(82), 12).splitlines()
    assert in_parentheses == ["children=(", f"{' ' * 16}{_children(82)}", f"{' ' * 12}),"]
    split = keyword_argument("children", _children(90), 12).splitlines()
    assert [line.strip().split(" ")[0] for line in split] == [
        "children=(",
        "[" + "V" * 15 + ".from_dict(v0)",
        "if",
        "else",
        "),",
    ]


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
