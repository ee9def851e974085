# SPDX-License-Identifier: MIT
"""Running fuzz inputs: one worker per process, timing, findings on disk, the final figures.

Each worker draws cases (:mod:`tools.fuzz.cases`) from its own seeded random source, runs
each through ``xzjd.cli.main`` in the process with stdout and stderr captured (``LANG`` set
to English or Chinese, ``XZJD_DEBUG`` set so that an internal error escapes with its
traceback) and through the API, and checks the outcome (:mod:`tools.fuzz.oracle`). CPU time
is measured with ``time.process_time``, so a busy machine does not make inputs look slow;
an input still running after :data:`HARD_LIMIT` CPU seconds is stopped by a profiling
timer. Findings are written as they are found; the first :data:`KEEP` inputs of each
signature are kept, the others only counted.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.fuzz import oracle
from tools.fuzz.cases import WEIGHTS, Builder, Case
from tools.fuzz.corpus import ROOT, load
from tools.fuzz.mutate import Mutator

#: CPU seconds after which an input is stopped (it is a slow finding long before).
HARD_LIMIT = 60.0
#: Inputs kept on disk per finding signature.
KEEP = 3
#: Characters of stdout and stderr kept per command (the rest is counted, not stored).
CAPTURE = 4_000_000


@dataclass
class Config:
    """What to run: for how long or how many inputs, on how many processes, from which seed."""

    minutes: float = 1.0
    processes: int = 1
    seed: int = 1
    out: Path | None = None
    inputs: int | None = None  # stop after this many inputs per worker (else: after minutes)
    kinds: tuple[str, ...] = tuple(WEIGHTS)


@dataclass
class Report:
    """The figures of a run."""

    inputs: int = 0
    per_kind: Counter[str] = field(default_factory=Counter)
    cpu_seconds: float = 0.0  # of the worker processes, set-up included
    input_seconds: float = 0.0  # CPU of the inputs themselves
    wall_seconds: float = 0.0
    slowest: tuple[float, str, int, str] = (0.0, "", 0, "")  # cpu, kind, size, argv
    findings: Counter[str] = field(default_factory=Counter)  # signature -> count
    categories: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # signature -> first summary+path
    out: str = ""

    def merge(self, data: dict[str, Any]) -> None:
        self.inputs += data["inputs"]
        self.per_kind.update(data["per_kind"])
        self.cpu_seconds += data["cpu_seconds"]
        self.input_seconds += data["input_seconds"]
        slowest = tuple(data["slowest"])
        if slowest[0] > self.slowest[0]:
            self.slowest = (float(slowest[0]), str(slowest[1]), int(slowest[2]), str(slowest[3]))
        self.findings.update(data["findings"])
        self.categories.update(data["categories"])
        for sig, text in data["examples"].items():
            self.examples.setdefault(sig, text)

    def as_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "per_kind": dict(self.per_kind),
            "cpu_seconds": self.cpu_seconds,
            "input_seconds": self.input_seconds,
            "slowest": list(self.slowest),
            "findings": dict(self.findings),
            "categories": dict(self.categories),
            "examples": self.examples,
        }

    def render(self) -> str:
        """The figures, as printed at the end of a run."""
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.per_kind.items()))
        cpu, kind, size, argv = self.slowest
        lines = [
            f"inputs tried: {self.inputs} ({kinds})",
            f"CPU-minutes: {self.cpu_seconds / 60:.2f} ({self.input_seconds / 60:.2f} in the inputs"
            f" themselves; wall {self.wall_seconds / 60:.2f} min)",
            f"slowest input: {cpu:.2f} s CPU, {kind}, {size} bytes: {argv}",
        ]
        total = sum(self.findings.values())
        if not total:
            lines.append("findings: none")
        else:
            cats = ", ".join(f"{c} {n}" for c, n in sorted(self.categories.items()))
            lines.append(
                f"findings: {total} ({cats}), {len(self.findings)} distinct, in {self.out}"
            )
            for sig, n in self.findings.most_common():
                lines.append(f"  {n:6d}  {sig}  {self.examples.get(sig, '')}")
        return "\n".join(lines)


class _Timeout(BaseException):
    """Raised by the profiling timer in an input that runs too long (not an Exception, so
    that ``except Exception`` in xzjd does not swallow it)."""


@contextmanager
def _cpu_limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise _Timeout()

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


class _Capture(io.StringIO):
    """A text stream that keeps the first :data:`CAPTURE` characters written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.kept = 0

    def write(self, s: str) -> int:
        if self.kept < CAPTURE:
            piece = s[: CAPTURE - self.kept]
            self.kept += len(piece)
            super().write(piece)
        return len(s)


@dataclass
class Outcome:
    status: int | None
    stderr: str
    error: str | None  # an escaped exception, with its innermost xzjd frame
    signature: str | None
    cpu: float
    timed_out: bool
    truncated: bool = False


def _innermost(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "xzjd" in f.filename]
    if not frames:
        return "?"
    f = frames[-1]
    return f"{Path(f.filename).name}:{f.lineno}:{f.name}"


