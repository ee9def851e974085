# SPDX-License-Identifier: MIT
"""The benchmark's data generator, TOML writer and hand-written baseline, on small inputs.

No timing here: speed targets live in ``python -m bench`` only. Dates below are worked out by
hand from the 2010 holiday notice (国办发明电〔2009〕27号): Spring Festival 13-19 Feb (20, 21
Feb worked), Qingming 3-5 Apr, Labour Day 1-3 May, Dragon Boat 14-16 Jun (12, 13 Jun
worked), Mid-Autumn 22-24 Sep (19, 25 Sep worked), National Day 1-7 Oct (26 Sep, 9 Oct
worked). 2010-01-01 was a Friday.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
from pathlib import Path

import pytest
from bench import bad_rows, check_json, compare, crosscheck, generate, run, scaling, startup
from bench import baseline as bl

import xzjd
from xzjd import model as m

D = dt.date
SUP = m.Kind.SUPERVISORY_ORGAN
SAME = m.Relation.SAME_LEVEL
UPPER = m.Relation.UPPER_LEVEL
EVERY = (m.KindBearer(kind=m.Kind.ADMINISTRATIVE_ORGAN),)
LADDER = m.Escalation(
    name="standard",
    warn=m.Warn(days=5, working=True),
    steps=(
        m.EscalationStep(step=m.Step.URGE, days=1),
        m.EscalationStep(step=m.Step.NOTIFY, days=15),
        m.EscalationStep(step=m.Step.HOLD_ACCOUNTABLE, days=30),
    ),
)


def file_with(*recipients: m.Recipient) -> m.Action:
    return m.Action(verb=m.Verb.FILE, deliverable="report", recipients=recipients)


def ruleset(*obligations: m.Obligation) -> m.Ruleset:
    return m.Ruleset(effective=D(2010, 1, 22), escalations=(LADDER,), obligations=obligations)


BIMONTHLY = m.Obligation(
    id="bimonthly-report",
    source="art. 17",
    bearers=EVERY,
    schedule=m.MonthParity(parity=m.Parity.EVEN),
    action=file_with(m.RelativeRecipient(relation=SAME, kind=SUP)),
    escalation="standard",
)
SUMMARIES = m.Obligation(
    id="summaries",
    bearers=EVERY,
    schedule=m.Yearly(dates=(m.MonthDay(6), m.MonthDay(11))),
    action=file_with(m.RelativeRecipient(relation=SAME, kind=SUP)),
    escalation="standard",
)
ROLLUP = m.Obligation(
    id="roll-up",
    bearers=(m.KindBearer(kind=SUP),),
    schedule=m.Chained(after=("bimonthly-report", "summaries"), day=5),
    action=file_with(
        m.RelativeRecipient(relation=SAME, kind=m.Kind.GOVERNMENT),
        m.RelativeRecipient(relation=UPPER, kind=SUP),
    ),
    escalation="standard",
)
AGENCIES = [
    bl.Agency("yn-gov", "云南省人民政府", "government", "provincial", "云南省"),
    bl.Agency("yn-jc", "云南省监察厅", "supervisory organ", "provincial", "云南省"),
    bl.Agency("km-gov", "昆明市人民政府", "government", "prefecture", "云南省/昆明市"),
    bl.Agency("km-jc", "昆明市监察局", "supervisory organ", "prefecture", "云南省/昆明市"),
    bl.Agency("km-cz", "昆明市财政局", "department", "prefecture", "云南省/昆明市"),
]


def filing(id_: str, day: dt.date, **kw: str) -> bl.Filing:
    kw.setdefault("obligation", "bimonthly-report")
    return bl.Filing(id=id_, agency=kw.pop("agency", "km-cz"), filed_on=day, **kw)


def states(records: list[bl.Record], agency: str, obligation: str) -> dict[str, bl.Record]:
    return {r.period: r for r in records if r.agency == agency and r.obligation == obligation}


class TestBaselinePeriods:
    """Periods, windows and deadlines of the hand-written baseline."""

    def test_bimonthly_windows_and_moved_deadline(self) -> None:
        """Even-month periods open the day after the previous deadline; a Sunday moves."""
        recs = bl.evaluate(ruleset(BIMONTHLY), AGENCIES, [], D(2010, 5, 10))
        got = states(recs, "km-cz", "bimonthly-report")
        # B1: 2010-02-28 is a Sunday (Jan 1 Fri + 58 days); next working day Mon 2010-03-01.
        # B2: 2010-04-30 is a Friday, a working day. B3 opens 2010-05-01, before 05-10.
        # B4 opens 2010-07-01, after the evaluation date: not reported.
        assert sorted(got) == ["2010-B1", "2010-B2", "2010-B3"]
        assert (got["2010-B1"].opens, got["2010-B1"].nominal_due, got["2010-B1"].due) == (
            D(2010, 1, 22),
            D(2010, 2, 28),
            D(2010, 3, 1),
        )
        assert (got["2010-B2"].opens, got["2010-B2"].due) == (D(2010, 3, 1), D(2010, 4, 30))
        assert (got["2010-B3"].opens, got["2010-B3"].due) == (D(2010, 5, 1), D(2010, 6, 30))
        assert got["2010-B2"].recipients == ("km-jc",)

    def test_chained_periods_merge(self) -> None:
        """Bi-monthly June and the June summary lead to one roll-up period due 5 July."""
        rules = ruleset(BIMONTHLY, SUMMARIES, ROLLUP)
        recs = bl.evaluate(rules, AGENCIES, [], D(2010, 7, 10))
        got = states(recs, "km-jc", "roll-up")
        # Feb 28 -> Mar 5 (Fri), Apr 30 -> May 5 (Wed), Jun 30 (both) -> Jul 5 (Mon),
        # Aug 31 -> Sep 5, whose window opens Jul 6, before the evaluation date.
        assert sorted(got) == ["2010-03", "2010-05", "2010-07", "2010-09"]
        assert got["2010-07"].opens == D(2010, 5, 6)
        assert got["2010-07"].due == D(2010, 7, 5)
        assert got["2010-07"].recipients == ("km-gov", "yn-jc")

    def test_missing_upper_level_recipient_warns(self) -> None:
        """The provincial supervisory organ has no upper-level one: a warning, one recipient."""
        warnings: list[str] = []
        recs = bl.evaluate(
            ruleset(BIMONTHLY, SUMMARIES, ROLLUP), AGENCIES, [], D(2010, 4, 1), warnings=warnings
        )
        assert states(recs, "yn-jc", "roll-up")["2010-03"].recipients == ("yn-gov",)
        assert any(w.startswith("yn-jc: roll-up") for w in warnings)

    def test_during_deadline_does_not_move(self) -> None:
        """A `during July` period ends on Saturday 31 July and only takes filings inside it."""
        during = m.Obligation(
            id="meeting",
            bearers=(m.AgencyBearer(agency="yn-jc"),),
            schedule=m.During(year=2010, month=7),
            action=m.Action(verb=m.Verb.HOLD, deliverable="meeting"),
            escalation="standard",
        )
        late = [filing("f1", D(2010, 8, 2), agency="yn-jc", obligation="meeting")]
        rec = states(
            bl.evaluate(ruleset(during), AGENCIES, late, D(2010, 8, 10)), "yn-jc", "meeting"
        )["once"]
        # 2010-07-31 is a Saturday (Jan 1 Fri + 211 days); it stays. 10 days to Aug 10.
        assert (rec.opens, rec.due, rec.state, rec.days_overdue) == (
            D(2010, 7, 1),
            D(2010, 7, 31),
            "overdue",
            10,
        )
        assert rec.filings == ()

    def test_event_in_working_days(self) -> None:
        """Ten working days after Monday 20 Sep 2010 is Monday 11 Oct."""
        ob = m.Obligation(
            id="meeting",
            bearers=EVERY,
            schedule=m.AfterEvent(event="set-up", count=10, unit=m.Unit.WORKING_DAYS),
            action=m.Action(verb=m.Verb.HOLD, deliverable="meeting"),
        )
        events = [bl.Event("e1", "km-cz", "set-up", D(2010, 9, 20))]
        rec = states(
            bl.evaluate(ruleset(ob), AGENCIES, [], D(2010, 10, 8), events), "km-cz", "meeting"
        )["e1"]
        # Working days after Sep 20: 21 (1), 25 Sat worked (2), 26 Sun worked (3), 27-30
        # (4-7), Oct 8 (8), Oct 9 Sat worked (9), Oct 11 Mon (10).
        assert (rec.opens, rec.due, rec.state) == (D(2010, 9, 20), D(2010, 10, 11), "pending")


class TestBaselineStates:
    """Filing assignment and period states of the hand-written baseline."""

    def test_on_the_moved_deadline_is_done(self) -> None:
        """A filing on the moved deadline (Mon 1 Mar) is on time; a missed B2 is overdue."""
        recs = bl.evaluate(
            ruleset(BIMONTHLY), AGENCIES, [filing("f1", D(2010, 3, 1))], D(2010, 5, 10)
        )
        got = states(recs, "km-cz", "bimonthly-report")
        assert got["2010-B1"].state == "done"
        assert got["2010-B1"].filings == ("f1",)
        # B2 due Fri Apr 30; May 10 is 10 days later: urge (1 day) reached, notify (15) not.
        assert (got["2010-B2"].state, got["2010-B2"].days_overdue, got["2010-B2"].step) == (
            "overdue",
            10,
            "urge",
        )
        assert got["2010-B3"].state == "pending"

    def test_unnamed_filing_goes_to_earliest_open_period(self) -> None:
        """A filing in March with no period counts for the missed B1, which becomes late."""
        recs = bl.evaluate(
            ruleset(BIMONTHLY), AGENCIES, [filing("f1", D(2010, 3, 15))], D(2010, 5, 31)
        )
        got = states(recs, "km-cz", "bimonthly-report")
        assert got["2010-B1"].state == "late"
        # B2 due Apr 30; May 31 is 31 days later: hold accountable (30 days) reached.
        assert (got["2010-B2"].state, got["2010-B2"].days_overdue, got["2010-B2"].step) == (
            "overdue",
            31,
            "hold accountable",
        )

    def test_named_filing_and_returned_filing(self) -> None:
        """A returned filing satisfies nothing; the accepted one after it makes B2 late."""
        fs = [
            filing("f1", D(2010, 4, 20), period="2010-B2", status="returned"),
            filing("f2", D(2010, 5, 4), period="2010-B2"),
        ]
        got = states(
            bl.evaluate(ruleset(BIMONTHLY), AGENCIES, fs, D(2010, 5, 10)),
            "km-cz",
            "bimonthly-report",
        )
        assert got["2010-B2"].state == "late"
        assert got["2010-B2"].filings == ("f1", "f2")
        # B1 (due Mar 1) got nothing: 70 days overdue on May 10 (Mar 1 + 30 + 30 + 10).
        assert got["2010-B1"].days_overdue == 70

    def test_waived_and_warning(self) -> None:
        """A waived filing waives B1; B3 (due Wed 30 Jun) warns from Wed 23 Jun."""
        fs = [filing("f1", D(2010, 2, 1), status="waived"), filing("f2", D(2010, 4, 1))]
        on_23 = states(
            bl.evaluate(ruleset(BIMONTHLY), AGENCIES, fs, D(2010, 6, 23)),
            "km-cz",
            "bimonthly-report",
        )
        on_22 = states(
            bl.evaluate(ruleset(BIMONTHLY), AGENCIES, fs, D(2010, 6, 22)),
            "km-cz",
            "bimonthly-report",
        )
        assert on_23["2010-B1"].state == "waived"
        # f2 (no period) skips the waived B1 and satisfies B2.
        assert on_23["2010-B2"].state == "done"
        # 5 working days before Jun 30: 29, 28, 25 (Fri), 24, 23.
        assert (on_22["2010-B3"].state, on_23["2010-B3"].state) == ("pending", "warning")

    def test_two_recipients_each_need_a_filing(self) -> None:
        """A roll-up filed with the government only stays open until the upper organ has it."""
        rules = ruleset(BIMONTHLY, SUMMARIES, ROLLUP)
        fs = [
            filing("f1", D(2010, 3, 4), agency="km-jc", obligation="roll-up", recipient="km-gov"),
            filing("f2", D(2010, 3, 9), agency="km-jc", obligation="roll-up", recipient="yn-jc"),
        ]
        got = states(bl.evaluate(rules, AGENCIES, fs[:1], D(2010, 3, 8)), "km-jc", "roll-up")
        # Due Fri Mar 5; on Mar 8 it is 3 days overdue.
        assert (got["2010-03"].state, got["2010-03"].days_overdue) == ("overdue", 3)
        got = states(bl.evaluate(rules, AGENCIES, fs, D(2010, 3, 10)), "km-jc", "roll-up")
        assert got["2010-03"].state == "late"


class TestGenerator:
    """The synthetic registry, filings and TOML."""

    def test_registry_shape(self) -> None:
        """Exactly N agencies; every region has a government, a supervisory and an audit organ."""
        rows = generate.make_agencies(500, seed=7)
        assert len(rows) == 500
        assert len({r["id"] for r in rows}) == 500
        kinds: dict[str, set[str]] = {}
        for r in rows:
            kinds.setdefault(r["region"], set()).add(r["kind"])
        complete = [
            k
            for k in kinds.values()
            if {"government", "supervisory organ", "audit organ", "department"} <= k
        ]
        # Only the last region may be cut short by the agency count.
        assert len(complete) >= len(kinds) - 1
        assert rows[0]["region"] == "云南省"
        assert any(r["region"].count("/") == 2 for r in rows)

    def test_deterministic(self) -> None:
        """The same seed gives the same files; another seed gives another registry."""
        assert generate.make_agencies(300, 1) == generate.make_agencies(300, 1)
        assert generate.make_agencies(300, 1) != generate.make_agencies(300, 2)
        rules = ruleset(BIMONTHLY, SUMMARIES, ROLLUP)
        agencies = [
            bl.Agency(r["id"], r["name"], r["kind"], r["level"], r["region"])
            for r in generate.make_agencies(120, 1)
        ]
        on = D(2011, 1, 20)
        first = generate.make_filings(rules, agencies, [], on, seed=4)
        assert first == generate.make_filings(rules, agencies, [], on, seed=4)
        assert first != generate.make_filings(rules, agencies, [], on, seed=5)

    @pytest.mark.slow  # generates a registry: ~2 s
    def test_filings_mix(self, tmp_path: Path) -> None:
        """Most periods are filed on time; there are late, returned and missing ones too."""
        rules = ruleset(BIMONTHLY, SUMMARIES, ROLLUP)
        info = generate.generate(rules, tmp_path, agencies=400, seed=3, on=D(2011, 1, 20))
        agencies = bl.read_agencies(info["agencies"])
        filings = bl.read_filings(info["filings"])
        assert len(agencies) == 400
        recs = bl.evaluate(rules, agencies, filings, D(2011, 1, 20))
        closed = [r for r in recs if r.due < D(2011, 1, 20)]
        done = sum(r.state == "done" for r in closed) / len(closed)
        assert 0.8 < done < 0.97
        assert {"late", "overdue", "waived"} <= {r.state for r in closed}
        assert any(f.status == "returned" for f in filings)

    def test_replicate_rules_renames_ids(self) -> None:
        """Copies of the obligation blocks rename ids, also where a chain names them."""
        text = (
            'ruleset "x"\neffective 2010-01-22\n\nobligation a-b "A":\n  by April 1 each'
            ' year, publish a-b list\n\n义务 c "C"：\n  a-b每期截止后次月5日前，公开 汇总\n'
        )
        out = generate.replicate_rules(text, ["a-b", "c"], 2)
        assert out.count("ruleset") == 1
        assert "obligation a-b-1 " in out and "obligation a-b-2 " in out
        assert "义务 c-2 " in out and "a-b-2每期截止后" in out


@pytest.mark.slow  # generated registries through two evaluators: ~15 s
class TestAgainstEvaluator:
    """The baseline and ``xzjd.evaluate`` give the same records on generated data."""

    def test_small_registry_agrees(self, tmp_path: Path) -> None:
        """Three hundred agencies, the Yunnan ruleset, a year of filings: identical records."""
        rules_path = Path(__file__).parent.parent / "examples/yunnan-2010/rules.zh.xzjd"
        rules = xzjd.load(rules_path)
        info = generate.generate(rules, tmp_path, agencies=300, seed=11)
        on = info["on"]
        ours = xzjd.evaluate(
            rules,
            xzjd.read_agencies(info["agencies"]),
            xzjd.read_filings(info["filings"]),
            on=on,
            events=xzjd.read_events(info["events"]),
        )
        theirs = bl.evaluate(
            rules,
            bl.read_agencies(info["agencies"]),
            bl.read_filings(info["filings"]),
            on,
            bl.read_events(info["events"]),
        )
        a, b = compare.canonical(ours), compare.canonical(theirs)
        assert compare.differences(a, b) == []
        assert len(a) > 300

    def test_random_filings_agree(self, tmp_path: Path) -> None:
        """Messy random filings (early, late, unopened periods, returned, waived) agree too."""
        rules = xzjd.load(Path(__file__).parent.parent / "examples/yunnan-2010/rules.zh.xzjd")
        assert rules.effective is not None
        data = generate.generate(
            rules, tmp_path, agencies=60, seed=5, on=rules.effective + dt.timedelta(days=500)
        )
        for seed in range(3):
            assert crosscheck.trial(rules, data, seed, tmp_path) == []


@pytest.mark.slow  # the benchmark runner end to end: ~10 s
class TestRunner:
    """The benchmark runner end to end, on a tiny registry (no timing is checked)."""

    def test_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A tiny run of every part writes report.json: the evaluators agree, the figures
        that run once (start-up, history) carry their targets."""
        code = run.main(
            [
                "--agencies",
                "60",
                "--runs",
                "1",
                "--baseline-runs",
                "1",
                "--process-runs",
                "1",
                "--check-rounds",
                "1",
                "--base",
                "none",
                "--startup-runs",
                "1",
                "--history-agencies",
                "30",
                "--out",
                str(tmp_path),
            ]
        )
        assert code == 0
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        [tier] = report["tiers"]
        assert tier["agencies"] == 60
        assert tier["checks"]["baseline"]["equal"] is True
        assert "check.speedup.cpu" not in tier["figures"]  # --base none: no A side
        once = {name for size, name in run.TARGETS if size is None}
        assert once <= set(report["figures"])
        assert all("met" in report["figures"][name] for name in once)
        assert report["params"]["sizes"] == [60]
        assert report["params"]["collector"] == run.COLLECTOR
        out = capsys.readouterr().out
        assert "evaluator and baseline agree" in out
        assert run.COLLECTOR in out


