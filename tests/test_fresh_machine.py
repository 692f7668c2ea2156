"""First use on a fresh machine: cold builds that never crash, one manifest for
every kind of install, output that no machine state can change.

Every test session already runs with an empty home folder and memo (conftest);
these tests also start each build from an empty memo of its own, because the first
build a user runs is a cold one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from conftest import CLI, FEATURES, ROOT, run_cli, tree_bytes

FIRST_USE = ROOT / "tests" / "fixtures" / "first_use" / "schema"
HEAVY_MODULES = ("click", "yaml", "jinja2", "black", "datamodel_code_generator")


def _cold_env(memo: Path) -> dict[str, str]:
    return {**os.environ, "IRONFLOW_GEN_CACHE": str(memo)}


def test_cold_builds_in_one_process_all_succeed(tmp_path: Path) -> None:
    """Several builds in one interpreter, each with a new empty memo."""
    script = textwrap.dedent(
        """
        import os, sys
        from ironflow_gen.cli import main
        for run in range(3):
            os.environ["IRONFLOW_GEN_CACHE"] = f"{sys.argv[2]}/memo{run}"
            try:
                main(["build", "--schema", sys.argv[1], "--out", f"{sys.argv[2]}/out{run}"])
            except SystemExit as done:
                assert not done.code, f"run {run}: exit {done.code}"
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(FIRST_USE), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    first = tree_bytes(tmp_path / "out0")
    assert first and all(tree_bytes(tmp_path / f"out{run}") == first for run in (1, 2))


@pytest.mark.parametrize("schema", [FIRST_USE, FEATURES / "schema"], ids=["first_use", "features"])
def test_cold_builds_in_parallel_processes_all_succeed(schema: Path, tmp_path: Path) -> None:
    """Four builds at once: two with memos of their own, two sharing one empty memo."""
    memos = [tmp_path / "own0", tmp_path / "own1", tmp_path / "shared", tmp_path / "shared"]
    running = [
        subprocess.Popen(
            [str(CLI), "build", "--schema", str(schema), "--out", str(tmp_path / f"out{index}")],
            env=_cold_env(memo),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index, memo in enumerate(memos)
    ]
    for process in running:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    first = tree_bytes(tmp_path / "out0")
    assert all(tree_bytes(tmp_path / f"out{index}") == first for index in range(1, 4))


def test_target_threads_import_nothing(tmp_path: Path) -> None:
    """Every module a target needs is imported before its thread starts: an import
    racing another thread's (black is compiled with mypyc) crashed cold builds."""
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from ironflow_gen import pipeline
        from ironflow_gen.targets import get_target, target_names

        contract = pipeline.load_contract(Path(sys.argv[1]))
        names = target_names()
        for name in names:
            get_target(name)  # what generate_targets does before it starts a thread
        before = set(sys.modules)
        pipeline.generate_targets(contract, names)
        late = sorted(set(sys.modules) - before)
        assert not late, f"imported inside target threads: {late}"
        assert "black" in before and "datamodel_code_generator" not in before
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(FEATURES / "schema")],
        env=_cold_env(tmp_path / "memo"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ironflow-gen installed from a wheel (as pre-commit installs a hook repository)
    into a new virtual environment whose dependencies come from the test venv."""
    work = tmp_path_factory.mktemp("wheel-install")
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("generator", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    environment = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True)
    python = environment / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # Dependencies only: the test venv's site folder is added as a plain path, so its
    # editable-install hook (a .pth file there) is never run.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    wheel = next((work / "dist").glob("ironflow_gen-*.whl"))
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", site, str(wheel)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    located = subprocess.run(
        [str(python), "-c", "import ironflow_gen; print(ironflow_gen.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert located.startswith(site), f"not the wheel's copy: {located}"
    return python


def test_installed_check_of_the_committed_tree_takes_the_fast_path(installed_python: Path) -> None:
    """Same inputs hash as the editable install that wrote the manifest: `check`
    answers from hashes, importing no command-line library, parser, template engine
    or formatter."""
    script = textwrap.dedent(
        f"""
        import sys
        from ironflow_gen.entry import main  # what the console script runs
        try:
            main(["check"])
        except SystemExit as done:
            code = done.code or 0
        else:
            code = 0
        heavy = [m for m in {HEAVY_MODULES!r} if m in sys.modules]
        print(f"exit={{code}} heavy={{heavy}}")
        """
    )
    result = subprocess.run(
        [str(installed_python), "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "exit=0 heavy=[]" in result.stdout, result.stdout + result.stderr


def test_installed_build_rewrites_nothing(installed_python: Path, tmp_path: Path) -> None:
    """A build by a wheel install reproduces generated/ byte for byte, the manifest
    included: developers with different installs never flip it in git."""
    out = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", out)
    result = subprocess.run(
        [str(installed_python), "-m", "ironflow_gen", "build", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(0 written, 0 removed)" in result.stdout
    assert _all_bytes(out) == _all_bytes(ROOT / "generated")


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# Machine state that must not reach the output: locale, time zone, hash seed, umask,
# the current directory (relative paths).
_VARIATIONS = {
    "plain": ({}, None),
    "c-locale": ({"LC_ALL": "C", "LANG": "C"}, None),
    "time-zone": ({"TZ": "Pacific/Kiritimati"}, None),
    "hash-seed": ({"PYTHONHASHSEED": "12345"}, None),
    "umask-077": ({}, 0o077),
}


def test_output_does_not_depend_on_machine_state(tmp_path: Path) -> None:
    outputs = {}
    for name, (variables, umask) in _VARIATIONS.items():
        out = tmp_path / name
        previous = os.umask(umask) if umask is not None else None
        try:
            result = run_cli(
                "build", "--schema", FEATURES / "schema", "--out", out,
                env={**variables, "IRONFLOW_GEN_CACHE": str(tmp_path / f"memo-{name}")},
            )  # fmt: skip
        finally:
            if previous is not None:
                os.umask(previous)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        outputs[name] = _all_bytes(out)
        modes = {p.stat().st_mode & 0o777 for p in out.rglob("*") if p.is_file()}
        assert modes == {0o644}, f"{name}: file modes {sorted(map(oct, modes))}"
    # Relative paths from another current directory.
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(FEATURES / "schema", elsewhere / "schema")
    result = run_cli("build", "--schema", "schema", "--out", "out", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    outputs["other-cwd"] = _all_bytes(elsewhere / "out")
    reference = outputs["plain"]
    for name, produced in outputs.items():
        assert produced == reference, f"{name}: output differs"
