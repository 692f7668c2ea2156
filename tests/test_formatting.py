"""Formatting: exactly black's output, however it is reached (memo, pieces, workers)."""

from __future__ import annotations

import re
from pathlib import Path

import black
import pytest
from black.mode import TargetVersion

from ironflow_gen import formatting, workers
from ironflow_gen.formatting import format_python, format_python_many
from ironflow_gen.pipeline import load_contract
from ironflow_gen.targets import docs, python
from ironflow_gen.workers import worker_processes

SOURCE = "x = {  'a':1 }\ndef f( a ):\n  return a\n"
GENERATED = Path(__file__).parent.parent / "generated" / "python" / "ironflow_core"

# Definitions separated in every way black spaces them: comments between, decorators,
# overloads with dummy bodies, nested classes, a module docstring and imports, a
# trailing comment, too few and too many blank lines, a statement between two defs.
MODULE = '''"""Doc."""
import os
from typing import overload
x=1
class A :
    """A."""
    a:int=1
    class Inner: pass
def f(a,b) : return a
# about g
def g(): pass



@overload
def h(a: int) -> int: ...
@overload
def h(a: str) -> str: ...
def h(a): return a

y = [1,
  2]
@property
def long_one(LONG): pass

async def k(): await x
class B(A): ...
# the end
'''.replace("LONG", ", ".join(["self", *(letter * 20 for letter in "abcde")]))


def _black(text: str, line_length: int = 100) -> str:
    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=line_length)
    return black.format_str(text, mode=mode)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(tmp_path / "cache"))


def test_matches_black_and_is_reused(tmp_path: Path) -> None:
    assert format_python(SOURCE, line_length=100) == _black(SOURCE)
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_text("cached\n")
    assert format_python(SOURCE, line_length=100) == "cached\n"  # read, not recomputed
    assert format_python(SOURCE, line_length=88) == _black(SOURCE, 88)  # another mode


def test_an_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(blocker / "cache"))
    assert format_python(SOURCE, line_length=100).startswith('x = {"a": 1}')


def test_a_module_formatted_in_pieces_is_black_of_the_whole() -> None:
    assert len(formatting._chunks(MODULE, stub=False)) == 3  # cut where black sets 2 blank lines
    assert format_python(MODULE, line_length=100) == _black(MODULE)


@pytest.mark.parametrize("path", sorted(GENERATED.glob("*.py")), ids=lambda p: p.name)
def test_generated_modules_come_back_unchanged(path: Path) -> None:
    """A formatted module, cut into pieces and formatted again, is itself."""
    text = path.read_text("utf-8")
    assert format_python(text, line_length=100) == text


def test_one_edit_formats_one_piece_again(monkeypatch: pytest.MonkeyPatch) -> None:
    format_python(MODULE, line_length=100)
    formatted: list[str] = []
    real = formatting._black
    monkeypatch.setattr(
        formatting, "_black", lambda text, mode: formatted.append(text) or real(text, mode)
    )
    edited = MODULE.replace("def f(a,b) : return a", "def f(a,b) : return b")
    assert format_python(edited, line_length=100) == _black(edited)
    assert len(formatted) == 1 and "return b" in formatted[0]


def test_worker_processes_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setenv("IRONFLOW_GEN_JOBS", "2")
    texts = [MODULE, SOURCE, MODULE.replace("A", "C")]
    with worker_processes():
        assert workers._pool, "the build's worker pool is running"
        in_workers = format_python_many(texts, line_length=100)
    assert not workers._pool
    assert in_workers == [_black(text) for text in texts]


def test_a_syntax_error_is_black_s_error() -> None:
    with pytest.raises(black.parsing.InvalidInput):
        format_python("def f(:\n", line_length=100)


