# SPDX-License-Identifier: MIT
"""Diagnostics of State Council holiday notices (xzjd calendar import)."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "notice/bad-date": Entry(
        message="there is no day {y}-{mo:02d}-{day:02d}",
        message_zh="没有 {y}年{mo}月{day}日 这一天",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/bad-range": Entry(
        message="the range ends ({last_date}) before it starts ({d_date})",
        message_zh="日期范围的结束日（{last_date}）早于开始日（{d_date}）",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/conflict": Entry(
        message="{day} is both a day off and a working day",
        message_zh="{day} 既是放假日又是上班日",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/conflict#two-holidays": Entry(
        message="{day} is already part of {rows_day} in this notice",
        message_zh="{day} 在本通知中已属于{rows_day}",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/count": Entry(
        message="the text says {value:count:weekend day} ({m}个) but names {n_sources}",
        message_zh="文中说{m}个公休日，却列出了{n_sources}个",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/count#moved": Entry(
        message="{moved:count:day} moved, to {n_targets:count:day}",
        message_zh="{moved}天被调至{n_targets}天",
        hint="each moved rest day goes to one day of the holiday",
        hint_zh="每个调出的休息日应对应一个调入日",
    ),
    "notice/count#two-counts": Entry(
        message="the item gives two counts of days, {item_count} and {n}",
        message_zh="该项给出了两个天数：{item_count}天和{n}天",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/count#total": Entry(
        message="共{n}天, but {period} to {period_value} is {n_period:count:day}",
        message_zh="共{n}天，但 {period} 至 {period_value} 为{n_period}天",
        hint="the count and the dates disagree; check the published notice",
        hint_zh="天数与日期不符，请对照通知原文核对",
    ),
    "notice/empty-item": Entry(
        message="no dates for {item_name}",
        message_zh="{item_name}没有日期",
        hint="the heading should be followed by the dates, e.g. 元旦：1月1日放假。",
        hint_zh="标题后应写明日期，例如：元旦：1月1日放假。",
    ),
    "notice/encoding": Entry(
        message="the notice is not UTF-8 (byte 0x{data_exc_start:02x})",
        message_zh="通知文件不是 UTF-8 编码（字节 0x{data_exc_start:02x}）",
        hint="save the notice as UTF-8 (GBK and GB18030 text must be converted)",
        hint_zh="请以 UTF-8 保存通知（GBK/GB18030 文本须先转换）",
    ),
    "notice/extension": Entry(
        message="no {item_name} period before {new_end} to extend",
        message_zh="{new_end} 之前没有可延长的{item_name}假期",
        hint="put the year's notice before the extension in the same text",
        hint_zh="请把该年的放假通知放在延长通知之前",
    ),
    "notice/gap": Entry(
        message="the holiday leaves out {day}, a {weekday}",
        message_zh="放假期间缺少 {day}（{weekday_zh}）",
        hint="a holiday is one run of days; check the dates",
        hint_zh="放假期间应为连续的日子，请核对日期",
    ),
    "notice/no-holiday": Entry(
        message="these dates belong to no holiday: the line has no heading such as '元旦：'",
        message_zh="这些日期不属于任何节日：该行没有“元旦：”这样的标题",
        hint="start the line with the holiday's name and a colon",
        hint_zh="请在行首写明节日名称和冒号",
    ),
    "notice/no-holidays": Entry(
        message=(
            "the notice arranges no holiday: no line such as '一、元旦：1月1日放假。' follows "
            "the title"
        ),
        message_zh="通知中没有节日安排：标题之后没有“一、元旦：1月1日放假。”这样的行",
        hint="paste the notice's holiday items too",
        hint_zh="请一并粘贴通知中的各项节日安排",
    ),
    "notice/no-month": Entry(
        message="'{value}' has no month",
        message_zh="“{value}”没有月份",
        hint="write the month, e.g. 1月17日",
        hint_zh="请写明月份，例如 1月17日",
    ),
    "notice/no-rest": Entry(
        message="{item_name}: no day off is given",
        message_zh="{item_name}：没有写明放假日期",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/no-title": Entry(
        message=(
            "no notice found: the text has no title such as "
            "国务院办公厅关于2027年部分节假日安排的通知"
        ),
        message_zh="未找到通知：文本中没有“国务院办公厅关于2027年部分节假日安排的通知”这样的标题",
        hint="paste the notice from its title line to its last holiday item",
        hint_zh="请从标题行起粘贴通知全文",
    ),
    "notice/no-title#item-first": Entry(
        message="a holiday item before the notice's title",
        message_zh="节日安排出现在通知标题之前",
        hint=(
            "paste the notice from its title line "
            "(国务院办公厅关于YYYY年部分节假日安排的通知), which gives the year"
        ),
        hint_zh="请从标题行（国务院办公厅关于YYYY年部分节假日安排的通知）起粘贴，标题给出年份",
    ),
    "notice/no-weekend": Entry(
        message="no weekend next to {lo0} to join it with",
        message_zh="{lo0} 前后没有可连休的周末",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/no-year": Entry(
        message="the title gives no year and the text no document number",
        message_zh="标题中没有年份，文中也没有文号",
        hint="keep the year in the title (关于2027年……) or the number line (国办发明电〔2026〕N号)",
        hint_zh="请保留标题中的年份或文号行",
    ),
    "notice/not-weekend": Entry(
        message="{d_date} is a {weekday}, not a weekend day (公休日)",
        message_zh="{d_date} 是{weekday_zh}，不是公休日",
        hint="check the date against the published notice",
        hint_zh="请对照通知原文核对日期",
    ),
    "notice/not-weekend#working-day": Entry(
        message="{d_date} is a {weekday}: only a weekend day can be made a working day",
        message_zh="{d_date} 是{weekday_zh}：只有周末才需调为上班",
        hint="check the date against the published notice",
        hint_zh="请对照通知原文核对日期",
    ),
    "notice/outside": Entry(
        message="{d_date} is said to be part of the holiday, which runs {value} to {value2}",
        message_zh="{d_date} 被写作放假日，但放假期间为 {value} 至 {value2}",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/resume": Entry(
        message="work resumes on {resume_date}, but the holiday ends on {period_value}",
        message_zh="{resume_date} 起上班，但放假至 {period_value} 结束",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/resume#extension": Entry(
        message="work resumes on {resume_date}, but the holiday ends on {new_end}",
        message_zh="{resume_date} 起上班，但放假至 {new_end} 结束",
        hint=(
            "compare this part with the notice as published by the General Office of the State "
            "Council"
        ),
        hint_zh="请对照国务院办公厅发布的通知原文检查此处",
    ),
    "notice/unknown-holiday": Entry(
        message="unknown holiday '{name}'",
        message_zh="未知的节日“{name}”",
        hint="holidays: {value}",
        hint_zh="可识别的节日：{value}",
    ),
    "notice/unreadable": Entry(
        message="cannot read '{text_value}' in a holiday item",
        message_zh="无法识别节日安排中的“{text_value}”",
        hint="a holiday item reads like 元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。",
        hint_zh="节日安排的写法如：元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。",
    ),
    "notice/unreadable#brackets": Entry(
        message="cannot read '{note}' in the brackets after a date",
        message_zh="无法识别日期后括号中的“{note}”",
        hint="the brackets may hold the weekday (星期一 or 周一) and the lunar date",
        hint_zh="括号中可写星期（星期一或周一）和农历日期",
    ),
    "notice/unreadable-file": Entry(
        message="cannot read the notice: {reason}",
        message_zh="无法读取通知文件：{reason}",
        hint="give a UTF-8 text file with the notice as published",
        hint_zh="请提供 UTF-8 编码的通知文本文件",
    ),
    "notice/weekday": Entry(
        message="{d_date} is a {weekday}, but the notice says {note}",
        message_zh="{d_date} 是{weekday_zh}，通知却写作“{note}”",
        hint="the date or the weekday is mistyped; check the published notice",
        hint_zh="日期或星期有误，请对照通知原文核对",
    ),
}
