"""The pipeline leaves no reference cycles: pausing the cyclic collector while it runs loses nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from govinfo_reports import parse, parse_file, validate
from govinfo_reports._gc import paused_gc

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _sources() -> list[Path]:
    found = sorted(SEEDS.glob("*.txt"))
    if CORPUS.exists():
        found += sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "MANIFEST.md")
    return found


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.name)
@pytest.mark.usefixtures("collector_off")
def test_parse_facts_and_validate_leave_no_cycles(path: Path) -> None:
    warm = parse_file(path)  # the first run builds the parser and fills caches: not the report's doing
    _ = [reading.grid for reading in warm._extraction.tables]
    validate(warm)
    del warm
    gc.collect()
    report = parse_file(path)
    assert gc.collect() == 0, "parse left cyclic garbage"
    _ = report.facts
    grid = [reading.grid for reading in report._extraction.tables]  # grids are rebuilt on demand
    assert gc.collect() == 0, "the extraction left cyclic garbage"
    findings = validate(report)
    assert gc.collect() == 0, "validate left cyclic garbage"
    del report, grid, findings
    assert gc.collect() == 0, "the report's objects needed the collector to be freed"


def test_paused_gc_restores_the_collector_and_collects_the_young() -> None:
    gc.collect()
    with paused_gc():
        assert not gc.isenabled()
        keep = [parse(text) for text in [(SEEDS / "002_ba2cc9ced20f5da6.txt").read_text(encoding="utf-8")] * 3]
        assert gc.get_count()[0] > gc.get_threshold()[0]
    assert gc.isenabled()
    assert gc.get_count()[0] <= gc.get_threshold()[0]
    assert keep
