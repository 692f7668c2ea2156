"""`ironflow-gen init`: a new project that builds, checks and type-checks at once,
written without touching anything that exists; the editor schema it ships."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FEATURES, ROOT, run_cli
from ironflow_gen.scaffold import EDITOR_SCHEMA, editor_schema


def test_init_then_build_and_check(tmp_path: Path, tsc: Callable[[Path], str]) -> None:
    project = tmp_path / "acme-shop"
    project.mkdir()
    result = run_cli("init", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "schema" / "index.yaml").read_text().startswith(
        f"# yaml-language-server: $schema=../{EDITOR_SCHEMA}\n"
    )
    assert '"acme-shop"' in (project / "schema" / "index.yaml").read_text()
    built = run_cli("build", cwd=project)
    assert built.returncode == 0, built.stderr
    assert run_cli("check", cwd=project).returncode == 0
    tsc(project / "generated" / "typescript")
    _says_nothing_of_ironflow(project / "generated")


def _says_nothing_of_ironflow(out: Path) -> None:
    """Another contract's output names the tool that made it, and nothing else of ours."""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        text = path.read_text("utf-8")
        leaks = re.findall(r"ironflow(?!-gen)", text, flags=re.IGNORECASE)
        assert not leaks, f"{path.relative_to(out)} mentions {leaks}"


def test_every_npm_export_is_a_generated_module(tmp_path: Path) -> None:
    result = run_cli("build", "--schema", FEATURES / "schema", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    exports = json.loads((tmp_path / "typescript" / "package.json").read_text())["exports"]
    assert set(exports) == {".", "./wire"}
    for entry in exports.values():
        source = entry["import"].replace("./dist/", "src/").replace(".js", ".ts")
        assert (tmp_path / "typescript" / source).is_file(), source


def test_init_never_overwrites(tmp_path: Path) -> None:
    assert run_cli("init", tmp_path).returncode == 0
    (tmp_path / "schema" / "orders.yaml").write_text("edited\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = run_cli("init", tmp_path)
    assert again.returncode == 2
    assert "already" in again.stderr and "nothing written" in again.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_extends_an_existing_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run_cli("init", tmp_path, "--name", "@acme/core").returncode == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "x"\n\n[tool.ironflow-gen]\n')
    assert '"@acme/core"' in (tmp_path / "schema" / "index.yaml").read_text()


@pytest.mark.parametrize("name", ["Acme", "@acme/", "a b", "../x"])
def test_init_refuses_a_bad_name(tmp_path: Path, name: str) -> None:
    result = run_cli("init", tmp_path, "--name", name)
    assert result.returncode == 2
    assert "npm package name" in result.stderr
    assert not any(tmp_path.iterdir())


def _editor_validator() -> jsonschema.Draft7Validator:
    schema = editor_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", sorted((ROOT / "schema").glob("*.yaml")), ids=lambda p: p.name)
def test_the_editor_schema_accepts_the_real_contract(path: Path) -> None:
    errors = list(_editor_validator().iter_errors(yaml.safe_load(path.read_text("utf-8"))))
    assert not errors, errors[0].message


def test_the_editor_schema_refuses_what_editors_should_flag() -> None:
    validator = _editor_validator()
    assert not validator.is_valid({"$defs": {"A": {"type": "object"}}, "x-unknown": 1})
    assert not validator.is_valid({"x-contract": {"name": "@a/b", "version": "one"}})
    assert not validator.is_valid({"x-constants": {"A": {"valu": 1}}})


def test_the_shipped_editor_schema_is_the_generated_one(tmp_path: Path) -> None:
    assert run_cli("init", tmp_path).returncode == 0
    assert json.loads((tmp_path / EDITOR_SCHEMA).read_text()) == editor_schema()
