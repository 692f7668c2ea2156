"""The promise the fuzzers check, and the mutation fuzzer over the real schema.

Every schema either builds (exit 0, output that compiles) or is refused with
well-formed diagnostics (exit 2, nothing written); exit 3 (an internal error)
never happens. The trial runs the CLI in this process (one worker, no fork): a
subprocess per trial would spend most of the budget starting Python.
"""

from __future__ import annotations

import contextlib
import copy
import io
import random
import re
import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT

SCHEMA = ROOT / "schema"
# `path:line:col: error[code]: message`, one line, short, in the schema's words.
DIAGNOSTIC = re.compile(r"^[^\n:]+:\d+:\d+: error\[[a-z0-9-]+\]: \S.*$")
SUMMARY = re.compile(r"^ironflow-gen: \d+ error\(s\); nothing written$")
MAX_LINE = 200
# Python spellings a diagnostic must not show (the schema says true, null, {a: 1}).
PYTHON_REPRS = re.compile(r"(?<![\w'\"])(True|False|None)(?![\w'\"])|\{'\w+': |\\x[0-9a-f]{2}")


@dataclass
class Outcome:
    """One trial: what ran and what the CLI said."""

    label: str
    code: int
    stderr: str
    out: Path
    problems: list[str] = field(default_factory=list)


def run_cli_in_process(*args: str | Path) -> tuple[int, str]:
    """The console script's `main` with stderr captured; returns (exit code, stderr)."""
    from ironflow_gen.cli import main

    stderr, stdout = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        try:
            main([str(a) for a in args])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, stderr.getvalue()


def judge(label: str, schema: Path, out: Path) -> Outcome:
    """Build ``schema`` into ``out`` and list every broken promise."""
    code, stderr = run_cli_in_process("build", "--schema", schema, "--out", out)
    outcome = Outcome(label, code, stderr, out)
    if code == 0:
        outcome.problems += _python_problems(out)
    elif code == 2:
        outcome.problems += diagnostic_problems(stderr)
        if out.exists():
            outcome.problems.append("a refused schema wrote files")
    else:
        outcome.problems.append(f"exit {code}: {stderr.strip()[:300]}")
    return outcome


def diagnostic_problems(stderr: str) -> list[str]:
    """What is wrong with the diagnostics of a refused schema."""
    lines = stderr.splitlines()
    problems = []
    if not lines or not SUMMARY.match(lines[-1]):
        problems.append(f"no summary line: {stderr[-300:]!r}")
    for line in lines[:-1]:
        if not DIAGNOSTIC.match(line):
            problems.append(f"not a diagnostic: {line[:300]!r}")
        elif len(line) > MAX_LINE:
            problems.append(f"longer than {MAX_LINE}: {line[:300]!r}")
        elif PYTHON_REPRS.search(_message(line)):
            problems.append(f"Python spelling: {line!r}")
    if "Traceback" in stderr:
        problems.append("a traceback")
    return problems


def _message(line: str) -> str:
    """A diagnostic's words, without the JSON path a meta-schema error starts with
    (``$defs.A.properties.None.enum: ...``): a property may well be named None."""
    message = line.split(": error[", 1)[1].split("]: ", 1)[-1]
    return re.sub(r"^[^\s:]+: ", "", message) if ": error[schema]: " in line else message


def _python_problems(out: Path) -> list[str]:
    problems = []
    for path in sorted(out.rglob("*.py")):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                compile(path.read_text("utf-8"), str(path), "exec")
        except (SyntaxError, ValueError, Warning) as error:
            problems.append(f"{path.relative_to(out)} does not compile: {error}")
    return problems


# ----------------------------------------------------------------- mutations

ODD_NAMES = [
    # reserved words of Python and TypeScript, names the generated code uses itself
    "del", "class", "None", "True", "enum", "new", "constructor", "default", "delete",
    "function", "typeof", "async", "await", "self", "cls", "field", "Any", "Promise",
    "Error", "Record", "str", "type", "match", "__proto__", "prototype", "toString",
    "json", "os", "time", "MISSING", "patterns", "Validated",
    # shapes: snake/camel collisions, digits, dashes, non-ASCII, empty, long
    "allRuns", "all_runs", "fooBar", "foo_bar", "x1", "1x", "a-b", "a b", "ünï", "",
    "A" * 150, "T", "message", "code", "retryable", "details", "cause", "name", "stack",
]  # fmt: skip
ODD_VALUES: list[Any] = [
    True, False, None, 0, -1, 1.5, 2**60, "", "x", "\n", "*/", '"""', "{", "{x}",
    [], {}, [None], {"a": 1}, ["a", "a"], "é\u2028", "a" * 500,
]  # fmt: skip
TYPE_KEYS = ["$defs", "x-errors", "x-constants", "x-patterns", "x-helpers"]


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every container of the tree with its path, iteratively (trees may be deep)."""
    stack = [(path, data)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, dict | list):
            yield here, node
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend(((*here, k), v) for k, v in items)


def _definition_nodes(data: Any) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every mapping under a file's ``$defs`` (schemas, and maps of them), with its path."""
    return [(p, n) for p, n in _nodes(data) if isinstance(n, dict) and p[:1] == ("$defs",)]


