"""Golden outlines of the seeds, written by reading the seed reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo_reports
from govinfo_reports.syntax.outline import outline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden" / "outline"


def test_every_seed_has_a_golden_outline() -> None:
    assert len(SEEDS) == 5
    assert {p.stem for p in SEEDS} == {p.stem for p in GOLDEN.glob("*.txt")}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_outline_matches_golden(seed: Path) -> None:
    expected = (GOLDEN / seed.name).read_text(encoding="utf-8").rstrip("\n")
    assert outline(govinfo_reports.parse_file(seed)) == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_round_trips_and_is_clean(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    report = govinfo_reports.parse(text, strict=True)
    assert govinfo_reports.render(report) == text
    assert report.diagnostics == ()


def test_seed_000_signature_and_attachments() -> None:
    report = govinfo_reports.parse_file(SEEDS[0])
    assert report.signature is not None
    assert report.signature.issuer == "辽源市西安区机关事务管理局"
    assert str(report.signature.date) == "2018-03-09"
    assert report.signature.span.line == 17
    assert [(a.label, a.number) for a in report.attachment_list] == [("附件1", 1), ("附件2", 2)]
    assert [a.number for a in report.attachments] == [1, 2]
    first = report.attachments[0]
    assert first.span.line == 21
    assert [s.number.ordinal for s in first.sections] == [1, 2, 3, 4, 5]


def test_seed_003_heading_body_text() -> None:
    report = govinfo_reports.parse_file(SEEDS[3])
    sub = report.sections[0].sections[0].sections[0]
    assert (sub.number.kind, sub.number.ordinal, sub.number.raw) == ("arabic", 1, "1、")
    assert sub.title == "公开的数量"
    assert sub.body_text.startswith("2017年,公开信息总数为283条")
    assert sub.span.line == 4


def test_seed_004_trailing_file_name() -> None:
    report = govinfo_reports.parse_file(SEEDS[4])
    assert report.file_name == "古北口2017年度工作报告.doc"
    assert report.signature is None
    assert report.attachments[0].label == "附件"


def test_corpus_layout_b_outline() -> None:
    path = ROOT.parent / "shared" / "corpus" / "pingtan-2024.layoutB.txt"
    if not path.exists():
        pytest.skip("shared corpus not present")
    report = govinfo_reports.parse_file(path)
    assert [s.title for s in report.sections] == [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
    ]
    # （一）予以公开 sits inside table 三 on its own line: a cell, never a heading
    assert [len(s.sections) for s in report.sections] == [5, 0, 0, 0, 0, 0]
    assert [len(s.blocks) for s in report.sections[1:4]] == [1, 1, 1]
