"""`ironflow-gen diff`: each rule on a small contract pair, the verdict and version
check, the output formats, a git revision as the base, and the Ironflow contract
against edited copies of itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from ironflow_gen import ir
from ironflow_gen.contract_diff import (
    RULES,
    Change,
    diff_contracts,
    required_version,
    verdict,
    version_grew_enough,
)
from ironflow_gen.diagnostics import SchemaError
from ironflow_gen.pipeline import load_contract
from ironflow_gen.reporting import github_data, github_property

BASE = ROOT / "tests" / "fixtures" / "diff_base" / "schema"
Edit = tuple[str, str, str]  # file, text that occurs once, replacement


@cache
def _base_contract() -> ir.Contract:
    return load_contract(BASE)


def edited(folder: Path, *edits: Edit, base: Path = BASE) -> Path:
    """A copy of ``base`` at ``folder`` with each edit applied exactly once."""
    shutil.copytree(base, folder)
    for file, old, new in edits:
        path = folder / file
        text = path.read_text("utf-8") if path.exists() else ""
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
        path.write_text(text.replace(old, new), "utf-8")
    return folder


def changes(tmp_path: Path, *edits: Edit) -> tuple[Change, ...]:
    try:
        new = load_contract(edited(tmp_path / "new", *edits))
    except SchemaError as error:  # a broken edit, not a finding: say which
        pytest.fail("\n".join(d.render() for d in error.diagnostics))
    return diff_contracts(_base_contract(), new)


def classified(found: tuple[Change, ...]) -> set[tuple[str, bool, bool]]:
    return {(c.rule, c.wire, c.source) for c in found}


ORDER_PROPS = "      note: {type: string, description: Free text.}\n"
OPTIONAL_EXTRA = ("shop.yaml", ORDER_PROPS, ORDER_PROPS + "      extra: {type: string}\n")
REQUIRED_ORDER = ("shop.yaml", "required: [id, total]", "required: [id, total, extra]")
STATUS = "enum: [open, paid]"
PAYMENT_PARAMS = (
    "      - {name: orderId, type: {type: string}}\n"
    "      - {name: reason, type: {type: string}}\n"
)
STOCK_ERROR = (
    "  StockError:\n    parent: ShopError\n    code: OUT_OF_STOCK\n    params:\n"
    "      - {name: message, type: {type: string}}\n"
)
ORDER_ID = "  OrderId:\n    type: string\n    x-brand: {factory: createOrderId}\n"
PAGE_PARAMS = "x-type-params: [{name: T}]"
STORE_GET = "      get:\n        params: [{name: id, type: {type: string}}]"
ORDERS_PATTERN = (
    '  orders: {template: "shop.orders.{orderId}", description: One order\'s events.}\n'
)
SLEEP = "  sleep: {description: Wait.}\n"
EXTENDS = '    x-extends: [{$ref: "#/$defs/Page", x-type-args: [{$ref: "#/$defs/Order"}]}]\n'

# id -> (edits, {(rule, wire, source)}): exactly the changes the edits must produce.
CASES: dict[str, tuple[tuple[Edit, ...], set[tuple[str, bool, bool]]]] = {
    "property added, optional": ((OPTIONAL_EXTRA,), {("property-added-optional", False, False)}),
    "property added, required": (
        (OPTIONAL_EXTRA, REQUIRED_ORDER),
        {("property-added-required", True, True)},
    ),
    "property removed, required": (
        (
            ("shop.yaml", "      total: {type: number}\n", ""),
            ("shop.yaml", "required: [id, total]", "required: [id]"),
        ),
        {("property-removed", True, True)},
    ),
    "property removed, optional": (
        (("shop.yaml", ORDER_PROPS, ""),),
        {("property-removed", False, True)},
    ),
    "property renamed on the wire": (
        (
            ("wire.yaml", "required: [status, sku]", "required: [status, SKU]"),
            ("wire.yaml", "      sku: {type: string", "      SKU: {type: string"),
        ),
        {("property-renamed", True, True)},
    ),
    "optional property renamed on the wire": (
        (("wire.yaml", "paidAt: {type: string}", "paid_at: {type: string}"),),
        {("property-renamed", False, True)},
    ),
    "property type changed": (
        (("shop.yaml", "total: {type: number}", "total: {type: string}"),),
        {("type-changed", True, True)},
    ),
    "property optional to required": (
        (("shop.yaml", "required: [id, total]", "required: [id, total, note]"),),
        {("property-became-required", True, True)},
    ),
    "property required to optional": (
        (("shop.yaml", "required: [id, total]", "required: [id]"),),
        {("property-became-optional", True, True)},
    ),
    "property read-only": (
        (("shop.yaml", "      id: {type: string}", "      id: {type: string, x-readonly: true}"),),
        {("property-readonly-changed", False, True)},
    ),
    "nested property added": (
        (
            (
                "shop.yaml",
                "          city: {type: string}\n",
                "          city: {type: string}\n" "          zip: {type: string}\n",
            ),
        ),
        {("property-added-optional", False, False)},
    ),
    "nullable added": (
        (("wire.yaml", "paidAt: {type: string}", 'paidAt: {type: [string, "null"]}'),),
        {("nullable-added", True, True)},
    ),
    "nullable removed": (
        (("wire.yaml", 'count: {type: [integer, "null"], default: 0}', "count: {type: integer}"),),
        {("nullable-removed", True, True), ("default-changed", False, False)},
    ),
    "default changed": (
        (("wire.yaml", "default: 0}", "default: 1}"),),
        {("default-changed", False, False)},
    ),
    "enum value added": (
        (("wire.yaml", STATUS, "enum: [open, paid, shipped]"),),
        {("enum-value-added", True, False)},
    ),
    "enum value removed": (
        (("wire.yaml", STATUS, "enum: [open]"),),
        {("enum-value-removed", True, True)},
    ),
    "const changed": (
        (("wire.yaml", "kind: {const: circle}", "kind: {const: disc}"),),
        {("const-changed", True, True)},
    ),
    "discriminator changed": (
        (("wire.yaml", "propertyName: kind", "propertyName: shape"),),
        {("discriminator-changed", True, True)},
    ),
    "union member added": (
        (("wire.yaml", "{type: number}]}", "{type: number}, {type: boolean}]}"),),
        {("union-member-added", True, False)},
    ),
    "union member removed": (
        (("wire.yaml", "anyOf: [{type: string}, {type: number}]", "anyOf: [{type: string}]"),),
        {("union-member-removed", True, True)},
    ),
    "constraint changed": (
        (("wire.yaml", '"^[A-Z]+$"', '"^[A-Z0-9]+$"'),),
        {("constraint-changed", True, False)},
    ),
    "type added": (
        (("shop.yaml", ORDER_ID, ORDER_ID + "  Sku: {type: string}\n"),),
        {("type-added", False, False)},
    ),
    "data type removed": (
        (("shop.yaml", ORDER_ID, ""),),
        {("type-removed", True, True)},
    ),
    "interface with methods removed": (
        (("shop.yaml", "  Store:\n", "  Unused:\n    type: string\n  StoreGone:\n"),),
        {("type-removed", False, True), ("type-added", False, False)},
    ),
    "type moved between modules": (
        (
            ("shop.yaml", ORDER_ID, ""),
            ("values.yaml", "title: Values\n", "title: Values\n$defs:\n" + ORDER_ID),
        ),
        {("type-moved", False, True)},
    ),
    "type kind changed": (
        (("shop.yaml", "    x-brand: {factory: createOrderId}\n", ""),),
        {("type-kind-changed", True, True)},
    ),
    "brand factory renamed": (
        (("shop.yaml", "createOrderId", "makeOrderId"),),
        {("brand-factory-renamed", False, True)},
    ),
    "generic parameter added with a default": (
        (("shop.yaml", PAGE_PARAMS, "x-type-params: [{name: T}, {name: U, default: {}}]"),),
        {("generic-param-added", False, False)},
    ),
    "generic parameter added without a default": (
        (
            ("shop.yaml", PAGE_PARAMS, "x-type-params: [{name: T}, {name: U}]"),
            ("shop.yaml", 'x-type-args: [{$ref: "#/$defs/Order"}]', "x-type-args: [{}, {}]"),
        ),
        {("generic-param-added", False, True), ("extends-changed", True, True)},
    ),
    "generic parameter constrained": (
        (("shop.yaml", PAGE_PARAMS, "x-type-params: [{name: T, constraint: {type: object}}]"),),
        {("generic-param-changed", False, True)},
    ),
    "property moved into a new base interface": (
        (
            (
                "shop.yaml",
                "    required: [owner]\n    properties:\n      owner: {type: string}\n",
                "",
            ),
            (
                "shop.yaml",
                '"#/$defs/Order"}]}]\n',
                '"#/$defs/Order"}]}, {$ref: "#/$defs/Owned"}]\n'
                "    properties: {}\n  Owned:\n    type: object\n"
                "    required: [owner]\n    properties:\n      owner: {type: string}\n",
            ),
        ),
        {("extends-changed", True, True), ("type-added", False, False)},
    ),
    "interface no longer extends": (
        (("shop.yaml", EXTENDS, ""),),
        {("extends-changed", True, True)},
    ),
    "method added": (
        (("shop.yaml", STORE_GET, "      put:\n        params: []\n" + STORE_GET),),
        {("method-added", False, True)},
    ),
    "method renamed": (
        (("shop.yaml", "      get:\n", "      fetch:\n"),),
        {("method-added", False, True), ("method-removed", False, True)},
    ),
    "method signature changed": (
        (("shop.yaml", "        async: true\n", ""),),
        {("method-signature-changed", False, True)},
    ),
    "module no longer wire": (
        (("wire.yaml", "x-wire: true", "x-wire: false"),),
        {("module-wire-changed", False, True)},
    ),
    "error class added": (
        (("faults.yaml", STOCK_ERROR, STOCK_ERROR + STOCK_ERROR.replace("Stock", "Cart")),),
        {("error-added", False, False)},
    ),
    "error class removed": (
        (("faults.yaml", STOCK_ERROR, ""),),
        {("error-removed", False, True)},
    ),
    "error class moved": (
        (
            ("faults.yaml", STOCK_ERROR, ""),
            ("values.yaml", "title: Values\n", "title: Values\nx-errors:\n" + STOCK_ERROR),
        ),
        {("error-moved", False, True)},
    ),
    "error parent changed": (
        (
            (
                "faults.yaml",
                "    parent: ShopError\n    code: OUT_OF_STOCK\n    params:\n",
                # A subclass of PaymentError takes the parameters PaymentError requires.
                "    parent: PaymentError\n    code: OUT_OF_STOCK\n    params:\n"
                "      - {name: orderId, type: {type: string}}\n"
                "      - {name: reason, type: {type: string}}\n",
            ),
        ),
        {
            ("error-parent-changed", False, True),
            ("error-param-added", False, True),
            ("error-params-reordered", False, True),
        },
    ),
    "error code changed": (
        (("faults.yaml", "PAYMENT_FAILED", "PAYMENT_DECLINED"),),
        {("error-code-changed", True, False)},
    ),
    "error retryable changed": (
        (("faults.yaml", "retryable: true", "retryable: false"),),
        {("error-retryable-changed", False, False)},
    ),
    "error message changed": (
        (("faults.yaml", "Payment of {orderId} failed", "Payment {orderId} failed"),),
        {("error-message-changed", False, False)},
    ),
    "error parameter added, required": (
        (("faults.yaml", PAYMENT_PARAMS, PAYMENT_PARAMS + "      - {name: currency, type: {}}\n"),),
        {("error-param-added", False, True)},
    ),
    "error parameter added, optional option": (
        (
            (
                "faults.yaml",
                PAYMENT_PARAMS,
                PAYMENT_PARAMS + "      - {name: currency, type: {}, optional: true, in: options}"
                "\n",
            ),
        ),
        {("error-param-added", False, False)},
    ),
    "error parameter removed": (
        (("faults.yaml", "      - {name: reason, type: {type: string}}\n", ""),),
        {("error-param-removed", False, True)},
    ),
    "error parameters reordered": (
        (
            (
                "faults.yaml",
                PAYMENT_PARAMS,
                "      - {name: reason, type: {type: string}}\n"
                "      - {name: orderId, type: {type: string}}\n",
            ),
        ),
        {("error-params-reordered", False, True)},
    ),
    "error parameter type changed": (
        (("faults.yaml", "{name: amount, type: {type: number}", "{name: amount, type: {}"),),
        {("error-param-changed", False, True)},
    ),
    "error parameter became optional": (
        (
            (
                "faults.yaml",
                "{name: reason, type: {type: string}}",
                "{name: reason, type: {}, " "optional: true}",
            ),
        ),
        {("error-param-changed", False, True)},
    ),
    "error field added": (
        (
            (
                "faults.yaml",
                "      orderId: {type: string}\n    message",
                "      orderId: {type: " "string}\n      reason: {type: string}\n    message",
            ),
        ),
        {("error-field-added", False, False)},
    ),
    "error field changed": (
        (
            (
                "faults.yaml",
                "      orderId: {type: string}\n    message",
                "      orderId: {type: " "string, optional: true}\n    message",
            ),
        ),
        {("error-field-changed", False, True)},
    ),
    "constant added": (
        (("values.yaml", "  HOST:", "  TLS: {value: false}\n  HOST:"),),
        {("constant-added", False, False)},
    ),
    "constant removed": (
        (("values.yaml", '  URL: {template: "http://{HOST}:{PORT}"}\n', ""),),
        {("constant-removed", False, True)},
    ),
    "constant value changed": (
        (("values.yaml", "value: 8080", "value: 8081"),),
        {("constant-value-changed", True, False)},
    ),
    "constant group entry changed": (
        (("values.yaml", "ORDERS: 10", "ORDERS: 20"),),
        {("constant-value-changed", True, False)},
    ),
    "constant group entry removed": (
        (("values.yaml", "      LINES: 100\n", ""),),
        {("constant-removed", False, True)},
    ),
    "constant group entry added": (
        (("values.yaml", "      LINES: 100\n", "      LINES: 100\n      ITEMS: 5\n"),),
        {("constant-added", False, False)},
    ),
    "constant became a group": (
        (
            ("values.yaml", "  HOST: {value: localhost}", "  HOST:\n    entries: {A: 1}"),
            ("values.yaml", "http://{HOST}", "http://{HOST.A}"),
        ),
        {("constant-kind-changed", True, True), ("constant-value-changed", True, False)},
    ),
    "constant moved": (
        (
            ("values.yaml", "  HOST: {value: localhost}\n", ""),
            ("shop.yaml", "x-patterns:", "x-constants:\n  HOST: {value: localhost}\nx-patterns:"),
        ),
        {("constant-moved", False, True)},
    ),
    "pattern added": (
        (("shop.yaml", "x-helpers:", '  all: {template: "shop.>"}\nx-helpers:'),),
        {("pattern-added", False, False)},
    ),
    "pattern removed": (
        (("shop.yaml", "x-patterns:\n" + ORDERS_PATTERN, ""),),
        {("pattern-removed", False, True)},
    ),
    "pattern text changed": (
        (("shop.yaml", "shop.orders.{orderId}", "shop.order.{orderId}"),),
        {("pattern-changed", True, False)},
    ),
    "pattern parameters changed": (
        (("shop.yaml", "shop.orders.{orderId}", "shop.orders.{id}"),),
        {("pattern-changed", True, True)},
    ),
    "helper added": (
        (("shop.yaml", "  sleep:", "  generateId: {}\n  sleep:"),),
        {("helper-added", False, False)},
    ),
    "helper removed": (
        (("shop.yaml", "x-helpers:\n  sleep: {description: Wait.}\n", ""),),
        {("helper-removed", False, True)},
    ),
    "helper moved": (
        (
            ("shop.yaml", "x-helpers:\n" + SLEEP, ""),
            ("values.yaml", "title: Values\n", "title: Values\nx-helpers:\n" + SLEEP),
        ),
        {("helper-moved", False, True)},
    ),
    "descriptions only": (
        (
            ("shop.yaml", "Free text.", "Free-form text."),
            ("shop.yaml", "description: An order.", "description: A customer's order."),
            ("values.yaml", "The port.", "The server port."),
            ("shop.yaml", "description: Wait.", "description: Wait a while."),
        ),
        {("description-changed", False, False)},
    ),
    "generic parameter removed": (
        (
            ("shop.yaml", "    " + PAGE_PARAMS + "\n", ""),
            ("shop.yaml", "items: {x-type-param: T}", "items: {}"),
            ("shop.yaml", ', x-type-args: [{$ref: "#/$defs/Order"}]', ""),
        ),
        {
            ("generic-param-removed", False, True),
            ("type-changed", True, True),
            ("extends-changed", True, True),
        },
    ),
    "error field removed": (
        (("faults.yaml", "    fields:\n      orderId: {type: string}\n", ""),),
        {("error-field-removed", False, True)},
    ),
    "pattern moved": (
        (
            ("shop.yaml", "x-patterns:\n" + ORDERS_PATTERN, ""),
            ("values.yaml", "title: Values\n", "title: Values\nx-patterns:\n" + ORDERS_PATTERN),
        ),
        {("pattern-moved", False, True)},
    ),
    "package renamed": (
        (("index.yaml", "python-package: acme_shop", "python-package: acme_store"),),
        {("package-renamed", False, True)},
    ),
    "description inside an array of objects": (
        (("shop.yaml", "The SKU.", "The stock-keeping unit."),),
        {("description-changed", False, False)},
    ),
    "property added inside an array of objects": (
        (
            (
                "shop.yaml",
                "            sku: {type",
                "            qty: {type: integer}\n            sku: {type",
            ),
        ),
        {("property-added-optional", False, False)},
    ),
    "contract description": (
        (("index.yaml", "A small shop contract.", "A shop."),),
        {("description-changed", False, False)},
    ),
    "examples only": (
        (("shop.yaml", "examples: [{id: o1}]", "examples: [{id: o2}]"),),
        {("examples-changed", False, False)},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_is_classified(case: str, tmp_path: Path) -> None:
    edits, expected = CASES[case]
    assert classified(changes(tmp_path, *edits)) == expected


def test_every_rule_has_a_case() -> None:
    covered = {rule for _, expected in CASES.values() for rule, _, _ in expected}
    assert covered == set(RULES)


def test_no_changes_between_equal_contracts() -> None:
    assert diff_contracts(_base_contract(), load_contract(BASE)) == ()
    features = load_contract(ROOT / "tests" / "fixtures" / "features" / "schema")
    assert diff_contracts(features, features) == ()
    ironflow = load_contract(ROOT / "schema")
    assert diff_contracts(ironflow, load_contract(ROOT / "schema")) == ()


def test_removal_points_into_the_old_schema_and_anchors_in_the_new(tmp_path: Path) -> None:
    (change,) = changes(tmp_path, ("shop.yaml", ORDER_PROPS, ""))
    assert change.side == "old"
    assert change.path == "shop.Order.properties.note"
    assert change.position.file.endswith("diff_base/schema/shop.yaml")
    assert (change.position.line, change.position.column) == (15, 7)
    assert change.anchor is not None and change.anchor.file.endswith("new/shop.yaml")
    assert (change.anchor.line, change.anchor.column) == (7, 3)  # the interface Order


def test_rename_says_whether_the_python_attribute_survives(tmp_path: Path) -> None:
    (same,) = changes(
        tmp_path / "a",
        ("wire.yaml", "required: [status, sku]", "required: [status, SKU]"),
        ("wire.yaml", "      sku: {type: string", "      SKU: {type: string"),
    )
    assert "Python attribute sku unchanged" in same.message
    (other,) = changes(
        tmp_path / "b",
        ("wire.yaml", "required: [status, sku]", "required: [status, code]"),
        ("wire.yaml", "      sku: {type: string", "      code: {type: string"),
    )
    assert "Python sku -> code" in other.message


def test_moved_type_is_not_a_change_where_it_is_used(tmp_path: Path) -> None:
    """Basket extends Page: after Page moves, the reference names the same type."""
    found = changes(
        tmp_path,
        ("shop.yaml", "  Page:\n    x-type-params", "  Unrelated:\n    x-type-params"),
        ("shop.yaml", '$ref: "#/$defs/Page"', '$ref: "values.yaml#/$defs/Page"'),
        (
            "values.yaml",
            "title: Values\n",
            "title: Values\n$defs:\n  Page:\n    x-type-params: [{name: T}]\n"
            "    type: object\n    required: [items]\n    properties:\n"
            "      items: {type: array, items: {x-type-param: T}}\n",
        ),
    )
    assert classified(found) == {("type-moved", False, True), ("type-added", False, False)}


def test_changes_are_sorted_by_file_line_and_rule(tmp_path: Path) -> None:
    found = changes(
        tmp_path,
        ("values.yaml", "value: 8080", "value: 8081"),
        ("wire.yaml", STATUS, "enum: [open, paid, shipped]"),
        OPTIONAL_EXTRA,
    )
    keys = [(c.position.file, c.position.line, c.position.column, c.rule) for c in found]
    assert keys == sorted(keys) and len(keys) == 3


# ------------------------------------------------------------------ versions


@pytest.mark.parametrize(
    ("old", "level", "needed"),
    [
        ("1.2.3", "major", "2.0.0"),
        ("0.8.0", "major", "0.9.0"),
        ("1.2.3", "minor", "1.3.0"),
        ("0.8.0", "minor", "0.8.1"),
        ("1.2.3", "patch", None),
        ("1.2.3", "none", None),
    ],
)
def test_required_version(old: str, level: str, needed: str | None) -> None:
    assert required_version(old, level) == needed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "level", "ok"),
    [
        ("1.2.3", "2.0.0", "major", True),
        ("1.2.3", "1.9.0", "major", False),
        ("0.8.0", "0.9.0", "major", True),
        ("0.8.0", "0.8.5", "major", False),
        ("0.8.0", "1.0.0", "major", True),
        ("1.2.3", "1.2.4", "minor", False),
        ("1.2.3", "1.3.0", "minor", True),
        ("0.8.0", "0.8.1", "minor", True),
        ("0.8.0", "0.8.0", "minor", False),
        ("1.2.3", "1.2.3", "patch", True),
        ("1.2.3", "2.0.0-rc.1", "major", True),
    ],
)
def test_version_grew_enough(old: str, new: str, level: str, ok: bool) -> None:
    assert version_grew_enough(old, new, level) is ok  # type: ignore[arg-type]


def test_verdict_is_the_strongest_change(tmp_path: Path) -> None:
    docs = changes(tmp_path / "a", ("shop.yaml", "Free text.", "Text."))
    added = changes(tmp_path / "b", OPTIONAL_EXTRA, ("shop.yaml", "Free text.", "Text."))
    broken = changes(tmp_path / "c", OPTIONAL_EXTRA, ("wire.yaml", STATUS, "enum: [open]"))
    assert [verdict(docs), verdict(added), verdict(broken), verdict(())] == [
        "patch",
        "minor",
        "major",
        "none",
    ]


# ---------------------------------------------------------------- command line


def _version(version: str) -> Edit:
    return ("index.yaml", "version: 1.2.3", f"version: {version}")


@pytest.mark.parametrize(
    ("edits", "code"),
    [
        (((("wire.yaml", STATUS, "enum: [open]")),), 1),
        (((("wire.yaml", STATUS, "enum: [open]")), _version("1.3.0")), 1),
        (((("wire.yaml", STATUS, "enum: [open]")), _version("2.0.0")), 0),
        ((OPTIONAL_EXTRA,), 1),
        ((OPTIONAL_EXTRA, _version("1.2.4")), 1),
        ((OPTIONAL_EXTRA, _version("1.3.0")), 0),
        ((("shop.yaml", "Free text.", "Text."),), 0),
        ((), 0),
    ],
)
def test_exit_code_says_whether_the_version_announces_the_changes(
    edits: tuple[Edit, ...], code: int, tmp_path: Path
) -> None:
    new = edited(tmp_path / "new", *edits)
    result = run_cli("diff", "--schema", new, "--against", BASE)
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("verdict: ")
    assert ("need version" in result.stderr) is (code == 1)


def test_text_format(tmp_path: Path) -> None:
    new = edited(tmp_path / "new", ("wire.yaml", STATUS, "enum: [open]"), _version("2.0.0"))
    result = run_cli("diff", "--schema", new, "--against", BASE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "new/wire.yaml:5:3: enum-value-removed [breaking: wire, source]: "
        'enum value "paid" removed from wire.Status\n'
        "verdict: major (version 1.2.3 -> 2.0.0: ok)\n"
    )


def test_json_format(tmp_path: Path) -> None:
    new = edited(tmp_path / "new", ("shop.yaml", ORDER_PROPS, ""))
    result = run_cli("diff", "--schema", new, "--against", BASE, "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document == {
        "verdict": "major",
        "from_version": "1.2.3",
        "to_version": "1.2.3",
        "changes": [
            {
                "rule": "property-removed",
                "breaking": True,
                "wire": False,
                "source": True,
                "message": "optional property note removed from shop.Order",
                "file": f"{BASE}/shop.yaml",  # a removal: where it was, BASE as given
                "line": 15,
                "column": 7,
                "path": "shop.Order.properties.note",
            }
        ],
    }


def test_github_format(tmp_path: Path) -> None:
    new = edited(
        tmp_path / "new",
        ("wire.yaml", STATUS, 'enum: [open, paid, "50%,a:b\\nc"]'),
        ("shop.yaml", ORDER_PROPS, ""),
        ("values.yaml", "  HOST:", "  TLS: {value: false}\n  HOST:"),
    )
    result = run_cli("diff", "--schema", new, "--against", BASE, "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert sorted(lines[:3]) == [
        "::error file=new/shop.yaml,line=7,col=3,title=property-removed::"  # where it left a
        f"optional property note removed from shop.Order (was at {BASE}/shop.yaml:15:7)",  # trace
        "::error file=new/wire.yaml,line=5,col=3,title=enum-value-added::"
        'enum value "50%25,a:b\\nc" added to wire.Status (readers of the old contract refuse it)',
        "::notice file=new/values.yaml,line=4,col=3,title=constant-added::"
        "constant values.TLS added",
    ]
    assert lines[3] == (
        "::error title=ironflow-gen diff::verdict: major (version 1.2.3 -> 1.2.3: "
        "needs 2.0.0 or later)"
    )


def test_github_removal_of_a_whole_module_points_into_the_old_schema(tmp_path: Path) -> None:
    new = edited(
        tmp_path / "new",
        ("index.yaml", "modules: [shop, wire, faults, values]", "modules: [shop, wire, faults]"),
        ("values.yaml", "title: Values", "title: Values"),
    )
    (new / "values.yaml").unlink()
    result = run_cli("diff", "--schema", new, "--against", BASE, "--format", "github")
    removed = [line for line in result.stdout.splitlines() if "title=constant-removed" in line]
    assert len(removed) == 4
    assert removed[0].startswith(f"::error file={github_property(str(BASE))}/values.yaml,line=3,")


def test_github_escaping() -> None:
    assert github_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_markdown_format(tmp_path: Path) -> None:
    new = edited(
        tmp_path / "new",
        ("wire.yaml", STATUS, "enum: [open]"),
        OPTIONAL_EXTRA,
        ("faults.yaml", "retryable: true", "retryable: false"),
        ("shop.yaml", "Free text.", "Text <b>."),
        _version("2.0.0"),
    )
    result = run_cli("diff", "--schema", new, "--against", BASE, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "## @acme/shop 2.0.0\n"
        "\n"
        "Compared with 1.2.3: breaking changes (a major release).\n"
        "\n"
        "### Breaking\n"
        "\n"
        '- `wire.Status`: enum value "paid" removed from wire.Status (wire, source)\n'
        "\n"
        "### Added\n"
        "\n"
        "- `shop.Order.properties.extra`: optional property extra added to shop.Order\n"
        "\n"
        "### Changed\n"
        "\n"
        "- `faults.PaymentError`: PaymentError is no longer retryable by default\n"
        "- `shop.Order.properties.note`: description of property "
        "shop.Order.properties.note changed\n"
    )


def test_bad_base_is_bad_input(tmp_path: Path) -> None:
    result = run_cli("diff", "--schema", BASE, "--against", "no-such-revision-or-folder")
    assert result.returncode == 2
    assert "is neither a schema folder nor a revision" in result.stderr
    copy = edited(tmp_path / "schema")  # in no git repository
    outside = run_cli("diff", "--schema", copy, "--against", "HEAD", cwd=tmp_path)
    assert outside.returncode == 2 and "not a git repository" in outside.stderr


def test_schema_errors_on_either_side_are_diagnostics(tmp_path: Path) -> None:
    broken = edited(tmp_path / "broken", ("wire.yaml", '"#/$defs/Status"', '"#/$defs/Statu"'))
    for schema, base in ((broken, BASE), (BASE, broken)):
        result = run_cli("diff", "--schema", schema, "--against", base)
        assert result.returncode == 2
        assert "wire.yaml:" in result.stderr and "error[unknown-type]" in result.stderr
        assert "did you mean 'Status'" in result.stderr


# ------------------------------------------------------------------------ git


def _git(repo: Path, *args: str) -> None:
    """git in the test's own repository, whatever repository runs the tests (a hook
    sets GIT_DIR and GIT_INDEX_FILE), with an author though HOME is empty."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_against_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    edited(repo / "contract" / "schema")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    shop = repo / "contract" / "schema" / "shop.yaml"
    shop.write_text(shop.read_text("utf-8").replace(ORDER_PROPS, ""), "utf-8")
    schema = repo / "contract" / "schema"

    result = run_cli("diff", "--against", "HEAD", "--schema", "schema", cwd=repo / "contract")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "HEAD:contract/schema/shop.yaml:15:7: property-removed [breaking: source]: "
        "optional property note removed from shop.Order",
        "verdict: major (version 1.2.3 -> 1.2.3: needs 2.0.0 or later)",
    ]
    # the committed state itself: nothing changed
    _git(repo, "commit", "-q", "-am", "remove note")
    same = run_cli("diff", "--against", "HEAD", "--schema", schema)
    assert same.returncode == 0 and same.stdout.startswith("verdict: none"), same.stderr
    back = run_cli("diff", "--against", "HEAD~1", "--schema", schema, "--format", "json")
    assert [c["rule"] for c in json.loads(back.stdout)["changes"]] == ["property-removed"]


