"""A cyclic wire contract of any size (issue 14): type ``T<i>`` refers to the next one,
wrapping around, and every third type also holds a discriminated union of the three
types after it. Written as schema files, for the tests and the benchmark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PER_MODULE = 250


def write_cyclic_schema(folder: Path, size: int) -> list[str]:
    """Write the schema under ``folder``; return the type names in order."""
    names = [f"T{i}" for i in range(size)]
    modules = [names[i : i + PER_MODULE] for i in range(0, size, PER_MODULE)]
    module_of = {name: f"m{index}" for index, group in enumerate(modules) for name in group}
    folder.mkdir(parents=True, exist_ok=True)
    index = {
        "x-contract": {
            "name": "@bench/cyclic",
            "version": "1.0.0",
            "description": "A cyclic wire contract.",
            "python-distribution": "bench-cyclic",
            "python-package": "bench_cyclic",
            "modules": [f"m{i}" for i in range(len(modules))],
        }
    }
    (folder / "index.yaml").write_text(json.dumps(index, indent=1), encoding="utf-8")
    for number, group in enumerate(modules):
        defs = {name: _type(names, names.index(name), module_of, f"m{number}") for name in group}
        module = {"title": f"Module {number}", "x-wire": True, "$defs": defs}
        (folder / f"m{number}.yaml").write_text(json.dumps(module, indent=1), encoding="utf-8")
    return names


def _ref(name: str, module_of: dict[str, str], here: str) -> dict[str, str]:
    module = module_of[name]
    return {"$ref": f"#/$defs/{name}" if module == here else f"{module}.yaml#/$defs/{name}"}


def _type(names: list[str], i: int, module_of: dict[str, str], here: str) -> dict[str, Any]:
    size = len(names)
    properties: dict[str, Any] = {
        "kind": {"const": names[i]},
        "label": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "next": _ref(names[(i + 1) % size], module_of, here),
    }
    if i % 3 == 0:
        members = [_ref(names[(i + k) % size], module_of, here) for k in (1, 2, 3)]
        properties["choice"] = {"oneOf": members, "discriminator": {"propertyName": "kind"}}
    return {"type": "object", "required": ["kind", "label"], "properties": properties}


def chain_payload(names: list[str], start: int, length: int) -> dict[str, Any]:
    """A valid payload of ``names[start]`` that follows ``next`` for ``length`` types
    (built without recursion, so any length works)."""
    size = len(names)
    payload: dict[str, Any] = {"kind": names[(start + length) % size], "label": "end"}
    for step in range(length - 1, -1, -1):
        payload = {"kind": names[(start + step) % size], "label": str(step), "count": step,
                   "next": payload}
    return payload
