"""The command line, run as a user runs it: exit codes, messages, files on disk."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FEATURES, run_cli
from ironflow_gen.diagnostics import Diagnostic, Position, did_you_mean, suggestion_of
from ironflow_gen.entry import _plain_check_options
from ironflow_gen.reporting import as_github


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the feature schema and a [tool.ironflow-gen] table."""
    shutil.copytree(FEATURES / "schema", tmp_path / "schema")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ironflow-gen]\nschema = "schema"\nout = "generated"\n'
    )
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def built(project: Path) -> Path:
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "generated"


def test_build_then_check_is_clean(project: Path) -> None:
    out = built(project)
    assert (out / "typescript" / "src" / "kitchen.ts").is_file()
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "in sync" in result.stdout


def test_editing_a_description_is_drift(project: Path) -> None:
    built(project)
    kitchen = project / "schema" / "kitchen.yaml"
    kitchen.write_text(kitchen.read_text().replace("A branded ID.", "A branded identifier."))
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "typescript/src/kitchen.ts" in result.stderr
    assert "+/** A branded identifier. */" in result.stderr


def test_hand_edit_of_a_generated_file_is_drift(project: Path) -> None:
    out = built(project)
    with (out / "typescript" / "src" / "other.ts").open("a") as stream:
        stream.write("// hand edit\n")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "typescript/src/other.ts: differs" in result.stderr


def test_deleted_generated_file_is_drift(project: Path) -> None:
    out = built(project)
    (out / "typescript" / "src" / "wire.ts").unlink()
    assert run_cli("check", cwd=project).returncode == 1


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t.replace('"#/$defs/Color"}', '"#/$defs/Colour"}', 1),
            "schema/kitchen.yaml:26:21: error[unknown-type]: unknown type 'Colour' in kitchen.yaml "
            "(did you mean 'Color'?)",
        ),
        (lambda t: t.replace("title: Kitchen sink", "title: [unclosed"), "schema/kitchen.yaml:2:"),
        (
            lambda t: t.replace("    required: [id]\n", "    requried: [id]\n", 1),
            "error[unknown-keyword]: unknown keyword 'requried' (did you mean 'required'?)",
        ),
    ],
)
def test_bad_schema_exits_2_with_position_and_writes_nothing(
    project: Path, edit: object, expected: str
) -> None:
    out = built(project)
    before = snapshot(out)
    kitchen = project / "schema" / "kitchen.yaml"
    kitchen.write_text(edit(kitchen.read_text()))  # type: ignore[operator]
    result = run_cli("build", cwd=project)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing written" in result.stderr
    assert snapshot(out) == before
    assert run_cli("validate", cwd=project).returncode == 2


def test_all_problems_are_reported_at_once(project: Path) -> None:
    kitchen = project / "schema" / "kitchen.yaml"
    text = kitchen.read_text().replace('"#/$defs/Color"}', '"#/$defs/Nope"}', 1)
    text = text.replace('{$ref: "#/$defs/Tree"}', '{$ref: "#/$defs/Trea"}')
    kitchen.write_text(text)
    result = run_cli("validate", cwd=project)
    assert result.returncode == 2
    assert "'Nope'" in result.stderr and "'Trea'" in result.stderr
    assert "2 error(s)" in result.stderr