def test_git_revision_without_the_schema_folder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README").write_text("x\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "no schema yet")
    edited(repo / "schema")
    result = run_cli("diff", "--against", "HEAD", "--schema", repo / "schema")
    assert result.returncode == 2
    assert "schema does not exist at revision HEAD" in result.stderr


def test_schema_error_at_a_revision_is_shown_there(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    edited(repo / "schema", ("wire.yaml", '"#/$defs/Status"', '"#/$defs/Statu"'))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "broken")
    for path in (repo / "schema").iterdir():
        path.write_text((BASE / path.name).read_text("utf-8"), "utf-8")
    result = run_cli("diff", "--against", "HEAD", cwd=repo)
    assert result.returncode == 2
    assert "HEAD:schema/wire.yaml:" in result.stderr and "error[unknown-type]" in result.stderr


# ----------------------------------------------------------- the real contract


def _ironflow_copy(tmp_path: Path, *edits: Edit) -> Path:
    return edited(tmp_path / "schema", *edits, base=ROOT / "schema")


RUN_INFO = "[id, functionId, attempt, startedAt]"
STARTED_AT = "      startedAt: {x-native: {typescript: Date, python: datetime.datetime}}\n  Run:"
RUN_STATUS = "enum: [pending, running, completed, failed, cancelled, paused]"


