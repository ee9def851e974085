# SPDX-License-Identifier: MIT
"""The lines of a case's clock (issue 13, point 1): pause, extension, restart, stages.

Each expected model is written out by hand from what the line says (docs/language.md section
6.9); the English and the Chinese wording of one rule build equal models, and the printer
writes both back so that they read as the same model. Every check is tested with its code
and its position; columns count characters, so a Chinese character is one column.
"""

from __future__ import annotations

import pytest

import xzjd
from xzjd.errors import CheckError, Diagnostic, ParseError, Severity
from xzjd.language import loads_checked
from xzjd.model import (
    AfterEvent,
    Extension,
    Obligation,
    Pause,
    Restart,
    Ruleset,
    Stage,
    Stages,
    Unit,
)

WD, DAYS, MONTHS = Unit.WORKING_DAYS, Unit.DAYS, Unit.MONTHS
HEADER = "effective 2025-01-01\n"


def obligation(*lines: str, lang: str = "en", sentence: str | None = None) -> Obligation:
    """The one obligation of a file whose block holds the sentence and then *lines*."""
    return ruleset(*lines, lang=lang, sentence=sentence).obligations[0]


def text(*lines: str, lang: str = "en", sentence: str | None = None) -> str:
    if sentence is None:
        sentence = (
            "within 20 working days after accepted, complete decision"
            if lang == "en"
            else "自accepted之日起20个工作日内，完成 decision"
        )
    head = "obligation o:" if lang == "en" else "义务 o："
    body = "".join(f"  {line}\n" for line in (sentence, *lines))
    return f"{HEADER}{head}\n{body}"


def ruleset(*lines: str, lang: str = "en", sentence: str | None = None) -> Ruleset:
    return xzjd.loads(text(*lines, lang=lang, sentence=sentence), file="r.xzjd")


def found(source: str) -> list[Diagnostic]:
    """Every problem of *source* (errors and warnings), in source order."""
    with pytest.raises(CheckError) as info:
        xzjd.loads(source, file="r.xzjd")
    return list(info.value.diagnostics)


def only(source: str, code: str) -> Diagnostic:
    """The one problem of *source* with *code*."""
    matching = [d for d in found(source) if d.code == code]
    assert len(matching) == 1, [d.code for d in found(source)]
    return matching[0]


def place(diag: Diagnostic) -> tuple[int, int, int]:
    """Line, column and end column of a diagnostic."""
    assert diag.span is not None
    return diag.span.line, diag.span.column, diag.span.end_column


def column(line: str, word: str, nth: int = 1) -> int:
    """The 1-based character column of the *nth* *word* in *line*."""
    at = -1
    for _ in range(nth):
        at = line.index(word, at + 1)
    return at + 1


# --------------------------------------------------------------------------- English


class TestEnglish:
    def test_pause(self) -> None:
        """Reasons separated by ',' and 'and', in the order written."""
        for line in (
            "not counting hearing, test and expert-review",
            "not counting hearing, test, and expert-review",
            "not counting hearing and test and expert-review",
            "not counting hearing, test, expert-review",
        ):
            pause = obligation(line).pause
            assert pause == Pause(reasons=("hearing", "test", "expert-review")), line

    def test_pause_of_one_reason_and_chinese_names(self) -> None:
        assert obligation("not counting hearing").pause == Pause(reasons=("hearing",))
        assert obligation("not counting 听证 and 专家评审").pause == Pause(
            reasons=("听证", "专家评审")
        )

    def test_extension(self) -> None:
        """count, unit, times (once when not said) and the approver as written."""
        cases = [
            ("may be extended by 10 working days", Extension(count=10, unit=WD)),
            ("may be extended by 10 working days once", Extension(count=10, unit=WD, times=1)),
            ("may be extended by 30 days twice", Extension(count=30, unit=DAYS, times=2)),
            ("may be extended by 1 day 3 times", Extension(count=1, unit=DAYS, times=3)),
            ("may be extended by 1 month", Extension(count=1, unit=MONTHS)),
            (
                "may be extended by 10 working days once, approved by the head of the agency",
                Extension(count=10, unit=WD, approver="the head of the agency"),
            ),
            (
                'may be extended by 20 working days, approved by "the agency, its head"',
                Extension(count=20, unit=WD, approver="the agency, its head"),
            ),
        ]
        for line, expected in cases:
            assert obligation(line).extension == expected, line

    def test_restart(self) -> None:
        assert obligation("counted again from corrected-request").restart == Restart(
            event="corrected-request"
        )
        # 'the' is optional before an event, as in the schedule.
        assert obligation("counted again from the 收到补正申请").restart == Restart(
            event="收到补正申请"
        )

    def test_stages(self) -> None:
        line = "stages: acceptance 5 working days, review 10 working days, decision 5 working days"
        assert obligation(line).stages == Stages(
            stages=(
                Stage(name="acceptance", count=5, unit=WD),
                Stage(name="review", count=10, unit=WD),
                Stage(name="decision", count=5, unit=WD),
            )
        )

    def test_lines_in_any_order_and_before_the_sentence(self) -> None:
        """Like source and escalation, the clock lines may come in any order."""
        a = ruleset(
            "stages: a 5 days",
            "counted again from b",
            "not counting c",
        )
        src = (
            f"{HEADER}obligation o:\n  not counting c\n  counted again from b\n"
            "  within 20 working days after accepted, complete decision\n  stages: a 5 days\n"
        )
        assert xzjd.loads(src) == a

    def test_a_bad_line_is_a_syntax_error(self) -> None:
        """A count in words is not English the parser reads: a positioned syntax error."""
        with pytest.raises(ParseError) as info:
            ruleset("may be extended by ten working days")
        diag = info.value.diagnostics[0]
        assert diag.code.startswith("syntax/")
        assert place(diag)[:2] == (4, len("  may be extended by ") + 1)


