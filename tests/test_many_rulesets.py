"""Several rulesets in one run (issue 15, point 2): ``xzjd check`` over several rules files,
a folder of them or ``include`` lines; obligation ids namespaced where they clash; filings
and events routed to their ruleset; the results equal to evaluating each ruleset alone.

The run: the Yunnan 2010 rules (``rules``), the licensing example (``licensing``) and a small
open-government-information ruleset written here (``ogi``), whose ``disclosure`` clashes with
the licensing example's, over one agencies, filings and events file, on 2025-06-20.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import CheckError, InputError, ParseError
from xzjd.language import Rulesets, load_rulesets

ROOT = Path(__file__).resolve().parents[1]
YUNNAN = ROOT / "examples" / "yunnan-2010"
LICENSING = ROOT / "examples" / "licensing"
ON = dt.date(2025, 6, 20)

OGI = """\
规则集 "政府信息公开（《政府信息公开条例》第三十条、第五十条）"
生效 2025-01-01
日历 cn
期限届满日为休息日的，顺延至其后第一个工作日

义务 disclosure "公布政府信息公开工作年度报告"：
  依据 《政府信息公开条例》第五十条
  适用于 各级人民政府
  每年1月31日前，公开 上一年度政府信息公开工作年度报告

义务 registration "登记政府信息公开申请"：
  依据 《政府信息公开条例》第三十条
  适用于 各级人民政府
  自收到申请之日起五个工作日内，完成 申请登记
