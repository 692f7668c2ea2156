"""Stage six: the command line. Parses options, runs the pipeline, renders
diagnostics in one place, and maps outcomes to exit codes:

* 0: success / in sync;  1: ``check`` found drift, or ``diff`` found changes the
  contract's version does not announce;  2: bad input (schema, paths, revisions);
* 3: an internal error of ironflow-gen itself (a bug: please report it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .config import Settings, resolve_settings
from .diagnostics import Diagnostic, Position, SchemaError
from .entry import IN_SYNC, in_sync_by_hashes
from .fingerprint import inputs_fingerprint
from .reporting import FORMATS, render
from .targets import target_names
from .writer import Drift, UnsafeOutput, compare, read_manifest

EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

_schema_option = click.option(
    "--schema",
    type=click.Path(path_type=Path),
    default=None,
    help="Schema folder (default: [tool.ironflow-gen] schema, else ./schema).",
)
_out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: [tool.ironflow-gen] out, else ./generated).",
)

_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Problems as text, json (one object per line, on stdout) or github (annotations).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ironflow-gen")
def cli() -> None:
    """Generate the Ironflow SDK contract (TypeScript, Python, pydantic, docs) from one schema."""


@cli.command()
@_schema_option
@_out_option
@click.option(
    "--target",
    "targets",
    multiple=True,
    type=click.Choice(target_names()),
    help="Generate only these targets (repeatable; default: all).",
)
@_format_option
def build(schema: Path | None, out: Path | None, targets: tuple[str, ...], fmt: str) -> None:
    """Regenerate the output folder from the schema."""
    settings = _settings(schema, out, targets)
    with _reported(fmt):
        generated = _generate(settings)
    from .writer import write_files

    fingerprint = inputs_fingerprint(settings.schema)
    written, removed = write_files(
        settings.out, generated, {t: fingerprint for t in settings.targets}
    )
    click.echo(
        f"ironflow-gen: {sum(len(f) for f in generated.values())} files in {settings.out} "
        f"({len(written)} written, {len(removed)} removed)"
    )


@cli.command()
@_schema_option
@_out_option
@_format_option
def check(schema: Path | None, out: Path | None, fmt: str) -> None:
    """Exit 0 if the output folder is what the schema generates, 1 if it drifted."""
    settings = _settings(schema, out, ())
    with _reported(fmt):
        drift = _drift(settings)
    if not drift:
        click.echo(IN_SYNC)
        return
    if fmt != "text":
        as_diagnostics = [
            Diagnostic(Position(str(settings.out / d.path)), "drift", d.reason) for d in drift
        ]
        for line in render(as_diagnostics, fmt):
            click.echo(line)
    for item in drift if fmt == "text" else ():
        click.echo(f"drift: {item.path}: {item.reason}", err=True)
        if item.diff:
            click.echo(item.diff, err=True, nl=False)
    click.echo(
        f"ironflow-gen: {len(drift)} generated file(s) out of date; run `ironflow-gen build`",
        err=True,
    )
    sys.exit(EXIT_DRIFT)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--name", default=None, help="npm package name (default: from the folder name).")
def init(directory: Path, name: str | None) -> None:
    """Start a project in DIRECTORY (default: here): schema/, settings, editor schema."""
    from .scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(directory, name)
    except ScaffoldError as error:
        _fail(f"ironflow-gen: error: {error}; nothing written", EXIT_BAD_INPUT)
    for path in written:
        click.echo(f"ironflow-gen: wrote {path}")
    click.echo("ironflow-gen: next: `ironflow-gen build` (then `ironflow-gen check`)")


@cli.command()
@_schema_option
@_format_option
def validate(schema: Path | None, fmt: str) -> None:
    """Check the schema and report every problem; write nothing."""
    settings = _settings(schema, None, ())
    from .pipeline import load_contract

    with _reported(fmt):
        contract = load_contract(settings.schema)
    click.echo(
        f"ironflow-gen: {settings.schema}: {len(contract.modules)} modules, "
        f"{len(contract.all_types)} types, {len(contract.all_errors)} error classes: ok"
    )


@cli.command()
@_schema_option
@click.option(
    "--against",
    "base",
    required=True,
    metavar="BASE",
    help="The contract to compare with: a git revision (the schema folder at that "
    "revision) or another schema folder.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json", "github", "markdown"]),
    default="text",
    show_default=True,
    help="text, json, github (workflow annotations) or markdown (a changelog section).",
)
def diff(schema: Path | None, base: str, format_name: str) -> None:
    """What changed since BASE, what it breaks, and which version it needs.

    Exit 0 when the contract's version announces the changes, 1 when a breaking
    change or an addition needs a bigger version bump, 2 for bad input.
    """
    from .baseline import BaselineError, load_baseline
    from .contract_diff import compare_contracts
    from .diff_report import render
    from .pipeline import load_contract, without_cycle_collection

    settings = _settings(schema, None, ())
    # Two contracts alive at once: full collections would walk both (3x the time).
    with without_cycle_collection():
        new = load_contract(settings.schema)
        try:
            baseline = load_baseline(base, settings.schema)
        except BaselineError as error:
            _fail(f"ironflow-gen: error: --against {base}: {error}", EXIT_BAD_INPUT)
        report = compare_contracts(baseline.contract, new)
    report = replace(
        report,
        changes=tuple(
            replace(c, position=baseline.relabel(c.position)) if c.side == "old" else c
            for c in report.changes
        ),
    )
    click.echo(render(report, format_name), nl=False)
    if not report.version_ok:
        click.echo(
            f"ironflow-gen: {report.verdict} changes need version {report.needed_version} "
            f"or later (the contract says {report.to_version})",
            err=True,
        )
        sys.exit(EXIT_DRIFT)


@cli.command()
@_schema_option
@click.option(
    "--generated",
    "generated",
    type=click.Path(path_type=Path),
    default=None,
    help="Generated folder to package (default: the configured output folder).",
)
@click.option(
    "--out",
    "destination",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Where the wheel, sdist and npm tarball go.",
)
def package(schema: Path | None, generated: Path | None, destination: Path) -> None:
    """Build the wheel, sdist and npm tarball of the generated code."""
    from .packaging import PackagingError
    from .packaging import package as build_packages

    settings = _settings(schema, generated, ())
    if _drift(settings):
        _fail(
            f"ironflow-gen: {settings.out} is stale; run `ironflow-gen build` before packaging",
            EXIT_BAD_INPUT,
        )
    try:
        artifacts = build_packages(settings.out, destination)
    except PackagingError as error:
        _fail(f"ironflow-gen: error: {error}", EXIT_BAD_INPUT)
    for path in artifacts.files:
        click.echo(f"ironflow-gen: built {path}")


def _drift(settings: Settings) -> list[Drift]:
    """What differs from a fresh generation; nothing is rendered when hashes agree."""
    if in_sync_by_hashes(settings.schema, settings.out, settings.targets):
        return []
    return compare(settings.out, _generate(settings), read_manifest(settings.out))


def _settings(schema: Path | None, out: Path | None, targets: tuple[str, ...]) -> Settings:
    return resolve_settings(schema, out, targets, target_names())


def _generate(settings: Settings) -> dict[str, dict[str, str]]:
    """Run the whole pipeline in memory: target -> {path: text}."""
    from .pipeline import build_targets

    generated = build_targets(settings.schema, settings.targets)
    return {name: {f.path: f.content for f in files} for name, files in generated.items()}


@contextmanager
def _reported(fmt: str) -> Iterator[None]:
    """Schema problems in the chosen format, then exit 2 (nothing was written)."""
    try:
        yield
    except SchemaError as error:
        _report(error.diagnostics, fmt)


def _report(diagnostics: Sequence[Diagnostic], fmt: str) -> NoReturn:
    for line in render(diagnostics, fmt):
        click.echo(line, err=fmt == "text")
    _fail(f"ironflow-gen: {len(diagnostics)} error(s); nothing written", EXIT_BAD_INPUT)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: every expected failure is a message and an exit code, never a traceback."""
    try:
        cli.main(args=argv, prog_name="ironflow-gen", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.exceptions.Abort:  # Ctrl-C
        click.echo("ironflow-gen: aborted; nothing more written", err=True)
        sys.stderr.flush()
        # Without waiting for the targets' threads (a big build may have minutes
        # left): every `finally` has run, staged files are cleaned up.
        os._exit(EXIT_BAD_INPUT)
    except SchemaError as error:
        _report(error.diagnostics, "text")
    except UnsafeOutput as error:
        _fail(f"ironflow-gen: error: {error}; nothing written", EXIT_BAD_INPUT)
    except OSError as error:
        _fail(f"ironflow-gen: error: {error}", EXIT_BAD_INPUT)
    except Exception as error:
        if os.environ.get("IRONFLOW_GEN_DEBUG"):
            import traceback

            traceback.print_exc()
        _fail(
            f"ironflow-gen: internal error: {error!r} (set IRONFLOW_GEN_DEBUG=1 for details)",
            EXIT_INTERNAL,
        )
