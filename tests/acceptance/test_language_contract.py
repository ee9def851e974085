# SPDX-License-Identifier: MIT
"""Acceptance tests of the language, calendar and period contract (design brief sections 1-4).

Written from the brief, sentence by sentence, through the public API (``xzjd.loads``,
``xzjd.load``, ``Ruleset.to_text``, ``xzjd.calendar``,
``xzjd.periods.schedule.compile_schedule``,
``xzjd.evaluate``) and the command line (``xzjd check``, ``xzjd fmt --lang``).

Every expected date below is worked out by hand. The working-day facts used come from the
State Council notices on holiday arrangements (国务院办公厅关于XXXX年部分节假日安排的通知):

2010 (国办发明电〔2009〕27号): New Year 1-3 Jan; Spring Festival 13-19 Feb, with Sat 20 and
Sun 21 Feb worked; Qingming 3-5 Apr; Labour Day 1-3 May; Dragon Boat 14-16 Jun, with Sat 12
and Sun 13 Jun worked; Mid-Autumn 22-24 Sep, with Sun 19 and Sat 25 Sep worked; National Day
1-7 Oct, with Sun 26 Sep and Sat 9 Oct worked.

2011 (国办发明电〔2010〕40号): New Year 1-3 Jan; Spring Festival 2-8 Feb, with Sun 30 Jan and
Sat 12 Feb worked; Qingming 3-5 Apr, with Sat 2 Apr worked; Labour Day 30 Apr-2 May;
Dragon Boat 4-6 Jun; Mid-Autumn 10-12 Sep; National Day 1-7 Oct, with Sat 8 and Sun 9 Oct
worked.

Weekdays: 2010-01-01 was a Friday; 2011-01-01 a Saturday; 2012-01-01 a Sunday. The
``chinese-calendar`` package is used only as an independent cross-check of those facts.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata
from pathlib import Path

import chinese_calendar
import pytest

import xzjd
from xzjd import model
from xzjd.calendar import builtin
from xzjd.cli import main
from xzjd.language import warnings as check_warnings
from xzjd.periods.schedule import compile_schedule
from xzjd.views.records import ADDED_KEYS

D = dt.date

EXAMPLE_EN = """\
ruleset "Yunnan administrative conduct supervision, 2010"
effective 2010-01-22
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  notify 15 days after the deadline
  hold accountable 30 days after the deadline

obligation bimonthly-report "Bi-monthly progress report":
  source "Measures, art. 17"
  applies to every administrative organ
  by the end of every even month, file progress report with the same-level supervisory organ
  escalation standard
"""

EXAMPLE_ZH = """\
规则集 "云南省行政行为监督制度 2010"
生效 2010-01-22
日历 cn
期限届满日为休息日的，顺延至其后第一个工作日

升级 standard：
  截止前5个工作日预警
  逾期1日督促
  逾期15日通报
  逾期30日问责

义务 bimonthly-report "双月报告"：
  依据 "实施办法第十七条"
  适用于 各级行政机关
  逢双月底前，向同级行政监察机关报送 推进情况
  升级 standard
"""

AGENCIES = """\
id,name,kind,level,region,tags
yn-gov,云南省人民政府,government,provincial,云南省,
yn-jc,云南省监察厅,supervisory organ,provincial,云南省,
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""

FILINGS_HEADER = "id,agency,obligation,filed_on,period,recipient,status\n"


def en_rules(sentence: str, *, effective: str = "2010-01-22", header: str = "") -> str:
    """A one-obligation English ruleset around *sentence*."""
    return (
        f'ruleset "t"\neffective {effective}\n{header}\n'
        f'obligation o "t":\n  applies to every administrative organ\n  {sentence}\n'
    )


def zh_rules(sentence: str, *, effective: str = "2010-01-22", header: str = "") -> str:
    """A one-obligation Chinese ruleset around *sentence*."""
    return (
        f'规则集 "t"\n生效 {effective}\n{header}\n'
        f'义务 o "t"：\n  适用于 各级行政机关\n  {sentence}\n'
    )


def unroll(text: str, first: dt.date, last: dt.date) -> list[tuple[str, str, str, str]]:
    """(label, opens, nominal_due, due) of the periods with a nominal deadline up to *last*."""
    ruleset = xzjd.loads(text)
    unroller = compile_schedule(ruleset, ruleset.obligations[0], builtin("cn"))
    return [
        (p.label, p.opens.isoformat(), p.nominal_due.isoformat(), p.due.isoformat())
        for p in unroller.between(first, last)
        if p.nominal_due <= last
    ]


