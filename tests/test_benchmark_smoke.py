"""The benchmark script still runs, and parsing stays linear in the size of the text.

Runs the functions of ``benchmarks/bench_parse.py`` on a tiny input, so the
script cannot rot unnoticed; the full benchmark is run by hand.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from benchmark_script import load
from govinfo_reports import Report, parse, render


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load("bench_parse")


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
    split = load("bench_split")
    figures = split.measure(split.joined_tables(3), repeat=1)
    assert figures["split"] == 3
