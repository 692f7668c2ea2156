"""Black, in memory: memoised on disk, per top-level declaration, in parallel.

Formatting is by far the largest cost of a build (tens of thousands of generated
lines), so three things keep it down, none of which changes a byte of the output:

* **Memo.** Black is pinned, so its output is a pure function of (its version, the
  mode, the input) and a result can be kept (``memo.DiskMemo``).
* **Chunks.** A module is cut before each top-level ``class``/``def`` that follows
  another one across blank lines only, and each piece is formatted (and memoised)
  alone. Black puts exactly two blank lines between top-level definitions whatever
  surrounds them, so joining the pieces that way is what black makes of the whole;
  after a one-line schema edit only the edited declaration is formatted again.
* **Processes.** During a build, pieces not in the memo are formatted by the
  build's worker processes (``workers``) when there are enough of them.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version

# Imported with this module, never inside a function: targets run in threads, and two
# threads importing black (compiled with mypyc) at once can see a half-initialised
# module ("module 'black' has no attribute 'Mode'"). The pipeline imports every target
# module, hence this one, before it starts a thread.
import black
from black.mode import TargetVersion

from .memo import DiskMemo
from .workers import run_batched

_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class BlackMode:
    """What black's output depends on besides the text."""

    line_length: int
    stub: bool = False


def format_python(text: str, *, line_length: int, stub: bool = False) -> str:
    """``black.format_str`` for Python 3.11 (memoised, chunked)."""
    return format_python_many([text], line_length=line_length, stub=stub)[0]


def format_python_many(texts: Sequence[str], *, line_length: int, stub: bool = False) -> list[str]:
    """``black.format_str`` of each text, formatting only what the memo lacks."""
    mode = BlackMode(line_length, stub)
    cache = DiskMemo("black", _mode_tag(mode))
    results: list[str | None] = [cache.get(text) for text in texts]
    pieces = {
        index: _chunks(text, stub) for index, text in enumerate(texts) if results[index] is None
    }
    wanted = sorted({p for chunks in pieces.values() for p in chunks if cache.get(p) is None})
    for piece, formatted in zip(wanted, _run_black(wanted, mode), strict=True):
        cache.put(piece, formatted)
    for index, chunks in pieces.items():
        whole = "\n\n".join(_known(cache, p) for p in chunks)
        cache.put(texts[index], whole)
        results[index] = whole
    return [text for text in results if text is not None]


def format_where_needed(texts: Sequence[str], *, line_length: int, stub: bool = False) -> list[str]:
    """Each text as black would write it, running black only on the pieces (see
    ``_chunks``) that may differ from its layout (``needs_black``). The templates
    write black's layout, so a build formats almost nothing; the tests run black
    on every generated file and require no change, so the output is the same
    whether or not black ran on a piece."""
    pieces = [_chunks(text, stub) if needs_black(text, line_length) else [text] for text in texts]
    odd = sorted({p for chunks in pieces for p in chunks if needs_black(p, line_length)})
    formatted = dict(
        zip(odd, format_python_many(odd, line_length=line_length, stub=stub), strict=True)
    )
    return ["\n\n".join(formatted.get(p, p) for p in chunks) for chunks in pieces]


def needs_black(text: str, line_length: int) -> bool:
    """Whether black may change the text, whose layout the templates otherwise write
    themselves: a line of code too long for their layout rules (black wraps neither
    comments nor the text of a docstring), or text black respells (trailing blanks,
    inside a docstring too; a tab; an escaped double quote, for which black prefers
    single quotes; a docstring that opens with a blank)."""
    if '\\"' in text or "\t" in text or _DOCSTRING_OPENS_BLANK.search(text):
        return True
    in_docstring = False
    for line in text.split("\n"):
        if line.endswith(" "):
            return True
        stripped = line.lstrip()
        quotes = 0 if stripped.startswith("#") else line.count('"""')  # a comment's are text
        if len(line) > line_length and not _prose(stripped, quotes, in_docstring):
            return True
        in_docstring ^= quotes % 2 == 1
    return False


def _prose(line: str, quotes: int, in_docstring: bool) -> bool:
    """A line black leaves however long: a comment, a docstring's opening line or text,
    or a one-line docstring (it moves only the closing quotes of a long last line)."""
    if not quotes:
        return in_docstring or line.startswith("#")
    opening = not in_docstring and line.startswith('"""')
    return opening and (quotes == 1 or (quotes == 2 and line.endswith('"""')))


_DOCSTRING_OPENS_BLANK = re.compile(r'^[ \t]*"""[ \t]', re.MULTILINE)


def _chunks(text: str, stub: bool) -> list[str]:
    """The text cut before each top-level definition that black will set two blank
    lines above; the whole text when it cannot be cut safely."""
    # Stubs space definitions differently; `fmt: off` may span definitions; and `ast`
    # counts lines at \n only where no \r is (str.splitlines also splits at \x0c,
    # \u2028 and others, which a string literal may hold).
    if stub or "fmt:" in text or "\r" in text:
        return [text]
    try:
        module = ast.parse(text)
    except SyntaxError:
        return [text]  # black reports it, with its own message
    lines = text.split("\n")
    cuts = list(_cut_lines(module.body, lines))
    bounds = [0, *cuts, len(lines)]
    # Without the blank lines that end a piece (black drops them), a piece black has
    # nothing to change in costs one pass of black instead of two.
    return ["\n".join(lines[a:b]).rstrip() + "\n" for a, b in itertools.pairwise(bounds)]


def _cut_lines(body: list[ast.stmt], lines: list[str]) -> Iterator[int]:
    """0-based line numbers where a new piece may start."""
    for previous, current in itertools.pairwise(body):
        if not (isinstance(previous, _DEFINITIONS) and isinstance(current, _DEFINITIONS)):
            continue
        assert previous.end_lineno is not None
        start = min([current.lineno, *(d.lineno for d in current.decorator_list)]) - 1
        between = lines[previous.end_lineno : start]
        if between and all(not line.strip() for line in between):
            yield start


def _run_black(pieces: list[str], mode: BlackMode) -> list[str]:
    return run_batched(partial(_black_all, mode=mode), pieces, [len(p) for p in pieces])


def _black_all(pieces: list[str], mode: BlackMode) -> list[str]:
    return [_black(piece, mode) for piece in pieces]


def _black(text: str, mode: BlackMode) -> str:
    black_mode = black.Mode(
        target_versions={TargetVersion.PY311}, line_length=mode.line_length, is_pyi=mode.stub
    )
    return black.format_str(text, mode=black_mode)


def _mode_tag(mode: BlackMode) -> str:
    return f"black {version('black')} py311 {mode.line_length} {mode.stub}"


def _known(cache: DiskMemo, piece: str) -> str:
    found = cache.get(piece)
    assert found is not None, "every piece is formatted before the pieces are joined"
    return found
