"""Golden output of the feature fixture: every target's files, byte for byte.

Regenerate after an intended change with ``pytest tests/test_golden.py --update-goldens``
and review the diff; never edit files under ``expected/`` by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FEATURES, run_cli

EXPECTED = FEATURES / "expected"
MANIFEST = ".ironflow-gen.json"  # holds input hashes that change with every generator edit


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def test_feature_fixture_matches_golden(tmp_path: Path, update_goldens: bool) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--schema", FEATURES / "schema", "--out", out)
    assert result.returncode == 0, result.stderr
    produced = _files(out)
    if update_goldens:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for path, data in produced.items():
            (EXPECTED / path).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / path).write_bytes(data)
    expected = _files(EXPECTED)
    assert sorted(produced) == sorted(expected), "file set differs; rerun with --update-goldens"
    for path, data in produced.items():
        assert data.decode() == expected[path].decode(), f"{path} differs from its golden"


def test_repository_generated_folder_is_in_sync() -> None:
    """The biggest golden: this repository's own generated/ matches schema/."""
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
