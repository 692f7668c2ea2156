"""References resolved as JSON Schema 2020-12 says (``references.py``): base URIs
from ``$id``, anchors, JSON pointers, targets that are not definitions written in
place, ``$dynamicRef`` only where its target is fixed, and every refusal with its
code. What the validators then do with such types is in
``test_json_schema_keywords.py`` and the official suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ironflow_gen import ir
from ironflow_gen.diagnostics import SchemaError
from ironflow_gen.pipeline import load_contract
from ironflow_gen.references import References, _join, is_schema_path

INDEX = {
    "x-contract": {
        "name": "@t/refs",
        "version": "1.0.0",
        "python-distribution": "refs",
        "python-package": "refs",
        "modules": ["a", "b"],
    }
}


def _contract(folder: Path, a: dict[str, Any], b: dict[str, Any] | None = None) -> ir.Contract:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.yaml").write_text(json.dumps(INDEX), "utf-8")
    (folder / "a.yaml").write_text(json.dumps(a), "utf-8")
    (folder / "b.yaml").write_text(json.dumps(b or {"$defs": {"B": {"type": "string"}}}), "utf-8")
    return load_contract(folder)


def _codes(folder: Path, a: dict[str, Any], b: dict[str, Any] | None = None) -> list[str]:
    with pytest.raises(SchemaError) as raised:
        _contract(folder, a, b)
    return [d.code for d in raised.value.diagnostics]


def _type(contract: ir.Contract, module: str, name: str) -> ir.TypeExpr:
    [found] = [
        d for m in contract.modules if m.name == module for d in m.types if d.name.name == name
    ]
    assert isinstance(found, ir.Alias), found
    return found.type


def test_a_relative_reference_resolves_against_the_nearest_id(tmp_path: Path) -> None:
    a = {
        "$defs": {
            "Outer": {
                "$id": "https://example.com/x/outer.json",
                "$ref": "inner.json",
                "$defs": {
                    "i": {"$id": "inner.json", "type": "integer", "minimum": 3},
                    "j": {"$id": "https://example.com/inner.json", "type": "string"},
                },
            },
            "Direct": {"type": "integer", "minimum": 3},
        }
    }
    contract = _contract(tmp_path, a)
    assert _type(contract, "a", "Outer") == _type(contract, "a", "Direct")


def test_a_file_with_an_id_is_found_by_it_and_by_its_path(tmp_path: Path) -> None:
    b = {"$id": "https://example.com/s/b.json", "$defs": {"B": {"type": "string"}}}
    a = {
        "$defs": {
            "ById": {"$ref": "https://example.com/s/b.json#/$defs/B"},
            "ByPath": {"$ref": "b.yaml#/$defs/B"},
        }
    }
    contract = _contract(tmp_path, a, b)
    target = ir.RefType(ir.TypeName("b", "B"))
    assert _type(contract, "a", "ById") == target
    assert _type(contract, "a", "ByPath") == target


def test_inside_a_file_with_an_id_a_file_name_is_a_uri_of_that_base(tmp_path: Path) -> None:
    """JSON Schema's rule: ``b.yaml`` beside ``$id: https://example.com/s/a.json`` is
    ``https://example.com/s/b.yaml``, which no file of the folder claims."""
    a = {"$id": "https://example.com/s/a.json", "$defs": {"A": {"$ref": "b.yaml#/$defs/B"}}}
    assert _codes(tmp_path, a) == ["remote-ref"]


def test_a_reference_to_a_schema_that_is_no_definition_is_written_in_place(tmp_path: Path) -> None:
    a = {
        "$defs": {
            "Range": {
                "type": "object",
                "properties": {
                    "low": {"type": "integer", "minimum": 0},
                    "high": {"$ref": "#/$defs/Range/properties/low"},
                    "odd~/key": {"type": "boolean"},
                    "copy": {"$ref": "#/$defs/Range/properties/odd~0~1key"},
                },
            }
        }
    }
    [definition] = [d for m in _contract(tmp_path, a).modules for d in m.types if m.name == "a"]
    assert isinstance(definition, ir.Interface)
    types = {p.wire_name: p.type for p in definition.properties}
    assert types["high"] == types["low"]
    assert types["copy"] == types["odd~/key"] == ir.Primitive("boolean")


def test_anchors_and_percent_encoded_pointers(tmp_path: Path) -> None:
    a = {
        "$defs": {
            "Holder": {"$defs": {"a b": {"$anchor": "spaced", "type": "string"}}},
            "ByAnchor": {"$ref": "#spaced"},
            "ByPointer": {"$ref": "#/$defs/Holder/$defs/a%20b"},
        }
    }
    contract = _contract(tmp_path, a)
    assert (
        _type(contract, "a", "ByAnchor")
        == _type(contract, "a", "ByPointer")
        == ir.Primitive("string")
    )


