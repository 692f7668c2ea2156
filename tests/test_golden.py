"""Golden output of the feature fixture: every target's files, byte for byte.

Regenerate after an intended change with ``pytest tests/test_golden.py --update-goldens``
and review the diff; never edit files under ``expected/`` by hand.
"""

from __future__ import annotations

from pathlib import Path

from conftest import FEATURES, assert_golden, run_cli, tree_bytes

EXPECTED = FEATURES / "expected"


def test_feature_fixture_matches_golden(tmp_path: Path, update_goldens: bool) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--schema", FEATURES / "schema", "--out", out)
    assert result.returncode == 0, result.stderr
    assert_golden(EXPECTED, tree_bytes(out), update_goldens)


def test_repository_generated_folder_is_in_sync() -> None:
    """The biggest golden: this repository's own generated/ matches schema/."""
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
