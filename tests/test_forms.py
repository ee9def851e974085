# SPDX-License-Identifier: MIT
"""Every sentence form of the language, in English and Chinese, to the same model.

Each case gives an English and a Chinese spelling from language.md sections 1 and 2 and
the model both must give, written out by hand from the meaning table.
"""

from __future__ import annotations

import datetime as dt

import pytest

import xzjd
from xzjd.model import (
    Action,
    AfterEvent,
    AgencyBearer,
    AgencyRecipient,
    CalendarDecl,
    Chained,
    DateRange,
    During,
    EachMonth,
    Escalation,
    EscalationStep,
    HalfYearly,
    Kind,
    KindBearer,
    Level,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Quarterly,
    Relation,
    RelativeRecipient,
    RestDayPolicy,
    Step,
    Unit,
    Verb,
    Warn,
    Yearly,
)

PUBLISH_EN = "publish report"
PUBLISH_ZH = "公开 report"
PUBLISH = Action(verb=Verb.PUBLISH, deliverable="report")

HEADER = "effective 2010-01-22\n"

# Two obligations the chained form can refer to.
TARGETS = (
    "obligation bimonthly-report:\n  by the end of every even month, publish a\n"
    "obligation summaries:\n  by the end of June and November each year, publish b\n"
)


def obligation(sentence: str) -> Obligation:
    """The obligation ``x`` of a file holding *sentence* as its schedule line."""
    text = f"{HEADER}{TARGETS}obligation x:\n  {sentence}\n"
    return xzjd.loads(text).obligation("x")


SCHEDULES = [
    ("by 2010-03-31", "2010年3月31日前", Once(year=2010, month=3, day=31)),
    ("by March 31, 2010", "2010年3月31日前", Once(year=2010, month=3, day=31)),
    ("by the end of March 2010", "2010年3月底前", Once(year=2010, month=3, day=None)),
    ("by the end of March", "3月底前", Once(year=None, month=3, day=None)),
    ("by April 1", "4月1日前", Once(year=None, month=4, day=1)),
    ("by April 1, 2010", "2010年4月1日前", Once(year=2010, month=4, day=1)),
    ("by April 1 each year", "每年4月1日前", Yearly(dates=[MonthDay(4, 1)])),
    (
        "by the end of June and November each year",
        "每年6月和11月底前",
        Yearly(dates=[MonthDay(6), MonthDay(11)]),
    ),
    (
        "by April 1 and the end of June each year",
        "每年4月1日和6月底前",
        Yearly(dates=[MonthDay(4, 1), MonthDay(6)]),
    ),
    ("by the end of every even month", "逢双月底前", MonthParity(parity=Parity.EVEN)),
    ("by the end of every odd month", "逢单月底前", MonthParity(parity=Parity.ODD)),
    ("by the 10th of each month", "每月10日前", EachMonth(day=10)),
    ("by the end of each month", "每月底前", EachMonth(day=None)),
    ("by the end of each quarter", "每季度末前", Quarterly()),
    ("every half year", "每半年", HalfYearly()),
    ("by the end of each half year", "每半年末前", HalfYearly()),
    ("during July", "7月份", During(year=None, month=7)),
    ("during July 2010", "2010年7月份", During(year=2010, month=7)),
    (
        "within 30 days after finding",
        "finding之日起30日内",
        AfterEvent(event="finding", count=30, unit=Unit.DAYS),
    ),
    (
        "within 30 days after 发现问题",
        "发现问题之日起30日内",
        AfterEvent(event="发现问题", count=30, unit=Unit.DAYS),
    ),
    (
        "within 10 working days after finding",
        "finding之日起10个工作日内",
        AfterEvent(event="finding", count=10, unit=Unit.WORKING_DAYS),
    ),
    (
        "within 1 month after finding",
        "finding之日起1个月内",
        AfterEvent(event="finding", count=1, unit=Unit.MONTHS),
    ),
    (
        "by the 5th of the following month after each deadline of bimonthly-report and summaries",
        "bimonthly-report和summaries每期截止后次月5日前",
        Chained(after=["bimonthly-report", "summaries"], day=5),
    ),
    (
        "by April 1 each year from 2011",
        "每年4月1日前自2011年起",
        Yearly(dates=[MonthDay(4, 1)], from_year=2011),
    ),
    (
        "by the end of each month until 2015",
        "每月底前至2015年止",
        EachMonth(day=None, until_year=2015),
    ),
    (
        "by the end of each quarter from 2011 until 2015",
        "每季度末前自2011年起至2015年止",
        Quarterly(from_year=2011, until_year=2015),
    ),
]


