# SPDX-License-Identifier: MIT
"""What each kind of fuzz input is run as: the files, the command line, the API call.

A :class:`Case` names its files (written into a fresh folder), the arguments of
``xzjd.cli.main`` (``{case}`` stands for that folder, ``{base}`` for the folder holding the
unchanged examples) and the API call to make on its main file. Kinds:

=================  =======================================================================
``rules-en/zh``    a mutated rules file: ``check``, ``fmt``, ``check`` with data,
                   ``agenda``, ``explain``; API ``xzjd.loads``
``<data>-csv``     a mutated agencies, filings or events file (CSV, or JSON for ``-json``)
                   evaluated with the Yunnan rules (``check``, ``agenda``); API ``read_*``
``test``           a mutated scenario file next to the Yunnan files: ``xzjd test``
``args``           a valid command with an option mutated, dropped or repeated
``structured``     a valid ruleset from tests/strategies.py, printed in English or
                   Chinese and mutated half the time, run as ``rules-en/zh`` are
=================  =======================================================================
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tools.fuzz.corpus import Corpus
from tools.fuzz.mutate import DATES, NUMBERS, TEXT, Mutator

#: Kinds of input and how often each is drawn.
WEIGHTS = {
    "rules-en": 14,
    "rules-zh": 12,
    "agencies-csv": 6,
    "agencies-json": 5,
    "filings-csv": 6,
    "filings-json": 5,
    "events-csv": 5,
    "events-json": 4,
    "test": 6,
    "args": 8,
    "structured": 12,
    "notice": 3,
    "calendar-csv": 3,
    "calendar-toml": 3,
}

_YN = "{base}/yunnan-2010/"
_TUT = "{base}/tutorial/"
_OBLIGATION = re.compile(r"^(?:obligation|义务)\s+([a-z][a-z0-9-]*)", re.MULTILINE)
# A rules file over a calendar read from a file of the case.
_CALENDAR_RULES = """ruleset "x"
effective 2010-01-22
calendar local
deadlines on rest days move to the next working day

calendar local based on cn from "{file}"

obligation bimonthly-report "Bi-monthly progress report":
  applies to every government
  by the end of every even month, file progress report with the same-level supervisory organ
"""
_LABELS = ["once", "2010", "2011", "2010-04", "2010-B3", "2010-Q2", "2010-H1", "2010-11", "e1"]


@dataclass
class Case:
    """One input: files to write, a command line, an API call, a message language."""

    kind: str
    files: dict[str, bytes]
    argv: list[str]
    api: tuple[str, str] | None = None  # (what, file name): "loads", "agencies", ...
    lang: str = "en"
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Bytes of input."""
        return sum(len(b) for b in self.files.values())


