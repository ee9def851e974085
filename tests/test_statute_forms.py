"""The forms statutes use (issue 15, point 3): clauses after the deliverable are refused,
and the schedule forms of statutes parse in both languages, print back, translate and unroll.

Every expected date below is worked out by hand from the calendar (src/xzjd/data/cn.csv and
the published State Council notices), as the comments show.
"""

from __future__ import annotations

import datetime as dt

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