def _pick_container(rng: random.Random, data: Any, kind: type) -> Any:
    found = [n for _, n in _nodes(data) if isinstance(n, kind) and n]
    return rng.choice(found) if found else None


def _delete_key(rng: random.Random, files: dict[str, Any]) -> str:
    node = _pick_container(rng, files[_some_file(rng, files)], dict)
    if node is None:
        return "nothing"
    key = rng.choice(list(node))
    del node[key]
    return f"delete {key}"


def _wrong_type(rng: random.Random, files: dict[str, Any]) -> str:
    node = _pick_container(rng, files[_some_file(rng, files)], rng.choice([dict, list]))
    if node is None:
        return "nothing"
    key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
    node[key] = copy.deepcopy(rng.choice(ODD_VALUES))  # never the shared list itself
    return f"retype {key}"


def _rename(rng: random.Random, files: dict[str, Any]) -> str:
    """Rename a definition, error, constant, pattern, property or parameter."""
    name = _some_file(rng, files)
    candidates: list[tuple[Any, str]] = []
    for _, node in _nodes(files[name]):
        if isinstance(node, dict):
            for key in ("$defs", "x-errors", "x-constants", "x-patterns", "properties", "fields"):
                if isinstance(node.get(key), dict) and node[key]:
                    candidates += [(node[key], k) for k in node[key]]
            if isinstance(node.get("name"), str):
                candidates.append((node, "name"))
    if not candidates:
        return "nothing"
    container, key = rng.choice(candidates)
    new = rng.choice([*ODD_NAMES, key + "X", key.lower(), key.upper()])
    if key == "name" and "type" in container:
        container["name"] = new
    else:
        items = list(container.items())
        container.clear()
        container.update((new if k == key else k, v) for k, v in items)
    return f"rename {key} -> {new!r}"


def _retarget_ref(rng: random.Random, files: dict[str, Any]) -> str:
    """A dangling reference, or one to the type that holds it (a cycle)."""
    refs = [
        (path, node)
        for name in files
        for path, node in _nodes(files[name])
        if isinstance(node, dict) and isinstance(node.get("$ref"), str)
    ]
    if not refs:
        return "nothing"
    path, node = rng.choice(refs)
    own = f"#/$defs/{path[1]}" if len(path) > 1 and path[0] == "$defs" else "#/$defs/Nope"
    other = _some_file(rng, files)
    defs = files[other].get("$defs") if isinstance(files[other], dict) else None
    elsewhere = (
        f"{other}#/$defs/{rng.choice(list(defs))}" if isinstance(defs, dict) and defs else own
    )
    schemas = [path for path, _ in _definition_nodes(files[other])]
    inside = f"{other}#/" + "/".join(str(p) for p in rng.choice(schemas)) if schemas else own
    keyword = rng.choice(["$ref", "$ref", "$ref", "$dynamicRef"])
    targets = [own, elsewhere, elsewhere, "#/$defs/Nope", "nope.yaml#/$defs/X", "#/x"]
    targets += ["http://a/b", inside, inside, "#anchor", "https://example.com/id.json#anchor"]
    node[keyword] = rng.choice([*targets, "http://[x", "%zz"])
    return f"{keyword} -> {node[keyword]}"


def _identify(rng: random.Random, files: dict[str, Any]) -> str:
    """A ``$id`` or an anchor on some schema (or some map of them): base URIs change
    under the references inside it, and targets gain names."""
    name = _some_file(rng, files)
    nodes = [node for _, node in _definition_nodes(files[name])]
    if not nodes:
        return "nothing"
    node = rng.choice(nodes)
    keyword = rng.choice(["$id", "$id", "$anchor", "$dynamicAnchor"])
    node[keyword] = rng.choice(
        ["https://example.com/id.json", "sub/", "anchor", "../../x.yaml", "http://[x", "a b", ""]
    )
    return f"{keyword} {node[keyword]!r}"


def _repattern(rng: random.Random, files: dict[str, Any]) -> str:
    """A ``pattern`` (or a ``patternProperties`` key) that JavaScript reads one way and
    Python another, or refuses: each is taken exactly or refused at its position."""
    name = _some_file(rng, files)
    nodes = [node for _, node in _definition_nodes(files[name])]
    if not nodes:
        return "nothing"
    pattern = rng.choice(
        [r"^\d+$", r"\p{L}", "(?P<n>a)", "[a-", "a{", r"(a)\1", "(?<=a+)b", "😀*", r"\Z", "("]
    )
    node = rng.choice(nodes)
    if rng.random() < 0.5:
        node["pattern"] = pattern
    else:
        node.setdefault("patternProperties", {})[pattern] = {"type": "string"}
    return f"pattern {pattern!r}"