def test_timed_pauses_the_collector() -> None:
    """Each timed call runs with the collector paused, as the xzjd command runs; it is back
    on afterwards."""
    seen: list[bool] = []
    assert gc.isenabled()
    _, times, _ = run.timed(lambda: seen.append(gc.isenabled()), 2)
    assert (seen, len(times), gc.isenabled()) == ([False, False], 2, True)


@pytest.mark.slow  # four xzjd processes: ~4 s
class TestStartup:
    """``python -m bench.startup`` end to end with one round (no timing is checked)."""

    def test_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The import, the cold and the warm check are timed, each check against the import;
        the checks exit with 0 and print the same, whether the parser's cache was there."""
        code = startup.main(["--runs", "1", "--out", str(tmp_path)])
        assert code == 0
        report = json.loads((tmp_path / "startup.json").read_text(encoding="utf-8"))
        assert set(report["series"]) == {"import", "check.cold", "check.warm"}
        assert report["problems"] == []
        for name in ("check.cold", "check.warm"):
            ratio = report["ratios"][f"{name}_vs_import"]["wall"]
            series = report["series"]
            assert ratio == pytest.approx(series[name]["wall_s"] / series["import"]["wall_s"])
        assert report["target"]["max"] == 3
        out = capsys.readouterr().out
        assert "check.warm" in out and "target: check.warm_vs_import (wall) < 3" in out

    def test_cold_runs_have_no_cache_and_warm_runs_have_one(self, tmp_path: Path) -> None:
        """A cold check starts from an empty cache folder and leaves the parser's cache in
        it; a warm check finds it there."""
        home = tmp_path / "cache"
        home.mkdir()
        command = [*startup.xzjd_command(), "check", str(run.DEFAULT_RULES)]
        env = {**os.environ, "XDG_CACHE_HOME": str(home)}
        _, _, cold = startup.run_process(command, env)
        files = list((home / "xzjd").iterdir())
        assert cold.returncode == 0 and len(files) == 1
        written = files[0].read_bytes()
        _, _, warm = startup.run_process(command, env)
        assert warm.returncode == 0 and warm.stdout == cold.stdout
        assert list((home / "xzjd").iterdir()) == files and files[0].read_bytes() == written


