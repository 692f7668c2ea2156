"""pydantic v2 target: ``python/<package>/models.py``, one model per wire message.

The models are made by datamodel-code-generator from the JSON Schema that the
``jsonschema`` target exports (its wire messages and whatever they refer to), so
the two can never disagree about a field. What the options give, and why:

* A wire message keeps its name (``models.PushRequest``); an object message is a
  ``BaseModel``, an enum or a union a ``RootModel``, so every message has
  ``model_validate``. A wire enum is its own ``Literal`` type, never the SDK enum of
  the same name. An inline object is named after its parent and property
  (``RunResponseError``).
* Attributes are ``naming.python_identifier(wire name)`` (the rule every Python
  target shares), with the wire name as alias and ``validate_by_name=True`` (the
  pydantic 2.11+ spelling of ``populate_by_name``). A name pydantic reserves
  (``model_config``, ``json``, ``copy``, a leading ``_``) gets the generator's own
  escape (``json_``, ``field_private``): pydantic could not hold it otherwise.
* ``extra="ignore"``: unknown keys are accepted and dropped.
* An optional property may be absent but not ``null``: it is typed ``T | MISSING``
  with ``pydantic.MISSING`` as default (``use_missing_sentinel``), so an absent
  field is never dumped and an explicit ``null`` is rejected. A property with a
  default is typed ``T`` (``strict_nullable``). Hence pydantic >= 2.14.
* Scalars are strict (``StrictStr``, ``StrictInt``, ``StrictFloat``,
  ``StrictBool``), as JSON Schema is: ``"1"`` is not a number, ``1`` not a string.
* A discriminated union dispatches on its property (``Field(discriminator=...)``).

Where datamodel-code-generator cannot follow the contract:

* "``null`` means the default" (``steps`` absent or ``null`` is ``[]``) has no
  JSON Schema form. For such a property the generator is given the non-null type
  only, and ``templates/pydantic/pydantic_v2/BaseModel.j2`` (its own template plus
  one block) adds a ``mode="before"`` validator that maps ``null`` to the default.
* Its templates are named ``*.jinja2``; ours are ``*.j2`` (what the package ships
  and the drift check hashes), so they are copied under their names into a
  temporary folder for the run.

Output is formatted with black in memory; the header carries no timestamp.
"""

from __future__ import annotations

import encodings.unicode_escape  # noqa: F401
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.metadata import version
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

# Every import here, none in a function: targets run in threads, and an import inside
# a thread can race another thread's (see formatting.py). The list below is what
# ``dcg.generate`` would otherwise import on its first call, in whichever thread makes
# it; tests/test_fresh_machine.py names any module a target thread still imports.
# Only a build of this target imports this module.
import datamodel_code_generator as dcg
import datamodel_code_generator._builtin_formatter
import datamodel_code_generator._lock_plan
import datamodel_code_generator._option_rules
import datamodel_code_generator._target_stdlib_data
import datamodel_code_generator.config
import datamodel_code_generator.format
import datamodel_code_generator.model._template_dependencies
import datamodel_code_generator.model.pydantic_v2
import datamodel_code_generator.model.scalar
import datamodel_code_generator.model.union
import datamodel_code_generator.parser.jsonschema
import pydantic._internal._serializers  # noqa: F401
from datamodel_code_generator import Formatter, InputFileType, LiteralType, PythonVersion
from datamodel_code_generator.enums import DataModelType, StrictTypes, TargetPydanticVersion

from .. import ir
from ..escaping import py_docstring, py_literal, visible_text
from ..fingerprint import generator_fingerprint
from ..formatting import format_python
from ..memo import DiskMemo
from ..naming import python_identifier
from . import HEADER, GeneratedFile
from . import jsonschema as js
from ._python_layout import LINE_LENGTH

TEMPLATE_FOLDER = "pydantic"  # under ironflow_gen.templates
TEMPLATE_SUFFIX = ".jinja2"  # what datamodel-code-generator looks for
NULL_MEANS_DEFAULT = "null_means_default"  # template data key, read by BaseModel.j2

# Keywords whose values are subschemas (and so may hold descriptions); others hold data.
_SCHEMA_MAPS = frozenset({"properties", "$defs"})
_SCHEMA_LISTS = frozenset({"anyOf", "oneOf", "allOf"})
_SCHEMA_VALUES = frozenset({"items", "additionalProperties"})


