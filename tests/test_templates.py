"""Templates: the vocabulary against the spec, recognition, and generated national tables read back exactly."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse
from govinfo_reports.tables.extract import extract
from govinfo_reports.tables.grid import Grid, SourceCell
from govinfo_reports.tables.templates import (
    TABLE2_2019,
    TABLE2_2019_COLUMNS,
    TABLE2_2021,
    TABLE2_2021_COLUMNS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMNS,
    TABLE3_LABELS,
    TABLE3_RESULT_PARTS_2019,
    TABLE3_RESULT_PARTS_2021,
    TABLE3_ROWS,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    TABLE4_INDICATORS,
    Table2Row,
    classify_text,
    table2_version,
)

SPEC = Path("/work/shared/spec/templates.md")
if not SPEC.exists():
    SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "templates.md"


# --- vocabulary ---------------------------------------------------------------------------


def test_vocabulary_follows_the_spec() -> None:
    """Every indicator and column id the spec names is in the vocabulary, in the spec's order."""
    if not SPEC.exists():
        pytest.skip("spec not available")
    spec = SPEC.read_text(encoding="utf-8")
    table3 = spec[spec.index("## Table 三") : spec.index("## Table 四")]
    ids = re.findall(r"`(requests\.[a-z_.]+)`", table3)
    assert tuple(ids) == TABLE3_ROWS
    for column in re.findall(r"→ `([a-z_]+)`", table3):
        assert column in TABLE3_COLUMNS
    table2 = spec[spec.index("## Table 二") : spec.index("## Table 三")]
    twenty_one, nineteen = table2.split("national-2019:")
    assert [r.indicator for r in TABLE2_2021] == re.findall(r"`(proactive\.[a-z_]+)`", twenty_one)
    assert [r.indicator for r in TABLE2_2019] == re.findall(r"`(proactive\.[a-z_]+)`", nineteen)
    assert set(re.findall(r"→ `([a-z_]+)`", twenty_one)) == set(TABLE2_2021_COLUMNS)
    assert set(re.findall(r"→ `([a-z_]+)`", nineteen)) == set(TABLE2_2019_COLUMNS)
    assert TABLE4_INDICATORS[:5] == (
        "review.upheld",
        "review.corrected",
        "review.other",
        "review.pending",
        "review.total",
    )
    assert TABLE4_INDICATORS[5] == "litigation.direct.upheld"
    assert TABLE4_INDICATORS[-1] == "litigation.after_review.total"


def test_versions_and_result_parts() -> None:
    assert "requests.result.other" in TABLE3_ROWS_2019
    assert "requests.result.other" not in TABLE3_ROWS_2021
    assert len(TABLE3_ROWS_2021) == 25
    assert len(TABLE3_ROWS_2019) == 23
    assert "requests.result.total" not in TABLE3_RESULT_PARTS_2021
    assert set(TABLE3_RESULT_PARTS_2021) - set(TABLE3_RESULT_PARTS_2019) == {
        "requests.result.other.no_correction",
        "requests.result.other.unpaid_fee",
        "requests.result.other.other",
    }
    assert all(isinstance(r, Table2Row) for r in TABLE2_2019)


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        (["信息内容", "本年制发件数", "规章", "0"], "二"),
        (["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规范性文件"], "二"),
        (["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"], "三"),
        (["（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], "三"),
        (["行政复议", "行政诉讼", "结果维持", "结果", "其他", "尚未", "总计"], "四"),
        (["指标", "累计数", "2017年发生数", "2.同意部分公开答复数"], None),  # one shared word is not enough
        (["行政复 议件数", "行政诉 讼件数"], None),
        ([], None),
    ],
)
def test_classify_text(texts: list[str], kind: str | None) -> None:
    assert classify_text(texts) == kind


def test_table2_version() -> None:
    assert table2_version(["本年制发件数"]) == "national-2021"
    assert table2_version(["其他对外管理服务事项"]) == "national-2019"
    assert table2_version(["规章"]) is None


# --- generated national reports -----------------------------------------------------------

_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ".": "．", "-": "－", "/": "／"})
_FULL_DIGITS = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")

Expected = list[tuple[str, str, str, Decimal | None]]


class _Builder:
    """Builds the true grid of a national table from drawn values, and the facts it must yield."""

    def __init__(self, draw: Any, full_width: bool) -> None:
        self.draw = draw
        self.full = full_width
        self.expected: Expected = []

    def label(self, text: str) -> SourceCell:
        return SourceCell((text.translate(_FULL) if self.full else text,))

    def value(self, table: str, indicator: str, column: str, kind: str = "int", colspan: int = 1) -> SourceCell:
        if self.draw(st.integers(0, 5)) == 0:
            self.expected.append((table, indicator, column, None))
            return SourceCell((), colspan=colspan)
        if kind == "money":
            number = self.draw(st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False))
        elif kind == "change":
            number = Decimal(self.draw(st.integers(-500, 500)))
        else:
            number = Decimal(self.draw(st.integers(0, 10**6)))
        text = f"{number:,}" if self.draw(st.booleans()) and abs(number) >= 1000 else str(number)
        if self.full:
            text = text.translate(_FULL_DIGITS)
        self.expected.append((table, indicator, column, number))
        return SourceCell((text,), colspan=colspan)


