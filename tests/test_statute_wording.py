# SPDX-License-Identifier: MIT
"""The statutes' own wording of event-based time limits (docs/language.md section 6.9).

《行政许可法》 and 《政府信息公开条例》 write ``自收到申请之日起20个工作日内``,
``收到申请后15日内`` and ``二十个工作日``. Each case below is a spelling and the model it must
give, written out by hand from the meaning: the leading 自 is the preposition "from", 后 with
a count means the same as 之日起, and Chinese numerals are the numbers they read as.
"""

from __future__ import annotations

import pytest

import xzjd
from xzjd.errors import CheckError, ParseError
from xzjd.language.numerals import chinese_number
from xzjd.model import AfterEvent, Unit

HEADER = "effective 2025-01-01\n"


def schedule(sentence: str) -> AfterEvent:
    """The schedule of a one-obligation file whose only sentence is *sentence*."""
    ruleset = xzjd.loads(f"{HEADER}obligation o:\n  {sentence}, publish x\n")
    found = ruleset.obligations[0].schedule
    assert isinstance(found, AfterEvent)
    return found


def model(event: str, count: int, unit: Unit) -> AfterEvent:
    return AfterEvent(event=event, count=count, unit=unit)


WD, DAYS, MONTHS = Unit.WORKING_DAYS, Unit.DAYS, Unit.MONTHS

# (English, Chinese spellings that all mean it, the model written out by hand)
FORMS = [
    (
        "within 20 working days after 收到申请",
        [
            "自收到申请之日起20个工作日内",
            "收到申请之日起20个工作日内",
            "自收到申请之日起二十个工作日内",
            "收到申请后20个工作日内",
            "收到申请后二十个工作日内",
            "自收到申请后20个工作日内",
        ],
        model("收到申请", 20, WD),
    ),
    (
        "within 15 days after 收到申请",
        ["收到申请后15日内", "收到申请后十五日内", "自收到申请之日起十五日内", "收到申请后15天内"],
        model("收到申请", 15, DAYS),
    ),
    (
        "within 60 days after 受理",
        ["自受理之日起60日内", "自受理之日起六十日内", "受理后六十日内"],
        model("受理", 60, DAYS),
    ),
    (
        "within 1 month after 收到申请",
        ["自收到申请之日起1个月内", "自收到申请之日起一个月内", "收到申请后一个月内"],
        model("收到申请", 1, MONTHS),
    ),
    (
        "within 2 months after 立案",
        ["自立案之日起两个月内", "立案后2个月内"],
        model("立案", 2, MONTHS),
    ),
    (
        "within 30 days after finding",
        ["自finding之日起三十日内", "finding后30日内", "finding之日起30日内"],
        model("finding", 30, DAYS),
    ),
    # An event whose own name begins with 自 is written after the preposition.
    (
        "within 30 days after 自查",
        ["自自查之日起30日内", "自自查之日起三十日内", "自自查后30日内"],
        model("自查", 30, DAYS),
    ),
    # 后 inside an event name is part of it: only 后 with a count and 内 ends the name.
    (
        "within 10 working days after 最后审查",
        ["最后审查后10个工作日内", "自最后审查之日起十个工作日内"],
        model("最后审查", 10, WD),
    ),
]


class TestForms:
    @pytest.mark.parametrize(("english", "chinese", "expected"), FORMS, ids=lambda x: str(x)[:30])
    def test_every_spelling_gives_the_model(
        self, english: str, chinese: list[str], expected: AfterEvent
    ) -> None:
        """English and every Chinese spelling give the same event, count and unit."""
        assert schedule(english) == expected
        for zh in chinese:
            assert schedule(zh) == expected, zh

    def test_the_statute_wording_names_the_event_without_zi(self) -> None:
        """自收到申请之日起 is the event 收到申请: before, it silently named 自收到申请."""
        assert schedule("自收到申请之日起20个工作日内").event == "收到申请"

    def test_an_old_zi_text_now_names_the_rest(self) -> None:
        """自查之日起 reads 自 as 'from': the event is 查 (docs/language.md says so)."""
        assert schedule("自查之日起30日内") == model("查", 30, DAYS)

    def test_zi_alone_is_an_event_only_after_the_preposition(self) -> None:
        """An event named 自 is 自自之日起; 自之日起 names no event and is a syntax error."""
        assert schedule("自自之日起3日内") == model("自", 3, DAYS)
        with pytest.raises(ParseError) as info:
            xzjd.loads(f"{HEADER}obligation o:\n  自之日起3日内, publish x\n")
        (d,) = info.value.diagnostics
        assert (d.span.line, d.span.column) == (3, 4)  # under 之日起, after 自
        assert d.hint is not None and "event name" in d.hint

    def test_a_year_range_still_starts_with_zi(self) -> None:
        """自2011年起 is still a year range, before a schedule or after it."""
        ruleset = xzjd.loads(f"{HEADER}obligation o:\n  自2011年起，每年4月1日前，公开 x\n")
        assert ruleset.obligations[0].schedule.from_year == 2011  # type: ignore[union-attr]

    def test_hou_without_a_count_is_not_the_event_form(self) -> None:
        """截止后次月 (the chained form) is unchanged: 后 there has no count after it."""
        text = (
            f"{HEADER}obligation a:\n  by the end of each month, publish x\n"
            "obligation b:\n  a每期截止后次月5日前，公开 y\n"
        )
        assert xzjd.loads(text).obligations[1].schedule.day == 5  # type: ignore[union-attr]


