"""The ``xzjd`` command line."""

from __future__ import annotations

from xzjd.cli.commands import main

__all__ = ["main"]
