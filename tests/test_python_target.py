"""The python target: the package it writes works, not only reads well.

The real schema is built once through the CLI (as a user builds it) into a tmp
folder. The package is then imported from there and checked the way its users
will meet it: ``mypy --strict`` (with a client module that uses the generics and
protocols in anger, since a swapped type argument type-checks on its own), ruff
and black with the settings its own pyproject declares, wire payloads of the
contract (the schema's ``examples:`` and hand-written ones) round-tripped through
``from_dict``/``to_dict``, the error table, patterns and constants of the spec,
and a ``pip install`` into a fresh virtual environment.
"""

from __future__ import annotations

import builtins
import datetime
import importlib
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import FEATURES, ROOT, run_cli
from ironflow_gen import ir
from ironflow_gen.naming import snake_case
from ironflow_gen.pipeline import load_contract
from ironflow_gen.targets.python import generate

SCHEMA = ROOT / "schema"
PACKAGE = "ironflow_core"
# The feature fixture and every output case of tests/cases (a case with
# expected/stderr.txt is refused, so it has no package to check).
CORPUS = {"features": FEATURES / "schema"} | {
    case.name: case / "schema"
    for case in sorted((ROOT / "tests" / "cases").iterdir())
    if not (case / "expected" / "stderr.txt").exists()
}

# The spec's error table (spec/errors-and-constants.md): class -> (parent, code, retryable).
SPEC_ERRORS = {
    "IronflowError": (None, "UNKNOWN_ERROR", False),
    "ConnectionError": ("IronflowError", "CONNECTION_LOST", True),
    "SubscriptionError": ("IronflowError", "SUBSCRIPTION_ERROR", True),
    "TimeoutError": ("IronflowError", "TIMEOUT", True),
    "ValidationError": ("IronflowError", "VALIDATION_ERROR", False),
    "SchemaValidationError": ("ValidationError", "VALIDATION_ERROR", False),
    "SignatureError": ("IronflowError", "SIGNATURE_INVALID", False),
    "FunctionNotFoundError": ("IronflowError", "FUNCTION_NOT_FOUND", False),
    "RunNotFoundError": ("IronflowError", "RUN_NOT_FOUND", False),
    "StepError": ("IronflowError", "STEP_FAILED", True),
    "NonRetryableError": ("IronflowError", "NON_RETRYABLE", False),
    "NotConfiguredError": ("IronflowError", "NOT_CONFIGURED", False),
    "InvokeError": ("IronflowError", "INVOKE_FAILED", False),
    "InvokeTimeoutError": ("InvokeError", "INVOKE_FAILED", False),
    "StepTimeoutError": ("IronflowError", "STEP_TIMEOUT", True),
    "UnauthenticatedError": ("IronflowError", "UNAUTHENTICATED", False),
    "EnterpriseRequiredError": ("IronflowError", "ENTERPRISE_REQUIRED", False),
    "UnauthorizedError": ("IronflowError", "UNAUTHORIZED", False),
}

# The spec README's pattern helpers, with the strings it shows.
SPEC_PATTERNS = [
    ("all_runs", (), "system.run.>"),
    ("run", ("run_abc",), "system.run.run_abc.>"),
    ("run_lifecycle", ("run_abc",), "system.run.run_abc.*"),
    ("run_steps", ("run_abc",), "system.run.run_abc.step.>"),
    ("all_functions", (), "system.function.>"),
    ("function", ("my-fn",), "system.function.my-fn.>"),
    ("user_event", ("order.*",), "events:order.*"),
    ("all_user_events", (), "events:>"),
    ("topic", ("notifications",), "topic:notifications"),
    ("all_topics", (), "topic:>"),
    ("all_secrets", (), "system.secret.*"),
    ("secret", ("db-password",), "system.secret.db-password.*"),
    ("secret_action", ("updated",), "system.secret.*.updated"),
]

