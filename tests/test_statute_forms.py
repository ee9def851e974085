"""The forms statutes use (issue 15, point 3): clauses after the deliverable are refused,
and the schedule forms of statutes parse in both languages, print back, translate and unroll.

Every expected date below is worked out by hand from the calendar (src/xzjd/data/cn.csv and
the published State Council notices), as the comments show.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import xzjd
from xzjd.errors import Diagnostic

D = dt.date


def _rules(sentence: str, *, zh: bool = False, effective: str = "2025-01-01") -> str:
    if zh:
        return f"生效 {effective}\n义务 a：\n  {sentence}\n"
    return f"effective {effective}\nobligation a:\n  {sentence}\n"


def _problems(text: str) -> list[Diagnostic]:
    with pytest.raises(xzjd.XzjdError) as info:
        xzjd.loads(text, file="r.xzjd")
    return list(info.value.diagnostics)


# --------------------------------------------------------------------------- refusals


class TestClauseAfterTheDeliverable:
    """A bare deliverable does not swallow a clause after its comma (language.md section 7)."""

    def test_publish_after_a_report_is_a_second_duty(self) -> None:
        line = "每年6月30日前，向上级人民政府报送 年报，并向社会公布"
        (d,) = _problems(_rules(line, zh=True))
        assert d.code == "action/clause-in-deliverable"
        assert d.span is not None
        # The caret is under 并: the line is indented by two, and 并 is the 23rd character.
        assert (d.span.line, d.span.column) == (3, 2 + line.index("并") + 1)
        assert d.span.end_column == 2 + len(line) + 1
        assert "并向社会公布" in d.message and "年报" in d.message
        assert d.hint is not None and "quote" in d.hint

    def test_an_extension_after_a_reply(self) -> None:
        line = "within 10 days after request, complete reply, extendable by 20 working days"
        (d,) = _problems(_rules(line))
        assert d.code == "action/clause-in-deliverable"
        assert d.span is not None and d.span.column == 2 + line.index("extendable") + 1
        assert d.hint is not None and "may be extended by" in d.hint

    def test_the_rendered_error_has_position_line_caret_and_hint(self) -> None:
        line = "within 10 days after request, complete reply, extendable by 20 working days"
        (d,) = _problems(_rules(line))
        rendered = d.render()
        assert rendered.startswith("r.xzjd:3:49: error[action/clause-in-deliverable]: ")
        assert "^" * len("extendable by 20 working days") in rendered
        assert "hint: " in rendered

    @pytest.mark.parametrize(
        ("sentence", "zh"),
        [
            ("收到申请之日起20日内，完成 决定，经本机关负责人批准，可以延长10日", True),
            ("收到申请之日起20日内，完成 决定，可延长十日", True),
            ("within 20 days after request, complete decision, may be extended by 10 days", False),
        ],
    )
    def test_extensions(self, sentence: str, zh: bool) -> None:
        (d,) = _problems(_rules(sentence, zh=zh))
        assert d.code == "action/clause-in-deliverable"
        assert "可以延长" in (d.hint_zh or "") and "extended" in (d.hint or "")

    @pytest.mark.parametrize(
        ("sentence", "zh"),
        [
            ("收到申请之日起20日内，完成 决定，听证期间不计入期限", True),
            ("收到申请之日起20日内，完成 决定；补正后重新计算", True),
            ("within 20 days after request, complete decision, not counting hearing", False),
        ],
    )
    def test_clock_lines(self, sentence: str, zh: bool) -> None:
        (d,) = _problems(_rules(sentence, zh=zh))
        assert d.code == "action/clause-in-deliverable"
        assert "not counting" in (d.hint or "")

    @pytest.mark.parametrize(
        ("sentence", "zh"),
        [
            ("每年1月31日前，公开 年度报告，同时报送上级", True),
            ("每年1月31日前，完成 自查，向社会公布", True),
            ("by January 31 each year, complete review, and publish the findings", False),
            (
                "by January 31, file report, and publish it with the same-level government",
                False,
            ),
        ],
    )
    def test_second_duties(self, sentence: str, zh: bool) -> None:
        (d,) = _problems(_rules(sentence, zh=zh))
        assert d.code == "action/clause-in-deliverable"

    @pytest.mark.parametrize(
        "sentence",
        [
            "4月1日前，完成 本单位内公示表二并征求意见，通报、张贴表三和表四",  # Yunnan 2010
            "4月1日前，完成 表一、表二，表三",
            '4月1日前，完成 "年报，并向社会公布"',
            "4月1日前，完成 「reply, extendable by 20 working days」",
        ],
    )
    def test_other_commas_and_quoted_text_stay(self, sentence: str) -> None:
        rs = xzjd.loads(_rules(sentence, zh=True))
        action = rs.obligations[0].action
        assert action is not None and "，" in action.deliverable + "，"
        for lang in ("en", "zh"):
            assert xzjd.loads(xzjd.to_text(rs, lang)) == rs

    def test_a_quoted_clause_prints_quoted(self) -> None:
        rs = xzjd.loads(_rules('by April 1, complete "reply, and publish it"'))
        for lang in ("en", "zh"):
            text = xzjd.to_text(rs, lang)
            assert '"reply, and publish it"' in text
            assert xzjd.loads(text) == rs

    def test_the_year_range_check_still_speaks_for_a_trailing_range(self) -> None:
        (d,) = _problems(_rules("每年4月1日前，完成 x，自2011年起", zh=True))
        assert d.code == "action/year-range-in-deliverable"


# --------------------------------------------------------------------------- schedule forms

# (English, Chinese) spellings of one schedule; each pair must give the same model.
PAIRS = [
    ("within 10 days after the end of each quarter", "季后10日内"),
    ("within 10 days after the end of each quarter", "每季度结束后10日内"),
    ("within 10 days after the end of each quarter", "季后十日内"),
    ("within 15 days after the end of each month", "每月结束后十五日内"),
    ("within 3 months after the end of each year", "年度终了后三个月内"),
    ("within 3 months after the end of each year", "每年结束后3个月内"),
    (
        "within 10 working days after the end of each quarter from 2025",
        "每季度结束后10个工作日内自2025年起",
    ),
    ("within the first 5 working days of each month", "每月前5个工作日内"),
    ("within the first 5 working days of each month", "每月前五个工作日内"),
    ("within the first 1 working day of each month until 2030", "每月前1个工作日内至2030年止"),
    ("between January 1 and June 30 each year", "每年1月1日至6月30日"),
    ("between March 15 and the end of May each year", "每年3月15日至5月底"),
    ("in the first quarter of each year", "每年第一季度"),
    ("in the first quarter of each year", "每年1月1日至3月底"),
    ("in the fourth quarter of each year from 2026", "自2026年起，每年第四季度"),
]


@pytest.mark.parametrize(("en", "zh"), PAIRS)
def test_english_and_chinese_give_one_model(en: str, zh: str) -> None:
    english = xzjd.loads(_rules(f"{en}, publish 报告"))
    chinese = xzjd.loads(_rules(f"{zh}，公开 报告", zh=True))
    assert english == chinese
    for lang in ("en", "zh"):
        # The canonical text in either language reads back to the same model, and printing
        # it again gives the same text: fmt translates the form both ways.
        text = xzjd.to_text(english, lang)
        assert xzjd.loads(text) == english
        assert xzjd.to_text(xzjd.loads(text), lang) == text


def test_canonical_spellings() -> None:
    rs = xzjd.loads(_rules("季后十日内，公开 季报", zh=True))
    assert "每季度结束后10日内，公开 季报" in xzjd.to_text(rs, "zh")
    assert "within 10 days after the end of each quarter, publish 季报" in xzjd.to_text(rs, "en")
    rs = xzjd.loads(_rules("每年1月1日至3月底，公开 报告", zh=True))
    assert "每年第一季度，公开 报告" in xzjd.to_text(rs, "zh")
    rs = xzjd.loads(_rules("within the first 1 working day of each month, publish x"))
    assert "within the first 1 working day of each month" in xzjd.to_text(rs, "en")


def _periods(sentence: str, first: D, last: D, *, effective: str = "2025-01-01") -> list[tuple]:
    from xzjd.calendar import builtin
    from xzjd.periods import compile_schedule

    rs = xzjd.loads(_rules(f"{sentence}, publish x", effective=effective))
    unroller = compile_schedule(rs, rs.obligations[0], builtin("cn"))
    return [(p.label, p.opens, p.nominal_due, p.due) for p in unroller.between(first, last)]


class TestUnrolled:
    """Periods on the cn calendar; every date worked out by hand."""

    def test_ten_days_after_each_quarter(self) -> None:
        got = _periods(
            "within 10 days after the end of each quarter", D(2025, 1, 1), D(2025, 12, 31)
        )
        assert got == [
            # Q4 2024 ends Tue 2024-12-31; +10 days = Fri 2025-01-10: its deadline falls on
            # or after `effective`, so it is the first period (docs/periods.md).
            ("2024-Q4", D(2025, 1, 1), D(2025, 1, 10), D(2025, 1, 10)),
            # Q1 ends Mon 03-31; the end day does not count: +10 = Thu 04-10, a working day.
            # The window opens the day after the previous nominal deadline, 01-11.
            ("2025-Q1", D(2025, 1, 11), D(2025, 4, 10), D(2025, 4, 10)),
            # Q2 ends Mon 06-30; +10 = Thu 07-10.
            ("2025-Q2", D(2025, 4, 11), D(2025, 7, 10), D(2025, 7, 10)),
            # Q3 ends Tue 09-30; +10 = Fri 10-10, after the National Day rest (10-01..10-08).
            ("2025-Q3", D(2025, 7, 11), D(2025, 10, 10), D(2025, 10, 10)),
            # Q4 ends Wed 12-31; +10 = Sat 2026-01-10, a weekend: Sun 01-11 rests too, so the
            # deadline moves to Mon 2026-01-12 (Civil Code art. 203).
            ("2025-Q4", D(2025, 10, 11), D(2026, 1, 10), D(2026, 1, 12)),
        ]

    def test_ten_working_days_after_the_third_quarter(self) -> None:
        got = _periods(
            "within 10 working days after the end of each quarter", D(2025, 10, 1), D(2025, 10, 31)
        )
        # Q3 ends Tue 09-30. Rest 10-01..10-08; working days: Thu 10-09 (1), Fri 10-10 (2),
        # Sat 10-11 make-up day (3), Mon 10-13 (4), 10-14 (5), 10-15 (6), 10-16 (7),
        # Fri 10-17 (8), Mon 10-20 (9), Tue 10-21 (10).
        assert got[0][0] == "2025-Q3" and got[0][2:] == (D(2025, 10, 21), D(2025, 10, 21))

    def test_months_after_the_end_of_the_year(self) -> None:
        got = _periods("within 3 months after the end of each year", D(2025, 1, 1), D(2025, 12, 31))
        # 2024-12-31 + 3 months: March 31, 2025 (art. 202), a Monday.
        assert got[0] == ("2024", D(2025, 1, 1), D(2025, 3, 31), D(2025, 3, 31))

    def test_fifteen_days_after_january(self) -> None:
        got = _periods("within 15 days after the end of each month", D(2025, 2, 1), D(2025, 2, 28))
        # January ends Fri 01-31; +15 = Sat 02-15; Sun 02-16 rests too: due Mon 02-17.
        assert got[0] == ("2025-01", D(2025, 1, 16), D(2025, 2, 15), D(2025, 2, 17))

    def test_first_five_working_days_of_october(self) -> None:
        got = _periods(
            "within the first 5 working days of each month", D(2025, 10, 1), D(2025, 10, 31)
        )
        # Rest 10-01..10-08 (National Day and Mid-Autumn). Working days: Thu 10-09, Fri 10-10,
        # Sat 10-11 (make-up day), Mon 10-13, Tue 10-14: the 5th is 10-14. The window is the
        # month's first day to that day.
        assert got == [("2025-10", D(2025, 10, 1), D(2025, 10, 14), D(2025, 10, 14))]

    def test_first_five_working_days_of_february(self) -> None:
        got = _periods(
            "within the first 5 working days of each month", D(2025, 2, 1), D(2025, 2, 28)
        )
        # Rest 02-01..02-04 (Spring Festival). Wed 02-05, Thu 02-06, Fri 02-07, Sat 02-08
        # (make-up day), Sun 02-09 rests, Mon 02-10: the 5th.
        assert got == [("2025-02", D(2025, 2, 1), D(2025, 2, 10), D(2025, 2, 10))]

    def test_a_window_each_year(self) -> None:
        got = _periods(
            "between January 1 and June 30 each year",
            D(2024, 1, 1),
            D(2025, 12, 31),
            effective="2024-01-01",
        )
        assert got == [
            # 2024-06-30 is a Sunday: a window's last day never moves.
            ("2024", D(2024, 1, 1), D(2024, 6, 30), D(2024, 6, 30)),
            ("2025", D(2025, 1, 1), D(2025, 6, 30), D(2025, 6, 30)),
        ]

    def test_the_first_quarter_of_each_year(self) -> None:
        got = _periods(
            "in the first quarter of each year",
            D(2024, 1, 1),
            D(2025, 12, 31),
            effective="2024-01-01",
        )
        assert got == [
            # 2024-03-31 is a Sunday; the window is January 1 to March 31 and does not move.
            ("2024", D(2024, 1, 1), D(2024, 3, 31), D(2024, 3, 31)),
            ("2025", D(2025, 1, 1), D(2025, 3, 31), D(2025, 3, 31)),
        ]

    def test_labels_look_up(self) -> None:
        from xzjd.calendar import builtin
        from xzjd.periods import compile_schedule

        rs = xzjd.loads(_rules("季后10日内，公开 季报", zh=True))
        unroller = compile_schedule(rs, rs.obligations[0], builtin("cn"))
        q1 = unroller.by_label("2025-Q1")
        assert q1 is not None and q1.due == D(2025, 4, 10)
        assert unroller.containing(D(2025, 4, 10)) == q1
        assert unroller.containing(D(2025, 4, 11)) == unroller.by_label("2025-Q2")
        assert unroller.by_label("2025-04") is None
        rs = xzjd.loads(_rules("每月前5个工作日内，公开 月报", zh=True))
        unroller = compile_schedule(rs, rs.obligations[0], builtin("cn"))
        october = unroller.by_label("2025-10")
        assert october is not None and october.due == D(2025, 10, 14)
        assert unroller.containing(D(2025, 10, 20)) is None  # outside every window

    def test_explanations(self) -> None:
        from xzjd.calendar import builtin
        from xzjd.periods import compile_schedule, explain_period

        rs = xzjd.loads(_rules("季后10日内，公开 季报", zh=True))
        unroller = compile_schedule(rs, rs.obligations[0], builtin("cn"))
        q4 = unroller.by_label("2025-Q4")
        assert q4 is not None
        en = explain_period(unroller, q4).render("en")
        assert "2025-12-31" in en and "+ 10 days" in en and "2026-01-12" in en
        zh = explain_period(unroller, q4).render("zh")
        assert "后10日" in zh and "顺延" in zh
        rs = xzjd.loads(_rules("每年第一季度，公开 报告", zh=True, effective="2024-01-01"))
        unroller = compile_schedule(rs, rs.obligations[0], builtin("cn"))
        p = unroller.by_label("2024")
        assert p is not None
        assert "never moves" in explain_period(unroller, p).render("en")
        assert "不顺延" in explain_period(unroller, p).render("zh")


def test_a_filing_outside_the_window_does_not_count() -> None:
    import io

    rules = xzjd.loads(
        "生效 2025-01-01\n义务 monthly：\n  适用于 各级行政机关\n  每月前5个工作日内，公开 月报\n"
    )
    agencies = xzjd.read_agencies(
        io.StringIO("id,name,kind,level,region,tags\na,甲,government,county,某县,\n")
    )
    filings = xzjd.read_filings(
        io.StringIO(
            "id,agency,obligation,filed_on,period,recipient,status\n"
            # Inside the October window (10-01..10-14): done.
            "f1,a,monthly,2025-10-13,2025-10,,\n"
            # 11-20 is after November's window (11-01..11-07: Mon 11-03 to Fri 11-07 are the
            # working days 1 to 5, as 11-01 and 11-02 are a weekend): it does not count.
            "f2,a,monthly,2025-11-20,2025-11,,\n"
        )
    )
    statuses = xzjd.evaluate(rules, agencies, filings, on=D(2025, 11, 30))
    states = {s.period: s.state.value for s in statuses}
    assert states["2025-10"] == "done"
    assert states["2025-11"] == "overdue"


class TestChecks:
    @pytest.mark.parametrize(
        ("sentence", "code"),
        [
            ("每年第五季度，公开 x", "date/no-such-quarter"),
            ("每年1月至6月30日，公开 x", "schedule/window-needs-day"),
            ("每年7月1日至6月30日，公开 x", "schedule/window-backwards"),
            ("每年1月1日至2月30日，公开 x", "date/no-such-day"),
            ("每月前16个工作日内，公开 x", "schedule/too-many-working-days"),
            ("每月前0个工作日内，公开 x", "schedule/zero-count"),
            ("季后0日内，公开 x", "schedule/zero-count"),
            ("季后10001日内，公开 x", "number/too-large"),
            ("季后十十日内，公开 x", "number/bad-numeral"),
            ("每年1月1日至6月30日自2030年起至2025年止，公开 x", "schedule/bad-range"),
        ],
    )
    def test_refused(self, sentence: str, code: str) -> None:
        problems = _problems(_rules(sentence, zh=True))
        assert [d.code for d in problems] == [code]
        assert problems[0].span is not None and problems[0].span.line == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "within 10 days after the end of each quarter",
        "within 10 working days after the end of each quarter from 2024",
        "within 1 month after the end of each month until 2025",
        "within the first 5 working days of each month",
        "between March 15 and the end of May each year",
    ],
)
def test_the_closed_form_questions_agree_with_the_list(sentence: str) -> None:
    """containing, by_label and next_after agree, day by day, with the periods between()
    lists: the shifted sequence answers its two questions as a scan of the list would."""
    from xzjd.calendar import builtin
    from xzjd.periods import compile_schedule

    rs = xzjd.loads(_rules(f"{sentence}, publish x", effective="2024-02-10"))
    unroller = compile_schedule(rs, rs.obligations[0], builtin("cn"))
    listed = unroller.between(D(2024, 1, 1), D(2026, 12, 31))
    assert listed and listed[0] == unroller.first()
    for before, after in itertools.pairwise(listed):
        assert unroller.next_after(before) == after
        assert after.nominal_due > before.nominal_due
    for p in listed:
        assert unroller.by_label(p.label) == p
    day = D(2024, 1, 1)
    while day <= listed[-1].nominal_due:
        holding = [p for p in listed if p.opens <= day <= p.nominal_due]
        assert len(holding) <= 1
        assert unroller.containing(day) == (holding[0] if holding else None)
        day += dt.timedelta(days=1)
