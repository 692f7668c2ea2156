"""The docs target documents the whole contract, with links that resolve.

The real schema is built once through the CLI (as a user builds it) into a tmp
folder; the checks then read the Markdown the way a reader's renderer would: the
anchors it emits, the links it follows, the code blocks and table rows it shows.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import FEATURES, ROOT, run_cli
from ironflow_gen import ir
from ironflow_gen.pipeline import load_contract
from ironflow_gen.targets import get_target
from ironflow_gen.targets.docs import generate, page_file

SCHEMA = ROOT / "schema"
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r'^### <a id="([^"]+)"></a>(.+)$', re.MULTILINE)
OPEN_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
OUR_LANGUAGES = {"ts", "python", "json"}
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def contract() -> ir.Contract:
    return load_contract(SCHEMA)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`ironflow-gen build --target docs` of the real schema, with a fixed hash seed
    that differs from the in-process run, so that comparing both checks determinism."""
    out = tmp_path_factory.mktemp("docs-build")
    result = run_cli("build", "--schema", SCHEMA, "--out", out, "--target", "docs",
                     env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    return out / "docs"


def _pages(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def _sections(page: str) -> dict[str, str]:
    """Each `### ` entry (type, error, constant group): its name -> its text."""
    matches = list(HEADING.finditer(page))
    sections = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(page)
        following = page.find("\n## ", match.end())
        end = min(end, following) if following != -1 else end
        sections[match.group(2)] = page[match.start():end]
    return sections


def _fences(text: str) -> list[tuple[str, str]]:
    """(info string, content) of every fenced code block, by the CommonMark rules: a
    fence opens with 3+ backticks or tildes (up to 3 spaces in) and closes with a run
    of the same character at least as long. An unclosed fence runs to the end."""
    blocks: list[tuple[str, str]] = []
    opening: tuple[str, int, str] | None = None
    content: list[str] = []
    for line in text.splitlines():
        match = OPEN_FENCE.match(line)
        if opening is None:
            if match:
                opening = (match.group(1)[0], len(match.group(1)), match.group(2).strip())
                content = []
        elif match and match.group(1)[0] == opening[0] and len(match.group(1)) >= opening[1] \
                and not match.group(2).strip():
            blocks.append((opening[2], "\n".join(content)))
            opening = None
        else:
            content.append(line)
    if opening is not None:
        blocks.append((opening[2], "\n".join(content)))
    return blocks


def _blocks(text: str, language: str) -> list[str]:
    return [content for info, content in _fences(text) if info == language]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in UNESCAPED_PIPE.split(row)[1:-1]]


# ------------------------------------------------------------------- coverage


def test_every_module_has_a_page_in_contract_order(docs: Path, contract: ir.Contract) -> None:
    pages = _pages(docs)
    index = pages["README.md"]
    positions = [index.index(f"]({page_file(m)})") for m in contract.modules]
    assert positions == sorted(positions), "table of contents out of module order"
    assert set(pages) == {"README.md", *(page_file(m) for m in contract.modules)}
    for module in contract.modules:
        assert pages[page_file(module)].count(f"\n# {module.title}\n") == 1


def test_every_type_and_field_is_documented(docs: Path, contract: ir.Contract) -> None:
    for module in contract.modules:
        sections = _sections((docs / page_file(module)).read_text())
        for definition in module.types:
            section = sections[definition.name.name]
            assert len(_blocks(section, "ts")) == 1, definition.name
            assert len(_blocks(section, "python")) == 1, definition.name
            properties = definition.properties if isinstance(definition, ir.Interface) else ()
            rows = [_cells(line) for line in section.splitlines() if line.startswith("| `")]
            documented = {cells[0].strip("`") for cells in rows}
            for prop in properties:
                assert prop.wire_name in documented, f"{definition.name}.{prop.wire_name}"


def test_every_error_class_and_field_is_documented(docs: Path, contract: ir.Contract) -> None:
    for module in (m for m in contract.modules if m.errors):
        page = (docs / page_file(module)).read_text()
        sections = _sections(page)
        for error in module.errors:
            row = next(line for line in page.splitlines()
                       if line.startswith(f"| [`{error.name.name}`]("))
            cells = _cells(row)
            assert cells[2] == f"`{error.code}`" and cells[3] == str(error.retryable).lower()
            assert (error.parent is None) == (cells[1] == ""), error.name
            section = sections[error.name.name]
            assert _blocks(section, "ts") and _blocks(section, "python")
            for field in error.fields:
                assert f"| `{field.name}` |" in section, f"{error.name}.{field.name}"


def test_every_constant_pattern_and_helper_is_documented(
    docs: Path, contract: ir.Contract
) -> None:
    for module in contract.modules:
        page = (docs / page_file(module)).read_text()
        for constant in module.constants:
            assert f"`{constant.name}`" in page or f"></a>{constant.name}\n" in page
            if isinstance(constant, ir.ConstantGroup):
                section = _sections(page)[constant.name]
                for entry in constant.entries:
                    assert f"| `{entry.key}` |" in section, f"{constant.name}.{entry.key}"
        for pattern in module.patterns:
            assert f"`patterns.{pattern.name}(" in page
        for helper in module.helpers:
            assert f"></a>`{helper.name}` |" in page


def test_derived_constants_show_expression_and_value(docs: Path) -> None:
    page = (docs / "constants.md").read_text()
    assert ('| `"http://localhost:9123"` | `http://{DEFAULT_HOST}:{DEFAULT_PORT}` |'
            in page)
    assert '| `Content-Type` | `"application/json"` | `HTTP_HEADERS.CONTENT_TYPE_JSON` |' in page


def test_patterns_show_template_and_example_call(docs: Path) -> None:
    page = (docs / "patterns.md").read_text()
    row = next(line for line in page.splitlines() if "`patterns.run(" in line)
    assert _cells(row)[1:5] == [
        "`system.run.{runId}.>`", '`patterns.run("my-run-id")`',
        '`patterns.run("my-run-id")`', '`"system.run.my-run-id.>"`',
    ]


# ---------------------------------------------------------------------- links


@pytest.mark.parametrize("schema", [SCHEMA, FEATURES / "schema"], ids=["contract", "features"])
def test_every_link_and_anchor_resolves(schema: Path) -> None:
    files = {f.path.removeprefix("docs/"): f.content for f in generate(load_contract(schema))}
    anchors = {}
    for name, text in files.items():
        found = ANCHOR.findall(text)
        assert len(found) == len(set(found)), f"duplicate anchor in {name}"
        anchors[name] = set(found)
    count = 0
    for name, text in files.items():
        for href in LINK.findall(text):
            target, _, anchor = href.partition("#")
            assert target in files, f"{name}: link to missing page {href}"
            assert not anchor or anchor in anchors[target], f"{name}: dangling anchor {href}"
            count += 1
    assert count > 100 if schema == SCHEMA else count > 10


def test_references_link_every_named_type(docs: Path, contract: ir.Contract) -> None:
    page = (docs / "functions.md").read_text()
    section = _sections(page)["FunctionContext"]
    for target in ("events.md#ironflowevent", "steps.md#stepclient", "runs.md#runinfo",
                   "logger.md#logger", "secrets.md#secretsclient"):
        assert f"]({target})" in section


# ------------------------------------------------------------------ code blocks


def test_every_code_block_is_one_the_target_emitted(docs: Path) -> None:
    for name, text in _pages(docs).items():
        assert {info for info, _ in _fences(text)} <= OUR_LANGUAGES, name


def test_python_declarations_are_valid_python(docs: Path, contract: ir.Contract) -> None:
    blocks = [b for text in _pages(docs).values() for b in _blocks(text, "python")]
    assert len(blocks) == len(contract.all_types) + len(contract.all_errors)
    for block in blocks:
        ast.parse(block)


def test_wire_examples_are_shown_and_valid(docs: Path, contract: ir.Contract) -> None:
    """Each example is shown as JSON and validates against the exported JSON Schema
    (the jsonschema target); dropping a required key makes it invalid."""
    bundle_file = next(f for f in get_target("jsonschema")(contract)
                       if f.path.endswith(".schema.json"))
    defs = json.loads(bundle_file.content)["$defs"]
    checked = 0
    for module in (m for m in contract.modules if m.wire):
        sections = _sections((docs / page_file(module)).read_text())
        for definition in module.types:
            examples = () if isinstance(definition, ir.Brand) else definition.examples
            shown = [json.loads(b) for b in _blocks(sections[definition.name.name], "json")]
            assert shown == list(examples), definition.name
            validator = Draft202012Validator({"$ref": f"#/$defs/{definition.name.name}",
                                              "$defs": defs})
            for example in shown:
                assert not list(validator.iter_errors(example)), definition.name
                checked += 1
                required = [p.wire_name for p in _properties(definition) if p.required]
                if required and isinstance(example, dict):
                    broken = {k: v for k, v in example.items() if k != required[0]}
                    assert not validator.is_valid(broken), definition.name
    assert checked >= 15


def _properties(definition: ir.TypeDef) -> tuple[ir.Property, ...]:
    return definition.properties if isinstance(definition, ir.Interface) else ()


# -------------------------------------------------------------------- escaping


HOSTILE = "first | second\n<script>alert(1)</script>\nthird & last"


def _hostile_contract(tmp_path: Path) -> ir.Contract:
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "index.yaml").write_text(textwrap.dedent("""\
        x-contract:
          name: "@example/hostile"
          version: 0.0.1
          description: "A contract | with <b>markup</b>"
          python-distribution: example-hostile
          python-package: example_hostile
          modules: [things]
        """))
    quoted = json.dumps(HOSTILE)
    (schema / "things.yaml").write_text(textwrap.dedent(f"""\
        title: Things
        description: {quoted}
        $defs:
          Thing:
            description: {quoted}
            type: object
            required: [name]
            properties:
              name: {{type: string, description: {quoted}}}
              kind: {{type: string, enum: ["a|b", "c", "```"], description: {quoted}}}
        x-errors:
          ThingError:
            description: {quoted}
            code: THING_FAILED
            retryable: false
            params:
              - {{name: message, type: {{type: string}}}}
              - {{name: code, type: {{type: string}}, optional: true, in: options}}
              - {{name: retryable, type: {{type: boolean}}, optional: true, in: options}}
        x-constants:
          PIPE: {{value: "a|b", description: {quoted}}}
          GROUP:
            entries:
              KEY: {{value: "x|y", description: {quoted}}}
        x-patterns:
          thing: {{template: "things.{{thingId}}.>", description: {quoted}}}
        """))
    return load_contract(schema)


