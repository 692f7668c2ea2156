"""The pydantic v2 validators and the JSON Schema export, checked against each other
and against the conformance corpus (tests/conformance/README.md).

Both targets are built once, through the CLI, into a temporary folder; the models
are imported from there. Every corpus payload must get its folder's verdict from
pydantic and from ``jsonschema`` (Draft 2020-12) on the exported schema, except the
few pydantic divergences listed below, which are pinned rather than skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import MISSING, BaseModel, ValidationError

from conftest import FEATURES, ROOT, run_cli
from ironflow_gen import ir
from ironflow_gen.pipeline import load_contract
from ironflow_gen.targets import jsonschema as js
from ironflow_gen.targets import pydantic as pydantic_target

CORPUS = ROOT / "tests" / "conformance"
SCHEMA_FILE = "jsonschema/ironflow-core.schema.json"
MODELS_FILE = "python/ironflow_core/models.py"
VERDICTS = ("valid", "invalid")

# Cases where pydantic's default verdict is the opposite of the folder's, and why
# (see the corpus README). Pinned: if pydantic starts agreeing, the test says so.
PYDANTIC_EXCEPTIONS = {
    "PushRequestEvent/valid/version-integral-float.json":
        "StrictInt refuses 2.0; JSON Schema's integer is any number with a zero fraction",
    "RunResponse/invalid/attribute-names.json":
        "validate_by_name: attribute names are accepted as keys as well as wire names",
    "AuditEvent/invalid/attribute-names.json":
        "validate_by_name: attribute names are accepted as keys as well as wire names",
}
# The exceptions that remain under wire-exact validation, model_validate(..., by_name=False).
WIRE_EXACT_EXCEPTIONS = frozenset({"PushRequestEvent/valid/version-integral-float.json"})


@dataclass(frozen=True)
class Case:
    message: str
    verdict: str
    path: Path

    @property
    def key(self) -> str:
        return self.path.relative_to(CORPUS).as_posix()

    @property
    def payload(self) -> Any:
        return json.loads(self.path.read_text(encoding="utf-8"))

    @property
    def normalised(self) -> Any:
        """What a validator returns: normalised/<case>.json, else the payload itself."""
        path = CORPUS / self.message / "normalised" / self.path.name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else self.payload

    def __str__(self) -> str:
        return self.key


def _cases() -> list[Case]:
    return [
        Case(path.parts[-3], path.parts[-2], path)
        for path in sorted(CORPUS.glob("*/*/*.json"))
        if path.parts[-2] in VERDICTS
    ]


CASES = _cases()
ROUND_TRIP = [c for c in CASES if c.verdict == "valid" and c.key not in PYDANTIC_EXCEPTIONS]


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("validators")
    result = run_cli("build", "--schema", ROOT / "schema", "--out", out,
                     "--target", "jsonschema", "--target", "pydantic")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def bundle(built: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((built / SCHEMA_FILE).read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="session")
def models(built: Path) -> ModuleType:
    return _import_file(built / MODELS_FILE, "_ironflow_conformance_models")


@pytest.fixture(scope="session")
def schema_accepts(bundle: dict[str, Any]) -> Callable[[str, Any], bool]:
    @cache
    def validator(message: str) -> Draft202012Validator:
        return Draft202012Validator({**bundle, "$ref": f"#/$defs/{message}"})

    return lambda message, payload: validator(message).is_valid(payload)


def _model(models: ModuleType, message: str) -> type[BaseModel]:
    model = getattr(models, message)
    assert isinstance(model, type) and issubclass(model, BaseModel), message
    return model


def _pydantic_accepts(model: type[BaseModel], payload: Any, **options: Any) -> bool:
    try:
        model.model_validate(payload, **options)
    except ValidationError:
        return False
    return True


def _pydantic_accepts_json(model: type[BaseModel], text: str) -> bool:
    try:
        model.model_validate_json(text)
    except ValidationError:
        return False
    return True


def _import_file(path: Path, name: str) -> ModuleType:
    """A generated module under a private name (pydantic resolves the postponed
    annotations through sys.modules), so no installed package of that name interferes."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the corpus


def test_corpus_covers_every_wire_message(bundle: dict[str, Any]) -> None:
    messages = set(js.wire_keys(load_contract(ROOT / "schema"), bundle["$defs"]))
    assert len(messages) == 31  # the spec's 30 validators and WSSubscriptionResultItem
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert folders == messages
    for message in messages:
        for verdict in VERDICTS:
            count = sum(1 for c in CASES if c.message == message and c.verdict == verdict)
            assert count >= 3, f"{message}: only {count} {verdict} cases"
    for normalised in CORPUS.glob("*/normalised/*.json"):
        assert (normalised.parent.parent / "valid" / normalised.name).is_file(), normalised