# --------------------------------------------------------------------------- Chinese


class TestChinese:
    def test_pause_endings_and_separators(self) -> None:
        """Three endings, separators 、 和 及: the same reasons in the same order."""
        expected = Pause(reasons=("听证", "检验检测", "专家评审"))
        for line in (
            "听证、检验检测、专家评审期间不计入期限",
            "听证、检验检测和专家评审所需时间不计算在期限内",
            "听证、检验检测及专家评审所需时间不计入期限",
            "听证和检验检测和专家评审期间不计入期限",
        ):
            assert obligation(line, lang="zh").pause == expected, line

    def test_extension(self) -> None:
        cases = [
            (
                "经本行政机关负责人批准，可以延长十个工作日",
                Extension(count=10, unit=WD, times=1, approver="本行政机关负责人"),
            ),
            ("可延长30日", Extension(count=30, unit=DAYS)),
            ("可以延长三十天", Extension(count=30, unit=DAYS)),
            ("可以延长20个工作日，以两次为限", Extension(count=20, unit=WD, times=2)),
            ("可以延长20个工作日，以3次为限", Extension(count=20, unit=WD, times=3)),
            (
                "经本机关负责人批准可以延长十日",
                Extension(count=10, unit=DAYS, approver="本机关负责人"),
            ),
            (
                '经"机关，负责人"批准，可以延长1个月',
                Extension(count=1, unit=MONTHS, approver="机关，负责人"),
            ),
        ]
        for line, expected in cases:
            assert obligation(line, lang="zh").extension == expected, line

    def test_restart(self) -> None:
        """A leading 自 is the preposition; 后重新计算 means the same."""
        for line in (
            "自收到补正申请之日起重新计算",
            "收到补正申请之日起重新计算",
            "收到补正申请后重新计算",
        ):
            assert obligation(line, lang="zh").restart == Restart(event="收到补正申请"), line
        # An event that itself begins with 自 is written after the preposition.
        assert obligation("自自查之日起重新计算", lang="zh").restart == Restart(event="自查")

    def test_stages(self) -> None:
        expected = Stages(
            stages=(
                Stage(name="受理", count=5, unit=WD),
                Stage(name="审查", count=10, unit=WD),
                Stage(name="决定", count=5, unit=WD),
            )
        )
        for line in (
            "分环节：受理5个工作日、审查10个工作日、决定5个工作日",
            "分环节：受理5个工作日，审查十个工作日，决定五个工作日",
            "分环节:受理 5个工作日、审查 10 个工作日、决定5个工作日",
        ):
            assert obligation(line, lang="zh").stages == expected, line

    def test_a_stage_without_a_name_is_a_syntax_error(self) -> None:
        """The hint names what was expected there, in both languages."""
        with pytest.raises(ParseError) as info:
            ruleset("分环节：5个工作日", lang="zh")
        diag = info.value.diagnostics[0]
        assert place(diag)[:2] == (4, len("  分环节：") + 1)
        assert diag.hint is not None and "stage name" in diag.hint
        assert diag.hint_zh is not None and "环节名称" in diag.hint_zh

    def test_an_event_name_with_hou_still_reads_as_before(self) -> None:
        """后 followed by anything but a count or 重新计算 stays part of the name."""
        ob = obligation(sentence="最后审查后10个工作日内，完成 决定", lang="zh")
        assert ob.schedule == AfterEvent(event="最后审查", count=10, unit=WD)