def test_hostile_descriptions_cannot_break_tables_or_inject_html(tmp_path: Path) -> None:
    files = {f.path: f.content for f in generate(_hostile_contract(tmp_path))}
    page = files["docs/things.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>" not in files["docs/README.md"]
    tables = re.findall(r"(?:^\|.*\n)+", page, re.MULTILINE)
    assert len(tables) == 5  # fields, error classes, constants, the group, patterns
    for table in tables:
        rows = table.splitlines()
        widths = {len(_cells(row)) for row in rows}
        assert len(widths) == 1, table  # no row gained or lost a cell
    fields = next(t for t in tables if t.startswith("| Wire name"))
    assert len(fields.splitlines()) == 4  # header, rule, name, kind: nothing spilled over
    assert '| ```` "a\\|b" \\| "c" \\| "```" ```` |' in fields  # a longer code-span fence
    assert any('"```"' in block for block in _blocks(page, "ts")), "a backtick run ended a fence"
    assert {info for info, _ in _fences(page)} <= OUR_LANGUAGES
    assert "first \\| second &lt;script&gt;alert(1)&lt;/script&gt; third &amp; last" in fields


def test_a_description_cannot_open_a_code_fence(tmp_path: Path) -> None:
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / "index.yaml").write_text(
        "x-contract: {name: x, version: 1.0.0, description: '', python-distribution: x,"
        " python-package: x, modules: [m]}\n")
    (schema / "m.yaml").write_text(
        "title: M\n$defs:\n  A: {type: string, description: \"one\\n```\\ntwo\"}\n"
        "  B: {type: string}\n")
    page = next(f.content for f in generate(load_contract(schema)) if f.path == "docs/m.md")
    assert {info for info, _ in _fences(page)} <= OUR_LANGUAGES


# ----------------------------------------------------------------- determinism


def test_output_is_deterministic(docs: Path, contract: ir.Contract) -> None:
    """Two in-process runs and a CLI run under another hash seed give the same bytes."""
    first = {f.path: f.content.encode() for f in generate(contract)}
    second = {f.path: f.content.encode() for f in generate(load_contract(SCHEMA))}
    assert first == second
    built = {f"docs/{p.name}": p.read_bytes() for p in docs.glob("*.md")}
    assert built == first
    assert all(data.endswith(b"\n") and b"\r" not in data for data in first.values())
