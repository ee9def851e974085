# SPDX-License-Identifier: MIT
"""Hints computed at the call site, chosen instead of an entry's own hint (``hint=``)."""

from __future__ import annotations

import attrs

__all__ = ["HINTS", "Hint"]


@attrs.frozen(kw_only=True)
class Hint:
    """A hint's templates in English and Chinese."""

    hint: str
    hint_zh: str


HINTS: dict[str, Hint] = {
    # A misspelt name of a rules file, with the closest name it has.
    "did-you-mean": Hint(hint="did you mean '{guess}'?", hint_zh="是否应为“{guess}”？"),
    # A misspelt id of a data file or an argument, with the closest id there is.
    "did-you-mean-id": Hint(hint="did you mean {guess!r}?", hint_zh="是否应为 {guess!r}？"),
    # A syntax error where the parser expected nothing it can list.
    "no-listing": Hint(
        hint="compare the line with the sentence forms of docs/language.md",
        hint_zh="请对照 docs/language.md 中的句式检查此行",
    ),
    # Event names that differ by a leading 自 (自查 and 查): the rules read it as "from".
    "zi-is-from": Hint(
        hint=(
            "did you mean {rules_name!r}? In the rules a leading 自 is the word 'from': "
            "自{rules_name}之日起 counts from the event {rules_name!r}. If the event is "
            "{events_name!r}, write 自{events_name}之日起 in the rules; otherwise correct "
            "the name in the events file"
        ),
        hint_zh=(
            "是否应为“{rules_name}”？规则中开头的“自”是介词：“自{rules_name}之日起”的起算事件为"
            "“{rules_name}”。若事件确为“{events_name}”，请在规则中写作“自{events_name}之日起”；"
            "否则请修改事件文件中的事件名称"
        ),
    ),
    # An event of the events file that no rule counts from, close to one that a rule does.
    "unused-event-guess": Hint(
        hint="did you mean {guess!r}? Spell the event as the rules do",
        hint_zh="是否应为 {guess!r}？请与规则中的事件名称一致",
    ),
    # An event a rule counts from that the events file lacks, close to one it has.
    "missing-event-guess": Hint(
        hint="the events have {guess!r}: did you mean that? Spell it alike on both sides",
        hint_zh="事件文件中有 {guess!r}：是否指该事件？请两边写法一致",
    ),
}