@pytest.mark.parametrize("case", CASES, ids=str)
def test_jsonschema_gives_the_folder_verdict(
    case: Case, schema_accepts: Callable[[str, Any], bool]
) -> None:
    assert schema_accepts(case.message, case.payload) == (case.verdict == "valid")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_pydantic_gives_the_folder_verdict(case: Case, models: ModuleType) -> None:
    model = _model(models, case.message)
    valid = case.verdict == "valid"
    expected = valid != (case.key in PYDANTIC_EXCEPTIONS)
    assert _pydantic_accepts(model, case.payload) == expected
    assert _pydantic_accepts_json(model, case.path.read_text(encoding="utf-8")) == expected
    wire_exact = valid != (case.key in WIRE_EXACT_EXCEPTIONS)
    assert _pydantic_accepts(model, case.payload, by_name=False) == wire_exact


@pytest.mark.parametrize("case", ROUND_TRIP, ids=str)
def test_valid_payloads_round_trip(case: Case, models: ModuleType) -> None:
    """The wire payload comes back: the input, or its normalised/ form."""
    value = _model(models, case.message).model_validate(case.payload)
    dumped = value.model_dump(by_alias=True, exclude_unset=True)
    assert _same_json(dumped, case.normalised), (dumped, case.normalised)


def _same_json(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 (the number type of a float field), but true is no number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


# ----------------------------------------------------------- model behaviour


def test_defaults_missing_fields_and_null_as_default(models: ModuleType) -> None:
    event = {"id": "e", "name": "n", "data": None, "timestamp": "t"}
    request = models.PushRequest.model_validate(
        {"run_id": "r", "function_id": "f", "attempt": 1, "event": event, "steps": None}
    )
    assert request.steps == []
    assert request.event.version == 1
    assert request.resume is MISSING
    assert "version" not in request.model_dump(by_alias=True, exclude_unset=True)["event"]


def test_discriminated_union_dispatches_on_type(models: ModuleType) -> None:
    message = models.WSServerMessage.model_validate(
        {"type": "subscription_error", "subscriptionId": "s", "code": "C", "message": "m",
         "retrying": False}
    )
    assert type(message.root) is models.WSSubscriptionError
    assert message.root.subscription_id == "s"


def test_models_are_constructed_by_attribute_name(models: ModuleType) -> None:
    group = models.ConsumerGroupResponse(
        id="g", namespace="n", name="x", pattern="p", ack_mode="ACK_MODE_AUTO", member_count=2
    )
    assert group.model_dump(by_alias=True, exclude_unset=True) == {
        "id": "g", "namespace": "n", "name": "x", "pattern": "p", "ackMode": "ACK_MODE_AUTO",
        "memberCount": 2,
    }


def test_wire_enums_are_not_the_sdk_enums(models: ModuleType) -> None:
    assert models.AckMode.model_validate("ACK_MODE_MANUAL").root == "ACK_MODE_MANUAL"
    assert not _pydantic_accepts(models.AckMode, "manual")


def test_models_pass_mypy_strict(built: Path, tmp_path: Path) -> None:
    """Plain ``mypy --strict`` (no pydantic plugin needed) on the generated module."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         str(built / MODELS_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_models_pass_ruff_and_black(built: Path) -> None:
    import black

    text = (built / MODELS_FILE).read_text(encoding="utf-8")
    mode = black.Mode(line_length=pydantic_target.LINE_LENGTH)
    assert black.format_str(text, mode=mode) == text
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--line-length", "100",
         "--target-version", "py311", "--select", "E,F,W,I,B,UP,C90,SIM,RUF",
         str(built / MODELS_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------ the JSON Schema


def test_bundle_is_valid_2020_12(bundle: dict[str, Any]) -> None:
    assert bundle["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(bundle)


def test_bundle_has_no_x_keywords_and_no_dangling_refs(bundle: dict[str, Any]) -> None:
    defs = bundle["$defs"]
    assert not [key for key in _keywords(bundle) if key.startswith("x-")]
    assert {ref for d in defs.values() for ref in js.refs(d)} <= set(defs)


def _keywords(node: Any) -> Iterator[str]:
    """Schema keywords at every depth; property names and data values are not keywords."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key in ("properties", "$defs"):
                for child in value.values():
                    yield from _keywords(child)
            elif key not in ("examples", "default", "const", "enum"):
                yield from _keywords(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keywords(value)


def test_bundle_names_and_skips(bundle: dict[str, Any]) -> None:
    defs = bundle["$defs"]
    assert defs["PushRequest"]["properties"]["event"] == {"$ref": "#/$defs/PushRequestEvent"}
    assert defs["AckMode"]["enum"][0] == "ACK_MODE_AUTO"
    assert defs["subscriptions.AckMode"]["enum"] == ["auto", "manual"]  # the SDK type, apart
    assert "protocol.PushRequest" in defs and "runs.RunStatus" in defs
    for skipped in ("steps.StepClient", "functions.FunctionHandler", "runs.RunInfo",
                    "branded.Branded"):
        assert skipped not in defs  # methods, a function, a Date (x-native), a generic alias


def test_every_schema_example_validates(bundle: dict[str, Any], models: ModuleType) -> None:
    checked = 0
    for key, definition in bundle["$defs"].items():
        for example in definition.get("examples", []):
            Draft202012Validator({**bundle, "$ref": f"#/$defs/{key}"}).validate(example)
            if "." not in key:  # a wire message: its model agrees and round-trips it
                value = _model(models, key).model_validate(example)
                assert _same_json(value.model_dump(by_alias=True, exclude_unset=True), example)
            checked += 1
    assert checked >= 15


# --------------------------------------------------------- generation itself


def test_build_is_byte_identical_under_another_hash_seed(built: Path, tmp_path: Path) -> None:
    result = run_cli("build", "--schema", ROOT / "schema", "--out", tmp_path,
                     "--target", "jsonschema", "--target", "pydantic",
                     env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    for name in (SCHEMA_FILE, MODELS_FILE):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def _hostile_contract(*, wire: bool = True) -> ir.Contract:
    text = ir.Primitive("string")
    description = 'ends """ early\nimport os\\ \u202e\u2028 "'
    names = ('we"ird key', "class", "_private", "json", "2fast", "\u00fcml")
    message = ir.Interface(
        ir.TypeName("wire", "Msg"),
        tuple(ir.Property(n, text, False, description=description) for n in names),
        description=description,
    )
    kind = ir.Alias(ir.TypeName("wire", "Kind"), ir.EnumType(('a"b', "c\\d")))
    module = ir.Module("wire", "wire.yaml", "Wire", wire=wire, types=(message, kind))
    return ir.Contract('@x/"y"', "1.0", 'd"""', "x", "x_pkg", (module,))


def test_hostile_names_and_descriptions_stay_inert(tmp_path: Path) -> None:
    contract = _hostile_contract()
    (generated,) = pydantic_target.generate(contract)
    assert generated.path == "python/x_pkg/models.py"
    path = tmp_path / "models.py"
    path.write_text(generated.content, encoding="utf-8")
    hostile = _import_file(path, "_ironflow_hostile_models")
    payload = {'we"ird key': "1", "class": "2", "_private": "3", "json": "4", "2fast": "5",
               "\u00fcml": "6"}
    value = hostile.Msg.model_validate(payload)
    assert value.model_dump(by_alias=True, exclude_unset=True) == payload
    assert "import os" in (hostile.Msg.__doc__ or "")  # text, never code
    assert "\u202e" not in generated.content  # the bidi control is spelled out
    assert hostile.Kind.model_validate('a"b').root == 'a"b'
    (schema,) = js.generate(contract)
    Draft202012Validator.check_schema(json.loads(schema.content))
    assert schema.content.isascii()


def test_feature_fixture_exports_and_validates(tmp_path: Path) -> None:
    """The fixture that uses every schema feature: a valid bundle, and working models."""
    contract = load_contract(FEATURES / "schema")
    (schema,) = js.generate(contract)
    document = json.loads(schema.content)
    Draft202012Validator.check_schema(document)
    assert {"kitchen.Shape", "kitchen.Tree", "Message"} <= set(document["$defs"])
    assert "kitchen.Service" not in document["$defs"]  # an interface with methods
    (generated,) = pydantic_target.generate(contract)
    path = tmp_path / "models.py"
    path.write_text(generated.content, encoding="utf-8")
    features = _import_file(path, "_ironflow_feature_models")
    message = features.Message.model_validate({"id": "m", "color": "COLOR_RED", "items": None})
    assert message.items == [] and message.version == 1
    assert not _pydantic_accepts(features.Message, {"id": "", "color": "COLOR_RED"})


def test_contract_without_wire_messages_has_no_models() -> None:
    assert pydantic_target.generate(_hostile_contract(wire=False)) == []


FIELD_AGREEMENT = """
import dataclasses, json, sys
import ironflow_core, ironflow_core.models as models
from pydantic import BaseModel
report = {}
for name in json.loads(sys.argv[1]):
    dataclass = getattr(ironflow_core, "Validated" + name)
    model = getattr(models, name)
    if not (dataclasses.is_dataclass(dataclass) and issubclass(model, BaseModel)):
        continue
    fields = {f.name for f in dataclasses.fields(dataclass) if not f.name.startswith("_")}
    report[name] = [sorted(fields), sorted(model.model_fields)]
print(json.dumps(report))
"""


def test_dataclasses_and_models_agree_on_field_names() -> None:
    """`ironflow_core.ValidatedX` (dataclass) and `ironflow_core.models.X` (pydantic)
    use the same Python attribute for every wire name."""
    contract = load_contract(ROOT / "schema")
    wire = [t.name.name for m in contract.modules if m.wire for t in m.types]
    result = subprocess.run(
        [sys.executable, "-c", FIELD_AGREEMENT, json.dumps(wire)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "generated" / "python")},
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report) >= 20, report  # every wire object type was compared
    for name, (dataclass_fields, model_fields) in report.items():
        assert dataclass_fields == model_fields, name