def first_period(text: str) -> tuple[str, str, str, str]:
    """(label, opens, nominal_due, due) of the only obligation's first period."""
    ruleset = xzjd.loads(text)
    p = compile_schedule(ruleset, ruleset.obligations[0], builtin("cn")).first()
    assert p is not None
    return (p.label, p.opens.isoformat(), p.nominal_due.isoformat(), p.due.isoformat())


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in process; return (status, stdout, stderr)."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def evaluate_rows(
    tmp_path: Path, rules: str, on: str, filings: str = "", events: str | None = None
) -> list[xzjd.Status]:
    """Evaluate *rules* for the four Yunnan agencies on date *on*."""
    (tmp_path / "ag.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "fi.csv").write_text(FILINGS_HEADER + filings, encoding="utf-8")
    ruleset = xzjd.loads(rules)
    agencies = xzjd.read_agencies(tmp_path / "ag.csv")
    fs = xzjd.read_filings(tmp_path / "fi.csv")
    evs: tuple[xzjd.Event, ...] = ()
    if events is not None:
        (tmp_path / "ev.csv").write_text("id,agency,event,date\n" + events, encoding="utf-8")
        evs = xzjd.read_events(tmp_path / "ev.csv")
    return list(xzjd.evaluate(ruleset, agencies, fs, on=D.fromisoformat(on), events=evs))


# =========================================================================== section 1


class TestSection1Examples:
    """The two example files of section 1, verbatim."""

    def test_english_example_parses(self) -> None:
        """The English example loads into the model the brief describes."""
        rs = xzjd.loads(EXAMPLE_EN)
        assert rs.title == "Yunnan administrative conduct supervision, 2010"
        assert rs.effective == D(2010, 1, 22)
        assert rs.calendar == "cn"
        assert rs.rest_days is model.RestDayPolicy.MOVE
        ladder = rs.escalation("standard")
        assert ladder.warn == model.Warn(days=5, working=True)
        assert [(s.step, s.days, s.working) for s in ladder.steps] == [
            (model.Step.URGE, 1, False),
            (model.Step.NOTIFY, 15, False),
            (model.Step.HOLD_ACCOUNTABLE, 30, False),
        ]
        ob = rs.obligation("bimonthly-report")
        assert ob.title == "Bi-monthly progress report"
        assert ob.source == "Measures, art. 17"
        assert ob.bearers == (model.KindBearer(kind=model.Kind.ADMINISTRATIVE_ORGAN),)
        assert ob.schedule == model.MonthParity(parity=model.Parity.EVEN)
        assert ob.action == model.Action(
            verb=model.Verb.FILE,
            deliverable="progress report",
            recipients=(
                model.RelativeRecipient(
                    relation=model.Relation.SAME_LEVEL, kind=model.Kind.SUPERVISORY_ORGAN
                ),
            ),
        )
        assert ob.escalation == "standard"

    def test_chinese_example_is_the_same_model(self) -> None:
        """The Chinese example differs from the English one only in its free texts."""
        en = xzjd.loads(EXAMPLE_EN)
        zh = xzjd.loads(EXAMPLE_ZH)
        assert zh.escalations == en.escalations
        assert (zh.effective, zh.calendar, zh.rest_days) == (
            en.effective,
            en.calendar,
            en.rest_days,
        )
        e, z = en.obligations[0], zh.obligations[0]
        assert (z.id, z.bearers, z.schedule, z.escalation) == (
            e.id,
            e.bearers,
            e.schedule,
            "standard",
        )
        assert z.action is not None and e.action is not None
        assert z.action.recipients == e.action.recipients
        assert (z.title, z.source, z.action.deliverable) == (
            "双月报告",
            "实施办法第十七条",
            "推进情况",
        )

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_both_examples_round_trip_through_either_language(self, lang: str) -> None:
        """``to_text`` in either language reads back as an equal model."""
        for text in (EXAMPLE_EN, EXAMPLE_ZH):
            rs = xzjd.loads(text)
            assert xzjd.loads(xzjd.to_text(rs, lang)) == rs

    def test_cli_check_accepts_both_examples(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``xzjd check`` exits 0 on both example files."""
        for name, text in (("en.xzjd", EXAMPLE_EN), ("zh.xzjd", EXAMPLE_ZH)):
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            status, out, err = run(["check", str(path)], capsys)
            assert (status, err) == (0, "")
            assert "1" in out

    def test_cli_fmt_translates_each_example(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``xzjd fmt --lang`` turns each example into the other language, same model."""
        for name, text, lang in (("en.xzjd", EXAMPLE_EN, "zh"), ("zh.xzjd", EXAMPLE_ZH, "en")):
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            status, out, err = run(["fmt", "--lang", lang, str(path)], capsys)
            assert (status, err) == (0, "")
            assert xzjd.loads(out) == xzjd.loads(text)
            if lang == "zh":
                assert "逢双月底前，向同级行政监察机关报送" in out
            else:
                assert "by the end of every even month, file" in out

    def test_fmt_of_the_english_example_is_the_example(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The brief's English example is already canonical English."""
        path = tmp_path / "en.xzjd"
        path.write_text(EXAMPLE_EN, encoding="utf-8")
        status, out, _ = run(["fmt", "--lang", "en", str(path)], capsys)
        assert status == 0
        assert out == EXAMPLE_EN

    def test_fmt_of_the_chinese_example_is_the_example(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The brief's Chinese example is already canonical Chinese."""
        path = tmp_path / "zh.xzjd"
        path.write_text(EXAMPLE_ZH, encoding="utf-8")
        status, out, _ = run(["fmt", "--lang", "zh", str(path)], capsys)
        assert status == 0
        assert out == EXAMPLE_ZH

    def test_xzjd_load_reads_a_file(self, tmp_path: Path) -> None:
        """``xzjd.load(path)`` gives the same model as ``xzjd.loads(text)``."""
        path = tmp_path / "zh.xzjd"
        path.write_text(EXAMPLE_ZH, encoding="utf-8")
        assert xzjd.load(path) == xzjd.loads(EXAMPLE_ZH)

    def test_mixed_file(self) -> None:
        """One file may use both languages, line by line."""
        mixed = (
            'ruleset "混合"\n生效 2010-01-22\ncalendar cn\n'
            "期限届满日为休息日的，顺延至其后第一个工作日\n\n"
            "escalation standard：\n  截止前5个工作日预警\n  urge 1 day after the deadline\n"
            "  逾期15日通报\n  hold accountable 30 days after the deadline\n\n"
            'obligation bimonthly-report "双月报告":\n  依据 "Measures, art. 17"\n'
            "  applies to 各级行政机关\n"
            "  逢双月底前，向同级行政监察机关报送 progress report\n  escalation standard\n"
        )
        rs = xzjd.loads(mixed)
        en = xzjd.loads(EXAMPLE_EN)
        assert rs.escalations == en.escalations
        assert rs.obligations[0].schedule == en.obligations[0].schedule
        assert rs.obligations[0].action == en.obligations[0].action
        assert rs.obligations[0].bearers == en.obligations[0].bearers

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (":\n", ":  # a block\n"),
            (":\n", ":   \n"),
            ("\n  ", "\n    "),
            ("\n\n", "\n\n\n  \n# x\n"),
            ("\n", "   \n"),
            ("\n", "\r\n"),
        ],
    )
    def test_layout_variants(self, old: str, new: str) -> None:
        """Comments after ':', trailing spaces, deeper indent, blank lines, CRLF: same model."""
        for text in (EXAMPLE_EN, EXAMPLE_ZH.replace("：", ":")):
            assert xzjd.loads(text.replace(old, new)) == xzjd.loads(text)
        assert xzjd.loads("\ufeff" + EXAMPLE_ZH) == xzjd.loads(EXAMPLE_ZH)

    def test_comments_are_ignored(self) -> None:
        """``#`` starts a comment, on its own line or after a sentence."""
        commented = "# 说明\n" + EXAMPLE_EN.replace(
            "calendar cn\n", "calendar cn  # the built-in calendar\n"
        )
        assert xzjd.loads(commented) == xzjd.loads(EXAMPLE_EN)

    def test_obligation_ids_are_ascii_identifiers(self) -> None:
        """An id must match ``[a-z][a-z0-9-]*``; others are errors."""
        ok = xzjd.loads(en_rules("by 2010-03-31, complete plan").replace('o "t"', 'a1-b "t"'))
        assert ok.obligations[0].id == "a1-b"
        for bad in ("Upper", "1abc", "报告"):
            with pytest.raises(xzjd.XzjdError):
                xzjd.loads(en_rules("by 2010-03-31, complete plan").replace('o "t"', f'{bad} "t"'))

    @pytest.mark.parametrize("bad", ["a_b", "aB", "report报告", "a.b"])
    def test_id_glued_to_other_characters_is_an_error(self, bad: str) -> None:
        """Regression: ``obligation a_b "t":`` was read as id ``a`` with a bare title."""
        text = en_rules("by 2010-03-31, complete plan").replace('o "t"', f'{bad} "t"')
        with pytest.raises(xzjd.SourceError) as info:
            xzjd.loads(text)
        diag = info.value.diagnostics[0]
        assert diag.code == "syntax/bad-obligation-id"
        assert diag.span is not None
        assert (diag.span.line, diag.span.column) == (4, 12)
        assert diag.span.end_column - diag.span.column == len(bad)

    def test_titles_in_either_language(self) -> None:
        """Titles are quoted strings in either language."""
        text = en_rules("by 2010-03-31, complete plan").replace('o "t"', 'o "实施方案 plan"')
        assert xzjd.loads(text).obligations[0].title == "实施方案 plan"


# =========================================================================== section 2


def _schedule(text: str) -> model.Schedule | None:
    return xzjd.loads(text).obligations[0].schedule


# (English sentence, Chinese sentence, [(label, opens, nominal_due, due), ...] in 2010-2011)
# with effective 2010-01-22 and the default roll-forward.
SCHEDULE_ROWS: list[tuple[str, str, str, list[tuple[str, str, str, str]]]] = [
    (
        "by-date",
        "by 2010-03-31, complete plan",
        "2010年3月31日前，完成 plan",
        # 2010-03-31 is a Wednesday: no move.
        [("once", "2010-01-22", "2010-03-31", "2010-03-31")],
    ),
    (
        "end-of-month-with-year",
        "by the end of March 2010, complete plan",
        "2010年3月底前，完成 plan",
        [("once", "2010-01-22", "2010-03-31", "2010-03-31")],
    ),
    (
        "end-of-month-without-year",
        # without a year: the year of `effective` (2010)
        "by the end of March, complete plan",
        "3月底前，完成 plan",
        [("once", "2010-01-22", "2010-03-31", "2010-03-31")],
    ),
    (
        "month-day-without-year",
        # 2010-04-01 is a Thursday.
        "by April 1, complete plan",
        "4月1日前，完成 plan",
        [("once", "2010-01-22", "2010-04-01", "2010-04-01")],
    ),
    (
        "month-day-with-year",
        "by April 1, 2010, complete plan",
        "2010年4月1日前，完成 plan",
        [("once", "2010-01-22", "2010-04-01", "2010-04-01")],
    ),
    (
        "yearly",
        # 2010-04-01 Thu, 2011-04-01 Fri: no move. The 2011 window opens the day after the
        # 2010 nominal deadline.
        "by April 1 each year, complete plan",
        "每年4月1日前，完成 plan",
        [
            ("2010", "2010-01-22", "2010-04-01", "2010-04-01"),
            ("2011", "2010-04-02", "2011-04-01", "2011-04-01"),
        ],
    ),
    (
        "yearly-two-deadlines",
        # 2010-06-30 Wed, 2010-11-30 Tue, 2011-06-30 Thu, 2011-11-30 Wed.
        "by the end of June and November each year, complete summary",
        "每年6月和11月底前，完成 summary",
        [
            ("2010-06", "2010-01-22", "2010-06-30", "2010-06-30"),
            ("2010-11", "2010-07-01", "2010-11-30", "2010-11-30"),
            ("2011-06", "2010-12-01", "2011-06-30", "2011-06-30"),
            ("2011-11", "2011-07-01", "2011-11-30", "2011-11-30"),
        ],
    ),
    (
        "even-months",
        # Feb 28 2010 is a Sunday (not a make-up day) -> Mon Mar 1; Apr 30 Fri; Jun 30 Wed;
        # Aug 31 Tue; Oct 31 Sun -> Mon Nov 1; Dec 31 Fri. 2011: Feb 28 Mon.
        "by the end of every even month, complete report",
        "逢双月底前，完成 report",
        [
            ("2010-B1", "2010-01-22", "2010-02-28", "2010-03-01"),
            ("2010-B2", "2010-03-01", "2010-04-30", "2010-04-30"),
            ("2010-B3", "2010-05-01", "2010-06-30", "2010-06-30"),
            ("2010-B4", "2010-07-01", "2010-08-31", "2010-08-31"),
            ("2010-B5", "2010-09-01", "2010-10-31", "2010-11-01"),
            ("2010-B6", "2010-11-01", "2010-12-31", "2010-12-31"),
            ("2011-B1", "2011-01-01", "2011-02-28", "2011-02-28"),
        ],
    ),
    (
        "odd-months",
        # Jan 31 2010 is a Sunday -> Mon Feb 1; Mar 31 Wed; May 31 Mon; Jul 31 Sat -> Mon
        # Aug 2; Sep 30 Thu; Nov 30 Tue; Jan 31 2011 Mon.
        "by the end of every odd month, complete report",
        "逢单月底前，完成 report",
        [
            ("2010-B1", "2010-01-22", "2010-01-31", "2010-02-01"),
            ("2010-B2", "2010-02-01", "2010-03-31", "2010-03-31"),
            ("2010-B3", "2010-04-01", "2010-05-31", "2010-05-31"),
            ("2010-B4", "2010-06-01", "2010-07-31", "2010-08-02"),
            ("2010-B5", "2010-08-01", "2010-09-30", "2010-09-30"),
            ("2010-B6", "2010-10-01", "2010-11-30", "2010-11-30"),
            ("2011-B1", "2010-12-01", "2011-01-31", "2011-01-31"),
        ],
    ),
    (
        "tenth-of-each-month",
        # Jan 10 2010 is before effective, so the first period is February. Feb 10 Wed;
        # Mar 10 Wed; Apr 10 Sat -> Mon Apr 12; May 10 Mon.
        "by the 10th of each month, complete report",
        "每月10日前，完成 report",
        [
            ("2010-02", "2010-01-22", "2010-02-10", "2010-02-10"),
            ("2010-03", "2010-02-11", "2010-03-10", "2010-03-10"),
            ("2010-04", "2010-03-11", "2010-04-10", "2010-04-12"),
            ("2010-05", "2010-04-11", "2010-05-10", "2010-05-10"),
        ],
    ),
    (
        "end-of-each-month",
        # Jan 31 Sun -> Feb 1; Feb 28 Sun -> Mar 1; Mar 31 Wed; Apr 30 Fri.
        "by the end of each month, complete report",
        "每月底前，完成 report",
        [
            ("2010-01", "2010-01-22", "2010-01-31", "2010-02-01"),
            ("2010-02", "2010-02-01", "2010-02-28", "2010-03-01"),
            ("2010-03", "2010-03-01", "2010-03-31", "2010-03-31"),
            ("2010-04", "2010-04-01", "2010-04-30", "2010-04-30"),
        ],
    ),
    (
        "quarterly",
        # Mar 31 Wed, Jun 30 Wed, Sep 30 Thu, Dec 31 Fri.
        "by the end of each quarter, complete report",
        "每季度末前，完成 report",
        [
            ("2010-Q1", "2010-01-22", "2010-03-31", "2010-03-31"),
            ("2010-Q2", "2010-04-01", "2010-06-30", "2010-06-30"),
            ("2010-Q3", "2010-07-01", "2010-09-30", "2010-09-30"),
            ("2010-Q4", "2010-10-01", "2010-12-31", "2010-12-31"),
        ],
    ),
    (
        "half-yearly",
        # Jun 30 2010 Wed, Dec 31 2010 Fri.
        "every half year, complete report",
        "每半年，完成 report",
        [
            ("2010-H1", "2010-01-22", "2010-06-30", "2010-06-30"),
            ("2010-H2", "2010-07-01", "2010-12-31", "2010-12-31"),
        ],
    ),
    (
        "during-month",
        # The window is July; the deadline is its last day, Sat Jul 31 2010, never moved.
        "during July, complete rules review",
        "7月份，完成 rules review",
        [("once", "2010-07-01", "2010-07-31", "2010-07-31")],
    ),
    (
        "during-month-with-year",
        "during July 2010, complete rules review",
        "2010年7月份，完成 rules review",
        [("once", "2010-07-01", "2010-07-31", "2010-07-31")],
    ),
]


class TestSchedules:
    """Each row of the schedule table, in English and in Chinese."""

    @pytest.mark.parametrize(
        ("en", "zh", "expected"), [r[1:] for r in SCHEDULE_ROWS], ids=[r[0] for r in SCHEDULE_ROWS]
    )
    def test_english_and_chinese_give_the_same_schedule(
        self, en: str, zh: str, expected: list[tuple[str, str, str, str]]
    ) -> None:
        """The English and Chinese sentences give an equal schedule and action."""
        e = xzjd.loads(en_rules(en)).obligations[0]
        z = xzjd.loads(zh_rules(zh)).obligations[0]
        assert e.schedule == z.schedule
        assert e.action == z.action

    @pytest.mark.parametrize(
        ("en", "zh", "expected"), [r[1:] for r in SCHEDULE_ROWS], ids=[r[0] for r in SCHEDULE_ROWS]
    )
    def test_periods_worked_out_by_hand(
        self, en: str, zh: str, expected: list[tuple[str, str, str, str]]
    ) -> None:
        """Labels, windows, nominal deadlines and moved deadlines match the hand working."""
        last = D.fromisoformat(expected[-1][2])
        for text in (en_rules(en), zh_rules(zh)):
            assert unroll(text, D(2010, 1, 1), last) == expected

    def test_half_year_spellings_are_the_same(self) -> None:
        """``every half year`` and ``by the end of each half year`` (每半年, 每半年末前) agree."""
        forms = [
            "every half year, complete r",
            "by the end of each half year, complete r",
        ]
        zh_forms = ["每半年，完成 r", "每半年末前，完成 r"]
        schedules = {repr(_schedule(en_rules(f))) for f in forms}
        schedules |= {repr(_schedule(zh_rules(f))) for f in zh_forms}
        assert len(schedules) == 1

    def test_day_past_the_month_end_is_its_last_day(self) -> None:
        """``by the 31st of each month``: February's deadline is its last day."""
        # 2012 is a leap year: Feb 29 2012 is a Wednesday; Apr 30 2012 is a Monday.
        # Effective 2012-01-01 (Sunday).
        got = unroll(
            en_rules("by the 31st of each month, complete r", effective="2012-01-01"),
            D(2012, 1, 1),
            D(2012, 4, 30),
        )
        assert [g[2] for g in got] == ["2012-01-31", "2012-02-29", "2012-03-31", "2012-04-30"]
        zh = unroll(
            zh_rules("每月31日前，完成 r", effective="2012-01-01"), D(2012, 1, 1), D(2012, 4, 30)
        )
        assert zh == got

    def test_ordinals(self) -> None:
        """English ordinals ``1st``, ``2nd``, ``3rd``, ``5th`` are days of the month."""
        for word, day in (("1st", 1), ("2nd", 2), ("3rd", 3), ("5th", 5), ("21st", 21)):
            assert _schedule(en_rules(f"by the {word} of each month, complete r")) == (
                model.EachMonth(day=day)
            )

    def test_within_days_after_event(self) -> None:
        """``within 30 days after finding``: the event day does not count; deadline = E + 30."""
        en = xzjd.loads(en_rules("within 30 days after finding, complete fix"))
        zh = xzjd.loads(zh_rules("finding之日起30日内，完成 fix"))
        assert en.obligations[0].schedule == zh.obligations[0].schedule
        assert en.obligations[0].schedule == model.AfterEvent(
            event="finding", count=30, unit=model.Unit.DAYS
        )
        u = compile_schedule(en, en.obligations[0], builtin("cn"))
        periods = u.for_events(
            [("e1", D(2010, 1, 31)), ("e2", D(2010, 9, 17)), ("e3", D(2010, 12, 31))]
        )
        got = [(p.label, p.opens, p.nominal_due, p.due) for p in periods]
        assert got == [
            # Jan 31 + 30 days = Mar 2 (Tue).
            ("e1", D(2010, 1, 31), D(2010, 3, 2), D(2010, 3, 2)),
            # Sep 17 + 30 days = Oct 17, a Sunday after National Day -> Mon Oct 18.
            ("e2", D(2010, 9, 17), D(2010, 10, 17), D(2010, 10, 18)),
            # Dec 31 + 30 days = Jan 30 2011, a Sunday worked for Spring Festival: no move.
            ("e3", D(2010, 12, 31), D(2011, 1, 30), D(2011, 1, 30)),
        ]

    def test_the_before_an_event_is_optional(self) -> None:
        """Regression: ``after the finding`` read ``the`` as the event and failed at 'finding'."""
        assert _schedule(en_rules("within 30 days after the finding, complete fix")) == (
            _schedule(en_rules("within 30 days after finding, complete fix"))
        )

    def test_chinese_event_names(self) -> None:
        """``发现问题之日起30日内`` parses with the Chinese event name ``发现问题``."""
        sched = _schedule(zh_rules("发现问题之日起30日内，完成 整改"))
        assert sched == model.AfterEvent(event="发现问题", count=30, unit=model.Unit.DAYS)

    def test_within_working_days_after_event(self) -> None:
        """``within 10 working days after finding`` is the 10th working day after the event."""
        en = xzjd.loads(en_rules("within 10 working days after finding, complete fix"))
        zh = xzjd.loads(zh_rules("finding之日起10个工作日内，完成 fix"))
        assert en.obligations[0].schedule == zh.obligations[0].schedule
        u = compile_schedule(en, en.obligations[0], builtin("cn"))
        got = [p.due for p in u.for_events([("a", D(2010, 9, 17)), ("b", D(2010, 12, 31))])]
        assert got == [
            # After Fri Sep 17 2010: Sun 19 (worked) 1, Mon 20 2, Tue 21 3, 22-24 holiday,
            # Sat 25 (worked) 4, Sun 26 (worked) 5, Mon 27 6, 28 7, 29 8, Thu 30 9,
            # Oct 1-7 holiday, Fri Oct 8 10.
            D(2010, 10, 8),
            # After Fri Dec 31 2010: Jan 1-3 holiday; Tue 4..Fri 7 = 4, Mon 10..Fri 14 = 9,
            # Mon Jan 17 = 10.
            D(2011, 1, 17),
        ]

    def test_within_one_month_after_event(self) -> None:
        """``within 1 month after finding``: same day next month, else that month's last day."""
        en = xzjd.loads(en_rules("within 1 month after finding, complete fix"))
        zh = xzjd.loads(zh_rules("finding之日起1个月内，完成 fix"))
        assert en.obligations[0].schedule == zh.obligations[0].schedule
        u = compile_schedule(en, en.obligations[0], builtin("cn"))
        got = [
            (p.nominal_due, p.due)
            for p in u.for_events([("a", D(2010, 1, 31)), ("b", D(2010, 3, 15))])
        ]
        assert got == [
            # Feb has no 31st: Feb 28 2010 (Sunday, ordinary weekend) -> Mon Mar 1.
            (D(2010, 2, 28), D(2010, 3, 1)),
            # Apr 15 2010 is a Thursday.
            (D(2010, 4, 15), D(2010, 4, 15)),
        ]

    def test_from_and_until_years(self) -> None:
        """``from 2011 until 2012`` (自2011年起 至2012年止) bound a yearly schedule, inclusive."""
        en = "by April 1 each year from 2011 until 2012, complete plan"
        zh = "每年4月1日前自2011年起至2012年止，完成 plan"
        assert _schedule(en_rules(en)) == _schedule(zh_rules(zh))
        expected = [
            # The first window opens on 1 January of the from year (later than effective).
            ("2011", "2011-01-01", "2011-04-01", "2011-04-01"),
            # Apr 1 2012 is a Sunday, but a worked one: the 2012 notice puts Qingming on
            # Apr 2-4 with Sat Mar 31 and Sun Apr 1 worked. No move.
            ("2012", "2011-04-02", "2012-04-01", "2012-04-01"),
        ]
        assert unroll(en_rules(en), D(2010, 1, 1), D(2015, 12, 31)) == expected
        assert unroll(zh_rules(zh), D(2010, 1, 1), D(2015, 12, 31)) == expected

    def test_chained(self) -> None:
        """The chained form: 5th of the month after each source period's nominal deadline."""
        en = (
            'ruleset "t"\neffective 2010-01-22\n\n'
            'obligation bimonthly-report "b":\n  applies to every administrative organ\n'
            "  by the end of every even month, file p with the same-level supervisory organ\n\n"
            'obligation summaries "s":\n  applies to every administrative organ\n'
            "  by the end of June and November each year, file s with the supervisory organ\n\n"
            'obligation rollup "r":\n  applies to every supervisory organ\n'
            "  by the 5th of the following month after each deadline of bimonthly-report and "
            "summaries, file r with the same-level government and the upper-level "
            "supervisory organ\n"
        )
        zh = (
            '规则集 "t"\n生效 2010-01-22\n\n'
            '义务 bimonthly-report "b"：\n  适用于 各级行政机关\n'
            "  逢双月底前，向同级行政监察机关报送 p\n\n"
            '义务 summaries "s"：\n  适用于 各级行政机关\n'
            "  每年6月和11月底前，向本级监察机关报送 s\n\n"
            '义务 rollup "r"：\n  适用于 各级行政监察机关\n'
            "  bimonthly-report和summaries每期截止后次月5日前，"
            "向同级人民政府和上级行政监察机关报送 r\n"
        )
        e, z = xzjd.loads(en), xzjd.loads(zh)
        assert e.obligation("rollup").schedule == z.obligation("rollup").schedule
        assert e.obligation("rollup").action == z.obligation("rollup").action
        u = compile_schedule(e, e.obligation("rollup"), builtin("cn"))
        got = [
            (p.label, p.opens.isoformat(), p.nominal_due.isoformat(), p.due.isoformat(), p.basis)
            for p in u.between(D(2010, 1, 1), D(2011, 1, 5))
        ]
        assert got == [
            # B1 ends Feb 28 -> Mar 5 (Fri).
            ("2010-03", "2010-01-22", "2010-03-05", "2010-03-05", ("bimonthly-report:2010-B1",)),
            # B2 ends Apr 30 -> May 5 (Wed, after Labour Day 1-3 May).
            ("2010-05", "2010-03-06", "2010-05-05", "2010-05-05", ("bimonthly-report:2010-B2",)),
            # B3 and the June summary both end Jun 30 -> one period, Jul 5 (Mon).
            (
                "2010-07",
                "2010-05-06",
                "2010-07-05",
                "2010-07-05",
                ("bimonthly-report:2010-B3", "summaries:2010-06"),
            ),
            # B4 ends Aug 31 -> Sep 5, a Sunday -> Mon Sep 6.
            ("2010-09", "2010-07-06", "2010-09-05", "2010-09-06", ("bimonthly-report:2010-B4",)),
            # B5 ends Oct 31 -> Nov 5 (Fri).
            ("2010-11", "2010-09-06", "2010-11-05", "2010-11-05", ("bimonthly-report:2010-B5",)),
            # The November summary ends Nov 30 -> Dec 5, a Sunday -> Mon Dec 6.
            ("2010-12", "2010-11-06", "2010-12-05", "2010-12-06", ("summaries:2010-11",)),
            # B6 ends Dec 31 -> Jan 5 2011 (Wed).
            ("2011-01", "2010-12-06", "2011-01-05", "2011-01-05", ("bimonthly-report:2010-B6",)),
        ]


class TestActions:
    """The action table, in English and Chinese."""

    @pytest.mark.parametrize(
        ("en", "zh", "verb"),
        [
            ("file Table 2 with yn-jc", "向 yn-jc 报送 Table 2", model.Verb.FILE),
            ("publish Table 2", "公开 Table 2", model.Verb.PUBLISH),
            ("hold coordination meeting", "召开 coordination meeting", model.Verb.HOLD),
            ("complete implementation plan", "完成 implementation plan", model.Verb.COMPLETE),
        ],
    )
    def test_verbs(self, en: str, zh: str, verb: model.Verb) -> None:
        """Each verb has an English and a Chinese spelling with the same model."""
        e = xzjd.loads(en_rules(f"by April 1 each year, {en}")).obligations[0].action
        z = xzjd.loads(zh_rules(f"每年4月1日前，{zh}")).obligations[0].action
        assert e == z
        assert e is not None and e.verb is verb

    def test_deliverable_quoted_or_bare(self) -> None:
        """A deliverable is a quoted string, or bare words up to `` with `` / end of line."""
        a = xzjd.loads(en_rules('by April 1 each year, file "Table 2, with notes" with yn-jc'))
        b = xzjd.loads(zh_rules('每年4月1日前，向 yn-jc 报送 "Table 2, with notes"'))
        assert a.obligations[0].action == b.obligations[0].action
        action = a.obligations[0].action
        assert action is not None and action.deliverable == "Table 2, with notes"
        c = xzjd.loads(en_rules("by April 1 each year, file key posts and links with yn-jc"))
        action = c.obligations[0].action
        assert action is not None
        assert action.deliverable == "key posts and links"
        assert action.recipients == (model.AgencyRecipient(agency="yn-jc"),)

    def test_chinese_comma_forms(self) -> None:
        """``，`` separates schedule and action in Chinese; ``,`` works as well."""
        a = xzjd.loads(zh_rules("每年4月1日前，完成 表二"))
        b = xzjd.loads(zh_rules("每年4月1日前,完成 表二"))
        assert a == b


def _recipients(sentence_en: str | None = None, sentence_zh: str | None = None) -> object:
    text = en_rules(sentence_en) if sentence_en else zh_rules(sentence_zh or "")
    action = xzjd.loads(text).obligations[0].action
    assert action is not None
    return action.recipients


SAME_SUP = model.RelativeRecipient(
    relation=model.Relation.SAME_LEVEL, kind=model.Kind.SUPERVISORY_ORGAN
)
UPPER_SUP = model.RelativeRecipient(
    relation=model.Relation.UPPER_LEVEL, kind=model.Kind.SUPERVISORY_ORGAN
)
SAME_GOV = model.RelativeRecipient(relation=model.Relation.SAME_LEVEL, kind=model.Kind.GOVERNMENT)


class TestParties:
    """Recipients and bearers."""

    def test_plain_sentence_of_the_brief(self) -> None:
        """``file Table 2 with supervisory organ`` means the same-level one."""
        plain = "by April 1 each year, file Table 2 with supervisory organ"
        long = "by April 1 each year, file Table 2 with the same-level supervisory organ"
        assert xzjd.loads(en_rules(plain)) == xzjd.loads(en_rules(long))
        assert _recipients(plain) == (SAME_SUP,)

    @pytest.mark.parametrize(
        "en",
        [
            "with supervisory organ",
            "with the supervisory organ",
            "with same-level supervisory organ",
            "with the same-level supervisory organ",
        ],
    )
    def test_the_is_optional_and_bare_kind_is_same_level(self, en: str) -> None:
        """``the`` is optional and a bare kind means same-level."""
        assert _recipients(f"by April 1 each year, file T {en}") == (SAME_SUP,)

    @pytest.mark.parametrize(
        "zh",
        [
            "向同级行政监察机关报送 T",
            "向本级行政监察机关报送 T",
            "向同级监察机关报送 T",
            "向本级监察机关报送 T",
            "向行政监察机关报送 T",
            "向监察机关报送 T",
        ],
    )
    def test_chinese_same_level_spellings(self, zh: str) -> None:
        """同级/本级, 行政监察机关/监察机关, and a bare kind all mean the same-level organ."""
        assert _recipients(sentence_zh=f"每年4月1日前，{zh}") == (SAME_SUP,)

    def test_upper_level_and_joins(self) -> None:
        """Recipients joined by ``and`` / ``和`` / ``、``, upper-level and agency ids."""
        en = _recipients(
            "by April 1 each year, file T with the same-level government and the upper-level "
            "supervisory organ and yn-gov"
        )
        assert en == (SAME_GOV, UPPER_SUP, model.AgencyRecipient(agency="yn-gov"))
        assert (
            _recipients(
                sentence_zh="每年4月1日前，向同级人民政府和上级行政监察机关和 yn-gov 报送 T"
            )
            == en
        )
        assert (
            _recipients(sentence_zh="每年4月1日前，向同级人民政府、上级监察机关、 yn-gov 报送 T")
            == en
        )

    def test_agency_id_next_to_chinese_words(self) -> None:
        """``向 yn-gov 报送 进展情况``: an agency id set off by spaces."""
        assert _recipients(sentence_zh="每年4月1日前，向 yn-gov 报送 进展情况") == (
            model.AgencyRecipient(agency="yn-gov"),
        )
        # An agency id in Chinese script, with digits and '_'.
        assert _recipients(sentence_zh="每年4月1日前，向 昆明市_监察局2 报送 进展情况") == (
            model.AgencyRecipient(agency="昆明市_监察局2"),
        )

    @pytest.mark.parametrize(
        ("en", "zh", "kind"),
        [
            ("administrative organ", "行政机关", model.Kind.ADMINISTRATIVE_ORGAN),
            ("supervisory organ", "行政监察机关", model.Kind.SUPERVISORY_ORGAN),
            ("supervisory organ", "监察机关", model.Kind.SUPERVISORY_ORGAN),
            ("audit organ", "审计机关", model.Kind.AUDIT_ORGAN),
            ("government", "人民政府", model.Kind.GOVERNMENT),
            ("department", "部门", model.Kind.DEPARTMENT),
        ],
    )
    def test_kinds_as_bearers(self, en: str, zh: str, kind: model.Kind) -> None:
        """``every <kind>`` / ``各级<kind>`` for every built-in kind."""
        e = xzjd.loads(
            en_rules("by 2010-03-31, complete p").replace(
                "every administrative organ", f"every {en}"
            )
        )
        z = xzjd.loads(zh_rules("2010年3月31日前，完成 p").replace("各级行政机关", f"各级{zh}"))
        assert (
            e.obligations[0].bearers == z.obligations[0].bearers == (model.KindBearer(kind=kind),)
        )

    @pytest.mark.parametrize(
        ("en", "zh", "level"),
        [
            ("provincial", "省", model.Level.PROVINCIAL),
            ("prefecture", "州(市)", model.Level.PREFECTURE),
            ("prefecture", "州（市）", model.Level.PREFECTURE),
            ("prefecture", "市", model.Level.PREFECTURE),
            ("county", "县", model.Level.COUNTY),
            ("township", "乡", model.Level.TOWNSHIP),
        ],
    )
    def test_levels(self, en: str, zh: str, level: model.Level) -> None:
        """``every <level> <kind>`` / ``<level>级<kind>`` for every level."""
        e = xzjd.loads(
            en_rules("by 2010-03-31, complete p").replace(
                "every administrative organ", f"every {en} government"
            )
        )
        z = xzjd.loads(
            zh_rules("2010年3月31日前，完成 p").replace("各级行政机关", f"{zh}级人民政府")
        )
        expected = (model.KindBearer(kind=model.Kind.GOVERNMENT, level=level),)
        assert e.obligations[0].bearers == z.obligations[0].bearers == expected

    def test_tagged_and_agency_bearers_comma_separated(self) -> None:
        """Tagged kinds and agency ids, separated by ``,`` or ``，``/``、``."""
        e = xzjd.loads(
            en_rules("by 2010-03-31, complete p").replace(
                "every administrative organ",
                "every department tagged approval, yn-gov, every county audit organ",
            )
        )
        expected = (
            model.KindBearer(kind=model.Kind.DEPARTMENT, tag="approval"),
            model.AgencyBearer(agency="yn-gov"),
            model.KindBearer(kind=model.Kind.AUDIT_ORGAN, level=model.Level.COUNTY),
        )
        assert e.obligations[0].bearers == expected
        for sep1, sep2 in (("、", "，"), ("，", "、"), ("、", "、")):
            z = xzjd.loads(
                zh_rules("2010年3月31日前，完成 p").replace(
                    "各级行政机关", f"标记为approval的部门{sep1}yn-gov{sep2}县级审计机关"
                )
            )
            assert z.obligations[0].bearers == expected


class TestEscalation:
    """Escalation ladders."""

    def test_every_step_in_both_languages(self) -> None:
        """All six steps, in days and working days, and one warn line, in both languages."""
        en = xzjd.loads(
            'ruleset "t"\neffective 2010-01-22\n\nescalation full:\n'
            "  warn 3 days before the deadline\n"
            "  remind 1 day after the deadline\n"
            "  urge 2 working days after the deadline\n"
            "  correct 5 days after the deadline\n"
            "  notify 10 working days after the deadline\n"
            "  hold accountable 30 days after the deadline\n"
            "  discipline 60 days after the deadline\n"
        )
        zh = xzjd.loads(
            '规则集 "t"\n生效 2010-01-22\n\n升级 full：\n'
            "  截止前3日预警\n  逾期1日提醒\n  逾期2个工作日督促\n  逾期5日纠正\n"
            "  逾期10个工作日通报\n  逾期30日问责\n  逾期60日追究纪律责任\n"
        )
        assert en.escalations == zh.escalations
        ladder = en.escalations[0]
        assert ladder.warn == model.Warn(days=3, working=False)
        assert [(s.step, s.days, s.working) for s in ladder.steps] == [
            (model.Step.REMIND, 1, False),
            (model.Step.URGE, 2, True),
            (model.Step.CORRECT, 5, False),
            (model.Step.NOTIFY, 10, True),
            (model.Step.HOLD_ACCOUNTABLE, 30, False),
            (model.Step.DISCIPLINE, 60, False),
        ]

    @pytest.mark.parametrize(
        ("ladder", "ok"),
        [
            ("urge 5 days\nnotify 5 days", False),
            ("urge 5 working days\nnotify 5 working days", False),
            # 5 calendar days are never later than 5 working days.
            ("urge 5 working days\nnotify 5 days", False),
            # 5 working days are at least a week: usually after 6 calendar days.
            ("urge 6 days\nnotify 5 working days", True),
            ("urge 5 days\nnotify 6 days", True),
        ],
    )
    def test_step_order_with_mixed_units(self, ladder: str, ok: bool) -> None:
        """Regression: working and calendar days were compared as plain numbers."""
        lines = "".join(f"  {line} after the deadline\n" for line in ladder.split("\n"))
        text = f'ruleset "t"\neffective 2010-01-22\n\nescalation e:\n{lines}'
        if ok:
            assert len(xzjd.loads(text).escalations[0].steps) == 2
        else:
            with pytest.raises(xzjd.CheckError) as info:
                xzjd.loads(text)
            diag = info.value.diagnostics[0]
            assert diag.code == "escalation/out-of-order"
            assert ("working day" in diag.message) == ("working" in ladder)

    def test_at_most_one_warn_line(self) -> None:
        """A second warn line is an error."""
        with pytest.raises(xzjd.XzjdError) as info:
            xzjd.loads(
                'ruleset "t"\neffective 2010-01-22\n\nescalation e:\n'
                "  warn 3 days before the deadline\n  warn 5 working days before the deadline\n"
            )
        assert "warn" in str(info.value)

    def test_obligation_names_its_ladder(self) -> None:
        """``escalation NAME`` names a declared ladder; an unknown one is an error."""
        with pytest.raises(xzjd.XzjdError) as info:
            xzjd.loads(en_rules("by 2010-03-31, complete p") + "  escalation nope\n")
        assert "nope" in str(info.value)


class TestOtherLines:
    """Source, calendar and rest-day policy lines."""

    def test_source_line(self) -> None:
        """``source "…"`` / ``依据 "…"`` set the obligation's source."""
        e = xzjd.loads(en_rules("by 2010-03-31, complete p") + '  source "art. 17"\n')
        z = xzjd.loads(zh_rules("2010年3月31日前，完成 p") + '  依据 "art. 17"\n')
        assert e.obligations[0].source == z.obligations[0].source == "art. 17"

    def test_policy_lines(self) -> None:
        """``deadlines on rest days stay`` / ``…，不顺延`` set STAY; the default is MOVE."""
        assert (
            xzjd.loads(en_rules("by 2010-03-31, complete p")).rest_days is model.RestDayPolicy.MOVE
        )
        stay_en = xzjd.loads(
            en_rules("by 2010-03-31, complete p", header="deadlines on rest days stay")
        )
        stay_zh = xzjd.loads(
            zh_rules("2010年3月31日前，完成 p", header="期限届满日为休息日的，不顺延")
        )
        assert stay_en.rest_days is stay_zh.rest_days is model.RestDayPolicy.STAY
        move = xzjd.loads(
            zh_rules(
                "2010年3月31日前，完成 p", header="期限届满日为休息日的，顺延至其后第一个工作日"
            )
        )
        assert move.rest_days is model.RestDayPolicy.MOVE

    def test_calendar_declaration_both_languages(self) -> None:
        """The declared-calendar block of the brief, in English and Chinese."""
        en = xzjd.loads(
            'ruleset "t"\neffective 2027-01-01\n'
            "calendar yunnan-2027 based on cn:\n  rest 2027-10-01 to 2027-10-07\n"
            "  work 2027-09-26\ncalendar yunnan-2027\n"
        )
        assert en.calendar == "yunnan-2027"
        assert en.calendars == (
            model.CalendarDecl(
                name="yunnan-2027",
                base="cn",
                rest=(model.DateRange(D(2027, 10, 1), D(2027, 10, 7)),),
                work=(D(2027, 9, 26),),
            ),
        )
        assert xzjd.loads(xzjd.to_text(en, "zh")) == en
        assert xzjd.loads(xzjd.to_text(en, "en")) == en


# =========================================================================== section 3

# The days of the 2010 notice (国办发明电〔2009〕27号), with their weekday, as the brief's
# example year: (date, working?).
NOTICE_2010 = [
    (D(2010, 1, 1), False),  # Fri, New Year
    (D(2010, 1, 3), False),  # Sun, New Year
    (D(2010, 1, 4), True),  # Mon
    (D(2010, 2, 13), False),  # Sat, Spring Festival
    (D(2010, 2, 19), False),  # Fri, Spring Festival
    (D(2010, 2, 20), True),  # Sat, worked
    (D(2010, 2, 21), True),  # Sun, worked
    (D(2010, 2, 27), False),  # Sat, ordinary weekend
    (D(2010, 4, 5), False),  # Mon, Qingming
    (D(2010, 5, 3), False),  # Mon, Labour Day
    (D(2010, 6, 12), True),  # Sat, worked
    (D(2010, 6, 13), True),  # Sun, worked
    (D(2010, 6, 14), False),  # Mon, Dragon Boat
    (D(2010, 6, 16), False),  # Wed, Dragon Boat
    (D(2010, 9, 19), True),  # Sun, worked
    (D(2010, 9, 22), False),  # Wed, Mid-Autumn
    (D(2010, 9, 25), True),  # Sat, worked
    (D(2010, 9, 26), True),  # Sun, worked
    (D(2010, 10, 1), False),  # Fri, National Day
    (D(2010, 10, 7), False),  # Thu, National Day
    (D(2010, 10, 9), True),  # Sat, worked
    (D(2010, 10, 10), False),  # Sun, ordinary weekend
]


class TestRestDays:
    """A rest day is a weekend day that is not a make-up day, or a statutory holiday."""

    @pytest.mark.parametrize(("day", "working"), NOTICE_2010, ids=[str(d) for d, _ in NOTICE_2010])
    def test_the_2010_notice(self, day: dt.date, working: bool) -> None:
        """The built-in calendar agrees with the 2010 notice (and with chinese-calendar)."""
        assert builtin("cn").is_working_day(day) is working
        assert chinese_calendar.is_workday(day) is working

    def test_every_day_2004_to_2026_agrees_with_an_independent_source(self) -> None:
        """Every day 2004-2026 agrees with the chinese-calendar package, bar one known slip."""
        cn = builtin("cn")
        day = D(2004, 1, 1)
        disagree = []
        while day <= D(2026, 12, 31):
            if cn.is_working_day(day) is not chinese_calendar.is_workday(day):
                disagree.append(day)
            day += dt.timedelta(days=1)
        # Sat 2005-12-31 was worked: the 2006 notice (国办发明电〔2005〕35号) says
        # "12月31日（星期六）上班". chinese-calendar lists it as a rest day; cn is right.
        assert disagree == [D(2005, 12, 31)]
        assert cn.is_working_day(D(2005, 12, 31))

    @pytest.mark.parametrize("day", [D(2003, 12, 31), D(2100, 6, 1)])
    def test_out_of_data_is_an_error_naming_the_year(self, day: dt.date) -> None:
        """A date outside the data (and outside the provisional years) is an error naming the
        year, never a guess."""
        with pytest.raises(xzjd.CalendarError) as info:
            builtin("cn").is_working_day(day)
        assert str(day.year) in str(info.value)

    def test_past_the_last_notice_is_provisional_or_strictly_an_error(self) -> None:
        """Issue 10 amends section 3: a year after the last notice is provisional (derived
        from the holiday law); the strict calendar keeps the section 3 error."""
        cn = builtin("cn")
        # Mon 2027-01-04: 元旦 is Fri 01-01, 01-02/03 the weekend; the Monday works.
        assert cn.is_provisional(D(2027, 1, 4)) and cn.is_working_day(D(2027, 1, 4))
        with pytest.raises(xzjd.CalendarError) as info:
            cn.strict().is_working_day(D(2027, 1, 4))
        assert "2027" in str(info.value)


class TestRollForward:
    """Deadline = nominal deadline, moved to the next working day when the ruleset says so."""

    @pytest.mark.parametrize(
        ("nominal", "moved"),
        [
            # Sat Feb 13 2010, first day of Spring Festival -> Sat Feb 20, a worked Saturday.
            ("2010-02-13", "2010-02-20"),
            # Sun Jun 13 2010 is a worked Sunday: it stays.
            ("2010-06-13", "2010-06-13"),
            # Mon Jun 14 2010, Dragon Boat (14-16) -> Thu Jun 17.
            ("2010-06-14", "2010-06-17"),
            # Sat Sep 18 2010, ordinary Saturday -> Sun Sep 19, worked for Mid-Autumn.
            ("2010-09-18", "2010-09-19"),
            # Fri Oct 1 2010, National Day 1-7 -> Fri Oct 8.
            ("2010-10-01", "2010-10-08"),
            # Sat Jan 1 2011, New Year 1-3 -> Tue Jan 4.
            ("2011-01-01", "2011-01-04"),
        ],
    )
    def test_move(self, nominal: str, moved: str) -> None:
        """The default moves a rest-day deadline to the next working day."""
        for text in (en_rules(f"by {nominal}, complete p"), zh_rules(_zh_date(nominal))):
            assert first_period(text)[2:] == (nominal, moved)

    @pytest.mark.parametrize("nominal", ["2010-02-13", "2010-10-01", "2010-10-31"])
    def test_stay(self, nominal: str) -> None:
        """``deadlines on rest days stay`` / ``不顺延`` keeps the nominal deadline."""
        en = en_rules(f"by {nominal}, complete p", header="deadlines on rest days stay")
        zh = zh_rules(_zh_date(nominal), header="期限届满日为休息日的，不顺延")
        for text in (en, zh):
            assert first_period(text)[2:] == (nominal, nominal)

    def test_during_never_moves(self) -> None:
        """A ``during`` deadline stays on the month's last day even when it is a rest day."""
        # Oct 31 2010 is a Sunday; Jul 31 2010 a Saturday.
        for sentence in ("during October 2010, complete p", "during July, complete p"):
            label, _opens, nominal, due = first_period(en_rules(sentence))
            assert nominal == due
            assert label == "once"
        assert first_period(zh_rules("2010年10月份，完成 p")) == (
            "once",
            "2010-10-01",
            "2010-10-31",
            "2010-10-31",
        )


def _zh_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日前，完成 p"


DECLARED = """\
calendar yunnan-2027 based on cn:
  rest 2027-10-01 to 2027-10-07
  work 2027-09-26
calendar yunnan-2027
"""

DECLARED_ZH = """\
日历 yunnan-2027 基于 cn：
  休息 2027-10-01 至 2027-10-07
  上班 2027-09-26
日历 yunnan-2027
"""


def declared_calendar(text: str) -> xzjd.Calendar:
    """The ruleset's declared calendar, built with the public calendar API."""
    ruleset = xzjd.loads(text)
    (decl,) = ruleset.calendars
    return builtin(decl.base or "cn").extend(decl.name, rest=decl.rest, work=decl.work)


class TestDeclaredCalendars:
    """``calendar NAME based on cn:`` with rest/work lines, incl. a year the base lacks."""

    def test_declared_year_the_base_lacks(self) -> None:
        """In 2027 (not in cn) rest days are weekends + declared rest days - declared work days."""
        cal = declared_calendar(en_rules("by 2027-10-01, complete p", header=DECLARED))
        assert cal.is_working_day(D(2027, 1, 1))  # Fri: not declared, so a working day
        assert not cal.is_working_day(D(2027, 1, 2))  # Sat
        assert cal.is_working_day(D(2027, 9, 26))  # Sun, declared work
        assert not cal.is_working_day(D(2027, 10, 4))  # Mon, declared rest
        assert not cal.is_working_day(D(2027, 10, 9))  # Sat, plain weekend
        assert cal.is_working_day(D(2027, 10, 8))  # Fri
        assert cal.is_working_day(D(2026, 9, 30))  # base year kept: Wed Sep 30 2026

    def test_declared_calendar_chinese_spelling(self) -> None:
        """The Chinese spelling of the declaration gives the same model."""
        en = xzjd.loads(en_rules("by 2027-10-01, complete p", header=DECLARED))
        zh = xzjd.loads(zh_rules("2027年10月1日前，完成 p", header=DECLARED_ZH))
        assert en.calendars == zh.calendars
        assert en.calendar == zh.calendar == "yunnan-2027"

    @pytest.mark.parametrize(
        ("nominal", "due"),
        [
            # Fri Oct 1 2027: declared rest to Thu Oct 7 -> Fri Oct 8.
            ("2027-10-01", "2027-10-08"),
            # Sat Sep 25 2027 -> Sun Sep 26, declared a working day.
            ("2027-09-25", "2027-09-26"),
        ],
    )
    def test_deadlines_on_a_declared_calendar(self, nominal: str, due: str) -> None:
        """Deadlines in 2027 move on the declared calendar."""
        text = en_rules(f"by {nominal}, complete p", effective="2027-01-01", header=DECLARED)
        ruleset = xzjd.loads(text)
        unroller = compile_schedule(ruleset, ruleset.obligations[0], declared_calendar(text))
        p = unroller.first()
        assert p is not None
        assert (p.nominal_due.isoformat(), p.due.isoformat()) == (nominal, due)

    def test_year_beyond_the_declared_one_is_an_error(self) -> None:
        """2028 is in neither the base's notices nor the declaration: it is provisional, and
        the strict calendar's error names 2028."""
        cal = declared_calendar(en_rules("by 2027-10-01, complete p", header=DECLARED))
        assert cal.is_provisional(D(2028, 1, 1)) and not cal.is_provisional(D(2027, 1, 1))
        with pytest.raises(xzjd.CalendarError) as info:
            cal.strict().roll_forward(D(2028, 1, 1))
        assert "2028" in str(info.value)

    def test_cli_names_the_missing_year(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``xzjd check --no-provisional`` on a 2027 deadline with only ``cn`` exits 2 naming
        2027 (without it, 2027 is provisional: see tests/test_provisional.py)."""
        rules = tmp_path / "r.xzjd"
        rules.write_text(en_rules("by 2027-10-01, publish p", effective="2027-01-01"), "utf-8")
        (tmp_path / "ag.csv").write_text(AGENCIES, encoding="utf-8")
        (tmp_path / "fi.csv").write_text(FILINGS_HEADER, encoding="utf-8")
        status, _out, err = run(
            [
                "check",
                str(rules),
                "--agencies",
                str(tmp_path / "ag.csv"),
                "--filings",
                str(tmp_path / "fi.csv"),
                "--on",
                "2027-10-09",
                "--format",
                "json",
                "--no-provisional",
            ],
            capsys,
        )
        assert status == 2
        assert "2027" in err
        assert "Traceback" not in err and "internal error" not in err


class TestWorkingDaySteps:
    """days_overdue in calendar days; working-day ladder steps; the warn start day."""

    RULES = (
        'ruleset "t"\neffective 2010-01-22\n\n'
        "escalation e:\n"
        "  warn 5 working days before the deadline\n"
        "  urge 3 working days after the deadline\n"
        "  notify 10 days after the deadline\n\n"
        'obligation o "t":\n  source "s"\n  applies to every government\n'
        "  by 2010-10-01, file p with yn-jc\n  escalation e\n"
    )

    @pytest.mark.parametrize(
        ("on", "state", "days", "step"),
        [
            # The deadline: nominal Fri Oct 1 2010 -> Fri Oct 8. Five working days before it:
            # Thu Sep 30 (1), Wed 29 (2), Tue 28 (3), Mon 27 (4), Sun Sep 26 worked (5).
            ("2010-09-25", "pending", None, None),
            ("2010-09-26", "warning", None, None),
            ("2010-10-08", "warning", None, None),
            # After Oct 8: Sat Oct 9 worked (1), Sun 10 rest, Mon 11 (2), Tue 12 (3).
            ("2010-10-09", "overdue", 1, None),
            ("2010-10-11", "overdue", 3, None),
            ("2010-10-12", "overdue", 4, "urge"),
            # Calendar days: Oct 18 is 10 days after Oct 8.
            ("2010-10-17", "overdue", 9, "urge"),
            ("2010-10-18", "overdue", 10, "notify"),
        ],
    )
    def test_states(
        self, tmp_path: Path, on: str, state: str, days: int | None, step: str | None
    ) -> None:
        """State, days_overdue and step on each day around the moved deadline."""
        rows = [r for r in evaluate_rows(tmp_path, self.RULES, on) if r.agency == "km-gov"]
        assert len(rows) == 1
        row = rows[0]
        assert (row.due, row.nominal_due) == (D(2010, 10, 8), D(2010, 10, 1))
        assert row.state.value == state
        assert row.days_overdue == days
        assert (row.step.value if row.step else None) == step

    def test_by_means_on_or_before(self, tmp_path: Path) -> None:
        """A filing on the (moved) deadline day is on time; the next day is late."""
        on_time = evaluate_rows(tmp_path, self.RULES, "2010-10-20", "f1,km-gov,o,2010-10-08,,,\n")
        late = evaluate_rows(tmp_path, self.RULES, "2010-10-20", "f1,km-gov,o,2010-10-09,,,\n")
        assert [r.state.value for r in on_time if r.agency == "km-gov"] == ["done"]
        assert [r.state.value for r in late if r.agency == "km-gov"] == ["late"]


class TestSurprisesAreReported:
    """Sentences that parse but cannot mean what their author meant are errors."""

    @pytest.mark.parametrize(
        ("sentence", "effective"),
        [
            ("by 2009-12-31, complete p", "2010-01-22"),
            ("during July 2009, complete p", "2010-01-22"),
            ("by the end of March 2009, complete p", "2010-01-22"),
            ("by April 1 each year until 2009, complete p", "2010-01-22"),
            # until 2010: the only 2010 deadline, Apr 1, is before effective Apr 2.
            ("by April 1 each year until 2010, complete p", "2010-04-02"),
            ("by the end of each quarter until 2009, complete p", "2010-01-22"),
        ],
    )
    def test_dated_schedule_entirely_before_effective_warns(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        sentence: str,
        effective: str,
    ) -> None:
        """Regression: a schedule with no deadline on or after effective was silent; now a
        warning (it may be a duty kept for the record), shown by ``xzjd check``, exit 0."""
        text = en_rules(sentence, effective=effective)
        rs = xzjd.loads(text)
        assert [d.code for d in check_warnings(rs)] == ["schedule/before-effective"]
        path = tmp_path / "past.xzjd"
        path.write_text(text, encoding="utf-8")
        status, out, err = run(["check", str(path)], capsys)
        assert status == 0
        assert f"{path}:6:3: warning[schedule/before-effective]" in err
        assert "ok, 1 obligation" in out

    @pytest.mark.parametrize(
        ("sentence", "effective"),
        [
            # Without a year: the year of effective, 2010; Mar 31 2010 < Apr 5 2010.
            ("by the end of March, complete p", "2010-04-05"),
            ("during March, complete p", "2010-04-05"),
            ("by April 1, complete p", "2010-04-05"),
        ],
    )
    def test_yearless_deadline_before_effective_is_an_error(
        self, sentence: str, effective: str
    ) -> None:
        """A one-off without a year takes the effective year; before effective it never applies."""
        with pytest.raises(xzjd.CheckError) as info:
            xzjd.loads(en_rules(sentence, effective=effective))
        assert [d.code for d in info.value.diagnostics] == ["schedule/before-effective"]

    def test_deadline_on_the_effective_day_is_fine(self) -> None:
        """A deadline on the effective day itself gives a period (on or after)."""
        got = first_period(
            en_rules("by April 1 each year until 2010, complete p", effective="2010-04-01")
        )
        assert got == ("2010", "2010-04-01", "2010-04-01", "2010-04-01")

    @pytest.mark.parametrize(
        "text",
        [
            zh_rules("每年4月1日前，完成 x，自2011年起"),
            zh_rules("每年4月1日前，完成 x，至2015年止"),
            en_rules("by April 1 each year, complete x from 2011"),
            en_rules("by April 1 each year, publish x until 2015"),
        ],
    )
    def test_year_range_after_the_action(self, text: str) -> None:
        """Regression: a year range after the action was silently part of the deliverable."""
        with pytest.raises(xzjd.CheckError) as info:
            xzjd.loads(text)
        assert [d.code for d in info.value.diagnostics] == ["action/year-range-in-deliverable"]

    def test_quoted_deliverable_may_hold_a_year(self) -> None:
        """A quoted deliverable says what it means, and stays quoted in canonical text."""
        rs = xzjd.loads(en_rules('by April 1 each year, complete "plan from 2011"'))
        action = rs.obligations[0].action
        assert action is not None and action.deliverable == "plan from 2011"
        for lang in ("en", "zh"):
            assert '"plan from 2011"' in xzjd.to_text(rs, lang)
            assert xzjd.loads(xzjd.to_text(rs, lang)) == rs


# =========================================================================== section 4


class TestFirstPeriod:
    """The first period is the first whose nominal deadline is on or after effective/from."""

    def test_deadline_on_effective_counts(self) -> None:
        """Effective on the deadline day: that deadline is the first period."""
        # Apr 1 2010 is a Thursday.
        text = en_rules("by April 1 each year, complete p", effective="2010-04-01")
        assert first_period(text) == ("2010", "2010-04-01", "2010-04-01", "2010-04-01")

    def test_deadline_before_effective_is_skipped(self) -> None:
        """Effective the day after: the first period is next year's, opening on effective."""
        text = en_rules("by April 1 each year, complete p", effective="2010-04-02")
        assert first_period(text) == ("2011", "2010-04-02", "2011-04-01", "2011-04-01")

    def test_nominal_not_moved_deadline_decides(self) -> None:
        """A deadline whose nominal day is before effective is skipped even if it moves past it."""
        # Jan 31 2010 is a Sunday, moved to Mon Feb 1; effective Feb 1: January is not a
        # period because its nominal deadline (Jan 31) is before effective.
        text = en_rules("by the end of each month, complete p", effective="2010-02-01")
        assert first_period(text) == ("2010-02", "2010-02-01", "2010-02-28", "2010-03-01")

    def test_from_before_effective(self) -> None:
        """``from 2009`` with effective 2010-01-22: the first window opens on effective."""
        text = en_rules("by April 1 each year from 2009, complete p")
        assert first_period(text) == ("2010", "2010-01-22", "2010-04-01", "2010-04-01")

    def test_from_after_effective(self) -> None:
        """``自2011年起``: the first window opens on 1 January 2011."""
        # Apr 1 2011 is a Friday.
        for text in (
            zh_rules("每年4月1日前自2011年起，完成 p"),
            zh_rules("自2011年起，每年4月1日前，完成 p"),
            en_rules("by April 1 each year from 2011, complete p"),
        ):
            assert first_period(text) == ("2011", "2011-01-01", "2011-04-01", "2011-04-01")

    def test_from_on_a_monthly_schedule(self) -> None:
        """``by the end of every even month from 2011``: 2011-B1 opens 2011-01-01."""
        # Feb 28 2011 is a Monday.
        text = en_rules("by the end of every even month from 2011, complete p")
        assert first_period(text) == ("2011-B1", "2011-01-01", "2011-02-28", "2011-02-28")

    def test_chained_from_and_until(self) -> None:
        """A chained schedule's from/until years apply to its own deadlines."""
        text = (
            'ruleset "t"\neffective 2010-01-22\n\n'
            'obligation b "b":\n  applies to every administrative organ\n'
            "  by the end of every even month, complete p\n\n"
            'obligation r "r":\n  applies to every supervisory organ\n'
            "  by the 5th of the following month after each deadline of b from 2011 until 2011, "
            "complete r\n"
        )
        rs = xzjd.loads(text)
        u = compile_schedule(rs, rs.obligation("r"), builtin("cn"))
        got = [
            (p.label, p.opens.isoformat(), p.due.isoformat(), p.basis)
            for p in u.between(D(2010, 1, 1), D(2012, 3, 1))
        ]
        assert got == [
            # 2010-B6 ends Dec 31 2010 -> Jan 5 2011 (Wed), in 2011: the first period; its
            # window opens on 1 January of the from year.
            ("2011-01", "2011-01-01", "2011-01-05", ("b:2010-B6",)),
            # Mar 5 2011 is a Saturday -> Mon Mar 7.
            ("2011-03", "2011-01-06", "2011-03-07", ("b:2011-B1",)),
            ("2011-05", "2011-03-06", "2011-05-05", ("b:2011-B2",)),
            ("2011-07", "2011-05-06", "2011-07-05", ("b:2011-B3",)),
            ("2011-09", "2011-07-06", "2011-09-05", ("b:2011-B4",)),
            # Nov 5 2011 is a Saturday -> Mon Nov 7. 2011-B6 leads to Jan 5 2012: past until.
            ("2011-11", "2011-09-06", "2011-11-07", ("b:2011-B5",)),
        ]

    def test_until_is_inclusive(self) -> None:
        """``至2011年止`` keeps the 2011 periods and none after."""
        got = unroll(zh_rules("每季度末前至2011年止，完成 p"), D(2010, 1, 1), D(2013, 12, 31))
        assert [g[0] for g in got] == [
            "2010-Q1",
            "2010-Q2",
            "2010-Q3",
            "2010-Q4",
            "2011-Q1",
            "2011-Q2",
            "2011-Q3",
            "2011-Q4",
        ]


class TestWindows:
    """A window opens the day after the previous nominal deadline; during = the month."""

    def test_window_opens_after_nominal_not_moved_deadline(self) -> None:
        """After a moved deadline, the next window opens the day after the nominal one."""
        # 2010-B1 (even months): nominal Sun Feb 28, moved to Mon Mar 1; B2 opens Mar 1,
        # the day after Feb 28, not Mar 2.
        got = unroll(
            en_rules("by the end of every even month, complete p"), D(2010, 1, 1), D(2010, 4, 30)
        )
        assert got[1] == ("2010-B2", "2010-03-01", "2010-04-30", "2010-04-30")

    def test_during_window_is_the_month(self) -> None:
        """A ``during`` window is the named month, not effective onwards."""
        assert first_period(en_rules("during April 2010, complete p")) == (
            "once",
            "2010-04-01",
            "2010-04-30",
            "2010-04-30",
        )

    def test_event_window_opens_on_the_event_day(self) -> None:
        """An event period opens on the event day and is labelled by the event id."""
        rs = xzjd.loads(zh_rules("发现问题之日起5个工作日内，完成 整改"))
        (p,) = compile_schedule(rs, rs.obligations[0], builtin("cn")).for_events(
            [("ev-7", D(2010, 6, 11))]
        )
        # After Fri Jun 11 2010: Sat 12 (worked) 1, Sun 13 (worked) 2, Mon-Wed 14-16
        # Dragon Boat, Thu 17 3, Fri 18 4, Sat 19 rest, Mon 21 5.
        assert (p.label, p.opens, p.due) == ("ev-7", D(2010, 6, 11), D(2010, 6, 21))

    def test_during_filing_before_the_window_counts_for_nothing(self, tmp_path: Path) -> None:
        """A filing made before a ``during`` window fits no period and is a warning."""
        rules = en_rules("during July 2010, publish p")
        rows = evaluate_rows(tmp_path, rules, "2010-08-02", "f1,km-gov,o,2010-06-30,,,\n")
        km = [r for r in rows if r.agency == "km-gov"]
        assert [(r.period, r.state.value, r.days_overdue) for r in km] == [
            # due Sat Jul 31 2010, not moved: Aug 2 is 2 calendar days after.
            ("once", "overdue", 2)
        ]


class TestLabels:
    """Period labels of section 4."""

    def test_labels(self) -> None:
        """once, YYYY, YYYY-MM, YYYY-Bn, YYYY-Qn, YYYY-Hn for each kind of schedule."""
        cases = {
            "by 2010-12-31, complete p": ["once"],
            "during December, complete p": ["once"],
            "by April 1 each year, complete p": ["2010", "2011"],
            "by the end of June and November each year, complete p": [
                "2010-06",
                "2010-11",
                "2011-06",
                "2011-11",
            ],
            "by the 10th of each month until 2010, complete p": [
                f"2010-{m:02d}" for m in range(2, 13)
            ],
            "by the end of every even month until 2010, complete p": [
                f"2010-B{i}" for i in range(1, 7)
            ],
            "by the end of each quarter until 2010, complete p": [
                f"2010-Q{i}" for i in range(1, 5)
            ],
            "every half year until 2011, complete p": ["2010-H1", "2010-H2", "2011-H1", "2011-H2"],
        }
        for sentence, labels in cases.items():
            got = [g[0] for g in unroll(en_rules(sentence), D(2010, 1, 1), D(2011, 12, 31))]
            assert got == labels, sentence

    @pytest.mark.parametrize(
        "text",
        [
            en_rules("by April 1 and April 15 each year, complete p"),
            en_rules("by the end of April and April 30 each year, complete p"),
            zh_rules("每年4月1日和4月15日前，完成 p"),
        ],
    )
    def test_two_deadlines_in_one_month_is_an_error(self, text: str) -> None:
        """Regression: two yearly deadlines in one month gave two periods labelled YYYY-04."""
        with pytest.raises(xzjd.CheckError) as info:
            xzjd.loads(text)
        assert [d.code for d in info.value.diagnostics] == ["schedule/same-month-twice"]

    def test_twice_a_year_in_one_month_each(self) -> None:
        """``by April 1 and October 1 each year`` (twice a year) is labelled YYYY-MM."""
        text = en_rules("by April 1 and October 1 each year, complete p")
        got = unroll(text, D(2010, 1, 1), D(2010, 12, 31))
        # Apr 1 2010 Thu; Oct 1 2010 National Day -> Fri Oct 8.
        assert got == [
            ("2010-04", "2010-01-22", "2010-04-01", "2010-04-01"),
            ("2010-10", "2010-04-02", "2010-10-01", "2010-10-08"),
        ]


# =========================================================================== errors

HEAD = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error\[[a-z0-9-]+/[a-z0-9-]+\]: \S")


def display_width(text: str) -> int:
    """Terminal cells of *text* (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def assert_line_shown(shown: str, want: str, col: int, indent: int) -> None:
    """The source line under a diagnostic, and the caret *indent* cells in, under *col*.

    A line up to 100 cells wide is shown whole. A wider one (issue 12: a 50 MB line was
    echoed whole) is shown as a window of it around the caret, with "…" where it is cut; the
    caret is still under the character at *col*.
    """
    want = want.replace("\t", " ")
    if shown == want:
        assert indent == display_width(want[: col - 1])
        return
    assert display_width(want) > 100 and display_width(shown) <= 102, shown
    core = shown.removeprefix("…")
    lead = len(shown) - len(core)
    if core.endswith("…") and not want.endswith(core):
        core = core[:-1]
    # The characters of the window before the caret: their cells add up to the indent.
    before, width = 0, lead
    while width < indent:
        width += display_width(core[before])
        before += 1
    assert width == indent, shown
    left = col - 1 - before
    assert want[left : left + len(core)] == core, shown
    assert bool(lead) == (left > 0), shown
    assert shown.endswith("…") == (left + len(core) < len(want)), shown


def assert_rendered(err: str, path: Path, source: str) -> tuple[int, int]:
    """Every diagnostic in *err* has the head, the line, an aligned caret and a hint."""
    assert "Traceback" not in err and "internal error" not in err
    lines = err.rstrip("\n").split("\n")
    src = source.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    heads = [i for i, line in enumerate(lines) if HEAD.match(line)]
    assert heads, err
    first: tuple[int, int] | None = None
    for i in heads:
        m = HEAD.match(lines[i])
        assert m is not None
        assert m["file"] == str(path)
        line_no, col = int(m["line"]), int(m["col"])
        first = first or (line_no, col)
        shown = re.match(r"^ *(\d+) \| (.*)$", lines[i + 1])
        assert shown is not None, err
        assert int(shown[1]) == line_no
        want = src[line_no - 1] if line_no - 1 < len(src) else ""
        caret = lines[i + 2]
        offset = lines[i + 1].index("| ") + 2
        assert caret[:offset].strip() == "|"
        assert caret[offset:].lstrip(" ").startswith("^"), err
        indent = len(caret) - len(caret[offset:].lstrip(" ")) - offset
        assert_line_shown(shown[2], want, col, indent)
        assert lines[i + 3].startswith("hint: "), err
    assert first is not None
    return first


BAD_FILES: list[tuple[str, str, int, int]] = [
    # (id, text, line, column) of the first diagnostic
    ("misspelt-month", en_rules("by Aprill 1, complete p"), 6, 6),
    ("month-13", zh_rules("每年13月1日前，完成 p"), 6, 3),
    ("no-such-day", en_rules("by April 31 each year, complete p"), 6, 3),
    ("bad-date", '规则集 "t"\n生效 2010-02-30\n', 2, 4),
    ("missing-qian", zh_rules("逢双月底，向同级监察机关报送 p"), 6, 7),
    ("missing-comma-zh", zh_rules("每年4月1日前向同级监察机关报送 p"), 6, 10),
    ("missing-comma-en", en_rules("by April 1 each year file p with yn-jc"), 6, 24),
    ("missing-deliverable", zh_rules("每年4月1日前，向同级行政监察机关报送"), 6, 22),
    ("unknown-kind-zh", zh_rules("每年4月1日前，向同级行政监查机关报送 p"), 6, 14),
    ("unknown-escalation", en_rules("by 2010-03-31, complete p") + "  escalation nope\n", 7, 14),
    ("unknown-calendar", en_rules("by 2010-03-31, complete p", header="calendar nope"), 3, 10),
    ("tab-indent", en_rules("by 2010-03-31, complete p").replace("  by", "\tby"), 6, 1),
    (
        "full-width-indent",
        zh_rules("2010年3月31日前，完成 p").replace("  2010", "\u3000\u30002010"),
        6,
        1,
    ),
    ("unterminated", en_rules("by 2010-03-31, complete p").replace('o "t"', 'o "t'), 4, 14),
    ("no-schedule", '义务 o "t"：\n  适用于 各级行政机关\n', 1, 4),
    ("bad-id", en_rules("by 2010-03-31, complete p").replace('o "t"', 'a_b "t"'), 4, 12),
    ("two-warns", 'ruleset "t"\nescalation e：\n  截止前3日预警\n  截止前5日预警\n', 4, 3),
    ("bad-range", zh_rules("每年4月1日前自2012年起至2011年止，完成 p"), 6, 3),
    (
        "long-line",
        en_rules("by 2010-03-31, complete " + "长" * 3000 + " x y", header="x" * 500),
        3,
        1,
    ),
    ("mixed-scripts", zh_rules("每年4月1日前，file 表二 with 同级监察机关 and 上级政府x"), 6, 39),
    ("agency-glued-ascii", zh_rules("每年4月1日前，向yn-gov报送 进展情况"), 6, 12),
    ("agency-glued-chinese", zh_rules("每年4月1日前，向 云南省政府报送 进展情况"), 6, 13),
    ("no-hint-before", 'deadlines on rest d"ays move to the next working day\n', 1, 19),
    ("unknown-step", "升级 e：\n  逾期1日提示\n", 2, 7),
    ("dedent", en_rules("by 2010-03-31, complete p") + '   source "s"\n', 7, 1),
]


class TestErrors:
    """Every bad input: ``file:line:col: error[code]``, the line, an aligned caret, a hint, 2."""

    @pytest.mark.parametrize(
        ("text", "line", "col"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
    )
    @pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
    def test_rendered_and_exit_2(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        text: str,
        line: int,
        col: int,
        variant: str,
    ) -> None:
        """``xzjd check`` and ``xzjd fmt`` exit 2 with a well-formed diagnostic."""
        if variant == "crlf":
            text = text.replace("\n", "\r\n")
        elif variant == "bom":
            text = "\ufeff" + text
        path = tmp_path / "bad.xzjd"
        path.write_bytes(text.encode("utf-8"))
        for argv in (["check", str(path)], ["fmt", "--lang", "zh", str(path)]):
            status, out, err = run(argv, capsys)
            assert status == 2, err
            assert out == ""
            assert assert_rendered(err, path, text) == (line, col)

    @pytest.mark.parametrize(
        "text", ["", "\n\n", "# 只有注释\n# only comments\n", "\ufeff", "   \n\t\n"]
    )
    def test_empty_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
    ) -> None:
        """An empty file, or one of only comments and blank lines, is an empty ruleset."""
        path = tmp_path / "empty.xzjd"
        path.write_text(text, encoding="utf-8")
        status, out, err = run(["check", str(path)], capsys)
        assert (status, err) == (0, "")
        assert "0" in out

    def test_not_utf8(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not UTF-8 is an error with exit 2, not a traceback."""
        path = tmp_path / "gbk.xzjd"
        path.write_bytes(zh_rules("每年4月1日前，完成 表二").encode("gbk"))
        status, _out, err = run(["check", str(path)], capsys)
        assert status == 2
        assert str(path) in err and "Traceback" not in err and "internal error" not in err

    def test_messages_in_chinese(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With a Chinese locale the message and hint are Chinese; the caret still lines up."""
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        text = zh_rules("每年13月1日前，完成 p")
        path = tmp_path / "bad.xzjd"
        path.write_text(text, encoding="utf-8")
        status, _out, err = run(["check", str(path)], capsys)
        assert status == 2
        assert "没有13月" in err
        assert_rendered(err.replace("提示: ", "hint: "), path, text)


class TestAgencyIdsNextToChinese:
    """Agency ids next to Chinese words are set off by spaces; glued ones get a clear error."""

    @pytest.mark.parametrize(
        ("sentence", "agency"),
        [
            ("每年4月1日前，向yn-gov报送 进展情况", "yn-gov"),
            ("每年4月1日前，向 yn-gov报送 进展情况", "yn-gov"),
            ("每年4月1日前，向 云南省政府报送 进展情况", "云南省政府"),
        ],
    )
    def test_glued_agency_id(self, sentence: str, agency: str) -> None:
        """Regression: the error said 'unexpected 进展情况, expected 报送' far from the cause."""
        with pytest.raises(xzjd.ParseError) as info:
            xzjd.loads(zh_rules(sentence))
        diag = info.value.diagnostics[0]
        assert diag.code == "syntax/agency-needs-spaces"
        assert diag.hint is not None and f"向 {agency} 报送" in diag.hint

    def test_spaced_agency_ids(self) -> None:
        """The spaced forms parse, alone and after a kind joined by 和."""
        for sentence in (
            "每年4月1日前，向 云南省政府 报送 进展情况",
            "每年4月1日前，向同级监察机关和 yn-gov 报送 进展情况",
        ):
            action = xzjd.loads(zh_rules(sentence)).obligations[0].action
            assert action is not None and action.deliverable == "进展情况"


class TestStayWithWorkingDaySteps:
    """With ``stay`` the deadline is a rest day; working-day counts start from it."""

    RULES = (
        'ruleset "t"\neffective 2010-01-22\n期限届满日为休息日的，不顺延\n\n'
        "升级 e：\n  截止前2个工作日预警\n  逾期1个工作日督促\n\n"
        '义务 o "t"：\n  适用于 各级人民政府\n  2010年10月1日前，向 yn-jc 报送 p\n  升级 e\n'
    )

    @pytest.mark.parametrize(
        ("on", "state", "days", "step"),
        [
            # Deadline Fri Oct 1 2010 (National Day), not moved. Two working days before it:
            # Thu Sep 30 (1), Wed Sep 29 (2).
            ("2010-09-28", "pending", None, None),
            ("2010-09-29", "warning", None, None),
            ("2010-10-01", "warning", None, None),
            # Overdue from Oct 2 in calendar days; the first working day after Oct 1 is
            # Fri Oct 8 (the holiday runs to Oct 7), when 'urge' is reached.
            ("2010-10-02", "overdue", 1, None),
            ("2010-10-07", "overdue", 6, None),
            ("2010-10-08", "overdue", 7, "urge"),
        ],
    )
    def test_states(
        self, tmp_path: Path, on: str, state: str, days: int | None, step: str | None
    ) -> None:
        """State, days_overdue and step around a deadline that stays on a holiday."""
        rows = [r for r in evaluate_rows(tmp_path, self.RULES, on) if r.agency == "km-gov"]
        assert [(r.due, r.state.value, r.days_overdue) for r in rows] == [
            (D(2010, 10, 1), state, days)
        ]
        assert (rows[0].step.value if rows[0].step else None) == step


class TestFmtCommand:
    """``xzjd fmt --lang`` on mixed files, and ``--check``."""

    MIXED = (
        'ruleset "混合 mixed"\n生效 2010-01-22\n\n'
        'obligation plan "实施方案"：\n'
        "  适用于 every administrative organ\n"
        "  3月底前，complete 实施方案\n\n"
        '义务 table-2 "表二":\n'
        "  applies to 各级行政机关、yn-gov\n"
        "  by April 1 each year from 2011, file 表二 with supervisory organ and 省监察厅\n"
    )

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_mixed_file_in_one_language(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
    ) -> None:
        """A mixed file prints in one language with an equal model; the output is canonical."""
        path = tmp_path / "mixed.xzjd"
        path.write_text(self.MIXED, encoding="utf-8")
        status, out, err = run(["fmt", "--lang", lang, str(path)], capsys)
        assert (status, err) == (0, "")
        model_in = xzjd.loads(self.MIXED)
        assert xzjd.loads(out) == model_in
        ob = model_in.obligation("table-2")
        assert ob.bearers == (
            model.KindBearer(kind=model.Kind.ADMINISTRATIVE_ORGAN),
            model.AgencyBearer(agency="yn-gov"),
        )
        assert ob.action is not None
        assert ob.action.recipients == (SAME_SUP, model.AgencyRecipient(agency="省监察厅"))
        canonical = tmp_path / f"canonical-{lang}.xzjd"
        canonical.write_text(out, encoding="utf-8")
        status, _out, _err = run(["fmt", "--lang", lang, "--check", str(canonical)], capsys)
        assert status == 0
        status, _out, _err = run(["fmt", "--lang", lang, "--check", str(path)], capsys)
        assert status == 1

    def test_chinese_agency_bearer(self) -> None:
        """``适用于 省监察厅`` names an agency, not a level and a kind."""
        rs = xzjd.loads(zh_rules("2010年3月31日前，完成 p").replace("各级行政机关", "省监察厅"))
        assert rs.obligations[0].bearers == (model.AgencyBearer(agency="省监察厅"),)


class TestYearRangesOnlyOnRecurringSchedules:
    """``from``/``until`` belong to recurring schedules; elsewhere the error says so."""

    @pytest.mark.parametrize(
        "text",
        [
            en_rules("within 30 days after finding from 2011, complete p"),
            en_rules("by April 1 from 2011, complete p"),
            en_rules("during July until 2011, complete p"),
            zh_rules("finding之日起30日内自2011年起，完成 p"),
            zh_rules("7月份自2011年起，完成 p"),
            zh_rules("自2011年起，7月份，完成 p"),
        ],
    )
    def test_range_not_allowed(self, text: str) -> None:
        """Regression: the English forms gave a bare 'unexpected from'."""
        with pytest.raises(xzjd.SourceError) as info:
            xzjd.loads(text)
        assert [d.code for d in info.value.diagnostics] == ["schedule/range-not-allowed"]


class TestDeclaredCalendarEndToEnd:
    """A Chinese ruleset on its own 2027 calendar, through ``xzjd check --format json``."""

    RULES = (
        '规则集 "t"\n生效 2027-01-01\n'
        "日历 yunnan-2027 基于 cn：\n  休息 2027-10-01 至 2027-10-07\n  上班 2027-09-26\n"
        "  休息 2027-12-31 至 2028-01-02\n日历 yunnan-2027\n\n"
        "升级 e：\n  截止前3个工作日预警\n  逾期2个工作日督促\n\n"
        '义务 o "t"：\n  适用于 各级人民政府\n  2027年10月1日前，向 yn-jc 报送 p\n  升级 e\n'
    )

    @pytest.mark.parametrize(
        ("on", "state", "days", "step"),
        [
            # Deadline: Fri Oct 1 2027, declared rest to Thu Oct 7 -> Fri Oct 8. Three working
            # days before it: Thu Sep 30 (1), Wed 29 (2), Tue 28 (3).
            ("2027-09-27", "pending", None, None),
            ("2027-09-28", "warning", None, None),
            ("2027-10-08", "warning", None, None),
            # Sat Oct 9 is a plain weekend in the declared year: Mon Oct 11 (1), Tue 12 (2).
            ("2027-10-11", "overdue", 3, None),
            ("2027-10-12", "overdue", 4, "urge"),
        ],
    )
    def test_json(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        on: str,
        state: str,
        days: int | None,
        step: str | None,
    ) -> None:
        """The JSON record of km-gov's period on each day around the deadline."""
        rules = tmp_path / "r.xzjd"
        rules.write_text(self.RULES, encoding="utf-8")
        (tmp_path / "ag.csv").write_text(AGENCIES, encoding="utf-8")
        (tmp_path / "fi.csv").write_text(FILINGS_HEADER, encoding="utf-8")
        argv = ["check", str(rules), "--agencies", str(tmp_path / "ag.csv")]
        argv += ["--filings", str(tmp_path / "fi.csv"), "--on", on, "--format", "json"]
        status, out, err = run(argv, capsys)
        assert (status, err) == (0, "")
        rows = [r for r in json.loads(out) if r["agency"] == "km-gov"]
        assert [
            (r["nominal_due"], r["due"], r["state"], r["days_overdue"], r["step"]) for r in rows
        ] == [("2027-10-01", "2027-10-08", state, days, step)]

    def test_declared_days_across_a_new_year(self) -> None:
        """A rest range into 2028 makes 2028 a covered year: weekends plus Jan 1-2."""
        cal = declared_calendar(self.RULES)
        assert not cal.is_working_day(D(2027, 12, 31))  # Fri, declared rest
        assert cal.is_working_day(D(2028, 1, 3))  # Mon
        assert cal.is_working_day(D(2028, 3, 1))  # Wed, nothing declared
        assert not cal.is_working_day(D(2028, 1, 8))  # Sat
        # 2029 is only provisional (the holiday law's days); strictly, an error naming it.
        assert cal.is_provisional(D(2029, 1, 1))
        with pytest.raises(xzjd.CalendarError) as info:
            cal.strict().is_working_day(D(2029, 1, 1))
        assert "2029" in str(info.value)


_JUNK = [
    "", "x", "：", "，", "、", "\t", "\u3000", "「", "“", '"', "#", "前", "日", "年", "12",
    "逾期", "by", "  ", "\n", "\r\n", "\ufeff", "月", "州(市)", "。", "99999", "0", "13",
    "2009", "-", "even", "odd", "until 2001", "from 2030", "自2030年起", "至2001年止",
]  # fmt: skip


def _mutants(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for base in (EXAMPLE_EN, EXAMPLE_ZH):
        for _ in range(count):
            chars = list(base)
            for _ in range(rnd.randint(1, 3)):
                p = rnd.randrange(len(chars))
                op = rnd.random()
                if op < 0.4:
                    del chars[p]
                elif op < 0.8:
                    chars.insert(p, rnd.choice(_JUNK))
                else:
                    chars[p] = rnd.choice(_JUNK)
            out.append("".join(chars))
    return out


class TestMutatedExamples:
    """Small random edits of the two examples: a model, or well-rendered diagnostics."""

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_every_diagnostic_is_well_rendered(self, seed: int) -> None:
        """Each diagnostic has the head, the source line, a caret by display width, a hint."""
        for text in _mutants(seed, 150):
            try:
                xzjd.loads(text, file="m.xzjd")
            except xzjd.SourceError as exc:
                src = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
                for diag in exc.diagnostics:
                    rendered = xzjd.errors.render_diagnostic(diag, lang="en")
                    lines = rendered.split("\n")
                    m = HEAD.match(lines[0].replace("warning[", "error["))
                    assert m is not None, rendered
                    line_no, col = int(m["line"]), int(m["col"])
                    assert 1 <= line_no <= len(src), rendered
                    want = src[line_no - 1]
                    shown = re.match(r"^ *(\d+) \| (.*)$", lines[1])
                    assert shown is not None, rendered
                    offset = lines[1].index("| ") + 2
                    caret = lines[2][offset:]
                    assert caret.lstrip(" ").startswith("^"), rendered
                    indent = len(caret) - len(caret.lstrip(" "))
                    assert_line_shown(shown[2], want, col, indent)
                    assert lines[3].startswith("hint: "), rendered


class TestInvisibleCharacters:
    """An invisible character in the way is named in the message, not printed raw."""

    @pytest.mark.parametrize(
        ("char", "name"), [("\x00", "U+0000"), ("\x0b", "U+000B"), ("\u200b", "U+200B")]
    )
    def test_named(self, char: str, name: str) -> None:
        """Regression: a NUL or vertical tab gave "unexpected ''" with nothing visible."""
        with pytest.raises(xzjd.ParseError) as info:
            xzjd.loads(f'ruleset "t"{char}\neffective 2010-01-22\n')
        diag = info.value.diagnostics[0]
        assert diag.message == f"unexpected '{name}'"
        assert diag.span is not None and (diag.span.line, diag.span.column) == (1, 12)


class TestBriefRecord:
    """The JSON record printed in the brief follows from the English example."""

    def test_km_gov_2010_b2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """km-gov's 2010-B2 on 2010-05-03 is exactly the brief's record, in both languages."""
        # 2010-B2: window from the day after Feb 28 (B1's nominal deadline) = Mar 1; nominal
        # Apr 30 (Fri), not moved. May 3 is 3 calendar days after; 'urge' from 1 day after,
        # 'notify' only from 15.
        expected = {
            "agency": "km-gov",
            "obligation": "bimonthly-report",
            "period": "2010-B2",
            "opens": "2010-03-01",
            "nominal_due": "2010-04-30",
            "due": "2010-04-30",
            "state": "overdue",
            "days_overdue": 3,
            "step": "urge",
            "recipients": ["km-jc"],
            "filings": [],
        }
        (tmp_path / "ag.csv").write_text(AGENCIES, encoding="utf-8")
        (tmp_path / "fi.csv").write_text(FILINGS_HEADER, encoding="utf-8")
        for name, text, source in (
            ("en.xzjd", EXAMPLE_EN, "Measures, art. 17"),
            ("zh.xzjd", EXAMPLE_ZH, "实施办法第十七条"),
        ):
            rules = tmp_path / name
            rules.write_text(text, encoding="utf-8")
            argv = ["check", str(rules), "--agencies", str(tmp_path / "ag.csv")]
            argv += ["--filings", str(tmp_path / "fi.csv"), "--on", "2010-05-03"]
            status, out, err = run([*argv, "--format", "json"], capsys)
            assert (status, err) == (0, "")
            records = [
                r for r in json.loads(out) if (r["agency"], r["period"]) == ("km-gov", "2010-B2")
            ]
            (record,) = records
            brief = [*expected, "source"]  # the brief's keys, in its order
            assert {k: record[k] for k in brief} == {**expected, "source": source}
            # then the keys issue 15 added after them: names, lateness
            assert list(record) == [*brief, *ADDED_KEYS]
            assert (record["agency_name"], record["recipient_names"]) == (
                "昆明市人民政府",
                ["昆明市监察局"],
            )
            assert (record["satisfied_on"], record["days_late"]) == (None, None)