class TestSchedules:
    @pytest.mark.parametrize(("en", "zh", "expected"), SCHEDULES, ids=[s[0] for s in SCHEDULES])
    def test_schedule_form(self, en: str, zh: str, expected: object) -> None:
        """The English and the Chinese spelling give the schedule of the meaning table."""
        assert obligation(f"{en}, {PUBLISH_EN}").schedule == expected
        assert obligation(f"{zh}，{PUBLISH_ZH}").schedule == expected

    @pytest.mark.parametrize(
        ("en", "zh", "expected"),
        [
            ("by the end of December 2010", "2010年底前", Once(year=2010, month=12, day=None)),
            ("by the end of December", "年底前", Once(year=None, month=12, day=None)),
            ("by the end of each year", "每年年底前", Yearly(dates=[MonthDay(12)])),
            ("by April 1", "4月1日以前", Once(year=None, month=4, day=1)),
            ("by the end of every even month", "逢双月底之前", MonthParity(parity=Parity.EVEN)),
        ],
    )
    def test_other_spellings(self, en: str, zh: str, expected: object) -> None:
        """Year-end forms and 以前/之前 for 前 are other spellings of the same schedules."""
        assert obligation(f"{en}, {PUBLISH_EN}").schedule == expected
        assert obligation(f"{zh}，{PUBLISH_ZH}").schedule == expected

    @pytest.mark.parametrize(
        ("zh", "expected"),
        [
            ("自2011年起，每年4月1日前", Yearly(dates=[MonthDay(4, 1)], from_year=2011)),
            (
                "自2011年起至2015年止逢双月底前",
                MonthParity(parity=Parity.EVEN, from_year=2011, until_year=2015),
            ),
            ("至2015年止，每季度末前", Quarterly(until_year=2015)),
        ],
    )
    def test_chinese_range_before_the_schedule(self, zh: str, expected: object) -> None:
        """In Chinese the year range may also come first: 自2011年起，每年4月1日前."""
        assert obligation(f"{zh}，{PUBLISH_ZH}").schedule == expected

    def test_half_width_comma_in_chinese(self) -> None:
        """A Chinese sentence may use the half-width comma too."""
        assert obligation(f"逢双月底前, {PUBLISH_ZH}").schedule == MonthParity(parity=Parity.EVEN)


SUPERVISORY = RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.SUPERVISORY_ORGAN)

