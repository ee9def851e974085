# SPDX-License-Identifier: MIT
"""``python -m tools.fuzz --minutes N [--processes P] [--seed S] [--out DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.fuzz.cases import WEIGHTS
from tools.fuzz.engine import Config, run


def main(argv: list[str] | None = None) -> int:
    """Run the harness; exit 1 when something was found."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.fuzz",
        description="Fuzz the xzjd command line and API with mutated and generated inputs.",
    )
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--processes", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--out", type=Path, help="where findings go (default: /tmp/xzjd-fuzz-SEED)")
    parser.add_argument(
        "--inputs", type=int, help="stop each process after this many inputs instead of a time"
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=sorted(WEIGHTS),
        help="fuzz only this kind of input (repeatable; default: every kind)",
    )
    args = parser.parse_args(argv)
    config = Config(
        minutes=args.minutes,
        processes=args.processes,
        seed=args.seed,
        out=args.out,
        inputs=args.inputs,
        kinds=tuple(args.kind) if args.kind else tuple(WEIGHTS),
    )
    print(
        f"xzjd fuzz: seed {config.seed}, {config.processes} process(es), "
        + (f"{config.inputs} inputs each" if config.inputs else f"{config.minutes:g} minutes"),
        flush=True,
    )
    report = run(config)
    print(report.render())
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
