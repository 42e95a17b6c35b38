"""Converter grids (empty slots where merged cells were) and labels in traditional characters (issue 11, 3 and 5).

A PDF converter's markdown (pdfplumber) writes every row of a table with as
many cells as the table has columns, an empty cell in each slot a merged
cell covers.  The tables here are built with their true spans (as an HTML
table has them), then written three ways: as the flattened pipe text a
scraper makes (:meth:`Grid.flatten`, no spans), as a converter grid (every
slot written, covered ones empty), and in traditional characters (OpenCC
``s2t``).  Every form must give the facts the generator wrote in.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse
from govinfo_reports.findings import Severity
from govinfo_reports.tables.grid import Grid, SourceCell
from govinfo_reports.tables.templates import (
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE2_2019,
    TABLE2_2019_COLUMNS,
    TABLE2_2021,
    TABLE2_2021_COLUMNS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    TABLE4_INDICATORS,
)
from govinfo_reports.validate import validate
from govinfo_reports.values import read_value, to_simplified

CORPUS = Path("/work/shared/corpus")
SHANGHAI = CORPUS / "shanghai-stc-2024.pdf2md.md"

opencc = pytest.importorskip("opencc")
_S2T = opencc.OpenCC("s2t")

Cells = dict[tuple[str, str], Decimal | None]


def _c(text: str, rowspan: int = 1, colspan: int = 1) -> SourceCell:
    return SourceCell((text,), rowspan, colspan)


def converter_grid(grid: Grid) -> str:
    """The grid as a PDF converter writes it: one markdown row per grid row, an empty cell in every covered slot."""
    out: list[str] = []
    for r in range(grid.n_rows):
        texts = []
        for c in range(grid.n_cols):
            cell = grid.at(r, c)
            texts.append(cell.text if cell is not None and (cell.row, cell.col) == (r, c) else "")
        out.append("| " + " | ".join(texts) + " |")
        if r == 0:
            out.append("|" + "---|" * grid.n_cols)
    return "\n".join(out) + "\n"


def _facts(text: str) -> Cells:
    return {(f.indicator or "/".join(f.label_path), f.column): f.value for f in parse(text).facts}


# --- table 三 ------------------------------------------------------------------------------

_T3_LABELS = {
    "requests.received": "一、本年新收政府信息公开申请数量",
    "requests.carried_over": "二、上年结转政府信息公开申请数量",
    "requests.carried_forward": "四、结转下年度继续办理",
    "requests.result.granted": "(一)予以公开",
    "requests.result.partly_granted": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "requests.result.total": "(七)总计",
    "requests.result.other": "(六)其他处理",
}
_T3_GROUPS = {
    "denied": "(三)不予公开",
    "unavailable": "(四)无法提供",
    "not_processed": "(五)不予处理",
    "other": "(六)其他处理",
}
_T3_SUB_LABELS = {
    "requests.result.denied.state_secret": "1.属于国家秘密",
    "requests.result.denied.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "requests.result.denied.security_stability": "3.危及“三安全一稳定”",
    "requests.result.denied.third_party_rights": "4.保护第三方合法权益",
    "requests.result.denied.internal_affairs": "5.属于三类内部事务信息",
    "requests.result.denied.process_information": "6.属于四类过程性信息",
    "requests.result.denied.enforcement_files": "7.属于行政执法案卷",
    "requests.result.denied.administrative_query": "8.属于行政查询事项",
    "requests.result.unavailable.not_held": "1.本机关不掌握相关政府信息",
    "requests.result.unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "requests.result.unavailable.unclear": "3.补正后申请内容仍不明确",
    "requests.result.not_processed.petition": "1.信访举报投诉类申请",
    "requests.result.not_processed.repeated": "2.重复申请",
    "requests.result.not_processed.publication": "3.要求提供公开出版物",
    "requests.result.not_processed.excessive": "4.无正当理由大量反复申请",
    "requests.result.not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "requests.result.other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "requests.result.other.unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "requests.result.other.other": "3.其他",
}

_value = st.one_of(st.integers(0, 9), st.integers(10, 99), st.integers(100, 5000))


def _sub_group(indicator: str) -> str | None:
    parts = indicator.split(".")
    return parts[2] if len(parts) == 4 else None


@st.composite
def table3_grids(draw: st.DrawFn) -> tuple[Grid, Cells]:
    """Table 三 with its true spans (the template's merged labels and headers) and the cells it holds."""
    template = draw(st.sampled_from([NATIONAL_2021, NATIONAL_2019]))
    subtotal = draw(st.booleans())
    columns = (*TABLE3_APPLICANT_COLUMNS, *(("organization_subtotal",) if subtotal else ()), "total")
    orgs = len(TABLE3_ORGANIZATION_COLUMNS) + subtotal
    order = TABLE3_ROWS_2021 if template == NATIONAL_2021 else TABLE3_ROWS_2019
    truth: Cells = {}
    values: dict[str, list[SourceCell]] = {}
    for indicator in order:
        row = [draw(_value) for _ in columns]
        truth.update({(indicator, c): Decimal(v) for c, v in zip(columns, row, strict=True)})
        values[indicator] = [_c(str(v)) for v in row]
    header = [
        [
            _c("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", 3, 3),
            _c("申请人情况", 1, len(columns)),
        ],
        [_c("自然人", 2), _c("法人或其他组织", 1, orgs), _c("总计", 2)],
        [
            _c(t)
            for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", *(("小计",) if subtotal else ()))
        ],
    ]
    results = [r for r in order if r.startswith("requests.result.")]
    rows: list[list[SourceCell]] = [*header]
    rows.append([_c(_T3_LABELS["requests.received"], 1, 3), *values["requests.received"]])
    rows.append([_c(_T3_LABELS["requests.carried_over"], 1, 3), *values["requests.carried_over"]])
    first_result = True
    seen_groups: set[str] = set()
    for indicator in results:
        row: list[SourceCell] = []
        if first_result:
            row.append(_c("三、本年度办理结果", len(results)))
            first_result = False
        group = _sub_group(indicator)
        if group is None:
            row.append(_c(_T3_LABELS[indicator], 1, 2))
        else:
            if group not in seen_groups:
                seen_groups.add(group)
                row.append(_c(_T3_GROUPS[group], sum(_sub_group(r) == group for r in results)))
            row.append(_c(_T3_SUB_LABELS[indicator]))
        rows.append(row + values[indicator])
    rows.append([_c(_T3_LABELS["requests.carried_forward"], 1, 3), *values["requests.carried_forward"]])
    return Grid.from_spans(rows), truth


def _report(title: str, table: str) -> str:
    return f"{title}\n{table}"


_T3_TITLE = "三、收到和处理政府信息公开申请情况"


@settings(max_examples=budget(60), deadline=None)
@given(table3_grids(), st.sampled_from(["B", "A", "M"]))
def test_table3_every_form_gives_the_true_cells(case: tuple[Grid, Cells], layout: str) -> None:
    grid, truth = case
    pipe = _report(_T3_TITLE, grid.flatten(layout))  # type: ignore[arg-type]
    converter = _report(_T3_TITLE, converter_grid(grid))
    assert _facts(pipe) == truth
    assert _facts(converter) == truth
    assert _facts(_S2T.convert(converter)) == truth
    assert _facts(_S2T.convert(pipe)) == truth


def test_the_issue_row_is_aligned_to_the_template() -> None:
    """The row of the issue: two empty slots after the label, then the seven values."""
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "|  |  |  | 申请人情况 |  |  |  |  |  |  |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
        "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |\n"
        "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |\n"
        "| 一、本年新收政府信息公开申请数量 |  |  | 3001 | 53 | 0 | 0 | 61 | 4 | 3119 |\n"
        "| 二、上年结转政府信息公开申请数量 |  |  | 10 | 0 | 0 | 0 | 0 | 0 | 10 |\n"
    )
    facts = _facts(text)
    received = [facts[("requests.received", c)] for c in (*TABLE3_APPLICANT_COLUMNS, "total")]
    assert received == [Decimal(v) for v in (3001, 53, 0, 0, 61, 4, 3119)]
    assert facts[("requests.carried_over", "total")] == Decimal(10)
    assert len(facts) == 14


