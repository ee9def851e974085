# SPDX-License-Identifier: MIT
"""The grammar file: one LALR grammar, conflict-free, in grammar/ and shipped inside the package."""

from __future__ import annotations

import logging
from pathlib import Path

import lark
import pytest
from lark.indenter import Indenter

import xzjd
from xzjd.language import grammar as _grammar
from xzjd.language import reductions as _reductions
from xzjd.language import syntax_errors as _syntax

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
        assert conflicts_logged(_grammar.grammar_text(), caplog) == []


GRAMMAR = ROOT / "grammar" / "xzjd.lark"
FROM_SOURCE_TREE = Path(xzjd.__file__).resolve().parent == ROOT / "src" / "xzjd"


class TestGrammarResource:
    def test_loaded_text_is_the_top_level_file(self) -> None:
        """The grammar the parser loads is grammar/xzjd.lark, whatever the install."""
        assert _grammar.grammar_text() == GRAMMAR.read_text(encoding="utf-8")

    def test_one_grammar_file_in_the_tree(self) -> None:
        """grammar/xzjd.lark is the only .lark file of the source tree: no copy to drift."""
        found = [
            p.relative_to(ROOT).as_posix()
            for top in ("grammar", "src", "tests", "docs", "examples", "tools", "bench")
            for p in (ROOT / top).rglob("*.lark")
        ]
        assert found == ["grammar/xzjd.lark"]

    @pytest.mark.skipif(not FROM_SOURCE_TREE, reason="xzjd is not imported from src/ here")
    def test_source_tree_reads_the_top_level_file(self) -> None:
        """Imported from src/ (an editable install), the package has no grammar of its own and
        the parser reads grammar/xzjd.lark itself, so an edit is seen without reinstalling."""
        assert Path(str(_grammar.grammar_path())) == GRAMMAR

    @pytest.mark.skipif(not FROM_SOURCE_TREE, reason="xzjd is not imported from src/ here")
    def test_package_copy_comes_first(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A grammar inside the package (an installed wheel) is preferred to the source tree."""
        # The package's own modules stand in for the file a wheel would carry there.
        monkeypatch.setattr(_grammar, "GRAMMAR_RESOURCE", ("language", "parser.py"))
        package_file = ROOT / "src" / "xzjd" / "language" / "parser.py"
        assert Path(str(_grammar.grammar_path())) == package_file

    def test_missing_grammar_is_named(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With the grammar in neither place the error names where it was looked for."""
        monkeypatch.setattr(_grammar, "GRAMMAR_RESOURCE", ("grammar", "missing.lark"))
        monkeypatch.setattr(_grammar, "GRAMMAR_SOURCE", ("grammar", "missing.lark"))
        with pytest.raises(FileNotFoundError, match=r"xzjd grammar is missing .*missing\.lark"):
            _grammar.grammar_path()

    def test_parser_is_built_once(self) -> None:
        """The parser is kept: every call returns the same LALR parser, which runs the
        builder's reductions (Lark's ``transformer=``) and keeps every token for positions."""
        assert _grammar.parser() is _grammar.parser()
        assert _grammar.parser().options.parser == "lalr"
        assert _grammar.parser().options.keep_all_tokens is True
        assert isinstance(_grammar.parser().options.transformer, _reductions.Reductions)

    def test_readme_points_to_the_grammar(self) -> None:
        """The top-level grammar/README.md links the file the code loads, beside it."""
        readme = (ROOT / "grammar" / "README.md").read_text(encoding="utf-8")
        assert "[`xzjd.lark`](xzjd.lark)" in readme
        assert "src/xzjd/grammar" not in readme

    def test_keyword_table(self) -> None:
        """Keywords of both languages are known to the error messages."""
        words = {w for ws in _syntax.keywords().values() for w in ws}
        assert {"even", "escalation", "April", "前", "行政监察机关", "州(市)级"} <= words