def generate(contract: ir.Contract) -> list[GeneratedFile]:
    """models.py, or nothing for a contract without wire messages."""
    document = codegen_input(contract)
    if not document["$defs"]:
        return []
    code = _run_codegen(contract, document)
    return [GeneratedFile(f"python/{contract.python_package}/models.py", _black(code))]


def codegen_input(contract: ir.Contract) -> js.JsonObject:
    """The exported document, cut to the wire messages and what they refer to, with the
    null-means-default properties narrowed to their non-null type (see the module doc)."""
    document = js.bundle(contract)
    defs = document["$defs"]
    assert isinstance(defs, dict)
    keep = _reachable(defs, js.wire_keys(contract, defs))
    narrowed = {key: value for key, value in defs.items() if key in keep}
    for model, prop in _null_means_default(contract):
        if model in narrowed:
            _narrow(narrowed, model, prop)
    for definition in narrowed.values():
        _visible_descriptions(definition)
    document["$defs"] = narrowed
    return document


def _reachable(defs: dict[str, ir.JsonValue], roots: tuple[str, ...]) -> set[str]:
    """The keys reachable from ``roots`` through ``$ref``s."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        key = todo.pop()
        if key not in seen:
            seen.add(key)
            todo.extend(js.refs(defs[key]))
    return seen


def _null_means_default(contract: ir.Contract) -> Iterator[tuple[str, ir.Property]]:
    """(wire model, property) for each nullable property of a wire message with a non-null
    default: the properties whose ``null`` stands for that default."""
    for module in (m for m in contract.modules if m.wire):
        for definition in module.types:
            if not isinstance(definition, ir.Interface):
                continue
            for prop in definition.properties:
                if _is_null_means_default(prop):
                    yield definition.name.name, prop


def _is_null_means_default(prop: ir.Property) -> bool:
    nullable = isinstance(prop.type, ir.UnionType) and ir.Primitive("null") in prop.type.members
    return nullable and not isinstance(prop.default, ir.Missing) and prop.default is not None


def _narrow(defs: dict[str, ir.JsonValue], model: str, prop: ir.Property) -> None:
    """Replace ``anyOf: [T, null]`` by ``T`` in the generator's input (never in the export)."""
    node = _property_node(defs, model, prop.wire_name)
    members = node.pop("anyOf")
    assert isinstance(members, list)
    rest = [m for m in members if m != {"type": "null"}]
    replacement = rest[0] if len(rest) == 1 else {"anyOf": rest}
    assert isinstance(replacement, dict)
    node.update(replacement)


def _visible_descriptions(node: ir.JsonValue) -> None:
    """Spell out bidi controls and odd line breaks before they reach a docstring: the
    generator escapes quotes and backslashes, but would copy these through unseen."""
    if not isinstance(node, dict):
        return
    description = node.get("description")
    if isinstance(description, str):
        node["description"] = visible_text(description)
    for key, value in node.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            children: list[ir.JsonValue] = list(value.values())
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            children = value
        elif key in _SCHEMA_VALUES:
            children = [value]
        else:
            continue
        for child in children:
            _visible_descriptions(child)


def _property_node(defs: dict[str, ir.JsonValue], model: str, wire_name: str) -> js.JsonObject:
    definition = defs[model]
    assert isinstance(definition, dict)
    properties = definition["properties"]
    assert isinstance(properties, dict)
    node = properties[wire_name]
    assert isinstance(node, dict)
    return node


# ------------------------------------------------------------ the generator run


def _aliases(document: js.JsonObject) -> dict[str, str]:
    """Wire name -> attribute name, for every property name that changes."""
    return {
        name: python_identifier(name)
        for name in sorted(set(_property_names(document)))
        if python_identifier(name) != name
    }


def _property_names(node: ir.JsonValue) -> Iterator[str]:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            yield from properties
        for value in node.values():
            yield from _property_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _property_names(value)


