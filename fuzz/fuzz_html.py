"""Fuzz :func:`govinfo_reports.parse_html` on bytes: only :class:`DecodeError` may come out.

Then the facts and the findings of the page's report: they must not raise either.
"""

from __future__ import annotations

from _harness import main

from govinfo_reports import DecodeError, parse_html, validate


def one_input(data: bytes) -> None:
    try:
        report = parse_html(data)
    except DecodeError:
        return  # documented: binary, or in no encoding the page or the detector names
    for fact in report.facts:
        str(fact.value)
    validate(report)


if __name__ == "__main__":
    main(one_input)
