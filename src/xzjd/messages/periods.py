# SPDX-License-Identifier: MIT
"""Diagnostics of unrolling schedules into periods."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "date/out-of-range": Entry(
        message=(
            "the deadline {nominal} of obligation '{obligation_id}' is a rest day, and no "
            "working day follows it up to 9999-12-31, the last date xzjd can compute with"
        ),
        message_zh=(
            "义务“{obligation_id}”的截止日 {nominal} 为休息日，而其后直至 9999-12-31（xzjd "
            "能计算的最后一日）再无工作日"
        ),
        hint=(
            "check the calendar's rest days, end the schedule earlier (for example 'until "
            "9998'), or make deadlines on rest days stay"
        ),
        hint_zh="请检查日历的休息日，让该期限更早结束（例如“至9998年止”），或规定休息日不顺延",
    ),
    "schedule/no-effective#periods": Entry(
        message=(
            "obligation {obligation_id!r}: the ruleset has no effective date, so its first "
            "period cannot be found"
        ),
        message_zh="义务“{obligation_id}”：规则集没有生效日期，无法确定第一期",
        hint="add 'effective YYYY-MM-DD' to the header (or 'from YYYY' to the schedule)",
        hint_zh="请在文件开头加上“生效 YYYY-MM-DD”（或在期限后加“自YYYY年起”）",
    ),
    # The deadline an event starts falls after the last date there is.
    "date/out-of-range#event": Entry(
        message=(
            "the deadline of obligation '{obligation}', {count} {unit} after event '{event}', "
            "falls after 9999-12-31, the last date xzjd can compute with"
        ),
        message_zh=(
            "义务“{obligation}”的截止日（事件“{event}”之日起{count}{unit_zh}）晚于 9999-12-31，"
            "即 xzjd 能计算的最后一日"
        ),
        hint="check the event's date",
        hint_zh="请检查该事件的日期",
    ),
}