def _call(fn: Callable[[], Any]) -> tuple[Any, BaseException | None, float, bool]:
    start = time.process_time()
    try:
        with _cpu_limit(HARD_LIMIT):
            return fn(), None, time.process_time() - start, False
    except _Timeout:
        return None, None, time.process_time() - start, True
    except SystemExit as exc:
        return exc.code, None, time.process_time() - start, False
    except BaseException as exc:  # everything else is a finding
        if isinstance(exc, KeyboardInterrupt):
            raise
        return None, exc, time.process_time() - start, False


def _run_cli(argv: list[str], lang: str) -> Outcome:
    from xzjd.cli import commands as cli

    names = ("LANG", "LC_ALL", "LC_MESSAGES", "XZJD_DEBUG")
    saved_env = {name: os.environ.get(name) for name in names}
    os.environ.pop("LC_ALL", None)
    os.environ.pop("LC_MESSAGES", None)
    os.environ["LANG"] = "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8"
    os.environ["XZJD_DEBUG"] = "1"
    out, err = _Capture(), _Capture()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status, exc, cpu, timed_out = _call(lambda: cli.main(argv))
    finally:
        sys.stdout, sys.stderr = saved
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    error = signature = None
    if exc is not None:
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
        signature = f"internal:{type(exc).__name__}:{_innermost(exc)}"
    elif status == 3:
        error = "exit status 3"
        signature = "internal:exit-3"
    return Outcome(status, err.getvalue(), error, signature, cpu, timed_out, err.kept >= CAPTURE)


def _run_api(case: Case, folder: Path) -> Outcome | None:
    import xzjd
    from xzjd.errors import XzjdError

    if case.api is None:
        return None
    what, name = case.api
    data = case.files[name]

    def call() -> None:
        handle = io.BytesIO(data)
        handle.name = name
        if what == "notice":
            from xzjd.calendar.notice import read_notice

            read_notice(folder / name)
        elif what == "calendar":
            from xzjd.calendar import Calendar

            Calendar.from_file(folder / name)
        elif what == "loads":
            xzjd.loads(data.decode("utf-8", "replace"), file=name)
        elif what == "agencies":
            xzjd.read_agencies(handle)
        elif what == "filings":
            xzjd.read_filings(handle)
        else:
            xzjd.read_events(handle)

    _, exc, cpu, timed_out = _call(call)
    error = signature = None
    if exc is not None and not isinstance(exc, XzjdError):
        error = f"{type(exc).__name__}: {str(exc)[:300]}"
        signature = f"internal-api:{what}:{type(exc).__name__}:{_innermost(exc)}"
    return Outcome(None, "", error, signature, cpu, timed_out)


