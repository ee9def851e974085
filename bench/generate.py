# SPDX-License-Identifier: MIT
"""Synthetic but realistic benchmark data: a registry of agencies, a year of filings, events.

The registry follows the administrative tree of a Chinese province: province, prefectures
(州、市), counties (县、区). Every region has a people's government, a supervisory organ, an
audit organ and departments, tagged as the Yunnan ruleset expects: ``public-resources`` for
the seven public-resource trading departments the briefing names, ``industry-it``,
``approval`` at random, and for county governments ``seat-county``, ``capable`` and
``approval-heavy``. Provincial ids follow ``examples/yunnan-2010/agencies.csv``
(``yn-gov``, ``yn-jc``, ``yn-fgw``, …). One province (Yunnan, 16 prefectures, 5 to 12
counties each) holds about 4,000 agencies; larger registries add provinces, as a national
platform would.

Filings follow each agency's periods up to the evaluation date: about 90% on time, some
late, some returned (误报) and filed again, a few waived, the rest missing. Everything is
drawn from one seeded :class:`random.Random`, so the same arguments give the same files.

The module can also replicate a rules file's obligations to build a larger rules file
(:mod:`bench.scaling`).

Run ``python -m bench.generate --help`` to write the files without benchmarking.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from bench import baseline as bl
from xzjd import model as m

__all__ = [
    "AGENCY_FIELDS",
    "EVENT_FIELDS",
    "FILING_FIELDS",
    "cached",
    "default_on",
    "generate",
    "make_agencies",
    "make_events",
    "make_filings",
    "replicate_rules",
]

AGENCY_FIELDS = ("id", "name", "kind", "level", "region", "tags")
FILING_FIELDS = ("id", "agency", "obligation", "filed_on", "period", "recipient", "status")
EVENT_FIELDS = ("id", "agency", "event", "date")

# --------------------------------------------------------------------------- registry

_PROVINCES = (
    ("yn", "云南省"),
    ("gz", "贵州省"),
    ("sc", "四川省"),
    ("gx", "广西壮族自治区"),
    ("hn", "湖南省"),
    ("hb", "湖北省"),
    ("jx", "江西省"),
    ("fj", "福建省"),
    ("zj", "浙江省"),
    ("js", "江苏省"),
    ("ah", "安徽省"),
    ("sd", "山东省"),
    ("he", "河南省"),
    ("hbe", "河北省"),
    ("sx", "山西省"),
    ("sn", "陕西省"),
    ("gs", "甘肃省"),
    ("qh", "青海省"),
    ("nx", "宁夏回族自治区"),
    ("xj", "新疆维吾尔自治区"),
    ("xz", "西藏自治区"),
    ("nm", "内蒙古自治区"),
    ("ln", "辽宁省"),
    ("jl", "吉林省"),
    ("hl", "黑龙江省"),
    ("gd", "广东省"),
    ("hi", "海南省"),
)
_YUNNAN_PREFECTURES = (
    "昆明市",
    "曲靖市",
    "玉溪市",
    "保山市",
    "昭通市",
    "丽江市",
    "普洱市",
    "临沧市",
    "楚雄彝族自治州",
    "红河哈尼族彝族自治州",
    "文山壮族苗族自治州",
    "西双版纳傣族自治州",
    "大理白族自治州",
    "德宏傣族景颇族自治州",
    "怒江傈僳族自治州",
    "迪庆藏族自治州",
)
_SYLLABLES = "安宁华阳平昌明德兴富永和泰清河山元江宜良嵩武定禄丰双柏南华石林罗文盛景洪勐腊"
# Departments: (code, provincial code, name, tags). The provincial name replaces a final 局
# with 厅. Codes and tags at the provincial level follow examples/yunnan-2010/agencies.csv,
# so the Yunnan ruleset's named bearers (yn-fgw, yn-zjt, …, yn-gxw) exist.
_DEPARTMENTS = (
    ("fgw", "fgw", "发展和改革委员会", "public-resources;approval"),
    ("gxw", "gxw", "工业和信息化委员会", "industry-it"),
    ("zj", "zjt", "住房和城乡建设局", "public-resources;approval"),
    ("gt", "gtt", "国土资源局", "public-resources;approval"),
    ("cz", "czt", "财政局", "public-resources"),
    ("gzw", "gzw", "国有资产监督管理委员会", "public-resources"),
    ("zbj", "zbj", "招标采购局", "public-resources"),
    ("sl", "slt", "水利局", "public-resources;approval"),
    ("jy", "jyt", "教育局", ""),
    ("kj", "kjt", "科学技术局", ""),
    ("mzw", "mzw", "民族宗教事务委员会", ""),
    ("ga", "gat", "公安局", ""),
    ("mz", "mzt", "民政局", ""),
    ("sf", "sft", "司法局", ""),
    ("rs", "rst", "人力资源和社会保障局", ""),
    ("hb", "hbt", "环境保护局", "approval"),
    ("jt", "jtt", "交通运输局", "approval"),
    ("ny", "nyt", "农业局", ""),
    ("ly", "lyt", "林业局", "approval"),
    ("sw", "swt", "商务局", "approval"),
    ("wh", "wht", "文化局", ""),
    ("ws", "wst", "卫生局", "approval"),
    ("jsw", "jsw", "人口和计划生育委员会", ""),
    ("ds", "ds", "地方税务局", ""),
    ("gs", "gs", "工商行政管理局", "approval"),
    ("zjj", "zjj", "质量技术监督局", ""),
    ("aj", "aj", "安全生产监督管理局", "approval"),
    ("yj", "yj", "食品药品监督管理局", "approval"),
    ("tj", "tj", "统计局", ""),
    ("lyj", "lyj", "旅游局", ""),
    ("gd", "gd", "广播电视局", ""),
    ("ty", "ty", "体育局", ""),
    ("lsj", "lsj", "粮食局", ""),
    ("fzb", "fzb", "法制办公室", ""),
    ("xf", "xf", "信访局", ""),
    ("da", "da", "档案局", ""),
    ("dz", "dz", "地震局", ""),
    ("fp", "fp", "扶贫开发办公室", ""),
    ("zwfw", "zwfw", "政务服务管理局", "approval"),
    ("cg", "cg", "城市管理综合行政执法局", ""),
    ("gh", "gh", "规划局", "approval"),
    ("nj", "nj", "农业机械管理局", ""),
    ("scj", "scj", "水产局", ""),
    ("ym", "ym", "移民开发局", ""),
    ("jg", "jg", "机关事务管理局", ""),
)
_DEPARTMENTS_AT = {"provincial": 45, "prefecture": 35, "county": 25}


def _regions(rng: random.Random) -> Iterator[tuple[str, str, str, str]]:
    """``(code, level, path, short name)`` of every region, province by province, depth first."""
    for n in range(10_000):
        code, name = _PROVINCES[n] if n < len(_PROVINCES) else (f"p{n:03d}", f"第{n}省")
        yield code, "provincial", name, name
        prefectures = _YUNNAN_PREFECTURES if n == 0 else tuple(f"第{k}市" for k in range(1, 15))
        for i, pname in enumerate(prefectures, 1):
            pcode, ppath = f"{code}-m{i:02d}", f"{name}/{pname}"
            yield pcode, "prefecture", ppath, pname
            for j in range(1, rng.randint(5, 12) + 1):
                cname = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + rng.choice("县县县区市")
                yield f"{pcode}-c{j:02d}", "county", f"{ppath}/{cname}", cname


def make_agencies(n: int, seed: int = 2010) -> list[dict[str, str]]:
    """``n`` agency rows (``AGENCY_FIELDS``), deterministic for a given ``seed``."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []

    def add(id_: str, name: str, kind: str, level: str, region: str, tags: str = "") -> None:
        if len(rows) < n:
            rows.append(
                {
                    "id": id_,
                    "name": name,
                    "kind": kind,
                    "level": level,
                    "region": region,
                    "tags": tags,
                }
            )

    for code, level, path, short in _regions(rng):
        if len(rows) >= n:
            break
        provincial = level == "provincial"
        organ = "厅" if provincial else "局"
        gov_tags = []
        if level == "county":
            # Tags the Yunnan ruleset uses for county governments (items 11, 16, 17).
            if code.endswith("-c01"):
                gov_tags.append("seat-county")
            if rng.random() < 0.3:
                gov_tags.append("capable")
            if rng.random() < 0.25:
                gov_tags.append("approval-heavy")
        add(f"{code}-gov", f"{short}人民政府", "government", level, path, ";".join(gov_tags))
        add(f"{code}-jc", f"{short}监察{organ}", "supervisory organ", level, path)
        add(
            f"{code}-sj{'t' if provincial else ''}",
            f"{short}审计{organ}",
            "audit organ",
            level,
            path,
        )
        depts = list(_DEPARTMENTS[: _DEPARTMENTS_AT[level]])
        if not provincial:
            keep = max(5, len(depts) - rng.randint(0, 8))
            depts = depts[:8] + rng.sample(depts[8:], keep - 8)
        for dcode, pcode, dname, tags in depts:
            if provincial:
                dcode = pcode
                dname = dname[:-1] + "厅" if dname.endswith("局") else dname
            tag_list = [t for t in tags.split(";") if t]
            if "approval" not in tag_list and rng.random() < 0.2:
                tag_list.append("approval")
            add(f"{code}-{dcode}", short + dname, "department", level, path, ";".join(tag_list))
    return rows