def test_a_blank_value_next_to_a_slot_stays_in_its_column() -> None:
    """Only as many empty cells as the row has too many are slots: a blank 自然人 stays blank."""
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "|  |  |  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
        "| 一、本年新收政府信息公开申请数量 |  |  |  | 5 | 0 | 0 | 0 | 0 | 5 |\n"
        "| 二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )
    facts = _facts(text)
    assert facts[("requests.received", "natural_person")] is None
    assert facts[("requests.received", "commercial_enterprise")] == Decimal(5)
    assert facts[("requests.received", "total")] == Decimal(5)


def test_a_flattened_row_padded_at_its_end_keeps_a_blank_first_value() -> None:
    """A flattened HTML table pads short rows at the end: the blank first value is not a slot."""
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "| 一、本年新收政府信息公开申请数量\n|\n4\n|\n5\n|\n0\n|\n0\n|\n0\n|\n0\n|\n9\n|\n|\n"
        "| 二、上年结转政府信息公开申请数量\n|\n|\n5\n|\n0\n|\n0\n|\n0\n|\n0\n|\n5\n|\n|\n"
    )
    facts = _facts(text)
    assert facts[("requests.carried_over", "natural_person")] is None
    assert facts[("requests.carried_over", "commercial_enterprise")] == Decimal(5)
    assert facts[("requests.carried_over", "total")] == Decimal(5)


