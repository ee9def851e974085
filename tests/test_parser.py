# SPDX-License-Identifier: MIT
"""The parser facade and the builder: positions, free text, words next to Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

import xzjd
from xzjd.errors import ParseError, Span
from xzjd.language.loader import parse_unchecked
from xzjd.model import (
    Action,
    AfterEvent,
    AgencyRecipient,
    Kind,
    Once,
    Relation,
    RelativeRecipient,
    Ruleset,
    Unit,
    Verb,
)

TEXT = """规则集 "云南"
日历 cn

义务 bimonthly-report "双月报告"：
  适用于 各级行政机关
  逢双月底前，向同级行政监察机关报送 推进情况
  升级 standard

升级 standard：
  逾期1日督促
"""


class TestPositions:
    def test_obligation_span_starts_at_its_header(self) -> None:
        """An obligation's span starts at line 4, column 1 and covers its block."""
        ob = xzjd.loads(TEXT).obligation("bimonthly-report")
        assert ob.span is not None
        assert (ob.span.line, ob.span.column) == (4, 1)
        assert ob.span.end_line >= 7

    def test_schedule_and_action_columns_count_characters(self) -> None:
        """Columns in a Chinese line count characters, not bytes or cells."""
        ob = xzjd.loads(TEXT).obligation("bimonthly-report")
        assert ob.schedule is not None and ob.action is not None
        # "  逢双月底前，向…": the schedule starts at character 3, the action at character 9
        assert ob.schedule.span == Span(6, 3, 6, 8, ob.schedule.span.start, ob.schedule.span.end)
        assert ob.action.span is not None
        assert (ob.action.span.line, ob.action.span.column) == (6, 9)
        assert TEXT[ob.action.span.start : ob.action.span.end] == "向同级行政监察机关报送 推进情况"

    def test_escalation_and_calendar_spans(self) -> None:
        """The escalation name and the calendar line keep their positions."""
        r = xzjd.loads(TEXT)
        ob = r.obligation("bimonthly-report")
        assert ob.escalation_span is not None
        assert (ob.escalation_span.line, ob.escalation_span.column) == (7, 6)
        assert r.calendar_span is not None and r.calendar_span.line == 2

    def test_spans_stay_out_of_equality(self) -> None:
        """The same rules at other positions give equal models."""
        assert xzjd.loads(TEXT) == xzjd.loads("\n\n# moved\n" + TEXT)

    def test_file_and_text_are_kept(self) -> None:
        """The ruleset remembers its file name and its text."""
        r = xzjd.loads(TEXT, file="yn.xzjd")
        assert (r.file, r.text) == ("yn.xzjd", TEXT)


class TestFreeText:
    @pytest.mark.parametrize("quoted", ['"双月 报告"', "“双月 报告”", "「双月 报告」", "双月 报告"])
    def test_title_spellings(self, quoted: str) -> None:
        """Titles may be written in any of the three quote styles, or bare."""
        r = xzjd.loads(f"义务 x {quoted}：\n  4月1日前，公开 X\n")
        assert r.obligation("x").title == "双月 报告"

    def test_quoted_title_may_hold_a_colon(self) -> None:
        """A colon inside a quoted title does not end the header."""
        r = xzjd.loads('obligation x "Report: annual":\n  by April 1, publish X\n')
        assert r.obligation("x").title == "Report: annual"

    def test_english_deliverable_stops_before_with(self) -> None:
        """A bare English deliverable runs up to ' with '."""
        ob = xzjd.loads("obligation x:\n  by April 1, file Table 2, annex with yn-gov\n")
        assert ob.obligation("x").action == Action(
            verb=Verb.FILE,
            deliverable="Table 2, annex",
            recipients=[AgencyRecipient(agency="yn-gov")],
        )

    def test_deliverable_keeps_inner_spaces_drops_trailing(self) -> None:
        """Bare text keeps its inner spacing and loses trailing spaces and comments."""
        ob = xzjd.loads("obligation x:\n  by April 1, publish a  b   # note\n")
        assert ob.obligation("x").action == Action(verb=Verb.PUBLISH, deliverable="a  b")

    def test_hash_inside_quotes_is_text(self) -> None:
        """A '#' inside a quoted string is not a comment."""
        ob = xzjd.loads('obligation x:\n  by April 1, publish "No. #3"\n')
        assert ob.obligation("x").action == Action(verb=Verb.PUBLISH, deliverable="No. #3")