# --------------------------------------------------------------------------- events, filings


def default_on(ruleset: m.Ruleset) -> dt.date:
    """The evaluation date of the benchmark: 20 January of the year after ``effective``."""
    assert ruleset.effective is not None
    return dt.date(ruleset.effective.year + 1, 1, 20)


def _event_names(ruleset: m.Ruleset) -> list[str]:
    return sorted(
        {o.schedule.event for o in ruleset.obligations if isinstance(o.schedule, m.AfterEvent)}
    )


def make_events(
    ruleset: m.Ruleset, agencies: Sequence[bl.Agency], on: dt.date, seed: int = 2010
) -> list[dict[str, str]]:
    """About one event in twenty agencies for each event the ruleset names."""
    rng = random.Random(seed + 1)
    assert ruleset.effective is not None
    span = (on - ruleset.effective).days
    rows = []
    for name in _event_names(ruleset):
        for a in agencies:
            if rng.random() < 0.05:
                day = ruleset.effective + dt.timedelta(days=rng.randint(0, span))
                rows.append({"id": "", "agency": a.id, "event": name, "date": day.isoformat()})
    rows.sort(key=lambda r: (r["date"], r["agency"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"E{i:06d}"
    return rows


def _draw_filings(
    rng: random.Random,
    p: bl.Period,
    on: dt.date,
) -> list[tuple[dt.date, str]]:
    """Dates and statuses of the filings one recipient gets for one period."""
    day = dt.timedelta(days=1)
    lo = p.opens
    hi = p.closes if p.closes is not None else on

    def early(back: int) -> dt.date:
        return max(lo, p.due - back * day)

    if p.due >= on:  # the period is still open: some file early
        if rng.random() < 0.4:
            return [(lo + rng.randint(0, max(0, (on - lo).days)) * day, "accepted")]
        return []
    u = rng.random()
    if u < 0.90:
        return [(early(rng.randint(0, 15)), "accepted")]
    if u < 0.95:
        d = p.due + rng.randint(1, 45) * day
        return [(d, "accepted")] if d <= hi else []
    if u < 0.975:
        first = early(rng.randint(2, 12))
        out = [(first, "returned")]
        if rng.random() < 0.7:
            again = first + rng.randint(1, 20) * day
            if again <= hi:
                out.append((again, "accepted"))
        return out
    if u < 0.98:
        return [(early(rng.randint(0, 30)), "waived")]
    return []


def make_filings(
    ruleset: m.Ruleset,
    agencies: Sequence[bl.Agency],
    events: Sequence[bl.Event],
    on: dt.date,
    seed: int = 2010,
    named: float = 0.25,
) -> list[dict[str, str]]:
    """Filings of every agency for every period open by ``on`` (``FILING_FIELDS`` rows).

    A share ``named`` of the filings name their period; the others leave it to the rule
    "the earliest period its recipient has not yet received".
    """
    rng = random.Random(seed + 2)
    cal = bl.Calendar(ruleset)
    by_id = {a.id: a for a in agencies}
    by_region_kind: dict[tuple[str, str], list[str]] = {}
    for a in agencies:
        by_region_kind.setdefault((a.region, a.kind), []).append(a.id)
    events_of: dict[str, list[bl.Event]] = {}
    for e in events:
        events_of.setdefault(e.agency, []).append(e)
    # Calendar schedules do not depend on the agency: unroll them once.
    shared = {
        o.id: bl.periods(o, ruleset, on, cal)
        for o in ruleset.obligations
        if o.schedule is not None and not isinstance(o.schedule, m.AfterEvent)
    }
    rows: list[dict[str, str]] = []
    for a in agencies:
        for o in ruleset.obligations:
            if o.schedule is None or not bl._bears(o, a):
                continue
            recipients = bl._recipients(o, a, by_id, by_region_kind, [])
            ps = shared.get(o.id)
            if ps is None:
                ps = bl.periods(o, ruleset, on, cal, events_of.get(a.id, ()))
            keys: list[str | None] = list(recipients) if recipients else [None]
            for p in ps:
                for key in keys:
                    for day, status in _draw_filings(rng, p, on):
                        if day > on:
                            continue
                        to_one = len(keys) > 1 or rng.random() < 0.5
                        rows.append(
                            {
                                "id": "",
                                "agency": a.id,
                                "obligation": o.id,
                                "filed_on": day.isoformat(),
                                "period": p.label if rng.random() < named else "",
                                "recipient": key if key is not None and to_one else "",
                                "status": ""
                                if status == "accepted" and rng.random() < 0.5
                                else status,
                            }
                        )
    rows.sort(key=lambda r: (r["filed_on"], r["agency"], r["obligation"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"F{i:07d}"
    return rows


def write_csv(path: Path, fields: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    """Write ``rows`` as UTF-8 CSV with a header row (the cells of ``fields``, in order)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(fields)
        w.writerows(map(itemgetter(*fields), rows))


# --------------------------------------------------------------------------- larger rules files

_BLOCK_START = re.compile(r"^(?![ \t#]|$)", re.MULTILINE)
_OBLIGATION_LINE = re.compile(r"^(obligation|义务)[ \t]")


def replicate_rules(text: str, ids: Sequence[str], copies: int) -> str:
    """The rules text with its obligation blocks repeated ``copies`` times, ids renamed.

    Copy ``k`` renames every obligation id ``x`` (also where another obligation names it) to
    ``x-k``; header, ladders and calendars appear once.
    """
    starts = [mt.start() for mt in _BLOCK_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    blocks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    head = [b for b in blocks if not _OBLIGATION_LINE.match(b)]
    obligations = "".join(b for b in blocks if _OBLIGATION_LINE.match(b))
    if obligations and not obligations.endswith("\n"):
        obligations += "\n"
    pattern = re.compile(
        r"(?<![A-Za-z0-9_-])("
        + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
        + r")(?![A-Za-z0-9_-])"
    )
    out = ["".join(head)]
    if out[0] and not out[0].endswith("\n"):
        out[0] += "\n"
    for k in range(1, copies + 1):
        out.append(pattern.sub(functools.partial(_renamed, k), obligations))
    return "".join(out)


def _renamed(k: int, found: re.Match[str]) -> str:
    """The id *found* as copy *k* names it."""
    return f"{found.group(1)}-{k}"


# --------------------------------------------------------------------------- driver


def generate(
    ruleset: m.Ruleset,
    out_dir: Path,
    agencies: int = 10_000,
    seed: int = 2010,
    on: dt.date | None = None,
    named: float = 0.25,
) -> dict[str, Any]:
    """Write ``agencies.csv``, ``events.csv`` and ``filings.csv`` to ``out_dir``.

    Returns the paths and the row counts.
    """
    on = on or default_on(ruleset)
    out_dir.mkdir(parents=True, exist_ok=True)
    a_rows = make_agencies(agencies, seed)
    a_path = out_dir / "agencies.csv"
    write_csv(a_path, AGENCY_FIELDS, a_rows)
    parsed = bl.read_agencies(a_path)
    e_rows = make_events(ruleset, parsed, on, seed)
    e_path = out_dir / "events.csv"
    write_csv(e_path, EVENT_FIELDS, e_rows)
    f_rows = make_filings(ruleset, parsed, bl.read_events(e_path), on, seed, named)
    f_path = out_dir / "filings.csv"
    write_csv(f_path, FILING_FIELDS, f_rows)
    return {
        "on": on,
        "agencies": a_path,
        "events": e_path,
        "filings": f_path,
        "counts": {"agencies": len(a_rows), "events": len(e_rows), "filings": len(f_rows)},
    }


#: The sources the generated files depend on besides the rules and the arguments.
_SOURCES = (Path(__file__), Path(bl.__file__))


def _stamp(
    rules: Path, agencies: int, seed: int, on: dt.date | None, named: float
) -> dict[str, Any]:
    digest = hashlib.sha256(rules.read_bytes())
    for source in _SOURCES:
        digest.update(source.read_bytes())
    return {
        "agencies": agencies,
        "seed": seed,
        "on": on.isoformat() if on is not None else None,
        "named": named,
        "sources_sha256": digest.hexdigest(),
    }


def cached(
    rules: Path,
    out_dir: Path,
    agencies: int,
    seed: int = 2010,
    on: dt.date | None = None,
    named: float = 0.25,
) -> dict[str, Any]:
    """:func:`generate` into ``out_dir``, unless the files there were generated from the same
    rules file, arguments and generator (``meta.json`` says so): then they are reused.

    Returns what :func:`generate` returns, plus ``reused`` (whether the files were there).
    """
    import xzjd

    stamp = _stamp(rules, agencies, seed, on, named)
    meta = out_dir / "meta.json"
    try:
        known = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = None
    names = ("agencies", "events", "filings")
    if (
        isinstance(known, dict)
        and known.get("stamp") == stamp
        and all((out_dir / f"{n}.csv").is_file() for n in names)
    ):
        return {
            "on": dt.date.fromisoformat(known["on"]),
            **{n: out_dir / f"{n}.csv" for n in names},
            "counts": known["counts"],
            "reused": True,
        }
    meta.unlink(missing_ok=True)
    info = generate(xzjd.load(rules), out_dir, agencies, seed, on, named)
    meta.write_text(
        json.dumps({"stamp": stamp, "on": info["on"].isoformat(), "counts": info["counts"]}) + "\n",
        encoding="utf-8",
    )
    return {**info, "reused": False}


def cached_json(**kwargs: Any) -> dict[str, Any]:
    """:func:`cached` with JSON arguments and a JSON result (paths and dates as text), for a
    child process (:func:`bench.measure.in_child`)."""
    on = kwargs.pop("on", None)
    info = cached(
        Path(kwargs.pop("rules")),
        Path(kwargs.pop("out_dir")),
        on=dt.date.fromisoformat(on) if on else None,
        **kwargs,
    )
    return {k: v if k in ("counts", "reused") else str(v) for k, v in info.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the benchmark files for a rules file."""
    import xzjd

    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    p.add_argument("--rules", type=Path, required=True, help="rules file (.xzjd)")
    p.add_argument("--agencies", type=int, default=10_000, help="number of agencies")
    p.add_argument("--seed", type=int, default=2010)
    p.add_argument("--on", type=dt.date.fromisoformat, default=None, help="evaluation date")
    p.add_argument("--out", type=Path, default=Path("bench/out/data"))
    args = p.parse_args(argv)
    info = generate(xzjd.load(args.rules), args.out, args.agencies, args.seed, args.on)
    print(json.dumps({k: str(v) for k, v in info.items()}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
