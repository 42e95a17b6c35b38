"""The benchmark script still runs, and parsing stays linear in the size of the text.

Runs the functions of ``benchmarks/bench_parse.py`` on a tiny input, so the
script cannot rot unnoticed; the full benchmark is run by hand.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from govinfo_reports import Report, parse, render

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_parse.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_parse", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_parse"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_is_the_seeds_in_four_variants(bench: ModuleType) -> None:
    seeds = bench.load_seeds()
    assert len(seeds) >= 5
    corpus = bench.build_corpus(seeds, 4 * len(seeds) + 1)
    assert len(set(corpus)) == 4 * len(seeds)
    assert any("\r\n" in t for t in corpus)
    assert any("（" in t and "\r\n" not in t for t in corpus)
    big = bench.big_text(seeds, 3)
    assert len(big) >= 3 * sum(map(len, corpus[:-1])) / len(corpus[:-1])
    assert render(parse(big)) == big


def test_every_approach_runs_on_a_tiny_corpus(bench: ModuleType, tmp_path: Path) -> None:
    texts = bench.build_corpus(bench.load_seeds(), 3)
    files = []
    for i, text in enumerate(texts):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(text.encode("utf-8"))
        files.append(path)
    labels = []
    for label, kind, function in bench.approaches():
        labels.append(label)
        results = function(files if kind == "files" else texts)
        assert len(results) == len(texts), label
        assert bench.measure(function, files if kind == "files" else texts, 1)[0] > 0
    assert labels[:3] == ["read + decode + split lines", "one-pass regex line classification", "parse"]
    parsed = bench.parse_all(texts)
    assert all(isinstance(r, Report) and render(r) == t for r, t in zip(parsed, texts, strict=True))


def test_split_benchmark_runs() -> None:
    spec = importlib.util.spec_from_file_location("bench_split", BENCH.with_name("bench_split.py"))
    assert spec is not None
    assert spec.loader is not None
    split = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(split)
    figures = split.measure(split.joined_tables(3), repeat=1)
    assert figures["split"] == 3
    assert 0 < figures["median_ms"] <= figures["max_ms"]


def test_stage_costs_cover_every_seed(bench: ModuleType) -> None:
    costs = bench.stage_costs(repeats=1)
    assert [name for name, *_ in costs] == sorted(p.name[:3] for p in bench.SEEDS.glob("*.txt"))
    assert all(parse_time > 0 for _, parse_time, _, _ in costs)


def test_regex_pass_classifies_the_line_kinds(bench: ModuleType) -> None:
    kinds = bench.classify_lines(
        ["一、总体情况\n| 规章\n0\n|\n结果 |\n附件1:统计表\n2018年3月9日\n\n|---|---|\n文本.doc\n正文"]
    )
    assert kinds == [
        ["heading", "open", "text", "pipes", "close", "attach", "date", "blank", "md_sep", "filename", "text"]
    ]


def test_report_table_prints_every_row(bench: ModuleType) -> None:
    table = bench.report_table([("parse", 6.0, 700.0, 14.0)], 8.4, 1000)
    assert "1000 reports, 8.4 MB" in table
    assert "parse" in table
    assert "14.0" in table


def test_parsing_is_linear_in_the_size_of_the_text(bench: ModuleType) -> None:
    """A text 20 times the size costs less than 3 times as much per character (min of 3 runs)."""
    normal, big, ratio = bench.linearity(bench.load_seeds()[:2], 20, 3)
    assert normal > 0
    assert big > 0
    assert ratio < 3, f"{big:.3f} s per million characters at 20x the size against {normal:.3f}"
