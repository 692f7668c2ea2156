"""Malformed and hostile schemas: a positioned error, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

INDEX = """x-contract:
  name: "@t/t"
  version: 1.0.0
  python-distribution: t
  python-package: t
  modules: [m]
"""


def _schema(tmp_path: Path, module: str) -> Path:
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "index.yaml").write_text(INDEX)
    (schema / "m.yaml").write_text(module)
    return schema


CASES = {
    "yaml-alias": ("$defs:\n  A: &a {type: string}\n  B: *a\n", "m.yaml:2:6: error[yaml-alias]"),
    "unsafe-tag": (
        "$defs:\n  A: !!python/object:os.system {}\n",
        "m.yaml:2:6: error[yaml-tag]",
    ),
    "yaml11-boolean": (
        "$defs:\n  A: {type: object, properties: {x: {type: string, default: on}}}\n",
        "error[yaml-boolean]: 'on' is a boolean in YAML 1.1",
    ),
    "duplicate-key": (
        "$defs:\n  A: {type: string}\n  A: {type: number}\n",
        "m.yaml:3:3: error[duplicate-key]",
    ),
    "nan-default": (
        "$defs:\n  A: {type: number, default: .nan}\n",
        "error[non-finite]",
    ),
    "remote-ref": (
        "$defs:\n  A: {$ref: 'https://example.com/x.yaml#/$defs/B'}\n",
        "error[remote-ref]",
    ),
    "escaping-ref": (
        "$defs:\n  A: {$ref: '../../etc/passwd#/$defs/B'}\n",
        "error[ref-escapes]",
    ),
    "pointer-escape-unknown": (
        "$defs:\n  A: {$ref: '#/$defs/B~1C'}\n",
        "unknown type 'B/C'",
    ),
    "alias-cycle": (
        "$defs:\n  A: {$ref: '#/$defs/B'}\n  B: {$ref: '#/$defs/A'}\n",
        "error[cycle]",
    ),
    "reserved-type-name": ("$defs:\n  Promise: {type: string}\n", "error[reserved-name]"),
    "case-collision": (
        "$defs:\n  A:\n    type: object\n    properties:\n      fooBar: {type: string}\n"
        "      foo_bar: {type: string}\n",
        "error[case-collision]",
    ),
    "type-names-differ-by-case": (
        "$defs:\n  Run: {type: string}\n  RUN: {type: string}\n",
        "error[case-collision]",
    ),
    "bad-discriminator": (
        "$defs:\n  A: {type: object, properties: {t: {type: string}}}\n"
        "  U: {oneOf: [{$ref: '#/$defs/A'}], discriminator: {propertyName: t}}\n",
        "error[bad-discriminator]",
    ),
    "unknown-type-param": (
        "$defs:\n  A: {type: object, properties: {x: {x-type-param: T}}}\n",
        "error[unknown-type-param]",
    ),
    "type-name-with-slash": ("$defs:\n  A/B: {type: string}\n", "error[schema]"),
    "dotdot-type-name": ("$defs:\n  ..: {type: string}\n", "error[schema]"),
    "native-code-injection": (
        "$defs:\n  A: {x-native: {typescript: 'x; import(\"fs\")', python: os.system}}\n",
        "error[schema]",
    ),
    "bad-template": (
        "x-patterns:\n  p: {template: 'a.{b'}\n",
        "error[bad-template]",
    ),
    "huge-integer": (
        "x-constants:\n  BIG: 123456789012345678901234567890\n",
        "error[unsafe-integer]",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_schema_is_refused(case: str, tmp_path: Path) -> None:
    module, expected = CASES[case]
    schema = _schema(tmp_path, module)
    out = tmp_path / "out"
    result = run_cli("build", "--schema", schema, "--out", out, "--target", "typescript")
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_recursive_types_are_fine(tmp_path: Path) -> None:
    schema = _schema(
        tmp_path,
        "$defs:\n  A: {type: object, properties: {b: {$ref: '#/$defs/B'}}}\n"
        "  B: {type: object, properties: {a: {$ref: '#/$defs/A'}}}\n",
    )
    result = run_cli("validate", "--schema", schema)
    assert result.returncode == 0, result.stderr
