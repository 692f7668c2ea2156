"""The disk memo and the worker processes: each reused or used only where it changes
no byte of the output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from ironflow_gen import checker, workers
from ironflow_gen.loader import load_schema
from ironflow_gen.memo import DiskMemo
from ironflow_gen.pipeline import build_targets
from ironflow_gen.workers import worker_processes
from ironflow_gen.writer import read_manifest, unchanged_on_disk, write_files

FEATURES = Path(__file__).parent / "fixtures" / "features" / "schema"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(tmp_path / "cache"))


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("recomputed, though the memo holds the answer")


def test_entries_are_per_tag_and_input() -> None:
    DiskMemo("f", "v1").put("input", "result")
    assert DiskMemo("f", "v1").get("input") == "result"
    assert DiskMemo("f", "v2").get("input") is None
    assert DiskMemo("g", "v1").get("input") is None
    assert DiskMemo("f", "v1").get("other input") is None


def test_a_file_found_valid_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    source = load_schema(FEATURES)
    assert checker.check_structure(source) == []
    monkeypatch.setattr(checker, "_validator", _refuse)
    assert checker.check_structure(source) == []


def test_problems_are_never_memoised(tmp_path: Path) -> None:
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "m.yaml").write_text("$defs:\n  A:\n    type: object\n    colour: red\n")
    for _ in range(2):
        (problem,) = checker.check_structure(load_schema(schema))
        assert "unknown keyword 'colour'" in problem.message


def test_worker_processes_change_no_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema check and black in worker processes, targets in threads: the same
    files as one process doing everything in turn."""
    names = ("typescript", "python", "pydantic", "jsonschema", "docs")
    monkeypatch.setenv("IRONFLOW_GEN_JOBS", "1")
    alone = build_targets(FEATURES, names)
    monkeypatch.setenv("IRONFLOW_GEN_JOBS", "2")
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(Path(os.environ["IRONFLOW_GEN_CACHE"]) / "b"))
    assert build_targets(FEATURES, names) == alone


def test_the_check_in_workers_reports_what_it_reports_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = tmp_path / "schema"
    shutil.copytree(FEATURES, schema)
    (schema / "bad.yaml").write_text("$defs:\n  A:\n    type: object\n    colour: red\n")
    alone = checker.check_structure(load_schema(schema))
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setenv("IRONFLOW_GEN_JOBS", "2")
    monkeypatch.setenv("IRONFLOW_GEN_CACHE", str(tmp_path / "other-cache"))
    with worker_processes():
        assert workers._pool
        assert checker.check_structure(load_schema(schema)) == alone
    assert [d.code for d in alone] == ["unknown-keyword"]


def test_check_trusts_a_file_only_while_it_is_untouched(tmp_path: Path) -> None:
    """`check` hashes a generated file again after any write to it, even one that
    keeps its size and sets its modification time back."""
    out = tmp_path / "out"
    write_files(out, {"t": {"a.txt": "alpha\n", "b.txt": "beta\n"}}, {"t": "inputs"})
    manifest = read_manifest(out)
    assert unchanged_on_disk(out, manifest, ["t"])
    assert unchanged_on_disk(out, manifest, ["t"])  # now from the memo
    edited = out / "b.txt"
    before = edited.stat()
    edited.write_text("BETA\n")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not unchanged_on_disk(out, manifest, ["t"])
    edited.write_text("beta\n")
    assert unchanged_on_disk(out, manifest, ["t"])
