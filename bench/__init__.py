# SPDX-License-Identifier: MIT
"""Benchmarks of xzjd against baselines measured in the same run: ``python -m bench``."""