# --- tables 二 and 四 ------------------------------------------------------------------------


@st.composite
def table2_grids(draw: st.DrawFn) -> tuple[Grid, Cells]:
    """Table 二: 第二十条 items as full-width rows, a header per block, one row per template row."""
    template = draw(st.sampled_from([NATIONAL_2021, NATIONAL_2019]))
    spec = TABLE2_2021 if template == NATIONAL_2021 else TABLE2_2019
    names = TABLE2_2021_COLUMNS if template == NATIONAL_2021 else TABLE2_2019_COLUMNS
    width = max(len(r.columns) for r in spec)
    truth: Cells = {}
    rows: list[list[SourceCell]] = []
    group = None
    for r in spec:
        if r.group != group:
            group = r.group
            rows.append([_c(r.group, 1, width + 1)])
            heads = [
                _c(names[c], 1, width - len(r.columns) + 1 if k == len(r.columns) - 1 else 1)
                for k, c in enumerate(r.columns)
            ]
            rows.append([_c("信息内容"), *heads])
        cells = []
        for k, column in enumerate(r.columns):
            v = draw(_value)
            truth[(r.indicator, column)] = Decimal(v)
            cells.append(_c(str(v), 1, width - len(r.columns) + 1 if k == len(r.columns) - 1 else 1))
        rows.append([_c(r.label), *cells])
    return Grid.from_spans(rows), truth


@settings(max_examples=budget(40), deadline=None)
@given(table2_grids())
def test_table2_converter_grid_and_traditional_give_the_true_cells(case: tuple[Grid, Cells]) -> None:
    grid, truth = case
    title = "二、主动公开政府信息情况"
    converter = _report(title, converter_grid(grid))
    assert _facts(_report(title, grid.flatten("B"))) == truth
    assert _facts(converter) == truth
    assert _facts(_S2T.convert(converter)) == truth


@st.composite
def table4_grids(draw: st.DrawFn) -> tuple[Grid, Cells]:
    """Table 四: a three-row header with merged group headings, then the fifteen values."""
    outcomes = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [
        [_c("行政复议", 1, 5), _c("行政诉讼", 1, 10)],
        [*[_c(o, 2) for o in outcomes], _c("未经复议直接起诉", 1, 5), _c("复议后起诉", 1, 5)],
        [_c(o) for o in outcomes * 2],
    ]
    values = [draw(_value) for _ in TABLE4_INDICATORS]
    rows.append([_c(str(v)) for v in values])
    truth: Cells = {(i, "count"): Decimal(v) for i, v in zip(TABLE4_INDICATORS, values, strict=True)}
    return Grid.from_spans(rows), truth


@settings(max_examples=budget(30), deadline=None)
@given(table4_grids())
def test_table4_converter_grid_and_traditional_give_the_true_cells(case: tuple[Grid, Cells]) -> None:
    grid, truth = case
    title = "四、政府信息公开行政复议、行政诉讼情况"
    converter = _report(title, converter_grid(grid))
    assert _facts(_report(title, grid.flatten("B"))) == truth
    assert _facts(converter) == truth
    assert _facts(_S2T.convert(converter)) == truth


# --- legacy tables -------------------------------------------------------------------------

