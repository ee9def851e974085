# SPDX-License-Identifier: MIT
"""Diagnostics of the kinds a rules file declares (``kind NAME "TITLE"`` / ``类别``) and of the
kinds its bearers and recipients name."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "dup/kind": Entry(
        message="duplicate {what} '{name}'{where}",
        message_zh="重复的{what_zh}“{name}”",
        hint="declare each kind once",
        hint_zh="每个类别只声明一次",
    ),
    "kind/builtin": Entry(
        message="'{name}' is a built-in kind and is not declared",
        message_zh="“{name}”是内置的机关类别，无需声明",
        hint="delete the 'kind' line and use the built-in kind, or give the new kind another name",
        hint_zh="请删除这一“类别”行直接使用内置类别，或为新类别另取名称",
    ),
    "kind/bad-name": Entry(
        message="the kind name '{name}' cannot be written after 'the same-level' or 'every'",
        message_zh="类别名称“{name}”无法写在“同级”“各级”之后",
        hint=(
            "name a kind with one word: ASCII letters, digits, '-' and '_' starting with a "
            "letter (not a keyword such as 'county' or 'tagged'), or Chinese characters "
            "without 和, 、, 的 or 报送 that do not begin with 标记为, a level (县级...) or a "
            "built-in kind's word (政府...)"
        ),
        hint_zh=(
            "类别名称须为一个词：以字母开头的英文字母、数字、“-”“_”"
            "（不能是 county、tagged 等关键字），"
            "或不含“和”“、”“的”“报送”、且不以“标记为”、层级（县级等）或内置类别（政府等）开头的中文"
        ),
    ),
    "ref/unknown-kind": Entry(
        message="unknown kind '{name}'",
        message_zh="未知的机关类别“{name}”",
        hint=(
            'declare it with \'kind {name} "..."\' (类别 {name} "...") or use a built-in '
            "kind: government, department, supervisory commission, party committee, "
            "people's congress standing committee, audit organ, supervisory organ"
        ),
        hint_zh=(
            '请用“类别 {name} "..."”声明该类别，或使用内置类别：人民政府、部门、监察委员会、党委、'
            "人大常委会、审计机关、行政监察机关"
        ),
    ),
}