class Builder:
    """Makes cases of every kind from the seeds, the mutator and a random source."""

    def __init__(self, rng: random.Random, corpus: Corpus, mutator: Mutator) -> None:
        self.rng = rng
        self.corpus = corpus
        self.mutator = mutator
        agencies = corpus.yunnan["agencies.csv"].decode("utf-8-sig").splitlines()[1:]
        self.agency_ids = [line.split(",", 1)[0] for line in agencies if line]
        rules = corpus.yunnan["rules.en.xzjd"].decode()
        self.obligation_ids = _OBLIGATION.findall(rules)
        self.structured: list[str] = []
        self.refill_structured: Callable[[], list[str]] | None = None  # set by the engine

    # ------------------------------------------------------------------ helpers

    def date(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return f"2010-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        if r < 0.85:
            return self.rng.choice(DATES)
        year = self.rng.randint(1, 9999)
        return f"{year:04d}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def agency(self) -> str:
        return self.rng.choice(self.agency_ids)

    def lang(self) -> str:
        return "zh" if self.rng.random() < 0.3 else "en"

    def rules_commands(self, rules: str, data: str) -> list[str]:
        """One command over the rules file *rules*, with the data of folder *data*."""
        a, f, e = data + "agencies.csv", data + "filings.csv", data + "events.csv"
        has_events = data == _YN
        choice = self.rng.randrange(9)
        if choice == 0:
            return ["check", rules]
        if choice == 8:
            year = self.date()[:4]
            return ["calendar", "show", year, *self.rng.choice(([], ["--format", "json"]))]
        if choice == 1:
            return [
                "fmt",
                *self.rng.choice(([], ["--lang", "en"], ["--lang", "zh"], ["--check"])),
                rules,
            ]
        if choice in (2, 3, 4):
            argv = ["check", rules, "--agencies", a, "--filings", f, "--on", self.date()]
            if has_events:
                argv += ["--events", e]
            if self.rng.random() < 0.3:
                argv += ["--format", self.rng.choice(("json", "csv", "table"))]
            if self.rng.random() < 0.2:
                argv += ["--since", self.date()]
            if self.rng.random() < 0.15:
                argv += [self.rng.choice(("--no-provisional", "--raw-csv"))]
            return argv
        if choice in (5, 6):
            start, end = sorted((self.date(), self.date()))
            argv = [
                "agenda",
                rules,
                "--agencies",
                a,
                "--agency",
                self.agency() if has_events else "km-gov",
            ]
            argv += ["--from", start, "--to", end]
            if has_events and self.rng.random() < 0.5:
                argv += ["--events", e]
            argv += ["--format", self.rng.choice(("table", "json", "ics"))]
            return argv
        obligation = self.rng.choice(self.obligation_ids) if has_events else "bimonthly-report"
        argv = ["explain", rules, "--agencies", a, "--filings", f, "--agency"]
        argv += [self.agency() if has_events else "km-gov", "--obligation", obligation]
        argv += ["--period", self.rng.choice(_LABELS), "--on", self.date()]
        return argv

    # ------------------------------------------------------------------ kinds

    def build(self, kind: str) -> Case:
        """A case of *kind*."""
        if kind in ("rules-en", "rules-zh"):
            name, seed = self.rng.choice(self.corpus.files[kind])
            data = _TUT if name.startswith("tutorial") else _YN
            return self._rules_case(kind, self.mutator.mutate(seed), data)
        if kind == "structured":
            if not self.structured and self.refill_structured is not None:
                self.structured = self.refill_structured()
            if not self.structured:
                return self.build("rules-en")
            text = self.structured.pop().encode()
            if self.rng.random() < 0.5:
                text = self.mutator.mutate(text)
            return self._rules_case(kind, text, _YN)
        if kind == "test":
            name, seed = self.rng.choice(self.corpus.files["test"])
            files = {n: b for n, b in self.corpus.yunnan.items() if not n.endswith(".test.xzjd")}
            files["fuzz.test.xzjd"] = self.mutator.mutate(seed)
            argv = ["test", "{case}/fuzz.test.xzjd"]
            options = ([], ["--explain"], ["--coverage"], ["--filter", "Kunming"])
            argv += self.rng.choice((*options, ["--no-provisional"]))
            return Case(kind, files, argv, lang=self.lang())
        if kind == "args":
            return self._args_case()
        if kind == "notice":
            _, seed = self.rng.choice(self.corpus.files[kind])
            argv = ["calendar", "import", "{case}/notice.txt"]
            if self.rng.random() < 0.3:
                argv += ["-o", "{case}/out.csv"]
            files = {"notice.txt": self.mutator.mutate(seed)}
            return Case(kind, files, argv, api=("notice", "notice.txt"), lang=self.lang())
        if kind in ("calendar-csv", "calendar-toml"):
            name, seed = self.rng.choice(self.corpus.files[kind])
            files = {name: self.mutator.mutate(seed)}
            if self.rng.random() < 0.5:
                year = self.rng.choice(("2010", "2027", "2004", "2099", self.date()[:4]))
                argv = ["calendar", "show", year, "--file", "{case}/" + name]
                argv += self.rng.choice(([], ["--format", "json"]))
            else:
                files["rules.xzjd"] = _CALENDAR_RULES.format(file=name).encode()
                argv = ["check", "{case}/rules.xzjd", "--agencies", _TUT + "agencies.csv"]
                argv += ["--filings", _TUT + "filings.csv", "--on", self.date()]
            return Case(kind, files, argv, api=("calendar", name), lang=self.lang())
        what, form = kind.split("-")
        name, seed = self.rng.choice(self.corpus.files[kind])
        file = f"{what}.{form}"
        data = self.mutator.mutate(seed)
        rules = _YN + self.rng.choice(("rules.en.xzjd", "rules.zh.xzjd"))
        argv = ["check", rules, "--agencies", _YN + "agencies.csv", "--on", self.date()]
        argv += ["--filings", _YN + "filings.csv", "--events", _YN + "events.csv"]
        option = "--" + what
        argv[argv.index(option) + 1] = "{case}/" + file
        if what == "agencies" and self.rng.random() < 0.3:
            start, end = sorted((self.date(), self.date()))
            argv = ["agenda", rules, "--agencies", "{case}/" + file, "--agency", self.agency()]
            argv += ["--from", start, "--to", end, "--events", _YN + "events.csv"]
        return Case(kind, {file: data}, argv, api=(what, file), lang=self.lang())

    def _rules_case(self, kind: str, text: bytes, data: str) -> Case:
        argv = self.rules_commands("{case}/rules.xzjd", data)
        return Case(kind, {"rules.xzjd": text}, argv, api=("loads", "rules.xzjd"), lang=self.lang())

    def _args_case(self) -> Case:
        """A valid command over the Yunnan files with one to three of its words changed."""
        rules = _YN + self.rng.choice(("rules.en.xzjd", "rules.zh.xzjd"))
        argv = self.rules_commands(rules, _YN)
        for _ in range(self.rng.randint(1, 3)):
            i = self.rng.randrange(len(argv))
            r = self.rng.random()
            if r < 0.4:
                argv[i] = self.rng.choice((*DATES, *NUMBERS[:12], *TEXT, "", "-", "--on", "x.csv"))
            elif r < 0.55:
                del argv[i]
                if not argv:
                    argv = ["check"]
            elif r < 0.7:
                argv.insert(i, argv[i])
            elif r < 0.85:
                argv[i] = self.mutator.mutate(argv[i].encode()).decode("utf-8", "replace")
            else:
                option = ("--on", "--agency", "--format", "--since", "-h", "--no-provisional")
                argv.insert(i, self.rng.choice((*option, "--raw-csv", "--fail-on", "--state")))
        return Case("args", {}, argv, lang=self.lang())
