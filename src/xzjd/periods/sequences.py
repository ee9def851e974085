# SPDX-License-Identifier: MIT
"""The deadline sequences: the nominal deadlines of a schedule, two questions in constant time.

Design: every calendar-driven schedule is a *sequence of nominal deadlines* that answers two
questions in constant time: the first nominal deadline on or after a day, and the last one
before a day. Recurring forms are cyclic within a year (a month index ``year * 12 + month`` is
all it takes), one-off forms hold a single date, a chained form maps its sources' sequences to
"day D of the following month" (a monotone map, so the same two questions reduce to the
sources'), and the ``effective`` date and ``from``/``until`` years just bound a sequence. A
period's window opens the day after the previous nominal deadline, which is the second
question. So finding the period that holds a date, looking a label up and listing periods cost
time proportional to the periods returned, never to the years since the schedule started.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from xzjd.periods.dates import MAX_YEAR, MIN_YEAR, ONE_DAY, add_months, day_in_month

__all__ = ["Bounded", "Cyclic", "Following", "Seq", "SeqUnion", "Shifted", "Single"]


class Seq:
    """A sorted set of nominal deadlines answering two questions in constant time."""

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        raise NotImplementedError

    def last_before(self, d: dt.date) -> dt.date | None:
        raise NotImplementedError


class Cyclic(Seq):
    """Deadlines on fixed (month, day) entries every year; ``day=None`` is the month's end.

    Entries are kept sorted by ``(month, day)`` with the month's end as day 99. Clamping a day
    to a short month's end never moves it past a day of the same month that is asked about, so
    a binary search on ``(month, day)`` finds the answer directly, leap year or not.
    """

    def __init__(self, entries: Iterable[tuple[int, int | None]]) -> None:
        keyed = sorted({(m, 99 if d is None else d) for m, d in entries})
        self.entries: tuple[tuple[int, int | None], ...] = tuple(
            (m, None if d == 99 else d) for m, d in keyed
        )
        self._keys = tuple(keyed)

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        i = bisect.bisect_left(self._keys, (d.month, d.day))
        year = d.year
        if i == len(self._keys):
            i, year = 0, year + 1
            if year > MAX_YEAR:
                return None
        month, day = self.entries[i]
        return day_in_month(year, month, day)

    def last_before(self, d: dt.date) -> dt.date | None:
        i = bisect.bisect_left(self._keys, (d.month, d.day)) - 1
        year = d.year
        if i < 0:
            i, year = len(self._keys) - 1, year - 1
            if year < MIN_YEAR:
                return None
        month, day = self.entries[i]
        return day_in_month(year, month, day)


class Single(Seq):
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        return self.day if self.day >= d else None

    def last_before(self, d: dt.date) -> dt.date | None:
        return self.day if self.day < d else None


class Bounded(Seq):
    """The deadlines of ``inner`` from ``lo`` to ``hi`` (both inclusive; ``hi`` may be open)."""

    def __init__(self, inner: Seq, lo: dt.date, hi: dt.date | None) -> None:
        self.inner, self.lo, self.hi = inner, lo, hi

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        n = self.inner.first_at_or_after(max(d, self.lo))
        if n is None or (self.hi is not None and n > self.hi):
            return None
        return n

    def last_before(self, d: dt.date) -> dt.date | None:
        if self.hi is not None and d > self.hi:
            d = self.hi + ONE_DAY
        n = self.inner.last_before(d)
        if n is None or n < self.lo:
            return None
        return n


class Following(Seq):
    """Day ``day`` of the month after each deadline of ``source`` (a chained schedule).

    The map is monotone and has one value per month, so both questions reduce to one question
    about the source, asked at a month boundary.
    """

    def __init__(self, source: Seq, day: int) -> None:
        self.source, self.day = source, day

    def _image(self, source_deadline: dt.date) -> dt.date | None:
        y, m = add_months(source_deadline.year, source_deadline.month, 1)
        return None if y > MAX_YEAR else day_in_month(y, m, self.day)

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        y, m = d.year, d.month
        if day_in_month(y, m, self.day) < d:
            y, m = add_months(y, m, 1)
        # The image lands in month (y, m) or later exactly when the source deadline lies in
        # the month before it or later.
        py, pm = add_months(y, m, -1)
        if py < MIN_YEAR:
            py, pm = MIN_YEAR, 1
        s = self.source.first_at_or_after(dt.date(py, pm, 1))
        return None if s is None else self._image(s)

    def last_before(self, d: dt.date) -> dt.date | None:
        y, m = d.year, d.month
        if day_in_month(y, m, self.day) >= d:
            y, m = add_months(y, m, -1)
        if y < MIN_YEAR:
            return None
        # The image lies in month (y, m) or earlier exactly when the source deadline lies
        # before the first day of month (y, m).
        s = self.source.last_before(dt.date(y, m, 1))
        return None if s is None else self._image(s)


class SeqUnion(Seq):
    def __init__(self, parts: Sequence[Seq]) -> None:
        self.parts = tuple(parts)

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        found = [n for p in self.parts if (n := p.first_at_or_after(d)) is not None]
        return min(found) if found else None

    def last_before(self, d: dt.date) -> dt.date | None:
        found = [n for p in self.parts if (n := p.last_before(d)) is not None]
        return max(found) if found else None


class Shifted(Seq):
    """Each deadline of ``source`` moved later by ``shift``: a time limit counted from it.

    ``shift`` is strictly increasing and gives a later day than its argument (a count of at
    least one day, working day or month), or ``None`` past the end of the date range. So the
    first image on or after a day comes from the source's first deadline on or after it, or
    from one of the few before it whose image still reaches that day; the two questions cost
    as many steps as there are source deadlines within one time limit.
    """

    def __init__(self, source: Seq, shift: Callable[[dt.date], dt.date | None]) -> None:
        self.source, self._shift = source, shift
        self._images: dict[dt.date, dt.date | None] = {}

    def image(self, source_deadline: dt.date) -> dt.date | None:
        """The shifted day of one source deadline (kept for the next question)."""
        images = self._images
        if source_deadline in images:
            return images[source_deadline]
        if len(images) >= 4096:
            images.clear()
        found = images[source_deadline] = self._shift(source_deadline)
        return found

    def first_at_or_after(self, d: dt.date) -> dt.date | None:
        source = self.source
        found = source.first_at_or_after(d)  # its image is later still
        earlier = source.last_before(d if found is None else found)
        while earlier is not None:
            shifted = self.image(earlier)
            if shifted is not None and shifted < d:
                break
            found = earlier
            earlier = source.last_before(earlier)
        return None if found is None else self.image(found)

    def last_before(self, d: dt.date) -> dt.date | None:
        source = self.source
        earlier = source.last_before(d)
        while earlier is not None:
            shifted = self.image(earlier)
            if shifted is not None and shifted < d:
                return shifted
            earlier = source.last_before(earlier)
        return None

    def source_of(self, nominal: dt.date) -> dt.date | None:
        """The source deadline whose image is *nominal*, or ``None``."""
        earlier = self.source.last_before(nominal)
        while earlier is not None:
            shifted = self.image(earlier)
            if shifted == nominal:
                return earlier
            if shifted is not None and shifted < nominal:
                return None
            earlier = self.source.last_before(earlier)
        return None
