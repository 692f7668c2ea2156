"""The TypeScript layout: the document printer, the layout of each construct the
generator writes, and prettier itself as the judge of every generated file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from ironflow_gen.layout.doc import (
    HARDLINE,
    LINE,
    SOFTLINE,
    Doc,
    IfBreak,
    Indent,
    conditional_group,
    group,
    new_id,
    print_doc,
    width_of,
)
from ironflow_gen.layout.ts_syntax import LayoutError
from ironflow_gen.layout.typescript import layout, print_number, print_string

# Every TypeScript file the generator wrote into the repository: its own output,
# the golden fixture and every output case.
GENERATED_TS = sorted(
    [
        *ROOT.glob("generated/typescript/**/*.ts"),
        *ROOT.glob("tests/fixtures/features/expected/typescript/**/*.ts"),
        *ROOT.glob("tests/cases/*/expected/typescript/**/*.ts"),
    ]
)


# ------------------------------------------------------------- the printer


def _bracketed(text: str) -> Doc:
    return group(["[", Indent([SOFTLINE, text]), SOFTLINE, "]"])


def test_a_group_stays_flat_when_it_fits_and_breaks_when_it_does_not() -> None:
    doc = group(["call(", Indent([SOFTLINE, "argument"]), SOFTLINE, ")"])
    assert print_doc(doc, width=20) == "call(argument)"
    assert print_doc(doc, width=10) == "call(\n  argument\n)"


def test_a_hard_line_breaks_every_enclosing_group() -> None:
    doc = group(["a", LINE, group(["b", HARDLINE, "c"]), LINE, "d"])
    assert print_doc(doc) == "a\nb\nc\nd"


def test_a_conditional_group_takes_the_first_state_that_fits_else_the_last_broken() -> None:
    flat: Doc = "f(aaaa, bbbb)"
    hugged: Doc = ["f(aaaa, ", group(["{", Indent([LINE, "b"]), LINE, "}"], broken=True), ")"]
    broken: Doc = group(["f(", Indent([LINE, "aaaa,", LINE, "bbbb"]), LINE, ")"], broken=True)
    states = [flat, hugged, broken]
    assert print_doc(conditional_group(states), width=40) == "f(aaaa, bbbb)"
    assert print_doc(conditional_group(states), width=10) == "f(aaaa, {\n  b\n})"
    assert print_doc(conditional_group(states), width=5) == "f(\n  aaaa,\n  bbbb\n)"


def test_a_break_inside_a_conditional_group_does_not_break_its_parent() -> None:
    inner = conditional_group(["x", group(["y", HARDLINE, "z"])])
    assert print_doc(group(["a", LINE, inner]), width=80) == "a x"


def test_if_break_follows_the_group_it_names() -> None:
    ident = new_id()
    doc = [
        group(["(", Indent([SOFTLINE, "long argument text"]), SOFTLINE, ")"], id=ident),
        IfBreak(" // broken", " // flat", ident),
    ]
    assert print_doc(doc, width=40).endswith("// flat")
    assert print_doc(doc, width=10).endswith(") // broken")


def test_lines_never_end_in_spaces() -> None:
    assert print_doc(["a ", HARDLINE, "b"]) == "a\nb"


def test_wide_characters_count_twice() -> None:
    assert width_of("abc") == 3
    assert width_of("日本") == 4
    assert print_doc(_bracketed("abcdefghijklmno"), width=31) == "[abcdefghijklmno]"
    assert print_doc(_bracketed("日本語" * 5), width=31) == "[\n  " + "日本語" * 5 + "\n]"
    assert print_doc(_bracketed("日本語" * 5), width=32) == "[" + "日本語" * 5 + "]"


# ---------------------------------------------------------------- literals


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ('"plain"', '"plain"'),
        ("'single'", '"single"'),
        ('"say \\"hi\\""', "'say \"hi\"'"),
        ('"both \\" and \'"', '"both \\" and \'"'),
        ('"needless \\d escape"', '"needless d escape"'),
        ('"kept \\n \\u2028 \\\\"', '"kept \\n \\u2028 \\\\"'),
    ],
)
def test_strings_take_the_quote_that_needs_fewer_escapes(raw: str, printed: str) -> None:
    assert print_string(raw) == printed


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ("1.0", "1.0"),
        ("1.50", "1.5"),
        ("1E+5", "1e5"),
        (".5", "0.5"),
        ("5.", "5"),
        ("60_000", "60_000"),
    ],
)
def test_numbers_are_printed_as_prettier_prints_them(raw: str, printed: str) -> None:
    assert print_number(raw) == printed


# ---------------------------------------------------------------- layouts


def _laid_out(source: str) -> str:
    return layout(source.strip() + "\n")


def test_an_object_that_does_not_fit_takes_one_member_per_line() -> None:
    members = ", ".join(f"field{i}: z.string()" for i in range(6))
    text = _laid_out(f"export const ThingSchema = z.object({{ {members} }});")
    assert text.splitlines()[0] == "export const ThingSchema = z.object({"
    assert text.splitlines()[1] == "  field0: z.string(),"
    assert text.splitlines()[-2] == "  field5: z.string(),"
    assert text.splitlines()[-1] == "});"


def test_an_object_written_expanded_stays_expanded_even_when_it_fits() -> None:
    assert _laid_out("const a = {\n b: 1 };") == "const a = {\n  b: 1,\n};\n"
    assert _laid_out("const a = { b: 1 };") == "const a = { b: 1 };\n"


def test_a_long_member_chain_puts_one_call_per_line() -> None:
    text = _laid_out(
        "const S = z.object({ list: z.array(ItemSchemaWithALongName).nullish()"
        ".transform((value) => value ?? []) });"
    )
    assert text == (
        "const S = z.object({\n"
        "  list: z\n"
        "    .array(ItemSchemaWithALongName)\n"
        "    .nullish()\n"
        "    .transform((value) => value ?? []),\n"
        "});\n"
    )


def test_a_union_moves_to_the_next_line_and_then_takes_one_member_per_line() -> None:
    short = _laid_out(
        'export type Status = "pending" | "running" | "completed" | "failed" | "cancelled";'
    )
    assert short == (
        'export type Status =\n  "pending" | "running" | "completed" | "failed" | "cancelled";\n'
    )
    members = " | ".join(f'"value_number_{i}"' for i in range(5))
    long = _laid_out(f"export type Status = {members};")
    assert long.splitlines()[:3] == [
        "export type Status =",
        '  | "value_number_0"',
        '  | "value_number_1"',
    ]


def test_a_call_hugs_its_last_object_argument() -> None:
    text = _laid_out(
        'super("a message that is long enough to break", { code: "SOME_CODE", retryable: false });'
    )
    assert text == (
        'super("a message that is long enough to break", {\n'
        '  code: "SOME_CODE",\n'
        "  retryable: false,\n"
        "});\n"
    )


def test_a_long_concatenation_breaks_after_the_operator() -> None:
    text = _laid_out(
        'export const URL = "http://" + String(DEFAULT_HOST) + ":" + String(DEFAULT_PORT) + "/x";'
    )
    assert text == (
        "export const URL =\n"
        '  "http://" + String(DEFAULT_HOST) + ":" + String(DEFAULT_PORT) + "/x";\n'
    )


def test_long_parameters_take_one_line_each_with_a_trailing_comma() -> None:
    text = _laid_out(
        "export interface R {\n  register(eventName: string, fromVersion: number, "
        "toVersion: number, fn: UpcasterFn): void;\n}"
    )
    assert text == (
        "export interface R {\n"
        "  register(\n"
        "    eventName: string,\n"
        "    fromVersion: number,\n"
        "    toVersion: number,\n"
        "    fn: UpcasterFn,\n"
        "  ): void;\n"
        "}\n"
    )


def test_comments_and_single_blank_lines_are_kept() -> None:
    source = "// header\n/**\n   * Doc\n   */\nexport const A = 1;\n\n\n\n// note\nconst B = 2;\n"
    assert (
        layout(source)
        == "// header\n/**\n * Doc\n */\nexport const A = 1;\n\n// note\nconst B = 2;\n"
    )


def test_layout_is_idempotent_on_everything_generated() -> None:
    for path in GENERATED_TS:
        text = path.read_text("utf-8")
        assert layout(text) == text, path


@pytest.mark.parametrize(
    "source",
    [
        "switch (x) {\n}\n",  # a statement the generator never writes
        "f(/* inline */ 1);\n",  # a comment where the layout keeps none
        "const a = b ? c : d ? e : f;\n",  # nested conditionals
        "const a = `template ${x}`;\n",  # template literals
        "const a = 1 # 2;\n",  # not TypeScript at all
        "a = b = c;\n",  # assignment chains
    ],
)
def test_what_the_layout_does_not_know_is_refused_with_a_position(source: str) -> None:
    with pytest.raises(LayoutError):
        layout(source)


# ------------------------------------------------------------ prettier judges


def _prettier(node_modules: Path) -> Path:
    return node_modules / ".bin" / "prettier"


def test_every_generated_typescript_file_is_what_prettier_prints(node_modules: Path) -> None:
    """One prettier process checks every TypeScript file the generator wrote."""
    assert len(GENERATED_TS) > 30
    result = subprocess.run(
        [str(_prettier(node_modules)), "--check", *map(str, GENERATED_TS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Constructs at the edges of prettier's rules, laid out by us and judged by prettier.
EDGE_CASES = {
    "nearly_fits.ts": (
        "export const AAAAAAAAAAAAAAAAAAAAAA = z.object({ a: z.string" "(), bb: z.number() });\n"
    ),
    "just_over.ts": (
        "export const AAAAAAAAAAAAAAAAAAAAAAA = z.object({ a: z.strin" "g(), bb: z.number() });\n"
    ),
    "long_key.ts": (
        'export const G = { "a-very-long-key-with-dashes-that-goes-on'
        '-and-on": "and a long value here too" } as const;\n'
    ),
    "short_key.ts": (
        'export const G = { id: "a long value that certainly does not'
        ' fit on a line of eighty" };\n'
    ),
    "ternary.ts": (
        'const line = data === undefined ? prefix + " " + message : p'
        'refix + " " + message + " " + JSON.stringify(data);\n'
    ),
    "intersection.ts": (
        "export type LongBrandedIdentifierName = string & { readonly "
        '__brand: "LongBrandedIdentifierName" };\n'
    ),
    "generic.ts": (
        "export type Handler<TEvent = unknown, TResult = unknown> = ("
        "ctx: FunctionContext<TEvent>, other: unknown) => Promise<TRe"
        "sult>;\n"
    ),
    "mapped.ts": (
        "export interface P {\n  parallel<T extends unknown[]>(name: s"
        "tring, branches: { [K in keyof T]: (step: StepClient) => Pro"
        "mise<T[K]> }): Promise<T>;\n}\n"
    ),
    "union_member.ts": (
        "export interface P {\n  handler: ManagedProjectionHandler<TSt"
        "ate, TEvent> | ExternalProjectionHandler<TEvent>;\n}\n"
    ),
    "imports.ts": (
        "import type { AckMode, AckType, BackpressureMode, EventMetad"
        'ata, Other } from "./subscriptions.js";\n'
    ),
    "lazy.ts": (
        "export const A = z.union([z.string(), z.record(z.string(), z"
        ".lazy(() => JsonSchemaWithLongName))]);\n"
    ),
    "getter.ts": (
        "export const C: z.ZodType<C> = z.object({ name: z.string(), "
        "get children() { return z.array(CategorySchema); } });\n"
    ),
    "regex.ts": (
        "export const R = z.object({ id: z.string().regex(new RegExp("
        '"^[a-z]+(?:-[a-z]+)*$")).min(1).max(64) });\n'
    ),
    "hugged_union.ts": (
        "export type Deep = { p10?: { p8?: { p6?: (((string[][] | null) | null) | null) "
        "| null } | null }[] } | null;\n"
    ),
    "nested_unions.ts": (
        "export interface N {\n  p18?: ((({ p14?: ((string | null) | null) | null; "
        "p15?: number } | null) | null) | null)[];\n}\n"
    ),
    "long_extends.ts": (
        "export interface AVeryLongInterfaceNameForTheTest extends FirstBaseInterface, "
        "SecondBaseInterface {\n  a: string;\n}\n"
    ),
    "generic_extends.ts": (
        "export interface Generic<TState = unknown, TEvent = unknown> extends "
        "BaseInterfaceWithName<TState> {\n  a: TEvent;\n}\n"
    ),
    "statements.ts": (
        "export function f(a: unknown, b: unknown): boolean {\n"
        "  if (!isObject(a) || !isObject(b)) return false;\n"
        "  try {\n    g();\n  } finally {\n    h();\n  }\n"
        "  return (Array.isArray(a) && Array.isArray(b) && a.length === b.length "
        "&& a.every((item, index) => same(item, b[index])));\n}\n"
    ),
    "arrow_chain.ts": (
        "export const jsDependentRequired = (needs: [string, string[]][]): Check => "
        "(value) => !isObject(value) || needs.every(([key, names]) => !has(value, key) "
        "|| names.every((name) => has(value, name)));\n"
    ),
    "holes.ts": ("const ok = matching.every(([, schema]) => valid(schema, value[key]));\n"),
    # a module with no declarations is its header comment alone
    "only_comments.ts": "// Generated.\n/**\n * m\n */\n",
    "comment_last.ts": "export const a = 1;\n\n// the end\n/* block */\n",
    "wide.ts": (
        'export const W = { label: "日本語のラベルはとても長いので'
        'この行は八十桁を超えてしまいます" };\n'
    ),
}


def test_edge_cases_laid_out_are_what_prettier_prints(node_modules: Path, tmp_path: Path) -> None:
    """Laid out by us, judged by prettier; the same text not laid out is the control
    that shows the judge can say no."""
    paths = []
    for name, source in EDGE_CASES.items():
        path = tmp_path / name
        path.write_text(layout(source), "utf-8")
        paths.append(path.name)
    control = tmp_path / "control.ts"
    control.write_text(EDGE_CASES["getter.ts"], "utf-8")
    result = subprocess.run(
        [str(_prettier(node_modules)), "--list-different", *paths, control.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == [control.name], result.stdout + result.stderr
