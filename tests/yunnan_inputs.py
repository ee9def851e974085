"""The bundled Yunnan example as the tests run ``xzjd check`` on it."""

from __future__ import annotations

from pathlib import Path

YUNNAN = Path(__file__).resolve().parents[1] / "examples" / "yunnan-2010"

#: ``xzjd check`` of the Yunnan rules, agencies, filings and events on 15 November 2010.
CHECK = [
    "check",
    str(YUNNAN / "rules.zh.xzjd"),
    "--agencies",
    str(YUNNAN / "agencies.csv"),
    "--filings",
    str(YUNNAN / "filings.csv"),
    "--events",
    str(YUNNAN / "events.csv"),
    "--on",
    "2010-11-15",
]
