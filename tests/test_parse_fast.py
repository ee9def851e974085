# SPDX-License-Identifier: MIT
"""The tree-less parse gives what the tree-building parse and the Builder give, spans too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import rulesets
from xzjd import _builder, _parser
from xzjd.errors import ParseError
from xzjd.format import to_text
from xzjd.model import Ruleset

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in ROOT.glob("**/*.xzjd") if ".git" not in p.parts)


def _dump(value: Any) -> Any:
    """Every field of a model value, those left out of equality (spans) included."""
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            tuple((f.name, _dump(getattr(value, f.name))) for f in attrs.fields(type(value))),
        )
    if isinstance(value, list | tuple):
        return tuple(_dump(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _dump(v)) for k, v in value.items()))
    return (type(value).__name__, repr(value))


def _outcome(build: Any, text: str) -> Any:
    try:
        return _dump(build(text))
    except ParseError as exc:
        return ("ParseError", _dump(exc.diagnostics))


def _tree(text: str) -> Any:
    return _builder.build(_parser.parse(text, file="f.xzjd"), text=text, file="f.xzjd")


def _fast(text: str) -> Any:
    return _builder.build_text(text, file="f.xzjd")


def _same(text: str) -> None:
    text = _parser.prepare(text)
    assert _outcome(_fast, text) == _outcome(_tree, text)


SNIPPETS = [
    "",
    "\n\n# only a comment\n",
    'ruleset "a"\neffective 2010-02-30\neffective 2010-03-01\n',
    'obligation a "t":\n  applies to every county government\n  by April 1, publish X\n',
    "obligation a_b:\n  publish X\n",
    "escalation e:\n  warn 3 days before the deadline\n  warn 2 days before the deadline\n"
    "  remind 1 working day after the deadline\n",
    "calendar x based on cn:\n  rest 2010-05-03 to 2010-05-01\n  work 2010-05-08\n",
    "义务 a：\n  自2011年起，每年4月1日前，向 yn-gov 报送 报告\n",
    "义务 a：\n  逢双月底，向同级监察机关报送 报告\n",
    "obligation a:\n  by the end of each month from 2011 until 2012, file X with yn-gov\n",
    "obligation a:\n    publish X\n  publish Y\n",
    'scenario "s":\n  on 2010-05-20\n  filings:\n    f1,a,b,2010-05-04\n'
    "  expect a b 2010-B2 overdue 3 days, step remind, due 2010-05-31\n",
    "obligation a:\n  by Apirl 1, publish X",
]


class TestFastPath:
    """The fast path is the one taken when the text parses."""

    def test_driver_parses_the_example(self) -> None:
        """The fused lexer and parser loop is in use and accepts the Yunnan rules."""
        reducer = _builder._reducer()
        assert reducer is not None
        assert isinstance(reducer.frontend, _parser._Driver)
        text = _parser.prepare(
            (ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd").read_text(encoding="utf-8")
        )
        ok, node = _parser.parse_with(reducer.frontend, text, file="f.xzjd")
        assert ok
        assert len(node.value.obligations) > 10

    def test_driver_gives_up_on_bad_text(self) -> None:
        """A text with a syntax error makes the fast path give up instead of guessing."""
        reducer = _builder._reducer()
        assert reducer is not None
        ok, node = _parser.parse_with(
            reducer.frontend, "obligation a:\n  by Apirl 1, publish X\n", file="f.xzjd"
        )
        assert (ok, node) == (False, None)


class TestSameResult:
    """The two ways of parsing agree on every input."""

    @pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_files(self, path: Path) -> None:
        """Every rules and test file of the repository builds the same, spans included."""
        _same(path.read_text(encoding="utf-8"))

    @pytest.mark.slow  # ~30 s: a hundred parses per file
    @pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_files_less_one_line(self, path: Path) -> None:
        """Each file less one of its lines builds the same or fails the same."""
        lines = path.read_text(encoding="utf-8").split("\n")
        for k in range(0, len(lines), max(1, len(lines) // 120)):
            _same("\n".join(lines[:k] + lines[k + 1 :]))

    @pytest.mark.parametrize("text", SNIPPETS)
    def test_snippets(self, text: str) -> None:
        """Building problems, syntax errors and odd layouts come out the same."""
        _same(text)

    @pytest.mark.slow  # hypothesis: ~3 s
    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_cut_texts(self, data: st.DataObject) -> None:
        """A rules file cut at any point and joined again parses the same either way."""
        text = _parser.prepare(
            (ROOT / "examples" / "yunnan-2010" / "rules.zh.xzjd").read_text(encoding="utf-8")
        )
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        _same(text[:start] + text[end:])


@pytest.mark.slow  # hypothesis, generated rulesets: ~12 s
class TestGeneratedTexts:
    """Generated rules, whole and damaged, parse the same either way."""

    @settings(max_examples=80, deadline=None)
    @given(rulesets(), st.sampled_from(["en", "zh"]))
    def test_printed_models(self, ruleset: Ruleset, lang: str) -> None:
        """The printed text of a generated model builds the same, spans included."""
        _same(to_text(ruleset, lang))

    @settings(max_examples=80, deadline=None)
    @given(rulesets(), st.sampled_from(["en", "zh"]), st.data())
    def test_damaged_texts(self, ruleset: Ruleset, lang: str, data: st.DataObject) -> None:
        """A printed text with a few characters inserted gives the same model or error."""
        text = list(to_text(ruleset, lang))
        for _ in range(data.draw(st.integers(1, 3))):
            at = data.draw(st.integers(0, max(len(text) - 1, 0)))
            text[at:at] = data.draw(st.sampled_from([" ", "\n", "  ", ":", "，", "x", "年", "#"]))
        _same("".join(text))


class TestLayoutGate:
    """The quick test of the indentation agrees with the line-by-line check."""

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=[" ", "\t", "\u3000", "\u00a0", "\f", "#", "a", "\n"]))
    def test_same_problems(self, text: str) -> None:
        """Texts of spaces, odd spaces, comments and words get the same layout problems."""
        fast = _parser._check_layout(text, "f.xzjd")
        slow = _parser._check_layout_lines(text, "f.xzjd")
        assert _dump(fast) == _dump(slow)
