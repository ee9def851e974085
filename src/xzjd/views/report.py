# SPDX-License-Identifier: MIT
"""``xzjd report``: the statistics as one self-contained HTML page (docs/statistics.md).

The page needs nothing but itself: the style is inline, the charts are inline SVG, there is
no script, no image, no font and no address of anything else, so that it opens the same on
an office intranet with no network. It reads in Chinese or English. Every text that comes
from the input (names of agencies, titles, clauses) is escaped.

The figures a program may check are in ``data-`` attributes beside the visible text: the
headline (``#headline``: ``data-due``, ``data-on-time``, ``data-late``, ``data-overdue``,
``data-waived``, ``data-open``, ``data-rate``), each row of the statistics
(``tr.stats-row``: ``data-group``, ``data-interval``, the counts, ``data-rate``,
``data-rank``, ``data-rating``), each bar of the chart (``rect.bar``) and each cell of the
heat map (``td.heat``: ``data-group``, ``data-interval``, ``data-due``, ``data-rate``). A
rate is written as Python writes the float (the same number as ``xzjd stats --format
json``), empty when there is none.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from itertools import groupby

from xzjd.engine.stats import StatsRow, StatsTable
from xzjd.model import Step
from xzjd.text.escape import escape_controls
from xzjd.views.report_data import Report
from xzjd.vocab import STEP_ZH

__all__ = ["render_report"]

_WORDS = {
    "en": {
        "report": "Supervision statistics",
        "span": "Periods due from {start} to {end}, judged on {end}; by {by}, every {every}.",
        "headline": "Headline",
        "due": "due",
        "on_time": "on time",
        "late": "late",
        "overdue": "overdue",
        "waived": "waived",
        "open": "not yet judged",
        "rate": "on-time rate",
        "ratings": "ratings",
        "no_rating": "no rating declared for this interval",
        "regions": "On-time rate by region",
        "heat": "On-time rate by agency and month",
        "stats": "Statistics",
        "rank": "rank",
        "group": "group",
        "interval": "interval",
        "yellow": "yellow",
        "red": "red",
        "rating": "rating",
        "overdue_list": "Overdue on {end}",
        "agency": "agency",
        "obligation": "obligation",
        "period": "period",
        "deadline": "deadline",
        "days": "days overdue",
        "step": "step reached",
        "owed_to": "owed to",
        "source": "source",
        "none_overdue": "Nothing is overdue.",
        "sources": "Obligations and their sources",
        "id": "id",
        "title": "title",
        "no_step": "no step yet",
        "legend": "Colour: the on-time rate (green 100%, yellow 85%, red 70% or less; grey: none).",
        "agency_by": "agency",
        "region_by": "region",
        "kind_by": "kind",
        "level_by": "level",
        "obligation_by": "obligation",
        "month": "month",
        "quarter": "quarter",
        "year": "year",
    },
    "zh": {
        "report": "行政监督统计",
        "span": "统计 {start} 至 {end} 到期的期次，以 {end} 为判定日；按{by}，每{every}。",
        "headline": "总体情况",
        "due": "到期",
        "on_time": "按时",
        "late": "逾期办结",
        "overdue": "逾期未办",
        "waived": "免报",
        "open": "未到判定",
        "rate": "准时率",
        "ratings": "评级",
        "no_rating": "规则未声明该区间的评级",
        "regions": "各州（市）准时率",
        "heat": "各机关逐月准时率",
        "stats": "统计表",
        "rank": "排名",
        "group": "分组",
        "interval": "区间",
        "yellow": "黄灯",
        "red": "红灯",
        "rating": "评级",
        "overdue_list": "截至 {end} 逾期未办",
        "agency": "机关",
        "obligation": "义务",
        "period": "期次",
        "deadline": "期限",
        "days": "逾期天数",
        "step": "升级阶段",
        "owed_to": "报送对象",
        "source": "依据",
        "none_overdue": "没有逾期未办的期次。",
        "sources": "义务及其依据",
        "id": "编号",
        "title": "名称",
        "no_step": "未升级",
        "legend": "颜色表示准时率（绿 100%，黄 85%，红 70% 及以下；灰：无）。",
        "agency_by": "机关",
        "region_by": "州（市）",
        "kind_by": "类别",
        "level_by": "层级",
        "obligation_by": "义务",
        "month": "月",
        "quarter": "季度",
        "year": "年",
    },
}

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",
sans-serif;
margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;
border-bottom:1px solid #ccc;padding-bottom:3px}
p.span{color:#555;margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border:1px solid #ccc;border-radius:4px;padding:6px 12px;min-width:88px}
.card b{display:block;font-size:20px}.card span{color:#555;font-size:12px}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:right}
th{background:#f3f3f3}td.t{text-align:left}
td.heat{text-align:center;min-width:44px}
svg text{font-size:12px;fill:#222}
.legend{color:#555;font-size:12px}
"""


