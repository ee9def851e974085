# SPDX-License-Identifier: MIT
"""Diagnostics of the views and of writing output."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

_INCOMPLETE = "the output is incomplete: writing failed after {written:,} {unit}: "
_INCOMPLETE_ZH = "输出不完整：写出 {written:,} {unit_zh}后写入失败："

ENTRIES: dict[str, Entry] = {
    # A file named by an option (--html, -o) could not be written; the reason is the
    # system's own words.
    "output/unwritable": Entry(
        message="cannot write {path}: {reason}",
        message_zh="无法写入 {path}：{reason}",
        hint="check that the file and its folder are writable",
        hint_zh="请检查该文件及其目录是否可写",
    ),
    "argument/xlsx-output": Entry(
        message="--format xlsx writes a workbook to the file of -o, and -o is only for it",
        message_zh="--format xlsx 须用 -o 指定要写出的工作簿文件，-o 也只用于 xlsx",
        hint="write --format xlsx -o FILE.xlsx, or leave out -o for table, csv or json",
        hint_zh="请写 --format xlsx -o 文件.xlsx；table、csv、json 输出到标准输出，不用 -o",
    ),
    "output/no-openpyxl": Entry(
        message="writing an Excel workbook needs openpyxl, which is not installed",
        message_zh="写出 Excel 工作簿需要 openpyxl，但尚未安装",
        hint="pip install 'xzjd[xlsx]' (or use --format csv)",
        hint_zh="请执行 pip install 'xzjd[xlsx]'（或改用 --format csv）",
    ),
    "argument/not-owed": Entry(
        message="{agency} does not owe {obligation} (applies to: {bearers})",
        message_zh="{agency} 不承担义务 {obligation}",
        hint="name an obligation that {agency} owes, or an agency that owes {obligation}",
        hint_zh="请写出 {agency} 承担的义务，或承担 {obligation} 的机关",
    ),
    # The output could not be written whole; the case says why. The reason of an OS error
    # is the system's own words, the same in both languages.
    "output/incomplete#os-error": Entry(
        message=_INCOMPLETE + "{reason}",
        message_zh=_INCOMPLETE_ZH + "{reason}",
        hint="make room on the device or write the output elsewhere, then run the command again",
        hint_zh="请腾出磁盘空间或改写到其他位置，然后重新运行",
    ),
    "output/incomplete#unencodable": Entry(
        message=_INCOMPLETE + "the output encoding {encoding} cannot encode {bad}",
        message_zh=_INCOMPLETE_ZH + "输出编码 {encoding} 无法表示字符 {bad}",
        hint="set the output encoding to UTF-8 (PYTHONIOENCODING=utf-8)",
        hint_zh="请把输出编码设为 UTF-8（PYTHONIOENCODING=utf-8）",
    ),
    "output/incomplete#no-more-data": Entry(
        message=_INCOMPLETE + "the output took no more data",
        message_zh=_INCOMPLETE_ZH + "输出不再接受数据",
        hint="check the file or device the output goes to",
        hint_zh="请检查输出所写入的文件或设备",
    ),
}
