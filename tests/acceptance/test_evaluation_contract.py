# SPDX-License-Identifier: MIT
"""Acceptance tests of language.md sections 4-6: periods, filings, states, input files, CLI.

Written from the brief, not from the code. Every case runs twice, through the installed
``xzjd check`` command (a real subprocess, ``--format json``) and through the Python entry
points (``xzjd.loads``, ``xzjd.read_*``, ``xzjd.evaluate``), and the two must agree.

The 2010 calendar used below, from the State Council notice 国办发明电〔2009〕27号 of 7 Dec 2009
(国务院办公厅关于2010年部分节假日安排的通知):

* 1 January 2010 is a Friday; New Year Jan 1-3 off.
* Spring Festival Feb 13-19 off; Sat Feb 20 and Sun Feb 21 are working days.
* Qingming Apr 3-5 off. Labour Day May 1-3 (Sat-Mon) off.
* Dragon Boat Jun 14-16 (Mon-Wed) off; Sat Jun 12 and Sun Jun 13 are working days.
* Mid-Autumn Sep 22-24 off; Sun Sep 19 and Sat Sep 25 are working days.
* National Day Oct 1-7 off; Sun Sep 26 and Sat Oct 9 are working days.

Weekdays used: Apr 10 Sat, Apr 12 Mon, Apr 30 Fri, May 4 Tue, May 10 Mon, May 17 Mon,
Jun 10 Thu, Jun 28 Mon, Jun 30 Wed, Jul 1 Thu, Jul 5 Mon, Jul 10 Sat, Jul 12 Mon,
Aug 31 Tue, Oct 31 Sun, Nov 1 Mon.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import xzjd
from xzjd.cli import main as cli_main

XZJD = shutil.which("xzjd") or str(Path(sys.executable).parent / "xzjd")

BOTH = "the same-level supervisory organ and the upper-level supervisory organ"
RULES = f"""\
ruleset "Acceptance, evaluation"
effective 2010-03-01
calendar cn
deadlines on rest days move to the next working day

escalation ladder:
  warn 3 working days before the deadline
  urge 1 day after the deadline
  notify 10 working days after the deadline

obligation bimonthly "Bi-monthly report":
  source "Art. 1"
  applies to every government
  by the end of every even month, file progress report with {BOTH}
  escalation ladder

obligation monthly "Monthly roll-up":
  source "Art. 2"
  applies to every supervisory organ
  by the 10th of each month, file roll-up with the same-level government
  escalation ladder

obligation april-review "April review":
  source "Art. 3"
  applies to every department tagged trade
  during April 2010, complete review of trading rules

obligation rectify "Rectification":
  source "Art. 4"
  applies to every government
  within 30 days after finding, complete rectification plan
  escalation ladder
"""

# Kinds and levels in both spellings; a BOM; tags `;`-separated; regions as `/` paths.
# km-sj (an audit organ) matches no bearer and must not be reported.
AGENCIES = """\ufeffid,name,kind,level,region,tags
yn-gov,云南省人民政府,人民政府,省,云南省,
yn-jc,云南省监察厅,supervisory organ,provincial,云南省,
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,行政监察机关,州(市),云南省/昆明市,
km-fgw,昆明市发展和改革委员会,部门,市,云南省/昆明市,energy;trade
km-sj,昆明市审计局,审计机关,州(市),云南省/昆明市,
"""

FILINGS_HEADER = "id,agency,obligation,filed_on,period,recipient,status\n"
EVENTS_HEADER = "id,agency,event,date\n"


def _record(status: Any, names: dict[str, str]) -> dict[str, Any]:
    """A Python ``Status`` as the JSON record of section 6 and the keys issue 15 added after
    them, built here, not by the library; *names*: the agencies' names by id."""
    record = {
        "agency": status.agency,
        "obligation": status.obligation,
        "period": status.period,
        "opens": status.opens.isoformat(),
        "nominal_due": status.nominal_due.isoformat(),
        "due": status.due.isoformat(),
        "state": str(status.state.value),
        "days_overdue": status.days_overdue,
        "step": None if status.step is None else str(status.step.value),
        "recipients": list(status.recipients),
        "filings": list(status.filings),
        "source": status.source,
    }
    satisfied = status.satisfied_on
    return {
        **record,
        "agency_name": names[status.agency],
        "title": status.title,
        "deliverable": status.deliverable,
        "recipient_names": [names[r] for r in status.recipients],
        "satisfied_on": None if satisfied is None else satisfied.isoformat(),
        "days_late": status.days_late,
    }


class Result:
    """One evaluation through the CLI and the API, checked to agree."""

    def __init__(self, records: list[dict[str, Any]], stderr: str, warnings: Sequence[Any]):
        self.records = records
        self.stderr = stderr
        self.warnings = warnings

    def rows(self, agency: str, obligation: str) -> dict[str, dict[str, Any]]:
        """The records of one agency and obligation, by period label."""
        return {
            r["period"]: r
            for r in self.records
            if r["agency"] == agency and r["obligation"] == obligation
        }

    def row(self, agency: str, obligation: str, period: str) -> dict[str, Any]:
        """The record of one period."""
        return self.rows(agency, obligation)[period]


