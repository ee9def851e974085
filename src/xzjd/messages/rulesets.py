# SPDX-License-Identifier: MIT
"""Diagnostics of several rulesets in one run: folders of rules files, ``include``, and
filings routed to their ruleset by obligation id."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "include/not-found": Entry(
        message="included file {path!r} does not exist",
        message_zh="包含的文件 {path!r} 不存在",
        hint="the path is relative to this file: it names {resolved}",
        hint_zh="路径相对于本文件，即 {resolved}",
    ),
    "include/cycle": Entry(
        message="{path!r} includes this file again: {chain}",
        message_zh="{path!r} 又包含了本文件：{chain}",
        hint="remove one of the includes: each rules file is read once per run",
        hint_zh="请删去其中一处包含：每次运行每个规则文件只读取一次",
    ),
    "file/no-rules": Entry(
        message="the folder holds no rules file (*.xzjd, other than *.test.xzjd)",
        message_zh="该目录中没有规则文件（*.xzjd，*.test.xzjd 除外）",
        hint="give a folder of rules files, or the files themselves",
        hint_zh="请给出包含规则文件的目录，或直接给出规则文件",
    ),
    "rules/same-name": Entry(
        message=(
            "obligation {obligation!r} is also in {other}, and both rules files are named "
            "{name!r}: their obligations cannot be told apart"
        ),
        message_zh=(
            "义务 {obligation!r} 也见于 {other}，而两个规则文件同名（{name}），无法区分其义务"
        ),
        hint="rename one of the files: a ruleset is named after its file, up to the first dot",
        hint_zh="请重命名其中一个文件：规则集以文件名（第一个点之前的部分）命名",
    ),
    "input/ambiguous-obligation": Entry(
        message="obligation {value!r} is in several rulesets: {choices}",
        message_zh="义务 {value!r} 见于多个规则集：{choices_zh}",
        hint="name it with its ruleset: {choices}",
        hint_zh="请连同规则集写出义务标识：{choices_zh}",
    ),
}