def _e(text: object) -> str:
    """*text* for HTML: control characters made visible, then escaped (quotes too)."""
    return html.escape(escape_controls(str(text)), quote=True)


def _num(value: float | int | None) -> str:
    """A figure for a ``data-`` attribute: as Python writes it, empty for none."""
    return "" if value is None else repr(value)


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{100 * rate:.1f}%"


def _colour(rate: float | None) -> str:
    """Green at 100%, through yellow (85%), to red at 70% and below; grey for none."""
    if rate is None:
        return "#eeeeee"
    hue = max(0.0, min(1.0, (rate - 0.7) / 0.3)) * 120
    return f"hsl({hue:.0f},65%,72%)"


def _step(step: Step | None, zh: bool, w: dict[str, str]) -> str:
    if step is None:
        return w["no_step"]
    return STEP_ZH[step] if zh else step.value


def _headline(
    table: StatsTable, order: Sequence[str], zh: bool, w: dict[str, str]
) -> Iterator[str]:
    """The totals of *table*, and how many rows earned each grade (in the order *order*)."""
    total = {k: sum(getattr(r, k) for r in table) for k in _COUNTS}
    judged = total["on_time"] + total["late"] + total["overdue"]
    rate = None if judged == 0 else total["on_time"] / judged
    attrs = " ".join(f'data-{k.replace("_", "-")}="{v}"' for k, v in total.items())
    yield f'<section id="headline" {attrs} data-rate="{_num(rate)}">'
    yield f'<h2>{w["headline"]}</h2><div class="cards">'
    for k in _COUNTS:
        yield f'<div class="card"><b>{total[k]}</b><span>{w[k]}</span></div>'
    yield f'<div class="card"><b>{_pct(rate)}</b><span>{w["rate"]}</span></div></div>'
    grades = {g: 0 for g in order}
    for r in table:
        if r.rating is not None:
            grades[r.rating] = grades.get(r.rating, 0) + 1
    colon, comma = ("：", "，") if zh else (": ", ", ")
    if grades:
        parts = comma.join(
            f'<span data-rating="{_e(g)}" data-rows="{n}">{_e(g)} {n}</span>'
            for g, n in grades.items()
        )
        yield f'<p id="ratings">{w["ratings"]}{colon}{parts}</p>'
    else:
        yield f'<p id="ratings">{w["ratings"]}{colon}{w["no_rating"]}</p>'
    yield "</section>"


_COUNTS = ("due", "on_time", "late", "overdue", "waived", "open")


def _by_group(table: StatsTable) -> tuple[list[str], list[str], dict[tuple[str, str], StatsRow]]:
    """The groups (in order of key), the interval labels and each row by (group, interval)."""
    cells = {(r.group, r.interval): r for r in table}
    groups = sorted({r.group for r in table})
    labels = list(dict.fromkeys(r.interval for r in table))
    return groups, labels, cells


