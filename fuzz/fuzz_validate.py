"""Fuzz the checking pipeline: ``parse`` then ``report.facts`` and ``validate``; none may raise."""

from __future__ import annotations

from _harness import main
from fuzz_parse import text_of

from govinfo_reports import parse, validate


def one_input(data: bytes) -> None:
    report = parse(text_of(data))
    for fact in report.facts:
        str(fact.value)
    for finding in validate(report):
        str(finding)


if __name__ == "__main__":
    main(one_input)
