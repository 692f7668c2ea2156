"""The wire validators of one contract, judged against each other and against the
conformance corpus (tests/conformance/README.md): zod (the generated TypeScript, the
reference), pydantic (``models.py``) and JSON Schema (``jsonschema`` on the export).

Every target is built once, through the CLI, into a temporary folder; the TypeScript
is compiled and every payload is judged by its zod schemas in one node process
(``zod_oracle.py``). pydantic must give zod's verdict and zod's output, from a Python
value (``model_validate``) and from JSON text (``model_validate_json``), on the corpus
and on seeded mutations of its valid payloads (``mutations.py``). The corpus'
``normalised/`` files are zod's outputs: ``--update-normalised`` writes them from zod.
datamodel-code-generator, run on the JSON Schema export, is an independent oracle:
its models agree with ours on the corpus except where ``DCG_DIFFERENCES`` says why.
"""

from __future__ import annotations

import json
import os
import random
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
from mutations import mutations
from pydantic import MISSING, BaseModel, ValidationError
from pydantic_oracle import accepts, import_models
from zod_oracle import Verdict, compile_typescript, judge, same_json

from conftest import FEATURES, ROOT, run_cli
from ironflow_gen import ir
from ironflow_gen.pipeline import load_contract
from ironflow_gen.targets import jsonschema as js
from ironflow_gen.targets import pydantic as pydantic_target

CORPUS = ROOT / "tests" / "conformance"
SCHEMA_FILE = "jsonschema/ironflow-core.schema.json"
MODELS_FILE = "python/ironflow_core/models.py"
WIRE_MODULE = "schemas.js"  # the compiled wire module of the contract
VERDICTS = ("valid", "invalid")
MUTATION_SEED = 15
MUTATIONS_PER_PAYLOAD = 40