def _chart(table: StatsTable, w: dict[str, str]) -> Iterator[str]:
    """The on-time rate of each region in each interval: one bar per region and interval."""
    groups, labels, cells = _by_group(table)
    label_w, col_w, row_h, top = 250, max(90, 640 // max(1, len(labels))), 22, 24
    width = label_w + col_w * len(labels) + 10
    height = top + row_h * len(groups) + 6
    yield f'<section id="regions"><h2>{w["regions"]}</h2>'
    yield (
        f'<svg class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(w["regions"])}">'
    )
    for j, label in enumerate(labels):
        x = label_w + j * col_w
        yield f'<text x="{x + 4}" y="16">{_e(label)}</text>'
        yield f'<line x1="{x}" y1="{top - 4}" x2="{x}" y2="{height}" stroke="#ccc"/>'
    for i, group in enumerate(groups):
        y = top + i * row_h
        name = cells[(group, labels[0])].name if labels else group
        yield f'<text x="4" y="{y + 15}">{_e(name or "–")}</text>'
        for j, label in enumerate(labels):
            row = cells[(group, label)]
            x = label_w + j * col_w + 2
            bar = 0 if row.rate is None else round((col_w - 50) * row.rate, 1)
            yield (
                f'<rect class="bar" x="{x}" y="{y + 3}" width="{bar}" height="{row_h - 6}" '
                f'fill="{_colour(row.rate)}" data-group="{_e(group)}" '
                f'data-interval="{_e(label)}" data-rate="{_num(row.rate)}"/>'
            )
            yield f'<text x="{x + bar + 3}" y="{y + 15}">{_pct(row.rate)}</text>'
    yield f'</svg><p class="legend">{w["legend"]}</p></section>'


def _heat(table: StatsTable, w: dict[str, str]) -> Iterator[str]:
    """Agencies down, months across: each cell the month's on-time rate, coloured."""
    groups, labels, cells = _by_group(table)
    yield f'<section id="heatmap"><h2>{w["heat"]}</h2><table><tr><th>{w["agency"]}</th>'
    yield "".join(f"<th>{_e(label)}</th>" for label in labels) + "</tr>"
    for group in groups:
        first = cells[(group, labels[0])]
        yield f'<tr><td class="t">{_e(first.name)}</td>'
        for label in labels:
            r = cells[(group, label)]
            tip = f"{w['on_time']} {r.on_time}/{r.on_time + r.late + r.overdue}, {w['due']} {r.due}"
            yield (
                f'<td class="heat" style="background:{_colour(r.rate)}" title="{_e(tip)}" '
                f'data-group="{_e(group)}" data-interval="{_e(label)}" data-due="{r.due}" '
                f'data-rate="{_num(r.rate)}">{_pct(r.rate)}</td>'
            )
        yield "</tr>"
    yield f'</table><p class="legend">{w["legend"]}</p></section>'


def _stats(table: StatsTable, w: dict[str, str]) -> Iterator[str]:
    """The rows of ``xzjd stats``, interval by interval, in rank order."""
    heads = ("rank", "group", *_COUNTS, "rate", "yellow", "red", "rating")
    yield f'<section id="stats"><h2>{w["stats"]}</h2><table>'
    for label, rows in groupby(table, key=lambda r: r.interval):
        rows_ = list(rows)
        span = f"{_e(label)} ({rows_[0].first} – {rows_[0].last})"
        yield f'<tr><th class="t" colspan="{len(heads)}">{span}</th></tr>'
        yield "<tr>" + "".join(f"<th>{w[h]}</th>" for h in heads) + "</tr>"
        for r in rows_:
            data = " ".join(f'data-{k.replace("_", "-")}="{getattr(r, k)}"' for k in _COUNTS)
            yield (
                f'<tr class="stats-row" data-group="{_e(r.group)}" data-interval="{_e(label)}" '
                f'{data} data-rate="{_num(r.rate)}" data-rank="{_num(r.rank)}" '
                f'data-rating="{_e(r.rating or "")}">'
                f"<td>{'–' if r.rank is None else r.rank}</td>"
                f'<td class="t">{_e(r.name or "–")}</td>'
                + "".join(f"<td>{getattr(r, k)}</td>" for k in _COUNTS)
                + f"<td>{_pct(r.rate)}</td><td>{r.yellow}</td><td>{r.red}</td>"
                f'<td class="t">{_e(r.rating or "–")}</td></tr>'
            )
    yield "</table></section>"


def _overdue(report: Report, zh: bool, w: dict[str, str]) -> Iterator[str]:
    yield f'<section id="overdue"><h2>{_e(w["overdue_list"].format(end=report.end))}</h2>'
    if not report.overdue:
        yield f"<p>{w['none_overdue']}</p></section>"
        return
    heads: Sequence[str] = ("agency", "obligation", "period", "deadline", "days", "step")
    yield "<table><tr>" + "".join(f"<th>{w[h]}</th>" for h in heads)
    yield f"<th>{w['owed_to']}</th><th>{w['source']}</th></tr>"
    for item in report.overdue:
        sep = "、" if zh else ", "
        yield (
            f'<tr class="overdue-row" data-agency="{_e(item.agency)}" '
            f'data-obligation="{_e(item.obligation)}" data-period="{_e(item.period)}">'
            f'<td class="t">{_e(item.agency_name)}</td><td class="t">{_e(item.title)}</td>'
            f"<td>{_e(item.period)}</td><td>{item.due}</td><td>{_num(item.days_overdue)}</td>"
            f'<td class="t">{_e(_step(item.step, zh, w))}</td>'
            f'<td class="t">{_e(sep.join(item.owed_to) or "–")}</td>'
            f'<td class="t">{_e(item.source or "–")}</td></tr>'
        )
    yield "</table></section>"


def _sources(report: Report, w: dict[str, str]) -> Iterator[str]:
    yield f'<section id="sources"><h2>{w["sources"]}</h2><table>'
    yield f"<tr><th>{w['id']}</th><th>{w['title']}</th><th>{w['source']}</th></tr>"
    for o in report.obligations:
        yield (
            f'<tr><td class="t">{_e(o.id)}</td><td class="t">{_e(o.title)}</td>'
            f'<td class="t">{_e(o.source or "–")}</td></tr>'
        )
    yield "</table></section>"


def render_report(report: Report, *, lang: str = "en") -> str:
    """The whole HTML page of *report*, in Chinese (``lang="zh"``) or English."""
    zh = lang == "zh"
    w = _WORDS["zh" if zh else "en"]
    table = report.table
    heading = w["report"] if report.title is None else f"{report.title} · {w['report']}"
    span = w["span"].format(
        start=report.start, end=report.end, by=w[f"{table.by}_by"], every=w[table.every]
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f'<p class="span">{_e(span)}</p>',
        *_headline(table, report.grades, zh, w),
        *_chart(report.regions, w),
        *_heat(report.heat, w),
        *_stats(table, w),
        *_overdue(report, zh, w),
        *_sources(report, w),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