class Worker:
    """One process's share of a run."""

    def __init__(self, index: int, config: Config, out: Path) -> None:
        self.started = time.process_time()
        self.index = index
        self.config = config
        self.out = out
        self.rng = random.Random(config.seed * 1_000_003 + index)
        self.corpus = load()
        from xzjd.language import syntax_errors as _syntax

        words = sorted({w for ws in _syntax.keywords().values() for w in ws})
        self.mutator = Mutator(self.rng, words, self.corpus.all_seeds())
        self.builder = Builder(self.rng, self.corpus, self.mutator)
        self.builder.refill_structured = self._structured
        self.report = Report(out=str(out))
        self.saved: Counter[str] = Counter()
        self.found = 0
        self.batch = 0

    def _structured(self) -> list[str]:
        """A batch of valid rulesets printed in English or Chinese, from tests/strategies.py."""
        try:
            if str(ROOT / "tests") not in sys.path:
                sys.path.insert(0, str(ROOT / "tests"))
            from hypothesis import HealthCheck, Phase, given, settings
            from hypothesis import seed as hypothesis_seed
            from hypothesis import strategies as st

            from strategies import rulesets
            from xzjd.language import to_text
        except ImportError:  # hypothesis is a test dependency
            return []
        texts: list[str] = []
        self.batch += 1

        @hypothesis_seed(self.config.seed * 7919 + self.index * 104729 + self.batch)
        @settings(
            max_examples=25,
            database=None,
            phases=[Phase.generate],
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(rulesets(), st.sampled_from(["en", "zh"]))
        def collect(model: Any, lang: str) -> None:
            with suppress(ValueError):  # a model no rules file can express
                texts.append(to_text(model, lang))

        collect()
        return texts

    def run(self) -> Report:
        """Run until the time or the count of inputs is reached."""
        config = self.config
        kinds = [k for k in config.kinds if k in WEIGHTS]
        weights = [WEIGHTS[k] for k in kinds]
        base = Path(tempfile.mkdtemp(prefix="xzjd-fuzz-"))
        try:
            for folder, store in (
                ("yunnan-2010", self.corpus.yunnan),
                ("tutorial", self.corpus.tutorial),
            ):
                (base / folder).mkdir()
                for name, data in store.items():
                    (base / folder / name).write_bytes(data)
            deadline = time.monotonic() + config.minutes * 60
            n = 0
            while True:
                if config.inputs is not None:
                    if n >= config.inputs:
                        break
                elif time.monotonic() >= deadline:
                    break
                kind = self.rng.choices(kinds, weights)[0]
                case = self.builder.build(kind)
                self._one(case, base)
                n += 1
                self.report.cpu_seconds = time.process_time() - self.started
                if n % 25 == 0:
                    self._write_stats()
        finally:
            shutil.rmtree(base, ignore_errors=True)
        self._write_stats()
        return self.report

    def _one(self, case: Case, base: Path) -> None:
        folder = base / "case"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        argv = [a.replace("{case}", str(folder)).replace("{base}", str(base)) for a in case.argv]
        cli = _run_cli(argv, case.lang)
        api = _run_api(case, folder)
        cpu = cli.cpu + (api.cpu if api else 0.0)
        report = self.report
        report.inputs += 1
        report.per_kind[case.kind] += 1
        report.input_seconds += cpu
        shown = " ".join(a.replace(str(base), "") for a in argv)[:300]
        if cpu > report.slowest[0]:
            report.slowest = (cpu, case.kind, case.size, shown)
        findings: list[oracle.Finding] = []
        for outcome in (cli, api):
            if outcome is not None and outcome.signature is not None:
                category = "internal" if outcome.signature.startswith("internal") else "other"
                findings.append(oracle.Finding(category, outcome.signature, outcome.error or ""))
        timed_out = cli.timed_out or (api is not None and api.timed_out)
        if (cpu > oracle.SLOW_SECONDS or timed_out) and case.size <= oracle.SLOW_SIZE:
            findings.append(
                oracle.Finding("slow", f"slow:{case.kind}:{case.argv[0]}", f"{cpu:.1f} s CPU")
            )
        if cli.error is None:
            findings.extend(oracle.check_stderr(cli.stderr, truncated=cli.truncated))
        seen: set[str] = set()
        for f in findings:
            if f.signature in seen:
                continue
            seen.add(f.signature)
            self._record(f, case, argv, cli.stderr, base)

    def _record(
        self, finding: oracle.Finding, case: Case, argv: list[str], stderr: str, base: Path
    ) -> None:
        report = self.report
        report.findings[finding.signature] += 1
        report.categories[finding.category] += 1
        self.saved[finding.signature] += 1
        if self.saved[finding.signature] > KEEP:
            return
        self.found += 1
        name = f"w{self.index}-{self.found:04d}-{finding.category}"
        where = self.out / name
        where.mkdir(parents=True, exist_ok=True)
        for file, data in case.files.items():
            if file in self.corpus.yunnan and data == self.corpus.yunnan[file]:
                continue  # an unchanged example file
            (where / file).write_bytes(data)
        shown = [
            a.replace(str(base / "case"), ".").replace(str(base), str(ROOT / "examples"))
            for a in argv
        ]
        summary = f"{finding.signature} :: {finding.summary} :: xzjd {' '.join(shown)}"[:2000]
        (where / "summary.txt").write_text(summary + "\n", encoding="utf-8")
        (where / "stderr.txt").write_text(stderr[:20_000], encoding="utf-8", errors="replace")
        (where / "argv.json").write_text(
            json.dumps({"argv": shown, "lang": case.lang}, ensure_ascii=False)
        )
        with (self.out / "findings.txt").open("a", encoding="utf-8") as index:
            index.write(f"{name}  {summary[:300]}\n")
        report.examples.setdefault(finding.signature, f"{finding.summary[:100]} ({name})")

    def _write_stats(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        path = self.out / f"worker-{self.index}.json"
        path.write_text(json.dumps(self.report.as_dict(), ensure_ascii=False), encoding="utf-8")


def _worker_main(index: int, config: Config, out: Path) -> None:
    Worker(index, config, out).run()


def run(config: Config) -> Report:
    """Run the fuzz harness and return its figures (also written to the output folder).

    With one process the worker runs in this process; with more, each runs in its own, and
    a process still running well after the time is up is stopped (its figures so far count).
    """
    out = config.out or Path(tempfile.gettempdir()) / f"xzjd-fuzz-{config.seed}"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("worker-*.json"):
        old.unlink()
    started = time.monotonic()
    if config.processes <= 1:
        report = Worker(0, config, out).run()
    else:
        procs = [
            multiprocessing.Process(target=_worker_main, args=(i, config, out), daemon=True)
            for i in range(config.processes)
        ]
        for p in procs:
            p.start()
        limit = config.minutes * 60 + 2 * HARD_LIMIT
        for p in procs:
            p.join(max(1.0, started + limit - time.monotonic()))
        for p in procs:
            if p.is_alive():
                p.terminate()
                p.join()
        report = Report(out=str(out))
        for path in sorted(out.glob("worker-*.json")):
            report.merge(json.loads(path.read_text(encoding="utf-8")))
    report.wall_seconds = time.monotonic() - started
    report.out = str(out)
    (out / "report.txt").write_text(report.render() + "\n", encoding="utf-8")
    return report
