"""The facts a ruleset is evaluated against: strict CSV/JSON tables read with positions, the
agency registry and its resolution of recipients, filings, events and cases."""

from __future__ import annotations

from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.cases import Case, CaseRow, check_cases, iter_cases, read_cases
from xzjd.facts.files import decode_utf8
from xzjd.facts.tables import Event, Filing, read_events, read_filings

__all__ = [
    "Agency",
    "Case",
    "CaseRow",
    "Event",
    "Filing",
    "Registry",
    "check_cases",
    "decode_utf8",
    "iter_cases",
    "read_agencies",
    "read_cases",
    "read_events",
    "read_filings",
]
