"""Facts: golden facts of the seeds, the pingtan report's HTML against its flattened text, hard real cases."""

from __future__ import annotations

import gc
import json
import time
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse, parse_file, render
from govinfo_reports.facts import Extraction, Fact
from govinfo_reports.tables.extract import extract
from govinfo_reports.tables.grid import Grid
from govinfo_reports.tables.templates import (
    TABLE2_2021_COLUMNS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_ROWS_2021,
    TABLE4_INDICATORS,
)
from html_truth import html_cells

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden" / "facts"
CORPUS = Path("/work/shared/corpus")
if not CORPUS.exists():  # the corpus also sits next to the repository in a shared checkout
    CORPUS = ROOT.parent / "shared" / "corpus"

Key = tuple[str, str | None, tuple[str, ...], str, Decimal | None, str | None]


def _expected(doc: dict[str, Any]) -> list[Key]:
    """Expand a golden file (rows written by reading the seed) into one key per value cell."""
    out: list[Key] = []
    for table in doc["tables"]:
        kind = table["table"]
        for row in table["rows"]:
            if kind == "legacy":
                path, unit, values = row
                for column, value in zip(table["columns"], values, strict=True):
                    out.append((kind, None, tuple(path), column, _dec(value), unit))
            else:
                indicator, path, unit, values = row
                for column, value in values.items():
                    out.append((kind, indicator, tuple(path), column, _dec(value), unit))
    return out


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _key(fact: Fact) -> Key:
    return (fact.table, fact.indicator, fact.label_path, fact.column, fact.value, fact.unit)


@pytest.mark.parametrize("stem", ["000_fc022d70227099c4", "002_ba2cc9ced20f5da6", "004_7c2d47552574f996"])
def test_golden_facts(stem: str) -> None:
    doc = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    report = parse_file(SEEDS / f"{stem}.txt")
    got = [_key(f) for f in report.facts]
    expected = _expected(doc)
    missing = [k for k in expected if k not in got]
    extra = [k for k in got if k not in expected]
    assert not missing, f"missing {missing[:5]}"
    assert not extra, f"extra {extra[:5]}"
    assert got == expected  # same order: document order
    assert report.template == doc["template"]


