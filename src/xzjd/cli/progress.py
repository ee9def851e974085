# SPDX-License-Identifier: MIT
"""A progress bar on a terminal's stderr, for the evaluations of ``xzjd check`` that take
more than a second; never on a file or a pipe."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO

__all__ = ["ProgressBar", "progress_bar"]


def progress_bar(stream: IO[str], clock: Callable[[], float] | None = None) -> ProgressBar | None:
    """A :class:`ProgressBar` on *stream* if it is a terminal; ``None`` (no output) otherwise.

    *clock* gives seconds (default :func:`time.monotonic`).
    """
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    return ProgressBar(stream, time.monotonic if clock is None else clock)


class ProgressBar:
    """A progress bar on a terminal's stderr, for evaluations that take more than a second.

    Made by :func:`progress_bar`, which never makes one for a file or a pipe. The bar appears
    once a second has passed, is redrawn at most ten times a second, and is erased by
    :meth:`close`.
    """

    def __init__(self, stream: IO[str], clock: Callable[[], float]) -> None:
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.drawn = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start < 1.0 or (now - self.drawn < 0.1 and done < total):
            return
        self.drawn = now
        filled = 30 * done // max(total, 1)
        text = f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        self.width = len(text)
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar, if it was drawn."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