# A client of the package: mypy must accept it, so the generics mean what they say.
CLIENT = '''
from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import ironflow_core as core


async def charge() -> int:
    return 42


async def handler(ctx: core.FunctionContext[dict[str, int]]) -> str:
    amount: dict[str, int] = ctx.event.data
    charged: int = await ctx.step.run("charge", charge)
    ctx.logger.info("charged", {"amount": amount, "charged": charged})
    return ctx.secrets.get("STRIPE_KEY")


typed_handler: core.FunctionHandler[dict[str, int], str] = handler
function: core.IronflowFunction[dict[str, int], str] = core.IronflowFunction(
    config=core.FunctionConfig(id="charge", triggers=[core.Trigger(event="order.placed")]),
    handler=handler,
)
reducer: core.ManagedProjectionHandler[int] = lambda state, event, ctx: state + 1
message = core.ws_server_message_from_dict({"type": "error", "code": "X", "message": "m"})
if isinstance(message, core.WSEventMessage):
    topic: str = message.topic
request = core.ValidatedPushRequest.from_dict({})
steps: list[core.ValidatedCompletedStep] | None = request.steps
run_id: core.RunId = core.create_run_id("run_1")
error: core.IronflowError = core.InvokeTimeoutError("fn", None, 5000)
if core.is_ironflow_error(error):
    code: str = error.code
timeout_ms: int = core.DEFAULT_TIMEOUTS["CLIENT"]
url: str = core.get_web_socket_url()
deferred: core.Deferred[int] = core.create_deferred()
pending: Awaitable[int] = deferred.promise
'''


# ------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def contract() -> ir.Contract:
    return load_contract(SCHEMA)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`ironflow-gen build --target python` of the real schema, with a fixed hash
    seed that differs from the in-process run (so comparing both checks determinism)."""
    out = tmp_path_factory.mktemp("python-build")
    result = run_cli(
        "build", "--schema", SCHEMA, "--out", out, "--target", "python",
        env={"PYTHONHASHSEED": "12345"},
    )
    assert result.returncode == 0, result.stderr
    return out / "python"


@pytest.fixture(scope="module")
def core(project: Path) -> Iterator[ModuleType]:
    """The generated package, imported from the build folder; any module of the same
    name that was loaded before is put back afterwards."""
    saved = _take_modules(PACKAGE)
    sys.path.insert(0, str(project))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(project))
        _take_modules(PACKAGE)
        sys.modules.update(saved)


def _take_modules(package: str) -> dict[str, ModuleType]:
    names = [n for n in sys.modules if n == package or n.startswith(package + ".")]
    return {n: sys.modules.pop(n) for n in names}


def _example(contract: ir.Contract, module: str, name: str) -> dict[str, Any]:
    definition = contract.type_def(ir.TypeName(module, name))
    assert isinstance(definition, ir.Interface | ir.Alias) and definition.examples
    example = definition.examples[0]
    assert isinstance(example, dict)
    return example


def _run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True, check=False
    )


# -------------------------------------------------------- the package as code


def test_layout(project: Path, contract: ir.Contract) -> None:
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    modules = [f"{PACKAGE}/{m.name}.py" for m in contract.modules]
    expected = ["README.md", "pyproject.toml", f"{PACKAGE}/__init__.py", f"{PACKAGE}/_wire.py"]
    assert files == sorted([*expected, *modules, f"{PACKAGE}/py.typed"])
    pyproject = (project / "pyproject.toml").read_text()
    assert 'name = "ironflow-core"' in pyproject and 'version = "0.8.0"' in pyproject
    assert "dependencies = []" in pyproject and 'requires-python = ">=3.11"' in pyproject


def test_output_is_deterministic(project: Path, contract: ir.Contract) -> None:
    """Same bytes in-process as through the CLI under another PYTHONHASHSEED."""
    for generated in generate(contract):
        assert (project.parent / generated.path).read_text() == generated.content, generated.path


def test_mypy_strict_accepts_package_and_client(project: Path, tmp_path: Path) -> None:
    client = tmp_path / "client.py"
    client.write_text(CLIENT)
    result = _run("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), PACKAGE, str(client),
                  cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_a_misused_generic(project: Path, tmp_path: Path) -> None:
    """The client check above can fail: arguments in the wrong order are an error."""
    client = tmp_path / "client.py"
    client.write_text(CLIENT.replace(
        "typed_handler: core.FunctionHandler[dict[str, int], str]",
        "typed_handler: core.FunctionHandler[str, dict[str, int]]",
    ))
    result = _run("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), PACKAGE, str(client),
                  cwd=project)
    assert result.returncode == 1 and "client.py" in result.stdout, result.stdout


def test_ruff_and_black_accept_the_package(project: Path) -> None:
    """With the lint and format settings the generated pyproject declares."""
    ruff = _run("ruff", "check", "--no-cache", ".", cwd=project)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    black = _run("black", "--check", "--quiet", ".", cwd=project)
    assert black.returncode == 0, black.stdout + black.stderr


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_edge_case_schemas_give_checked_packages(case: str, tmp_path: Path) -> None:
    """Keywords, colliding names, a type called ``Self``, recursive types, hostile
    text, and modules that need each other (``kitchen`` calls ``other.Shared`` while
    ``other`` subclasses ``kitchen.BaseError``) all give code that passes the checks."""
    contract = load_contract(CORPUS[case])
    for generated in generate(contract):
        path = tmp_path / generated.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated.content)
    project = tmp_path / "python"
    package = contract.python_package
    mypy = _run("mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), package, cwd=project)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    ruff = _run("ruff", "check", "--no-cache", ".", cwd=project)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    imported = subprocess.run([sys.executable, "-c", f"import {package}"], cwd=project,
                              capture_output=True, text=True, check=False)
    assert imported.returncode == 0, imported.stderr


def test_exports_are_complete_and_sorted(core: ModuleType) -> None:
    public = {n for n in dir(core) if not n.startswith("_")}  # dir() lists lazy names too
    submodules = {n for n in public if isinstance(getattr(core, n), ModuleType)}
    assert set(core.__all__) == public - submodules
    assert len(core.__all__) == len(set(core.__all__))
    assert core.__version__ == "0.8.0"


_LAZY_SCRIPT = """
import sys
import ironflow_core as core
loaded = sorted(m for m in sys.modules if m.startswith("ironflow_core."))
assert loaded == [], loaded  # the package imports no module of its own
assert "typing" not in sys.modules and "dataclasses" not in sys.modules
assert "Run" in dir(core) and "runs" in dir(core) and "Run" not in vars(core)
run = core.Run  # imports runs (and what it needs), and keeps the value
assert vars(core)["Run"] is run is sys.modules["ironflow_core.runs"].Run
assert core.runs is sys.modules["ironflow_core.runs"]
try:
    core.Nothing