@pytest.mark.parametrize("stem", ["001_89efcb53254ac2fa", "003_84dc834a7a148c25"])
def test_narrative_reports_have_no_table_facts(stem: str) -> None:
    report = parse_file(SEEDS / f"{stem}.txt")
    assert report.facts == ()
    assert report.template is None


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_spans_locate_the_cells(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    for fact in parse(text).facts:
        source = text[fact.span.start : fact.span.end]
        compact = "".join(source.split())
        assert "".join(fact.text.split()) in compact
        assert compact.replace("|", "") == "".join(fact.text.split())
        assert fact.span.line == text.count("\n", 0, fact.span.start) + 1


def test_report_fact_lookup() -> None:
    report = parse_file(SEEDS / "002_ba2cc9ced20f5da6.txt")
    fact = report.fact("requests.result.denied.state_secret", "natural_person")
    assert fact is not None
    assert fact.value == 0
    assert fact.label_path[-1] == "1.属于国家秘密"
    assert report.fact("requests.result.other", "total") is None  # a 2019 row: not in a 2021 report
    amount = report.fact("proactive.administrative_fees", "amount")
    assert amount is not None
    assert amount.unit == "万元"


# --- pingtan-2024: the HTML as published against its flattened text -------------------------


def _html_grids() -> list[Grid]:
    """The true grids of the report's tables, read from the HTML with lxml."""
    return [Grid.from_spans(rows) for rows in html_cells(CORPUS / "pingtan-2024.html")]


def _facts_from_html(grids: list[Grid]) -> list[tuple[str, str, tuple[str, ...], str, Decimal | None]]:
    """Expected facts read off the true grids by the template's shape, independently of the readers."""
    t2, t3, t4 = grids
    out: list[tuple[str, str, tuple[str, ...], str, Decimal | None]] = []
    labels2 = {"规章": "proactive.regulations", "行政规范性文件": "proactive.normative_documents"}
    labels2 |= {"行政许可": "proactive.licensing", "行政处罚": "proactive.penalties"}
    labels2 |= {"行政强制": "proactive.enforcement", "行政事业性收费": "proactive.administrative_fees"}
    by_header = {unicodedata.normalize("NFKC", v): k for k, v in TABLE2_2021_COLUMNS.items()}
    group = ""
    header: dict[int, str] = {}
    for row in t2.rows:
        first = row[0]
        if first.colspan == t2.n_cols:
            group = first.text
        elif first.text == "信息内容":
            header = {c.col: by_header[unicodedata.normalize("NFKC", c.text)] for c in row[1:]}
        else:
            for cell in row[1:]:
                out.append(("二", labels2[first.text], (group, first.text), header[cell.col], _num(cell.text)))
    columns3 = (*TABLE3_APPLICANT_COLUMNS, "total")
    data_rows = [r for r in range(t3.n_rows) if any(c.col >= 3 and not _is_text(c.text) for c in t3.row(r))]
    for indicator, r in zip(TABLE3_ROWS_2021, data_rows, strict=True):
        path: list[str] = []
        for col in range(3):
            cell = t3.at(r, col)
            assert cell is not None
            if not path or path[-1] != cell.text:
                path.append(cell.text)
        for k, column in enumerate(columns3):
            value = t3.at(r, 3 + k)
            assert value is not None
            out.append(("三", indicator, tuple(path), column, _num(value.text)))
    last = t4.n_rows - 1
    for k, indicator in enumerate(TABLE4_INDICATORS):
        path = []
        for r in range(last):
            cell = t4.at(r, k)
            if cell is not None and (not path or path[-1] != cell.text):
                path.append(cell.text)
        value = t4.at(last, k)
        assert value is not None
        out.append(("四", indicator, tuple(path), "count", _num(value.text)))
    return out


def _num(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _is_text(text: str) -> bool:
    return bool(text) and not text.replace(".", "").isdigit()


def _project(extraction: Extraction) -> list[tuple[str, str, tuple[str, ...], str, Decimal | None]]:
    return [(f.table, f.indicator or "", f.label_path, f.column, f.value) for f in extraction.facts]


@pytest.fixture(scope="module")
def pingtan() -> tuple[list[Grid], str]:
    if not (CORPUS / "pingtan-2024.layoutB.txt").exists():
        pytest.skip("corpus not available")
    return _html_grids(), (CORPUS / "pingtan-2024.layoutB.txt").read_text(encoding="utf-8")


def test_pingtan_flattening_matches_the_scrape(pingtan: tuple[list[Grid], str]) -> None:
    """Grid.flatten("B") of the HTML grids writes exactly the tables of the layout-B file."""
    grids, text = pingtan
    tables = parse(text).tables
    assert len(tables) == len(grids) == 3
    for grid, table in zip(grids, tables, strict=True):
        assert grid.flatten("B") == render(table)


def test_pingtan_layout_b_facts_match_html(pingtan: tuple[list[Grid], str]) -> None:
    grids, text = pingtan
    expected = _facts_from_html(grids)
    report = parse(text)
    assert _project(extract(report)) == expected
    assert report.template == "national-2021"
    assert len(expected) == 10 + 25 * 7 + 15
    fee = report.fact("proactive.administrative_fees", "amount")
    assert fee is not None
    assert fee.value == Decimal("18651.06")
    assert fee.unit == "万元"


def _as_layout(text: str, grids: list[Grid], layout: str) -> str:
    out = text
    for grid, table in zip(grids, parse(text).tables, strict=True):
        out = out.replace(render(table), grid.flatten(layout))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("layout", ["A", "B", "M"])
@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_pingtan_in_every_layout(pingtan: tuple[list[Grid], str], layout: str, width: str, eol: str) -> None:
    """The same facts from layout A, B or M, full- or half-width punctuation, LF or CRLF."""
    grids, text = pingtan
    derived = _as_layout(text, grids, layout)
    expected = [(t, i, c, v) for t, i, _, c, v in _facts_from_html(grids)]
    if width == "half":
        derived = unicodedata.normalize("NFKC", derived)
    derived = derived.replace("\n", eol)
    got = [(t, i, c, v) for t, i, _, c, v in _project(extract(parse(derived)))]
    assert got == expected


# --- hard real cases ----------------------------------------------------------------------


def test_shanghai_pdf_markdown_table3_rebuilt() -> None:
    """Layout M from a PDF converter: labels torn from their numbers; the template's order puts them back."""
    path = CORPUS / "shanghai-stc-2024.pdf2md.md"
    if not path.exists():
        pytest.skip("corpus not available")
    report = parse_file(path)
    assert report.template == "national-2021"

    def value(indicator: str, column: str) -> Decimal | None:
        fact = report.fact(indicator, column)
        assert fact is not None, (indicator, column)
        return fact.value

    # Read from the markdown: | 一、本年新收政府信息公开申请数量 | 32 | 2 | 0 | 0 | 0 | 0 | 34 |  |
    assert value("requests.received", "natural_person") == 32
    assert value("requests.received", "total") == 34
    # A row whose label went to the prose above it: | 0 | 0 | ... | 0 | (部分公开)
    assert value("requests.result.partly_granted", "total") == 0
    # | 1 | 0 | 0 | 0 | 0 | 0 | 1 | under 5.属于三类内部事务信息 (label printed elsewhere)
    assert value("requests.result.denied.internal_affairs", "total") == 1
    assert value("requests.result.unavailable.not_held", "total") == 4
    assert value("requests.result.unavailable.needs_creation", "total") == 6
    assert value("requests.result.other.no_correction", "total") == 10
    assert value("requests.result.other.other", "total") == 4
    assert value("requests.result.total", "total") == 35
    # | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |: a blank total is not 0
    assert value("requests.carried_forward", "natural_person") == 1
    assert value("requests.carried_forward", "total") is None
    assert value("review.upheld", "count") == 1
    assert value("review.total", "count") == 1
    # Balance of the template holds on every fully filled column.
    for column in TABLE3_APPLICANT_COLUMNS:
        got = [value(i, column) for i in ("requests.received", "requests.carried_over", "requests.result.total")]
        assert got[0] is not None
        assert got[1] is not None
        assert got[2] is not None
        assert got[0] + got[1] == got[2] + (value("requests.carried_forward", column) or 0)


def test_shanghai_table2_rows_left_in_prose() -> None:
    """The converter wrote four rows of table 二 as text lines (``行政许可 97``) before the table itself."""
    path = CORPUS / "shanghai-stc-2024.pdf2md.md"
    if not path.exists():
        pytest.skip("corpus not available")
    text = path.read_text(encoding="utf-8")
    report = parse(text)
    table2 = [f for f in report.facts if f.table == "二"]
    got = {(f.indicator, f.column): f.value for f in table2}
    # Lines 77-89 of the file: 行政许可 97 / 行政处罚 0 / 行政强制 0 / 行政事业性收费 0, then
    # | 规章 | 0 | 0 | 0 | and | 规范性文件 | 13 | 0 | 55 |.
    assert got == {
        ("proactive.licensing", "decisions"): 97,
        ("proactive.penalties", "decisions"): 0,
        ("proactive.enforcement", "decisions"): 0,
        ("proactive.administrative_fees", "amount"): 0,
        ("proactive.regulations", "issued"): 0,
        ("proactive.regulations", "repealed"): 0,
        ("proactive.regulations", "in_force"): 0,
        ("proactive.normative_documents", "issued"): 13,
        ("proactive.normative_documents", "repealed"): 0,
        ("proactive.normative_documents", "in_force"): 55,
    }
    licensing = report.fact("proactive.licensing", "decisions")
    assert licensing is not None
    assert text[licensing.span.start : licensing.span.end] == "97"
    assert licensing.label_path == ("第二十条第（五）项", "行政许可")
    fees = report.fact("proactive.administrative_fees", "amount")
    assert fees is not None
    assert fees.unit == "万元"  # 信息内容本年收费金额（单位：万元）
    # Facts stay in document order.
    starts = [f.span.start for f in report.facts]
    assert starts == sorted(starts)


def test_prose_rows_need_a_table2_context() -> None:
    """A line shaped like a row is not a fact outside table 二's 第二十条 items."""
    text = (
        "二、收到和处理政府信息公开申请情况\n"
        "行政许可 97\n"
        "| 一、本年新收政府信息公开申请数量\n|\n1\n|\n0\n|\n0\n|\n0\n|\n0\n|\n0\n|\n1\n|\n"
    )
    report = parse(text)
    assert report.template == "national-2021"
    assert report.fact("proactive.licensing", "decisions") is None


def test_fused_digits_are_split_by_arithmetic_and_prose() -> None:
    """Pingtan 2015's statistics table, joined on one line: cut by its arithmetic where that decides; 主动公开文件数
    条 294981916 (累计 ≥ 本年 leaves four cuts) by the report's 2015年主动公开政府信息2949条 too: 2949 | 81916."""
    path = CORPUS / "pingtan-2015.singleline.txt"
    if not path.exists():
        pytest.skip("corpus not available")
    text = path.read_text(encoding="utf-8")
    extraction = extract(parse(text))
    assert not [d for d in extraction.diagnostics if d.code == "fused-digits"]
    whole = {f.column: f.value for f in extraction.facts if f.label_path == ("主动公开文件数",)}
    assert whole == {"2015年度": 2949, "历年累计": 81916}


def test_fused_run_in_a_table_cell() -> None:
    text = "| 一、本年新收政府信息公开申请数量\n|\n801000081\n|\n| 二、上年结转政府信息公开申请数量\n|\n0\n|\n0\n|\n0\n|\n0\n|\n0\n|\n0\n|\n0\n|\n"
    extraction = extract(parse(text))
    assert [d.code for d in extraction.diagnostics] == ["fused-digits"]
    received = [f for f in extraction.facts if f.indicator == "requests.received"]
    assert len(received) == 1
    assert received[0].text == "801000081"


def test_blank_cells_are_not_zero() -> None:
    text = (
        "| 一、本年新收政府信息公开申请数量\n|\n3\n|\n|\n|\n|\n|\n|\n5\n|\n||\n"
        "| 二、上年结转政府信息公开申请数量\n|\n|\n|\n|\n|\n|\n|\n|\n||\n"
    )
    report = parse(text)
    values = [f.value for f in report.facts if f.indicator == "requests.received"]
    assert values == [3, None, None, None, None, None, 5]
    carried = [f.value for f in report.facts if f.indicator == "requests.carried_over"]
    assert carried == [None] * 7


def test_text_in_a_value_cell_stays_text() -> None:
    text = "指标 |\n累计数 |\n人员数 |\n3人 |\n经费 |\n见说明 |\n"
    facts = parse(text).facts
    assert [(f.label_path, f.value, f.unit, f.text) for f in facts] == [(("人员数",), 3, "人", "3人")]


@pytest.mark.parametrize(
    "text",
    [
        "|\n",
        "||||\n",
        "a |\n|\n",
        "| x\n",
        "| 一、本年新收\n|\n",
        "行政复议 |\n结果维持 |\n",
        "1 |\n2 |\n3 |\n",
        "|---|---",
        "| ",
        "|------|---\n",
    ],
)
def test_bad_tables_never_raise(text: str) -> None:
    """Degenerate tables (no cells, a lone separator) are read, not given up on."""
    extraction = extract(parse(text))
    assert isinstance(extraction.facts, tuple)
    assert not [d for d in extraction.diagnostics if d.code == "table-unreadable"]


@pytest.mark.parametrize("stem", ["000_fc022d70227099c4", "002_ba2cc9ced20f5da6", "004_7c2d47552574f996"])
def test_facts_cost_no_more_than_the_parse(stem: str) -> None:
    """Facts for a report cost no more than its parse (fastest of 15 runs each, against machine noise)."""
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    extract(parse(text))
    parse_times, fact_times = [], []
    for _ in range(15):
        gc.collect()  # a full collection of the test session's heap is not the report's cost
        start = time.perf_counter()
        report = parse(text)
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        extract(report)
        fact_times.append(time.perf_counter() - start)
    assert min(fact_times) <= min(parse_times)


_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


@pytest.mark.parametrize("stem", ["000_fc022d70227099c4", "002_ba2cc9ced20f5da6", "004_7c2d47552574f996"])
@pytest.mark.parametrize("variant", ["crlf", "full-width", "bom-full-width-crlf"])
def test_seed_variants_give_the_same_values(stem: str, variant: str) -> None:
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    changed = {
        "crlf": text.replace("\n", "\r\n"),
        "full-width": text.translate(_FULL),
        "bom-full-width-crlf": "\ufeff" + text.translate(_FULL).replace("\n", "\r\n"),
    }[variant]

    def values(source: str) -> list[tuple[str, str | None, str, Decimal | None, str | None]]:
        return [(f.table, f.indicator, f.column, f.value, f.unit) for f in parse(source).facts]

    assert values(changed) == values(text)


@settings(max_examples=budget(40))
@given(st.data())
def test_blanked_cells_of_a_real_report_read_as_blank(pingtan: tuple[list[Grid], str], data: st.DataObject) -> None:
    """Erase value cells of the real layout-B text: exactly those facts turn blank, nothing shifts."""
    _, text = pingtan
    facts = parse(text).facts
    chosen = sorted(set(data.draw(st.lists(st.integers(0, len(facts) - 1), max_size=25))))
    out = text
    for index in reversed(chosen):  # from the end, so earlier offsets stay valid
        fact = facts[index]
        start = fact.span.start
        assert out[start : start + len(fact.text) + 1] == fact.text + "\n"
        out = out[:start] + out[start + len(fact.text) + 1 :]
    expected = [(f.indicator, f.column, None if i in chosen else f.value) for i, f in enumerate(facts)]
    assert [(f.indicator, f.column, f.value) for f in parse(out).facts] == expected
