"""The facts a ruleset is evaluated against: strict CSV/JSON tables read with positions, the
agency registry and its resolution of recipients, filings and events."""

from __future__ import annotations

from xzjd.facts.agencies import Agency, Registry, read_agencies
from xzjd.facts.files import decode_utf8
from xzjd.facts.tables import Event, Filing, read_events, read_filings

__all__ = [
    "Agency",
    "Event",
    "Filing",
    "Registry",
    "decode_utf8",
    "read_agencies",
    "read_events",
    "read_filings",
]
