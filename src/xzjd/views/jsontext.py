# SPDX-License-Identifier: MIT
"""JSON text written without ``json.dumps(..., indent=...)``, byte for byte the same.

``json.dumps`` with an ``indent`` runs the encoder written in Python: for the reports of
``xzjd check`` and ``xzjd cases`` that is most of the run. The views lay each record out from
a template instead and encode its strings with the C string encoder of :mod:`json.encoder`
(the one ``json.dumps`` itself uses for a string). The helpers here are what the templates
share:

* :func:`string_encoder`: the C function that writes one string as a JSON string, with or
  without ``\\uXXXX`` escapes for non-ASCII characters (``ensure_ascii``);
* :func:`json_value`: any JSON value as ``json.dumps(value, indent=2)`` writes it, nested at
  a given depth;
* :func:`json_array`: records already written, joined into the array ``json.dumps(records,
  indent=2) + "\\n"`` gives, one piece per record.

tests/test_json_text.py and tests/test_cli_cases.py hold the results equal to ``json.dumps``.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["Encode", "json_array", "json_value", "string_encoder"]

#: A function writing one string as a JSON string (quotes included).
Encode = Callable[[str], str]

_ENCODE: Encode = json.encoder.encode_basestring
_ENCODE_ASCII: Encode = json.encoder.encode_basestring_ascii


def string_encoder(ensure_ascii: bool) -> Encode:
    """The string encoder ``json.dumps(..., ensure_ascii=ensure_ascii)`` uses (the C one
    where the interpreter has it, as CPython does)."""
    return _ENCODE_ASCII if ensure_ascii else _ENCODE


def json_value(value: Any, pad: str, encode: Encode) -> str:
    """*value* as ``json.dumps(value, indent=2)`` writes it, each line after the first
    indented by *pad* (the value sits at that depth of a larger document).

    *encode* is a :func:`string_encoder`; keys are written as ``json.dumps`` writes them.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode(value)
    if isinstance(value, int):
        return int.__repr__(value)
    inner = pad + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [inner + json_value(v, inner, encode) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        if not value:
            return "{}"
        items = [f"{inner}{encode(k)}: {json_value(v, inner, encode)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    # Floats and anything else: json says how.
    text = json.dumps(value, indent=2, ensure_ascii=encode is _ENCODE_ASCII)
    return text.replace("\n", "\n" + pad)


def json_array(records: Iterable[str]) -> Iterator[str]:
    """The pieces of a JSON array of *records*, each written at depth one (its lines after
    the first indented by two spaces): the opening bracket with the first record, one piece
    per record, then the closing bracket and a newline, as ``json.dumps(list, indent=2)``
    lays them out. Reads *records* as it goes."""
    first = True
    for record in records:
        yield ("[\n  " if first else ",\n  ") + record
        first = False
    yield "[]\n" if first else "\n]\n"