class TestRoundTrip:
    @pytest.mark.parametrize("event", ["收到申请", "自查", "自", "自自查", "finding", "最后审查"])
    @pytest.mark.parametrize("unit", ["20个工作日", "十五日", "一个月"])
    def test_en_zh_en_gives_the_same_text(self, event: str, unit: str) -> None:
        """Canonical English to Chinese and back gives the same text, and the same model."""
        zi = "自" if event.startswith("自") else ""
        source = f"{HEADER}obligation o:\n  {zi}{event}之日起{unit}内，完成 x\n"
        ruleset = xzjd.loads(source)
        assert ruleset.obligations[0].schedule.event == event  # type: ignore[union-attr]
        en = xzjd.to_text(ruleset, "en")
        zh = xzjd.to_text(xzjd.loads(en), "zh")
        assert xzjd.to_text(xzjd.loads(zh), "en") == en
        assert xzjd.loads(zh) == xzjd.loads(en) == ruleset

    def test_the_printer_writes_digits_and_zi_only_when_needed(self) -> None:
        """Canonical Chinese: Arabic digits; 自 only before an event that begins with 自."""
        ruleset = xzjd.loads(
            f"{HEADER}obligation a:\n  自收到申请之日起二十个工作日内，完成 x\n"
            "obligation b:\n  自自查后三十日内，完成 y\n"
        )
        lines = xzjd.to_text(ruleset, "zh").splitlines()
        assert "  收到申请之日起20个工作日内，完成 x" in lines
        assert "  自自查之日起30日内，完成 y" in lines


class TestChineseNumerals:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("零", 0),
            ("〇", 0),
            ("一", 1),
            ("两", 2),
            ("九", 9),
            ("十", 10),
            ("十五", 15),
            ("一十五", 15),
            ("二十", 20),
            ("三十", 30),
            ("六十", 60),
            ("九十九", 99),
            ("一百", 100),
            ("两百", 200),
            ("一百零五", 105),
            ("一百〇五", 105),
            ("一百一十", 110),
            ("一百一十五", 115),
            ("三百六十五", 365),
            ("一千", 1000),
            ("一千零五", 1005),
            ("一千零五十", 1050),
            ("一千二百", 1200),
            ("九千九百九十九", 9999),
        ],
    )
    def test_standard_numerals(self, text: str, value: int) -> None:
        assert chinese_number(text) == value

    @pytest.mark.parametrize(
        "text",
        [
            "十十",  # two tens
            "二二",  # digit by digit
            "二〇",  # digit by digit
            "零五",  # a leading 零
            "二十零",  # a trailing 零
            "二十零五",  # 零 with no gap
            "一百十五",  # 十 without its digit after 百
            "一千五",  # 零 missing (colloquially 1500: refused, not guessed)
            "二十两",  # 两 in the ones
            "百",  # 百 without its digit
            "一万",  # beyond 九千九百九十九
            "",
        ],
    )
    def test_bad_numerals(self, text: str) -> None:
        assert chinese_number(text) is None

    def test_every_number_up_to_99_reads_back(self) -> None:
        """1..99 written by the textbook rule (十, 十N, N十, N十M) read as themselves."""
        digits = "一二三四五六七八九"
        for n in range(1, 100):
            tens, ones = divmod(n, 10)
            text = ("" if tens < 2 else digits[tens - 1]) + ("十" if tens else "")
            text += digits[ones - 1] if ones else ""
            assert chinese_number(text) == n, text

    def test_a_bad_numeral_is_a_positioned_error(self) -> None:
        """收到申请后十十日内: number/bad-numeral at the numeral, with a hint, not a traceback."""
        with pytest.raises(CheckError) as info:
            xzjd.loads(f"{HEADER}obligation o:\n  收到申请后十十日内，完成 x\n")
        (d,) = info.value.diagnostics
        assert d.code == "number/bad-numeral"
        assert (d.span.line, d.span.column, d.span.end_column) == (3, 8, 10)
        assert d.hint is not None and "一百零五" in d.hint
        assert "十十" in d.render()

    def test_a_long_run_of_numerals_is_quoted_shortened(self) -> None:
        """200,000 九 (a stuck key): the error spans them all and quotes them shortened."""
        with pytest.raises(CheckError) as info:
            xzjd.loads(f"{HEADER}obligation o:\n  收到申请后{'九' * 200_000}日内，完成 x\n")
        (d,) = info.value.diagnostics
        assert d.code == "number/bad-numeral"
        assert (d.span.line, d.span.column, d.span.end_column) == (3, 8, 200_008)
        assert d.message.startswith("'九九九九九九…九九九 (200000 numerals)' is not a count")
        assert d.message_zh is not None and d.message_zh.startswith("“九九九九九九…九九九")

    def test_zero_in_chinese_is_the_zero_count_error(self) -> None:
        """零日 is 0 days, which schedule/zero-count refuses as it does 0日."""
        with pytest.raises(CheckError) as info:
            xzjd.loads(f"{HEADER}obligation o:\n  收到申请后零日内，完成 x\n")
        assert [d.code for d in info.value.diagnostics] == ["schedule/zero-count"]
