# SPDX-License-Identifier: MIT
"""Diagnostics of command-line arguments."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

_WHAT_IS_COLLECTED = "scenario files are *.test.xzjd files and rules files with scenario blocks"
_WHAT_IS_COLLECTED_ZH = "场景文件为 *.test.xzjd 文件，或含“场景”块的规则文件"

ENTRIES: dict[str, Entry] = {
    "argument/bad-range": Entry(
        message="--to is before --from",
        message_zh="--to 早于 --from",
        hint="give a --to on or after --from ({start})",
        hint_zh="--to 不得早于 --from（{start}）",
    ),
    # xzjd cases --explain CASE: #empty when the cases file has no case to name.
    "argument/unknown-case": Entry(
        message="no case {ident!r} in {file_name}",
        message_zh="{file_name} 中没有办件 {ident!r}",
        hint="name a case of the cases file, for example {first!r}",
        hint_zh="请给出办件文件中的办件编号，例如 {first!r}",
    ),
    "argument/unknown-case#empty": Entry(
        message="no case {ident!r} in {file_name}",
        message_zh="{file_name} 中没有办件 {ident!r}",
        hint="the cases file has no cases",
        hint_zh="办件文件中没有办件",
    ),
    "argument/invalid#explain": Entry(
        message="{option} does not go with --explain, which prints the text of one case",
        message_zh="{option} 不能与 --explain 同时使用（--explain 输出一件办件的说明文字）",
        hint="leave out {option}, or --explain",
        hint_zh="请去掉 {option} 或 --explain",
    ),
    "argument/missing#agencies": Entry(
        message="the agencies file is required to evaluate (with --filings or --on)",
        message_zh="评估须给出机关文件（与 --filings 或 --on 一起使用时）",
        hint="name the agencies file: --agencies FILE (CSV or JSON)",
        hint_zh="请给出机关文件：--agencies 文件（CSV 或 JSON）",
    ),
    "argument/missing#on": Entry(
        message="the evaluation date is required with --agencies",
        message_zh="给出 --agencies 时须给出评估日",
        hint="give the evaluation date: --on YYYY-MM-DD",
        hint_zh="请给出评估日：--on YYYY-MM-DD",
    ),
    # Errors of argparse: its own words (or those of an argument's type) are the detail, and
    # their Chinese (xzjd.cli.commands.argparse_zh) the Chinese detail; the hint is the
    # catalogue's.
    "argument/bad-year": Entry(
        message="{detail}",
        message_zh="{detail_zh}",
        hint="write a four-digit year, for example 2027",
        hint_zh="请写四位数的年份，例如 2027",
    ),
    "argument/bad-date": Entry(
        message="{typed} is not a date",
        message_zh="{typed} 不是有效日期",
        hint="write a date as YYYY-MM-DD",
        hint_zh="日期请写成 YYYY-MM-DD",
    ),
    "argument/missing#argparse": Entry(
        message="{detail}",
        message_zh="{detail_zh}",
        hint="see '{prog} --help'",
        hint_zh="请参阅 '{prog} --help'",
    ),
    "argument/invalid-choice": Entry(
        message="{detail}",
        message_zh="{detail_zh}",
        hint="see '{prog} --help'",
        hint_zh="请参阅 '{prog} --help'",
    ),
    "argument/unknown": Entry(
        message="{detail}",
        message_zh="{detail_zh}",
        hint="see '{prog} --help'",
        hint_zh="请参阅 '{prog} --help'",
    ),
    "argument/invalid": Entry(
        message="{detail}",
        message_zh="{detail_zh}",
        hint="see '{prog} --help'",
        hint_zh="请参阅 '{prog} --help'",
    ),
    # The detail names the calendar and the built-in ones (xzjd.calendar.builtin).
    "argument/unknown-calendar": Entry(
        message="no built-in calendar {name!r}",
        message_zh="没有名为 {name!r} 的内置日历",
        hint="the built-in calendar is cn",
        hint_zh="内置日历为 cn",
    ),
    # xzjd test collected no scenario: no file, no scenario in the files, none left by --filter.
    "test/none-collected#no-files": Entry(
        message="no scenario files found: nothing was collected",
        message_zh="未找到场景文件：没有可运行的场景",
        hint=_WHAT_IS_COLLECTED,
        hint_zh=_WHAT_IS_COLLECTED_ZH,
    ),
    "test/none-collected#no-scenarios": Entry(
        message="no scenario in these files: nothing was collected",
        message_zh="这些文件中没有场景：没有可运行的场景",
        hint=_WHAT_IS_COLLECTED,
        hint_zh=_WHAT_IS_COLLECTED_ZH,
    ),
    "test/none-collected#filter": Entry(
        message="no scenario title contains {filter!r}: nothing was collected",
        message_zh="没有标题包含 {filter!r} 的场景：没有可运行的场景",
        hint="check the --filter text (it is matched against titles)",
        hint_zh="请检查 --filter 的文本",
    ),
}
