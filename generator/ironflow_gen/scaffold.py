"""``ironflow-gen init``: a new project whose schema builds and checks at once.

It writes ``schema/`` (an index and two small modules that show types, an enum, a
branded ID, an error class, a constant and a wire message), the meta-schema for
YAML editors (``schema-language.json``, named by a modeline at the top of each
file) and the ``[tool.ironflow-gen]`` settings. It never overwrites anything: when
one of its files exists, it writes nothing at all.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from .rendering import environment, render

EDITOR_SCHEMA = "schema-language.json"
_MODULES = ("index", "orders", "messages")
_SETTINGS_TABLE = "[tool.ironflow-gen]"
_SETTINGS = f"""{_SETTINGS_TABLE}
schema = "schema"
out = "generated"
"""
_NPM_NAME = re.compile(r"^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$")


class ScaffoldError(Exception):
    """The project cannot be scaffolded as asked (files exist, a bad name)."""


def scaffold(project: Path, npm_name: str | None = None) -> list[Path]:
    """Write a new project into ``project``; return the files written or extended."""
    name = npm_name or _slug(project.resolve().name)
    if not _NPM_NAME.match(name):
        raise ScaffoldError(f"{name!r} is not an npm package name (@scope/name, lower case)")
    files = _files(name)
    pyproject = project / "pyproject.toml"
    settings = _settings_for(pyproject)
    clashes = [project / relative for relative in files if (project / relative).exists()]
    if clashes:
        listed = ", ".join(str(p) for p in clashes)
        raise ScaffoldError(f"{listed} already exist(s); init writes only into a new project")
    written = []
    for relative, text in files.items():
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        written.append(target)
    with pyproject.open("a", encoding="utf-8") as stream:
        stream.write(settings)
    return [*written, pyproject]


def _settings_for(pyproject: Path) -> str:
    """The settings table, to append to pyproject.toml (after a blank line when the
    file exists and does not end with one)."""
    if not pyproject.exists():
        return _SETTINGS
    text = pyproject.read_text("utf-8")
    if _SETTINGS_TABLE in text:
        raise ScaffoldError(f"{pyproject} already has {_SETTINGS_TABLE}")
    if not text.strip():
        return _SETTINGS
    trailing_newlines = len(text) - len(text.rstrip("\n"))
    return "\n" * max(0, 2 - trailing_newlines) + _SETTINGS


def _files(npm_name: str) -> dict[str, str]:
    distribution = npm_name.rsplit("/", 1)[-1]
    package = re.sub(r"[^a-z0-9_]", "_", distribution.lower())
    if not re.match(r"[a-z_]", package):
        package = "_" + package
    context = {
        "npm_name": npm_name,
        "description": f"The {distribution} contract.",
        "distribution": distribution,
        "package": package,
        "editor_schema": EDITOR_SCHEMA,
    }
    env = environment({})
    files = {
        f"schema/{module}.yaml": render(env, f"init/{module}.yaml.j2", **context)
        for module in _MODULES
    }
    files[EDITOR_SCHEMA] = json.dumps(editor_schema(), indent=2, ensure_ascii=True) + "\n"
    return files


def _slug(folder_name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", folder_name.lower()).strip("-")
    return slug or "contract"


def editor_schema() -> dict[str, Any]:
    """The meta-schema as draft-07, the draft YAML editors (yaml-language-server)
    read: ``$defs`` become ``definitions``; a ``$ref`` beside other keywords goes into
    an ``allOf`` (draft-07 ignores a ``$ref``'s siblings); ``unevaluatedProperties``,
    which draft-07 lacks, is dropped. So an editor may accept what ironflow-gen
    refuses (it checks against the 2020-12 original), never the other way round."""
    text = resources.files("ironflow_gen").joinpath("metaschema.json").read_text("utf-8")
    converted = _draft07(json.loads(text))
    assert isinstance(converted, dict)
    converted["$schema"] = "http://json-schema.org/draft-07/schema#"
    converted["$id"] = str(converted.get("$id", "")) + "#draft-07"
    converted["description"] = (
        "Editor aid: the ironflow-gen schema language as draft-07 (generated; ironflow-gen "
        "itself checks against its stricter 2020-12 meta-schema)."
    )
    return converted


def _draft07(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted: dict[str, Any] = {}
    for key, value in node.items():
        if key == "unevaluatedProperties":
            continue
        if key == "$ref" and isinstance(value, str):
            converted[key] = value.replace("#/$defs/", "#/definitions/")
        elif key in ("$defs", "properties", "patternProperties"):
            converted["definitions" if key == "$defs" else key] = {
                name: _draft07(schema) for name, schema in value.items()
            }
        else:
            converted[key] = _draft07(value)
    if "$ref" in converted and set(converted) - {"$ref", "description", "title"}:
        converted["allOf"] = [{"$ref": converted.pop("$ref")}, *converted.get("allOf", [])]
    return converted
