# SPDX-License-Identifier: MIT
"""How long a filings file full of unknown agency ids takes to be refused.

Every unknown id gets a "did you mean" from the registry. ``python -m bench.bad_rows`` reads a
registry of ``--agencies`` agencies (default 100,000) and a filings file of ``--bad`` rows
(default 1,000) naming misspelt agency ids, evaluates (which refuses the file with one error a
row) and prints the time, against the same search done by ``difflib.get_close_matches`` over
every id (the baseline, measured on a sample of rows in the same run and scaled up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

import xzjd
from bench.generate import AGENCY_FIELDS, make_agencies, write_csv

RULES = """ruleset "bad rows"
effective 2025-01-01
obligation report:
  applies to every government
  by the end of each month, publish report
"""


def _misspelt(ident: str, rng: random.Random) -> str:
    i = rng.randrange(len(ident) - 1)
    return ident[:i] + ident[i + 1] + ident[i] + ident[i + 2 :]  # two letters swapped


def run(agencies: int, bad: int, sample: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    rows = make_agencies(agencies, seed=seed)
    ids = [r["id"] for r in rows]
    wrong = [w for w in (_misspelt(rng.choice(ids), rng) for _ in range(bad * 2)) if w not in ids]
    wrong = wrong[:bad]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_csv(folder / "agencies.csv", AGENCY_FIELDS, rows)
        filings = [
            {"id": f"f{i}", "agency": w, "obligation": "report", "filed_on": "2025-02-01"}
            for i, w in enumerate(wrong)
        ]
        write_csv(folder / "filings.csv", ("id", "agency", "obligation", "filed_on"), filings)
        rules = xzjd.loads(RULES)
        registry = xzjd.read_agencies(folder / "agencies.csv")
        read = xzjd.read_filings(folder / "filings.csv")
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            try:
                xzjd.evaluate(rules, registry, read, on=dt.date(2025, 3, 1))
            except xzjd.InputError as exc:
                refused = len(exc.diagnostics)
            else:
                refused = 0
            ours = time.process_time() - start
            start = time.process_time()
            for w in wrong[:sample]:
                difflib.get_close_matches(w, ids, n=1)
            baseline = (time.process_time() - start) / sample * len(wrong)
        finally:
            gc.enable()
    return {"rows": len(wrong), "refused": refused, "seconds": ours, "baseline": baseline}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agencies", type=int, default=100_000)
    ap.add_argument("--bad", type=int, default=1_000)
    ap.add_argument("--sample", type=int, default=5, help="rows timed for the baseline")
    ap.add_argument("--seed", type=int, default=2010)
    args = ap.parse_args(argv)
    r = run(args.agencies, args.bad, args.sample, args.seed)
    print(
        f"{r['rows']:.0f} unknown-agency rows against {args.agencies:,} agencies: "
        f"refused with {r['refused']:.0f} errors in {r['seconds']:.2f} CPU-s "
        f"(target < 10 s); difflib over every id (baseline, from {args.sample} rows): "
        f"{r['baseline']:.1f} s; ratio {r['baseline'] / max(r['seconds'], 1e-9):.0f}x"
    )
    return 0 if r["refused"] == r["rows"] and r["seconds"] < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
