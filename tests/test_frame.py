"""DataFrames of facts: long and wide formats, and that pandas is optional."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import govinfo_reports
from govinfo_reports import parse_file, to_frame
from govinfo_reports.facts import Extraction, Fact
from govinfo_reports.io.frame import IDENTITY_COLUMNS, LONG_COLUMNS, wide_column
from govinfo_reports.syntax.nodes import Report, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _report(template: str | None, facts: tuple[Fact, ...]) -> Report:
    """A report whose extraction is given (the frame stage only reads facts and template)."""
    report = govinfo_reports.parse("一、总体情况\n")
    object.__setattr__(report, "_extraction", Extraction(template, facts))
    return report


FACTS = (
    Fact("requests.received", ("一、本年新收政府信息公开申请数量",), "total", Decimal(218), None, "218", "三",
         span=Span(10, 13, 40, 1, 40, 4)),
    Fact("requests.received", ("一、本年新收政府信息公开申请数量",), "natural_person", Decimal(217), None, "217", "三",
         span=Span(5, 8, 38, 1, 38, 4)),
    Fact("proactive.administrative_fees", ("第二十条第(八)项", "行政事业性收费"), "amount", Decimal("18651.06"), "万元",
         "18651.06", "二"),
    Fact("review.total", (), "count", None, None, "", "四"),
)  # fmt: skip
LEGACY_FACTS = (Fact(None, ("人员配置", "从事信息公开工作人员数"), "累计数", Decimal(1), "人", "1"),)


def test_long_format_has_one_row_per_fact() -> None:
    frame = to_frame({"a.html": _report("national-2021", FACTS), "b.txt": _report("legacy", LEGACY_FACTS)})
    assert list(frame.columns) == list(LONG_COLUMNS)
    assert len(frame) == 5
    assert list(frame["report"]) == ["a.html"] * 4 + ["b.txt"]
    assert frame["value"].dtype == "float64"
    first = frame.iloc[0]
    assert first["indicator"] == "requests.received"
    assert first["value"] == 218.0
    assert first["line"] == 40
    assert first["col"] == 1
    fees = frame.iloc[2]
    assert fees["label_path"] == "第二十条第(八)项 / 行政事业性收费"
    assert fees["unit"] == "万元"
    assert pd.isna(fees["line"])  # unlocated fact
    assert pd.isna(frame.iloc[3]["value"])  # blank is missing, not 0
    assert pd.isna(frame.iloc[4]["indicator"])  # legacy: no canonical id
    assert frame.iloc[4]["template"] == "legacy"


def test_exact_values_are_decimals() -> None:
    frame = to_frame([_report("national-2021", FACTS)], exact=True)
    assert frame["value"].iloc[2] == Decimal("18651.06")
    assert list(frame["report"].unique()) == ["0"]


def test_wide_format_one_row_per_report_one_column_per_indicator_and_column() -> None:
    reports = {
        "a": _report("national-2021", FACTS),
        "b": _report("legacy", LEGACY_FACTS),
        "c": _report("national-2021", FACTS[:1]),
    }
    wide = to_frame(reports, wide=True)
    assert list(wide.index) == ["a", "b", "c"]
    assert wide.index.name == "report"
    assert list(wide.columns) == [
        *IDENTITY_COLUMNS,
        "template",
        wide_column("requests.received", "total"),
        wide_column("requests.received", "natural_person"),
        wide_column("proactive.administrative_fees", "amount"),
        "review.total:count",
    ]
    assert wide.loc["a", "requests.received:total"] == 218.0
    assert wide.loc["a", "proactive.administrative_fees:amount"] == pytest.approx(18651.06)
    assert pd.isna(wide.loc["b", "requests.received:total"])  # legacy: no canonical ids
    assert pd.isna(wide.loc["c", "requests.received:natural_person"])
    assert pd.isna(wide.loc["a", "review.total:count"])
    assert list(wide["template"]) == ["national-2021", "legacy", "national-2021"]


def test_wide_format_agrees_with_long_format() -> None:
    reports = {"a": _report("national-2021", FACTS)}
    long = to_frame(reports)
    wide = to_frame(reports, wide=True)
    for _, row in long.dropna(subset=["value"]).iterrows():
        assert wide.loc[row["report"], wide_column(row["indicator"], row["column"])] == row["value"]


def test_round_trip_through_csv(tmp_path: Path) -> None:
    frame = to_frame({"a": _report("national-2021", FACTS)})
    out = tmp_path / "facts.csv"
    frame.to_csv(out, index=False)
    back = pd.read_csv(out, dtype={"text": str})
    assert list(back.columns) == list(LONG_COLUMNS)
    assert back["value"].tolist()[:3] == frame["value"].tolist()[:3]
    assert back["text"].fillna("").tolist() == frame["text"].tolist()


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seeds_frames_match_their_facts(path: Path) -> None:
    report = parse_file(path)
    frame = to_frame({path.name: report})
    assert len(frame) == len(report.facts)
    assert frame["text"].tolist() == [f.text for f in report.facts]
    wide = to_frame({path.name: report}, wide=True)
    assert len(wide) == 1
    assert len(wide.columns) - 1 - len(IDENTITY_COLUMNS) == len(
        {(f.indicator, f.column) for f in report.facts if f.indicator}
    )


def test_not_a_report_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        to_frame(["not a report"])  # type: ignore[list-item]


def test_importing_the_package_does_not_import_pandas() -> None:
    code = "import sys, govinfo_reports; govinfo_reports.parse('一、x\\n'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
