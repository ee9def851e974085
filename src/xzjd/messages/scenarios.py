# SPDX-License-Identifier: MIT
"""Diagnostics of scenario tests."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "expect/impossible": Entry(
        message="only an overdue period reaches a ladder step, not a {state} one",
        message_zh="只有逾期的期次才有升级步骤，{state_zh}的没有",
        hint="drop the step, or expect overdue",
        hint_zh="请删去升级步骤，或预期逾期",
    ),
    "expect/impossible#step-and-no-step": Entry(
        message="the expectation asks for a step and for no step",
        message_zh="预期既要求升级步骤又要求未升级",
        hint="keep either the step or 'no step'",
        hint_zh="请只保留升级步骤或“未升级”之一",
    ),
    "expect/impossible#zero-days": Entry(
        message="an overdue period is at least 1 day overdue",
        message_zh="逾期至少为1日",
        hint="days overdue count the calendar days after the deadline",
        hint_zh="逾期日数按截止日之后的自然日计算",
    ),
    "expect/impossible#not-yet-due": Entry(
        message="a period due {due} cannot be overdue on {on}",
        message_zh="截止日为 {due} 的期次在 {on} 不可能逾期",
        hint="a period is overdue only after its deadline",
        hint_zh="期次只有在截止日之后才逾期",
    ),
    "expect/impossible#before-first-date": Entry(
        message=(
            "overdue {e_days_overdue:count:day} on {on} means a deadline before 0001-01-01, the "
            "first date there is"
        ),
        message_zh="{on} 逾期{e_days_overdue}日意味着截止日早于 0001-01-01，而该日已是最早的日期",
        hint="days overdue count the calendar days after the deadline",
        hint_zh="逾期日数按截止日之后的自然日计算",
    ),
    "expect/impossible#days-and-due": Entry(
        message="overdue {e_days_overdue:count:day} on {on} means due {expected_due}, not {due}",
        message_zh="{on} 逾期{e_days_overdue}日意味着截止日为 {expected_due}，而非 {due}",
        hint="days overdue count the calendar days after the deadline",
        hint_zh="逾期日数按截止日之后的自然日计算",
    ),
    "expect/impossible#past-due": Entry(
        message="a period due {due} cannot be {state} on {on}: the deadline has passed",
        message_zh="截止日为 {due} 的期次在 {on} 已过期，不可能是“{state_zh}”",
        hint="check the due date, or expect {overdue}, {done} or {late}",
        hint_zh="请检查截止日，或预期{overdue_zh}、{done_zh}或{late_zh}",
    ),
    "expect/impossible#not-late": Entry(
        message="a period due {due} cannot be done {late} by {on}",
        message_zh="截止日为 {due} 的期次在 {on} 不可能{late_zh}",
        hint="a period is late only when its filing came after its deadline",
        hint_zh="只有截止日之后才报送的期次才是{late_zh}",
    ),
    # A case's signals (expect case ... yellow DATE, red DATE): raised by the evaluation
    # date, not together with no yellow / no red, red only for a case past its deadline.
    "expect/impossible#signal-after-date": Entry(
        message="a signal first raised on {day} cannot be known on {on}",
        message_zh="{day} 才发出的信号在 {on} 尚不可知",
        hint="a signal's date is on or before the evaluation date",
        hint_zh="信号日期应不晚于评估日",
    ),
    "expect/impossible#yellow-and-no-yellow": Entry(
        message="the expectation asks for a yellow signal and for none",
        message_zh="预期既要求黄灯又要求无黄灯",
        hint="keep either the yellow date or 'no yellow'",
        hint_zh="请只保留黄灯日期或“无黄灯”之一",
    ),
    "expect/impossible#red-and-no-red": Entry(
        message="the expectation asks for a red signal and for none",
        message_zh="预期既要求红灯又要求无红灯",
        hint="keep either the red date or 'no red'",
        hint_zh="请只保留红灯日期或“无红灯”之一",
    ),
    "expect/impossible#red-in-time": Entry(
        message="a {state} case has not run past its deadline: it has no red signal",
        message_zh="{state_zh}的办件没有超过期限，不会有红灯",
        hint="drop the red date, or expect overdue, late or withdrawn",
        hint_zh="请删去红灯日期，或预期逾期、逾期完成或已撤回",
    ),
    "expect/unknown-case": Entry(
        message="no case {case!r} in the scenario's cases",
        message_zh="场景的办件中没有 {case!r}",
        hint="use a case id of the scenario's cases (the first column of the case events file)",
        hint_zh="请使用场景办件中的办件编号（办件事件文件的第一列）",
    ),
    "expect/impossible-step": Entry(
        message="{obligation} never reaches the step {step!r} (its ladder's steps: {have})",
        message_zh="{obligation} 的升级阶梯中没有“{step_zh}”",
        hint="expect one of the steps of the obligation's ladder",
        hint_zh="请预期该义务升级阶梯中的步骤",
    ),
    # A period the schedule never makes; #first names the first period it makes, #event is
    # an event-based obligation, whose periods are the agency's events.
    "expect/unknown-period": Entry(
        message="{obligation} has no period {period!r}",
        message_zh="{obligation} 没有期次 {period!r}",
        hint=(
            "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1, as the "
            "schedule makes them"
        ),
        hint_zh="期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1（依日程而定）",
    ),
    "expect/unknown-period#first": Entry(
        message="{obligation} has no period {period!r}; the first is {first!r}",
        message_zh="{obligation} 没有期次 {period!r}；第一期为 {first!r}",
        hint=(
            "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1, as the "
            "schedule makes them"
        ),
        hint_zh="期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1（依日程而定）",
    ),
    "expect/unknown-period#event": Entry(
        message=(
            "{obligation} has no period {period!r} for {agency}: its periods are the ids of "
            "{agency}'s {event!r} events"
        ),
        message_zh=(
            "{obligation} 对 {agency} 没有期次 {period!r}：其期次为 {agency} 的 {event!r} 事件标识"
        ),
        hint="known: {known}",
        hint_zh="已有：{known_zh}",
    ),
    "expect/unknown-agency": Entry(
        message="unknown agency {agency!r}",
        message_zh="未知的机关 {agency!r}",
        hint="use an agency id of the scenario's agencies",
        hint_zh="请使用场景机关中的机关标识",
    ),
    "expect/unknown-agency#recipient": Entry(
        message="unknown recipient agency {agency!r}",
        message_zh="未知的接收机关 {agency!r}",
        hint="use an agency id of the scenario's agencies",
        hint_zh="请使用场景机关中的机关标识",
    ),
    "expect/unknown-obligation": Entry(
        message="the rules have no obligation {obligation!r}",
        message_zh="规则中没有义务 {obligation!r}",
        hint="use an obligation id of the rules",
        hint_zh="请使用规则中的义务标识",
    ),
    "scenario/bad-facts": Entry(
        message="the facts of scenario {scenario_title!r} do not fit together (see above)",
        message_zh="场景“{scenario_title}”的机关、报送和事件不一致（见上）",
        hint=(
            "a scenario with its own agencies usually needs its own filings and events (write: "
            "filings none / events none)"
        ),
        hint_zh="使用自己机关的场景通常也需要自己的报送和事件（可写：报送 无 / 事件 无）",
    ),
    "scenario/cannot-run": Entry(
        message="scenario {scenario_title!r} could not run: {detail}",
        message_zh="场景“{scenario_title}”无法运行：{detail}",
        hint=(
            "the other scenarios ran; fix what the message names (for a calendar year, see "
            "docs/calendar.md), or leave out --no-provisional"
        ),
        hint_zh=(
            "其余场景已运行；请按提示修正（日历年份见 docs/calendar.md），或去掉 --no-provisional"
        ),
    ),
    "scenario/no-agencies": Entry(
        message="scenario {scenario_title!r} has no agencies",
        message_zh="场景“{scenario_title}”没有机关",
        hint='name an agencies file (agencies "agencies.csv") or list rows under agencies:',
        hint_zh='请指定机关文件（机关 "agencies.csv"）或在“机关：”下列出',
    ),
    "scenario/no-date": Entry(
        message="scenario {scenario_title!r} has no evaluation date",
        message_zh="场景“{scenario_title}”没有评估日",
        hint="add a line such as: on 2010-04-06",
        hint_zh="请加一行，例如：评估日 2010-04-06",
    ),
    "scenario/no-expectations": Entry(
        message="scenario {scenario_title!r} expects nothing",
        message_zh="场景“{scenario_title}”没有任何预期",
        hint="add at least one expect line",
        hint_zh="请至少写一行预期",
    ),
    "scenario/no-rules": Entry(
        message="this file names no rules to test and has no obligations",
        message_zh="此文件既未指定要测试的规则文件，也没有义务",
        hint='start it with a line such as: rules "rules.xzjd"',
        hint_zh='请在文件开头写：规则 "rules.xzjd"',
    ),
    "scenario/no-such-file": Entry(
        message="no such {kind_value} file: {value}",
        message_zh="{kind_value} 文件不存在：{value}",
        hint="paths are relative to the test file",
        hint_zh="路径相对于测试文件所在目录",
    ),
    "scenario/no-such-rules": Entry(
        message="no such rules file: {value}",
        message_zh="规则文件不存在：{value}",
        hint="the path is relative to the test file",
        hint_zh="路径相对于测试文件所在目录",
    ),
    "scenario/repeated-data": Entry(
        message=(
            "{what} file {shown} is already named in this block{at}: its rows would count twice"
        ),
        message_zh="{what} 文件 {shown} 已在本段中列出{at_zh}，其中各行会被计入两次",
        hint="name each data file once per block",
        hint_zh="同一段中每个数据文件只列一次",
    ),
    "scenario/rules-and-obligations": Entry(
        message="a file with obligations tests its own rules; it cannot name others",
        message_zh="含有义务的文件测试其自身的规则，不能再指定其他规则文件",
        hint="move the scenarios into a *.test.xzjd file, or delete this line",
        hint_zh="请把场景移到 *.test.xzjd 文件中，或删除此行",
    ),
}
