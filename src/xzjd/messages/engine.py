# SPDX-License-Identifier: MIT
"""Diagnostics of evaluation: binding facts to rules, assigning filings."""

from __future__ import annotations

from xzjd.errors import Severity
from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

_LABELS = (
    "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1, as the schedule makes them"
)
_LABELS_ZH = "期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1（依日程而定）"

ENTRIES: dict[str, Entry] = {
    "calendar/no-notice": Entry(
        message=(
            "{agency}, {obligation}, period {period} needs {listed}, for which calendar "
            "'{calendar}' has no "
            "State Council notice; {outcome}"
        ),
        message_zh=(
            "{agency}，{obligation}，期次 {period} 需要 {listed} 年的日历，日历 {calendar} "
            "没有该年的国务院节假日安排通知；{outcome_zh}"
        ),
        hint=(
            "add the year's notice (xzjd calendar import NOTICE.txt), or leave out "
            "--no-provisional to count it with the statutory holidays alone"
        ),
        hint_zh=(
            "请导入该年通知（xzjd calendar import 通知.txt），或去掉 --no-provisional "
            "按法定节假日暂定计算"
        ),
    ),
    "calendar/provisional": Entry(
        message=(
            "calendar '{calendar}' has no State Council notice for {listed}: dates "
            "there are provisional, counted with the statutory holidays of the holiday law and "
            "no make-up working days (调休); records computed from them say provisional"
        ),
        message_zh=(
            "日历 {calendar} 没有国务院 {listed} "
            "年节假日安排通知：这些年份的日期为暂定，仅按《全国年节及纪念日放假办法》规定的法定"
            "节假日推算，不含调休上班日；据此计算的记录标注为暂定"
        ),
        hint=(
            "when the notice is published, add it: xzjd calendar import NOTICE.txt -o FILE.csv "
            "(docs/calendar.md); --no-provisional refuses provisional years"
        ),
        hint_zh=(
            "通知发布后请导入：xzjd calendar import 通知.txt -o 文件.csv（见 "
            "docs/calendar.md）；使用 --no-provisional 则不采用暂定年份"
        ),
        severity=Severity.WARNING,
    ),
    "calendar/unreadable#declared": Entry(
        message="calendar {decl_name!r}: no calendar file {path!r}",
        message_zh="日历 {decl_name}：找不到日历文件 {path!r}",
        hint=(
            "the path is relative to the rules file's folder; make the file with xzjd calendar "
            "import NOTICE.txt -o FILE.csv"
        ),
        hint_zh="路径相对于规则文件所在目录；可用 xzjd calendar import 通知.txt -o 文件.csv 生成",
    ),
    "input/after-on": Entry(
        message="{n} {noun} dated after {on} {verb} not counted ({named})",
        message_zh="{n} 条{noun_zh}的日期晚于评估日 {on}，不计入（{named_zh}）",
        hint="{value} counts only from its date on: check the dates, or evaluate on a later date",
        hint_zh="{noun_zh}自其日期起才计入：请检查日期，或以更晚的日期评估",
        severity=Severity.WARNING,
    ),
    # A period the obligation cannot have; #first names the first period it has, #event is
    # an event-based obligation, whose periods are the agency's events.
    "input/bad-period": Entry(
        message="obligation {obligation!r} has no period {period!r}",
        message_zh="义务 {obligation!r} 没有期次 {period!r}",
        hint=_LABELS + "; or leave the period empty",
        hint_zh=_LABELS_ZH + "，也可留空",
    ),
    "input/bad-period#first": Entry(
        message="obligation {obligation!r} has no period {period!r} (the first is {first!r})",
        message_zh="义务 {obligation!r} 没有期次 {period!r}（第一期为 {first!r}）",
        hint=_LABELS + "; or leave the period empty",
        hint_zh=_LABELS_ZH + "，也可留空",
    ),
    "input/bad-period#event": Entry(
        message=(
            "obligation {obligation!r} has no period {period!r} for {agency}: its periods are "
            "the ids of {agency}'s {event!r} events"
        ),
        message_zh=(
            "义务 {obligation!r} 对 {agency} 没有期次 {period!r}：其期次为 {agency} 的 {event!r} "
            "事件标识"
        ),
        hint="name an event id from the events file, or leave the period empty",
        hint_zh="请填写事件文件中的事件标识，或留空",
    ),
    "recipient/missing": Entry(
        message=(
            "{agency_id} has no {what} for obligation {obligation_id}; evaluated with the "
            "recipients that exist"
        ),
        message_zh="{agency_id} 没有义务 {obligation_id} 的接收机关“{what_zh}”；按现有接收机关评估",
        hint="add the recipient to the agencies file, or check the region path",
        hint_zh="请在机关文件中补充该接收机关，或检查区划路径",
        severity=Severity.WARNING,
    ),
    "argument/unknown-agency": Entry(
        message="unknown agency {ident!r}",
        message_zh="未知的机关 {ident!r}",
        hint="name an agency of {file_name}",
        hint_zh="请写出 {file_name} 中的机关标识",
    ),
    # xzjd agenda --region PATH (agenda(region=...)): no agency sits in the region or below.
    "argument/unknown-region": Entry(
        message="no agency in region {region!r} or below it",
        message_zh="区划 {region!r} 及其下级没有机关",
        hint="name a region path of {file_name}'s region column, outermost first "
        "(for example 云南省/昆明市)",
        hint_zh="请写出 {file_name} 区划列中的区划路径，由大到小（例如 云南省/昆明市）",
    ),
    # agenda() called with neither or both of agency= and region=.
    "argument/agency-or-region": Entry(
        message="give either an agency or a region, not both and not neither",
        message_zh="请给出一个机关或一个区划，二者只能取其一",
        hint="agenda(..., agency=ID) for one agency, agenda(..., region=PATH) for a region",
        hint_zh="一个机关用 agenda(..., agency=ID)，一个区划用 agenda(..., region=PATH)",
    ),
    "argument/unknown-obligation": Entry(
        message="unknown obligation {ident!r}",
        message_zh="未知的义务 {ident!r}",
        hint="name an obligation of the rules",
        hint_zh="请写出规则中的义务标识",
    ),
    # A period the schedule never makes; #first names its first period, #event is an
    # event-based obligation, whose periods are the agency's events.
    "argument/unknown-period": Entry(
        message="obligation {obligation!r} has no period {label!r} for {agency}",
        message_zh="义务 {obligation!r} 对 {agency} 没有期次 {label!r}",
        hint="labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1",
        hint_zh="期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1",
    ),
    "argument/unknown-period#first": Entry(
        message="obligation {obligation!r} has no period {label!r} for {agency}",
        message_zh="义务 {obligation!r} 对 {agency} 没有期次 {label!r}",
        hint=(
            "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1; "
            "the first is {first!r}"
        ),
        hint_zh="期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1；第一期为 {first!r}",
    ),
    "argument/unknown-period#event": Entry(
        message="obligation {obligation!r} has no period {label!r} for {agency}",
        message_zh="义务 {obligation!r} 对 {agency} 没有期次 {label!r}",
        hint="its periods are the ids of {agency}'s {event!r} events",
        hint_zh="其期次为 {agency} 的 {event!r} 事件标识",
    ),
    "bearer/unknown-agency": Entry(
        message="obligation {obligation} applies to {agency}, which is not in the agencies file",
        message_zh="义务 {obligation} 适用于 {agency}，但机关文件中没有该机关",
        hint="add it to the agencies file",
        hint_zh="请将其加入机关文件",
        severity=Severity.WARNING,
    ),
    "input/unknown-agency": Entry(
        message="unknown agency {value!r}",
        message_zh="未知的机关 {value!r}",
        hint="use an agency id that exists",
        hint_zh="请使用已有的机关标识",
    ),
    "input/unknown-obligation": Entry(
        message="unknown obligation {value!r}",
        message_zh="未知的义务 {value!r}",
        hint="use an obligation id that exists",
        hint_zh="请使用已有的义务标识",
    ),
    "event/unused": Entry(
        message=(
            "event {name!r}{times} is not the event of any obligation, so it opens no period: "
            "{rules}"
        ),
        message_zh="事件 {name!r}{times_zh}不是任何义务的起算事件，不产生期次：{rules_zh}",
        hint="spell the event as an obligation of the rules does, or drop its rows",
        hint_zh="请按规则中义务的写法书写事件名称，或删去这些行",
        severity=Severity.WARNING,
    ),
    "event/never-happens": Entry(
        message=(
            "obligation {obligation} counts from event {name!r}, which no row of {where} names: "
            "it has no period"
        ),
        message_zh=(
            "义务 {obligation} 以事件 {name!r} 起算，而 {where} 中没有该事件：该义务没有期次"
        ),
        hint=("add the {name!r} events to the events file, or check the event's name in the rules"),
        hint_zh="请在事件文件中加入 {name!r} 事件，或检查规则中的事件名称",
        severity=Severity.WARNING,
    ),
    # A filing that counts for no period: the hint depends on why (xzjd.engine.assign).
    "filing/no-period#not-owed": Entry(
        message="filing {filing} counts for nothing: {reason}",
        message_zh="报送 {filing} 不计入任何期次：{reason_zh}",
        hint="check the agency and the obligation of this filing",
        hint_zh="请检查该报送的机关和义务",
        severity=Severity.WARNING,
    ),
    "filing/no-period#not-a-recipient": Entry(
        message="filing {filing} counts for nothing: {reason}",
        message_zh="报送 {filing} 不计入任何期次：{reason_zh}",
        hint="leave the recipient empty or name one of the recipients",
        hint_zh="请将接收机关留空或填写其中之一",
        severity=Severity.WARNING,
    ),
    "filing/no-period#outside-month": Entry(
        message="filing {filing} counts for nothing: {reason}",
        message_zh="报送 {filing} 不计入任何期次：{reason_zh}",
        hint="a 'during' duty is done only inside its month",
        hint_zh="限定月份的义务只能在该月内完成",
        severity=Severity.WARNING,
    ),
    "filing/no-period#name-the-period": Entry(
        message="filing {filing} counts for nothing: {reason}",
        message_zh="报送 {filing} 不计入任何期次：{reason_zh}",
        hint="name the period in the period column",
        hint_zh="请在 period 列中指明期次",
        severity=Severity.WARNING,
    ),
}