def test_line_breaks_python_does_not_count_do_not_move_the_cuts() -> None:
    """U+2028 and form feed end a line for str.splitlines, not for Python."""
    text = 'def f():\n    return "a\u2028b\x0cc\x1cd"\n\n\n@decorator\ndef g():\n    pass\n'
    assert len(formatting._chunks(text, stub=False)) == 2
    assert format_python(text, line_length=100) == _black(text)


# ------------------------------------------------- black off the build's path

ROOT = Path(__file__).resolve().parent.parent
_OUTPUTS = [
    ROOT / "generated",
    ROOT / "tests" / "fixtures" / "features" / "expected",
    *sorted((ROOT / "tests" / "cases").glob("*/expected")),
]
_PYTHON_FILES = sorted(p for root in _OUTPUTS for p in root.rglob("*.py"))
_DOCS = sorted(p for root in _OUTPUTS for p in root.rglob("*.md"))
_PYTHON_FENCE = re.compile(r"^(`{3,})python\n(.*?)^\1$", re.S | re.M)


def test_the_outputs_are_found() -> None:
    """The two checks below cannot pass vacuously."""
    assert len(_PYTHON_FILES) > 50 and len(_DOCS) > 30
    assert any(_PYTHON_FENCE.search(p.read_text(encoding="utf-8")) for p in _DOCS)


@pytest.mark.parametrize("path", _PYTHON_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_black_leaves_every_generated_python_file_unchanged(path: Path) -> None:
    """The templates write black's layout and the build runs black only on a piece it
    cannot know (``formatting.needs_black``): every committed output (the repository's
    ``generated/``, the golden fixture, the corpus) must already be black's."""
    text = path.read_text(encoding="utf-8")
    assert _black(text) == text


def test_black_leaves_the_python_of_the_docs_unchanged() -> None:
    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=88, is_pyi=True)
    blocks = [m.group(2) for p in _DOCS for m in _PYTHON_FENCE.finditer(p.read_text("utf-8"))]
    assert len(blocks) > 200
    assert [b for b in blocks if black.format_str(b, mode=mode) != b] == []


def test_output_is_the_same_whether_or_not_black_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    """Black everywhere (the old build) and black only where needed give the same bytes."""
    contract = load_contract(ROOT / "tests" / "fixtures" / "features" / "schema")
    lean = python.generate(contract) + docs.generate(contract)
    ran: list[str] = []
    real = formatting._black
    monkeypatch.setattr(formatting, "needs_black", lambda text, line_length: True)
    monkeypatch.setattr(formatting, "_black", lambda t, mode: ran.append(t) or real(t, mode))
    assert python.generate(contract) + docs.generate(contract) == lean
    assert len(ran) > 20  # black really ran this time


def test_black_runs_only_where_the_layout_rules_cannot_fit() -> None:
    long_alias = "X: TypeAlias = " + " | ".join(f"Member{i}" for i in range(20)) + "\n"
    assert formatting.needs_black(long_alias, 100)
    assert formatting.needs_black('x = "a \\" b"\n', 100)  # black prefers single quotes
    assert formatting.needs_black('def f():\n    """ Doc."""\n', 100)
    assert not formatting.needs_black(_black(MODULE), 100)
    long = "word " * 30 + "end"
    prose = [  # black wraps neither comments nor docstring text: no need to run it
        f"# {long}\n",
        f'def f():\n    """{long}"""\n',
        f'def f():\n    """{long}\n\n    {long}\n    """\n',
    ]
    for text in prose:
        assert _black(text) == text and not formatting.needs_black(text, 100), text
    code = [  # black changes each of these
        f'def f():\n    """a\n\n    {long}"""\n',  # it moves the closing quotes
        f'# """ in a comment opens no docstring\nx = ["{long}", "{long}"]\n',
    ]
    for text in code:
        assert _black(text) != text and formatting.needs_black(text, 100), text
    pieces = ["x = 1\n", long_alias]
    assert formatting.format_where_needed(pieces, line_length=100) == [
        "x = 1\n",
        _black(long_alias),
    ]
