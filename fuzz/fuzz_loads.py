"""Fuzz :func:`govinfo_reports.loads` on bytes: only :class:`GovinfoError` may come out.

A document it accepts must be read as written: every value the document holds
is in ``dumps(report)`` unchanged, of the same JSON type (``null`` is not
``"None"``, ``1.9`` not ``1``, ``true`` not ``1``), and the report must load
again to an equal report.
"""

from __future__ import annotations

import json
from typing import Any

from _harness import main

from govinfo_reports import GovinfoError, dumps, loads


def same(given: Any, written: Any, path: str = "$") -> None:
    """Every value of ``given`` is in ``written`` with the same JSON type and value."""
    if type(given) is not type(written) and not (type(given) in (list, tuple) and type(written) in (list, tuple)):
        raise AssertionError("type changed", f"{path}: {given!r} read back as {written!r}")
    if isinstance(given, dict):
        for key, value in given.items():
            if key in written:
                same(value, written[key], f"{path}.{key}")
            else:
                raise AssertionError("key dropped", f"{path}.{key}: {value!r} dropped")
    elif isinstance(given, list | tuple):
        if len(given) != len(written):
            raise AssertionError("items changed", f"{path}: {len(given)} items read back as {len(written)}")
        for i, (a, b) in enumerate(zip(given, written, strict=True)):
            same(a, b, f"{path}[{i}]")
    elif given != written:
        raise AssertionError("value changed", f"{path}: {given!r} read back as {written!r}")


def one_input(data: bytes) -> None:
    try:
        report = loads(data)
    except GovinfoError:
        return  # documented: not JSON, not a report, or another schema version
    text = dumps(report)
    same(json.loads(data), json.loads(text))
    if loads(text) != report:
        raise AssertionError("loads(dumps(report)) != report")


if __name__ == "__main__":
    main(one_input)
