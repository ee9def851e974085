# SPDX-License-Identifier: MIT
"""Diagnostics of the views and of writing output."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

_INCOMPLETE = "the output is incomplete: writing failed after {written:,} {unit}: "
_INCOMPLETE_ZH = "输出不完整：写出 {written:,} {unit_zh}后写入失败："

ENTRIES: dict[str, Entry] = {
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