def test_builds_are_identical_across_hash_seeds(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert (
        run_cli("build", "--out", first, cwd=project, env={"PYTHONHASHSEED": "1"}).returncode == 0
    )
    assert (
        run_cli("build", "--out", second, cwd=project, env={"PYTHONHASHSEED": "987"}).returncode
        == 0
    )
    assert snapshot(first) == snapshot(second)


def test_stale_files_are_removed_and_foreign_files_kept(project: Path) -> None:
    out = built(project)
    foreign = out / "typescript" / "NOTES.md"
    foreign.write_text("mine\n")
    index = project / "schema" / "index.yaml"
    text = index.read_text().replace("[kitchen, other, wire]", "[kitchen, other]")
    index.write_text(text.replace("  npm-exports: [wire]\n", ""))
    (project / "schema" / "wire.yaml").unlink()
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (out / "typescript" / "src" / "wire.ts").exists()
    assert foreign.read_text() == "mine\n"
    assert run_cli("check", cwd=project).returncode == 0


def test_a_link_in_place_of_an_output_file_is_replaced_not_followed(
    project: Path, tmp_path: Path
) -> None:
    out = built(project)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n")
    target = out / "typescript" / "src" / "other.ts"
    target.unlink()
    target.symlink_to(victim)
    assert run_cli("build", cwd=project).returncode == 0
    assert victim.read_text() == "untouched\n"
    assert not target.is_symlink()


def test_a_linked_output_folder_is_refused(project: Path, tmp_path: Path) -> None:
    out = built(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(out / "typescript" / "src")
    (out / "typescript" / "src").symlink_to(elsewhere)
    result = run_cli("build", cwd=project)
    assert result.returncode == 2
    assert "link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_missing_schema_folder(tmp_path: Path) -> None:
    result = run_cli("build", "--schema", tmp_path / "nope", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "schema folder not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("build", "check", "validate"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["check"], {}),
        (["check", "--schema", "s", "--out=o"], {"--schema": Path("s"), "--out": Path("o")}),
        (["check", "--out"], None),  # a missing value: click says so
        (["check", "--out", "a", "--out", "b"], None),
        (["check", "--help"], None),
        (["build"], None),
        ([], None),
    ],
)
def test_only_a_plain_check_takes_the_early_path(
    arguments: list[str], expected: dict[str, Path] | None
) -> None:
    assert _plain_check_options(arguments) == expected


def test_check_with_a_bad_option_is_reported_by_the_full_command_line(project: Path) -> None:
    built(project)
    result = run_cli("check", "--out", cwd=project)
    assert result.returncode == 2
    assert "--out" in result.stderr and "requires an argument" in result.stderr


def _dangling_ref(project: Path) -> None:
    kitchen = project / "schema" / "kitchen.yaml"
    kitchen.write_text(kitchen.read_text().replace('"#/$defs/Color"', '"#/$defs/Colour"', 1))


def test_validate_format_json_gives_one_object_per_problem(project: Path) -> None:
    _dangling_ref(project)
    result = run_cli("validate", "--format", "json", cwd=project)
    assert result.returncode == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    record = records[0]
    line = next(
        number
        for number, text in enumerate((project / "schema/kitchen.yaml").read_text().splitlines(), 1)
        if "Colour" in text
    )
    assert record["file"] == "schema/kitchen.yaml" and record["line"] == line
    assert record["code"] == "unknown-type" and record["severity"] == "error"
    assert "Colour" in record["message"] and isinstance(record["column"], int)
    assert record["suggestion"] == "Color"


@pytest.mark.parametrize("name", ["Color", "it's", 'say "hi"', "back\\slash", "naïve"])
def test_a_suggestion_reads_back_from_its_message(name: str) -> None:
    message = "unknown type 'x'" + did_you_mean(name + "x", [name, "zzzzzzzz"])
    assert suggestion_of(message) == name
    assert suggestion_of("unknown type 'x'") is None


def test_validate_format_github_annotates_the_line(project: Path) -> None:
    _dangling_ref(project)
    result = run_cli("validate", "--format", "github", cwd=project)
    assert result.returncode == 2
    (annotation,) = result.stdout.splitlines()
    assert re.fullmatch(
        r"::error file=schema/kitchen\.yaml,line=\d+,col=\d+,"
        r"title=ironflow-gen unknown-type::.*Colour.*",
        annotation,
    )


def test_check_format_github_names_each_drifted_file(project: Path) -> None:
    out = built(project)
    (out / "typescript" / "src" / "kitchen.ts").write_text("// edited\n")
    result = run_cli("check", "--format", "github", cwd=project)
    assert result.returncode == 1
    assert any(
        line.startswith("::error file=")
        and "kitchen.ts" in line
        and "title=ironflow-gen drift" in line
        for line in result.stdout.splitlines()
    )


def test_github_commands_escape_what_would_end_them() -> None:
    diagnostic = Diagnostic(Position("a,b:c%.yaml", 3, 4), "x", "50% done\nnext: line\r")
    assert as_github(diagnostic) == (
        "::error file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=ironflow-gen x"
        "::50%25 done%0Anext: line%0D"
    )


def test_settings_follow_an_edited_pyproject(project: Path) -> None:
    """[tool.ironflow-gen] is remembered between runs, never past an edit of the file."""
    built(project)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('out = "generated"', 'out = "elsewhere"'))
    assert run_cli("build", cwd=project).returncode == 0
    assert (project / "elsewhere" / "typescript" / "src" / "kitchen.ts").is_file()
    assert run_cli("check", cwd=project).returncode == 0