class TestScaling:
    """``python -m bench.scaling`` end to end on tiny sizes (no timing is checked)."""

    def test_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Rules texts of the asked sizes load whole; registries are read whole; growth is
        the cost per unit against the smallest size, 1 for the smallest itself."""
        code = scaling.main(
            ["--sizes", "0.02,0.04", "--agencies", "50,100", "--runs", "1", "--out", str(tmp_path)]
        )
        assert code == 0
        report = json.loads((tmp_path / "scaling.json").read_text(encoding="utf-8"))
        rules = report["rules"]
        assert [r["name"] for r in rules] == ["rules.0.02MB", "rules.0.04MB"]
        # The Yunnan rules have 25 obligations; each size holds whole copies of them.
        assert all(r["obligations"] % 25 == 0 and r["obligations"] > 0 for r in rules)
        assert rules[1]["bytes"] > rules[0]["bytes"]
        assert rules[0]["growth"] == 1
        first, second = report["agencies.one-line"]
        assert (first["agencies"], second["agencies"]) == (50, 100)
        assert second["growth"] == pytest.approx(second["us_per_agency"] / first["us_per_agency"])
        assert "JSON registries (indented)" in capsys.readouterr().out
        assert list((tmp_path / "scaling").iterdir()) == []  # the generated files are removed

    def test_rules_text_is_valid_and_sized(self) -> None:
        """A 0.1 MB text of replicated obligations parses, with the obligations counted."""
        text, obligations = scaling.rules_text(run.DEFAULT_RULES, 100_000)
        assert len(xzjd.loads(text).obligations) == obligations
        assert 80_000 < len(text.encode()) < 120_000


class TestBadRows:
    def test_every_misspelt_row_is_refused_with_its_guess(self) -> None:
        result = bad_rows.run(agencies=3000, bad=20, sample=2, seed=7)
        assert result["rows"] == result["refused"] == 20


@pytest.mark.slow  # four xzjd processes on a small registry: a few seconds
class TestCheckJson:
    """``python -m bench.check_json`` end to end on a small registry (no timing is checked)."""

    def test_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Each run exits with 0 and reports its CPU time and peak memory; the breakdown
        counts the records the JSON holds."""
        code = check_json.main(["--agencies", "60", "--rounds", "1", "--out", str(tmp_path)])
        assert code == 0
        report = json.loads((tmp_path / "check_json.json").read_text(encoding="utf-8"))
        [entry] = report["sizes"]
        assert entry["agencies"] == 60 and entry["same_output"] is True
        assert "A" not in entry and "speedup" not in entry
        runs = entry["B"]
        assert runs["codes"] == [0] and len(runs["cpu_runs"]) == 1
        assert runs["cpu_s"] > 0 and runs["vmhwm"] > 0 and runs["vmhwm_few_rows"] > 0
        assert entry["breakdown"]["records"] > 0 and entry["output_bytes"] > 0
        assert "60 agencies" in capsys.readouterr().out
