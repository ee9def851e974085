# SPDX-License-Identifier: MIT
"""Diagnostics of rules files: syntax, building and the semantic checks."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "action/clause-in-deliverable": Entry(
        message=(
            "'{clause}' after the comma is a second duty, which the deliverable '{deliverable}' "
            "would swallow"
        ),
        message_zh="逗号后的“{clause}”是另一项义务，不能写在报送内容“{deliverable}”中",
        hint=(
            "one sentence holds one duty: write the second one as an obligation of its own "
            "(for example 'by ..., publish <deliverable>'); quote the deliverable if the "
            "words are really part of it"
        ),
        hint_zh=(
            "一句只写一项义务：把后一项义务另写为一项义务（如“每年……前，公开 年度报告”）；"
            "如确属报送内容，请给报送内容加引号"
        ),
    ),
    "action/clause-in-deliverable#extension": Entry(
        message=(
            "'{clause}' after the comma extends the time limit, which the deliverable "
            "'{deliverable}' would swallow"
        ),
        message_zh="逗号后的“{clause}”是延长期限的规定，不能写在报送内容“{deliverable}”中",
        hint=(
            "write the extension on a line of its own, 'may be extended by 20 working days' "
            "(an obligation within a time limit after an event only); quote the deliverable "
            "if the words are really part of it"
        ),
        hint_zh=(
            "请把延长期限单独写一行，如“可以延长20个工作日”（仅适用于自某事件之日起计算的期限）；"
            "如确属报送内容，请给报送内容加引号"
        ),
    ),
    "action/clause-in-deliverable#clock": Entry(
        message=(
            "'{clause}' after the comma says how the time limit is counted, which the "
            "deliverable '{deliverable}' would swallow"
        ),
        message_zh="逗号后的“{clause}”是期限计算的规定，不能写在报送内容“{deliverable}”中",
        hint=(
            "write it on a line of its own ('not counting ...', 'counted again from ...', "
            "'stages: ...'); quote the deliverable if the words are really part of it"
        ),
        hint_zh=(
            "请单独写一行（“……期间不计入期限”“自……之日起重新计算”“分环节：……”）；"
            "如确属报送内容，请给报送内容加引号"
        ),
    ),
    "action/year-range-in-deliverable": Entry(
        message=(
            "the deliverable '{action_deliverable}' ends in a year range, which would be ignored"
        ),
        message_zh="报送内容“{action_deliverable}”以年份区间结尾，该区间不会生效",
        hint=(
            "a year range belongs to the schedule, before the comma: 'by April 1 each year "
            "from 2011, file ...'; quote the deliverable if the words are really part of it"
        ),
        hint_zh=(
            "年份区间应写在期限之后、逗号之前，如“每年4月1日前自2011年起，……”或写在句首“自2011"
            "年起，每年4月1日前，……”；如确属报送内容，请加引号"
        ),
    ),
    "calendar/backwards-range": Entry(
        message="the rest range ends ({last}) before it starts ({first})",
        message_zh="休息区间的结束日（{last}）早于开始日（{first}）",
        hint="write the earlier date first",
        hint_zh="请先写较早的日期",
    ),
    "calendar/long-range": Entry(
        message="the rest range {first} to {last} is longer than {MAX_RANGE_DAYS} days",
        message_zh="休息区间 {first} 至 {last} 超过 {MAX_RANGE_DAYS} 天",
        hint="declare one holiday period a line",
        hint_zh="每行写一个放假期间",
    ),
    "date/bad-year": Entry(
        message="{year} is not a usable year",
        message_zh="{year} 不是有效的年份",
        hint="write a four-digit year",
        hint_zh="请写四位数的年份",
    ),
    "date/invalid": Entry(
        message="{token} is not a date",
        message_zh="{token} 不是有效日期",
        hint="write a real calendar date as YYYY-MM-DD",
        hint_zh="请按 YYYY-MM-DD 写出真实存在的日期",
    ),
    "date/no-such-day": Entry(
        message="no month has a day {day}",
        message_zh="没有任何月份有{day}日",
        hint="days of the month run from 1 to 31 (a day past a month's end means its last day)",
        hint_zh="日期应为1至31",
    ),
    "date/no-such-quarter": Entry(
        message="there is no quarter {quarter}",
        message_zh="没有第{quarter}季度",
        hint="a year has four quarters: 第一季度 to 第四季度",
        hint_zh="一年有四个季度：第一季度至第四季度",
    ),
    "date/no-such-month": Entry(
        message="there is no month {month}",
        message_zh="没有{month}月",
        hint="months run from 1 to 12",
        hint_zh="月份应为1至12",
    ),
    "dup/expectation": Entry(
        message="the expectation says its {what} twice",
        message_zh="预期中重复的内容",
        hint="keep one",
        hint_zh="只保留一处",
    ),
    "dup/line": Entry(
        message="a second '{what}' line",
        message_zh="重复的“{what}”行",
        hint="keep one '{what}' line and delete the other",
        hint_zh="只保留一行",
    ),
    "dup/range": Entry(
        message="the year range is given both before and after the schedule",
        message_zh="起止年份在期限前后都写了",
        hint="keep one of them",
        hint_zh="只保留一处",
    ),
    "escalation/multiple-warn": Entry(
        message="escalation '{children}' has more than one warn line",
        message_zh="升级阶梯“{children}”有多于一行预警",
        hint="keep a single warn line per ladder",
        hint_zh="每个阶梯只能有一行预警",
    ),
    "escalation/out-of-order": Entry(
        message=(
            "in escalation '{ladder_name}', '{step}' comes after {days} but the step "
            "above it comes after {previous_days}"
        ),
        message_zh=(
            "升级阶梯“{ladder_name}”中，此步骤的天数（{days_zh}）"
            "不大于上一步骤（{previous_days_zh}）"
        ),
        hint="list the steps with increasing days",
        hint_zh="请按天数递增的顺序排列各步骤",
    ),
    "escalation/out-of-order#milder": Entry(
        message=(
            "in escalation '{ladder_name}', '{step}' is milder than '{previous_step}' above it"
        ),
        message_zh="升级阶梯“{ladder_name}”中，此步骤比上一步骤更轻",
        hint=(
            "a later step must be at least as severe as an earlier one (remind, urge, correct, "
            "notify, hold accountable, discipline)"
        ),
        hint_zh="后面的步骤不得轻于前面的步骤（提醒、督促、纠正、通报、问责、追究纪律责任）",
    ),
    "rating/duplicate": Entry(
        message="a second {every} rating{where}",
        message_zh="重复的{every_zh}评级",
        hint="declare one rating for each interval (monthly, quarterly, yearly)",
        hint_zh="每个时段（每月、每季度、每年）只能有一个评级",
    ),
    "rating/out-of-range": Entry(
        message="grade '{grade}' needs {percent} on time: a rate runs from 0% to 100%",
        message_zh="等级“{grade}”的准时率 {percent} 不在 0% 至 100% 之间",
        hint="give a percentage from 0 to 100",
        hint_zh="请给出 0 至 100 之间的百分比",
    ),
    "rating/out-of-order": Entry(
        message=(
            "grade '{grade}' needs {percent}, not less than '{previous}' above it "
            "({previous_percent})"
        ),
        message_zh=(
            "等级“{grade}”的准时率 {percent} 不低于上一等级“{previous}”（{previous_percent}）"
        ),
        hint="list the grades from the highest rate down, each lower than the one before",
        hint_zh="请按准时率从高到低排列各等级，后一等级低于前一等级",
    ),
    "file/encoding": Entry(
        message="the file is not UTF-8 (byte 0x{data_exc_start:02x})",
        message_zh="文件不是 UTF-8 编码（字节 0x{data_exc_start:02x}）",
        hint="save the file as UTF-8 (GBK and GB18030 files must be converted)",
        hint_zh="请以 UTF-8 保存文件（GBK/GB18030 文件须先转换）",
    ),
    "file/not-found": Entry(
        message="no such file",
        message_zh="文件不存在",
        hint="check the path",
        hint_zh="请检查路径",
    ),
    "file/unreadable": Entry(
        message="cannot read the file: {reason}",
        message_zh="无法读取文件：{reason}",
        hint="give the path of a readable rules file (*.xzjd)",
        hint_zh="请给出可读的规则文件（*.xzjd）的路径",
    ),
    "number/too-large": Entry(
        message="{count} is too large for a time limit",
        message_zh="{count} 作为期限过大",
        hint="time limits and ladder days are at most {MAX_COUNT}",
        hint_zh="期限和升级天数最多为 {MAX_COUNT}",
    ),
    "obligation/no-action": Entry(
        message="obligation '{ob_id}' says when but not what",
        message_zh="义务“{ob_id}”没有行为",
        hint="add the action after a comma: ', file <deliverable> with <recipient>'",
        hint_zh="请在逗号后写出行为，例如“，向同级行政监察机关报送 报告”",
    ),
    "obligation/no-schedule": Entry(
        message="obligation '{ob_id}' has no schedule",
        message_zh="义务“{ob_id}”没有期限",
        hint="add a sentence such as 'by April 1 each year, file report with supervisory organ'",
        hint_zh="请加一句，例如“每年4月1日前，向同级行政监察机关报送 报告”",
    ),
    "ref/calendar-cycle": Entry(
        message="calendars are based on each other in a circle: {value}",
        message_zh="日历相互基于，形成循环：{value}",
        hint="base one of them on 'cn'",
        hint_zh="请让其中一个基于 cn",
    ),
    "ref/chain-after-event": Entry(
        message=(
            "obligation '{ob_id}' follows '{ref}', whose deadlines depend on each agency's events"
        ),
        message_zh="义务“{ob_id}”跟随的义务“{ref}”按事件计算期限",
        hint="a chained obligation can only follow obligations with dated periods",
        hint_zh="连锁义务只能跟随有固定期限的义务",
    ),
    "ref/chain-cycle": Entry(
        message="chained obligations follow each other in a circle: {cycle}",
        message_zh="连锁义务相互引用，形成循环：{cycle}",
        hint="a chained obligation must follow obligations with their own dates",
        hint_zh="连锁义务所跟随的义务须有自己的期限",
    ),
    "ref/chain-too-deep": Entry(
        message=(
            "obligation {ob_id} ends a chain of {d} chained obligations, each following the "
            "next; at most {MAX_CHAIN} may follow each other"
        ),
        message_zh="义务 {ob_id} 处于 {d} 项相互跟随的连锁义务之末，最多允许 {MAX_CHAIN} 项",
        hint="chain the obligations on one that has its own dates",
        hint_zh="请让连锁义务跟随有自己期限的义务",
    ),
    "ref/self-chain": Entry(
        message="obligation '{ob_id}' follows its own deadlines",
        message_zh="义务“{ob_id}”引用了自己的期限",
        hint="name the obligations whose deadlines this one follows",
        hint_zh="请写出本义务所跟随的其他义务",
    ),
    "schedule/bad-range": Entry(
        message="from {s_from_year} until {s_until_year}: the range is empty",
        message_zh="自{s_from_year}年起至{s_until_year}年止：区间为空",
        hint="the 'from' year must not be after the 'until' year",
        hint_zh="起始年份不得晚于终止年份",
    ),
    "schedule/before-effective": Entry(
        message=(
            "every deadline of this schedule falls before the effective date {r_effective} "
            "(the last is {last}), so the obligation has no period"
        ),
        message_zh=(
            "该期限的每个截止日都早于生效日期 {r_effective}（最晚为 {last}），义务没有任何期次"
        ),
        hint="fix the year, or the ruleset's effective date",
        hint_zh="请改正年份或规则集的生效日期",
    ),
    "schedule/no-effective": Entry(
        message=(
            "obligation '{ob_id}' cannot be evaluated: the ruleset has no effective date and "
            "this schedule no 'from' year, so its first period cannot be found"
        ),
        message_zh="义务“{ob_id}”无法评估：规则集没有生效日期，该期限也没有起始年份，无法确定第一期",
        hint="add 'effective YYYY-MM-DD' to the header (or 'from YYYY' to the schedule)",
        hint_zh="请在文件开头加上“生效 YYYY-MM-DD”（或在期限后加“自YYYY年起”）",
    ),
    "schedule/range-not-allowed": Entry(
        message="only a recurring schedule can have a 'from' or 'until' year",
        message_zh="只有周期性期限才能有起止年份",
        hint="drop the year range, or write the year into the date",
        hint_zh="请删去起止年份，或把年份写进日期",
    ),
    "schedule/same-month-twice": Entry(
        message=(
            "two deadlines in {name} each year: their periods would share the label "
            "YYYY-{twice:02d}"
        ),
        message_zh="每年{twice}月有两个截止日，两期的标签（YYYY-{twice:02d}）会相同",
        hint="keep one deadline a month, or write two obligations",
        hint_zh="每月只保留一个截止日，或拆成两项义务",
    ),
    "schedule/window-needs-day": Entry(
        message="the window's first day is not named: '{name}' is a whole month",
        message_zh="时段的起始日未写明：“{name_zh}”是整月",
        hint=(
            "name the first day, as in 'between January 1 and June 30 each year' / "
            "'每年1月1日至6月30日'"
        ),
        hint_zh="请写明起始日，如“每年1月1日至6月30日”",
    ),
    "schedule/window-backwards": Entry(
        message="the window ends ({last}) before it starts ({first})",
        message_zh="时段的结束日（{last_zh}）早于起始日（{first_zh}）",
        hint="a window lies within one year: write the earlier day first",
        hint_zh="时段应在同一年内：请先写较早的日期",
    ),
    "schedule/too-many-working-days": Entry(
        message="the first {count} working days of a month: at most {limit} are allowed",
        message_zh="每月前{count}个工作日：至多为{limit}个",
        hint=("every month has at least {limit} working days, so the window stays in its month"),
        hint_zh="每月至少有{limit}个工作日，时段不会跨月",
    ),
    "schedule/zero-count": Entry(
        message="a time limit of {s_count} {unit_value}",
        message_zh="期限为{s_count}",
        hint="give a time limit of at least 1",
        hint_zh="期限至少为1",
    ),
    "syntax/agency-needs-spaces": Entry(
        message="'{glued}' runs an agency id into Chinese words",
        message_zh="“{glued}”中机关编号与中文连在一起",
        hint="set the agency id off by spaces: '向 {example} 报送 …'",
        hint_zh="机关编号前后请加空格：“向 {example} 报送 ……”",
    ),
    "syntax/bad-indent-char": Entry(
        message="the indentation holds the character U+{code_point:04X}",
        message_zh="缩进中有字符 U+{code_point:04X}",
        hint="indent with ordinary spaces only (no full-width spaces)",
        hint_zh="请只用半角空格缩进（不要用全角空格）",
    ),
    "syntax/bad-indentation": Entry(
        message="this line is indented by {exc_indent} spaces, which matches no enclosing block",
        message_zh="此行缩进 {exc_indent} 个空格，与任何上层块都不对齐",
        hint="indent it exactly like the other lines of its block ({value} spaces)",
        hint_zh="请与同一块中其他行的缩进保持一致",
    ),
    "syntax/bad-obligation-id": Entry(
        message="'{whole}' is not an obligation id",
        message_zh="“{whole}”不是有效的义务标识",
        hint=(
            "an obligation id is lower-case ASCII letters, digits and '-', starting with a "
            "letter (such as 'bimonthly-report'); put the title in quotes after it"
        ),
        hint_zh=(
            "义务标识只能由小写英文字母、数字和“-”组成，以字母开头（如 "
            "bimonthly-report）；标题请加引号写在其后"
        ),
    ),
    "syntax/expected-block": Entry(
        message="expected an indented block after a line ending in ':'",
        message_zh="以“：”结尾的行后面应有缩进的块",
        hint="indent the lines that belong to the block",
        hint_zh="请缩进属于该块的行",
    ),
    "syntax/missing-qian": Entry(
        message="a Chinese deadline must end in '前' (by)",
        message_zh="期限后缺少“前”",
        hint="write '前' here, as in '逢双月底前' or '每年4月1日前'",
        hint_zh="请在此处加“前”，例如“逢双月底前”“每年4月1日前”",
    ),
    "syntax/tab-indent": Entry(
        message="a tab in the indentation",
        message_zh="缩进中有制表符（Tab）",
        hint="indent with spaces only",
        hint_zh="请只用空格缩进",
    ),
    "syntax/unexpected-indent": Entry(
        message="the first line of the file is indented",
        message_zh="文件第一行有缩进",
        hint="start top-level lines in the first column",
        hint_zh="顶层的行应从第一列开始",
    ),
    "syntax/unexpected-indent#block": Entry(
        message="unexpected indentation",
        message_zh="不应有的缩进",
        hint="only the lines of a block (after a line ending in ':') are indented",
        hint_zh="只有以“：”结尾的行下面的块才缩进",
    ),
    "syntax/unknown-month": Entry(
        message="'{word}' is not a month name",
        message_zh="“{word}”不是月份名称",
        hint="did you mean '{suggestion}'?",
        hint_zh="是否应为“{suggestion}”？",
    ),
    "syntax/unknown-word": Entry(
        message="unexpected word '{shown}'",
        message_zh="无法识别的词“{shown}”",
        hint="did you mean '{suggestion}'?",
        hint_zh="是否应为“{suggestion}”？",
    ),
    "syntax/unterminated-string": Entry(
        message="unterminated string",
        message_zh="字符串缺少结束引号",
        hint="close the string with {closer} on the same line",
        hint_zh="请在同一行用 {closer} 结束字符串",
    ),
    "syntax/unexpected-end": Entry(
        message="unexpected end of file",
        message_zh="文件意外结束",
        hint="expected {listing}",
        hint_zh="此处应为 {listing_zh}",
    ),
    "syntax/unexpected-end-of-line": Entry(
        message="the line ends too early",
        message_zh="此行不完整",
        hint="expected {listing}",
        hint_zh="此处应为 {listing_zh}",
    ),
    "syntax/unexpected-word": Entry(
        message="unexpected '{shown}'",
        message_zh="此处不应出现“{shown}”",
        hint="expected {listing}",
        hint_zh="此处应为 {listing_zh}",
    ),
    "syntax/missing-comma": Entry(
        message="missing comma between the schedule and the action",
        message_zh="期限和行为之间缺少逗号",
        hint="write '{comma}' before '{verb}'",
        hint_zh="请在“{verb}”前加“，”",
    ),
    "number/bad-numeral": Entry(
        message="{shown!r} is not a count in standard Chinese numerals (零 to 九千九百九十九)",
        message_zh="“{shown}”不是规范的中文数字（零至九千九百九十九）",
        hint=(
            "write the count in digits (20) or in standard Chinese numerals: 十五, 二十, 一百零五, "
            "一千零五十 (零 to 九千九百九十九)"
        ),
        hint_zh=(
            "请用阿拉伯数字（20）或规范的中文数字书写：十五、二十、一百零五、一千零五十"
            "（零至九千九百九十九）"
        ),
    ),
    # A line of an obligation given twice: a second schedule sentence, another line.
    "dup/line#sentence": Entry(
        message="obligation '{ob_id}' has a second {what} line",
        message_zh="义务“{ob_id}”有重复的行",
        hint="one obligation holds one line of each kind; split it into two obligations",
        hint_zh="每项义务每种行只能有一行；如有两个期限，请拆成两项义务",
    ),
    "dup/line#obligation": Entry(
        message="obligation '{ob_id}' has a second {what} line",
        message_zh="义务“{ob_id}”有重复的行",
        hint="keep one {what} line",
        hint_zh="每项义务每种行只能有一行；如有两个期限，请拆成两项义务",
    ),
    # A day past the end of a given month (the month alone, or the month of a year).
    "date/no-such-day#month": Entry(
        message="{where} has no day {day}",
        message_zh="{where_zh}没有{day}日",
        hint="{where} has {last} days",
        hint_zh="该月有{last}天",
    ),
    "dup/obligation": Entry(
        message="duplicate {what} '{name}'{where}",
        message_zh="重复的{what_zh}“{name}”",
        hint="give each {what} its own name",
        hint_zh="每个{what_zh}须有不同的名称",
    ),
    "dup/escalation": Entry(
        message="duplicate {what} '{name}'{where}",
        message_zh="重复的{what_zh}“{name}”",
        hint="give each {what} its own name",
        hint_zh="每个{what_zh}须有不同的名称",
    ),
    "dup/calendar": Entry(
        message="duplicate {what} '{name}'{where}",
        message_zh="重复的{what_zh}“{name}”",
        hint="give each {what} its own name",
        hint_zh="每个{what_zh}须有不同的名称",
    ),
    "ref/unknown-calendar": Entry(
        message="unknown calendar '{name}'",
        message_zh="未知的日历“{name}”",
        hint="use 'cn' or declare the calendar with 'calendar NAME based on cn:'",
        hint_zh="请使用 cn，或用“日历 NAME 基于 cn：”声明日历",
    ),
    "ref/unknown-calendar#base": Entry(
        message="calendar '{name}' is based on unknown calendar '{base}'",
        message_zh="日历“{name}”基于未知的日历“{base}”",
        hint="base a calendar on 'cn' or on another declared calendar",
        hint_zh="请基于 cn 或其他已声明的日历",
    ),
    "ref/unknown-escalation": Entry(
        message="unknown escalation '{name}'",
        message_zh="未知的升级阶梯“{name}”",
        hint="declare it with 'escalation NAME:' or fix the name",
        hint_zh="请用“升级 NAME：”声明该阶梯，或改正名称",
    ),
    "ref/unknown-obligation": Entry(
        message="unknown obligation '{ref}'",
        message_zh="未知的义务“{ref}”",
        hint="name an obligation declared in this file",
        hint_zh="请写出本文件中声明的义务",
    ),
}