def test_an_id_in_data_or_a_property_named_id_is_no_identifier(tmp_path: Path) -> None:
    a = {
        "$defs": {
            "Data": {"const": {"$id": "https://example.com/fake.json"}},
            "Prop": {"type": "object", "properties": {"$id": {"type": "string"}}},
            "Fake": {"$ref": "https://example.com/fake.json"},
        }
    }
    assert _codes(tmp_path, a) == ["remote-ref"]


def test_a_dynamic_ref_is_accepted_only_where_its_target_is_fixed(tmp_path: Path) -> None:
    fixed = {
        "$defs": {
            "List": {
                "$id": "https://example.com/list.json",
                "type": "array",
                "items": {"$dynamicRef": "#item"},
                "$defs": {"item": {"$dynamicAnchor": "item", "type": "integer"}},
            },
            "Unrelated": {"$id": "https://example.com/other.json", "$dynamicAnchor": "item"},
        }
    }
    assert _type(_contract(tmp_path / "fixed", fixed), "a", "List") == ir.ArrayType(
        ir.Primitive("integer")
    )
    # the same, but now a resource that declares "item" too leads to the list
    moving = json.loads(json.dumps(fixed))
    moving["$defs"]["Unrelated"]["items"] = {"$ref": "https://example.com/list.json"}
    assert _codes(tmp_path / "moving", moving) == ["dynamic-ref"]


def test_schemas_referring_to_each_other_in_place_are_refused(tmp_path: Path) -> None:
    a = {
        "$defs": {
            "Tree": {
                "$ref": "#/$defs/Tree/$defs/node",
                "$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/Tree/$defs/node"}}},
            },
            # through a definition, recursion is a named type: fine
            "Named": {"type": "array", "items": {"$ref": "#/$defs/Named"}},
        }
    }
    assert _codes(tmp_path, a) == ["recursive-ref"]


def test_identifiers_name_one_schema_each(tmp_path: Path) -> None:
    a = {
        "$defs": {
            "One": {"$id": "https://example.com/x.json", "$anchor": "n", "type": "string"},
            "Two": {"$id": "https://example.com/x.json"},
            "Three": {"properties": {"p": {"$anchor": "m"}, "q": {"$anchor": "m"}}},
        }
    }
    assert sorted(_codes(tmp_path, a)) == ["duplicate-anchor", "duplicate-id"]


def test_a_contract_without_identifiers_never_builds_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The common case (plain ``<file>#/$defs/<Name>`` references) costs nothing."""

    def refuse(self: References) -> None:
        raise AssertionError("the index was built")

    monkeypatch.setattr(References, "_index", refuse)
    a = {
        "$defs": {
            "A": {"type": "array", "items": {"$ref": "b.yaml#/$defs/B"}},
            "C": {"$ref": "#/$defs/A"},
        }
    }
    assert _type(_contract(tmp_path, a), "a", "C") == ir.RefType(ir.TypeName("a", "A"))


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ((), True),
        (("$defs", "A"), True),
        (("$defs", "A", "properties", "b"), True),
        (("$defs", "A", "properties"), False),
        (("$defs", "A", "items", "prefixItems", 0), True),
        (("$defs", "A", "examples", 0), False),
        (("$defs", "A", "const"), False),
        (("title",), False),
        (("x-errors", "Boom"), False),
        (("$defs", "A", "x-mapped", "value"), True),
    ],
)
def test_is_schema_path(path: tuple[str | int, ...], schema: bool) -> None:
    assert is_schema_path(path) is schema


@pytest.mark.parametrize(
    ("base", "ref", "joined"),
    [
        ("urn:uuid:deadbeef", "#/$defs/a", "urn:uuid:deadbeef#/$defs/a"),
        ("urn:uuid:deadbeef#x", "#y", "urn:uuid:deadbeef#y"),
        ("https://e.com/a/b.json", "c.json#z", "https://e.com/a/c.json#z"),
        ("https://e.com/a/b.json", "/c.json", "https://e.com/c.json"),
        ("https://e.com/a/b.json", "urn:x", "urn:x"),
    ],
)
def test_join(base: str, ref: str, joined: str) -> None:
    assert _join(base, ref) == joined


def test_references_that_multiply_are_bounded(tmp_path: Path) -> None:
    """Each level refers twice to the one below: 2**40 copies, refused at once."""
    levels: dict[str, Any] = {"l0": {"type": "string"}}
    for n in range(1, 41):
        below = {"$ref": f"#/$defs/X/$defs/l{n - 1}"}
        levels[f"l{n}"] = {"type": "array", "prefixItems": [below, below]}
    a = {"$defs": {"X": {"$ref": "#/$defs/X/$defs/l40", "$defs": levels}}}
    assert "too-many-inlined" in _codes(tmp_path, a)


def test_what_is_no_uri_is_refused_not_a_crash(tmp_path: Path) -> None:
    a = {"$defs": {"A": {"$ref": "http://[x"}, "C": {"$id": "http://[y", "type": "string"}}}
    assert _codes(tmp_path, a) == ["bad-uri", "bad-uri"]