def test_ironflow_contract_against_edited_copies(tmp_path: Path) -> None:
    copy = _ironflow_copy(
        tmp_path,
        ("runs.yaml", RUN_INFO, "[id, functionId, attempt]"),
        ("runs.yaml", STARTED_AT, "  Run:"),
        ("runs.yaml", RUN_STATUS, RUN_STATUS.replace("]", ", queued]")),
    )
    result = run_cli("diff", "--schema", copy, "--against", ROOT / "schema", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    found = {(c["rule"], c["path"], c["wire"], c["source"]) for c in document["changes"]}
    assert found == {
        ("property-removed", "runs.RunInfo.properties.startedAt", False, True),
        ("enum-value-added", "runs.RunStatus", True, False),
    }
    assert document["verdict"] == "major"
    # RunInfo holds a Date: no JSON form, so the removal breaks source only.
    bumped = _ironflow_copy(
        tmp_path / "bumped",
        ("runs.yaml", RUN_STATUS, RUN_STATUS.replace("]", ", queued]")),
        ("index.yaml", 'version: "0.8.0"', 'version: "0.9.0"'),
    )
    ok = run_cli("diff", "--schema", bumped, "--against", ROOT / "schema")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.splitlines()[-1] == "verdict: major (version 0.8.0 -> 0.9.0: ok)"


def test_ironflow_wire_message_changes(tmp_path: Path) -> None:
    copy = _ironflow_copy(
        tmp_path,
        (
            "protocol.yaml",
            "required: [run_id, function_id, attempt, event, steps]",
            "required: [runId, function_id, attempt, event, steps]",
        ),
        (
            "protocol.yaml",
            "      run_id: {type: string}\n      function_id",
            "      runId: {type: string}\n      function_id",
        ),
    )
    result = run_cli("diff", "--schema", copy, "--against", ROOT / "schema", "--format", "json")
    (change,) = json.loads(result.stdout)["changes"]
    assert (change["rule"], change["path"], change["wire"], change["source"]) == (
        "property-renamed",
        "protocol.PushRequest.properties.runId",
        True,
        True,
    )
    assert "Python attribute run_id unchanged" in change["message"]


def test_readme_table_agrees_with_the_rules() -> None:
    """Every rule is in the table once, and its wire and source columns say what the
    rule may break: "yes" or a condition where it can, nothing where it cannot."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## What changed: `diff`", 1)[1].split("\n## ", 1)[0]
    listed: list[str] = []
    for row in (line for line in section.splitlines() if line.startswith("| `")):
        names, wire, source, _ = (cell.strip() for cell in row.strip().strip("|").split("|"))
        rules = [name for name in re.findall(r"`([a-z-]+)`", names) if name in RULES]
        listed += rules
        for rule in rules:
            assert (RULES[rule].wire, RULES[rule].source) == (bool(wire), bool(source)), rule
    assert sorted(listed) == sorted(RULES)
