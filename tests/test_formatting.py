"""The black memo: same output as black, reused, and never required."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from ironflow_gen.formatting import format_python

SOURCE = "x = {  'a':1 }\ndef f( a ):\n  return a\n"


def test_matches_black_and_is_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(tmp_path))
    expected = black.format_str(SOURCE, mode=black.Mode(line_length=100))
    assert format_python(SOURCE, line_length=100) == expected
    entries = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(entries) == 1
    entries[0].write_text("cached\n")
    assert format_python(SOURCE, line_length=100) == "cached\n"  # the second call reads it
    assert format_python(SOURCE, line_length=88) == black.format_str(
        SOURCE, mode=black.Mode(line_length=88)
    )  # another mode is another entry


def test_an_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(blocker / "cache"))
    assert format_python(SOURCE, line_length=100).startswith('x = {"a": 1}')
