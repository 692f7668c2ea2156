"""The console script's entry point: ``check`` of an unchanged tree answers before
the command line library loads.

``check`` runs on every commit (it is a pre-commit hook), and on an unchanged tree
it only compares hashes: the inputs' fingerprint with the manifest's, and each
generated file with its recorded digest. Loading click costs more than all of that,
so a plain ``check [--schema PATH] [--out DIR]`` is answered here when the hashes
agree. Anything else (other options, drift, any problem at all) goes to the full
command line (``cli``), which does the work again and reports what it finds.
"""

from __future__ import annotations

import sys
from pathlib import Path

IN_SYNC = "ironflow-gen: generated files are in sync with the schema"

_CHECK_OPTIONS = ("--schema", "--out")


def main(argv: list[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = _plain_check_options(arguments)
    if options is not None and _hashes_agree(options.get("--schema"), options.get("--out")):
        print(IN_SYNC)
        sys.exit(0)
    from .cli import main as full_command_line

    full_command_line(argv)


def _plain_check_options(arguments: list[str]) -> dict[str, Path] | None:
    """``{option: value}`` of ``check [--schema PATH] [--out DIR]`` (``--opt=value``
    too); ``None`` for any other command line."""
    if not arguments or arguments[0] != "check":
        return None
    options: dict[str, Path] = {}
    rest = arguments[1:]
    while rest:
        name, _, value = rest.pop(0).partition("=")
        if name not in _CHECK_OPTIONS or name in options:
            return None
        if not value:
            if not rest:
                return None
            value = rest.pop(0)
        options[name] = Path(value)
    return options


def _hashes_agree(schema: Path | None, out: Path | None) -> bool:
    """Whether the manifest says the output folder is what the schema generates."""
    from .config import resolve_settings
    from .targets import target_names

    try:
        settings = resolve_settings(schema, out, (), target_names())
        return in_sync_by_hashes(settings.schema, settings.out, settings.targets)
    except Exception:  # the full command line reports it, with its own message
        return False


def in_sync_by_hashes(schema: Path, out: Path, targets: tuple[str, ...]) -> bool:
    """The inputs hash as the manifest records for every target, and every file the
    manifest lists is on disk unedited: nothing needs to be generated to know."""
    from .fingerprint import inputs_fingerprint
    from .writer import read_manifest, unchanged_on_disk

    manifest = read_manifest(out)
    fingerprint = inputs_fingerprint(schema)
    return all(manifest.inputs.get(t) == fingerprint for t in targets) and unchanged_on_disk(
        out, manifest, targets
    )
