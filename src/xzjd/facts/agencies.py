# SPDX-License-Identifier: MIT
"""Agencies: who owes a duty and who receives it.

An agencies file lists ``id,name,kind,level,region,tags,system`` (CSV or a JSON array of
objects; ``tags`` and ``system`` may be left out). Kind and level may be written in English or
in Chinese, and the kind may be one the ruleset declares (its name or its title); the region
is a ``/`` path such as ``云南省/昆明市``; tags are ``;``-separated; the system (条线) names the
line of work an agency belongs to (``统计``), for counterpart recipients.

Bearers (``applies to``) pick agencies: ``every administrative organ`` picks every agency,
``every county supervisory organ`` the supervisory organs at county level, ``every department
tagged approval-heavy`` the departments with that tag, an agency id that agency.

Recipients are resolved per agency: ``the same-level X`` is the agency of kind X in the same
region, ``the upper-level X`` the agency of kind X in the parent region (with ``tagged T``,
only those with tag T), ``the upper-level counterpart`` the agency of the same system in the
parent region, an agency id that agency. Two decisions (see docs/evaluation.md):

* When several agencies of kind X sit in the region, **each of them** is a recipient and each
  must receive the filing (the duty is to file with all of them).
* An agency is never its own recipient: the same-level supervisory organ of a supervisory organ
  is itself, so it is left out. The duty itself stays (a period with no recipient is satisfied by
  any accepted filing).

A recipient that does not exist (no upper-level organ above a province) is reported as missing;
the evaluation warns and goes on with the recipients that exist.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from xzjd.errors import Diagnostic, Span
from xzjd.facts.cells import require
from xzjd.facts.rows import Row
from xzjd.model import (
    AgencyBearer,
    AgencyRecipient,
    AnyKind,
    Bearer,
    CounterpartRecipient,
    DeclaredKind,
    Kind,
    Level,
    Recipient,
    Relation,
)
from xzjd.text.close_words import CloseWords
from xzjd.vocab import KIND_SPELLINGS, KIND_ZH, LEVEL_SPELLINGS, recipient_words

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["Agency", "AgencyCodes", "Registry", "describe_recipient", "has_counterpart"]


_SPACES = re.compile(r"[\s_-]+")


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """A kind or level as spelt in a file, in the form the spelling tables use (cached: a
    registry of 300,000 agencies spells a few dozen kinds and levels)."""
    text = text.strip().lower().replace("（", "(").replace("）", ")")
    return _SPACES.sub(" ", text)


@functools.lru_cache(maxsize=65536)
def _region(text: str) -> tuple[str, ...]:
    """The parts of a region path (cached: many agencies share a region)."""
    return tuple(p.strip() for p in text.replace("／", "/").split("/") if p.strip())


@functools.lru_cache(maxsize=4096)
def _tags(text: str) -> frozenset[str]:
    """The tags of a ``;``-separated cell (cached: few sets of tags repeat)."""
    return frozenset(t.strip() for t in text.replace("；", ";").split(";") if t.strip())


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _string_set(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


@attrs.frozen(kw_only=True)
class Agency:
    """One agency of the agencies file.

    Attributes:
        id: the id filings and rules use (letters in any script, digits, ``-``, ``_``).
        name: the display name.
        kind: its kind (never ``ADMINISTRATIVE_ORGAN``: every agency is one), built in or
            declared by the ruleset.
        level: its level, or ``None`` when the file leaves it empty.
        region: the region path, outermost first: ``("云南省", "昆明市")``.
        tags: its tags.
        system: its system (条线, ``统计``), or ``None``: counterpart recipients are the
            agencies of the same system one level up.
    """

    id: str
    name: str
    kind: AnyKind
    level: Level | None = None
    region: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_string_set)
    system: str | None = None
    file: str = attrs.field(default="<string>", eq=False, repr=False)
    line: int = attrs.field(default=0, eq=False, repr=False)
    line_text: str | None = attrs.field(default=None, eq=False, repr=False)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    #: The row of a workbook (``Sheet1!A7:F7``) the agency was read from, if it was.
    place: str | None = attrs.field(default=None, eq=False, repr=False)


def describe_recipient(recipient: Recipient, lang: str = "en") -> str:
    """``the upper-level supervisory organ`` / ``上级行政监察机关`` / an agency id."""
    if isinstance(recipient, AgencyRecipient):
        return recipient.agency
    return recipient_words(recipient, lang)


def bearer_matches(agency: Agency, bearer: Bearer) -> bool:
    """Whether *bearer* picks *agency*."""
    if isinstance(bearer, AgencyBearer):
        return bearer.agency == agency.id
    if bearer.kind is not Kind.ADMINISTRATIVE_ORGAN and bearer.kind != agency.kind:
        return False
    if bearer.level is not None and bearer.level is not agency.level:
        return False
    return bearer.tag is None or bearer.tag in agency.tags


@attrs.frozen(eq=False)
class AgencyCodes:
    """The agencies of a :class:`Registry` as integer codes, one entry per agency in file
    order, made once with the registry: what the evaluation groups agencies by, with array
    operations and Python work per distinct value rather than per agency.

    Attributes:
        ids: each agency's id.
        position: the position of the agency with each id (the last one, if an id repeats).
        unique: whether every id is the id of one agency.
        region: each agency's region, as its index in ``regions``.
        regions: the distinct regions, in the order they first appear.
        system: each agency's system, as its index in ``systems``.
        systems: ``None`` (no system), then the distinct systems in the order they first
            appear.
        profile: each agency's profile, as its index in ``profiles``: the agencies of one
            profile have equal kinds, levels and tags.
        profiles: the first agency of each profile.
    """

    ids: tuple[str, ...]
    position: Mapping[str, int]
    unique: bool
    region: NDArray[np.int32]
    regions: tuple[tuple[str, ...], ...]
    system: NDArray[np.int32]
    systems: tuple[str | None, ...]
    profile: NDArray[np.int32]
    profiles: tuple[Agency, ...]

    @classmethod
    def of(cls, agencies: Sequence[Agency]) -> AgencyCodes:
        """The codes of *agencies*."""
        ids = tuple([a.id for a in agencies])
        position = dict(zip(ids, range(len(ids)), strict=True))
        region, regions = _coded([a.region for a in agencies])
        system, systems = _coded([None, *[a.system for a in agencies]])
        # Kinds and levels are shared objects: their ids stand for them (enum members hash
        # in Python code); equal kinds that are distinct objects make two profiles.
        profile, _ = _coded([(id(a.kind), id(a.level), a.tags) for a in agencies])
        _, first = np.unique(profile, return_index=True)
        return cls(
            ids=ids,
            position=position,
            unique=len(position) == len(ids),
            region=region,
            regions=tuple(regions),
            system=system[1:],
            systems=tuple(systems),
            profile=profile,
            profiles=tuple([agencies[i] for i in first.tolist()]),
        )


def _coded(values: list[Any]) -> tuple[NDArray[np.int32], list[Any]]:
    """The number of each of *values* among the distinct ones, and the distinct ones in the
    order they first appear."""
    numbers: dict[Any, int] = dict.fromkeys(values, 0)
    for i, value in enumerate(numbers):
        numbers[value] = i
    return np.fromiter(map(numbers.__getitem__, values), np.int32, len(values)), list(numbers)


class Registry:
    """The agencies of one file, indexed by id and by (kind, region).

    Iterating gives the agencies in file order.
    """

    def __init__(self, agencies: Iterable[Agency], *, file: str = "<string>") -> None:
        self.agencies: tuple[Agency, ...] = tuple(agencies)
        self.file = file
        self._by_id: dict[str, Agency] = {a.id: a for a in self.agencies}
        self._by_place: dict[tuple[AnyKind, tuple[str, ...]], list[Agency]] = {}
        self._by_region: dict[tuple[str, ...], list[Agency]] = {}
        self._by_system: dict[tuple[str, tuple[str, ...]], list[Agency]] = {}
        self._sorted: list[Agency] | None = None
        self._close: CloseWords | None = None
        self._by_kind: dict[AnyKind, list[Agency]] = {}
        # Resolved recipients, by (recipients, system), then by region.
        self._recipients_cache: dict[
            tuple[tuple[Recipient, ...], str | None],
            dict[tuple[str, ...], tuple[tuple[str, ...], tuple[Recipient, ...]]],
        ] = {}
        for agency in self.agencies:
            self._by_place.setdefault((agency.kind, agency.region), []).append(agency)
            self._by_region.setdefault(agency.region, []).append(agency)
            if agency.system is not None:
                self._by_system.setdefault((agency.system, agency.region), []).append(agency)
        #: The agencies as integer codes (:class:`AgencyCodes`).
        self.codes = AgencyCodes.of(self.agencies)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies)

    def __len__(self) -> int:
        return len(self.agencies)

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self._by_id

    def __getitem__(self, agency_id: str) -> Agency:
        return self._by_id[agency_id]

    def get(self, agency_id: str) -> Agency | None:
        """The agency with this id, or ``None``."""
        return self._by_id.get(agency_id)

    def suggest(self, ident: str) -> str | None:
        """The agency id closest to the unknown *ident* ("did you mean"), or ``None``; in
        bounded time however many agencies there are
        (:class:`~xzjd.text.close_words.CloseWords`)."""
        if self._close is None:
            self._close = CloseWords(self._by_id)
        return self._close.best(ident)

    @property
    def ids(self) -> Mapping[str, Agency]:
        """Agencies by id."""
        return self._by_id

    def bearers(self, bearers: Sequence[Bearer]) -> list[Agency]:
        """The agencies any of *bearers* picks, sorted by id."""
        if self._sorted is None:
            self._sorted = sorted(self.agencies, key=lambda a: a.id)
            for a in self._sorted:
                self._by_kind.setdefault(a.kind, []).append(a)
        picked: dict[str, Agency] = {}
        for b in bearers:
            if isinstance(b, AgencyBearer):
                found = self._by_id.get(b.agency)
                if found is not None:
                    picked[found.id] = found
                continue
            pool = (
                self._sorted
                if b.kind is Kind.ADMINISTRATIVE_ORGAN
                else self._by_kind.get(b.kind, [])
            )
            if b.level is None and b.tag is None:
                if len(bearers) == 1:
                    return list(pool)
                picked.update((a.id, a) for a in pool)
                continue
            level, tag = b.level, b.tag
            for a in pool:
                if (level is None or a.level is level) and (tag is None or tag in a.tags):
                    picked[a.id] = a
        if len(bearers) == 1:
            return list(picked.values())  # already in id order
        return sorted(picked.values(), key=lambda a: a.id)

    def recipients(
        self, agency: Agency, recipients: Sequence[Recipient]
    ) -> tuple[tuple[str, ...], tuple[Recipient, ...]]:
        """Resolve the recipients of a duty owed by *agency*.

        Args:
            agency: the agency that owes the duty.
            recipients: the recipients the rule names.

        Returns:
            The ids of the recipients that exist (rule order, each once, never *agency*
            itself) and the recipients that do not exist for this agency.
        """
        system = agency.system if has_counterpart(recipients) else None
        ids_found, ids_missing = self.region_recipients(agency.region, recipients, system)
        if agency.id in ids_found:
            ids_found = tuple(i for i in ids_found if i != agency.id)
        return ids_found, ids_missing

    def region_recipients(
        self,
        region: tuple[str, ...],
        recipients: Sequence[Recipient],
        system: str | None = None,
    ) -> tuple[tuple[str, ...], tuple[Recipient, ...]]:
        """Resolve the recipients of a duty owed in *region* (computed once per region, and
        per *system* for counterpart recipients).

        Like :meth:`recipients`, but no agency is left out: the ids of the recipients that
        exist (rule order, each once) and the recipients that do not exist in the region.
        *system* is the owing agency's system (条线): without one, ``the upper-level
        counterpart`` does not exist.
        """
        return self.regions_recipients((region,), recipients, system)[0]

    def regions_recipients(
        self,
        regions: Iterable[tuple[str, ...]],
        recipients: Sequence[Recipient],
        system: str | None = None,
    ) -> list[tuple[tuple[str, ...], tuple[Recipient, ...]]]:
        """:meth:`region_recipients` for each of *regions* (the recipients looked up once)."""
        key = (tuple(recipients), system)
        cache = self._recipients_cache.get(key)
        if cache is None:
            cache = self._recipients_cache[key] = {}
        out = []
        for region in regions:
            cached = cache.get(region)
            if cached is None:
                found: list[str] = []
                missing: list[Recipient] = []
                for recipient in recipients:
                    ids = self._resolve(region, recipient, system)
                    if ids is None:
                        missing.append(recipient)
                        continue
                    for ident in ids:
                        if ident not in found:
                            found.append(ident)
                cached = cache[region] = (tuple(found), tuple(missing))
            out.append(cached)
        return out

    def _resolve(
        self, region: tuple[str, ...], recipient: Recipient, system: str | None
    ) -> list[str] | None:
        if isinstance(recipient, AgencyRecipient):
            return [recipient.agency] if recipient.agency in self._by_id else None
        if isinstance(recipient, CounterpartRecipient):
            if system is None or not region:
                return None
            matches = self._by_system.get((system, region[:-1]), [])
            return sorted(a.id for a in matches) or None
        if recipient.relation is not Relation.SAME_LEVEL:
            if not region:
                return None
            region = region[:-1]
        if recipient.kind is Kind.ADMINISTRATIVE_ORGAN:
            matches = self._by_region.get(region, [])
        else:
            matches = self._by_place.get((recipient.kind, region), [])
        tag = recipient.tag
        if tag is not None:
            matches = [a for a in matches if tag in a.tags]
        if not matches:
            return None
        return sorted(a.id for a in matches)


_COLUMNS_REQUIRED = ("id", "name", "kind", "level", "region")
_COLUMNS_OPTIONAL = ("tags", "system")


def has_counterpart(recipients: Sequence[Recipient]) -> bool:
    """Whether *recipients* name ``the upper-level counterpart`` (resolved per system)."""
    return any(isinstance(r, CounterpartRecipient) for r in recipients)


def _kind(
    row: Row, diags: list[Diagnostic], declared: Mapping[str, DeclaredKind]
) -> AnyKind | None:
    value = require(row, "kind", diags)
    if value is None:
        return None
    kind: AnyKind | None = KIND_SPELLINGS.get(_norm(value))
    if kind is None:
        kind = declared.get(_norm(value))
    if kind is not None:
        return kind
    key = "input/unknown-kind"
    if _norm(value) in (Kind.ADMINISTRATIVE_ORGAN.value, KIND_ZH[Kind.ADMINISTRATIVE_ORGAN]):
        key = "input/unknown-kind#administrative-organ"
    diags.append(row.diagnostic(key, "kind", value=value))
    return None


def _level(row: Row, diags: list[Diagnostic]) -> tuple[bool, Level | None]:
    value = row.get("level")
    if value is None:
        return True, None
    level = LEVEL_SPELLINGS.get(_norm(value))
    if level is not None:
        return True, level
    diags.append(row.diagnostic("input/unknown-level", "level", value=value))
    return False, None