def _table2(b: _Builder, version: str) -> list[list[SourceCell]]:
    spec = TABLE2_2021 if version == "2021" else TABLE2_2019
    headers = TABLE2_2021_COLUMNS if version == "2021" else TABLE2_2019_COLUMNS
    rows: list[list[SourceCell]] = []
    group = None
    for row in spec:
        if row.group != group:
            group = row.group
            rows.append([SourceCell((b.label(group).lines[0],), colspan=4)])
            head = [b.label("信息内容")] + [b.label(headers[c]) for c in row.columns]
            if len(row.columns) < 3:
                last = head[-1]
                head[-1] = SourceCell(last.lines, colspan=4 - len(row.columns))
            rows.append(head)
        cells = [b.label(row.label)]
        for k, column in enumerate(row.columns):
            kind = "money" if column == "amount" else "change" if column == "change" else "int"
            span = 4 - len(row.columns) if k == len(row.columns) - 1 else 1
            cells.append(b.value("二", row.indicator, column, kind, span))
        rows.append(cells)
    return rows


_GROUP_LABELS = {
    "denied": "(三)不予公开",
    "unavailable": "(四)无法提供",
    "not_processed": "(五)不予处理",
    "other": "(六)其他处理",
}


def _table3(b: _Builder, version: str, subtotal: bool, drop: set[str]) -> list[list[SourceCell]]:
    columns = [*TABLE3_APPLICANT_COLUMNS, *(["organization_subtotal"] if subtotal else []), "total"]
    width = 3 + len(columns)
    organizations = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", *(["小计"] if subtotal else [])]
    rows: list[list[SourceCell]] = [
        [
            SourceCell(b.label("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)").lines, 3, 3),
            SourceCell(b.label("申请人情况").lines, colspan=len(columns)),
        ],
        [
            SourceCell(b.label("自然人").lines, rowspan=2),
            SourceCell(b.label("法人或其他组织").lines, colspan=len(organizations)),
            SourceCell(b.label("总计").lines, rowspan=2),
        ],
        [b.label(o) for o in organizations],
    ]
    order = TABLE3_ROWS_2021 if version == "2021" else TABLE3_ROWS_2019
    present = [r for r in order if r not in drop]
    results = [r for r in present if r.startswith("requests.result.")]
    open_groups: set[str] = set()
    for indicator in present:
        cells: list[SourceCell] = []
        label = TABLE3_LABELS[indicator].split(" ")[-1]
        parts = indicator.split(".")
        if not indicator.startswith("requests.result."):
            cells.append(SourceCell(b.label(label).lines, colspan=3))
        else:
            if indicator == results[0]:
                cells.append(SourceCell(b.label("三、本年度办理结果").lines, rowspan=len(results)))
            if len(parts) == 4:
                sub = parts[2]
                if sub not in open_groups:
                    open_groups.add(sub)
                    span = sum(1 for r in results if r.split(".")[2:3] == [sub] and len(r.split(".")) == 4)
                    cells.append(SourceCell(b.label(_GROUP_LABELS[sub]).lines, rowspan=span))
                cells.append(b.label(label))
            else:
                cells.append(SourceCell(b.label(label).lines, colspan=2))
        cells.extend(b.value("三", indicator, c) for c in columns)
        rows.append(cells)
    assert all(sum(c.colspan for c in r) <= width for r in rows)
    return rows


def _table4(b: _Builder, damaged: bool) -> list[list[SourceCell]]:
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    written = ["结果维持", "结果", "其他", "尚未", "总计"] if damaged else outcomes
    return [
        [SourceCell(b.label("行政复议").lines, colspan=5), SourceCell(b.label("行政诉讼").lines, colspan=10)],
        [SourceCell(b.label(w).lines, rowspan=2) for w in written]
        + [
            SourceCell(b.label("未经复议直接起诉").lines, colspan=5),
            SourceCell(b.label("复议后起诉").lines, colspan=5),
        ],
        [b.label(w) for w in written * 2],
        [b.value("四", indicator, "count") for indicator in TABLE4_INDICATORS],
    ]


@st.composite
def national_reports(draw: Any) -> tuple[str, Expected, str]:
    """A national report of 2019 or 2021 with random values and blanks, flattened as a scraper would."""
    version = draw(st.sampled_from(["2019", "2021"]))
    layout = draw(st.sampled_from(["A", "B", "M"]))
    full = draw(st.booleans())
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    b = _Builder(draw, full)
    t2 = Grid.from_spans(_table2(b, version))
    optional = [r for r in (TABLE3_ROWS_2021 if version == "2021" else TABLE3_ROWS_2019) if ".denied." in r]
    drop = set(draw(st.lists(st.sampled_from(optional), max_size=2)))
    t3 = Grid.from_spans(_table3(b, version, draw(st.booleans()), drop))
    t4 = Grid.from_spans(_table4(b, draw(st.booleans())))
    heads = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    parts = ["一、总体情况", "本年度工作平稳推进。"]
    for head, grid in zip(heads, (t2, t3, t4), strict=True):
        parts.append(head.translate(_FULL) if full else head)
        parts.append(grid.flatten(layout).rstrip("\n"))  # type: ignore[arg-type]
    parts.append("五、存在的主要问题及改进情况")
    text = eol.join(parts) + eol
    return text, b.expected, f"national-{version}"


@settings(max_examples=budget(60))
@given(national_reports())
def test_generated_national_reports_come_back_exactly(case: tuple[str, Expected, str]) -> None:
    text, expected, template = case
    report = parse(text)
    got = [(f.table, f.indicator or "", f.column, f.value) for f in report.facts]
    assert got == expected
    if any(indicator.startswith("requests.result.other") for _, indicator, _, _ in expected):
        assert report.template == template


@settings(max_examples=budget(60))
@given(st.text(alphabet="|\n 0123456789一二三、()予以公开总计规章结果维持", max_size=200))
def test_extraction_never_raises(text: str) -> None:
    extraction = extract(parse(text))
    for fact in extraction.facts:
        assert fact.value is None or fact.text
