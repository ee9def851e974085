# SPDX-License-Identifier: MIT
"""The grammar file: one LALR grammar, conflict-free, shipped inside the package."""

from __future__ import annotations

import logging
from pathlib import Path

import lark
import pytest
from lark.indenter import Indenter

from xzjd import _parser

ROOT = Path(__file__).resolve().parent.parent


class _Indent(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types: list[str] = []  # noqa: RUF012
    CLOSE_PAREN_types: list[str] = []  # noqa: RUF012
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8


def conflicts_logged(grammar: str, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Build *grammar* with lark's logger at DEBUG; return the conflict messages logged."""
    caplog.clear()
    old = lark.logger.level
    lark.logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            lark.Lark(
                grammar,
                parser="lalr",
                lexer="contextual",
                postlex=_Indent() if "_INDENT" in grammar else None,
                propagate_positions=True,
                maybe_placeholders=False,
            )
    finally:
        lark.logger.setLevel(old)
    return [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()]


class TestConflicts:
    def test_the_harness_sees_a_conflict(self, caplog: pytest.LogCaptureFixture) -> None:
        """A grammar with a dangling-else conflict is caught, so the next test means something."""
        dangling = """
            start: s
            s: "if" "x" s | "if" "x" s "else" s | "y"
            %ignore " "
        """
        assert any("Shift/Reduce" in m for m in conflicts_logged(dangling, caplog))

    def test_no_silently_resolved_conflicts(self, caplog: pytest.LogCaptureFixture) -> None:
        """The xzjd grammar builds with no shift/reduce conflict logged at DEBUG."""
        assert conflicts_logged(_parser.grammar_text(), caplog) == []


class TestGrammarResource:
    def test_loaded_from_the_package(self) -> None:
        """The grammar is read from xzjd/grammar/xzjd.lark via importlib.resources."""
        path = ROOT / "src" / "xzjd" / "grammar" / "xzjd.lark"
        assert _parser.grammar_text() == path.read_text(encoding="utf-8")

    def test_parser_is_built_once(self) -> None:
        """The parser is cached: every call returns the same LALR parser."""
        assert _parser.parser() is _parser.parser()
        assert _parser.parser().options.parser == "lalr"
        assert _parser.parser().options.propagate_positions is True

    def test_readme_points_to_the_grammar(self) -> None:
        """The top-level grammar/README.md names the file the code loads."""
        readme = (ROOT / "grammar" / "README.md").read_text(encoding="utf-8")
        assert "src/xzjd/grammar/xzjd.lark" in readme

    def test_keyword_table(self) -> None:
        """Keywords of both languages are known to the error messages."""
        words = {w for ws in _parser.keywords().values() for w in ws}
        assert {"even", "escalation", "April", "前", "行政监察机关", "州(市)级"} <= words