def _deepen(rng: random.Random, files: dict[str, Any]) -> str:
    """Nest a type expression in arrays, objects and unions, from a little to far too deep.

    The nest is written as flow-style text after dumping (PyYAML's emitter recurses)."""
    name = _some_file(rng, files)
    defs = files[name].get("$defs") if isinstance(files[name], dict) else None
    if not isinstance(defs, dict) or not defs:
        return "nothing"
    depth = rng.choice([3, 12, 30, 60, 120, 400, 3000])
    text = '{"type": "string"}'
    for level in range(depth):
        text = (
            rng.choice(
                [
                    '{"type": "array", "items": %s}',
                    '{"type": "object", "properties": {"p' + str(level) + '": %s}}',
                    '{"oneOf": [%s, {"type": "null"}]}',
                ]
            )
            % text
        )
    defs[f"Deep{depth}"] = f"{DEEP}{len(_DEEP_TEXTS)}"
    _DEEP_TEXTS.append(text)
    return f"deep {depth}"


DEEP = "__deep_nest__"
_DEEP_TEXTS: list[str] = []


def _huge_enum(rng: random.Random, files: dict[str, Any]) -> str:
    name = _some_file(rng, files)
    if not isinstance(files[name], dict):
        return "nothing"
    size = rng.choice([1000, 20000])
    values = [f"v{i}" for i in range(size)] + (["v0"] if rng.random() < 0.3 else [])
    files[name].setdefault("$defs", {})["HugeEnum"] = {"type": "string", "enum": values}
    return f"enum {size}"


def _move(rng: random.Random, files: dict[str, Any]) -> str:
    """Reorder a mapping (a subclass before its parent) or copy an entry elsewhere."""
    name = _some_file(rng, files)
    data = files[name]
    if not isinstance(data, dict):
        return "nothing"
    key = rng.choice(TYPE_KEYS)
    section = data.get(key)
    if not isinstance(section, dict) or not section:
        return "nothing"
    if rng.random() < 0.5:
        items = list(section.items())
        rng.shuffle(items)
        data[key] = dict(items)
        return f"shuffle {key}"
    entry = rng.choice(list(section))
    other = files[_some_file(rng, files)]
    if isinstance(other, dict):
        other.setdefault(key, {})[entry] = section[entry]
    return f"copy {key}.{entry}"


def _duplicate_item(rng: random.Random, files: dict[str, Any]) -> str:
    node = _pick_container(rng, files[_some_file(rng, files)], list)
    if node is None:
        return "nothing"
    node.append(node[rng.randrange(len(node))])
    return "duplicate item"


MUTATIONS: list[Callable[[random.Random, dict[str, Any]], str]] = [
    _delete_key,
    _wrong_type,
    _rename,
    _rename,
    _retarget_ref,
    _identify,
    _repattern,
    _deepen,
    _huge_enum,
    _move,
    _duplicate_item,
]
RAW_BYTES = [b"\x00", b"\x0c", b"\xff", b"\xc3", b"\r", b"\t", b"\x1b", b"\xef\xbb\xbf", b"&a"]


def _some_file(rng: random.Random, files: dict[str, Any]) -> str:
    return rng.choice(sorted(files))


def original_schema() -> dict[str, Any]:
    """The real schema as data, file name -> parsed YAML."""
    return {p.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted(SCHEMA.glob("*.yaml"))}


def mutate(rng: random.Random, original: dict[str, Any], folder: Path) -> str:
    """Write a mutated copy of the schema into ``folder``; return what was done."""
    files = copy.deepcopy(original)
    _DEEP_TEXTS.clear()
    edits = [rng.choice(MUTATIONS)(rng, files) for _ in range(rng.randint(1, 3))]
    texts = {n: _dump(d) for n, d in files.items()}
    if rng.random() < 0.12:
        name = _some_file(rng, files)
        raw = bytearray(texts[name])
        at = rng.randrange(len(raw) + 1)
        raw[at:at] = rng.choice(RAW_BYTES)
        texts[name] = bytes(raw)
        edits.append(f"bytes in {name}@{at}")
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_bytes(text)
    return "; ".join(edits)


class PlainDumper(yaml.SafeDumper):
    """Writes a shared object out twice instead of as an anchor and aliases (which
    the loader refuses: a trial that wants one adds it as raw bytes)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=100)


def _dump(data: Any) -> bytes:
    text = dump(data)
    return re.sub(DEEP + r"(\d+)", lambda m: _DEEP_TEXTS[int(m[1])], text).encode()


def fuzz(seed: int, trials: int, work: Path) -> Iterator[Outcome]:
    """Run ``trials`` mutation trials from ``seed``; yield every outcome."""
    rng = random.Random(seed)
    original = original_schema()
    for trial in range(trials):
        folder = work / f"t{trial}"
        label = f"seed {seed} trial {trial}: " + mutate(rng, original, folder / "schema")
        outcome = judge(label, folder / "schema", folder / "out")
        if outcome.code != 0:
            shutil.rmtree(folder, ignore_errors=True)
        yield outcome
