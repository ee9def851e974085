# SPDX-License-Identifier: MIT
"""The contract of language.md section 6, through the command line and the Python API.

The scenario: the rules of section 1 (in English, and in Chinese), two agencies of 昆明市
(the government and the supervision bureau), no filings, evaluated on 2010-05-03.

Worked by hand (2010 notice 国办发明电〔2009〕27号: May Day rest 5-01..5-03):

* 2010-B1's nominal deadline is Sunday 2010-02-28, so 2010-B2 opens on 2010-03-01.
* 2010-B2's deadline 2010-04-30 is a Friday and a working day: it does not move.
* On 2010-05-03 that is 3 calendar days after the deadline (5-01, 5-02, 5-03).
* The standard ladder: urge 1 day after (reached 5-01), notify 15 days after (5-15): urge.
* km-gov's same-level supervisory organ is km-jc (same region 云南省/昆明市).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main

RULES_EN = """\
ruleset "Yunnan administrative conduct supervision, 2010"
effective 2010-01-22
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  notify 15 days after the deadline
  hold accountable 30 days after the deadline

obligation bimonthly-report "Bi-monthly progress report":
  source "Measures, art. 17"
  applies to every administrative organ
  by the end of every even month, file progress report with the same-level supervisory organ
  escalation standard
"""

RULES_ZH = """\
规则集 "云南省行政行为监督制度 2010"
生效 2010-01-22
日历 cn
期限届满日为休息日的，顺延至其后第一个工作日

升级 standard：
  截止前5个工作日预警
  逾期1日督促
  逾期15日通报
  逾期30日问责

义务 bimonthly-report "双月报告"：
  依据 "Measures, art. 17"
  适用于 各级行政机关
  逢双月底前，向同级行政监察机关报送 推进情况
  升级 standard
"""

AGENCIES = """\
id,name,kind,level,region,tags
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""

FILINGS = "id,agency,obligation,filed_on,period,recipient,status\n"

#: The record printed in language.md section 6, verbatim.
RECORD = {
    "agency": "km-gov",
    "obligation": "bimonthly-report",
    "period": "2010-B2",
    "opens": "2010-03-01",
    "nominal_due": "2010-04-30",
    "due": "2010-04-30",
    "state": "overdue",
    "days_overdue": 3,
    "step": "urge",
    "recipients": ["km-jc"],
    "filings": [],
    "source": "Measures, art. 17",
}

#: The keys added to the record by issue 15, after section 6's: the names beside the ids
#: (the agencies file's name column, the obligation's title and deliverable as the rules file
#: of each language writes them); nothing satisfied the overdue period, so it has no
#: satisfied_on and no days_late.
ADDED = {
    "en": {
        "agency_name": "昆明市人民政府",
        "title": "Bi-monthly progress report",
        "deliverable": "progress report",
        "recipient_names": ["昆明市监察局"],
        "satisfied_on": None,
        "days_late": None,
    },
    "zh": {
        "agency_name": "昆明市人民政府",
        "title": "双月报告",
        "deliverable": "推进情况",
        "recipient_names": ["昆明市监察局"],
        "satisfied_on": None,
        "days_late": None,
    },
}


def _lang(scenario: Path) -> str:
    text = (scenario / "rules.xzjd").read_text(encoding="utf-8")
    return "en" if text == RULES_EN else "zh"


def _full(scenario: Path) -> dict[str, object]:
    """The whole record printed today: section 6's keys, then the added ones."""
    return {**RECORD, **ADDED[_lang(scenario)]}


@pytest.fixture(params=["en", "zh"])
def scenario(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    (tmp_path / "rules.xzjd").write_text(
        RULES_EN if request.param == "en" else RULES_ZH, encoding="utf-8"
    )
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "filings.csv").write_text(FILINGS, encoding="utf-8")
    return tmp_path


def _cli_json(
    tmp: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> list[dict[str, object]]:
    code = main(
        [
            "check",
            str(tmp / "rules.xzjd"),
            "--agencies",
            str(tmp / "agencies.csv"),
            "--filings",
            str(tmp / "filings.csv"),
            "--on",
            "2010-05-03",
            "--format",
            "json",
            *extra,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    result: list[dict[str, object]] = json.loads(out)
    return result


class TestSectionSix:
    def test_cli_prints_exactly_the_record(
        self, scenario: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Filtered to km-gov's overdue periods since March, the CLI prints only that record."""
        records = _cli_json(
            scenario, capsys, "--agency", "km-gov", "--state", "overdue", "--since", "2010-03-01"
        )
        assert records == [_full(scenario)]

    def test_key_order(self, scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every JSON object has the keys of section 6, in that order, then the added keys."""
        for record in _cli_json(scenario, capsys):
            assert list(record) == [*RECORD, *ADDED["en"]]

    def test_record_in_full_output(
        self, scenario: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The unfiltered output holds the record, sorted by agency, obligation, deadline."""
        records = _cli_json(scenario, capsys)
        assert _full(scenario) in records
        keys = [(r["agency"], r["obligation"], r["due"]) for r in records]
        assert keys == sorted(keys, key=lambda k: tuple(map(str, k)))

    def test_api_gives_the_same_record(
        self, scenario: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """xzjd.evaluate gives a Status whose JSON is the record, equal to the CLI's output
        once given the agencies' names (without them the names are null, or the ids)."""
        ruleset = xzjd.load(scenario / "rules.xzjd")
        registry = xzjd.read_agencies(scenario / "agencies.csv")
        statuses = xzjd.evaluate(
            ruleset,
            registry,
            xzjd.read_filings(scenario / "filings.csv"),
            on=dt.date(2010, 5, 3),
        )
        (status,) = [s for s in statuses if (s.agency, s.period) == ("km-gov", "2010-B2")]
        names = {a.id: a.name for a in registry}
        assert status.to_json(names) == _full(scenario)
        bare = status.to_json()
        assert (bare["agency_name"], bare["recipient_names"]) == (None, ["km-jc"])
        assert {k: bare[k] for k in RECORD} == RECORD
        assert status.state is xzjd.State.OVERDUE
        assert [s.to_json(names) for s in statuses] == _cli_json(scenario, capsys)

    def test_fail_on_overdue(self, scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """With --fail-on overdue the exit status is 1 when a period is overdue."""
        args = [
            "check",
            str(scenario / "rules.xzjd"),
            "--agencies",
            str(scenario / "agencies.csv"),
            "--filings",
            str(scenario / "filings.csv"),
            "--fail-on",
            "overdue",
        ]
        assert main([*args, "--on", "2010-05-03"]) == 1
        # On 2010-02-26 B1 (due 3-01) is in warning, nothing is overdue.
        assert main([*args, "--on", "2010-02-26"]) == 0
        capsys.readouterr()