except AttributeError as error:
    assert "Nothing" in str(error)
else:
    raise AssertionError("no error")
from ironflow_core import *  # every name of __all__ resolves
assert FunctionNotFoundError.__module__ == "ironflow_core.errors"
print("ok")
"""


def test_the_package_imports_its_modules_on_first_use(project: Path) -> None:
    """``import ironflow_core`` runs no module of the package (PEP 562 ``__getattr__``);
    mypy still sees every name (``test_mypy_strict_accepts_package_and_client``)."""
    ran = subprocess.run([sys.executable, "-c", _LAZY_SCRIPT], cwd=project,
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.strip() == "ok"


def test_every_contract_name_is_exported(core: ModuleType, contract: ir.Contract) -> None:
    """The TypeScript comparison proves the schema holds every name of the spec;
    this proves each of them reaches Python by the one naming rule."""
    expected: set[str] = set()
    for module in contract.modules:
        prefix = "Validated" if module.wire else ""
        expected |= {prefix + t.name.name for t in module.types}
        expected |= {snake_case(t.factory) for t in module.types if isinstance(t, ir.Brand)}
        expected |= {e.name.name for e in module.errors}
        expected |= {c.name for c in module.constants}
        expected |= {snake_case(h.name) for h in module.helpers}
    assert expected - set(core.__all__) == set()
    patterns = importlib.import_module(PACKAGE + ".patterns")
    for module in contract.modules:
        for pattern in module.patterns:
            assert callable(getattr(patterns, snake_case(pattern.name))), pattern.name


def test_fresh_virtual_environment_installs_the_package(project: Path, tmp_path: Path) -> None:
    """``pip install`` (building with setuptools from the registry) and import, from
    outside the source folder: the distribution ships every module and py.typed."""
    environment = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True)
    python = environment / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(project)],
        capture_output=True, text=True, check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    probe = textwrap.dedent("""
        import importlib.metadata, pathlib, ironflow_core
        folder = pathlib.Path(ironflow_core.__file__).parent
        assert "site-packages" in str(folder), folder
        assert (folder / "py.typed").exists()
        assert importlib.metadata.version("ironflow-core") == "0.8.0"
        requires = importlib.metadata.requires("ironflow-core") or []
        assert all("extra ==" in r for r in requires), requires  # pydantic only for models
        print(len(ironflow_core.__all__))
    """)
    result = subprocess.run([str(python), "-c", probe], cwd=tmp_path, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------- wire round trips


def _roundtrip(cls: Any, payload: dict[str, Any]) -> Any:
    value = cls.from_dict(payload)
    assert value.to_dict() == payload
    return value


def test_every_schema_example_round_trips(core: ModuleType, contract: ir.Contract) -> None:
    checked = 0
    for module in contract.modules:
        prefix = "Validated" if module.wire else ""
        for definition in module.types:
            for example in getattr(definition, "examples", ()):
                name = prefix + definition.name.name
                if isinstance(definition, ir.Alias):
                    decoder = getattr(core, snake_case(name) + "_from_dict")
                    assert decoder(example).to_dict() == example
                else:
                    _roundtrip(getattr(core, name), example)
                checked += 1
    assert checked >= 18  # every example of the contract, at the time of writing


def test_push_request(core: ModuleType, contract: ir.Contract) -> None:
    payload = _example(contract, "schemas", "PushRequest")
    request = _roundtrip(core.ValidatedPushRequest, payload)
    assert request.run_id == "run_01HZX3K8Q2" and request.function_id == "process-order"
    assert request.event.idempotency_key == "order-ord_123"
    assert request.steps[0].output == {"charged": True}
    assert request.resume.step_id == "step_01HZX3K9B2"
    # The SDK-facing protocol type of the same message (it has no `secrets`).
    protocol = {k: v for k, v in payload.items() if k != "secrets"}
    assert type(_roundtrip(core.PushRequest, protocol).event).__name__ == "PushRequestEvent"


def test_absent_defaults_stay_absent_and_null_stays_null(core: ModuleType) -> None:
    minimal = {"run_id": "r", "function_id": "f", "attempt": 1,
               "event": {"id": "e", "name": "n", "data": None, "timestamp": "t"}}
    request = _roundtrip(core.ValidatedPushRequest, minimal)
    assert request.steps == [] and request.event.version == 1  # schema defaults
    _roundtrip(core.ValidatedPushRequest, {**minimal, "steps": None})
    _roundtrip(core.ValidatedPushRequest, {**minimal, "steps": []})
    built = core.ValidatedPushRequestEvent(id="e", name="n", data={}, timestamp="t", version=2)
    assert built.to_dict() == {"id": "e", "name": "n", "data": {}, "timestamp": "t", "version": 2}


def test_job_assignment(core: ModuleType, contract: ir.Contract) -> None:
    job = _roundtrip(core.ValidatedJobAssignment, _example(contract, "schemas", "JobAssignment"))
    assert job.job_id == "job_01HZX3KC2D" and job.completed_steps[0].step_id == "step_01HZX3K9A1"
    assert job.context.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"


def test_consumer_group_config_maps_camel_case(core: ModuleType) -> None:
    payload = {"name": "order-processors", "pattern": "events:order.*", "namespace": "default",
               "filterExpr": "data.amount > 50", "ackMode": "manual", "backpressure": "block",
               "maxInflight": 100, "maxRedeliveries": 5, "redeliverDelayMs": 1000,
               "metadata": {"team": "payments"}}
    config = _roundtrip(core.ConsumerGroupConfig, payload)
    assert (config.filter_expr, config.ack_mode, config.max_redeliveries) == (
        "data.amount > 50", "manual", 5)
    minimal = _roundtrip(core.ConsumerGroupConfig, {"name": "g", "pattern": "p"})
    assert (minimal.namespace, minimal.ack_mode, minimal.max_inflight) == ("default", "auto", 100)


def test_kv_bucket_info_maps_snake_case(core: ModuleType) -> None:
    info = {"name": "sessions", "description": "web sessions", "ttl_seconds": 3600,
            "values": 42, "bytes": 2048, "history": 1, "created_at": "2025-01-15T09:00:00Z"}
    bucket = _roundtrip(core.KVBucketInfo, info)
    assert (bucket.ttl_seconds, bucket.created_at) == (3600, "2025-01-15T09:00:00Z")
    listing = _roundtrip(core.KVListBucketsResult, {"buckets": [info], "count": 1})
    assert listing.buckets[0] == bucket


def test_websocket_server_messages(core: ModuleType, contract: ir.Contract) -> None:
    for name in ("WSSubscriptionResult", "WSEventMessage", "WSSubscriptionError", "WSError"):
        payload = _example(contract, "schemas", name)
        for decode, cls in (
            (core.validated_ws_server_message_from_dict, getattr(core, "Validated" + name)),
            (core.ws_server_message_from_dict, getattr(core, name)),
        ):
            message = decode(payload)
            assert type(message) is cls and message.to_dict() == payload
    with pytest.raises(ValueError, match="unknown type: 'subscribe_all'"):
        core.ws_server_message_from_dict({"type": "subscribe_all"})


def test_websocket_client_messages(core: ModuleType) -> None:
    messages = [
        {"type": "subscribe", "subscription": {"pattern": "events:order.*", "options": {
            "replay": 10, "includeMetadata": True, "consumerGroup": "workers",
            "ackMode": "manual", "backpressure": "block", "namespace": "default"}}},
        {"type": "unsubscribe", "subscriptionId": "sub_1"},
        {"type": "ack", "eventId": "evt_1", "ackType": "nak", "redeliverDelay": 500},
    ]
    for payload in messages:
        assert core.ws_client_message_from_dict(payload).to_dict() == payload
    subscribe = core.ws_client_message_from_dict(messages[0])
    assert subscribe.subscription.options.include_metadata is True


def test_datetime_fields_read_and_write_iso_8601(core: ModuleType) -> None:
    payload = {"id": "run_1", "functionId": "f", "eventId": "e", "status": "completed",
               "attempt": 1, "maxAttempts": 3, "output": None,
               "startedAt": "2025-01-15T10:30:00.120Z", "createdAt": "2025-01-15T10:30:00.000Z",
               "updatedAt": "2025-01-15T10:30:01.480Z"}
    run = _roundtrip(core.Run, payload)
    assert run.started_at == datetime.datetime(2025, 1, 15, 10, 30, 0, 120000, datetime.UTC)
    assert run.output is None and "output" in run.to_dict()  # null, not absent
    naive = core.RunInfo(id="r", function_id="f", attempt=1,
                         started_at=datetime.datetime(2025, 1, 15, 10, 30))
    assert naive.to_dict()["startedAt"] == "2025-01-15T10:30:00.000Z"


# ----------------------------------------------------- errors, constants, patterns


def test_error_classes_match_the_spec_table(core: ModuleType, contract: ir.Contract) -> None:
    assert {e.name.name for e in contract.all_errors} == set(SPEC_ERRORS)
    errors = importlib.import_module(PACKAGE + ".errors")
    for name, (parent, code, retryable) in SPEC_ERRORS.items():
        cls = getattr(errors, name)
        assert (cls.code, cls.retryable) == (code, retryable), name
        assert cls.__bases__ == ((getattr(errors, parent),) if parent else (Exception,)), name


def test_error_constructors_messages_and_details(core: ModuleType) -> None:
    missing = core.FunctionNotFoundError("fn_1")
    assert (str(missing), missing.code, missing.details) == (
        "Function not found: fn_1", "FUNCTION_NOT_FOUND", {"functionId": "fn_1"})
    invoke = core.InvokeError("fn", None, "boom")
    assert str(invoke) == "invoke 'fn' failed: boom" and invoke.details == {"functionId": "fn"}
    timeout = core.InvokeTimeoutError("fn", "run_9", 5000.0)
    assert str(timeout) == "invoke 'fn' failed (run run_9): invoke timed out after 5000ms"
    assert (timeout.error_cause, timeout.timeout_ms, timeout.code) == (
        "invoke timed out after 5000ms", 5000.0, "INVOKE_FAILED")
    step = core.StepError("failed", step_id="s1", step_name="charge", retryable=False)
    assert (step.retryable, step.details) == (False, {"stepId": "s1", "stepName": "charge"})
    assert str(core.StepTimeoutError("charge", "30s")) == 'Step "charge" timed out after 30s'
    assert core.SubscriptionError("x", code="LOST", subscription_id="sub").code == "LOST"
    assert core.NonRetryableError("x", code="CARD_DECLINED").code == "CARD_DECLINED"
    assert str(core.NotConfiguredError()) == "Client not configured. Call configure() first."
    cause = OSError("socket closed")
    assert core.ConnectionError("lost", cause=cause).__cause__ is cause
    with pytest.raises(TypeError):
        core.StepError("failed", "s1", "charge")  # options are keyword-only


def test_builtin_shadowing_is_explicit(core: ModuleType) -> None:
    assert core.TimeoutError is core.IronflowTimeoutError is not builtins.TimeoutError
    assert core.ConnectionError is core.IronflowConnectionError is not builtins.ConnectionError
    assert not issubclass(core.TimeoutError, builtins.TimeoutError)
    assert core.is_retryable(builtins.TimeoutError())
    assert core.is_retryable(ConnectionResetError())
    assert core.is_retryable(core.TimeoutError("slow", 100))
    assert not core.is_retryable(core.ValidationError("bad"))
    assert not core.is_retryable(ValueError())


def test_error_helpers(core: ModuleType) -> None:
    error = core.RunNotFoundError("r")
    assert core.is_ironflow_error(error) and not core.is_ironflow_error(ValueError())
    assert core.to_error(error) is error
    assert str(core.to_error("boom")) == "boom"
    assert str(core.to_error({"message": "from a dict"})) == "from a dict"
    assert str(core.to_error(42)) == "42"


@pytest.mark.parametrize(("name", "args", "expected"), SPEC_PATTERNS)
def test_patterns(core: ModuleType, name: str, args: tuple[str, ...], expected: str) -> None:
    assert getattr(core, name)(*args) == expected


def test_constants(core: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    assert core.DEFAULT_SERVER_URL == "http://localhost:9123"
    assert core.DEFAULT_WS_URL == "ws://localhost:9123/ws"
    assert core.JSON_HEADERS == {"Content-Type": "application/json"}
    assert core.DEFAULT_TIMEOUTS.CLIENT == core.DEFAULT_TIMEOUTS["CLIENT"] == 30000
    assert list(core.DEFAULT_TIMEOUTS) == ["CLIENT", "FUNCTION", "TRIGGER_SYNC"]
    assert core.JSON_HEADERS.content_type == "application/json"
    with pytest.raises(TypeError):
        core.DEFAULT_TIMEOUTS["CLIENT"] = 1  # type: ignore[index]  # the point: it refuses
    with pytest.raises(AttributeError, match="read-only"):
        core.DEFAULT_TIMEOUTS.CLIENT = 1  # the point: it refuses
    assert dict(core.EventSource) == {"API": "api", "CRON": "cron", "WEBHOOK": "webhook"}
    assert core.ERROR_CODES["NOT_CONFIGURED"] == "NOT_CONFIGURED"
    assert core.create_run_id("run_1") == "run_1"
    monkeypatch.delenv("IRONFLOW_SERVER_URL", raising=False)
    assert core.get_server_url() == "http://localhost:9123"
    assert core.get_web_socket_url() == "ws://localhost:9123/ws"
    monkeypatch.setenv("IRONFLOW_SERVER_URL", "")
    assert core.get_server_url() == "http://localhost:9123"
    monkeypatch.setenv("IRONFLOW_SERVER_URL", "https://flow.example.com")
    assert core.get_web_socket_url() == "wss://flow.example.com/ws"
    assert core.get_web_socket_url("http://127.0.0.1:9123") == "ws://127.0.0.1:9123/ws"


def test_utility_helpers(core: ModuleType) -> None:
    assert core.parse_duration("30s") == 30_000 and core.parse_duration(250) == 250
    with pytest.raises(ValueError, match="Invalid duration format"):
        core.parse_duration("soon")
    assert core.calculate_backoff(3, 100, 1000) == 400
    assert core.calculate_backoff(9, 100, 1000) == 1000
    merged = core.deep_merge({"a": {"x": 1}, "b": 1}, {"a": {"y": 2}})
    assert merged == {"a": {"x": 1, "y": 2}, "b": 1}
    assert core.safe_json_parse("{") is None and core.safe_json_parse("[1]") == [1]
    registry = core.create_event_definition_registry()
    registry.register(core.define_event(core.EventDefinitionOptions(
        name="order.placed", version=2, upcast=lambda data: {**data, "currency": "EUR"})))
    upcast = registry.upcast_event("order.placed", {"amount": 1}, 1)
    assert upcast == {"amount": 1, "currency": "EUR"}
    with pytest.raises(core.SchemaValidationError, match="Invalid GetRun response"):
        core.parse_and_validate(core.ValidatedRunResponse.from_dict, "{}", "GetRun response")