def _template_data(contract: ir.Contract) -> dict[str, dict[str, Any]]:
    """Per model, the null-means-default validators that BaseModel.j2 writes."""
    data: dict[str, dict[str, Any]] = {}
    for model, prop in _null_means_default(contract):
        assert not isinstance(prop.default, ir.Missing)
        rules = data.setdefault(model, {}).setdefault(NULL_MEANS_DEFAULT, [])
        field, default = python_identifier(prop.wire_name), py_literal(prop.default)
        rules.append({"field": field, "default": default})
    return data


def _header(contract: ir.Contract) -> str:
    sources = ", ".join(f"schema/{m.file}" for m in contract.modules if m.wire)
    doc = py_docstring(
        f"pydantic v2 validators of the wire messages of {contract.name} {contract.version}."
    )
    return f'# {HEADER.format(source=sources)}\n"""{doc}"""\n'


def _run_codegen(contract: ir.Contract, document: js.JsonObject) -> str:
    """datamodel-code-generator's module for the document, from the memo when it has
    been made before (then datamodel-code-generator is not even imported)."""
    template_data = _template_data(contract)
    source = json.dumps(document, ensure_ascii=True)
    header = _header(contract)
    memo = DiskMemo("datamodel-codegen", _codegen_tag())
    key = "\n".join([source, json.dumps(template_data, sort_keys=True), header])
    found = memo.get(key)
    if found is None:
        found = _codegen(document, source, template_data, header)
        memo.put(key, found)
    return found


def _codegen(
    document: js.JsonObject, source: str, template_data: dict[str, dict[str, Any]], header: str
) -> str:
    """datamodel-code-generator on the exported document, with this target's options."""
    with _codegen_templates() as template_dir:
        code = dcg.generate(
            source,
            input_file_type=InputFileType.JsonSchema,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_311,
            target_pydantic_version=TargetPydanticVersion.V2_14,
            custom_template_dir=template_dir,
            extra_template_data=defaultdict(dict, template_data),
            additional_imports=(
                ["pydantic.field_validator", "typing.Any"] if template_data else None
            ),
            custom_file_header=header,
            disable_timestamp=True,
            # Sorts and merges imports and writes double quotes, so that black's first
            # pass finds nothing to change and no second pass is needed.
            formatters=[Formatter.BUILTIN],
            builtin_format_line_length=LINE_LENGTH,
            settings_path=template_dir,  # never the caller's pyproject.toml
            skip_root_model=True,
            aliases=_aliases(document),
            allow_population_by_field_name=True,
            extra_fields="ignore",
            use_missing_sentinel=True,
            strict_nullable=True,
            strict_types=[StrictTypes.str, StrictTypes.int, StrictTypes.float, StrictTypes.bool],
            enum_field_as_literal=LiteralType.All,
            use_annotated=True,
            field_constraints=True,
            use_schema_description=True,
            use_field_description=True,
            use_double_quotes=True,
            parent_scoped_naming=True,
        )
    if not isinstance(code, str):
        raise TypeError(f"datamodel-code-generator returned {type(code).__name__}, not one module")
    return code


def _codegen_tag() -> str:
    """What datamodel-code-generator's output depends on besides its input: its own
    version, and this module's options and templates (the generator's fingerprint)."""
    tool = f"datamodel-code-generator {version('datamodel-code-generator')}"
    return f"{tool} {generator_fingerprint()}"


@contextmanager
def _codegen_templates() -> Iterator[Path]:
    """A temporary folder holding templates/pydantic/**/*.j2 under datamodel-code-generator's
    names (*.jinja2); it also serves as its settings path, so no pyproject.toml is read."""
    source = resources.files("ironflow_gen.templates").joinpath(TEMPLATE_FOLDER)
    with tempfile.TemporaryDirectory(prefix="ironflow-gen-pydantic-") as folder:
        root = Path(folder)
        for relative in _template_files(source):
            target = root / Path(relative).with_suffix(TEMPLATE_SUFFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.joinpath(relative).read_text(encoding="utf-8")
            target.write_text(text, encoding="utf-8")
        yield root


def _template_files(source: Traversable, prefix: str = "") -> Iterator[str]:
    """Relative POSIX paths of the *.j2 files under a resources folder, sorted."""
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _template_files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".j2"):
            yield prefix + entry.name


def _black(code: str) -> str:
    return format_python(code, line_length=LINE_LENGTH)
