# SPDX-License-Identifier: MIT
"""Rendering of diagnostics: positions, carets under full-width text, hints."""

import pickle

import pytest

from xzjd.errors import (
    CalendarError,
    Diagnostic,
    ParseError,
    Span,
    display_width,
    message_language,
)


class TestDisplayWidth:
    def test_ascii_is_one_cell_per_character(self) -> None:
        """ASCII letters take one terminal cell each."""
        assert display_width("every evn") == 9

    def test_cjk_and_full_width_punctuation_take_two_cells(self) -> None:
        """Ideographs and full-width punctuation take two cells each."""
        assert display_width("逢双月底，") == 10


class TestRender:
    def test_caret_under_english_word(self) -> None:
        """The caret starts under the column and spans the marked characters."""
        line = "  by the end of every evn month, file report with supervisory organ"
        col = line.index("evn") + 1
        diag = Diagnostic(
            code="syntax/unexpected-word",
            message="unexpected word 'evn'",
            file="rules.xzjd",
            span=Span(14, col, 14, col + 3),
            line_text=line,
            hint="did you mean 'even'?",
        )
        out = diag.render().splitlines()
        head = f"rules.xzjd:14:{col}: error[syntax/unexpected-word]: unexpected word 'evn'"
        assert out[0] == head
        assert out[1].endswith(line)
        caret_line = out[2]
        gutter = out[1].index(line)
        assert caret_line.index("^") - gutter == col - 1
        assert caret_line.count("^") == 3
        assert out[3] == "hint: did you mean 'even'?"

    def test_caret_lines_up_under_chinese_text(self) -> None:
        """Columns count characters, but the caret is placed by display width."""
        line = "  逢双月底，向同级行政监察机关报送 推进情况"
        col = line.index("，") + 1  # the 7th character
        assert col == 7
        diag = Diagnostic(
            code="syntax/x", message="m", span=Span(3, col, 3, col + 1), line_text=line
        )
        out = diag.render().splitlines()
        assert ":3:7:" in out[0]
        gutter = out[1].index(line)
        # two ASCII spaces and four ideographs before the comma: 2 + 4 * 2 cells
        assert out[2].index("^") - gutter == 10
        assert out[2].count("^") == 2  # the full-width comma is two cells wide

    def test_chinese_message_when_asked(self) -> None:
        """A diagnostic with a Chinese message renders it for lang='zh'."""
        diag = Diagnostic(code="c", message="bad", message_zh="错误", hint="fix", hint_zh="修正")
        assert "错误" in diag.render(lang="zh")
        assert "提示: 修正" in diag.render(lang="zh")
        assert "bad" in diag.render(lang="en")


class TestErrors:
    def test_source_error_pickles(self) -> None:
        """Errors survive pickling with their diagnostics."""
        err = ParseError([Diagnostic(code="syntax/x", message="m", span=Span.point(1, 1))])
        again = pickle.loads(pickle.dumps(err))
        assert again.diagnostics == err.diagnostics
        assert isinstance(again, ValueError)

    def test_calendar_error_pickles(self) -> None:
        """CalendarError keeps its year through pickling."""
        err = pickle.loads(pickle.dumps(CalendarError("no data for 2031", year=2031)))
        assert err.year == 2031

    def test_needs_a_diagnostic(self) -> None:
        """A SourceError without diagnostics is a programming error."""
        with pytest.raises(ValueError):
            ParseError([])


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en")],
)
def test_message_language(env: dict[str, str], expected: str) -> None:
    """LANG starting with zh selects Chinese messages."""
    assert message_language(env) == expected
