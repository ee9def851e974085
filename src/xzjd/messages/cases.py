# SPDX-License-Identifier: MIT
"""Diagnostics of case files and of the clocks of cases (xzjd.engine.cases)."""

from __future__ import annotations

from xzjd.errors import Severity
from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

_UNKNOWN_EVENT = "case {case!r}: {event!r} is not an event of obligation {obligation!r}"
_UNKNOWN_EVENT_ZH = "办件 {case}：{event!r} 不是义务 {obligation} 的事件"
_WORDS = "the rule's words are {listed}; the file's own are {marks}"
_WORDS_ZH = "规则中的事件为 {listed}；文件自身的词为 {marks_zh}"
_TWO_STARTS = (
    "a case has one {event!r} row; a new application is a new case, a corrected one restarts "
    "the count"
)


def _violation(message: str, message_zh: str, hint: str, hint_zh: str) -> Entry:
    """A warning of the clock: a move of the case that the rule does not allow."""
    return Entry(
        message="case {case!r}: " + message,
        message_zh="办件 {case}：" + message_zh,
        hint=hint,
        hint_zh=hint_zh,
        severity=Severity.WARNING,
    )


ENTRIES: dict[str, Entry] = {
    "case/unknown-obligation": Entry(
        message="case {case!r}: unknown obligation {obligation!r}",
        message_zh="办件 {case}：未知的义务 {obligation!r}",
        hint="name an obligation of the rules",
        hint_zh="请写出规则中的义务标识",
    ),
    "case/not-event-based": Entry(
        message=(
            "case {case!r}: obligation {obligation!r} is not counted from an event, so it has "
            "no cases"
        ),
        message_zh="办件 {case}：义务 {obligation} 不是自某事件起计算期限的义务，没有办件",
        hint="cases belong to an obligation written 'within N working days after EVENT'",
        hint_zh="办件所属的义务应写作'自EVENT之日起N个工作日内'",
    ),
    "case/unknown-agency": Entry(
        message="case {case!r}: unknown agency {agency!r}",
        message_zh="办件 {case}：未知的机关 {agency!r}",
        hint="name an agency of the agencies file",
        hint_zh="请写出机关文件中的机关标识",
    ),
    # A second start row; #restart names the event that restarts the count of the rule.
    "case/no-calendar": Entry(
        message=(
            "case {case!r}: its time limit runs into {year}, for which calendar "
            "'{calendar}' has no data"
        ),
        message_zh="办件 {case}：期限计算需要 {year} 年的日历，日历 {calendar} 没有该年的数据",
        hint=(
            "evaluate a date before the limit reaches that year, or add the year's rest and "
            "working days (docs/calendar.md, section 5)"
        ),
        hint_zh="请评估更早的日期，或补充该年的放假和调休安排（见 docs/calendar.md 第5节）",
    ),
    "case/two-starts": Entry(
        message="case {case!r} starts twice",
        message_zh="办件 {case} 有两次开始",
        hint=_TWO_STARTS,
        hint_zh="一个办件只有一行 {event}；新的申请是新的办件",
    ),
    "case/two-starts#restart": Entry(
        message="case {case!r} starts twice",
        message_zh="办件 {case} 有两次开始",
        hint=_TWO_STARTS + " ({restart!r})",
        hint_zh="一个办件只有一行 {event}；新的申请是新的办件",
    ),
    "case/no-start": Entry(
        message="case {case!r} does not begin with {event!r}",
        message_zh="办件 {case} 不是以 {event} 开始",
        hint="the first row of a case is the event its obligation counts from, {event!r}",
        hint_zh="办件的第一行应为其义务起算的事件 {event}",
    ),
    # An event word neither of the rule nor of the file; #guess has a close one.
    "case/unknown-event": Entry(
        message=_UNKNOWN_EVENT,
        message_zh=_UNKNOWN_EVENT_ZH,
        hint=_WORDS,
        hint_zh=_WORDS_ZH,
    ),
    "case/unknown-event#guess": Entry(
        message=_UNKNOWN_EVENT,
        message_zh=_UNKNOWN_EVENT_ZH,
        hint="did you mean {guess!r}? " + _WORDS,
        hint_zh="是否应为 {guess!r}？" + _WORDS_ZH,
    ),
    "case/after-end": Entry(
        message="case {case!r}: row after the case was {ending} on {date}; not counted",
        message_zh="办件 {case}：{date} {ending_zh}后的记录，不予计算",
        hint="a case ends with its completed or withdrawn row",
        hint_zh="办件以办结或撤回为最后一行",
        severity=Severity.WARNING,
    ),
    "case/already-paused": Entry(
        message="case {case!r} is already paused",
        message_zh="办件 {case} 已在暂停中",
        hint="a pause ends with a resumed row before the next pause",
        hint_zh="暂停应先以恢复结束，再开始下一次暂停",
        severity=Severity.WARNING,
    ),
    "case/resume-without-pause": Entry(
        message="case {case!r} resumes without a counted pause",
        message_zh="办件 {case} 没有计入的暂停，却恢复计算",
        hint=(
            "a resumed row ends the pause before it; a pause the rule does not allow does not "
            "stop the clock"
        ),
        hint_zh="恢复应在暂停之后；规则未允许的暂停不停止计时",
        severity=Severity.WARNING,
    ),
    "case/pause-not-allowed": Entry(
        message=(
            "case {case!r}: obligation {obligation!r} does not stop the clock for anything; the "
            "pause is not counted (违规暂停)"
        ),
        message_zh="办件 {case}：义务 {obligation} 没有不计入期限的情形，暂停不予计算（违规暂停）",
        hint="say what stops the clock in the rule: not counting hearing, test and expert-review",
        hint_zh="在规则中写明不计入期限的情形，如：听证、检验检测、专家评审期间不计入期限",
        severity=Severity.WARNING,
    ),
    "case/pause-reason": Entry(
        message=(
            "case {case!r}: {reason!r} does not stop the clock of obligation {obligation!r}; "
            "the pause is not counted (违规暂停)"
        ),
        message_zh=(
            "办件 {case}：{reason!r} 不属于义务 {obligation} 不计入期限的情形，暂停不予计算"
            "（违规暂停）"
        ),
        hint="the note of a paused row names one of: {listed}",
        hint_zh="暂停行的备注应为以下之一：{listed}",
        severity=Severity.WARNING,
    ),
    "case/pause-after-deadline": _violation(
        "paused after its deadline had passed; the pause is not counted",
        "期限届满后才暂停，暂停不予计算",
        "a pause stops the clock only before the deadline",
        "只有期限届满前的暂停才停止计时",
    ),
    "case/extension-not-allowed": _violation(
        "extended, but its obligation allows no extension (违规延期); not counted",
        "延长期限，但其义务不允许延长（违规延期），不予计算",
        "a rule that allows extension says so: may be extended by 10 working days",
        "允许延长的规则应写明，如：可以延长10个工作日",
    ),
    "case/extension-beyond-limit": _violation(
        "extended more times than its obligation allows (违规延期); not counted",
        "延长次数超过其义务允许的次数（违规延期），不予计算",
        "the rule's extension line says how many times",
        "规则的延长一行写明可延长的次数",
    ),
    "case/extension-after-deadline": _violation(
        "extended after its deadline had passed (违规延期); not counted",
        "期限届满后才延长（违规延期），不予计算",
        "an extension is approved before the deadline",
        "延长应在期限届满前批准",
    ),
    "case/stage-out-of-order": _violation(
        "this stage is not the one running; not counted",
        "该环节不是正在进行的环节，不予计算",
        "stages end one after the other, in the order of the rule's stages line",
        "各环节按规则所列顺序依次完成",
    ),
}