ACTIONS = [
    (
        "file progress report with the same-level supervisory organ",
        "向同级行政监察机关报送 progress report",
        Action(verb=Verb.FILE, deliverable="progress report", recipients=[SUPERVISORY]),
    ),
    (
        "file Table 2 with supervisory organ",
        "向行政监察机关报送 Table 2",
        Action(verb=Verb.FILE, deliverable="Table 2", recipients=[SUPERVISORY]),
    ),
    (
        "file Table 2 with the supervisory organ",
        "向本级监察机关报送 Table 2",
        Action(verb=Verb.FILE, deliverable="Table 2", recipients=[SUPERVISORY]),
    ),
    (
        'file "report with annex" with the upper-level government',
        "向上级人民政府报送 report with annex",
        Action(
            verb=Verb.FILE,
            deliverable="report with annex",
            recipients=[RelativeRecipient(relation=Relation.UPPER_LEVEL, kind=Kind.GOVERNMENT)],
        ),
    ),
    (
        "file 汇总 with the same-level government and the upper-level supervisory organ",
        "向同级人民政府和上级行政监察机关报送 汇总",
        Action(
            verb=Verb.FILE,
            deliverable="汇总",
            recipients=[
                RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.GOVERNMENT),
                RelativeRecipient(relation=Relation.UPPER_LEVEL, kind=Kind.SUPERVISORY_ORGAN),
            ],
        ),
    ),
    (
        "file 进展情况 with yn-gov and the same-level audit organ",
        "向 yn-gov、同级审计机关报送 进展情况",
        Action(
            verb=Verb.FILE,
            deliverable="进展情况",
            recipients=[
                AgencyRecipient(agency="yn-gov"),
                RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.AUDIT_ORGAN),
            ],
        ),
    ),
    (
        "file 进展情况 with yn-gov",
        "向 yn-gov 报送 进展情况",
        Action(
            verb=Verb.FILE, deliverable="进展情况", recipients=[AgencyRecipient(agency="yn-gov")]
        ),
    ),
    (
        "file 方案 with 省政府办公厅",
        "向 省政府办公厅 报送 方案",
        Action(
            verb=Verb.FILE, deliverable="方案", recipients=[AgencyRecipient(agency="省政府办公厅")]
        ),
    ),
    (
        "file 方案 with the same-level department",
        "向同级部门报送 方案",
        Action(
            verb=Verb.FILE,
            deliverable="方案",
            recipients=[RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.DEPARTMENT)],
        ),
    ),
    (
        "file 方案 with the same-level administrative organ",
        "向同级行政机关报送 方案",
        Action(
            verb=Verb.FILE,
            deliverable="方案",
            recipients=[
                RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.ADMINISTRATIVE_ORGAN)
            ],
        ),
    ),
    ("publish approval items", "公开 approval items", None),
    ("hold coordination meeting", "召开 coordination meeting", None),
    ("complete e-supervision system", "完成 e-supervision system", None),
    ('publish "quoted, text"', "公开 「quoted, text」", None),
]


class TestActions:
    @pytest.mark.parametrize(("en", "zh", "expected"), ACTIONS, ids=[a[0] for a in ACTIONS])
    def test_action_form(self, en: str, zh: str, expected: Action | None) -> None:
        """The English and the Chinese spelling give the same action."""
        en_action = obligation(f"by April 1 each year, {en}").action
        zh_action = obligation(f"每年4月1日前，{zh}").action
        assert en_action == zh_action
        if expected is not None:
            assert en_action == expected

    def test_verbs(self) -> None:
        """publish/公开, hold/召开 and complete/完成 map to their verbs."""
        for en, zh, verb in [
            ("publish X", "公开 X", Verb.PUBLISH),
            ("hold X", "召开 X", Verb.HOLD),
            ("complete X", "完成 X", Verb.COMPLETE),
        ]:
            expected = Action(verb=verb, deliverable="X")
            assert obligation(f"by April 1, {en}").action == expected
            assert obligation(f"4月1日前，{zh}").action == expected

    def test_plain_sentence_means_the_long_form(self) -> None:
        """'file Table 2 with supervisory organ' means the same-level supervisory organ."""
        short = obligation("by April 1 each year, file Table 2 with supervisory organ")
        long = obligation(
            "by April 1 each year, file Table 2 with the same-level supervisory organ"
        )
        assert short == long