def cli(
    args: Sequence[str], cwd: Path, *, lang: str = "C.UTF-8", separate: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run ``xzjd``: in this process through its entry point, or as the installed command.

    In-process runs keep the suite fast; ``separate=True`` runs the real executable (used for
    the error cases, where a traceback or a crash must show up as the user would see it).
    """
    if not separate:
        out, err = io.StringIO(), io.StringIO()
        old_cwd, old_lang = os.getcwd(), os.environ.get("LANG")
        saved = {k: v for k, v in os.environ.items() if k.startswith("LC_")}
        try:
            os.chdir(cwd)
            os.environ["LANG"] = lang
            for k in saved:
                del os.environ[k]
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cli_main(list(args))
        finally:
            os.chdir(old_cwd)
            if old_lang is None:
                os.environ.pop("LANG", None)
            else:
                os.environ["LANG"] = old_lang
            os.environ.update(saved)
        return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = lang
    return subprocess.run(
        [XZJD, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8"
    )


def write(tmp: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    """Write a file into the work directory and return its name."""
    (tmp / name).write_bytes(text.encode(encoding))
    return name


def evaluate_both(
    tmp: Path,
    on: str,
    filings: str = "",
    events: str | None = None,
    *,
    rules: str = RULES,
    agencies: str = AGENCIES,
    extra: Sequence[str] = (),
) -> Result:
    """Evaluate through ``xzjd check --format json`` and ``xzjd.evaluate``; both must agree."""
    write(tmp, "rules.xzjd", rules)
    write(tmp, "agencies.csv", agencies)
    write(tmp, "filings.csv", FILINGS_HEADER + filings)
    args = ["check", "rules.xzjd", "--agencies", "agencies.csv", "--filings", "filings.csv"]
    if events is not None:
        write(tmp, "events.csv", EVENTS_HEADER + events)
        args += ["--events", "events.csv"]
    proc = cli([*args, "--on", on, "--format", "json", *extra], tmp)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)

    ruleset = xzjd.load(str(tmp / "rules.xzjd"))
    assert ruleset == xzjd.loads(rules)
    registry = xzjd.read_agencies(str(tmp / "agencies.csv"))
    statuses = xzjd.evaluate(
        ruleset,
        registry,
        xzjd.read_filings(str(tmp / "filings.csv")),
        on=dt.date.fromisoformat(on),
        events=xzjd.read_events(str(tmp / "events.csv")) if events is not None else (),
    )
    if not extra:
        names = {a.id: a.name for a in registry}
        assert [_record(s, names) for s in statuses] == records
    return Result(records, proc.stderr, getattr(statuses, "warnings", ()))


def _summary(row: dict[str, Any]) -> tuple[Any, ...]:
    """(state, due, days_overdue, step, filings) of a record."""
    return (row["state"], row["due"], row["days_overdue"], row["step"], row["filings"])


class TestPeriodsAndWindows:
    def test_first_period_and_window_opening(self, tmp_path: Path) -> None:
        """The first period is the first whose nominal deadline is on or after `effective`."""
        r = evaluate_both(tmp_path, "2010-03-15")
        # effective 2010-03-01: B1's nominal deadline 2010-02-28 is before it, so B2 is first;
        # its window opens on `effective`, 2010-03-01; Apr 30 is a Friday, a working day.
        assert list(r.rows("km-gov", "bimonthly")) == ["2010-B2"]
        b2 = r.row("km-gov", "bimonthly", "2010-B2")
        assert (b2["opens"], b2["nominal_due"], b2["due"]) == (
            "2010-03-01",
            "2010-04-30",
            "2010-04-30",
        )

    def test_only_opened_windows_are_reported(self, tmp_path: Path) -> None:
        """A period appears only once its window has opened (the day after the last deadline)."""
        # B3's window opens the day after B2's nominal deadline (Apr 30): May 1.
        before = evaluate_both(tmp_path, "2010-04-30")
        assert list(before.rows("km-gov", "bimonthly")) == ["2010-B2"]
        after = evaluate_both(tmp_path, "2010-05-01")
        assert list(after.rows("km-gov", "bimonthly")) == ["2010-B2", "2010-B3"]
        b3 = after.row("km-gov", "bimonthly", "2010-B3")
        # Jun 30 2010 is a Wednesday: no move.
        assert (b3["opens"], b3["due"], b3["state"]) == ("2010-05-01", "2010-06-30", "pending")

    def test_monthly_deadline_moves_off_a_weekend(self, tmp_path: Path) -> None:
        """A nominal deadline on a Saturday moves to Monday; the next window opens after it."""
        r = evaluate_both(tmp_path, "2010-04-12")
        rows = r.rows("km-jc", "monthly")
        # 2010-03: Mar 10 (Wed), window opens on effective Mar 1.
        # 2010-04: nominal Apr 10 (Sat) -> Mon Apr 12; window opens Mar 11.
        # 2010-05: window opens Apr 11, the day after April's NOMINAL deadline, so it is open.
        assert list(rows) == ["2010-03", "2010-04", "2010-05"]
        assert (rows["2010-03"]["opens"], rows["2010-03"]["due"]) == ("2010-03-01", "2010-03-10")
        apr = rows["2010-04"]
        assert (apr["opens"], apr["nominal_due"], apr["due"]) == (
            "2010-03-11",
            "2010-04-10",
            "2010-04-12",
        )
        assert rows["2010-05"]["opens"] == "2010-04-11"

    def test_during_window_is_the_named_month(self, tmp_path: Path) -> None:
        """A `during` period opens on the month's first day and is due on its last, unmoved."""
        r = evaluate_both(tmp_path, "2010-03-31")
        assert r.rows("km-fgw", "april-review") == {}
        r = evaluate_both(tmp_path, "2010-04-01")
        row = r.row("km-fgw", "april-review", "once")
        assert (row["opens"], row["nominal_due"], row["due"], row["state"]) == (
            "2010-04-01",
            "2010-04-30",
            "2010-04-30",
            "pending",
        )

    def test_event_period(self, tmp_path: Path) -> None:
        """An event's period is labelled by the event id, opens on the event day, due E+30."""
        events = "e1,km-gov,finding,2010-06-01\n"
        r = evaluate_both(tmp_path, "2010-07-05", events=events)
        row = r.row("km-gov", "rectify", "e1")
        # Jun 1 + 30 days = Jul 1 (Thu, working day); on Jul 5: 4 days overdue, `urge` (1 day).
        assert (row["opens"], row["nominal_due"], row["due"]) == (
            "2010-06-01",
            "2010-07-01",
            "2010-07-01",
        )
        assert (row["state"], row["days_overdue"], row["step"]) == ("overdue", 4, "urge")
        # km-gov's event is not yn-gov's.
        assert r.rows("yn-gov", "rectify") == {}


LABEL_RULES = """\
ruleset "Acceptance, labels"
effective 2010-03-01
calendar cn

obligation yearly "Yearly":
  applies to km-gov
  by April 1 each year, complete yearly review

obligation twice "Twice a year":
  applies to km-gov
  by the end of June and November each year, complete summary

obligation quarterly "Quarterly":
  applies to km-gov
  by the end of each quarter, complete quarterly statement

obligation halves "Half-yearly":
  applies to km-gov
  by the end of each half year, complete half-year statement

obligation plan "One-off":
  applies to km-gov
  by 2010-06-14, complete plan

obligation later "Yearly from 2011":
  applies to km-gov
  by April 1 each year from 2011, complete review

obligation chained "Chained":
  applies to km-gov
  by the 5th of the following month after each deadline of twice and quarterly, complete roll-up
"""


class TestLabels:
    def _periods(self, tmp_path: Path, obligation: str) -> list[tuple[str, str, str, str]]:
        r = evaluate_both(tmp_path, "2011-04-01", rules=LABEL_RULES)
        rows = r.rows("km-gov", obligation)
        return [(p, x["opens"], x["nominal_due"], x["due"]) for p, x in rows.items()]

    def test_yearly(self, tmp_path: Path) -> None:
        """Yearly periods are labelled YYYY; the next window opens after the nominal deadline."""
        # Apr 1 2010 Thu, Apr 1 2011 Fri: both working days.
        assert self._periods(tmp_path, "yearly") == [
            ("2010", "2010-03-01", "2010-04-01", "2010-04-01"),
            ("2011", "2010-04-02", "2011-04-01", "2011-04-01"),
        ]

    def test_twice_a_year(self, tmp_path: Path) -> None:
        """Two deadlines a year are labelled YYYY-MM of the deadline's month."""
        # Jun 30 2010 Wed, Nov 30 2010 Tue, Jun 30 2011 Thu: working days.
        assert self._periods(tmp_path, "twice") == [
            ("2010-06", "2010-03-01", "2010-06-30", "2010-06-30"),
            ("2010-11", "2010-07-01", "2010-11-30", "2010-11-30"),
            ("2011-06", "2010-12-01", "2011-06-30", "2011-06-30"),
        ]

    def test_quarterly(self, tmp_path: Path) -> None:
        """Quarterly periods are YYYY-Q1..Q4; 2011-Q2 opens on Apr 1 2011, the evaluation day."""
        # Mar 31 2010 Wed, Jun 30 Wed, Sep 30 Thu, Dec 31 Fri, Mar 31 2011 Thu, Jun 30 2011 Thu.
        assert self._periods(tmp_path, "quarterly") == [
            ("2010-Q1", "2010-03-01", "2010-03-31", "2010-03-31"),
            ("2010-Q2", "2010-04-01", "2010-06-30", "2010-06-30"),
            ("2010-Q3", "2010-07-01", "2010-09-30", "2010-09-30"),
            ("2010-Q4", "2010-10-01", "2010-12-31", "2010-12-31"),
            ("2011-Q1", "2011-01-01", "2011-03-31", "2011-03-31"),
            ("2011-Q2", "2011-04-01", "2011-06-30", "2011-06-30"),
        ]

    def test_half_yearly(self, tmp_path: Path) -> None:
        """Half-yearly periods are YYYY-H1 / YYYY-H2."""
        assert self._periods(tmp_path, "halves") == [
            ("2010-H1", "2010-03-01", "2010-06-30", "2010-06-30"),
            ("2010-H2", "2010-07-01", "2010-12-31", "2010-12-31"),
            ("2011-H1", "2011-01-01", "2011-06-30", "2011-06-30"),
        ]

    def test_once_on_a_holiday(self, tmp_path: Path) -> None:
        """A one-off period is `once`; Jun 14 2010 (Dragon Boat, Jun 14-16 off) moves to Jun 17."""
        assert self._periods(tmp_path, "plan") == [
            ("once", "2010-03-01", "2010-06-14", "2010-06-17")
        ]

    def test_from_year_opens_on_its_first_of_january(self, tmp_path: Path) -> None:
        """With `from 2011` the first window opens on 2011-01-01, later than `effective`."""
        assert self._periods(tmp_path, "later") == [
            ("2011", "2011-01-01", "2011-04-01", "2011-04-01")
        ]

    def test_chained_merges_periods_with_the_same_deadline(self, tmp_path: Path) -> None:
        """Chained periods: the 5th of the month after each deadline; June's two make one."""
        # Q1 Mar 31 -> Apr 5 2010 (Qingming Apr 3-5 off) -> Tue Apr 6.
        # Jun 30 (twice AND Q2) -> Jul 5 Mon: one period.
        # Sep 30 -> Oct 5 (National Day Oct 1-7 off) -> Fri Oct 8.
        # Nov 30 -> Dec 5 (Sun) -> Mon Dec 6.   Dec 31 -> Jan 5 2011 (Wed).
        # Q1 2011 Mar 31 -> Apr 5 2011 (Qingming 2011 Apr 3-5 off) -> Wed Apr 6; its window
        # opens Jan 6 2011, so it is reported on Apr 1 2011.
        assert self._periods(tmp_path, "chained") == [
            ("2010-04", "2010-03-01", "2010-04-05", "2010-04-06"),
            ("2010-07", "2010-04-06", "2010-07-05", "2010-07-05"),
            ("2010-10", "2010-07-06", "2010-10-05", "2010-10-08"),
            ("2010-12", "2010-10-06", "2010-12-05", "2010-12-06"),
            ("2011-01", "2010-12-06", "2011-01-05", "2011-01-05"),
            ("2011-04", "2011-01-06", "2011-04-05", "2011-04-06"),
        ]


class TestStates:
    @pytest.mark.parametrize(
        ("on", "state", "days", "step"),
        [
            # warn 3 working days before Fri Apr 30: Apr 29 (1st), Apr 28 (2nd), Apr 27 (3rd).
            ("2010-04-26", "pending", None, None),
            ("2010-04-27", "warning", None, None),
            # the deadline day itself: `by` is inclusive, still in warning.
            ("2010-04-30", "warning", None, None),
            # May 1 (Sat, Labour Day): 1 calendar day after -> `urge 1 day after`.
            ("2010-05-01", "overdue", 1, "urge"),
            # working days after Apr 30: May 1-3 off; May 4-7 = 1-4, May 10-14 = 5-9, May 17 = 10.
            ("2010-05-14", "overdue", 14, "urge"),
            ("2010-05-17", "overdue", 17, "notify"),
            # Jul 5 - Apr 30 = 1 (May 1) + 30 (rest of May) + 30 (June) + 5 = 66 days.
            ("2010-07-05", "overdue", 66, "notify"),
        ],
    )
    def test_unfiled_period_over_time(
        self, tmp_path: Path, on: str, state: str, days: int | None, step: str | None
    ) -> None:
        """An unfiled period is pending, then warning, then overdue climbing the ladder."""
        r = evaluate_both(tmp_path, on)
        row = r.row("km-gov", "bimonthly", "2010-B2")
        assert (row["state"], row["days_overdue"], row["step"]) == (state, days, step)

    def test_overdue_without_ladder_has_null_step(self, tmp_path: Path) -> None:
        """An overdue period of an obligation with no ladder has `step` null."""
        r = evaluate_both(tmp_path, "2010-05-03")
        row = r.row("km-fgw", "april-review", "once")
        # due Fri Apr 30 (never moves); May 3 is 3 days later.
        assert (row["state"], row["days_overdue"], row["step"]) == ("overdue", 3, None)

    def test_done_late_waived(self, tmp_path: Path) -> None:
        """done (on or before the deadline), late (after it), waived (a waived filing)."""
        filings = (
            "f1,km-gov,bimonthly,2010-04-30,,,\n"  # on the deadline day: on time
            "f2,km-gov,bimonthly,2010-07-02,2010-B3,,accepted\n"  # after Jun 30: late
            "f3,km-gov,bimonthly,2010-07-01,2010-B4,,waived\n"
        )
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        rows = r.rows("km-gov", "bimonthly")
        assert _summary(rows["2010-B2"]) == ("done", "2010-04-30", None, None, ["f1"])
        assert _summary(rows["2010-B3"]) == ("late", "2010-06-30", None, None, ["f2"])
        assert _summary(rows["2010-B4"]) == ("waived", "2010-08-31", None, None, ["f3"])

    def test_event_warning_boundary(self, tmp_path: Path) -> None:
        """An event period goes into warning on the 3rd working day before its deadline."""
        events = "e1,km-gov,finding,2010-06-01\n"
        # due Thu Jul 1; working days before: Jun 30 (1), Jun 29 (2), Jun 28 Mon (3).
        r = evaluate_both(tmp_path, "2010-06-27", events=events)
        assert r.row("km-gov", "rectify", "e1")["state"] == "pending"
        r = evaluate_both(tmp_path, "2010-06-28", events=events)
        assert r.row("km-gov", "rectify", "e1")["state"] == "warning"


class TestFilingAssignment:
    def test_unnamed_filing_without_recipient_counts_for_every_recipient(
        self, tmp_path: Path
    ) -> None:
        """A filing with no period and no recipient satisfies the earliest open period."""
        r = evaluate_both(tmp_path, "2010-05-10", "f1,km-gov,bimonthly,2010-04-20,,,\n")
        rows = r.rows("km-gov", "bimonthly")
        assert rows["2010-B2"]["recipients"] == ["km-jc", "yn-jc"]
        assert _summary(rows["2010-B2"]) == ("done", "2010-04-30", None, None, ["f1"])
        assert _summary(rows["2010-B3"]) == ("pending", "2010-06-30", None, None, [])

    def test_assignment_is_per_recipient(self, tmp_path: Path) -> None:
        """An unnamed filing goes to the earliest open period ITS recipient has not received."""
        filings = (
            "f1,km-gov,bimonthly,2010-04-20,,km-jc,\n"  # B2 for km-jc
            "f2,km-gov,bimonthly,2010-05-05,,km-jc,\n"  # km-jc has B2: goes to B3
            "f3,km-gov,bimonthly,2010-05-06,,yn-jc,\n"  # yn-jc lacks B2: goes to B2
        )
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        rows = r.rows("km-gov", "bimonthly")
        # B2 complete only on May 6, after Apr 30: late.
        assert _summary(rows["2010-B2"]) == ("late", "2010-04-30", None, None, ["f1", "f3"])
        # B3 lacks yn-jc; Jul 5 - Jun 30 = 5 days; working days after Jun 30: Jul 1, 2, 5 -> urge.
        assert _summary(rows["2010-B3"]) == ("overdue", "2010-06-30", 5, "urge", ["f2"])

    def test_named_period_wins(self, tmp_path: Path) -> None:
        """A filing that names its period counts for it, even if an earlier one is open."""
        filings = "f1,km-gov,bimonthly,2010-06-01,2010-B3,,\n"
        r = evaluate_both(tmp_path, "2010-06-02", filings)
        rows = r.rows("km-gov", "bimonthly")
        assert rows["2010-B3"]["state"] == "done"
        assert rows["2010-B3"]["filings"] == ["f1"]
        # B2 stays unfiled: Jun 2 - Apr 30 = 33 days, past May 17's `notify`.
        assert _summary(rows["2010-B2"]) == ("overdue", "2010-04-30", 33, "notify", [])

    def test_unnamed_filing_before_any_window_counts_for_nothing(self, tmp_path: Path) -> None:
        """A filing made before the first window opens fits no period: a warning, no effect."""
        r = evaluate_both(tmp_path, "2010-05-03", "f1,km-gov,bimonthly,2010-02-15,,,\n")
        assert "f1" in r.stderr and "warning" in r.stderr
        assert r.row("km-gov", "bimonthly", "2010-B2")["filings"] == []
        assert r.row("km-gov", "bimonthly", "2010-B2")["state"] == "overdue"
        assert any("f1" in str(getattr(w, "message", w)) for w in r.warnings)

    def test_filing_when_recipient_has_every_open_period(self, tmp_path: Path) -> None:
        """A second unnamed filing to a recipient before the next window opens fits nothing."""
        filings = (
            "f1,km-gov,bimonthly,2010-04-20,,km-jc,\n"
            "f2,km-gov,bimonthly,2010-04-28,,km-jc,\n"  # B3 opens only on May 1
        )
        r = evaluate_both(tmp_path, "2010-05-03", filings)
        assert "f2" in r.stderr
        assert r.row("km-gov", "bimonthly", "2010-B2")["filings"] == ["f1"]
        assert r.row("km-gov", "bimonthly", "2010-B3")["filings"] == []

    def test_filing_before_a_during_window_counts_for_nothing(self, tmp_path: Path) -> None:
        """Work filed before a `during` month counts for nothing; work inside it is done."""
        filings = "a1,km-fgw,april-review,2010-03-29,,,\na2,km-fgw,april-review,2010-04-20,,,\n"
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        assert "a1" in r.stderr and "warning" in r.stderr
        assert _summary(r.row("km-fgw", "april-review", "once")) == (
            "done",
            "2010-04-30",
            None,
            None,
            ["a2"],
        )

    def test_returned_satisfies_nothing(self, tmp_path: Path) -> None:
        """A returned filing leaves the period overdue."""
        filings = "g1,km-gov,bimonthly,2010-04-29,2010-B2,,returned\n"
        r = evaluate_both(tmp_path, "2010-05-17", filings)
        # May 17 is the 10th working day after Apr 30 (see TestStates): `notify`.
        assert _summary(r.row("km-gov", "bimonthly", "2010-B2")) == (
            "overdue",
            "2010-04-30",
            17,
            "notify",
            ["g1"],
        )

    def test_refiling_after_returned_goes_to_the_same_period(self, tmp_path: Path) -> None:
        """After a returned filing the recipient has not received the period: refiling fills it."""
        filings = (
            "g1,km-gov,bimonthly,2010-04-29,2010-B2,,returned\ng2,km-gov,bimonthly,2010-05-04,,,\n"
        )
        r = evaluate_both(tmp_path, "2010-05-10", filings)
        rows = r.rows("km-gov", "bimonthly")
        assert _summary(rows["2010-B2"]) == ("late", "2010-04-30", None, None, ["g1", "g2"])
        assert rows["2010-B3"]["filings"] == []

    def test_filing_without_recipient_completes_a_partly_received_period(
        self, tmp_path: Path
    ) -> None:
        """A filing with no recipient goes to the earliest period not every recipient has."""
        filings = (
            "f1,km-gov,bimonthly,2010-04-20,,km-jc,\n"  # B2 for km-jc only
            "f2,km-gov,bimonthly,2010-05-05,,,\n"  # yn-jc still lacks B2: B2, complete May 5
        )
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        rows = r.rows("km-gov", "bimonthly")
        assert _summary(rows["2010-B2"]) == ("late", "2010-04-30", None, None, ["f1", "f2"])
        assert rows["2010-B3"]["filings"] == []

    def test_unnamed_waived_filing(self, tmp_path: Path) -> None:
        """An unnamed waived filing waives the earliest open period; the next filing goes on."""
        filings = "w1,km-gov,bimonthly,2010-04-06,,,waived\nf2,km-gov,bimonthly,2010-05-06,,,\n"
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        rows = r.rows("km-gov", "bimonthly")
        assert _summary(rows["2010-B2"]) == ("waived", "2010-04-30", None, None, ["w1"])
        assert _summary(rows["2010-B3"]) == ("done", "2010-06-30", None, None, ["f2"])

    def test_named_period_filed_before_its_window_counts(self, tmp_path: Path) -> None:
        """A filing that names a period counts for it even if filed before its window opens."""
        r = evaluate_both(tmp_path, "2010-05-03", "f1,km-gov,bimonthly,2010-04-20,2010-B3,,\n")
        rows = r.rows("km-gov", "bimonthly")
        assert _summary(rows["2010-B3"]) == ("done", "2010-06-30", None, None, ["f1"])
        # B2 (due Fri Apr 30) got nothing: 3 days overdue on May 3, `urge`.
        assert _summary(rows["2010-B2"]) == ("overdue", "2010-04-30", 3, "urge", [])

    def test_named_during_period_outside_its_month_counts_for_nothing(self, tmp_path: Path) -> None:
        """Only a filing inside a `during` month counts, even when it names the period."""
        r = evaluate_both(tmp_path, "2010-05-03", "a1,km-fgw,april-review,2010-03-20,once,,\n")
        assert "a1" in r.stderr and "warning" in r.stderr
        # due Apr 30, never moved; May 3 is 3 days later; no ladder.
        assert _summary(r.row("km-fgw", "april-review", "once")) == (
            "overdue",
            "2010-04-30",
            3,
            None,
            [],
        )

    def test_filing_after_the_evaluation_date_is_ignored(self, tmp_path: Path) -> None:
        """A filing dated after --on has not happened yet on that day."""
        filings = "f1,km-gov,bimonthly,2010-07-06,2010-B2,,\n"
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        assert _summary(r.row("km-gov", "bimonthly", "2010-B2")) == (
            "overdue",
            "2010-04-30",
            66,
            "notify",
            [],
        )

    def test_filing_to_an_agency_that_is_not_a_recipient(self, tmp_path: Path) -> None:
        """A filing to a known agency that is not a recipient counts for nothing, with a warning."""
        r = evaluate_both(tmp_path, "2010-05-03", "f1,km-gov,bimonthly,2010-04-20,,yn-gov,\n")
        assert "f1" in r.stderr and "warning" in r.stderr
        assert r.row("km-gov", "bimonthly", "2010-B2")["state"] == "overdue"

    def test_filing_by_an_agency_that_does_not_owe_it(self, tmp_path: Path) -> None:
        """A filing by an agency no bearer of the obligation matches counts for nothing."""
        r = evaluate_both(tmp_path, "2010-05-03", "f1,km-jc,bimonthly,2010-04-20,,,\n")
        assert "f1" in r.stderr and "warning" in r.stderr
        assert r.rows("km-jc", "bimonthly") == {}

    def test_waived_with_recipient(self, tmp_path: Path) -> None:
        """A waived filing waives the period, whatever the other recipient got."""
        filings = "w1,km-gov,bimonthly,2010-04-01,2010-B2,km-jc,waived\n"
        r = evaluate_both(tmp_path, "2010-07-05", filings)
        assert r.row("km-gov", "bimonthly", "2010-B2")["state"] == "waived"


class TestRecipients:
    def test_same_level_and_upper_level_resolution(self, tmp_path: Path) -> None:
        """Same-level = same region; upper-level = the parent region; bare kind = same-level."""
        r = evaluate_both(tmp_path, "2010-04-01")
        # km-gov (云南省/昆明市): same-level supervisory km-jc, upper-level yn-jc (云南省).
        assert r.row("km-gov", "bimonthly", "2010-B2")["recipients"] == ["km-jc", "yn-jc"]
        # km-jc's same-level government is km-gov.
        assert r.row("km-jc", "monthly", "2010-04")["recipients"] == ["km-gov"]

    def test_county_upper_level(self, tmp_path: Path) -> None:
        """A county's upper-level organ is the prefecture's, found through the region path."""
        agencies = AGENCIES + (
            "wh-gov,五华区人民政府,人民政府,县,云南省/昆明市/五华区,\n"
            "wh-jc,五华区监察局,监察机关,county,云南省/昆明市/五华区,\n"
        )
        r = evaluate_both(tmp_path, "2010-04-01", agencies=agencies)
        assert r.row("wh-gov", "bimonthly", "2010-B2")["recipients"] == ["wh-jc", "km-jc"]

    def test_missing_recipient_is_a_warning(self, tmp_path: Path) -> None:
        """No upper-level organ: a warning naming agency, obligation and recipient; exit 0."""
        filings = "y1,yn-gov,bimonthly,2010-04-20,,,\n"
        r = evaluate_both(tmp_path, "2010-05-03", filings)
        warning = [line for line in r.stderr.splitlines() if "warning" in line and "yn-gov" in line]
        assert warning, r.stderr
        assert "bimonthly" in warning[0] and "upper-level supervisory organ" in warning[0]
        row = r.row("yn-gov", "bimonthly", "2010-B2")
        # evaluated with the existing recipient only: yn-jc got it, so done.
        assert row["recipients"] == ["yn-jc"]
        assert row["state"] == "done"
        assert any("yn-gov" in w.message and "bimonthly" in w.message for w in r.warnings)

    def test_agency_matching_no_bearer_is_not_reported(self, tmp_path: Path) -> None:
        """An audit organ is bound by none of the obligations and is not in the output."""
        r = evaluate_both(tmp_path, "2010-07-05")
        assert "km-sj" not in {row["agency"] for row in r.records}
        assert "km-sj" not in r.stderr

    def test_tagged_bearer(self, tmp_path: Path) -> None:
        """`every department tagged trade` binds a department whose tags include trade."""
        r = evaluate_both(tmp_path, "2010-04-01")
        bound = {row["agency"] for row in r.records if row["obligation"] == "april-review"}
        assert bound == {"km-fgw"}


class TestJsonOutput:
    def test_record_shape(self, tmp_path: Path) -> None:
        """Every record has exactly the keys of section 6, in order, then the keys issue 15
        added, with the right types."""
        write(tmp_path, "rules.xzjd", RULES)
        write(tmp_path, "agencies.csv", AGENCIES)
        write(tmp_path, "filings.csv", FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-20,,,\n")
        proc = cli(
            [
                "check",
                "rules.xzjd",
                "--agencies",
                "agencies.csv",
                "--filings",
                "filings.csv",
                "--on",
                "2010-05-03",
                "--format",
                "json",
            ],
            tmp_path,
            separate=True,
        )
        assert proc.returncode == 0
        data = json.loads(proc.stdout, object_pairs_hook=lambda pairs: pairs)
        assert isinstance(data, list) and data
        keys = [
            "agency",
            "obligation",
            "period",
            "opens",
            "nominal_due",
            "due",
            "state",
            "days_overdue",
            "step",
            "recipients",
            "filings",
            "source",
            "agency_name",
            "title",
            "deliverable",
            "recipient_names",
            "satisfied_on",
            "days_late",
        ]
        date = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
        for pairs in data:
            assert [k for k, _ in pairs] == keys
            rec = dict(pairs)
            for k in ("agency", "obligation", "period", "state", "source"):
                assert isinstance(rec[k], str)
            for k in ("opens", "nominal_due", "due"):
                assert date.match(rec[k])
            assert isinstance(rec["recipients"], list) and isinstance(rec["filings"], list)
            if rec["state"] == "overdue":
                assert isinstance(rec["days_overdue"], int) and rec["days_overdue"] > 0
                assert rec["step"] is None or isinstance(rec["step"], str)
            else:
                assert rec["days_overdue"] is None and rec["step"] is None
            assert isinstance(rec["agency_name"], str)
            assert len(rec["recipient_names"]) == len(rec["recipients"])
            if rec["state"] in ("done", "late"):
                assert date.match(rec["satisfied_on"])
            else:
                assert rec["satisfied_on"] is None
            if rec["state"] == "late":
                assert isinstance(rec["days_late"], int) and rec["days_late"] > 0
            else:
                assert rec["days_late"] is None

    def test_example_record_of_section_6(self, tmp_path: Path) -> None:
        """The brief's own example record comes out exactly, on 2010-05-03."""
        rules = RULES.replace(BOTH, "the same-level supervisory organ").replace(
            'source "Art. 1"', 'source "Measures, art. 17"'
        )
        r = evaluate_both(tmp_path, "2010-05-03", rules=rules)
        # Apr 30 (Fri) + 3 days = May 3; urge from 1 day after, notify only from May 17.
        assert r.row("km-gov", "bimonthly", "2010-B2") == {
            "agency": "km-gov",
            "obligation": "bimonthly",
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
            # Added by issue 15: the names of the agencies file, the rule's title and
            # deliverable; nothing satisfied the overdue period.
            "agency_name": "昆明市人民政府",
            "title": "Bi-monthly report",
            "deliverable": "progress report",
            "recipient_names": ["昆明市监察局"],
            "satisfied_on": None,
            "days_late": None,
        }

    def test_sorted_by_agency_obligation_deadline(self, tmp_path: Path) -> None:
        """The array is sorted by agency, then obligation, then deadline."""
        events = "e2,km-gov,finding,2010-06-20\ne1,km-gov,finding,2010-06-01\n"
        r = evaluate_both(tmp_path, "2010-07-05", events=events)
        keys = [(x["agency"], x["obligation"], x["due"]) for x in r.records]
        assert keys == sorted(keys)
        # both events reported: e1 due Jul 1, e2 due Jun 20 + 30 = Jul 20 (Tue).
        rect = r.rows("km-gov", "rectify")
        assert (rect["e1"]["due"], rect["e2"]["due"]) == ("2010-07-01", "2010-07-20")
        assert [x["period"] for x in r.records if x["obligation"] == "rectify"] == ["e1", "e2"]

    def test_csv_and_table_formats_agree_with_json(self, tmp_path: Path) -> None:
        """`--format csv` has one row per JSON record; `--format table` names every agency."""
        r = evaluate_both(tmp_path, "2010-07-05", "f1,km-gov,bimonthly,2010-04-20,,,\n")
        base = [
            "check",
            "rules.xzjd",
            "--agencies",
            "agencies.csv",
            "--filings",
            "filings.csv",
            "--on",
            "2010-07-05",
        ]
        csv_out = cli([*base, "--format", "csv"], tmp_path)
        assert csv_out.returncode == 0
        rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
        assert [(x["agency"], x["obligation"], x["period"], x["state"]) for x in rows] == [
            (x["agency"], x["obligation"], x["period"], x["state"]) for x in r.records
        ]
        table = cli([*base, "--format", "table"], tmp_path)
        assert table.returncode == 0
        for agency in {x["agency"] for x in r.records}:
            assert agency in table.stdout


class TestCommandLine:
    def _args(self, *extra: str) -> list[str]:
        return [
            "check",
            "rules.xzjd",
            "--agencies",
            "agencies.csv",
            "--filings",
            "filings.csv",
            "--on",
            "2010-05-03",
            *extra,
        ]

    def test_fail_on_overdue(self, tmp_path: Path) -> None:
        """`--fail-on overdue` exits 1 when a period is overdue, 0 when none is."""
        write(tmp_path, "rules.xzjd", RULES)
        write(tmp_path, "agencies.csv", AGENCIES)
        write(tmp_path, "filings.csv", FILINGS_HEADER)
        # on May 3, B2 (due Apr 30) of every government is overdue.
        proc = cli(self._args("--fail-on", "overdue", "--format", "json"), tmp_path)
        assert proc.returncode == 1
        assert any(x["state"] == "overdue" for x in json.loads(proc.stdout))
        # on Mar 15 nothing is due yet (the first deadline is Mar 10 for monthly... so use
        # Mar 5: every window is open, no deadline has passed).
        args = self._args("--fail-on", "overdue")
        args[args.index("2010-05-03")] = "2010-03-05"
        proc = cli(args, tmp_path)
        assert proc.returncode == 0, proc.stdout

    def test_without_fail_on_overdue_exits_zero(self, tmp_path: Path) -> None:
        """Without `--fail-on`, overdue periods do not change the exit status."""
        write(tmp_path, "rules.xzjd", RULES)
        write(tmp_path, "agencies.csv", AGENCIES)
        write(tmp_path, "filings.csv", FILINGS_HEADER)
        assert cli(self._args(), tmp_path).returncode == 0

    def test_agency_and_state_filters(self, tmp_path: Path) -> None:
        """`--agency` and `--state` keep exactly the matching records of the full output."""
        full = evaluate_both(tmp_path, "2010-05-03", "f1,km-gov,bimonthly,2010-04-20,,,\n")
        proc = cli(self._args("--agency", "km-gov", "--format", "json"), tmp_path)
        assert json.loads(proc.stdout) == [x for x in full.records if x["agency"] == "km-gov"]
        proc = cli(self._args("--state", "overdue", "--format", "json"), tmp_path)
        assert json.loads(proc.stdout) == [x for x in full.records if x["state"] == "overdue"]
        proc = cli(
            self._args("--state", "done", "--state", "pending", "--format", "json"), tmp_path
        )
        assert json.loads(proc.stdout) == [
            x for x in full.records if x["state"] in ("done", "pending")
        ]


class TestInputFormats:
    def test_json_inputs_equal_csv_inputs(self, tmp_path: Path) -> None:
        """JSON arrays of objects with the CSV keys give the same result as the CSV files."""
        filings = "f1,km-gov,bimonthly,2010-04-20,,,\ng1,km-gov,bimonthly,2010-05-04,,km-jc,\n"
        events = "e1,km-gov,finding,2010-06-01\n"
        from_csv = evaluate_both(tmp_path, "2010-07-05", filings, events)

        def as_json(text: str) -> str:
            rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
            return json.dumps(rows, ensure_ascii=False, indent=1)

        write(tmp_path, "agencies.json", "\ufeff" + as_json(AGENCIES))
        write(tmp_path, "filings.json", as_json(FILINGS_HEADER + filings))
        write(tmp_path, "events.json", as_json(EVENTS_HEADER + events))
        proc = cli(
            [
                "check",
                "rules.xzjd",
                "--agencies",
                "agencies.json",
                "--filings",
                "filings.json",
                "--events",
                "events.json",
                "--on",
                "2010-07-05",
                "--format",
                "json",
            ],
            tmp_path,
        )
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == from_csv.records
        registry = xzjd.read_agencies(str(tmp_path / "agencies.json"))
        statuses = xzjd.evaluate(
            xzjd.loads(RULES),
            registry,
            xzjd.read_filings(str(tmp_path / "filings.json")),
            on=dt.date(2010, 7, 5),
            events=xzjd.read_events(str(tmp_path / "events.json")),
        )
        names = {a.id: a.name for a in registry}
        assert [_record(s, names) for s in statuses] == from_csv.records

    def test_filings_with_bom_and_crlf(self, tmp_path: Path) -> None:
        """A filings CSV saved by a spreadsheet (BOM, CRLF line ends) reads the same."""
        plain = evaluate_both(tmp_path, "2010-07-05", "f1,km-gov,bimonthly,2010-04-20,,,\n")
        write(
            tmp_path,
            "excel.csv",
            "\ufeff"
            + (FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-20,,,\n").replace("\n", "\r\n"),
        )
        args = ["check", "rules.xzjd", "--agencies", "agencies.csv", "--filings", "excel.csv"]
        proc = cli([*args, "--on", "2010-07-05", "--format", "json"], tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == plain.records
        assert [f.id for f in xzjd.read_filings(str(tmp_path / "excel.csv"))] == ["f1"]

    def test_english_spellings_equal_chinese_spellings(self, tmp_path: Path) -> None:
        """Kinds and levels written in English or Chinese give the same evaluation."""
        english = """id,name,kind,level,region,tags
yn-gov,云南省人民政府,government,provincial,云南省,
yn-jc,云南省监察厅,supervisory organ,provincial,云南省,
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
km-fgw,昆明市发展和改革委员会,department,prefecture,云南省/昆明市,energy;trade
km-sj,昆明市审计局,audit organ,prefecture,云南省/昆明市,
"""
        mixed = evaluate_both(tmp_path, "2010-07-05")
        plain = evaluate_both(tmp_path, "2010-07-05", agencies=english)
        assert plain.records == mixed.records

    def test_chinese_rules_equal_english_rules(self, tmp_path: Path) -> None:
        """The same obligations written in Chinese evaluate to the same records."""
        rules_zh = """\
规则集 "Acceptance, evaluation"
生效 2010-03-01
日历 cn
期限届满日为休息日的，顺延至其后第一个工作日

升级 ladder：
  截止前3个工作日预警
  逾期1日督促
  逾期10个工作日通报

义务 bimonthly "Bi-monthly report"：
  依据 "Art. 1"
  适用于 各级人民政府
  逢双月底前，向同级行政监察机关和上级行政监察机关报送 progress report
  升级 ladder

义务 monthly "Monthly roll-up"：
  依据 "Art. 2"
  适用于 各级行政监察机关
  每月10日前，向本级人民政府报送 roll-up
  升级 ladder

义务 april-review "April review"：
  依据 "Art. 3"
  适用于 标记为trade的部门
  2010年4月份，完成 review of trading rules

义务 rectify "Rectification"：
  依据 "Art. 4"
  适用于 各级人民政府
  finding之日起30日内，完成 rectification plan
  升级 ladder
"""
        filings = "f1,km-gov,bimonthly,2010-04-20,,,\na2,km-fgw,april-review,2010-04-20,,,\n"
        events = "e1,km-gov,finding,2010-06-01\n"
        en = evaluate_both(tmp_path, "2010-07-05", filings, events)
        zh = evaluate_both(tmp_path, "2010-07-05", filings, events, rules=rules_zh)
        assert zh.records == en.records


def _bad(tmp: Path, name: str, data: bytes) -> None:
    (tmp / name).write_bytes(data)


GOOD_FILINGS = FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-20,,,\n"

# (case id, file replaced, its bytes, the line the error must point at)
BAD_INPUTS = [
    (
        "agencies-wrong-header",
        "agencies.csv",
        "id,name,kind,level,area,tags\nyn-gov,云南省人民政府,人民政府,省,云南省,\n".encode(),
        1,
    ),
    (
        "agencies-unknown-kind",
        "agencies.csv",
        AGENCIES.replace("审计机关", "ministry").encode(),
        7,
    ),
    (
        "agencies-duplicate-id",
        "agencies.csv",
        (AGENCIES + "km-jc,昆明市监察局,行政监察机关,州(市),云南省/昆明市,\n").encode(),
        8,
    ),
    (
        "filings-wrong-header",
        "filings.csv",
        b"id,agency,obligation,date,period,recipient,status\nf1,km-gov,bimonthly,2010-04-20,,,\n",
        1,
    ),
    (
        "filings-bad-date",
        "filings.csv",
        (FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-31,,,\n").encode(),
        2,
    ),
    (
        "filings-unknown-agency",
        "filings.csv",
        (FILINGS_HEADER + "f1,km-gob,bimonthly,2010-04-20,,,\n").encode(),
        2,
    ),
    (
        "filings-unknown-obligation",
        "filings.csv",
        (FILINGS_HEADER + "f1,km-gov,bimonthy,2010-04-20,,,\n").encode(),
        2,
    ),
    (
        "filings-duplicate-id",
        "filings.csv",
        (GOOD_FILINGS + "f1,km-gov,bimonthly,2010-06-20,,,\n").encode(),
        3,
    ),
    (
        "filings-impossible-period",
        "filings.csv",
        (FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-20,2010-Q1,,\n").encode(),
        2,
    ),
    (
        "filings-unknown-status",
        "filings.csv",
        (FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-20,,,approved\n").encode(),
        2,
    ),
    (
        "filings-unknown-recipient",
        "filings.csv",
        (FILINGS_HEADER + "f1,km-gov,bimonthly,2010-04-20,,km-xx,\n").encode(),
        2,
    ),
    (
        # Neither UTF-8 nor Chinese text in GB18030 (Latin-1): never read as either.
        "filings-not-utf8",
        "filings.csv",
        (
            FILINGS_HEADER
            + "f1,km-gov,bimonthly,2010-04-20,,,\nf2,km-gov,bimonthly,2010-06-20,,M\u00fcller,\n"
        ).encode("latin-1"),
        3,
    ),
    (
        "filings-bad-json",
        "filings.json",
        b'[\n  {"id": "f1", "agency": "km-gov", "obligation": "bimonthly",\n'
        b'   "filed_on": "2010-04-20",}\n]\n',
        3,
    ),
    (
        "events-bad-date",
        "events.csv",
        # Year first is read in any of its spellings (2010/06/01); day first never is.
        (EVENTS_HEADER + "e1,km-gov,finding,01/06/2010\n").encode(),
        2,
    ),
    (
        "events-unknown-agency",
        "events.csv",
        (EVENTS_HEADER + "e1,km-gob,finding,2010-06-01\n").encode(),
        2,
    ),
    (
        "events-duplicate-id",
        "events.csv",
        (EVENTS_HEADER + "e1,km-gov,finding,2010-06-01\ne1,yn-gov,finding,2010-06-02\n").encode(),
        3,
    ),
]


def _setup_bad(tmp: Path, name: str, data: bytes) -> list[str]:
    """Write a good set of inputs with one file replaced; return the CLI arguments."""
    write(tmp, "rules.xzjd", RULES)
    write(tmp, "agencies.csv", AGENCIES)
    write(tmp, "filings.csv", GOOD_FILINGS)
    write(tmp, "events.csv", EVENTS_HEADER + "e1,km-gov,finding,2010-06-01\n")
    _bad(tmp, name, data)
    filings = "filings.json" if name == "filings.json" else "filings.csv"
    return [
        "check",
        "rules.xzjd",
        "--agencies",
        "agencies.csv",
        "--filings",
        filings,
        "--events",
        "events.csv",
        "--on",
        "2010-07-05",
        "--format",
        "json",
    ]


def _api(tmp: Path, args: list[str]) -> None:
    """Read and evaluate the same files through the Python entry points."""
    xzjd.evaluate(
        xzjd.loads(RULES),
        xzjd.read_agencies(str(tmp / args[args.index("--agencies") + 1])),
        xzjd.read_filings(str(tmp / args[args.index("--filings") + 1])),
        on=dt.date(2010, 7, 5),
        events=xzjd.read_events(str(tmp / args[args.index("--events") + 1])),
    )


class TestBadInput:
    @pytest.mark.slow  # a real xzjd process per bad file: ~25 s
    @pytest.mark.parametrize(
        ("name", "data", "line"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
    )
    def test_bad_input_is_reported_with_position(
        self, tmp_path: Path, name: str, data: bytes, line: int
    ) -> None:
        """A bad file: `file:line:col: error`, the line, a caret, a hint; exit 2; no output."""
        args = _setup_bad(tmp_path, name, data)
        proc = cli(args, tmp_path, separate=True)
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        assert "Traceback" not in proc.stderr
        head = re.search(
            rf"^{re.escape(name)}:(\d+):(\d+): error(\[[a-z0-9/-]+\])?: \S", proc.stderr, re.M
        )
        assert head, proc.stderr
        assert int(head.group(1)) == line
        lines = proc.stderr.splitlines()
        at = next(i for i, text in enumerate(lines) if text.startswith(f"{name}:{line}:"))
        # the offending line, quoted with its number, then a caret line, then a hint.
        assert re.match(rf"\s*{line} \| ", lines[at + 1]), proc.stderr
        assert "^" in lines[at + 2]
        # the caret sits under column `col`, counting wide (CJK) characters as two cells.
        quoted = lines[at + 1][lines[at + 1].index("|") + 2 :]
        prefix = quoted[: int(head.group(2)) - 1]
        width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in prefix)
        caret = lines[at + 2].index("^") - lines[at + 2].index("|") - 2
        assert caret == width, proc.stderr
        assert any(text.startswith("hint:") for text in lines[at + 3 :]), proc.stderr
        with pytest.raises(xzjd.XzjdError) as info:
            _api(tmp_path, args)
        diagnostics = getattr(info.value, "diagnostics", ())
        assert any(
            d.span is not None and d.span.line == line and d.file.endswith(name)
            for d in diagnostics
        )

    @pytest.mark.slow  # a real xzjd process in Chinese: ~4 s
    @pytest.mark.parametrize(
        ("name", "data", "line"),
        [c[1:] for c in BAD_INPUTS if c[0] in ("filings-bad-date", "filings-unknown-agency")],
    )
    def test_messages_in_chinese(self, tmp_path: Path, name: str, data: bytes, line: int) -> None:
        """With LANG=zh_CN.UTF-8 the message and hint are in Chinese."""
        args = _setup_bad(tmp_path, name, data)
        proc = cli(args, tmp_path, lang="zh_CN.UTF-8", separate=True)
        assert proc.returncode == 2 and proc.stdout == ""
        first = proc.stderr.splitlines()[0]
        assert first.startswith(f"{name}:{line}:")
        assert re.search(r"[\u4e00-\u9fff]", first.split("error", 1)[1]), first
        assert "提示" in proc.stderr
        assert "hint:" not in proc.stderr

    def test_bad_evaluation_date(self, tmp_path: Path) -> None:
        """A malformed --on is bad input, exit 2, no traceback, no output."""
        args = _setup_bad(tmp_path, "filings.csv", GOOD_FILINGS.encode())
        args[args.index("2010-07-05")] = "2010-13-01"
        proc = cli(args, tmp_path)
        assert proc.returncode == 2 and proc.stdout == ""
        assert "Traceback" not in proc.stderr and "2010-13-01" in proc.stderr

    def test_bad_rules_file(self, tmp_path: Path) -> None:
        """A rules file with an unknown sentence is bad input: position, caret, exit 2."""
        args = _setup_bad(tmp_path, "filings.csv", GOOD_FILINGS.encode())
        write(tmp_path, "rules.xzjd", RULES.replace("by the 10th of each month", "by the tenth"))
        proc = cli([*args, "--fail-on", "overdue"], tmp_path)
        assert proc.returncode == 2 and proc.stdout == ""
        assert "Traceback" not in proc.stderr
        assert re.match(r"rules\.xzjd:20:\d+: error", proc.stderr), proc.stderr
        assert "^" in proc.stderr

    def test_bad_input_wins_over_fail_on(self, tmp_path: Path) -> None:
        """With --fail-on overdue, a bad filings file still exits 2 (not 1)."""
        args = _setup_bad(
            tmp_path, "filings.csv", (FILINGS_HEADER + "f1,km-gov,bimonthly,20100420,,,\n").encode()
        )
        proc = cli([*args, "--fail-on", "overdue"], tmp_path)
        assert proc.returncode == 2 and proc.stdout == ""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A filings file that does not exist is bad input, exit 2, naming the file."""
        args = _setup_bad(tmp_path, "filings.csv", GOOD_FILINGS.encode())
        args[args.index("filings.csv")] = "nowhere.csv"
        proc = cli(args, tmp_path)
        assert proc.returncode == 2 and proc.stdout == ""
        assert "Traceback" not in proc.stderr and "nowhere.csv" in proc.stderr