# --------------------------------------------------------------------------- both


# The three statutes of the issue, each in both languages; the models written out by hand.
STATUTES = [
    (
        # 《行政许可法》 art. 42 (20 working days, +10 with the head's approval) and art. 45
        # (hearings, tests, inspections, quarantine and expert review not counted).
        [
            "not counting hearing, test, inspection, quarantine and expert-review",
            "may be extended by 10 working days once, approved by 本行政机关负责人",
        ],
        [
            "hearing、test、inspection、quarantine和expert-review所需时间不计算在期限内",
            "经本行政机关负责人批准，可以延长十个工作日",
        ],
        "受理",
        20,
        {
            "pause": Pause(
                reasons=("hearing", "test", "inspection", "quarantine", "expert-review")
            ),
            "extension": Extension(count=10, unit=WD, times=1, approver="本行政机关负责人"),
        },
    ),
    (
        # 《政府信息公开条例》 art. 33 (20 working days, at most 20 more with approval) and
        # art. 30 (counted from the receipt of the corrected request).
        [
            "may be extended by 20 working days once, approved by 政府信息公开工作机构负责人",
            "counted again from 收到补正后的申请",
        ],
        [
            "经政府信息公开工作机构负责人批准，可以延长二十个工作日",
            "自收到补正后的申请之日起重新计算",
        ],
        "收到申请",
        20,
        {
            "extension": Extension(
                count=20, unit=WD, times=1, approver="政府信息公开工作机构负责人"
            ),
            "restart": Restart(event="收到补正后的申请"),
        },
    ),
    (
        # 《信访工作条例》: handled within 60 days, extendable by at most 30.
        ["may be extended by 30 days"],
        ["可以延长三十日"],
        "受理信访事项",
        60,
        {"extension": Extension(count=30, unit=DAYS)},
    ),
]


class TestBothLanguages:
    @pytest.mark.parametrize("case", STATUTES, ids=["licensing", "disclosure", "petition"])
    def test_statutes_give_equal_models(self, case: tuple) -> None:  # type: ignore[type-arg]
        en_lines, zh_lines, event, days, fields = case
        unit = WD if days == 20 else DAYS
        en = ruleset(
            *en_lines,
            sentence=f"within {days} {'working days' if unit is WD else 'days'} after {event}, "
            "complete 决定",
        )
        zh_unit = "个工作日" if unit is WD else "日"
        zh = ruleset(*zh_lines, lang="zh", sentence=f"自{event}之日起{days}{zh_unit}内，完成 决定")
        assert en == zh
        ob = en.obligations[0]
        assert ob.schedule == AfterEvent(event=event, count=days, unit=unit)
        for name in ("pause", "extension", "restart", "stages"):
            assert getattr(ob, name) == fields.get(name), name

    def test_all_four_lines_equal(self) -> None:
        en = ruleset(
            "not counting hearing, test and expert-review",
            "may be extended by 10 working days 2 times, approved by the head of the agency",
            "counted again from corrected-request",
            "stages: acceptance 5 working days, review 10 working days, decision 5 working days",
        )
        zh = ruleset(
            "hearing、test、expert-review期间不计入期限",
            "经 the head of the agency 批准，可以延长10个工作日，以二次为限",
            "corrected-request后重新计算",
            "分环节：acceptance 5个工作日、review 10个工作日、decision 5个工作日",
            lang="zh",
        )
        assert en == zh
        ob = en.obligations[0]
        assert ob.extension == Extension(
            count=10, unit=WD, times=2, approver="the head of the agency"
        )


# Models that exercise every printed form: names in Latin letters and Chinese, a stage name
# ending in a digit, approvers that must be quoted or spaced, every times form.
ROUND_TRIP = [
    text(
        "not counting hearing, test and expert-review",
        "may be extended by 10 working days once, approved by the head of the agency",
        "counted again from corrected-request",
        "stages: acceptance 5 working days, review2 10 working days, decision 5 working days",
    ),
    text(
        "听证、检验检测、检疫、专家评审期间不计入期限",
        "经本行政机关负责人批准，可以延长十个工作日",
        "自自查之日起重新计算",
        "分环节：受理5个工作日、审查10个工作日、决定5个工作日",
        lang="zh",
    ),
    text(
        "not counting 听证",
        'may be extended by 3 days 7 times, approved by "a, b"',
        "stages: 受理 1 day, 审查 2 days",
        sentence="within 5 days after 受理, complete 决定",
    ),
    text(
        "may be extended by 1 month twice, approved by 需经批准的机关",
        sentence="within 2 months after 受理, complete 决定",
    ),
    text("may be extended by 4 working days, approved by 机关 #1"),
]


