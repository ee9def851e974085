# SPDX-License-Identifier: MIT
"""The seeds of the fuzz harness: the repository's example files, and JSON copies of its CSVs."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# Which seed files are which kind of input.
_RULES = {
    "rules-en": ["yunnan-2010/rules.en.xzjd", "tutorial/rules.xzjd"],
    "rules-zh": ["yunnan-2010/rules.zh.xzjd"],
}
_DATA = {
    "agencies": ["yunnan-2010/agencies.csv", "tutorial/agencies.csv"],
    "filings": ["yunnan-2010/filings.csv", "tutorial/filings.csv"],
    "events": ["yunnan-2010/events.csv"],
}
_TESTS = ["yunnan-2010/yunnan.test.xzjd", "yunnan-2010/yunnan.en.test.xzjd"]
_NOTICES = ["2010.txt", "2020.txt", "2026.txt"]  # tools/notices: as published
# The TOML calendar file of docs/calendar.md.
_CALENDAR_TOML = """name = "cn-2027"
base = "cn"
notice = "国办发明电〔2026〕N号 国务院办公厅关于2027年部分节假日安排的通知"
years = [2027]

[[rest]]
from = 2027-10-01
to = 2027-10-07
name = "国庆节"
name_en = "National Day"

[[rest]]
date = 2027-01-01
name = "元旦"

[[work]]
date = 2027-09-26
name = "国庆节"
"""


@dataclass
class Corpus:
    """Seed files by kind (``rules-en``, ``agencies-csv``, ``filings-json``, ``test``...).

    ``files`` maps a kind to ``(name, bytes)`` pairs; ``yunnan`` holds the Yunnan example
    folder (rules, data, scenario files) and ``tutorial`` the tutorial folder, which
    scenario files and commands refer to.
    """

    files: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)
    yunnan: dict[str, bytes] = field(default_factory=dict)
    tutorial: dict[str, bytes] = field(default_factory=dict)

    def all_seeds(self) -> list[bytes]:
        """Every seed, for splicing one input into another."""
        return [data for pairs in self.files.values() for _, data in pairs]


def to_json(data: bytes, *, tags_as_list: bool = False) -> bytes:
    """A CSV file as a JSON array of objects (empty cells as null), one object a line."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    out = []
    for r in rows:
        obj: dict[str, object] = {k: (v if v != "" else None) for k, v in r.items()}
        if tags_as_list and "tags" in obj:
            tags = obj["tags"]
            obj["tags"] = [] if tags is None else str(tags).split(";")
        out.append(obj)
    lines = ",\n".join("  " + json.dumps(o, ensure_ascii=False) for o in out)
    return ("[\n" + lines + "\n]\n").encode("utf-8")


def load() -> Corpus:
    """Read the seeds from examples/."""
    corpus = Corpus()
    for kind, names in _RULES.items():
        corpus.files[kind] = [(n, (EXAMPLES / n).read_bytes()) for n in names]
    for what, names in _DATA.items():
        csvs = [(n, (EXAMPLES / n).read_bytes()) for n in names]
        corpus.files[f"{what}-csv"] = csvs
        corpus.files[f"{what}-json"] = [
            (n.replace(".csv", ".json"), to_json(b, tags_as_list=what == "agencies"))
            for n, b in csvs
        ]
    corpus.files["test"] = [(n, (EXAMPLES / n).read_bytes()) for n in _TESTS]
    notices = ROOT / "tools" / "notices"
    corpus.files["notice"] = [
        (n, (notices / n).read_bytes()) for n in _NOTICES if (notices / n).exists()
    ]
    cn = (ROOT / "src" / "xzjd" / "data" / "cn.csv").read_bytes().split(b"\n")
    corpus.files["calendar-csv"] = [("cal.csv", b"\n".join(cn[:1] + cn[120:180]) + b"\n")]
    corpus.files["calendar-toml"] = [("cal.toml", _CALENDAR_TOML.encode())]
    for folder, store in (("yunnan-2010", corpus.yunnan), ("tutorial", corpus.tutorial)):
        for path in sorted((EXAMPLES / folder).iterdir()):
            if path.is_file():
                store[path.name] = path.read_bytes()
    return corpus
