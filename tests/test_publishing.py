"""Publishing: the packages work for a consumer; the pre-commit hook works for
another repository. These run real npm, pip and pre-commit (slow, ~1-2 min)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import FEATURES, ROOT, run_cli

CONSUMER_TS = """\
import {
  DEFAULT_SERVER_URL, FunctionNotFoundError, IronflowError, InvokeError, createRunId,
  isRetryable, patterns, getWebSocketUrl,
} from "@ironflow/core";
import type { PushRequest, RunId, RunInfo } from "@ironflow/core";
import { PushRequestSchema, validate } from "@ironflow/core/schemas";

const runId: RunId = createRunId("run_1");
const info: RunInfo = { id: runId, functionId: "f", attempt: 1, startedAt: new Date(0) };
const request: PushRequest = {
  run_id: runId, function_id: "f", attempt: 1, steps: [],
  event: { id: "e", name: "n", data: {}, timestamp: "t" },
};
const error = new FunctionNotFoundError("checkout");
const invoke = new InvokeError("f", undefined, "boom");
const parsed = validate(PushRequestSchema, { ...request, steps: null }, "push");
console.log(JSON.stringify({
  url: DEFAULT_SERVER_URL,
  ws: getWebSocketUrl("https://x.example"),
  pattern: patterns.run(runId),
  code: error.code,
  isIronflow: error instanceof IronflowError,
  retryable: isRetryable(error),
  message: error.message,
  invoke: invoke.message,
  steps: parsed.steps,
  version: parsed.event.version,
  attempt: info.attempt,
}));
"""


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = run_cli("package", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_package_builds_wheel_sdist_and_npm_tarball(artifacts: Path) -> None:
    names = sorted(p.name for p in artifacts.iterdir())
    assert any(n.endswith(".whl") for n in names), names
    assert any(n.endswith(".tar.gz") for n in names), names
    assert any(n.endswith(".tgz") for n in names), names


def test_npm_consumer_type_checks_and_runs(
    artifacts: Path, node_modules: Path, tmp_path: Path
) -> None:
    consumer = tmp_path / "consumer"
    consumer.mkdir()
    (consumer / "package.json").write_text('{"private": true, "type": "module"}\n')
    tarball = next(artifacts.glob("*.tgz"))
    npm = shutil.which("npm") or "npm"
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", str(tarball)],
        cwd=consumer,
        check=True,
        capture_output=True,
    )
    (consumer / "main.ts").write_text(CONSUMER_TS)
    (consumer / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "target": "ES2022",
                    "module": "NodeNext",
                    "moduleResolution": "NodeNext",
                    "strict": True,
                    "outDir": "out",
                    "skipLibCheck": False,
                },
                "files": ["main.ts"],
            }
        )
    )
    compiled = subprocess.run(
        [str(node_modules / ".bin" / "tsc"), "-p", str(consumer)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    ran = subprocess.run(
        ["node", "out/main.js"], cwd=consumer, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == {
        "url": "http://localhost:9123",
        "ws": "wss://x.example/ws",
        "pattern": "system.run.run_1.>",
        "code": "FUNCTION_NOT_FOUND",
        "isIronflow": True,
        "retryable": False,
        "message": "Function not found: checkout",
        "invoke": "invoke 'f' failed: boom",
        "steps": [],
        "version": 1,
        "attempt": 1,
    }


def test_package_refuses_a_stale_tree(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FEATURES / "schema", project / "schema")
    (project / "pyproject.toml").write_text('[tool.ironflow-gen]\ntargets = ["typescript"]\n')
    assert run_cli("build", cwd=project).returncode == 0
    kitchen = project / "schema" / "kitchen.yaml"
    kitchen.write_text(kitchen.read_text().replace("A branded ID.", "Changed."))
    result = run_cli("package", "--out", tmp_path / "dist", cwd=project)
    assert result.returncode == 2
    assert "stale" in result.stderr
    assert not (tmp_path / "dist").exists()


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    ).stdout


def test_pre_commit_hook_in_another_repository(tmp_path: Path) -> None:
    """Another repo uses this one's .pre-commit-hooks.yaml at this repo's HEAD."""
    head = _git("rev-parse", "HEAD", cwd=ROOT).strip()
    repo = tmp_path / "sdk"
    shutil.copytree(FEATURES / "schema", repo / "schema")
    (repo / "pyproject.toml").write_text('[tool.ironflow-gen]\ntargets = ["typescript"]\n')
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: ironflow-gen-check\n"
    )
    assert run_cli("build", cwd=repo).returncode == 0
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "generated", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]

    clean = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    kitchen = repo / "schema" / "kitchen.yaml"
    kitchen.write_text(kitchen.read_text().replace("A branded ID.", "An edited description."))
    drifted = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True)
    assert drifted.returncode != 0
    assert "kitchen.ts" in drifted.stdout + drifted.stderr


PYTHON_CONSUMER = """
import ironflow_core
from ironflow_core import FunctionNotFoundError, patterns, DEFAULT_SERVER_URL
from ironflow_core.models import PushRequest

request = PushRequest.model_validate({
    "run_id": "r", "function_id": "f", "attempt": 1, "steps": None, "extra": 1,
    "event": {"id": "e", "name": "n", "data": {}, "timestamp": "t"},
})
assert request.steps == [] and request.event.version == 1
assert FunctionNotFoundError("x").code == "FUNCTION_NOT_FOUND"
assert patterns.run("r1") == "system.run.r1.>"
assert DEFAULT_SERVER_URL == "http://localhost:9123"
print("ok")
"""


def test_python_consumer_installs_the_wheel_and_validates(artifacts: Path, tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    wheel = next(artifacts.glob("*.whl"))
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            f"{wheel}[models]",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    ran = subprocess.run(
        [str(python), "-c", PYTHON_CONSUMER],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "ok"


def _fresh_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(where)
    return where / "bin" / "python"
