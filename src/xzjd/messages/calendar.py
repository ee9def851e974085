# SPDX-License-Identifier: MIT
"""Diagnostics of calendar files and calendar declarations."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "calendar/bad-csv": Entry(
        message="cannot read this row: {exc}",
        message_zh="无法读取此行：{exc}",
        hint="one day per row: date,type,holiday_zh,holiday_en,notice",
        hint_zh="请每行写一天：date,type,holiday_zh,holiday_en,notice",
    ),
    "calendar/bad-date": Entry(
        message="{what}: {value!r} is not a date",
        message_zh="{what}：{value!r} 不是日期",
        hint="write dates as TOML dates or strings YYYY-MM-DD, e.g. 2027-10-01",
        hint_zh="日期请写成 TOML 日期或 YYYY-MM-DD 字符串，例如 2027-10-01",
    ),
    "calendar/bad-date#time": Entry(
        message="{what}: {value} has a time; give a date",
        message_zh="{what}：{value} 带有时刻，请只写日期",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/bad-date#csv": Entry(
        message="'{date_text}' is not a date",
        message_zh="'{date_text}' 不是日期",
        hint="write dates as YYYY-MM-DD, e.g. 2027-10-01",
        hint_zh="日期请写成 YYYY-MM-DD，例如 2027-10-01",
    ),
    "calendar/bad-header": Entry(
        message="calendar CSV must start with the header 'date,type,holiday_zh,holiday_en,notice'",
        message_zh="日历 CSV 的首行应为 date,type,holiday_zh,holiday_en,notice",
        hint="start the file with the header date,type,holiday_zh,holiday_en,notice",
        hint_zh="文件首行请写 date,type,holiday_zh,holiday_en,notice",
    ),
    "calendar/bad-range": Entry(
        message="{what}: {first} to {last} ends before it starts",
        message_zh="{what}：{first} 至 {last} 的结束日早于开始日",
        hint=(
            "write 'from' and 'to' dates, the first not after the last, at most 366 days apart "
            "(one holiday period a range)"
        ),
        hint_zh=(
            "请写出 'from' 和 'to' 两个日期，前者不晚于后者，相隔至多 366 "
            "天（每个区间一个放假期间）"
        ),
    ),
    "calendar/bad-range#too-long": Entry(
        message="{what}: {first} to {last} is longer than {MAX_RANGE_DAYS} days",
        message_zh="{what}：{first} 至 {last} 超过 {MAX_RANGE_DAYS} 天",
        hint=(
            "write 'from' and 'to' dates, the first not after the last, at most 366 days apart "
            "(one holiday period a range)"
        ),
        hint_zh=(
            "请写出 'from' 和 'to' 两个日期，前者不晚于后者，相隔至多 366 "
            "天（每个区间一个放假期间）"
        ),
    ),
    "calendar/bad-toml": Entry(
        message="not valid TOML: {value}",
        message_zh="不是有效的 TOML：{value}",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/bad-type": Entry(
        message="day type must be 'rest' or 'work', not '{value}'",
        message_zh="日期类型应为 rest（放假）或 work（上班）",
        hint="'rest': a day of a holiday period; 'work': a weekend day made working",
        hint_zh="rest：放假期间的一天；work：调为上班的周末",
    ),
    "calendar/bad-value": Entry(
        message="'years' must be a list of years from 1 to 9999, e.g. [2027]",
        message_zh="'years' 须为 1 至 9999 的年份列表，例如 [2027]",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/bad-value#not-string": Entry(
        message="'{key_value}' must be a string",
        message_zh="'{key_value}' 须为字符串",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/bad-value#not-list": Entry(
        message="'{key_value}' must be a list ([[{key_value}]] tables or dates)",
        message_zh="'{key_value}' 须为列表（[[{key_value}]] 表或日期）",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/bad-value#no-date": Entry(
        message="{what}: give 'date'",
        message_zh="{what}：请给出 'date'",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/bad-value#no-range": Entry(
        message="{what}: give 'from' and 'to', or 'date'",
        message_zh="{what}：请给出 'from' 和 'to'，或 'date'",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/conflict": Entry(
        message="{what}: {day} is declared both a rest day and a working day",
        message_zh="{day} 既被声明为放假又被声明为上班",
        hint="a day is either a rest day or a working day: keep one of the two",
        hint_zh="一天或放假或上班：请只保留其一",
    ),
    "calendar/duplicate-date": Entry(
        message="{day} already appears on line {seen_day}",
        message_zh="{day} 已在第 {seen_day} 行出现",
        hint="keep one row per date",
        hint_zh="每个日期只写一行",
    ),
    "calendar/unknown-base": Entry(
        message="unknown base calendar '{meta}'",
        message_zh="未知的基础日历 '{meta}'",
        hint="built-in calendars: {value}",
        hint_zh="内置日历：{value}",
    ),
    "calendar/unknown-format": Entry(
        message="calendar file must end in .toml or .csv, not '{p_suffix}'",
        message_zh="日历文件的扩展名应为 .toml 或 .csv",
    ),
    "calendar/unknown-key": Entry(
        message="unknown key '{unknown}' in calendar file",
        message_zh="日历文件中有未知的键 '{unknown}'",
        hint="keys: {value}",
        hint_zh="可用的键：{value}",
    ),
    "calendar/unknown-key#in-table": Entry(
        message="{what}: unknown key '{extra}'",
        message_zh="{what}：未知的键 '{extra}'",
        hint="the calendar file formats (CSV and TOML) are described in docs/calendar.md",
        hint_zh="日历文件的格式（CSV 与 TOML）见 docs/calendar.md",
    ),
    "calendar/unreadable": Entry(
        message="cannot read calendar file: {reason}",
        message_zh="无法读取日历文件：{reason}",
        hint="give the path of a readable calendar file (.csv or .toml)",
        hint_zh="请给出可读的日历文件（.csv 或 .toml）的路径",
    ),
}
