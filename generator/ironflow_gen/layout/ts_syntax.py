"""A parser for the TypeScript the generator writes, into a small syntax tree.

Only the subset the TypeScript target emits is understood: declarations (import,
export, const/let, function, interface, type, class), the statements of the helper
functions (if with or without braces, while, for-of, try/catch/finally, return,
throw), expressions (calls, member chains, arrows and arrow chains, destructuring
parameters, object/array literals, operators, ``as``, regex literals) and types.
Anything else raises ``LayoutError`` with its line and column: the layout pass
must never guess at code it does not know (a generator bug, caught by the tests).

Comments are kept only where the generator writes them: before a statement, a
class or interface member, or an object property (JSDoc and ``//`` lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


class LayoutError(Exception):
    """Text the layout pass does not understand (a bug in the generator)."""


@dataclass(eq=False, slots=True)
class Comment:
    text: str
    block: bool
    newlines_after: int  # newlines between the comment and what follows


@dataclass(eq=False, slots=True)
class Token:
    kind: str  # "name", "num", "str", "regex", "punct", "eof"
    text: str
    start: int
    comments: list[Comment] = field(default_factory=list)
    newlines_after: int = 0  # newlines right after the token (before a comment or token)


@dataclass(eq=False, slots=True)
class Node:
    """One syntax node. ``kids`` hold the children in a fixed order per kind (see
    the parser function that builds each kind); ``text`` a name, operator or
    literal."""

    kind: str
    text: str = ""
    kids: list[Node | None] = field(default_factory=list)
    broken: bool = False  # an object literal with a newline after its `{` in the source
    blank_after: bool = False  # a blank line follows it in the source (list items)
    comments: list[Comment] = field(default_factory=list)
    flags: frozenset[str] = frozenset()


_PUNCTUATION = sorted(
    [
        "===",
        "!==",
        "...",
        "?.",
        "??",
        "=>",
        "&&",
        "||",
        "==",
        "!=",
        "<=",
        ">=",
        "+=",
        "-=",
        "++",
        "--",
        "**",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        ";",
        ",",
        "<",
        ">",
        "+",
        "-",
        "*",
        "/",
        "%",
        "!",
        "?",
        ":",
        "=",
        ".",
        "&",
        "|",
        "~",
        "@",
    ],
    key=len,
    reverse=True,
)
_PUNCTUATOR = re.compile("|".join(re.escape(p) for p in _PUNCTUATION))
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][+-]?[0-9]+)?)n?")
_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")
_REGEX = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
_SPACE = re.compile(r"[ \t\r\n]*")
# After these a `/` starts a regular expression, not a division.
_REGEX_AFTER = {
    "(",
    ",",
    "=",
    ":",
    "[",
    "!",
    "&",
    "|",
    "?",
    "{",
    "}",
    ";",
    "=>",
    "return",
    "&&",
    "||",
    "??",
}


def position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<space>[ \t\r\n]+)",
            r"(?P<line>//[^\n]*)",
            r"(?P<block>/\*.*?\*/)",
            f"(?P<name>{_NAME.pattern})",
            f"(?P<num>{_NUMBER.pattern})",
            f"(?P<str>{_STRING.pattern})",
            f"(?P<punct>{_PUNCTUATOR.pattern})",
        ]
    ),
    re.DOTALL,
)


def tokenize(text: str) -> list[Token]:
    """The tokens, each with the comments before it and the newlines after it."""
    tokens: list[Token] = [Token("punct", "(", -1)]  # a sentinel: what precedes the text
    comments: list[Comment] = []
    index, length = 0, len(text)
    while index < length:
        match = _TOKEN.match(text, index)
        if match is None:
            raise LayoutError(f"{position(text, index)}: unexpected character {text[index]!r}")
        kind, word = match.lastgroup or "", match.group()
        if kind == "space":
            (comments[-1] if comments else tokens[-1]).newlines_after = word.count("\n")
        elif kind in ("line", "block"):
            comments.append(Comment(word.rstrip(), kind == "block", 0))
        else:
            if word == "/" and tokens[-1].text in _REGEX_AFTER:
                regex = _REGEX.match(text, index)
                if regex is None:
                    raise LayoutError(f"{position(text, index)}: unterminated regular expression")
                kind, word = "regex", regex.group()
            tokens.append(Token(kind, word, index, comments))
            comments = []
        index += len(word)
    tokens.append(Token("eof", "", length, comments))
    return tokens[1:]


# The kinds of node that are types (the rest are statements and expressions).
TYPE_KINDS = frozenset(
    [
        "tref",
        "tliteral",
        "tunion",
        "tinter",
        "tarray",
        "tindexed",
        "toperator",
        "ttypeof",
        "tobject",
        "tfunction",
        "ttuple",
        "tpredicate",
    ]
)

# Binding power of each binary operator (higher binds tighter), as in JavaScript.
PRECEDENCE = {
    "??": 1,
    "||": 2,
    "&&": 3,
    "|": 4,
    "&": 6,
    "==": 7,
    "!=": 7,
    "===": 7,
    "!==": 7,
    "<": 8,
    ">": 8,
    "<=": 8,
    ">=": 8,
    "instanceof": 8,
    "in": 8,
    "as": 8,
    "satisfies": 8,
    "+": 10,
    "-": 10,
    "*": 11,
    "/": 11,
    "%": 11,
    "**": 12,
}
_ASSIGNMENT = {"=", "+=", "-="}
_UNARY = {"!", "-", "+", "~", "typeof", "void", "await"}


class Parser:
    """Recursive descent over the tokens; each ``_x`` method parses one form."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self._allow_comments = False

    # ------------------------------------------------------------ primitives

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def at(self, *texts: str) -> bool:
        token = self.token
        return token.kind in ("punct", "name") and token.text in texts

    def advance(self) -> Token:
        token = self.token
        if token.comments and not self._allow_comments:
            self.fail("a comment where the layout keeps none", token)
        self._allow_comments = False
        self.index += 1
        return token

    def take_comments(self) -> list[Comment]:
        """The comments before the current token, owned by the item that starts here."""
        comments = self.token.comments
        self._allow_comments = True
        return comments

    def expect(self, text: str) -> Token:
        if not self.at(text):
            self.fail(f"expected {text!r}")
        return self.advance()

    def accept(self, text: str) -> bool:
        if self.at(text):
            self.advance()
            return True
        return False

    def name(self) -> str:
        if self.token.kind != "name":
            self.fail("expected a name")
        return self.advance().text

    def fail(self, message: str, token: Token | None = None) -> None:
        token = token or self.token
        found = token.text or "end of file"
        raise LayoutError(f"{position(self.text, token.start)}: {message}, found {found!r}")

    def blank_after_previous(self) -> bool:
        return self.tokens[self.index - 1].newlines_after >= 2

    def newline_before_current(self) -> bool:
        """A line break between the previous token and this one (comments between
        included): prettier keeps such an object literal expanded."""
        previous = self.tokens[self.index - 1]
        return "\n" in self.text[previous.start : self.token.start]

    # ------------------------------------------------------------ statements

    def program(self) -> Node:
        """The statements; ``comments`` holds those after the last one (a module
        with no declarations is only its header comment)."""
        statements = self.statement_list("eof")
        return Node("program", kids=list(statements), comments=self.token.comments)

    def statement_list(self, closer: str) -> list[Node | None]:
        items: list[Node | None] = []
        while not (self.token.kind == "eof" if closer == "eof" else self.at(closer)):
            comments = self.take_comments()
            statement = self.statement()
            statement.comments = comments
            statement.blank_after = self.blank_after_previous()
            items.append(statement)
        return items

    def statement(self) -> Node:  # noqa: C901 - one branch per statement
        token = self.token
        if token.kind == "name":
            word = token.text
            if word == "import":
                return self._import()
            if word == "export":
                return self._export()
            if word in ("const", "let"):
                node = self._variable()
                self.expect(";")
                return node
            if word == "function":
                return self._function()
            if word == "interface":
                return self._interface()
            if word == "type" and self.peek().kind == "name":
                return self._type_alias()
            if word == "class":
                return self._class()
            if word == "if":
                return self._if()
            if word == "while":
                self.advance()
                test = self._condition()
                return Node("while", kids=[test, self.block()])
            if word == "for":
                return self._for_of()
            if word == "try":
                return self._try()
            if word in ("return", "throw"):
                self.advance()
                argument = None if self.at(";") else self.expression()
                self.expect(";")
                return Node(word, word, [argument])
        expression = self.expression()
        self.expect(";")
        return Node("expr_stmt", kids=[expression])

    def _import(self) -> Node:
        self.advance()
        type_only = self.accept("type")
        self.expect("{")
        names: list[Node | None] = []
        while not self.at("}"):
            names.append(Node("name", self.name()))
            if not self.accept(","):
                break
        self.expect("}")
        self.expect("from")
        module = self._string()
        self.expect(";")
        return Node("import", module, names, flags=frozenset({"type"} if type_only else ()))

    def _string(self) -> str:
        if self.token.kind != "str":
            self.fail("expected a string")
        return self.advance().text

    def _export(self) -> Node:
        self.advance()
        if self.accept("*"):
            self.expect("from")
            module = self._string()
            self.expect(";")
            return Node("export_all", module)
        return Node("export", kids=[self.statement()])

    def _variable(self) -> Node:
        keyword = self.advance().text
        target = self._pattern() if self.at("[", "{") else Node("name", self.name())
        flags = {"definite"} if self.accept("!") else set()
        annotation = self.type_annotation()
        init = self.expression() if self.accept("=") else None
        return Node("var", keyword, [target, annotation, init], flags=frozenset(flags))

    def _pattern(self) -> Node:
        closer = "]" if self.advance().text == "[" else "}"
        names: list[Node | None] = []
        while not self.at(closer):
            hole = closer == "]" and self.at(",")  # `[, second]`: an element skipped
            names.append(Node("name", "" if hole else self.name()))
            if not self.accept(","):
                break
        self.expect(closer)
        return Node("array_pattern" if closer == "]" else "object_pattern", kids=names)

    def type_annotation(self) -> Node | None:
        return self.type() if self.accept(":") else None

    def _function(self) -> Node:
        self.advance()
        name = self.name()
        signature = self._signature()
        return Node("function", name, [*signature, self.block()])

    def _signature(self) -> list[Node | None]:
        """Type parameters, parameters and the return type of a function."""
        type_params = self._type_params()
        params = self._params()
        returns = self._return_type() if self.accept(":") else None
        return [type_params, params, returns]

    def _return_type(self) -> Node:
        if self.token.kind == "name" and self.peek().text == "is":
            name = self.advance().text
            self.advance()
            return Node("tpredicate", name, [self.type()])
        return self.type()

    def _type_params(self) -> Node | None:
        if not self.at("<"):
            return None
        return Node("tparams", kids=self._list("<", ">", self._type_param))

    def _type_param(self) -> Node:
        name = self.name()
        constraint = self.type() if self.accept("extends") else None
        default = self.type() if self.accept("=") else None
        return Node("tparam", name, [constraint, default])

    def _params(self) -> Node:
        """Parameters: ``kids`` of each are its type, its default and, for a
        destructuring parameter (``[key, value]``), the pattern (its name is empty)."""
        self.expect("(")
        params: list[Node | None] = []
        while not self.at(")"):
            flags = set()
            if self.accept("..."):
                flags.add("rest")
            pattern = self._pattern() if self.at("[", "{") else None
            name = "" if pattern is not None else self.name()
            if self.accept("?"):
                flags.add("optional")
            annotation = self.type_annotation()
            default = self.expression() if self.accept("=") else None
            kids = [annotation, default, pattern]
            params.append(Node("param", name, kids, flags=frozenset(flags)))
            if not self.accept(","):
                break
        self.expect(")")
        return Node("params", kids=params)

    def block(self) -> Node:
        self.expect("{")
        statements = self.statement_list("}")
        if self.token.comments:
            self.fail("a comment at the end of a block")
        self.expect("}")
        return Node("block", kids=statements)

    def _interface(self) -> Node:
        self.advance()
        name = self.name()
        type_params = self._type_params()
        heritage: list[Node | None] = []
        if self.accept("extends"):
            heritage.append(self.type())
            while self.accept(","):
                heritage.append(self.type())
        body = self._type_members("interface_body")
        return Node("interface", name, [type_params, Node("heritage", kids=heritage), body])

    def _type_alias(self) -> Node:
        self.advance()
        name = self.name()
        type_params = self._type_params()
        self.expect("=")
        aliased = self.type()
        self.expect(";")
        return Node("type_alias", name, [type_params, aliased])

    def _class(self) -> Node:
        self.advance()
        name = self.name()
        parent = self._postfix(self._primary()) if self.accept("extends") else None
        self.expect("{")
        members: list[Node | None] = []
        while not self.at("}"):
            comments = self.take_comments()
            member = self._class_member()
            member.comments = comments
            member.blank_after = self.blank_after_previous()
            members.append(member)
        self.expect("}")
        return Node("class", name, [parent, Node("class_body", kids=members)])

    def _class_member(self) -> Node:
        flags = set()
        while self.at("readonly", "static") and self.peek().kind == "name":
            flags.add(self.advance().text)
        key = self._key()
        if self.at("(", "<"):
            signature = self._signature()
            return Node("method", key, [*signature, self.block()], flags=frozenset(flags))
        if self.accept("?"):
            flags.add("optional")
        annotation = self.type_annotation()
        init = self.expression() if self.accept("=") else None
        self.expect(";")
        return Node("field", key, [annotation, init], flags=frozenset(flags))

    def _key(self) -> str:
        if self.token.kind in ("name", "str", "num"):
            return self.advance().text
        self.fail("expected a property name")
        return ""

    def _condition(self) -> Node:
        self.expect("(")
        test = self.expression()
        self.expect(")")
        return test

    def _if(self) -> Node:
        self.advance()
        test = self._condition()
        consequent = self._clause()
        alternate = None
        if self.accept("else"):
            alternate = self._if() if self.at("if") else self._clause()
        return Node("if", kids=[test, consequent, alternate])

    def _clause(self) -> Node:
        """The body of an ``if``/``else``: a block, or one statement without braces."""
        if self.at("{"):
            return self.block()
        if self.token.comments:
            self.fail("a comment where the layout keeps none")
        return self.statement()

    def _for_of(self) -> Node:
        self.advance()
        self.expect("(")
        keyword = self.name()
        target = self._pattern() if self.at("[", "{") else Node("name", self.name())
        self.expect("of")
        iterable = self.expression()
        self.expect(")")
        return Node("for_of", keyword, [target, iterable, self.block()])

    def _try(self) -> Node:
        self.advance()
        body = self.block()
        binding, handler, finalizer = None, None, None
        if self.accept("catch"):
            if self.accept("("):
                binding = Node("name", self.name())
                self.expect(")")
            handler = self.block()
        if self.accept("finally") or handler is None:
            finalizer = self.block()
        return Node("try", kids=[body, binding, handler, finalizer])

    # ----------------------------------------------------------- expressions

    def expression(self) -> Node:
        left = self._conditional()
        if self.token.kind == "punct" and self.token.text in _ASSIGNMENT:
            operator = self.advance().text
            return Node("assign", operator, [left, self.expression()])
        return left

    def _conditional(self) -> Node:
        test = self._binary(0)
        if not self.accept("?"):
            return test
        consequent = self.expression()
        self.expect(":")
        return Node("cond", kids=[test, consequent, self.expression()])

    def _binary(self, floor: int) -> Node:
        left = self._unary()
        while True:
            operator = self.token.text if self.token.kind in ("punct", "name") else ""
            power = PRECEDENCE.get(operator, 0)
            if power <= floor:
                return left
            self.advance()
            if operator in ("as", "satisfies"):
                if self.accept("const"):
                    left = Node("as", operator, [left, Node("tref", "const")])
                else:
                    left = Node("as", operator, [left, self.type()])
                continue
            right = self._binary(power - 1 if operator == "**" else power)
            left = Node("binary", operator, [left, right])

    def _unary(self) -> Node:
        if self._at_unary_operator():
            operator = self.advance().text
            return Node("unary", operator, [self._unary()])
        return self._postfix(self._primary())

    def _at_unary_operator(self) -> bool:
        """``!x``, ``-1``, ``typeof x`` (a word such as ``typeof`` only when an operand
        follows, not when it is itself a name: ``{ void: 1 }``)."""
        token = self.token
        if token.kind not in ("punct", "name") or token.text not in _UNARY:
            return False
        return token.kind == "punct" or self.peek().kind != "punct" or self.peek().text in "([{!"

    def _postfix(self, node: Node) -> Node:
        while True:
            if self.at("."):
                self.advance()
                node = Node("member", kids=[node, Node("name", self.name())])
            elif self.at("?."):
                self.advance()
                if self.at("("):
                    node = Node(
                        "call", kids=[node, None, *self._arguments()], flags=frozenset({"optional"})
                    )
                elif self.accept("["):
                    index = self.expression()
                    self.expect("]")
                    node = Node("index", kids=[node, index], flags=frozenset({"optional"}))
                else:
                    node = Node(
                        "member",
                        kids=[node, Node("name", self.name())],
                        flags=frozenset({"optional"}),
                    )
            elif self.at("["):
                self.advance()
                index = self.expression()
                self.expect("]")
                node = Node("index", kids=[node, index])
            elif self.at("("):
                node = Node("call", kids=[node, None, *self._arguments()])
            elif self.at("<") and (type_args := self._try_type_arguments()) is not None:
                node = Node("call", kids=[node, type_args, *self._arguments()])
            elif self.at("!") and self.peek().kind == "punct" and self.peek().text in ".;),[":
                self.advance()
                node = Node("nonnull", kids=[node])
            else:
                return node

    def _try_type_arguments(self) -> Node | None:
        """``f<T>(...)``: type arguments when a call follows, else a comparison."""
        start = self.index
        try:
            arguments = self._type_arguments()
        except LayoutError:
            arguments = None
        if arguments is None or not self.at("("):
            self.index = start
            return None
        return arguments

    def _arguments(self) -> list[Node | None]:
        return self._list("(", ")", self._element)

    def _element(self) -> Node:
        """An argument or an array element: an expression, or ``...`` and one."""
        return self._spread_or(self.expression)

    def _list(self, opener: str, closer: str, item: Callable[[], Node]) -> list[Node | None]:
        """``opener item, item, ... closer``, a trailing comma allowed."""
        self.expect(opener)
        items: list[Node | None] = []
        while not self.at(closer):
            items.append(item())
            if not self.accept(","):
                break
        self.expect(closer)
        return items

    def _spread_or(self, parse: Callable[[], Node]) -> Node:
        if self.accept("..."):
            return Node("spread", kids=[self.expression()])
        return parse()

    def _primary(self) -> Node:  # noqa: C901 - one branch per primary form
        token = self.token
        if token.kind in ("num", "str", "regex"):
            self.advance()
            return Node(token.kind, token.text)
        if self.at("("):
            arrow = self._try_arrow()
            if arrow is not None:
                return arrow
            self.advance()
            inner = self.expression()
            self.expect(")")
            inner.flags = inner.flags | {"parens"}
            return inner
        if self.at("["):
            return Node("array", kids=self._list("[", "]", self._element))
        if self.at("{"):
            return self._object()
        if self.at("new"):
            self.advance()
            callee = self._primary()
            while self.accept("."):
                callee = Node("member", kids=[callee, Node("name", self.name())])
            type_args = self._type_arguments() if self.at("<") else None
            return Node("new", kids=[callee, type_args, *self._arguments()])
        if self.at("<"):
            arrow = self._try_arrow()
            if arrow is not None:
                return arrow
        if token.kind == "name":
            self.advance()
            return Node("name", token.text)
        self.fail("expected an expression")
        raise AssertionError  # unreachable: fail raises

    def _try_arrow(self) -> Node | None:
        start = self.index
        try:
            signature = self._signature()
        except LayoutError:
            self.index = start
            return None
        if not self.at("=>"):
            self.index = start
            return None
        self.advance()
        body = self.block() if self.at("{") else self.expression()
        return Node("arrow", kids=[*signature, body])

    def _object(self) -> Node:
        self.expect("{")
        first_member_on_new_line = self.newline_before_current()
        properties: list[Node | None] = []
        while not self.at("}"):
            comments = self.take_comments()
            item = self._spread_or(self._property)
            item.comments = comments
            properties.append(item)
            if not self.accept(","):
                break
            item.blank_after = self.blank_after_previous()
        self.expect("}")
        return Node("object", kids=properties, broken=bool(properties) and first_member_on_new_line)

    def _property(self) -> Node:
        if self.at("get") and self.peek().kind in ("name", "str") and self.peek(2).text == "(":
            self.advance()
            key = self._key()
            return Node(
                "method_prop", key, [*self._signature(), self.block()], flags=frozenset({"get"})
            )
        key = self._key()
        if self.at("(", "<"):
            return Node("method_prop", key, [*self._signature(), self.block()])
        if self.accept(":"):
            return Node("prop", key, [self.expression()])
        return Node("prop", key, [Node("name", key)], flags=frozenset({"shorthand"}))

    # ----------------------------------------------------------------- types

    def type(self) -> Node:
        self.accept("|")  # a leading bar, as in a union laid out one member a line
        return self._joined("|", "tunion", self._intersection)

    def _intersection(self) -> Node:
        return self._joined("&", "tinter", self._type_operator)

    def _joined(self, operator: str, kind: str, member: Callable[[], Node]) -> Node:
        """One member, or a ``kind`` node of the members ``operator`` joins."""
        first = member()
        if not self.at(operator):
            return first
        members: list[Node | None] = [first]
        while self.accept(operator):
            members.append(member())
        return Node(kind, kids=members)

    def _type_operator(self) -> Node:
        if self.at("keyof", "readonly", "unique") and self.peek().kind == "name":
            operator = self.advance().text
            return Node("toperator", operator, [self._type_operator()])
        node = self._type_primary()
        while self.at("["):
            self.advance()
            if self.accept("]"):
                node = Node("tarray", kids=[node])
            else:
                index = self.type()
                self.expect("]")
                node = Node("tindexed", kids=[node, index])
        return node

    def _type_primary(self) -> Node:  # noqa: C901 - one branch per type form
        token = self.token
        if token.kind in ("str", "num"):
            self.advance()
            return Node("tliteral", token.text)
        if self.at("-") and self.peek().kind == "num":
            self.advance()
            return Node("tliteral", "-" + self.advance().text)
        if self.at("{"):
            return self._type_members("tobject")
        if self.at("(", "<"):
            function = self._try_function_type()
            if function is not None:
                return function
            self.expect("(")
            inner = self.type()
            self.expect(")")
            inner.flags = inner.flags | {"parens"}
            return inner
        if self.at("["):
            return Node("ttuple", kids=self._list("[", "]", self.type))
        if self.at("typeof"):
            self.advance()
            path = self.name()
            while self.accept("."):
                path += "." + self.name()
            return Node("ttypeof", path)
        if token.kind == "name":
            path = self.name()
            while self.at(".") and self.peek().kind == "name":
                self.advance()
                path += "." + self.name()
            arguments = self._type_arguments() if self.at("<") else None
            return Node("tref", path, [arguments] if arguments is not None else [])
        self.fail("expected a type")
        raise AssertionError  # unreachable: fail raises

    def _type_arguments(self) -> Node:
        return Node("targs", kids=self._list("<", ">", self.type))

    def _try_function_type(self) -> Node | None:
        start = self.index
        try:
            type_params = self._type_params()
            params = self._params()
        except LayoutError:
            self.index = start
            return None
        if not self.accept("=>"):
            self.index = start
            return None
        return Node("tfunction", kids=[type_params, params, self._return_type()])

    def _type_members(self, kind: str) -> Node:
        self.expect("{")
        first_member_on_new_line = self.newline_before_current()
        members: list[Node | None] = []
        while not self.at("}"):
            comments = self.take_comments()
            member = self._type_member()
            member.comments = comments
            members.append(member)
            if not (self.accept(";") or self.accept(",")):
                break
            member.blank_after = self.blank_after_previous()
        self.expect("}")
        return Node(kind, kids=members, broken=bool(members) and first_member_on_new_line)

    def _type_member(self) -> Node:
        flags = set()
        if (
            self.at("readonly")
            and self.peek().kind in ("name", "str", "punct")
            and self.peek().text not in ("?", ":", "(")
        ):
            flags.add(self.advance().text)
        if self.at("["):
            return self._index_or_mapped(flags)
        key = self._key()
        if self.accept("?"):
            flags.add("optional")
        if self.at("(", "<"):
            return Node("tmethod", key, self._signature(), flags=frozenset(flags))
        self.expect(":")
        return Node("tprop", key, [self.type()], flags=frozenset(flags))

    def _index_or_mapped(self, flags: set[str]) -> Node:
        self.expect("[")
        name = self.name()
        if self.accept("in"):
            constraint = self.type()
            self.expect("]")
            if self.accept("?"):
                flags.add("optional")
            self.expect(":")
            return Node("tmapped", name, [constraint, self.type()], flags=frozenset(flags))
        self.expect(":")
        key_type = self.type()
        self.expect("]")
        self.expect(":")
        return Node("tindex", name, [key_type, self.type()], flags=frozenset(flags))


def parse(text: str) -> Node:
    return Parser(text).program()