class TestWords:
    def test_english_keywords_match_whole_words_only(self) -> None:
        """An event named 'evening' or 'each-case' is not the keyword 'even' or 'each'."""
        for event in ("evening", "each-case", "bytes"):
            ob = xzjd.loads(f"obligation x:\n  within 3 days after {event}, publish X\n")
            assert ob.obligation("x").schedule == AfterEvent(event=event, count=3, unit=Unit.DAYS)

    def test_agency_starting_with_a_kind_word(self) -> None:
        """'government-office' is an agency id, not the kind 'government'."""
        ob = xzjd.loads("obligation x:\n  by April 1, file X with government-office\n")
        action = ob.obligation("x").action
        assert action is not None
        assert action.recipients == (AgencyRecipient(agency="government-office"),)

    def test_agency_next_to_chinese_needs_spaces(self) -> None:
        """Without spaces an agency id runs into the Chinese word after it."""
        with pytest.raises(ParseError):
            xzjd.loads("义务 x：\n  4月1日前，向yn-gov报送 X\n")
        ob = xzjd.loads("义务 x：\n  4月1日前，向 yn-gov 报送 X\n")
        action = ob.obligation("x").action
        assert action is not None and action.recipients == (AgencyRecipient(agency="yn-gov"),)

    def test_quoted_agency(self) -> None:
        """An agency id that begins with a kind word can be quoted."""
        ob = xzjd.loads('义务 x：\n  4月1日前，向 "政府办" 报送 X\n')
        action = ob.obligation("x").action
        assert action is not None and action.recipients == (AgencyRecipient(agency="政府办"),)

    def test_bare_kind_and_the_are_optional(self) -> None:
        """'with supervisory organ' and 'with the supervisory organ' mean the same-level one."""
        for recipient in (
            "supervisory organ",
            "the supervisory organ",
            "same-level supervisory organ",
        ):
            ob = xzjd.loads(f"obligation x:\n  by April 1, file X with {recipient}\n")
            action = ob.obligation("x").action
            assert action is not None
            assert action.recipients == (
                RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.SUPERVISORY_ORGAN),
            )


class TestEntryPoints:
    def test_empty_file(self) -> None:
        """An empty file is an empty ruleset."""
        assert xzjd.loads("") == Ruleset()
        assert xzjd.loads("# only a comment\n\n") == Ruleset()

    def test_blank_line_with_full_width_space_inside_a_block(self) -> None:
        """A blank line holding only a full-width space does not end the block."""
        text = (
            "escalation s:\n  urge 1 day after the deadline\n"
            "obligation x:\n  by April 1, publish X\n\u3000\n  escalation s\n"
        )
        assert xzjd.loads(text).obligation("x").escalation == "s"

    def test_no_final_newline(self) -> None:
        """The last line needs no newline."""
        r = xzjd.loads("obligation x:\n  by April 1, publish X")
        assert r.obligation("x").schedule == Once(year=None, month=4, day=1)

    def test_load_path(self, tmp_path: Path) -> None:
        """load() reads UTF-8 from a path (str or PathLike) and names it in the model."""
        path = tmp_path / "yn.xzjd"
        path.write_text(TEXT, encoding="utf-8")
        assert xzjd.load(path) == xzjd.loads(TEXT)
        assert xzjd.load(str(path)).file == str(path)

    def test_parse_unchecked_returns_building_problems(self) -> None:
        """parse_unchecked() builds without checking and returns what building noticed."""
        ruleset, problems = parse_unchecked("effective 2010-02-30\nobligation x:\n  publish X\n")
        assert ruleset.effective is None
        assert [p.code for p in problems] == ["date/invalid"]
        assert ruleset.obligation("x").schedule is None

    def test_parse_error_is_a_value_error(self) -> None:
        """ParseError derives from XzjdError and ValueError."""
        with pytest.raises(ValueError):
            xzjd.loads("nonsense here\n")
        with pytest.raises(xzjd.XzjdError):
            xzjd.loads("nonsense here\n")
