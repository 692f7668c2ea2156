"""TypeScript laid out as prettier 3 lays it out (default options).

``layout(text)`` parses the generated file (``ts_syntax``) and prints its syntax
tree through documents (``doc``) built the way prettier's printers build them:
assignments choose among prettier's layouts (break after ``=``, fluid, break the
left side), calls hug a last object or function argument, member chains break
one call per line, binary expressions break after operators, unions take a
leading ``|`` per line, objects keep the expansion the source gave them (as
prettier does with ``objectWrap: "preserve"``). Each function below mirrors the
prettier function named in its docstring; what prettier does for syntax the
generator never writes is left out, and such syntax is refused by the parser.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from .doc import (
    BREAK_PARENT,
    HARDLINE,
    LINE,
    SOFTLINE,
    Align,
    Doc,
    Group,
    IfBreak,
    Indent,
    IndentIfBreak,
    Line,
    can_break,
    conditional_group,
    group,
    join,
    new_id,
    print_doc,
    will_break,
)
from .ts_syntax import PRECEDENCE, TYPE_KINDS, Comment, LayoutError, Node, parse

__all__ = ["LayoutError", "layout"]

TAB_WIDTH = 2
PRINT_WIDTH = 80
_CALLS = ("call", "new")
_MEMBERISH = ("member", "index")
_JS_ESCAPES = re.compile(r"\\(.)|([\"'])", re.DOTALL)
_NEEDS_BACKSLASH = re.compile(r"[\n\r\"'0-7\\bfnrt-vx\u2028\u2029]")


def layout(text: str) -> str:
    """The text as prettier prints it; ``LayoutError`` for syntax it does not know."""
    program = parse(text)
    parts: list[Doc] = [_Printer().statements(program.kids, top=bool(program.kids))]
    if program.comments:
        if program.kids and program.kids[-1] is not None and program.kids[-1].blank_after:
            parts.append(HARDLINE)
        parts += [_trailing_comments(program.comments)]
    return print_doc(parts)


def _kid(node: Node, index: int) -> Node:
    kid = node.kids[index]
    if kid is None:
        raise LayoutError(f"missing part {index} of {node.kind}")
    return kid


def _kids(node: Node, start: int = 0) -> list[Node]:
    return [k for k in node.kids[start:] if k is not None]


# ------------------------------------------------------------------ literals


def print_string(raw: str) -> str:
    """A string literal in double quotes unless it holds more of them than of single
    quotes, with escapes that are not needed removed (prettier's ``printString``)."""
    content = raw[1:-1]
    doubles = len(re.findall(r'(?<!\\)"', content)) + content.count('\\"')
    singles = len(re.findall(r"(?<!\\)'", content)) + content.count("\\'")
    quote = "'" if doubles > singles else '"'
    alternate = '"' if quote == "'" else "'"

    def replace(match: re.Match[str]) -> str:
        escaped, bare = match.group(1), match.group(2)
        if escaped == alternate:
            return escaped
        if bare == quote:
            return "\\" + bare
        if bare:
            return bare
        return escaped if not _NEEDS_BACKSLASH.match(escaped) else "\\" + escaped

    return quote + _JS_ESCAPES.sub(replace, content) + quote


def print_number(raw: str) -> str:
    """prettier's ``printNumber``: lower case, no needless zeros, signs or dots."""
    if len(raw) == 1:
        return raw
    text = raw.lower()
    text = re.sub(
        r"^([+-]?[\d.]+e)(?:\+|(-))?0*(?=\d)", lambda m: m.group(1) + (m.group(2) or ""), text
    )
    text = re.sub(r"^([+-]?[\d.]+)e[+-]?0+$", r"\1", text)
    text = re.sub(r"^([+-])?\.", lambda m: (m.group(1) or "") + "0.", text)
    text = re.sub(r"(\.\d+?)0+(?=e|$)", r"\1", text, count=1)
    return re.sub(r"\.(?=e|$)", "", text, count=1)


def _comment_doc(comment: Comment) -> Doc:
    """A comment, JSDoc re-indented to where it now stands."""
    lines = comment.text.split("\n")
    if (
        comment.block
        and len(lines) > 1
        and all(line.lstrip().startswith("*") for line in lines[1:])
    ):
        return join(HARDLINE, [lines[0].rstrip()] + [" " + line.strip() for line in lines[1:]])
    return comment.text


def _leading_comments(comments: Sequence[Comment]) -> list[Doc]:
    parts: list[Doc] = []
    for comment in comments:
        parts.append(_comment_doc(comment))
        if comment.block and comment.newlines_after == 0:
            parts.append(" ")
            continue
        parts.append(HARDLINE)
        if comment.newlines_after >= 2:
            parts.append(HARDLINE)
    return parts


def _trailing_comments(comments: Sequence[Comment]) -> list[Doc]:
    """Comments after the last statement, each on its own line, as prettier ends a
    file with them."""
    parts: list[Doc] = []
    for index, comment in enumerate(comments):
        parts += [_comment_doc(comment), HARDLINE]
        if comment.newlines_after >= 2 and index < len(comments) - 1:
            parts.append(HARDLINE)
    return parts


# ------------------------------------------------------------------- shapes


def _is_object_type(node: Node) -> bool:
    """prettier's ``isObjectType``: a type literal (a mapped type is one here)."""
    return node.kind == "tobject"


# TypeScript's keyword types: a reference to one is not "object-like" for prettier.
_KEYWORD_TYPES = frozenset(
    [
        "any",
        "unknown",
        "number",
        "bigint",
        "boolean",
        "string",
        "symbol",
        "void",
        "undefined",
        "null",
        "never",
        "object",
        "this",
    ]
)


def _is_object_like_type(node: Node) -> bool:
    if _has_parens(node):
        return False
    return node.kind == "tobject" or (node.kind == "tref" and node.text not in _KEYWORD_TYPES)


def _is_void_type(node: Node) -> bool:
    return node.kind == "tref" and node.text in ("void", "null") and not _has_parens(node)


def _is_simple_type(node: Node) -> bool:
    return node.kind == "tref" and not node.kids


def _is_string(node: Node) -> bool:
    return node.kind == "str"


def _has_parens(node: Node) -> bool:
    return "parens" in node.flags


def _is_binaryish(node: Node) -> bool:
    return node.kind == "binary" and not _has_parens(node)


def _is_logical(node: Node) -> bool:
    return node.kind == "binary" and node.text in ("&&", "||", "??")


def _should_inline_logical(node: Node) -> bool:
    """prettier's ``shouldInlineLogicalExpression``."""
    if not _is_logical(node):
        return False
    right = _kid(node, 1)
    return right.kind in ("object", "array") and bool(right.kids)


def _precedence(operator: str) -> int:
    return PRECEDENCE[operator]


def _should_flatten(parent_op: str, node_op: str) -> bool:
    """prettier's ``shouldFlatten``: same precedence, and not the exceptions."""
    if _precedence(parent_op) != _precedence(node_op) or parent_op == "**":
        return False
    equality = {"==", "!=", "===", "!=="}
    multiplicative = {"*", "/", "%"}
    if parent_op in equality and node_op in equality:
        return False
    if (node_op == "%" and parent_op in multiplicative) or (
        parent_op == "%" and node_op in multiplicative
    ):
        return False
    return not (node_op != parent_op and node_op in multiplicative and parent_op in multiplicative)


def _is_simple_call_argument(node: Node, depth: int = 2) -> bool:
    """prettier's ``isSimpleCallArgument``."""
    if depth <= 0:
        return False
    kind = node.kind
    if kind == "regex":
        return len(node.text.rsplit("/", 1)[0]) - 1 <= 5
    if kind in ("num", "str", "name"):
        return True
    if kind == "object":
        return all(
            p.kind == "prop"
            and ("shorthand" in p.flags or _is_simple_call_argument(_kid(p, 0), depth - 1))
            for p in _kids(node)
        )
    if kind == "array":
        return all(_is_simple_call_argument(e, depth - 1) for e in _kids(node))
    if kind in _CALLS:
        arguments = node.kids[2:]
        return (
            _is_simple_call_argument(_kid(node, 0), depth)
            and len(arguments) <= depth
            and all(a is not None and _is_simple_call_argument(a, depth - 1) for a in arguments)
        )
    if kind == "member":
        return _is_simple_call_argument(_kid(node, 0), depth)
    if kind == "index":
        return _is_simple_call_argument(_kid(node, 0), depth) and _is_simple_call_argument(
            _kid(node, 1), depth
        )
    if kind == "unary" and node.text in ("!", "-", "+", "~"):
        return _is_simple_call_argument(_kid(node, 0), depth)
    return False


def _is_lone_short_argument(node: Node) -> bool:
    """prettier's ``isLoneShortArgument`` (a quarter of the print width)."""
    threshold = PRINT_WIDTH * 0.25
    if node.kind == "name":
        return len(node.text) <= threshold
    if node.kind == "regex":
        return len(node.text.rsplit("/", 1)[0]) - 1 <= threshold
    if node.kind == "str":
        return len(print_string(node.text)) <= threshold
    if node.kind == "unary":
        return _is_lone_short_argument(_kid(node, 0))
    if node.kind == "call" and len(node.kids) == 2 and _kid(node, 0).kind == "name":
        return len(_kid(node, 0).text) <= threshold - 2
    return node.kind == "num"


def _could_expand_argument(node: Node, arrow_chain: bool = False) -> bool:
    """prettier's ``couldExpandArg``: an argument that can hug the call's parentheses."""
    if node.kind in ("object", "array"):
        return bool(node.kids)
    if node.kind == "as":
        return _could_expand_argument(_kid(node, 0))
    if node.kind == "arrow":
        body = _kid(node, 3)
        if body.kind in ("block", "object", "array"):
            return True
        if body.kind == "arrow" and _could_expand_argument(body, True):
            return True
        if not arrow_chain and (body.kind == "cond" or body.kind in _CALLS):
            return True
    return False


@dataclass
class _Parent:
    """Where a node stands: its parent's kind and the role it plays there."""

    node: Node | None
    role: str = ""

    @property
    def kind(self) -> str:
        return self.node.kind if self.node is not None else ""


class _Printer:
    """Syntax tree -> document; ``parent`` is always the node's syntactic parent."""

    def __init__(self) -> None:
        # What prettier learns by walking up the tree: a conditional's own parent,
        # and the parameters whose object type hugs the parentheses.
        self.conditional_parents: dict[int, str] = {}
        self.hugged_parameters: set[int] = set()

    # ------------------------------------------------------------ statements

    def statements(self, items: Sequence[Node | None], *, top: bool = False) -> Doc:
        nodes = [n for n in items if n is not None]
        parts: list[Doc] = []
        for index, node in enumerate(nodes):
            parts.append(_leading_comments(node.comments))
            parts.append(self.statement(node))
            if index < len(nodes) - 1:
                parts.append(HARDLINE)
                if node.blank_after:
                    parts.append(HARDLINE)
        if top:
            parts.append(HARDLINE)
        return parts

    def block(self, node: Node) -> Doc:
        if not node.kids:
            return "{}"
        return ["{", Indent([HARDLINE, self.statements(node.kids)]), HARDLINE, "}"]

    def statement(self, node: Node) -> Doc:  # noqa: C901 - one branch per statement
        kind = node.kind
        if kind == "import":
            return self.import_(node)
        if kind == "export_all":
            return ["export * from ", print_string(node.text), ";"]
        if kind == "export":
            return ["export ", self.statement(_kid(node, 0))]
        if kind == "var":
            return [self.variable(node), ";"]
        if kind == "function":
            return [
                "function ",
                node.text,
                self.function_signature(node),
                " ",
                self.block(_kid(node, 3)),
            ]
        if kind == "interface":
            return self.interface(node)
        if kind == "type_alias":
            return self.type_alias(node)
        if kind == "class":
            return self.class_(node)
        if kind == "if":
            return self.if_(node)
        if kind == "while":
            return ["while (", self.condition(_kid(node, 0), node), ") ", self.block(_kid(node, 1))]
        if kind == "for_of":
            target = self.pattern(_kid(node, 0))
            iterable = self.expr(_kid(node, 1), node, "right")
            return [
                "for (",
                node.text,
                " ",
                target,
                " of ",
                iterable,
                ") ",
                self.block(_kid(node, 2)),
            ]
        if kind == "try":
            return self.try_(node)
        if kind in ("return", "throw"):
            return self.return_(node)
        if kind == "expr_stmt":
            return [self.expr(_kid(node, 0), node, "expression"), ";"]
        raise LayoutError(f"no layout for statement {kind}")

    def import_(self, node: Node) -> Doc:
        """prettier's ``printModuleSpecifiers``."""
        names = [n.text for n in _kids(node)]
        keyword = "import type " if "type" in node.flags else "import "
        source: Doc = [" from ", print_string(node.text), ";"]
        if len(names) == 1:
            return [keyword, "{ ", names[0], " }", source]
        items: list[Doc] = list(names)
        specifiers = group(["{", Indent([LINE, join([",", LINE], items)]), IfBreak(","), LINE, "}"])
        return [keyword, specifiers, source]

    def pattern(self, node: Node) -> Doc:
        names = [n.text for n in _kids(node)]
        if node.kind == "array_pattern":
            return group(["[", Indent([SOFTLINE, join([",", LINE], names)]), SOFTLINE, "]"])
        if node.kind == "object_pattern":
            return group(["{", Indent([LINE, join([",", LINE], names)]), IfBreak(","), LINE, "}"])
        return node.text

    def condition(self, test: Node, owner: Node) -> Doc:
        return group([Indent([SOFTLINE, self.expr(test, owner, "test")]), SOFTLINE])

    def try_(self, node: Node) -> Doc:
        body, binding, handler, finalizer = node.kids
        assert body is not None
        parts: list[Doc] = ["try ", self.block(body)]
        if handler is not None:
            parts += [" catch ", ["(", binding.text, ") "] if binding is not None else ""]
            parts.append(self.block(handler))
        if finalizer is not None:
            parts += [" finally ", self.block(finalizer)]
        return parts

    def clause(self, node: Node, *, force_space: bool = False) -> Doc:
        """prettier's ``adjustClause``: a block after a space, a lone statement on
        the same line if it fits, else indented on the next."""
        if node.kind == "block":
            return [" ", self.block(node)]
        if force_space:
            return [" ", self.statement(node)]
        return Indent([LINE, self.statement(node)])

    def if_(self, node: Node) -> Doc:
        """prettier's ``printIfStatement``."""
        consequent = _kid(node, 1)
        test = self.condition(_kid(node, 0), node)
        parts: list[Doc] = [group(["if (", test, ")", self.clause(consequent)])]
        alternate = node.kids[2]
        if alternate is not None:
            parts.append(" " if consequent.kind == "block" else HARDLINE)
            is_if = alternate.kind == "if"
            parts += ["else", group(self.clause(alternate, force_space=is_if))]
        return parts

    def return_(self, node: Node) -> Doc:
        """prettier's ``printReturnOrThrowArgument``."""
        argument = node.kids[0]
        if argument is None:
            return [node.text, ";"]
        # `return (a && b)`: the parentheses are prettier's to add, when it breaks.
        argument = dataclasses.replace(argument, flags=argument.flags - {"parens"})
        printed = self.expr(argument, node, "argument")
        if _is_binaryish(argument):
            printed = group([IfBreak("("), Indent([SOFTLINE, printed]), SOFTLINE, IfBreak(")")])
        return [node.text, " ", printed, ";"]

    def variable(self, node: Node) -> Doc:
        target, annotation, init = node.kids
        assert target is not None
        left: list[Doc] = [self.pattern(target)]
        if "definite" in node.flags:
            left.append("!")
        if annotation is not None:
            left += [": ", self.type(annotation, node, "annotation")]
        return [node.text, " ", self.assignment(node, left, " =", init)]

    # ----------------------------------------------------------- assignments

    def assignment(self, node: Node, left: Doc, operator: str, right: Node | None) -> Doc:
        """prettier's ``printAssignment``: the layout decides where the line breaks."""
        if right is None:
            return left
        layout = self.choose_layout(node, left, right)
        right_doc = self.expr_or_type(right, node, "right", layout=layout)
        if layout == "break-after-operator":
            return group([group(left), operator, group(Indent([LINE, right_doc]))])
        if layout == "never-break-after-operator":
            return group([group(left), operator, " ", right_doc])
        if layout == "break-lhs":
            return group([left, operator, " ", group(right_doc)])
        group_id = new_id()
        return group(
            [
                group(left),
                operator,
                group(Indent(LINE), id=group_id),
                IndentIfBreak(right_doc, group_id),
            ]
        )

    def choose_layout(self, node: Node, left: Doc, right: Node) -> str:
        """prettier's ``chooseLayout`` (without assignment chains: refused)."""
        if right.kind == "assign" and not _has_parens(right):
            raise LayoutError("no layout for assignment chains (a = b = c)")
        if right.kind == "tunion" and not self.should_hug_union(right):
            return "break-after-operator"
        can_break_left = can_break(left)
        if node.kind == "var" and right.kind == "arrow" and can_break_left:
            return "break-lhs"
        if node.kind == "var" and self.has_complex_type_annotation(node):
            return "break-lhs"
        has_short_key = node.kind == "prop" and isinstance(left, str) and len(left) < TAB_WIDTH + 3
        if self.should_break_after_operator(right, has_short_key):
            return "break-after-operator"
        if node.kind == "type_alias" and self.is_complex_type_alias_params(node):
            return "break-lhs"
        if not can_break_left and (
            has_short_key
            or right.kind == "num"
            or (right.text in ("true", "false") and right.kind == "name")
        ):
            return "never-break-after-operator"
        return "fluid"

    def has_complex_type_annotation(self, node: Node) -> bool:
        annotation = node.kids[1]
        if annotation is None or annotation.kind != "tref" or not annotation.kids:
            return False
        arguments = _kids(_kid(annotation, 0))
        return len(arguments) > 1 and any((a.kind == "tref" and bool(a.kids)) for a in arguments)

    def is_complex_type_alias_params(self, node: Node) -> bool:
        params = node.kids[0]
        if params is None:
            return False
        items = _kids(params)
        return len(items) > 1 and any(p.kids[0] is not None or p.kids[1] is not None for p in items)

    def should_break_after_operator(self, right: Node, has_short_key: bool) -> bool:
        """prettier's ``shouldBreakAfterOperator``."""
        if _is_binaryish(right) and not _should_inline_logical(right):
            return True
        if right.kind == "cond" and not _has_parens(right):
            test = _kid(right, 0)
            return _is_binaryish(test) and not _should_inline_logical(test)
        if has_short_key:
            return False
        node = right
        while node.kind in ("unary", "nonnull") and not _has_parens(node):
            node = _kid(node, 0)
        return _is_string(node) or self.is_poorly_breakable_chain(node)

    def is_poorly_breakable_chain(self, node: Node, deep: bool = False) -> bool:
        """prettier's ``isPoorlyBreakableMemberOrCallChain``."""
        if _has_parens(node):
            return False
        if node.kind == "call":
            if self.is_member_chain(node) and self.is_long_member_chain(node):
                return False
            arguments = _kids(node, 2)
            poorly = not arguments or (
                len(arguments) == 1 and _is_lone_short_argument(arguments[0])
            )
            if not poorly:
                return False
            type_args = node.kids[1]
            if type_args is not None and self.is_complex_type_arguments(type_args):
                return False
            return self.is_poorly_breakable_chain(_kid(node, 0), True)
        if node.kind in _MEMBERISH:
            return self.is_poorly_breakable_chain(_kid(node, 0), True)
        return deep and node.kind == "name"

    def is_complex_type_arguments(self, type_args: Node) -> bool:
        items = _kids(type_args)
        if len(items) > 1:
            return True
        if len(items) == 1 and items[0].kind in ("tunion", "tinter", "tobject"):
            return True
        return will_break(self.type_arguments(type_args, None))

    # ----------------------------------------------------------- expressions

    def expr_or_type(self, node: Node, parent: Node, role: str, layout: str = "") -> Doc:
        if node.kind in TYPE_KINDS:
            return self.type(node, parent, role, layout=layout)
        return self.expr(node, parent, role, layout=layout)

    def expr(
        self, node: Node, parent: Node | None, role: str, *, layout: str = "", expand: str = ""
    ) -> Doc:
        doc = self.expression(node, _Parent(parent, role), layout, expand)
        if _has_parens(node):
            return ["(", doc, ")"]
        return doc

    def expression(self, node: Node, parent: _Parent, layout: str, expand: str) -> Doc:
        handler = _EXPRESSIONS.get(node.kind)
        if handler is None:
            raise LayoutError(f"no layout for expression {node.kind}")
        return handler(self, node, parent, layout, expand)

    def member_expression(self, node: Node) -> Doc:
        return [self.expr(_kid(node, 0), node, "object"), self.member_lookup(node)]

    def unary(self, node: Node) -> Doc:
        separator = " " if node.text.isalpha() else ""
        return [node.text, separator, self.expr(_kid(node, 0), node, "argument")]

    def cast(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printBinaryCastExpression`` (``x as T``)."""
        parts: list[Doc] = [
            self.expr(_kid(node, 0), node, "expression"),
            f" {node.text} ",
            self.type(_kid(node, 1), node, "type"),
        ]
        if (parent.role == "callee" and parent.kind in _CALLS) or (
            parent.role == "object" and parent.kind in _MEMBERISH
        ):
            return group([Indent([SOFTLINE, *parts]), SOFTLINE])
        return parts

    def assign(self, node: Node) -> Doc:
        left = self.expr(_kid(node, 0), node, "left")
        return self.assignment(node, left, " " + node.text, _kid(node, 1))

    def member_lookup(self, node: Node) -> Doc:
        optional = "?." if "optional" in node.flags else ""
        if node.kind == "member":
            return [optional or ".", _kid(node, 1).text]
        index = _kid(node, 1)
        printed = self.expr(index, node, "property")
        if index.kind in ("num", "str"):
            return [optional, "[", printed, "]"]
        return group([optional, "[", Indent([SOFTLINE, printed]), SOFTLINE, "]"])

    def array(self, node: Node) -> Doc:
        """prettier's ``printArrayItems`` for the arrays the generator writes."""
        items = _kids(node)
        if not items:
            return "[]"
        printed = join([",", LINE], [self.expr(i, node, "elements") for i in items])
        should_break = len(items) > 1 and all(
            i.kind in ("object", "array") and len(i.kids) > 1 for i in items
        )
        return group(
            ["[", Indent([SOFTLINE, printed]), IfBreak(","), SOFTLINE, "]"], broken=should_break
        )

    def object(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printObject`` (``{}`` literals): expanded if the source was."""
        members = [m for m in node.kids if m is not None]
        if not members:
            return "{}"
        parts: list[Doc] = []
        for index, member in enumerate(members):
            if index:
                parts += [",", LINE]
                if members[index - 1].blank_after:
                    parts.append(HARDLINE)
            parts += [_leading_comments(member.comments), self.property(member, node)]
        return group(["{", Indent([LINE, parts]), IfBreak(","), LINE, "}"], broken=node.broken)

    def property(self, node: Node, owner: Node) -> Doc:
        if node.kind == "spread":
            return self.expr(node, owner, "properties")
        key = print_string(node.text) if node.text[:1] in "\"'" else node.text
        if node.kind == "method_prop":
            prefix = "get " if "get" in node.flags else ""
            return [prefix, key, self.function_signature(node), " ", self.block(_kid(node, 3))]
        if "shorthand" in node.flags:
            return key
        return self.assignment(node, key, ":", _kid(node, 0))

    # ------------------------------------------------------------- functions

    def function_signature(self, node: Node, *, expand: bool = False) -> Doc:
        """Type parameters, parameters and return type (prettier's ``printFunction``
        with ``shouldGroupFunctionParameters``)."""
        type_params, params, returns = node.kids[0], _kid(node, 1), node.kids[2]
        return_doc: Doc = (
            [": ", self.type(returns, node, "returnType")] if returns is not None else ""
        )
        params_doc = self.parameters(params, node, expand=expand)
        if self.should_group_parameters(node, return_doc):
            params_doc = group(params_doc)
        type_doc = self.type_parameters(type_params, node) if type_params is not None else ""
        return [type_doc, group([params_doc, return_doc])]

    def should_group_parameters(self, node: Node, return_doc: Doc) -> bool:
        """prettier's ``shouldGroupFunctionParameters``."""
        type_params = node.kids[0]
        if type_params is not None:
            items = _kids(type_params)
            if len(items) > 1 or any(p.kids[0] is not None or p.kids[1] is not None for p in items):
                return False
        returns = node.kids[2]
        return len(_kid(node, 1).kids) == 1 and (
            (returns is not None and _is_object_type(returns)) or will_break(return_doc)
        )

    def parameters(self, params: Node, function: Node, *, expand: bool = False) -> Doc:
        """prettier's ``printFunctionParameters``."""
        items = _kids(params)
        if not items:
            return "()"
        hug = self.should_hug_only_parameter(items)
        if hug:
            self.hugged_parameters.add(id(items[0]))
        printed = [self.parameter(p, params) for p in items]
        if expand:
            return group(["(", join(", ", [_remove_lines(p) for p in printed]), ")"])
        if hug:
            return ["(", printed[0], ")"]
        rest = "rest" in items[-1].flags
        return [
            "(",
            Indent([SOFTLINE, join([",", LINE], printed)]),
            "" if rest else IfBreak(","),
            SOFTLINE,
            ")",
        ]

    def should_hug_only_parameter(self, items: Sequence[Node]) -> bool:
        if len(items) != 1:
            return False
        annotation, default, pattern = items[0].kids
        if pattern is not None:
            return True
        return annotation is not None and default is None and _is_object_type(annotation)

    def parameter(self, node: Node, owner: Node) -> Doc:
        annotation, default, pattern = node.kids
        name = self.pattern(pattern) if pattern is not None else node.text
        parts: list[Doc] = ["..." if "rest" in node.flags else "", name]
        if "optional" in node.flags:
            parts.append("?")
        if annotation is not None:
            parts += [": ", self.type(annotation, node, "annotation")]
        if default is not None:
            parts += [" = ", self.expr(default, node, "right")]
        return parts

    def arrow(self, node: Node, parent: _Parent, layout: str, expand: str) -> Doc:
        """prettier's ``printArrowFunction``."""
        chain = [node]
        while (
            not expand
            and _kid(chain[-1], 3).kind == "arrow"
            and not _has_parens(_kid(chain[-1], 3))
        ):
            chain.append(_kid(chain[-1], 3))
        if len(chain) > 1:
            return self.arrow_chain(chain, parent, layout)
        body = _kid(node, 3)
        signature = self.function_signature(node, expand=bool(expand))
        same_line = body.kind in ("array", "object", "block", "arrow") or body.kind == "cond"
        return group(
            [group(signature), " =>", group(self.arrow_body(node, body, same_line, expand))]
        )

    def arrow_body(self, owner: Node, body: Node, same_line: bool, expand: str) -> Doc:
        """prettier's ``printArrowFunctionBody``: a conditional gets parentheses when
        it stays on the arrow's line."""
        trailing_comma: Doc = IfBreak(",") if expand == "last" else ""
        trailing_space: Doc = SOFTLINE if expand == "last" else ""
        if body.kind == "block":
            return [" ", self.block(body)]
        if body.kind == "cond":  # its own parentheses, if any, are prettier's to add
            body_doc = self.expression(body, _Parent(owner, "body"), "", expand)
            if same_line:
                wrapped: list[Doc] = [
                    IfBreak("", "("),
                    Indent([SOFTLINE, body_doc]),
                    IfBreak("", ")"),
                ]
                return [" ", group([*wrapped, trailing_comma, trailing_space])]
        else:
            body_doc = self.expr(body, owner, "body", expand=expand)
        if same_line:
            return [" ", body_doc]
        return [Indent([LINE, body_doc]), trailing_comma, trailing_space]

    def arrow_chain(self, chain: list[Node], parent: _Parent, layout: str) -> Doc:
        """prettier's ``printArrowFunction`` for ``(a) => (b) => body``: the
        signatures one per line when they break, the body indented below them."""
        signatures = [group(self.function_signature(a)) for a in chain]
        should_break = any(_breaks_arrow_chain(a) for a in chain)
        last = chain[-1]
        body = _kid(last, 3)
        same_line = body.kind in ("array", "object", "block", "arrow") or (
            body.kind == "cond" and not should_break
        )
        is_callee = parent.role == "callee" and parent.kind in _CALLS
        joined = join([" =>", LINE], signatures)
        if (not is_callee and parent.kind in _CALLS) or parent.kind == "binary":
            rest = join([" =>", LINE], signatures[1:])
            listed: Doc = group([signatures[0], " =>", Indent([LINE, rest])], broken=should_break)
        elif is_callee or layout:
            listed = group(joined, broken=should_break)
        else:
            listed = group(Indent(joined), broken=should_break)
        chain_id = new_id()
        heading = Indent([SOFTLINE, listed]) if is_callee or layout else listed
        return group(
            [
                group(heading, broken=is_callee and not same_line, id=chain_id),
                " =>",
                IndentIfBreak(self.arrow_body(last, body, same_line, ""), chain_id),
                IfBreak(SOFTLINE, "", chain_id) if is_callee else "",
            ]
        )

    # ----------------------------------------------------------------- calls

    def is_member_chain(self, node: Node) -> bool:
        return (
            node.kind == "call"
            and _kid(node, 0).kind in _MEMBERISH
            and not _has_parens(_kid(node, 0))
        )

    def call(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printCallExpression``."""
        if self.is_member_chain(node):
            return self.member_chain(node, parent)
        callee = self.expr(_kid(node, 0), node, "callee")
        type_args = node.kids[1]
        contents: list[Doc] = [
            "new " if node.kind == "new" else "",
            callee,
            "?." if "optional" in node.flags else "",
            self.type_arguments(type_args, node) if type_args is not None else "",
            self.call_arguments(node),
        ]
        if _kid(node, 0).kind in _CALLS:
            return group(contents)
        return contents

    def call_arguments(self, node: Node) -> Doc:
        """prettier's ``printCallArguments``: hug a last (or first) function or object."""
        arguments = _kids(node, 2)
        if not arguments:
            return "()"
        printed = [self.expr(a, node, "arguments") for a in arguments]
        separated = [[doc, ",", LINE] for doc in printed[:-1]]

        def all_broken_out() -> Doc:
            return group(
                ["(", Indent([LINE, *separated, printed[-1]]), IfBreak(","), LINE, ")"], broken=True
            )

        if _is_function_composition(arguments):
            return all_broken_out()
        if self.should_expand_first(arguments):
            tail = printed[1:]
            if any(will_break(t) for t in tail):
                return all_broken_out()
            first = self.expr(arguments[0], node, "arguments", expand="first")
            head: list[Doc] = ["(", group(first, broken=True), ", ", *tail, ")"]
            if will_break(first):
                return [BREAK_PARENT, conditional_group([head, all_broken_out()])]
            return conditional_group([["(", first, ", ", *tail, ")"], head, all_broken_out()])
        if self.should_expand_last(arguments):
            heads = [[doc, ",", LINE] for doc in printed[:-1]]
            if any(will_break(h) for h in printed[:-1]):
                return all_broken_out()
            last = self.expr(arguments[-1], node, "arguments", expand="last")
            hugged: list[Doc] = ["(", *heads, group(last, broken=True), ")"]
            if will_break(last):
                return [BREAK_PARENT, conditional_group([hugged, all_broken_out()])]
            return conditional_group([["(", *heads, last, ")"], hugged, all_broken_out()])
        contents: Doc = [
            "(",
            Indent([SOFTLINE, *separated, printed[-1]]),
            IfBreak(","),
            SOFTLINE,
            ")",
        ]
        return group(contents, broken=any(will_break(p) for p in printed))

    def should_expand_first(self, arguments: Sequence[Node]) -> bool:
        if len(arguments) != 2:
            return False
        first, second = arguments
        return (
            first.kind == "arrow"
            and _kid(first, 3).kind == "block"
            and second.kind not in ("arrow", "cond")
            and not _could_expand_argument(second)
            and second.kind in ("name", "num", "str")
        )

    def should_expand_last(self, arguments: Sequence[Node]) -> bool:
        last = arguments[-1]
        penultimate = arguments[-2] if len(arguments) > 1 else None
        return (
            _could_expand_argument(last)
            and (penultimate is None or penultimate.kind != last.kind)
            and (
                len(arguments) != 2
                or penultimate is None
                or penultimate.kind != "arrow"
                or last.kind != "array"
            )
            and not (len(arguments) > 1 and last.kind == "array" and self.is_concise_array(last))
        )

    @staticmethod
    def is_concise_array(node: Node) -> bool:
        items = _kids(node)
        return len(items) > 1 and all(
            i.kind == "num" or (i.kind == "unary" and i.text in "+-" and _kid(i, 0).kind == "num")
            for i in items
        )

    @staticmethod
    def chain_links(node: Node) -> list[Node]:
        """The links of a member chain, head first (prettier's ``printedNodes``): the
        calls, member accesses and ``!`` down to the object the chain starts from."""
        links: list[Node] = []
        current = node
        while True:
            links.insert(0, current)
            if current is not node and _has_parens(current):
                return links
            if (
                current.kind == "call"
                and (current is node or _kid(current, 0).kind in (*_MEMBERISH, "call"))
            ) or current.kind in (*_MEMBERISH, "nonnull"):
                current = _kid(current, 0)
            else:
                return links

    def link_doc(self, link: Node, owner: Node | None) -> Doc:
        """One link printed: a call's arguments, a member access, ``!``; the head
        (``owner`` is the link it is the object of) printed whole."""
        if owner is not None:
            return self.expr(link, owner, "object")
        if link.kind == "call":
            type_args = link.kids[1]
            return [
                "?." if "optional" in link.flags else "",
                self.type_arguments(type_args, link) if type_args is not None else "",
                self.call_arguments(link),
            ]
        if link.kind in _MEMBERISH:
            return self.member_lookup(link)
        return "!"

    @staticmethod
    def chain_groups(node: Node, *, statement: bool = False) -> tuple[list[list[Node]], bool]:
        """The chain cut into prettier's groups, and whether the first two merge."""
        links = _Printer.chain_links(node)
        first = [links[0]]
        index = 1
        while index < len(links) and (
            links[index].kind in ("call", "nonnull")
            or (links[index].kind == "index" and _kid(links[index], 1).kind == "num")
        ):
            first.append(links[index])
            index += 1
        if links[0].kind != "call":
            while (
                index + 1 < len(links)
                and links[index].kind in _MEMBERISH
                and links[index + 1].kind in _MEMBERISH
            ):
                first.append(links[index])
                index += 1
        groups = [first]
        current: list[Node] = []
        seen_call = False
        for link in links[index:]:
            if seen_call and link.kind in _MEMBERISH:
                if link.kind == "index" and _kid(link, 1).kind == "num":
                    current.append(link)
                    continue
                groups.append(current)
                current, seen_call = [], False
            if link.kind == "call":
                seen_call = True
            current.append(link)
        if current:
            groups.append(current)
        return groups, len(groups) >= 2 and _should_not_wrap(groups, statement)

    def is_long_member_chain(self, node: Node) -> bool:
        """More groups than prettier's cutoff: laid out by ``member_chain``'s rules."""
        groups, merge = self.chain_groups(node)
        return len(groups) > (3 if merge else 2)

    def member_chain(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printMemberChain``."""
        groups, merge = self.chain_groups(node, statement=parent.kind == "expr_stmt")
        links = [link for g in groups for link in g]
        head, owner = links[0], links[1]
        printed_groups: list[Doc] = [
            [self.link_doc(n, owner if n is head else None) for n in g] for g in groups
        ]
        one_line: Doc = printed_groups
        if len(groups) <= (3 if merge else 2):
            return group(one_line)
        rest = printed_groups[2 if merge else 1 :]
        expanded: Doc = [
            printed_groups[0],
            printed_groups[1] if merge else "",
            Indent([HARDLINE, join(HARDLINE, rest)]),
        ]
        calls = [n for n in links if n.kind == "call"]
        if (
            (
                len(calls) > 2
                and any(not _is_simple_call_argument(a) for c in calls for a in _kids(c, 2))
            )
            or any(will_break(g) for g in printed_groups[:-1])
            or self.last_group_breaks_after_function_arguments(groups, printed_groups, calls)
        ):
            return group(expanded)
        return [
            BREAK_PARENT if will_break(one_line) else "",
            conditional_group([one_line, expanded]),
        ]

    @staticmethod
    def last_group_breaks_after_function_arguments(
        groups: list[list[Node]], printed: list[Doc], calls: list[Node]
    ) -> bool:
        last = groups[-1][-1]
        return (
            last.kind == "call"
            and will_break(printed[-1])
            and any(a.kind == "arrow" for c in calls[:-1] for a in _kids(c, 2))
        )

    # ------------------------------------------------------------- operators

    def binaryish(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printBinaryishExpression``."""
        inside_parens = parent.kind in ("if", "while") and parent.role == "test"
        parts = self.binary_parts(node, inside_parens, nested=False)
        if inside_parens:
            return parts
        owner = parent.node
        if not _has_parens(node) and (
            (parent.role == "callee" and parent.kind in _CALLS)
            or parent.kind == "unary"
            or (parent.kind == "member" and parent.role == "object")
        ):
            return group([Indent([SOFTLINE, *parts]), SOFTLINE])
        should_not_indent = (
            parent.kind in ("return", "throw")
            or (parent.kind == "arrow" and parent.role == "body")
            or (
                parent.kind == "cond"
                and owner is not None
                and self._conditional_outside_call(owner)
            )
        )
        indent_if_inlining = parent.kind in ("assign", "var", "field", "prop")
        same_precedence_left = _is_binaryish(_kid(node, 0)) and _should_flatten(
            node.text, _kid(node, 0).text
        )
        inline = _should_inline_logical(node)
        if (
            should_not_indent
            or (inline and not same_precedence_left)
            or (not inline and indent_if_inlining)
        ):
            return group(parts)
        first_group = next((i for i, p in enumerate(parts) if isinstance(p, Group)), -1)
        head = parts[: 1 if first_group == -1 else first_group + 1]
        return group([*head, Indent(parts[len(head) :])])

    def _conditional_outside_call(self, conditional: Node) -> bool:
        grand = self.conditional_parents.get(id(conditional))
        return grand not in ("return", "throw", "call", "new")

    def binary_parts(self, node: Node, inside_parens: bool, *, nested: bool) -> list[Doc]:
        """prettier's ``printBinaryishExpressions``: a flat list for one operator level."""
        left = _kid(node, 0)
        right = _kid(node, 1)
        parts: list[Doc]
        if _is_binaryish(left) and _should_flatten(node.text, left.text):
            parts = self.binary_parts(left, inside_parens, nested=True)
        else:
            parts = [group(self.expr(left, node, "left"))]
        inline = _should_inline_logical(node)
        right_doc = self.expr(right, node, "right")
        right_part: Doc = [node.text, " ", right_doc] if inline else [node.text, LINE, right_doc]
        should_group = (
            not (inside_parens and _is_logical(node))
            and not nested
            and not (
                _is_binaryish(left) and left.kind == node.kind and _same_kind_binary(left, node)
            )
            and not (_is_binaryish(right) and _same_kind_binary(right, node))
        )
        parts += [" ", group(right_part) if should_group else right_part]
        return parts

    def conditional(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printTernaryOld`` for a conditional that is not nested."""
        test, consequent, alternate = _kid(node, 0), _kid(node, 1), _kid(node, 2)
        if consequent.kind == "cond" or alternate.kind == "cond":
            raise LayoutError("no layout for nested conditional expressions")
        self.conditional_parents[id(node)] = parent.kind
        parts: list[Doc] = [
            LINE,
            "? ",
            Align(2, self.expr(consequent, node, "consequent")),
            LINE,
            ": ",
            Align(2, self.expr(alternate, node, "alternate")),
        ]
        break_closing = parent.kind == "member" and parent.role == "object"
        return group(
            [self.expr(test, node, "test"), Indent(parts), SOFTLINE if break_closing else ""]
        )

    # ----------------------------------------------------------- declarations

    def interface(self, node: Node) -> Doc:
        """prettier's ``printClass`` for an interface: several heritage types (or a
        dotted one) are printed "in group mode", moving ``extends`` to its own line
        when the heading does not fit; one plain type stays on the heading's line."""
        type_params, heritage, body = node.kids[0], _kid(node, 1), _kid(node, 2)
        heading: list[Doc] = [" ", node.text]
        if type_params is not None:
            heading.append(self.type_parameters(type_params, node))
        bases = _kids(heritage)
        printed = [self.type(h, node, "extends") for h in bases]
        if len(bases) > 1:
            listed = group(Indent([LINE, join([",", LINE], printed)]))
            heading = [group([*heading, Indent([LINE, "extends", listed])])]
        elif bases and "." in bases[0].text and not bases[0].kids:
            heading = [group([*heading, Indent([LINE, group(["extends ", printed[0]])])])]
        elif bases:
            heading += [" extends ", printed[0]]
        return ["interface", *heading, " ", self.members_block(_kids(body), body)]

    def members_block(self, members: Sequence[Node], owner: Node) -> Doc:
        """An interface or class body: one member per line, blank lines kept."""
        if not members:
            return "{}"
        parts: list[Doc] = []
        for index, member in enumerate(members):
            parts += [_leading_comments(member.comments), self.member(member, owner)]
            if index < len(members) - 1:
                parts.append(HARDLINE)
                if member.blank_after:
                    parts.append(HARDLINE)
        return ["{", Indent([HARDLINE, parts]), HARDLINE, "}"]

    def member(self, node: Node, owner: Node) -> Doc:
        kind = node.kind
        if kind in ("tprop", "tmethod", "tindex", "tmapped"):
            return [self.type_member(node, owner), ";"]
        if kind == "field":
            return self.field(node)
        if kind == "method":
            return [node.text, self.function_signature(node), " ", self.block(_kid(node, 3))]
        raise LayoutError(f"no layout for member {kind}")

    def field(self, node: Node) -> Doc:
        annotation, init = node.kids
        left: list[Doc] = ["readonly " if "readonly" in node.flags else "", node.text]
        if "optional" in node.flags:
            left.append("?")
        if annotation is not None:
            left += [": ", self.type(annotation, node, "annotation")]
        return [self.assignment(node, left, " =", init), ";"]

    def type_alias(self, node: Node) -> Doc:
        type_params = node.kids[0]
        left: list[Doc] = ["type ", node.text]
        if type_params is not None:
            left.append(self.type_parameters(type_params, node))
        return [self.assignment(node, left, " =", _kid(node, 1)), ";"]

    def class_(self, node: Node) -> Doc:
        parent, body = node.kids[0], _kid(node, 1)
        heading: list[Doc] = ["class ", node.text]
        if parent is not None:
            heading += [" extends ", self.expr(parent, node, "superClass")]
        return [heading, " ", self.members_block(_kids(body), body)]

    # ----------------------------------------------------------------- types

    def type(self, node: Node, parent: Node | None, role: str, *, layout: str = "") -> Doc:
        doc = self.type_doc(node, _Parent(parent, role), layout)
        if _has_parens(node):
            return ["(", doc, ")"]
        return doc

    def type_doc(self, node: Node, parent: _Parent, layout: str) -> Doc:
        handler = _TYPES.get(node.kind)
        if handler is None:
            raise LayoutError(f"no layout for type {node.kind}")
        return handler(self, node, parent, layout)

    def type_reference(self, node: Node) -> Doc:
        return [node.text, self.type_arguments(_kid(node, 0), node) if node.kids else ""]

    def tuple_type(self, node: Node) -> Doc:
        items = [self.type(i, node, "elementTypes") for i in _kids(node)]
        return group(
            ["[", Indent([SOFTLINE, join([",", LINE], items)]), IfBreak(","), SOFTLINE, "]"]
        )

    def type_arguments(self, node: Node, owner: Node | None) -> Doc:
        """prettier's ``printTypeParameters`` for ``<A, B>`` after a name or call."""
        items = _kids(node)
        printed = [self.type(i, node, "params") for i in items]
        if not items or (len(items) == 1 and self.should_hug_type(items[0])):
            return ["<", join(", ", printed), ">"]
        return group(["<", Indent([SOFTLINE, join([",", LINE], printed)]), SOFTLINE, ">"])

    def type_parameters(self, node: Node, owner: Node) -> Doc:
        """prettier's ``printTypeParameters`` for declarations (trailing comma when broken)."""
        printed: list[Doc] = []
        for param in _kids(node):
            constraint, default = param.kids
            doc: list[Doc] = [param.text]
            if constraint is not None:
                doc += [" extends ", self.type(constraint, param, "constraint")]
            if default is not None:
                doc += [" = ", self.type(default, param, "default")]
            printed.append(doc)
        return group(
            ["<", Indent([SOFTLINE, join([",", LINE], printed)]), IfBreak(","), SOFTLINE, ">"]
        )

    def should_hug_type(self, node: Node) -> bool:
        if _has_parens(node):
            return False
        if _is_simple_type(node) or _is_object_type(node):
            return True
        return node.kind == "tunion" and self.should_hug_union(node)

    @staticmethod
    def should_hug_union(node: Node) -> bool:
        """prettier's ``shouldHugUnionType``: one object-like member (a type literal
        or a reference, not a keyword type) and only ``void``/``null`` besides."""
        types = _kids(node)
        objects = [t for t in types if _is_object_like_type(t)]
        if len(objects) != 1:
            return False
        return all(t is objects[0] or _is_void_type(t) for t in types)

    def union(self, node: Node, parent: _Parent, layout: str) -> Doc:
        """prettier's ``printUnionType``."""
        printed = [self.type(t, node, "types") for t in _kids(node)]
        if self.should_hug_union(node):
            return join(" | ", printed)
        members: list[Doc] = [IfBreak("| ")]
        for index, doc in enumerate(printed):
            if index:
                members += [LINE, "| "]
            members.append(Align(2, doc))
        union = group(members)
        if _has_parens(node):
            return group([Indent([SOFTLINE, union]), SOFTLINE])
        if layout == "break-after-operator" or not self.should_indent_union(parent):
            return union
        return group(Indent([SOFTLINE, union]))

    @staticmethod
    def should_indent_union(parent: _Parent) -> bool:
        return not (parent.kind == "targs" or parent.kind == "ttuple")

    def intersection(self, node: Node) -> Doc:
        """prettier's ``printIntersectionType``."""
        types = _kids(node)
        parts: list[Doc] = []
        was_indented = False
        for index, member in enumerate(types):
            doc = self.type(member, node, "types")
            if index == 0:
                parts.append(doc)
                continue
            current, previous = _is_object_type(member), _is_object_type(types[index - 1])
            if previous and current:
                parts.append([" & ", Indent(doc) if was_indented else doc])
            elif not previous and not current:
                parts.append(Indent([" &", LINE, doc]))
            else:
                if index > 1:
                    was_indented = True
                parts.append([" & ", Indent(doc) if index > 1 else doc])
        return group(parts)

    def function_type(self, node: Node) -> Doc:
        """prettier's ``printFunctionType``: ``(a: A) => R``."""
        type_params, params, returns = node.kids[0], _kid(node, 1), _kid(node, 2)
        params_doc = self.parameters(params, node)
        return_doc: Doc = [" => ", self.type(returns, node, "returnType")]
        if len(params.kids) == 1 and (_is_object_type(returns) or will_break(return_doc)):
            params_doc = group(params_doc)
        type_doc = self.type_parameters(type_params, node) if type_params is not None else ""
        return group([type_doc, params_doc, return_doc])

    def type_object(self, node: Node, parent: _Parent) -> Doc:
        """prettier's ``printObject`` for type literals (``;`` between members)."""
        members = _kids(node)
        if not members:
            return "{}"
        if len(members) == 1 and members[0].kind == "tmapped":
            return self.mapped_type(members[0], node)
        parts: list[Doc] = []
        for index, member in enumerate(members):
            if index:
                parts += [IfBreak(";", ";"), LINE]
                if members[index - 1].blank_after:
                    parts.append(HARDLINE)
            parts += [_leading_comments(member.comments), self.type_member(member, node)]
        content: Doc = ["{", Indent([LINE, parts]), IfBreak(";"), LINE, "}"]
        if parent.role == "annotation" and id(parent.node) in self.hugged_parameters:
            return content
        return group(content, broken=node.broken)

    def mapped_type(self, node: Node, owner: Node) -> Doc:
        """prettier's ``printTypescriptMappedType``."""
        constraint, value = _kid(node, 0), _kid(node, 1)
        readonly = "readonly " if "readonly" in node.flags else ""
        optional = "?" if "optional" in node.flags else ""
        body = [
            readonly,
            "[",
            node.text,
            " in ",
            self.type(constraint, node, "constraint"),
            "]",
            optional,
            ": ",
            self.type(value, node, "typeAnnotation"),
        ]
        return group(
            ["{", Indent([LINE, group(body), IfBreak(";")]), LINE, "}"], broken=owner.broken
        )

    def type_member(self, node: Node, owner: Node) -> Doc:
        kind = node.kind
        readonly = "readonly " if "readonly" in node.flags else ""
        optional = "?" if "optional" in node.flags else ""
        key = print_string(node.text) if node.text[:1] in "\"'" else node.text
        if kind == "tprop":
            return [readonly, key, optional, ": ", self.type(_kid(node, 0), node, "typeAnnotation")]
        if kind == "tmethod":
            return [key, optional, self.function_signature(node)]
        if kind == "tindex":
            key_type, value = _kid(node, 0), _kid(node, 1)
            return [
                readonly,
                "[",
                node.text,
                ": ",
                self.type(key_type, node, "key"),
                "]: ",
                self.type(value, node, "typeAnnotation"),
            ]
        if kind == "tmapped":
            raise LayoutError("no layout for a mapped type beside other members")
        raise LayoutError(f"no layout for type member {kind}")


def _breaks_arrow_chain(arrow: Node) -> bool:
    """An arrow of a chain that forces the chain's signatures onto lines of their own:
    a return type after parameters, type parameters, or a parameter that is not a
    plain name (a default or a rest)."""
    params = _kids(_kid(arrow, 1))
    return (
        (arrow.kids[2] is not None and bool(params))
        or arrow.kids[0] is not None
        or any(p.kids[1] is not None or p.kids[2] is not None or "rest" in p.flags for p in params)
    )


def _is_function_composition(arguments: Sequence[Node]) -> bool:
    """prettier's ``isFunctionCompositionArguments``: ``f(g, h)`` with two functions,
    or a call among the arguments that itself takes a function."""
    if len(arguments) <= 1:
        return False
    functions = 0
    for argument in arguments:
        if argument.kind == "arrow":
            functions += 1
            if functions > 1:
                return True
        elif argument.kind in _CALLS and any(a.kind == "arrow" for a in _kids(argument, 2)):
            return True
    return False


def _should_not_wrap(groups: list[list[Node]], statement: bool) -> bool:
    """prettier's ``shouldNotWrap``: the chain's first call stays on the head's line
    (``this.x``, ``Factory.create``, a short name in a statement)."""
    has_computed = bool(groups[1]) and groups[1][0].kind == "index"
    if len(groups[0]) == 1:
        head = groups[0][0]
        return head.kind == "name" and (
            head.text == "this"
            or _is_factory(head.text)
            or (statement and len(head.text) <= TAB_WIDTH)
            or has_computed
        )
    last = groups[0][-1]
    return last.kind == "member" and (_is_factory(_kid(last, 1).text) or has_computed)


def _is_factory(name: str) -> bool:
    return bool(re.match(r"^[A-Z]|^[$_]+$", name))


def _same_kind_binary(a: Node, b: Node) -> bool:
    """ESTree tells logical (``&&``, ``||``, ``??``) from binary expressions."""
    return _is_logical(a) == _is_logical(b)


def _remove_lines(doc: Doc) -> Doc:
    """prettier's ``removeLines``: every soft break flat (hard lines stay)."""
    if isinstance(doc, str):
        return doc
    if isinstance(doc, list):
        return [_remove_lines(d) for d in doc]
    if isinstance(doc, Line):
        return doc if doc.hard else ("" if doc.soft else " ")
    if isinstance(doc, IfBreak):
        return _remove_lines(doc.flat)
    if isinstance(doc, Group):
        return Group(_remove_lines(doc.contents), doc.broken, None, doc.id)
    if isinstance(doc, Indent):
        return Indent(_remove_lines(doc.contents))
    if isinstance(doc, Align):
        return Align(doc.width, _remove_lines(doc.contents))
    if isinstance(doc, IndentIfBreak):
        return IndentIfBreak(_remove_lines(doc.contents), doc.group_id)
    return doc


_Expression: TypeAlias = Callable[[_Printer, Node, _Parent, str, str], Doc]
_EXPRESSIONS: dict[str, _Expression] = {
    "name": lambda p, node, parent, layout, expand: node.text,
    "regex": lambda p, node, parent, layout, expand: node.text,
    "num": lambda p, node, parent, layout, expand: print_number(node.text),
    "str": lambda p, node, parent, layout, expand: print_string(node.text),
    "binary": lambda p, node, parent, layout, expand: p.binaryish(node, parent),
    "call": lambda p, node, parent, layout, expand: p.call(node, parent),
    "new": lambda p, node, parent, layout, expand: p.call(node, parent),
    "member": lambda p, node, parent, layout, expand: p.member_expression(node),
    "index": lambda p, node, parent, layout, expand: p.member_expression(node),
    "nonnull": lambda p, node, parent, layout, expand: [
        p.expr(_kid(node, 0), node, "expression"),
        "!",
    ],
    "object": lambda p, node, parent, layout, expand: p.object(node, parent),
    "array": lambda p, node, parent, layout, expand: p.array(node),
    "arrow": lambda p, node, parent, layout, expand: p.arrow(node, parent, layout, expand),
    "cond": lambda p, node, parent, layout, expand: p.conditional(node, parent),
    "unary": lambda p, node, parent, layout, expand: p.unary(node),
    "as": lambda p, node, parent, layout, expand: p.cast(node, parent),
    "assign": lambda p, node, parent, layout, expand: p.assign(node),
    "spread": lambda p, node, parent, layout, expand: [
        "...",
        p.expr(_kid(node, 0), node, "argument"),
    ],
}

_Type: TypeAlias = Callable[[_Printer, Node, _Parent, str], Doc]
_TYPES: dict[str, _Type] = {
    "tref": lambda p, node, parent, layout: p.type_reference(node),
    "tliteral": lambda p, node, parent, layout: (
        print_string(node.text) if node.text[:1] in "\"'" else print_number(node.text)
    ),
    "tunion": lambda p, node, parent, layout: p.union(node, parent, layout),
    "tinter": lambda p, node, parent, layout: p.intersection(node),
    "tarray": lambda p, node, parent, layout: [p.type(_kid(node, 0), node, "elementType"), "[]"],
    "tindexed": lambda p, node, parent, layout: [
        p.type(_kid(node, 0), node, "objectType"),
        "[",
        p.type(_kid(node, 1), node, "indexType"),
        "]",
    ],
    "toperator": lambda p, node, parent, layout: [
        node.text,
        " ",
        p.type(_kid(node, 0), node, "typeAnnotation"),
    ],
    "ttypeof": lambda p, node, parent, layout: ["typeof ", node.text],
    "tobject": lambda p, node, parent, layout: p.type_object(node, parent),
    "tfunction": lambda p, node, parent, layout: p.function_type(node),
    "ttuple": lambda p, node, parent, layout: p.tuple_type(node),
    "tpredicate": lambda p, node, parent, layout: [
        node.text,
        " is ",
        p.type(_kid(node, 0), node, "typeAnnotation"),
    ],
}
