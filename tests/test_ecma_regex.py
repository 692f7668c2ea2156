"""``pattern`` means what ``new RegExp(pattern, "u").test(value)`` says in JavaScript (zod),
in the pydantic models too (``ecma_regex.to_python``): every pattern of a corpus
against every string of a corpus, node's verdict against Python's; every pattern
the translation takes compiles in JavaScript; the ones it refuses are named."""

from __future__ import annotations

import json
import random
import re
import subprocess

import pytest

from ironflow_gen.ecma_regex import PatternError, to_python

PATTERNS = [
    r"^\d+$", r"\d", r"\w+", r"^\W$", r"\s", r"^\S+$", r"\bfoo\b", r"\Bo", ".", "^.$",
    "^..$", "a.c", "^abc$", "abc$", "^$", "^[^a]$", "^[^]$", "[]", "^[a-z]+$", r"[\d]",
    r"^[\s\S]$", r"^[\w-]+$", r"^[-\w]+$", "^x{2,3}$", "^x{2}$", "^x{2,}$", "^(a|b)+c$",
    "^(?:ab)*$", "(?=a)a", "^(?!a).", "(?<=a)b", "(?<!a)b", "^(?<n>a)b$", r"\u00e9", r"\x41",
    r"\cJ", r"\0", r"a\/b", r"a\.c", r"c\$", "^[😀]$", "^😀$", "^😀*$", "^.{2}$",
    r"^[\u2028]$", r"^\t\n\v\f\r$", r"^[\b]$", "^a*?b$", "^a+?$", "^(a)?b$", r"^[\^]$",
    r"^[\]]$", r"[.]", "^é+$", "^[é-ë]$", r"^\d{2}-\d{2}$", "^[A-Z]{3}$", "^(foo|bar)?$",
    "x|", "|x", r"^[\D]$", r"^[^\D]$", r"^[a\W]$", r"^[^a\S]$", r"^[\d\S]+$", r"^\u{1F600}$",
    r"^\ud83d\ude00$", r"^[\u{1F600}-\u{1F64F}]$", r"^[^😀]$", r"^\ud83d$", r"^[\-]$", r"\{",
    r"\}", r"^\u{41}$",
]  # fmt: skip
TEXTS = [
    "", "a", "abc", "abc\n", "\u0663", "123", "12\u0663", "é", "😀", "😃", "😀😀", "a😀b",
    "\ud83d", "\u2028", "\r", "\n", " ", "\u00a0", "\ufeff", "\x1c", "\x85", "foo bar",
    "foo_bar", "foo", "\ud800", "A", "x{,3}", "xx", "xxx", "{", "}", "]", "ab", "ba", "\b",
    "\x00", "a/b", "a.c", "abc$", "c$", "ac", "aab", "b", "ababc", "12-34", "ABC", "ABCD", "ê",
    "\t\n\x0b\x0c\r", "-", "^", "a-b_c", "ε", "\u00e9", "x",
]  # fmt: skip
# Patterns JavaScript takes whose meaning re cannot be given exactly: refused.
REFUSED = [r"\p{L}", r"\P{L}", r"\1(a)", r"(a)\1", r"\k<n>(?<n>a)", "(?<=a+)b"]
# Patterns JavaScript refuses with the u flag: refused too, never written for zod.
JS_REJECTS = [
    "a**", "^*", "(a", "a)", "[a", "a{3,2}", "(?P<n>a)", "(?i)a", "\\", r"\a", r"[\d-z]",
    r"\c1", r"\00", r"\x4", "a{", "{", "}", "]", "x{,3}", r"\-", r"[\D-z]", r"\A", r"a\Z",
]  # fmt: skip


NODE = """
const lines = require("fs").readFileSync(0, "utf8").split("\\n").filter(Boolean);
const out = lines.map((line) => {
  const [pattern, texts] = JSON.parse(line);
  let re;
  try { re = new RegExp(pattern, "u"); } catch (e) { return null; }
  return texts.map((t) => re.test(t));
});
process.stdout.write(JSON.stringify(out));
"""


def _javascript(patterns: list[str], texts: list[str]) -> list[list[bool] | None]:
    lines = "".join(json.dumps([p, texts]) + "\n" for p in patterns)
    done = subprocess.run(
        ["node", "-e", NODE], input=lines, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_every_pattern_gives_javascripts_verdict_on_every_text() -> None:
    answers = _javascript(PATTERNS, TEXTS)
    wrong = []
    for pattern, expected in zip(PATTERNS, answers, strict=True):
        assert expected is not None, f"JavaScript refuses {pattern!r}"
        python = re.compile(to_python(pattern))
        for text, verdict in zip(TEXTS, expected, strict=True):
            if (python.search(text) is not None) != verdict:
                wrong.append(f"{pattern!r} on {text!r}: JavaScript says {verdict}")
    assert not wrong, "\n".join(wrong)


def test_what_is_refused_is_named_and_what_javascript_rejects_is_among_it() -> None:
    answers = _javascript(REFUSED + JS_REJECTS, ["x"])
    for pattern, answer in zip(REFUSED + JS_REJECTS, answers, strict=True):
        with pytest.raises(PatternError):
            to_python(pattern)
        assert (answer is None) == (pattern in JS_REJECTS), pattern


def test_nesting_is_bounded() -> None:
    with pytest.raises(PatternError, match="nest"):
        to_python("(" * 500 + ")" * 500)
    assert to_python("(" * 10 + "a" + ")" * 10)


TOKENS = [
    "a", "b", "é", "😀", "1", ".", r"\d", r"\D", r"\w", r"\W", r"\s", r"\S", r"\b", r"\B", "^",
    "$", "(", ")", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<g>", "|", "*", "+", "?", "*?",
    "{2}", "{1,3}", "{2,}", "[", "]", "[^", "-", "{", "}", "\\", r"\u0041", r"\u{1F600}",
    r"\x41", r"\n", r"\.", r"\-", r"\/", "\u2028", r"\cJ", r"\0", r"\ud83d", r"\ude00",
]  # fmt: skip
ALPHABET = ["a", "b", "1", "\u0663", "😀", "é", "\n", " ", "\u2028", "_", "-", "\ud83d", "A", "."]


def test_random_patterns_agree_with_javascript() -> None:
    """Differential fuzzing, seeded: every random pattern the translation takes is
    one JavaScript takes, with the same verdict on random texts."""
    rng = random.Random(16)
    patterns = ["".join(rng.choices(TOKENS, k=rng.randint(1, 8))) for _ in range(3000)]
    texts = ["".join(rng.choices(ALPHABET, k=rng.randint(0, 6))) for _ in range(40)]
    answers = _javascript(patterns, texts)
    wrong, taken = [], 0
    for pattern, expected in zip(patterns, answers, strict=True):
        try:
            python = re.compile(to_python(pattern))
        except PatternError:
            continue
        taken += 1
        if expected is None:
            wrong.append(f"{pattern!r}: taken here, JavaScript refuses it")
            continue
        for text, verdict in zip(texts, expected, strict=True):
            if (python.search(text) is not None) != verdict:
                wrong.append(f"{pattern!r} on {text!r}: JavaScript says {verdict}")
    assert not wrong, f"{len(wrong)} wrong:\n" + "\n".join(wrong[:40])
    assert taken > 500, taken  # the corpus really exercises the translation
