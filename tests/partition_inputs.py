# SPDX-License-Identifier: MIT
"""The inputs of the partitioned runs' tests (tests/test_partition.py, tests/test_dask.py).

A small registry built so that what could go wrong across partitions happens: recipients one
level up sit in another partition (the upper-level government, supervisory organ and
counterpart of a prefecture's agencies are provincial), a filing goes to an agency of another
partition, a rule names an agency by id, counterparts and upper-level organs are missing, an
agency files for an obligation it does not owe, records are dated after the evaluation date,
and the ids interleave the partitions (c1 and c3 are counties of 甲市, c2 of 乙市) so that the
warnings of one partition fall between those of another. And a registry of the benchmark's
generator, large enough to have several partitions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench import generate

import xzjd

YUNNAN = Path(__file__).resolve().parents[1] / "examples" / "yunnan-2010"

RULES = """\
ruleset "分区测试"
effective 2025-01-01

obligation monthly "统计月报":
  applies to every county department
  by the 5th of each month, file 统计月报 with the upper-level counterpart

obligation annual "年度报告":
  applies to every government
  by January 31 each year, file 年度报告 with the upper-level government and \
the same-level supervisory organ

obligation named "专报":
  applies to every prefecture supervisory organ
  by the 5th of each month, file 专报 with p-tj

obligation finding "整改报告":
  applies to every county supervisory organ
  within 30 days after finding, file 整改报告 with the upper-level supervisory organ

obligation one "个案":
  applies to c1-gov
  by January 31 each year, file 个案 with the same-level supervisory organ

obligation ghost "无主":
  applies to c9-gov
  by January 31 each year, file 无主 with the same-level supervisory organ
"""

AGENCIES = """\
id,name,kind,level,region,tags,system
p-gov,省政府,government,provincial,省,,
p-jc,省监察厅,supervisory organ,provincial,省,,
p-tj,省统计局,department,provincial,省,,统计
a-gov,甲市政府,government,prefecture,省/甲市,,
a-jc,甲市监察局,supervisory organ,prefecture,省/甲市,,
a-tj,甲市统计局,department,prefecture,省/甲市,,统计
b-gov,乙市政府,government,prefecture,省/乙市,,
b-jc,乙市监察局,supervisory organ,prefecture,省/乙市,,
c1-gov,一县政府,government,county,省/甲市/一县,,
c1-jc,一县监察局,supervisory organ,county,省/甲市/一县,,
c1-tj,一县统计局,department,county,省/甲市/一县,,统计
c1-cz,一县财政局,department,county,省/甲市/一县,,财政
c2-gov,二县政府,government,county,省/乙市/二县,,
c2-jc,二县监察局,supervisory organ,county,省/乙市/二县,,
c2-tj,二县统计局,department,county,省/乙市/二县,,统计
c3-gov,三县政府,government,county,省/甲市/三县,,
c3-jc,三县监察局,supervisory organ,county,省/甲市/三县,,
c3-tj,三县统计局,department,county,省/甲市/三县,,统计
c3-cz,三县财政局,department,county,省/甲市/三县,,财政
"""

FILINGS = """\
id,agency,obligation,filed_on,period,recipient,status
F01,c1-gov,annual,2025-01-20,,a-gov,
F02,c1-gov,one,2025-01-25,,,
F03,a-gov,monthly,2025-02-01,,,
F04,c2-gov,monthly,2025-02-02,,,
F05,c1-tj,monthly,2025-02-03,,b-jc,
F06,a-jc,named,2025-02-04,,p-tj,
F07,c1-tj,monthly,2025-02-05,,a-tj,
F08,c3-jc,finding,2025-03-01,E2,a-jc,
F09,c1-tj,monthly,2025-03-04,,,returned
F10,b-jc,named,2025-03-10,2025-02,,
F11,c2-gov,monthly,2025-03-11,,,
F12,c3-tj,monthly,2025-12-01,,,
F13,c3-gov,annual,2026-01-09,,,
F14,c2-tj,monthly,2027-02-03,,,
"""

EVENTS = """\
id,agency,event,date
E4,c2-gov,inspection,2025-01-10
E1,c1-jc,finding,2025-02-10
E2,c3-jc,finding,2025-02-20
E3,c2-jc,finding,2025-12-01
"""


def small_inputs(root: Path, *, checked: bool) -> dict[str, object]:
    """The small registry written to *root* and read back: the rules (*checked*, or as
    loaded), agencies, filings and events, and *root* itself."""
    for name, text in (
        ("rules.xzjd", RULES),
        ("agencies.csv", AGENCIES),
        ("filings.csv", FILINGS),
        ("events.csv", EVENTS),
    ):
        (root / name).write_text(text, encoding="utf-8")
    rules = xzjd.load(root / "rules.xzjd")
    return {
        "rules": xzjd.check(rules) if checked else rules,
        "agencies": xzjd.read_agencies(root / "agencies.csv"),
        "filings": xzjd.read_filings(root / "filings.csv"),
        "events": xzjd.read_events(root / "events.csv"),
        "root": root,
    }


#: The evaluation date of the generated registry, the benchmark's (docs/performance.md).
GENERATED_ON = dt.date(2011, 1, 20)


def generated_inputs(root: Path, seed: int) -> dict[str, object]:
    """A province of the benchmark's generator (its provincial agencies and the first
    prefectures, with a year of filings, late, returned, waived or missing, and events)
    written to *root* and read back: the checked Yunnan rules, agencies, filings, events."""
    ruleset = xzjd.load(YUNNAN / "rules.zh.xzjd")
    info = generate.generate(ruleset, root, agencies=1000, seed=seed, on=GENERATED_ON)
    return {
        "rules": xzjd.check(ruleset),
        "agencies": xzjd.read_agencies(info["agencies"], kinds=ruleset.kinds),
        "filings": xzjd.read_filings(info["filings"]),
        "events": xzjd.read_events(info["events"]),
    }