# Where datamodel-code-generator's models (from the JSON Schema export, strict scalars,
# unknown keys ignored) differ from zod's verdict or output, and why. Pinned: a case
# that starts agreeing, or a new difference, fails the test.
DCG_DIFFERENCES = {
    "PushRequestEvent/valid/version-integral-float.json":
        "refused: StrictInt takes no float; JSON Schema's integer (and zod's .int()) is any"
        " number with no fraction",
    "PushRequest/valid/steps-null.json":
        "output steps: None; JSON Schema has no 'null means the default' (zod: [])",
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    message: str
    verdict: str
    path: Path

    @property
    def key(self) -> str:
        return self.path.relative_to(CORPUS).as_posix()

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def payload(self) -> Any:
        return json.loads(self.text)

    @property
    def normalised_path(self) -> Path:
        return CORPUS / self.message / "normalised" / self.path.name

    @property
    def normalised(self) -> Any:
        """What a validator returns: normalised/<case>.json, else the payload itself."""
        path = self.normalised_path
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
VALID = [c for c in CASES if c.verdict == "valid"]


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("validators")
    result = run_cli("build", "--schema", ROOT / "schema", "--out", out,
                     "--target", "jsonschema", "--target", "pydantic", "--target", "typescript")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def zod_module(
    built: Path, tmp_path_factory: pytest.TempPathFactory, node_modules: Path
) -> Path:
    dist = compile_typescript(built / "typescript", tmp_path_factory.mktemp("zod"), node_modules)
    return dist / WIRE_MODULE


@pytest.fixture(scope="session")
def zod_verdicts(zod_module: Path) -> dict[str, Verdict]:
    """zod's verdict on every corpus payload, by case key."""
    answers = judge(zod_module, [(c.message + "Schema", c.text) for c in CASES])
    return {c.key: a for c, a in zip(CASES, answers, strict=True)}


@pytest.fixture(scope="session")
def bundle(built: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((built / SCHEMA_FILE).read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="session")
def models(built: Path) -> ModuleType:
    return import_models(built / MODELS_FILE, "_ironflow_conformance_models")


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


def pydantic_verdict(model: type[BaseModel], text: str, *, from_json: bool) -> Verdict:
    """pydantic's answer in zod's terms: the verdict, and ``model_dump()`` if valid."""
    try:
        if from_json:
            value = model.model_validate_json(text)
        else:
            value = model.model_validate(json.loads(text))
    except ValidationError:
        return Verdict(False)
    return Verdict(True, value.model_dump())


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


def test_zod_gives_the_folder_verdict_and_the_normalised_output(
    zod_verdicts: dict[str, Verdict], update_normalised: bool
) -> None:
    """The corpus is zod's: its verdicts, and its outputs as normalised/ (written from
    zod with --update-normalised, never by hand)."""
    if update_normalised:
        for case in VALID:
            _write_normalised(case, zod_verdicts[case.key])
    for case in CASES:
        answer = zod_verdicts[case.key]
        assert answer.ok == (case.verdict == "valid"), case.key
        if answer.ok:
            assert same_json(answer.data, case.normalised), case.key


def _write_normalised(case: Case, answer: Verdict) -> None:
    path = case.normalised_path
    if answer.ok and not same_json(answer.data, case.payload):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(answer.data, indent=2, ensure_ascii=True) + "\n", "utf-8")
    elif path.exists():
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_jsonschema_gives_the_folder_verdict(
    case: Case, schema_accepts: Callable[[str, Any], bool]
) -> None:
    assert schema_accepts(case.message, case.payload) == (case.verdict == "valid")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_pydantic_gives_zods_verdict_and_output(case: Case, models: ModuleType) -> None:
    """From a Python value and from JSON text: the folder's verdict, and on a valid
    payload zod's output (normalised/, else the payload)."""
    model = _model(models, case.message)
    for from_json in (False, True):
        answer = pydantic_verdict(model, case.text, from_json=from_json)
        assert answer.ok == (case.verdict == "valid"), (case.key, from_json)
        if answer.ok:
            assert same_json(answer.data, case.normalised), (answer.data, case.normalised)


def test_mutations_get_zods_verdict_and_output(models: ModuleType, zod_module: Path) -> None:
    """Seeded mutations of every valid payload (wrong types, null, missing and odd keys,
    extreme numbers, odd strings, deep nesting), judged by zod in one batch."""
    rng = random.Random(MUTATION_SEED)
    requests = [
        (case.message, text)
        for case in VALID
        for text in mutations(case.payload, rng, MUTATIONS_PER_PAYLOAD)
    ]
    answers = judge(zod_module, [(message + "Schema", text) for message, text in requests])
    compared, refused = 0, 0
    for (message, text), answer in zip(requests, answers, strict=True):
        assert answer.ok is not None, (message, text[:200], answer)
        model = _model(models, message)
        for from_json in (True, False):
            if not from_json and not _python_readable(text):
                continue
            mine = pydantic_verdict(model, text, from_json=from_json)
            assert mine.ok == answer.ok, (message, from_json, text[:300])
            if mine.ok:
                assert same_json(mine.data, answer.data), (message, from_json, text[:300])
            compared += 1
            refused += not answer.ok
    assert compared > 2 * len(requests) * 0.9
    assert len(requests) * 0.2 < refused < len(requests) * 1.6  # both verdicts are drawn


def _python_readable(text: str) -> bool:
    """Whether Python's json reads the text as JSON.parse does (its nesting limit is the
    recursion limit; it reads 1e400 as inf, as JSON.parse reads Infinity)."""
    try:
        json.loads(text)
    except RecursionError:
        return False
    return True


def test_datamodel_codegen_agrees_with_ours(models: ModuleType, bundle: dict[str, Any]) -> None:
    """datamodel-code-generator's models of the export: an independent oracle. Every
    difference from zod (and so from ours) is listed in DCG_DIFFERENCES, with why."""
    oracle = _datamodel_codegen_models(bundle)
    differences = set()
    for case in CASES:
        theirs = pydantic_verdict(getattr(oracle, case.message), case.text, from_json=False)
        ours = pydantic_verdict(_model(models, case.message), case.text, from_json=False)
        if theirs.ok != ours.ok or (ours.ok and not same_json(theirs.data, ours.data)):
            differences.add(case.key)
    assert differences == set(DCG_DIFFERENCES)


def _datamodel_codegen_models(bundle: dict[str, Any]) -> ModuleType:
    import warnings

    import datamodel_code_generator as dcg
    from datamodel_code_generator.enums import DataModelType, StrictTypes, TargetPydanticVersion

    wire = {**bundle, "$defs": {k: v for k, v in bundle["$defs"].items() if "." not in k}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        code = dcg.generate(
            json.dumps(wire),
            input_file_type=dcg.InputFileType.JsonSchema,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=dcg.PythonVersion.PY_311,
            target_pydantic_version=TargetPydanticVersion.V2_14,
            formatters=[dcg.Formatter.BUILTIN],
            disable_timestamp=True,
            strict_types=[StrictTypes.str, StrictTypes.int, StrictTypes.float, StrictTypes.bool],
            enum_field_as_literal=dcg.LiteralType.All,
            use_annotated=True,
            field_constraints=True,
            strict_nullable=True,
            use_missing_sentinel=True,
            extra_fields="ignore",
        )
    assert isinstance(code, str)
    module = ModuleType("_ironflow_dcg_oracle")
    sys.modules[module.__name__] = module
    exec(compile(code, "<datamodel-codegen>", "exec"), module.__dict__)
    return module


# ----------------------------------------------------------- model behaviour


def test_defaults_missing_fields_and_null_as_default(models: ModuleType) -> None:
    event = {"id": "e", "name": "n", "data": None, "timestamp": "t"}
    request = models.PushRequest.model_validate(
        {"run_id": "r", "function_id": "f", "attempt": 1, "event": event, "steps": None}
    )
    assert request.steps == []
    assert request.event.version == 1
    assert request.resume is MISSING
    dumped = request.model_dump()
    assert dumped["event"]["version"] == 1 and "resume" not in dumped  # zod's output


def test_zod_rules_that_pydantic_alone_gets_wrong(models: ModuleType) -> None:
    """The rules the runtime section of models.py exists for, one by one."""
    event = {"id": "e", "name": "n", "data": None, "timestamp": "t"}
    model = models.PushRequestEvent
    assert model.model_validate({**event, "version": 2.0}).version == 2
    for version in (2.5, True, "2", 2**53, float("inf")):
        assert not accepts(model, {**event, "version": version}), version
    assert model.model_validate({**event, "version": 2**53 - 1}).version == 2**53 - 1
    secrets = {"__proto__": "x", "a": "b"}  # judged (JSON Schema), then dropped (zod's output)
    request = {"run_id": "r", "function_id": "f", "attempt": 1, "event": event}
    assert models.PushRequest.model_validate({**request, "secrets": secrets}).secrets == {"a": "b"}
    wrong = {**request, "secrets": {"__proto__": 5, "a": "b"}}  # not a string: refused
    assert not accepts(models.PushRequest, wrong)
    assert not accepts(models.PushRequest, {**request, "attempt": float("inf")})
    text = json.dumps({**event, "id": "\ud800"})
    assert model.model_validate_json(text).id == "\ud800"  # as JSON.parse reads it
    deep = "[" * 20_000 + "]" * 20_000  # JSON.parse reads it; json.loads would recurse
    text = json.dumps(event).replace('"data": null', f'"data": {deep}')
    assert model.model_validate_json(text).data is not None
    with pytest.raises(ValidationError):
        model.model_validate_json(text.replace(deep, "[" * 20_000 + "]" * 19_999))


def test_wire_names_only_from_a_payload(models: ModuleType) -> None:
    """Attribute names build a model in Python, but a payload must use wire names."""
    payload = {"id": "g", "namespace": "n", "name": "x", "pattern": "p", "member_count": 2}
    assert "member_count" not in models.ConsumerGroupResponse.model_validate(payload).model_dump()
    attribute_names = {"id": "r", "function_id": "f", "event_id": "e", "status": "s",
                       "attempt": 1, "max_attempts": 1, "created_at": "c", "updated_at": "u"}
    assert not accepts(models.RunResponse, attribute_names)
    assert not accepts(models.RunResponse, attribute_names, by_name=None)


def test_discriminated_union_dispatches_on_type(models: ModuleType) -> None:
    message = models.WSServerMessage.model_validate(
        {"type": "subscription_error", "subscriptionId": "s", "code": "C", "message": "m",
         "retrying": False}
    )
    assert type(message.root) is models.ValidatedWSSubscriptionError
    assert message.root.subscription_id == "s"


def test_models_are_constructed_by_attribute_name(models: ModuleType) -> None:
    group = models.ConsumerGroupResponse(
        id="g", namespace="n", name="x", pattern="p", ack_mode="ACK_MODE_AUTO", member_count=2
    )
    assert group.model_dump() == {
        "id": "g", "namespace": "n", "name": "x", "pattern": "p", "ackMode": "ACK_MODE_AUTO",
        "memberCount": 2,
    }


def test_wire_enums_are_not_the_sdk_enums(models: ModuleType) -> None:
    assert models.AckMode.model_validate("ACK_MODE_MANUAL").root == "ACK_MODE_MANUAL"
    assert not accepts(models.AckMode, "manual")


def test_models_pass_mypy_strict(built: Path, tmp_path: Path) -> None:
    """Plain ``mypy --strict`` (no pydantic plugin needed) on the generated module."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         str(built / MODELS_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _assert_black_stable(text: str) -> None:
    """The target writes black's layout itself (black runs only on a piece with a line
    too long for the layout rules): black must find nothing to change."""
    import black

    mode = black.Mode(line_length=pydantic_target.LINE_LENGTH)
    assert black.format_str(text, mode=mode) == text


def test_models_pass_ruff_and_black(built: Path) -> None:
    text = (built / MODELS_FILE).read_text(encoding="utf-8")
    _assert_black_stable(text)
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
                assert same_json(value.model_dump(exclude_unset=True), example)
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
    _assert_black_stable(generated.content)
    path = tmp_path / "models.py"
    path.write_text(generated.content, encoding="utf-8")
    hostile = import_models(path, "_ironflow_hostile_models")
    payload = {'we"ird key': "1", "class": "2", "_private": "3", "json": "4", "2fast": "5",
               "\u00fcml": "6"}
    value = hostile.Msg.model_validate(payload)
    assert value.model_dump() == payload
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
    _assert_black_stable(generated.content)
    path = tmp_path / "models.py"
    path.write_text(generated.content, encoding="utf-8")
    features = import_models(path, "_ironflow_feature_models")
    message = features.Message.model_validate({"id": "m", "color": "COLOR_RED", "items": None})
    assert message.items == [] and message.version == 1
    assert not accepts(features.Message, {"id": "", "color": "COLOR_RED"})


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


def test_a_scalar_default_of_a_model_typed_field_is_an_instance(tmp_path: Path) -> None:
    """``mode: {$ref: Mode, default: ab}``: the default is a ``Mode`` (mypy --strict
    accepts the field; a bare ``"ab"`` did not type-check, and dumped with pydantic's
    "unexpected value" warning), and it dumps as zod's ``.default`` outputs it."""
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "index.yaml").write_text(
        'x-contract: {name: "@t/d", version: 0.1.0, python-distribution: d,'
        " python-package: d, modules: [wire]}\n"
    )
    (schema / "wire.yaml").write_text(
        "title: Wire\nx-wire: true\n$defs:\n"
        "  Mode: {type: string, enum: [ab, cd]}\n"
        "  Pair:\n    type: object\n    properties:\n"
        '      mode: {$ref: "#/$defs/Mode", default: ab}\n'
    )
    out = tmp_path / "out"
    result = run_cli("build", "--schema", schema, "--out", out, "--target", "pydantic")
    assert result.returncode == 0, result.stderr
    project = out / "python"
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
         "d/models.py"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    script = (
        "from d.models import Mode, Pair\n"
        "pair = Pair.model_validate({})\n"
        "assert isinstance(pair.mode, Mode), repr(pair.mode)\n"
        "assert pair.model_dump() == {'mode': 'ab'}\n"
        "assert pair.model_dump_json() == '{\"mode\":\"ab\"}'\n"
        "assert Pair.model_validate({'mode': 'cd'}).model_dump() == {'mode': 'cd'}\n"
    )
    ran = subprocess.run([sys.executable, "-W", "error", "-c", script], cwd=project,
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