_GROUPS = ("人员配置", "主动公开", "依申请公开", "复议诉讼")
_ITEMS = ("专职人数", "兼职人数", "主动公开文件数", "网站公开数", "申请数", "办结数", "复议数")
_YEAR_HEADERS = (("累计数", "本年发生数"), ("2017年", "2016年"), ("历年累计", "本年度"))


@st.composite
def legacy_grids(draw: st.DrawFn) -> tuple[Grid, dict[tuple[tuple[str, ...], str], Decimal]]:
    """A statistics table: 指标 over two label columns, rows under row-spanning groups or over both columns."""
    heads = draw(st.sampled_from(_YEAR_HEADERS))
    rows: list[list[SourceCell]] = [[_c("指标", 1, 2), *[_c(h) for h in heads]]]
    truth: dict[tuple[tuple[str, ...], str], Decimal] = {}
    items = iter(draw(st.permutations(_ITEMS)))
    for group in draw(st.lists(st.sampled_from(_GROUPS), min_size=1, max_size=3, unique=True)):
        size = draw(st.integers(0, 2))  # 0: a row whose label spans both label columns
        labels = [next(items, None) for _ in range(max(size, 1))]
        if None in labels:
            break
        for k, label in enumerate(labels):
            assert label is not None
            values = [draw(_value) for _ in heads]
            cells = [_c(str(v)) for v in values]
            if size == 0:
                rows.append([_c(label, 1, 2), *cells])
                path: tuple[str, ...] = (label,)
            else:
                rows.append([*([_c(group, size)] if k == 0 else []), _c(label), *cells])
                path = (group, label)
            truth.update({(path, h): Decimal(v) for h, v in zip(heads, values, strict=True)})
    return Grid.from_spans(rows, label_columns=2), truth


@settings(max_examples=budget(60), deadline=None)
@given(legacy_grids())
def test_legacy_converter_grid_gives_the_cells_of_the_true_spans(
    case: tuple[Grid, dict[tuple[tuple[str, ...], str], Decimal]],
) -> None:
    grid, truth = case
    converter = converter_grid(grid)
    assert {(f.label_path, f.column): f.value for f in parse(converter).facts} == truth
    simplified = {
        (tuple(map(to_simplified, f.label_path)), to_simplified(f.column)): f.value
        for f in parse(_S2T.convert(converter)).facts
    }
    assert simplified == truth


# --- the real hard case: a PDF converter's markdown of 上海市科委's 2024 report ---------------------