BEARERS = [
    (
        "every administrative organ",
        "各级行政机关",
        [KindBearer(kind=Kind.ADMINISTRATIVE_ORGAN)],
    ),
    (
        "every county government",
        "县级人民政府",
        [KindBearer(kind=Kind.GOVERNMENT, level=Level.COUNTY)],
    ),
    (
        "every provincial department",
        "省级部门",
        [KindBearer(kind=Kind.DEPARTMENT, level=Level.PROVINCIAL)],
    ),
    (
        "every prefecture government",
        "州(市)级政府",
        [KindBearer(kind=Kind.GOVERNMENT, level=Level.PREFECTURE)],
    ),
    (
        "every prefecture supervisory organ",
        "市级监察机关",
        [KindBearer(kind=Kind.SUPERVISORY_ORGAN, level=Level.PREFECTURE)],
    ),
    (
        "every township government",
        "乡级人民政府",
        [KindBearer(kind=Kind.GOVERNMENT, level=Level.TOWNSHIP)],
    ),
    (
        "every department tagged approval-heavy",
        "标记为approval-heavy的部门",
        [KindBearer(kind=Kind.DEPARTMENT, tag="approval-heavy")],
    ),
    (
        "every county government tagged 审批多",
        "标记为审批多的县级人民政府",
        [KindBearer(kind=Kind.GOVERNMENT, level=Level.COUNTY, tag="审批多")],
    ),
    (
        "every audit organ, yn-jc, 省工业和信息化委员会",
        "各级审计机关，yn-jc、省工业和信息化委员会",
        [
            KindBearer(kind=Kind.AUDIT_ORGAN),
            AgencyBearer(agency="yn-jc"),
            AgencyBearer(agency="省工业和信息化委员会"),
        ],
    ),
]


class TestBearers:
    @pytest.mark.parametrize(("en", "zh", "expected"), BEARERS, ids=[b[0] for b in BEARERS])
    def test_bearer_form(self, en: str, zh: str, expected: list[object]) -> None:
        """'applies to' and '适用于' lines give the same bearers."""
        en_ob = xzjd.loads(f"obligation x:\n  applies to {en}\n  by April 1, publish X\n")
        zh_ob = xzjd.loads(f"义务 x：\n  适用于 {zh}\n  4月1日前，公开 X\n")
        assert en_ob.obligations[0].bearers == tuple(expected)
        assert zh_ob.obligations[0].bearers == tuple(expected)


LADDER_EN = """escalation standard:
  warn 5 working days before the deadline
  remind 1 day after the deadline
  urge 3 days after the deadline
  correct 5 working days after the deadline
  notify 15 days after the deadline
  hold accountable 30 days after the deadline
  discipline 60 days after the deadline
"""
LADDER_ZH = """升级 standard：
  截止前5个工作日预警
  逾期1日提醒
  逾期3天督促
  逾期5个工作日纠正
  逾期15日通报
  逾期30日问责
  逾期60日追究纪律责任
"""


class TestEscalation:
    def test_ladder(self) -> None:
        """Every step word and the warn line, in both languages."""
        expected = Escalation(
            name="standard",
            warn=Warn(days=5, working=True),
            steps=[
                EscalationStep(step=Step.REMIND, days=1),
                EscalationStep(step=Step.URGE, days=3),
                EscalationStep(step=Step.CORRECT, days=5, working=True),
                EscalationStep(step=Step.NOTIFY, days=15),
                EscalationStep(step=Step.HOLD_ACCOUNTABLE, days=30),
                EscalationStep(step=Step.DISCIPLINE, days=60),
            ],
        )
        assert xzjd.loads(LADDER_EN).escalations == (expected,)
        assert xzjd.loads(LADDER_ZH).escalations == (expected,)

    def test_obligation_names_its_ladder(self) -> None:
        """'escalation NAME' and '升级 NAME' inside an obligation name the ladder."""
        en = xzjd.loads(
            LADDER_EN + "obligation x:\n  by April 1, publish X\n  escalation standard\n"
        )
        zh = xzjd.loads(LADDER_ZH + "义务 x：\n  4月1日前，公开 X\n  升级 standard\n")
        assert en == zh
        assert en.obligation("x").escalation == "standard"