"""

# Rows added to the Yunnan filings: the licensing example's and ogi's. ``disclosure`` is
# declared by both, so it is written with the ruleset's name.
EXTRA_FILINGS = """\
x1,km-scj,licence,2025-05-20,ev-xk1,,
x2,km-gov,licensing:disclosure,2025-06-10,ev-gk1,,
x3,km-gov,ogi:disclosure,2025-02-05,,,
x4,yn-gov,ogi:disclosure,2025-02-10,,,
x5,km-gov,registration,2025-05-12,ev-gk1,,
"""
# 收到申请 opens a period of licensing:disclosure and one of ogi's registration.
EXTRA_EVENTS = """\
ev-xk1,km-scj,受理申请,2025-04-25
ev-gk1,km-gov,收到申请,2025-05-06
"""


@pytest.fixture
def run(tmp_path: Path) -> dict[str, Path]:
    """The three rules files and one agencies, filings and events file for them all."""
    ogi = tmp_path / "ogi.xzjd"
    ogi.write_text(OGI, encoding="utf-8")
    agencies = tmp_path / "agencies.csv"
    extra = [
        line
        for line in (LICENSING / "agencies.csv").read_text(encoding="utf-8").splitlines()
        if line.startswith(("km-scj,", "km-zrj,", "km-xfj,"))
    ]
    agencies.write_text(
        (YUNNAN / "agencies.csv").read_text(encoding="utf-8") + "\n".join(extra) + "\n",
        encoding="utf-8",
    )
    filings = tmp_path / "filings.csv"
    filings.write_text(
        (YUNNAN / "filings.csv").read_text(encoding="utf-8") + EXTRA_FILINGS, encoding="utf-8"
    )
    events = tmp_path / "events.csv"
    events.write_text(
        (YUNNAN / "events.csv").read_text(encoding="utf-8") + EXTRA_EVENTS, encoding="utf-8"
    )
    return {
        "yunnan": YUNNAN / "rules.zh.xzjd",
        "licensing": LICENSING / "licensing.zh.xzjd",
        "ogi": ogi,
        "agencies": agencies,
        "filings": filings,
        "events": events,
    }


def _check(
    paths: dict[str, Path], *rules: Path, filings: Path | None = None, extra: tuple[str, ...] = ()
) -> list[str]:
    return [
        "check",
        *map(str, rules),
        "--agencies",
        str(paths["agencies"]),
        "--filings",
        str(filings or paths["filings"]),
        "--events",
        str(paths["events"]),
        "--on",
        ON.isoformat(),
        *extra,
    ]


def _records(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict[str, object]]:
    assert main([*argv, "--format", "json"]) == 0, capsys.readouterr().err
    records: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return records


def _one(records: list[dict[str, object]], agency: str, obligation: str, period: str) -> dict:
    found = [
        r
        for r in records
        if (r["agency"], r["obligation"], r["period"]) == (agency, obligation, period)
    ]
    assert len(found) == 1, (agency, obligation, period)
    return found[0]


# --------------------------------------------------------------------------- done when


def test_one_check_runs_three_regulations_over_one_filings_file(
    run: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(capsys, _check(run, run["yunnan"], run["licensing"], run["ogi"]))
    obligations = {r["obligation"] for r in records}
    # Ids declared once stay as they are; the clashing one is namespaced on both sides.
    assert {"bimonthly-report", "licence", "registration"} <= obligations
    assert {"licensing:disclosure", "ogi:disclosure"} <= obligations
    assert "disclosure" not in obligations

    # ogi:disclosure, km-gov, 2025: by January 31. The 2025 Spring Festival holiday runs from
    # January 28 to February 4 (State Council notice for 2025), so the deadline moves to the
    # next working day, Wednesday February 5; the filing of February 5 is on time.
    r = _one(records, "km-gov", "ogi:disclosure", "2025")
    assert (r["nominal_due"], r["due"], r["state"]) == ("2025-01-31", "2025-02-05", "done")
    # yn-gov filed on February 10, five days after the moved deadline: late.
    r = _one(records, "yn-gov", "ogi:disclosure", "2025")
    assert (r["due"], r["state"]) == ("2025-02-05", "late")
    # qj-gov filed nothing: overdue from February 6; February 5 to June 20 is
    # 23 (rest of February) + 31 + 30 + 31 + 20 = 135 days; ogi has no escalation ladder.
    r = _one(records, "qj-gov", "ogi:disclosure", "2025")
    assert (r["state"], r["days_overdue"], r["step"]) == ("overdue", 135, None)

    # licensing:disclosure counts 20 working days from receipt on Tuesday May 6: May 7-9
    # (3), 12-16 (8), 19-23 (13), 26-30 (18); May 31 to June 2 is the Dragon Boat holiday;
    # June 3 (19), June 4 (20). Answered on June 10: late.
    r = _one(records, "km-gov", "licensing:disclosure", "ev-gk1")
    assert (r["due"], r["state"], r["filings"]) == ("2025-06-04", "late", ["x2"])
    # The same event opens ogi's registration: 5 working days, May 7, 8, 9, 12, 13.
    r = _one(records, "km-gov", "registration", "ev-gk1")
    assert (r["due"], r["state"]) == ("2025-05-13", "done")
    # licence: 20 working days from Friday April 25; Sunday April 27 is a make-up working
    # day (1), April 28-30 (4), May 1-5 the Labour Day holiday, May 6-9 (8), 12-16 (13),
    # 19-23 (18), May 26 (19), May 27 (20). Decided on May 20: done.
    r = _one(records, "km-scj", "licence", "ev-xk1")
    assert (r["due"], r["state"]) == ("2025-05-27", "done")


def test_the_records_equal_separate_runs_merged(run: dict[str, Path]) -> None:
    rulesets = load_rulesets([run["yunnan"], run["licensing"], run["ogi"]])
    assert rulesets.names == ("rules", "licensing", "ogi")
    agencies = xzjd.read_agencies(run["agencies"])
    filings = xzjd.read_filings(run["filings"])
    events = xzjd.read_events(run["events"])
    together = xzjd.evaluate(rulesets, agencies, filings, on=ON, events=events)

    expected = []
    for i, rules in enumerate(rulesets):
        name = rulesets.names[i]
        ids = {o.id for o in rules.ruleset.obligations}
        mine = []
        for f in filings:
            owner, colon, bare = f.obligation.partition(":")
            if colon and owner == name:
                mine.append(attrs.evolve(f, obligation=bare))
            elif not colon and f.obligation in ids:
                mine.append(f)
        alone = xzjd.evaluate(rules, agencies, mine, on=ON, events=events)
        expected += [s._replace(obligation=rulesets.spelling(i, s.obligation)) for s in alone]
    # Sorted by agency, then obligation; each obligation's periods stay in deadline order.
    expected.sort(key=lambda s: (s.agency, s.obligation))
    assert list(together) == expected
    assert len(together) > 1000
    # The streaming form gives the same records.
    stream = xzjd.iter_evaluate(rulesets, agencies, filings, on=ON, events=events)
    assert list(stream) == expected
    assert stream.warnings == together.warnings


def test_a_sequence_of_rulesets_is_accepted_and_one_ruleset_is_unchanged(
    run: dict[str, Path],
) -> None:
    ogi = xzjd.load(run["ogi"])
    licensing = xzjd.load(run["licensing"])
    agencies = xzjd.read_agencies(run["agencies"])
    events = xzjd.read_events(run["events"])
    filing = xzjd.Filing(
        id="y", agency="km-gov", obligation="ogi:disclosure", filed_on=dt.date(2025, 2, 5)
    )
    out = xzjd.evaluate([licensing, ogi], agencies, [filing], on=ON, events=events)
    r = next(s for s in out if (s.agency, s.obligation) == ("km-gov", "ogi:disclosure"))
    assert r.state is xzjd.State.DONE
    # A mapping names the rulesets itself.
    named = Rulesets({"permits": licensing, "open": ogi})
    assert named.spelling(0, "disclosure") == "permits:disclosure"
    # Alone, ogi's ids are bare as ever.
    alone = xzjd.evaluate(ogi, agencies, on=ON, events=events)
    assert "disclosure" in {s.obligation for s in alone}


# --------------------------------------------------------------------------- routing


def test_a_clashing_id_written_bare_is_an_error_naming_the_row(
    run: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,agency,obligation,filed_on\nq1,km-gov,disclosure,2025-02-01\n", encoding="utf-8"
    )
    assert main(_check(run, run["licensing"], run["ogi"], filings=bad)) == 2
    err = capsys.readouterr().err
    assert "bad.csv:2:11: error[input/ambiguous-obligation]" in err
    assert "licensing:disclosure, ogi:disclosure" in err


def test_an_unknown_id_is_an_error_with_a_guess_over_every_ruleset(
    run: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,agency,obligation,filed_on\n"
        "q1,km-gov,licnce,2025-05-01\n"
        "q2,km-gov,ogi:disclosur,2025-05-01\n"
        "q3,km-gov,bimonthly-reprot,2025-05-01\n",
        encoding="utf-8",
    )
    rulesets = load_rulesets([run["yunnan"], run["licensing"], run["ogi"]])
    agencies = xzjd.read_agencies(run["agencies"])
    with pytest.raises(InputError) as caught:
        xzjd.evaluate(rulesets, agencies, xzjd.read_filings(bad), on=ON)
    diags = caught.value.diagnostics
    assert [(d.code, d.span.line if d.span else 0) for d in diags] == [
        ("input/unknown-obligation", 2),
        ("input/unknown-obligation", 3),
        ("input/unknown-obligation", 4),
    ]
    hints = [d.hint for d in diags]
    assert hints == [
        "did you mean 'licence'?",
        "did you mean 'ogi:disclosure'?",
        "did you mean 'bimonthly-report'?",
    ]


def test_an_event_goes_to_every_ruleset_that_counts_from_it(run: dict[str, Path]) -> None:
    rulesets = load_rulesets([run["licensing"], run["ogi"]])
    agencies = xzjd.read_agencies(run["agencies"])
    events = [xzjd.Event(id="e1", agency="km-gov", event="收到申请", date=dt.date(2025, 5, 6))]
    out = xzjd.evaluate(rulesets, agencies, on=ON, events=events)
    opened = sorted(s.obligation for s in out if s.period == "e1")
    assert opened == ["licensing:disclosure", "registration"]
    # An event no ruleset counts from is said once, naming the events of every ruleset.
    events.append(xzjd.Event(id="e2", agency="km-gov", event="收到请求", date=ON))
    out = xzjd.evaluate(rulesets, agencies, on=ON, events=events)
    unused = [w for w in out.warnings if w.code == "event/unused"]
    assert len(unused) == 1
    assert "收到请求" in unused[0].message


# --------------------------------------------------------------------------- loading


def test_a_folder_holds_its_rules_files_but_not_the_tests(tmp_path: Path) -> None:
    (tmp_path / "b.xzjd").write_text(OGI, encoding="utf-8")
    (tmp_path / "a.xzjd").write_text(
        (LICENSING / "licensing.zh.xzjd").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "a.test.xzjd").write_text('规则 "a.xzjd"\n', encoding="utf-8")
    rulesets = load_rulesets([tmp_path])
    assert rulesets.names == ("a", "b")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ParseError) as caught:
        load_rulesets([empty])
    assert caught.value.code == "file/no-rules"


def test_include_reads_the_file_relative_to_the_including_one(
    run: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ogi.xzjd").write_text(OGI, encoding="utf-8")
    index = tmp_path / "all.xzjd"
    index.write_text(
        f'include "{run["yunnan"]}"\ninclude "{run["licensing"]}"\n包含 "sub/ogi.xzjd"\n',
        encoding="utf-8",
    )
    rulesets = load_rulesets([index])
    assert rulesets.names == ("all", "rules", "licensing", "ogi")
    # The index file owes nothing itself; the run is that of the files it includes.
    via_include = _records(capsys, _check(run, index))
    direct = _records(capsys, _check(run, run["yunnan"], run["licensing"], sub / "ogi.xzjd"))
    assert via_include == direct
    # A file named twice (given and included) is read once.
    assert len(load_rulesets([index, sub / "ogi.xzjd"])) == 4


def test_an_include_cycle_is_a_positioned_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.xzjd").write_text('规则集 "A"\n包含 "b.xzjd"\n', encoding="utf-8")
    (tmp_path / "b.xzjd").write_text('ruleset "B"\ninclude "a.xzjd"\n', encoding="utf-8")
    with pytest.raises(CheckError) as caught:
        load_rulesets([tmp_path / "a.xzjd"])
    d = caught.value.diagnostics[0]
    assert d.code == "include/cycle"
    assert d.file is not None and d.file.endswith("b.xzjd")
    assert d.span is not None and (d.span.line, d.span.column) == (2, 1)
    assert main(["check", str(tmp_path / "a.xzjd")]) == 2
    err = capsys.readouterr().err
    assert "b.xzjd:2:1: error[include/cycle]" in err
    assert "Traceback" not in err


def test_a_missing_include_is_a_positioned_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.xzjd").write_text(
        'ruleset "A"\neffective 2025-01-01\ninclude "nowhere.xzjd"\n', encoding="utf-8"
    )
    assert main(["check", str(tmp_path / "a.xzjd")]) == 2
    err = capsys.readouterr().err
    assert (
        "a.xzjd:3:1: error[include/not-found]: included file 'nowhere.xzjd' does not exist" in err
    )
    assert str(tmp_path / "nowhere.xzjd") in err


def test_two_files_of_one_name_with_one_id_cannot_be_told_apart(tmp_path: Path) -> None:
    # The licensing example in both languages: the same duties, both named 'licensing'.
    with pytest.raises(CheckError) as caught:
        load_rulesets([LICENSING])
    assert caught.value.code == "rules/same-name"


def test_check_without_data_lists_every_file(
    run: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(run["licensing"]), str(run["ogi"])]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{run['licensing']}: ok, 3 obligations", f"{run['ogi']}: ok, 2 obligations"]


def test_include_prints_and_translates() -> None:
    ruleset = xzjd.loads('ruleset "A"\neffective 2025-01-01\ninclude "b.xzjd"\n')
    assert 'include "b.xzjd"' in xzjd.to_text(ruleset)
    zh = xzjd.to_text(ruleset, "zh")
    assert '包含 "b.xzjd"' in zh
    assert xzjd.loads(zh) == ruleset


def test_explain_follows_includes_and_routes_the_rows(
    run: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "all.xzjd"
    index.write_text(
        f'include "{run["yunnan"]}"\ninclude "{run["licensing"]}"\ninclude "{run["ogi"]}"\n',
        encoding="utf-8",
    )
    common = [
        "explain",
        str(index),
        "--agencies",
        str(run["agencies"]),
        "--filings",
        str(run["filings"]),
        "--events",
        str(run["events"]),
        "--on",
        ON.isoformat(),
    ]
    # yn-gov's report of 2025, due February 5 (worked out above), filed on February 10.
    argv = [*common, "--agency", "yn-gov", "--obligation", "ogi:disclosure", "--period", "2025"]
    assert main(argv) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "2025-02-05" in out
    assert "x4" in out
    # Written bare, the clashing id names no one obligation: a guess with its ruleset.
    argv = [*common, "--agency", "yn-gov", "--obligation", "disclosure", "--period", "2025"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "error[argument/unknown-obligation]" in err
    assert ":disclosure'?" in err