# Read off the report (its PDF-converted text): table 二 is partly markdown (规章, 规范性文件) and
# partly text lines (行政许可 97 …); table 三's labels are split from their numbers across fragments of
# markdown tables.  The stray "1" on the line before 2.申请人逾期未按收费… is not a cell: the columns of
# 总计 (33 2 0 0 0 0 35) add up only with the 0 row after it.  四、结转下年度继续办理 has an empty total cell.
_ZEROS = (0, 0, 0, 0, 0, 0, 0)
SHANGHAI_T3 = {
    "requests.received": (32, 2, 0, 0, 0, 0, 34),
    "requests.carried_over": (2, 0, 0, 0, 0, 0, 2),
    "requests.result.granted": (9, 0, 0, 0, 0, 0, 9),
    "requests.result.partly_granted": _ZEROS,
    "requests.result.denied.state_secret": _ZEROS,
    "requests.result.denied.prohibited_by_law": _ZEROS,
    "requests.result.denied.security_stability": _ZEROS,
    "requests.result.denied.third_party_rights": _ZEROS,
    "requests.result.denied.internal_affairs": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.denied.process_information": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.denied.enforcement_files": _ZEROS,
    "requests.result.denied.administrative_query": _ZEROS,
    "requests.result.unavailable.not_held": (4, 0, 0, 0, 0, 0, 4),
    "requests.result.unavailable.needs_creation": (6, 0, 0, 0, 0, 0, 6),
    "requests.result.unavailable.unclear": _ZEROS,
    "requests.result.not_processed.petition": _ZEROS,
    "requests.result.not_processed.repeated": _ZEROS,
    "requests.result.not_processed.publication": _ZEROS,
    "requests.result.not_processed.excessive": _ZEROS,
    "requests.result.not_processed.confirmation": _ZEROS,
    "requests.result.other.no_correction": (8, 2, 0, 0, 0, 0, 10),
    "requests.result.other.unpaid_fee": _ZEROS,
    "requests.result.other.other": (4, 0, 0, 0, 0, 0, 4),
    "requests.result.total": (33, 2, 0, 0, 0, 0, 35),
    "requests.carried_forward": (1, 0, 0, 0, 0, 0, None),
}
SHANGHAI_T2 = {
    ("proactive.regulations", "issued"): 0,
    ("proactive.regulations", "repealed"): 0,
    ("proactive.regulations", "in_force"): 0,
    ("proactive.normative_documents", "issued"): 13,
    ("proactive.normative_documents", "repealed"): 0,
    ("proactive.normative_documents", "in_force"): 55,
    ("proactive.licensing", "decisions"): 97,
    ("proactive.penalties", "decisions"): 0,
    ("proactive.enforcement", "decisions"): 0,
    ("proactive.administrative_fees", "amount"): 0,
}
SHANGHAI_T4 = (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


def _shanghai_truth() -> Cells:
    truth: Cells = {k: Decimal(v) for k, v in SHANGHAI_T2.items()}
    for indicator, row in SHANGHAI_T3.items():
        for column, v in zip((*TABLE3_APPLICANT_COLUMNS, "total"), row, strict=True):
            truth[(indicator, column)] = None if v is None else Decimal(v)
    truth.update({(i, "count"): Decimal(v) for i, v in zip(TABLE4_INDICATORS, SHANGHAI_T4, strict=True)})
    return truth


@pytest.mark.skipif(not SHANGHAI.is_file(), reason="shared corpus not available")
@pytest.mark.parametrize("traditional", [False, True])
def test_shanghai_pdf2md_reads_every_true_cell(traditional: bool) -> None:
    text = SHANGHAI.read_text(encoding="utf-8")
    if traditional:
        text = _S2T.convert(text)
    report = parse(text)
    truth = _shanghai_truth()
    facts = {(f.indicator, f.column): f.value for f in report.facts}
    assert len(report.facts) == len(facts)  # no cell read twice
    wrong = {k: (v, truth.get(k)) for k, v in facts.items() if k not in truth or truth[k] != v}
    assert not wrong
    assert facts.keys() == truth.keys()  # 10 + 175 + 15 cells, all of them
    assert not [f for f in validate(report) if f.severity == Severity.ERROR]


def test_traditional_headings_get_the_template_sections() -> None:
    text = "一、總體情況\n本年度無。\n二、主動公開政府資訊情況\n無。\n"
    report = parse(text)
    assert [s.number.raw for s in report.sections] == ["一、", "二、"]
    simplified = parse(to_simplified(text))
    assert [f.rule for f in validate(report)] == [f.rule for f in validate(simplified)]


def test_without_opencc_text_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenCC is optional: without it traditional labels stay as written, nothing fails."""
    from govinfo_reports import values

    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc raises ImportError
    values._converter.cache_clear()
    try:
        assert values.to_simplified("一、總體情況") == "一、總體情況"
        assert values.fold("（一） 規章", traditional=True) == "(一)規章"
    finally:
        monkeypatch.undo()
        values._converter.cache_clear()
    assert values.to_simplified("一、總體情況") == "一、总体情况"


def test_import_does_not_load_opencc() -> None:
    code = "import sys, govinfo_reports; print('opencc' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("5條", "number", Decimal(5), "条"),
        ("3.5萬元", "number", Decimal("3.5"), "万元"),
        ("12個", "number", Decimal(12), "个"),
        ("無", "placeholder", None, None),
        ("1.屬於國家秘密", "text", None, None),
    ],
)
def test_units_and_placeholders_in_traditional_characters(
    text: str, kind: str, value: Decimal | None, unit: str | None
) -> None:
    read = read_value(text)
    assert (read.kind, read.value, read.unit) == (kind, value, unit)


def test_a_legacy_unit_column_in_traditional_characters() -> None:
    text = "| 指標 | 單位 | 累計數 |\n|---|---|---|\n| 主動公開文件數 | 條 | 30 |\n| 收費金額 | 萬元 | 1.5 |\n"
    facts = parse(text).facts
    assert [(f.label_path, f.column, f.value, f.unit) for f in facts] == [
        (("主動公開文件數",), "累計數", Decimal(30), "条"),
        (("收費金額",), "累計數", Decimal("1.5"), "万元"),
    ]
