# SPDX-License-Identifier: MIT
"""Diagnostics of the lines of a case's clock: pause, extension, restart, stages."""

from __future__ import annotations

from xzjd.errors import Severity
from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

_DUPLICATE_NAME = Entry(
    message="obligation '{ob}' names the {what} '{name}' twice",
    message_zh="义务“{ob}”的{what_zh}“{name}”重复",
    hint="give each {what} once",
    hint_zh="每个{what_zh}只写一次",
)

ENTRIES: dict[str, Entry] = {
    "clock/not-event-based": Entry(
        message=(
            "obligation '{ob}' has no event to count from: a pause, extension, restart or "
            "stages line belongs to a schedule 'within N … after EVENT'"
        ),
        message_zh="义务“{ob}”不按事件计算期限，不能有中止、延长、重新计算或分环节的行",
        hint="write the schedule as 'within 20 working days after accepted', or delete this line",
        hint_zh="请把期限写成“自受理之日起20个工作日内”的形式，或删去此行",
    ),
    "clock/restart-is-start": Entry(
        message=(
            "obligation '{ob}' is counted again from '{event}', the event its clock starts "
            "from anyway"
        ),
        message_zh="义务“{ob}”重新计算的事件“{event}”就是期限的起算事件",
        hint="name the later event the count starts again from (a corrected request)",
        hint_zh="请写出重新起算所依据的后续事件（如收到补正材料）",
    ),
    "clock/stages-exceed-limit": Entry(
        message=(
            "the stages of obligation '{ob}' add up to {total}, more than its limit of {limit}"
        ),
        message_zh="义务“{ob}”各环节期限合计{total_zh}，超过其期限{limit_zh}",
        hint=(
            "a case can run over the whole limit with every stage in time: check the stages' limits"
        ),
        hint_zh="各环节都按时完成也可能超过总期限，请核对各环节的期限",
        severity=Severity.WARNING,
    ),
    "clock/duplicate-reason": _DUPLICATE_NAME,
    "clock/duplicate-stage": _DUPLICATE_NAME,
    "clock/case-word": Entry(
        message=(
            "the {what} '{name}' of obligation '{ob}' is one of the case file's own words, so "
            "a case row could not tell them apart"
        ),
        message_zh="义务“{ob}”的{what_zh}“{name}”是办件事件文件的保留词，办件记录无法区分",
        hint=(
            "choose another name; the case file's own words are paused, resumed, extended, "
            "completed, withdrawn (暂停, 中止, 恢复, 继续, 延长, 延期, 办结, 完成, 撤回)"
        ),
        hint_zh=(
            "请换一个名称；保留词为 暂停、中止、恢复、继续、延长、延期、办结、完成、撤回 "
            "(paused, resumed, extended, completed, withdrawn)"
        ),
    ),
    "clock/zero-count": Entry(
        message="the {what} is {count}",
        message_zh="{what_zh}为{count}",
        hint="give the {what} as at least 1, or delete the line",
        hint_zh="{what_zh}至少为1，否则请删去此行",
    ),
    "clock/too-large": Entry(
        message="{count} is too large for the {what}",
        message_zh="{count} 作为{what_zh}过大",
        hint="counts of a clock are at most {max_count}",
        hint_zh="期限和次数最多为 {max_count}",
    ),
    "clock/months": Entry(
        message="a time limit in months cannot be {done} (obligation '{ob}')",
        message_zh="以月计算的期限不能{done_zh}（义务“{ob}”）",
        hint="write the limit and the stages in days or working days",
        hint_zh="请以日或工作日计算期限和各环节",
    ),
    "clock/duplicate": Entry(
        message="obligation '{ob}' has a second {words} line{where}",
        message_zh="义务“{ob}”有第二行{words_zh}",
        hint="an obligation has at most one {words} line: put everything it says in one line",
        hint_zh="每项义务最多只有一行{words_zh}，请合并为一行",
    ),
}