class TestHeaderAndOtherLines:
    def test_header(self) -> None:
        """Title, effective date, calendar and the move policy in both languages."""
        en = xzjd.loads(
            'ruleset "T"\neffective 2010-01-22\ncalendar cn\n'
            "deadlines on rest days move to the next working day\n"
        )
        zh = xzjd.loads(
            '规则集 "T"\n生效 2010-01-22\n日历 cn\n期限届满日为休息日的，顺延至其后第一个工作日\n'
        )
        assert en == zh
        assert (en.title, en.effective, en.calendar, en.rest_days) == (
            "T",
            dt.date(2010, 1, 22),
            "cn",
            RestDayPolicy.MOVE,
        )

    def test_stay_policy(self) -> None:
        """'deadlines on rest days stay' and '期限届满日为休息日的，不顺延' mean STAY."""
        en = xzjd.loads("deadlines on rest days stay\n")
        zh = xzjd.loads("期限届满日为休息日的，不顺延\n")
        assert en.rest_days is zh.rest_days is RestDayPolicy.STAY

    def test_default_policy_is_move(self) -> None:
        """A file with no policy line moves deadlines off rest days."""
        assert xzjd.loads("").rest_days is RestDayPolicy.MOVE

    def test_calendar_declaration(self) -> None:
        """A calendar block with rest ranges and make-up working days, in both languages."""
        en = xzjd.loads(
            "calendar yunnan-2027 based on cn:\n"
            "  rest 2027-10-01 to 2027-10-07\n  rest 2027-06-14\n  work 2027-09-26\n"
            "calendar yunnan-2027\n"
        )
        zh = xzjd.loads(
            "日历 yunnan-2027 基于 cn：\n"
            "  休息 2027-10-01 至 2027-10-07\n  休息 2027-06-14\n  上班 2027-09-26\n"
            "日历 yunnan-2027\n"
        )
        expected = CalendarDecl(
            name="yunnan-2027",
            base="cn",
            rest=[
                DateRange(dt.date(2027, 10, 1), dt.date(2027, 10, 7)),
                DateRange(dt.date(2027, 6, 14), dt.date(2027, 6, 14)),
            ],
            work=[dt.date(2027, 9, 26)],
        )
        assert en == zh
        assert en.calendars == (expected,)
        assert en.calendar == "yunnan-2027"

    def test_source_line(self) -> None:
        """'source' and '依据' give the obligation's source, quoted or bare."""
        en = xzjd.loads('obligation x:\n  source "Measures, art. 17"\n  by April 1, publish X\n')
        zh = xzjd.loads("义务 x：\n  依据 Measures, art. 17\n  4月1日前，公开 X\n")
        assert en == zh
        assert en.obligation("x").source == "Measures, art. 17"


SECTION_1_EN = """ruleset "Yunnan administrative conduct supervision, 2010"
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

SECTION_1_ZH = """规则集 "Yunnan administrative conduct supervision, 2010"
生效 2010-01-22
日历 cn
期限届满日为休息日的，顺延至其后第一个工作日

升级 standard：
  截止前5个工作日预警
  逾期1日督促
  逾期15日通报
  逾期30日问责

义务 bimonthly-report "Bi-monthly progress report"：
  依据 "Measures, art. 17"
  适用于 各级行政机关
  逢双月底前，向同级行政监察机关报送 progress report
  升级 standard
"""


class TestWholeFile:
    def test_section_one_example(self) -> None:
        """The section 1 example, with the same free text, gives equal models."""
        en = xzjd.loads(SECTION_1_EN)
        assert en == xzjd.loads(SECTION_1_ZH)
        assert en.obligation("bimonthly-report").schedule == MonthParity(parity=Parity.EVEN)

    def test_mixed_file(self) -> None:
        """English and Chinese lines may be mixed in one file, even in one block."""
        mixed = SECTION_1_EN.replace(
            "  applies to every administrative organ", "  适用于 各级行政机关"
        ).replace("escalation standard:", "升级 standard：")
        assert xzjd.loads(mixed) == xzjd.loads(SECTION_1_EN)

    def test_comments_and_blank_lines(self) -> None:
        """Comments and blank lines, even inside blocks, change nothing."""
        commented = "# 云南\n" + SECTION_1_EN.replace(
            "  urge 1 day", "  # the first step\n\n  urge 1 day"
        ).replace("organ\n", "organ  # all of them\n", 1)
        assert xzjd.loads(commented) == xzjd.loads(SECTION_1_EN)

    def test_crlf_and_bom(self) -> None:
        """Windows line ends and a byte-order mark are accepted."""
        text = "\ufeff" + SECTION_1_EN.replace("\n", "\r\n")
        assert xzjd.loads(text) == xzjd.loads(SECTION_1_EN)
