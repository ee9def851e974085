# SPDX-License-Identifier: MIT
"""Differential check: ``xzjd.evaluate`` against the baseline on random, messy filings.

The benchmark's filings are orderly (mostly on time, in order). Here each trial draws an
evaluation date and, for every agency and obligation it bears, up to six filings on random
days (some before the rules took effect or after the evaluation date), naming a random
period (also ones not yet open) or none, a random recipient or none, and a random status.
Both evaluators must give the same records.

Run ``python -m bench.crosscheck [--trials 40] [--agencies 120] [--rules PATH]``; the exit
status is 1 when a trial disagrees, and the first disagreements are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xzjd
from bench import baseline as bl
from bench import compare, generate
from xzjd import model as m

__all__ = ["random_filings", "trial"]

_STATUSES = ("", "", "", "accepted", "returned", "waived")


def random_filings(
    ruleset: m.Ruleset,
    agencies: Sequence[bl.Agency],
    events: Sequence[bl.Event],
    on: dt.date,
    rng: random.Random,
) -> list[dict[str, str]]:
    """Messy filings for every agency and obligation it bears (``FILING_FIELDS`` rows)."""
    assert ruleset.effective is not None
    cal = bl.Calendar(ruleset)
    by_id = {a.id: a for a in agencies}
    by_region_kind: dict[tuple[str, str], list[str]] = {}
    for a in agencies:
        by_region_kind.setdefault((a.region, a.kind), []).append(a.id)
    events_of: dict[str, list[bl.Event]] = {}
    for e in events:
        events_of.setdefault(e.agency, []).append(e)
    span = (on - ruleset.effective).days
    rows: list[dict[str, str]] = []
    for a in agencies:
        for o in ruleset.obligations:
            if o.schedule is None or not bl._bears(o, a):
                continue
            recipients = bl._recipients(o, a, by_id, by_region_kind, [])
            # Labels of periods opening up to 100 days after `on`: some are not open yet.
            later = on + dt.timedelta(days=100)
            ps = bl.periods(o, ruleset, later, cal, events_of.get(a.id, ()))
            if not ps:
                continue
            for _ in range(rng.randint(0, 6)):
                day = ruleset.effective + dt.timedelta(days=rng.randint(-10, span + 20))
                rows.append(
                    {
                        "id": "",
                        "agency": a.id,
                        "obligation": o.id,
                        "filed_on": day.isoformat(),
                        "period": rng.choice(ps).label if rng.random() < 0.3 else "",
                        "recipient": rng.choice(recipients)
                        if recipients and rng.random() < 0.6
                        else "",
                        "status": rng.choice(_STATUSES),
                    }
                )
    rows.sort(key=lambda r: (r["filed_on"], r["agency"], r["obligation"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"F{i:06d}"
    return rows


def trial(
    ruleset: m.Ruleset, data: dict[str, Any], seed: int, workdir: Path
) -> list[dict[str, Any]]:
    """One random trial on generated ``data``; returns the disagreements (empty: agreement)."""
    rng = random.Random(seed)
    assert ruleset.effective is not None
    on = ruleset.effective + dt.timedelta(days=rng.randint(0, 480))
    agencies = bl.read_agencies(data["agencies"])
    events = bl.read_events(data["events"])
    path = workdir / f"filings-{seed}.csv"
    generate.write_csv(
        path, generate.FILING_FIELDS, random_filings(ruleset, agencies, events, on, rng)
    )
    ours = xzjd.evaluate(
        ruleset,
        xzjd.read_agencies(data["agencies"]),
        xzjd.read_filings(path),
        on=on,
        events=xzjd.read_events(data["events"]),
    )
    theirs = bl.evaluate(ruleset, agencies, bl.read_filings(path), on, events)
    diffs = compare.differences(compare.canonical(ours), compare.canonical(theirs), 5)
    for d in diffs:
        d["trial"] = {"seed": seed, "on": on.isoformat(), "filings": str(path)}
    return diffs


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the trials and report."""
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(prog="python -m bench.crosscheck", description=__doc__)
    ap.add_argument("--rules", type=Path, default=root / "examples/yunnan-2010/rules.zh.xzjd")
    ap.add_argument("--trials", type=int, default=40)
    ap.add_argument("--agencies", type=int, default=120)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    ruleset = xzjd.load(args.rules)
    assert ruleset.effective is not None
    workdir = Path(tempfile.mkdtemp(prefix="xzjd-crosscheck-"))
    data = generate.generate(
        ruleset, workdir, args.agencies, 5, ruleset.effective + dt.timedelta(days=500)
    )
    failed = 0
    for k in range(args.trials):
        diffs = trial(ruleset, data, args.seed + k, workdir)
        if diffs:
            failed += 1
            for d in diffs:
                print(json.dumps(d, ensure_ascii=False, default=str))
    print(f"{args.trials - failed} of {args.trials} trials agree ({args.rules})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