class TestPrinter:
    @pytest.mark.parametrize("source", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_round_trip(self, source: str, lang: str) -> None:
        """loads(to_text(m, lang)) == m, and printing again gives the same text."""
        model = xzjd.loads(source)
        printed = xzjd.to_text(model, lang)
        again = xzjd.loads(printed)
        assert again == model
        assert xzjd.to_text(again, lang) == printed

    @pytest.mark.parametrize("source", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
    def test_translation_there_and_back(self, source: str) -> None:
        """English to Chinese and back gives the canonical English text, and the reverse."""
        model = xzjd.loads(source)
        en, zh = xzjd.to_text(model, "en"), xzjd.to_text(model, "zh")
        assert xzjd.to_text(xzjd.loads(zh), "en") == en
        assert xzjd.to_text(xzjd.loads(en), "zh") == zh

    def test_canonical_chinese(self) -> None:
        """The Chinese printer writes the first form of each line, counts in digits."""
        model = ruleset(
            "听证和专家评审所需时间不计算在期限内",
            "经本行政机关负责人批准可延长十个工作日，以两次为限",
            "收到补正申请后重新计算",
            "分环节：受理五个工作日，审查十个工作日",
            lang="zh",
        )
        lines = xzjd.to_text(model, "zh").splitlines()[-4:]
        assert lines == [
            "  听证、专家评审期间不计入期限",
            "  经本行政机关负责人批准，可以延长10个工作日，以2次为限",
            "  自收到补正申请之日起重新计算",
            "  分环节：受理5个工作日、审查10个工作日",
        ]

    def test_canonical_english(self) -> None:
        model = ruleset(
            "听证和专家评审期间不计入期限",
            "可以延长1日",
            "分环节：受理1日",
            lang="zh",
        )
        lines = xzjd.to_text(model, "en").splitlines()[-3:]
        assert lines == [
            "  not counting 听证 and 专家评审",
            "  may be extended by 1 day once",
            "  stages: 受理 1 day",
        ]

    def test_clock_lines_follow_the_sentence(self) -> None:
        """Printed after the sentence and before the escalation line."""
        source = (
            f"{HEADER}escalation s:\n  urge 1 day after the deadline\n"
            "obligation o:\n  escalation s\n  not counting h\n"
            "  within 20 working days after accepted, complete decision\n"
        )
        printed = xzjd.to_text(xzjd.loads(source), "en").splitlines()
        assert printed[-3:] == [
            "  within 20 working days after accepted, complete decision",
            "  not counting h",
            "  escalation s",
        ]


# --------------------------------------------------------------------------- checks


class TestChecks:
    def test_only_in_an_event_based_obligation(self) -> None:
        """Each clock line of a dated obligation is an error at that line."""
        source = text(
            "not counting hearing",
            "counted again from b",
            sentence="by April 1 each year, complete report",
        )
        errors = [d for d in found(source) if d.code == "clock/not-event-based"]
        assert [place(d)[:2] for d in errors] == [(4, 3), (5, 3)]
        assert errors[0].message_zh and errors[0].hint and errors[0].hint_zh

    def test_each_kind_once(self) -> None:
        source = text("可以延长1日", "may be extended by 2 days", lang="zh")
        diag = only(source, "clock/duplicate")
        assert place(diag)[:2] == (5, 3)
        assert "line 4" in diag.message

    def test_counts_and_times_at_least_one(self) -> None:
        source = text("may be extended by 0 days 0 times")
        errors = [d for d in found(source) if d.code == "clock/zero-count"]
        assert len(errors) == 2
        line = "  may be extended by 0 days 0 times"
        assert place(errors[0])[:2] == (4, column(line, "0"))

    def test_counts_bounded(self) -> None:
        """Above MAX_COUNT (10000), as schedule counts; 10000 itself is allowed."""
        line = "分环节：受理10001个工作日、审查10000个工作日"
        diag = only(text(line, lang="zh"), "clock/too-large")
        # Columns count characters: in "  分环节：受理10001…" the 1 is column 9.
        assert place(diag) == (4, 9, 14)
        assert "10001" in diag.message
        diag = only(text("may be extended by 10001 days"), "clock/too-large")
        assert place(diag)[:2] == (4, column("  may be extended by 10001 days", "10001"))
        assert obligation("may be extended by 10000 days 10000 times").extension == Extension(
            count=10000, unit=DAYS, times=10000
        )

    def test_restart_from_the_obligations_own_event(self) -> None:
        line = "自accepted之日起重新计算"
        diag = only(text(line, lang="zh"), "clock/restart-is-start")
        assert place(diag) == (4, 4, 4 + len("accepted"))
        assert "accepted" in diag.message

    def test_pause_reasons_unique(self) -> None:
        """The second 听证 is marked, with Chinese columns counted in characters."""
        line = "听证、检验、听证期间不计入期限"
        diag = only(text(line, lang="zh"), "clock/duplicate-reason")
        assert place(diag) == (4, 2 + column(line, "听证", 2), 2 + column(line, "听证", 2) + 2)
        assert place(diag)[1] == 9  # "  听证、检验、" is 8 characters

    def test_stage_names_unique(self) -> None:
        line = "stages: review 5 days, decision 5 days, review 3 days"
        diag = only(text(line), "clock/duplicate-stage")
        assert place(diag)[:2] == (4, 2 + column(line, "review", 2))

    @pytest.mark.parametrize("word", ["paused", "PAUSED", "Completed", "暂停", "办结", "撤回"])
    def test_case_words_are_refused(self, word: str) -> None:
        """A reason, stage or restart event spelt as a case row word, in any case."""
        for line, lang in (
            (f"not counting hearing and {word}", "en"),
            (f"stages: a 1 day, {word} 2 days", "en"),
            (f"counted again from {word}", "en"),
        ):
            diag = only(text(line, lang=lang), "clock/case-word")
            assert place(diag) == (4, 2 + column(line, word), 2 + column(line, word) + len(word))
            assert word in diag.message

    def test_case_word_in_chinese(self) -> None:
        line = "听证、中止期间不计入期限"
        diag = only(text(line, lang="zh"), "clock/case-word")
        assert place(diag) == (4, 6, 8)

    def test_stages_longer_than_the_limit_warn(self) -> None:
        """5 + 10 + 6 = 21 working days > 20: a warning naming both totals; the file loads."""
        line = "stages: a 5 working days, b 10 working days, c 6 working days"
        checked = loads_checked(text(line))
        (warning,) = [w for w in checked.warnings if w.code == "clock/stages-exceed-limit"]
        assert warning.severity is Severity.WARNING
        assert "21 working days" in warning.message and "20 working days" in warning.message
        assert "21个工作日" in (warning.message_zh or "")
        assert place(warning)[:2] == (4, 3)

    def test_stages_within_the_limit_or_in_other_units_do_not_warn(self) -> None:
        for line in (
            "stages: a 5 working days, b 10 working days, c 5 working days",  # 20 = 20
            "stages: a 15 days, b 15 days",  # days against working days: not compared
        ):
            checked = loads_checked(text(line))
            assert not [w for w in checked.warnings if w.code.startswith("clock/")], line

    def test_months_cannot_be_paused_or_split(self) -> None:
        sentence = "within 1 month after accepted, complete decision"
        source = text("not counting hearing", "stages: a 10 days", sentence=sentence)
        errors = [d for d in found(source) if d.code == "clock/months"]
        assert [place(d)[:2] for d in errors] == [(4, 3), (5, 3)]
        # A stage in months, under a limit in days, is refused too.
        diag = only(text("stages: a 1 month"), "clock/months")
        assert place(diag)[:2] == (4, 3)
        # An extension in months is allowed.
        ob = obligation("may be extended by 1 month", sentence=sentence)
        assert ob.extension == Extension(count=1, unit=MONTHS)

    def test_chinese_messages_render(self) -> None:
        """A check renders in Chinese with the caret under the full-width word."""
        line = "听证、检验、听证期间不计入期限"
        diag = only(text(line, lang="zh"), "clock/duplicate-reason")
        shown = diag.render(lang="zh")
        assert "听证" in shown and "error[clock/duplicate-reason]" in shown
        caret_line = shown.splitlines()[2]
        # "听证、检验、" is 6 full-width characters, 12 cells, after the 2-space indent.
        assert caret_line.split("|", 1)[1] == " " + " " * (2 + 12) + "^^^^"
