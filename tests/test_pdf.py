"""PDF input: a real published PDF cell by cell, generated PDFs against their text form, and the errors."""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from govinfo_reports import DecodeError, parse, validate
from govinfo_reports.findings import Severity
from govinfo_reports.sources.document import SourceDocument, render_blocks
from govinfo_reports.sources.pdf import fold_compatibility, parse_pdf, read_pdf
from govinfo_reports.tables.templates import TABLE3_COLUMNS, TABLE3_ROWS_2021, TABLE4_INDICATORS

# tests/ is on sys.path (pytest's rootdir-relative imports); pdf_maker imports reportlab lazily
from pdf_maker import (
    Heading,
    Paragraph,
    legacy_report,
    national_report,
    scan_pdf,
    source_blocks,
    tounicode_pdf,
    write_pdf,
)

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next(
    (p for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")) if (p / "hongze-2024.pdf").is_file()),
    None,
)
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="shared corpus not available")


def _facts(report: object) -> list[tuple[object, ...]]:
    return [(f.table, f.indicator, f.label_path, f.column, f.value, f.unit) for f in report.facts]  # type: ignore[attr-defined]


def _free_lines(doc: SourceDocument) -> list[str]:
    """The lines of a rendering outside its tables."""
    inside = {n for t in doc.tables for n in range(t.first_line, t.last_line + 1)}
    return [line for n, line in enumerate(doc.text.splitlines(), start=1) if n not in inside]


# ---------------------------------------------------------------------------
# the real report: 淮安市洪泽区 2024 (national-2021, 5 pages), every cell as the page images show it

#: Table 二 as printed on pages 2-3 (a table continued on the next page).
HONGZE_T2 = [
    ("proactive.regulations", "issued", 0),
    ("proactive.regulations", "repealed", 0),
    ("proactive.regulations", "in_force", 0),
    ("proactive.normative_documents", "issued", 3),
    ("proactive.normative_documents", "repealed", 0),
    ("proactive.normative_documents", "in_force", 8),
    ("proactive.licensing", "decisions", 9487),
    ("proactive.penalties", "decisions", 2776),
    ("proactive.enforcement", "decisions", 84),
    ("proactive.administrative_fees", "amount", 7545),
]
#: Table 三 as printed on pages 3-4, row by row (自然人, five organisations, 总计); the
#: 2021 template without (六)'s three sub-rows: the report has (六)其他处理 as one row.
HONGZE_T3 = {
    "requests.received": (95, 0, 0, 0, 0, 0, 95),
    "requests.carried_over": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.granted": (50, 0, 0, 0, 0, 0, 50),
    "requests.result.partly_granted": (9, 0, 0, 0, 0, 0, 9),
    "requests.result.denied.state_secret": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.denied.prohibited_by_law": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.denied.security_stability": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.denied.third_party_rights": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.denied.internal_affairs": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.denied.process_information": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.denied.enforcement_files": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.denied.administrative_query": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.unavailable.not_held": (31, 0, 0, 0, 0, 0, 31),
    # page 4 from here
    "requests.result.unavailable.needs_creation": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.unavailable.unclear": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.not_processed.petition": (1, 0, 0, 0, 0, 0, 1),
    "requests.result.not_processed.repeated": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.not_processed.publication": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.not_processed.excessive": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.not_processed.confirmation": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.other": (0, 0, 0, 0, 0, 0, 0),
    "requests.result.total": (95, 0, 0, 0, 0, 0, 95),
    "requests.carried_forward": (0, 0, 0, 0, 0, 0, 0),
}
#: Table 四 as printed on page 4: 行政复议 (5), 未经复议直接起诉 (5), 复议后起诉 (5).
HONGZE_T4 = (1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3)
T3_COLUMNS = [c for c in TABLE3_COLUMNS if c != "organization_subtotal"]


@pytest.fixture(scope="module")
def hongze() -> SourceDocument:
    assert CORPUS is not None
    return read_pdf(CORPUS / "hongze-2024.pdf")


@needs_corpus
def test_hongze_every_cell_of_tables_2_3_4(hongze: SourceDocument) -> None:
    report = hongze.parse()
    assert report.template == "national-2021"
    got = {(f.table, f.indicator, f.column): f.value for f in report.facts}
    expected = {("二", i, c): Decimal(v) for i, c, v in HONGZE_T2}
    for indicator, values in HONGZE_T3.items():
        expected.update({("三", indicator, c): Decimal(v) for c, v in zip(T3_COLUMNS, values, strict=True)})
    expected.update({("四", i, "count"): Decimal(v) for i, v in zip(TABLE4_INDICATORS, HONGZE_T4, strict=True)})
    assert got == expected
    assert len(report.facts) == len(expected)  # no fact twice, none extra


@needs_corpus
def test_hongze_outline_and_check(hongze: SourceDocument) -> None:
    report = hongze.parse()
    assert [(s.number.raw, s.title) for s in report.sections] == [
        ("一、", "总体情况"),
        ("二、", "主动公开政府信息情况"),
        ("三、", "收到和处理政府信息公开申请情况"),
        ("四、", "政府信息公开行政复议、行政诉讼情况"),
        ("五、", "存在的主要问题及改进情况"),
        ("六、", "其他需要报告的事项"),
    ]
    assert [s.title for s in report.sections[0].sections] == [
        "主动公开情况",
        "依申请公开情况",
        "政府信息管理情况",
        "政府信息公开平台建设情况",
        "政府信息公开监督保障情况",
    ]
    assert [f for f in validate(report) if f.severity is Severity.ERROR] == []
    assert report.diagnostics == ()


@needs_corpus
def test_hongze_table_3_runs_on_across_the_page_break(hongze: SourceDocument) -> None:
    report = hongze.parse()
    (table,) = [t for t in report.tables if t.observed and any(c.text == "申请人情况" for c in t.observed[0])]
    assert table.observed is not None
    cells = {c.text: c for row in table.observed for c in row}
    # the result label column: one cell over the 20 result rows of both pages (the page break cut
    # its box in two, the new page showing an empty remainder); (四)无法提供 over its 3 rows likewise
    assert (cells["三、本年度办理结果"].rowspan, cells["三、本年度办理结果"].colspan) == (20, 1)
    assert cells["（四）无法提供"].rowspan == 3
    corner = next(text for text in cells if text.startswith("（本列数据的勾稽关系"))
    assert (cells[corner].rowspan, cells[corner].colspan) == (3, 3)
    assert (cells["申请人情况"].rowspan, cells["申请人情况"].colspan) == (1, 7)
    assert (cells["法人或其他组织"].rowspan, cells["法人或其他组织"].colspan) == (1, 5)
    assert (cells["自然人"].rowspan, cells["总计"].rowspan) == (2, 2)
    # (七)总计 has an empty box in the sub-label column: the label spans it
    assert cells["（七）总计"].colspan == 2
    # the facts of page 4 are located on page 4, those before the break on page 3
    pages = {}
    for fact in report.facts:
        if fact.table == "三":
            origin = hongze.origin(fact.span.line)
            assert origin is not None
            pages.setdefault(fact.indicator, set()).add(origin.page)
    assert len(pages) == len(HONGZE_T3)
    rows = list(HONGZE_T3)
    split = rows.index("requests.result.unavailable.needs_creation")
    assert all(pages[r] == {3} for r in rows[:split])
    assert all(pages[r] == {4} for r in rows[split:])


@needs_corpus
def test_hongze_text_is_whole_and_free_of_page_furniture(hongze: SourceDocument) -> None:
    free = _free_lines(hongze)
    # paragraphs joined across their wraps, also across the page break of pages 4-5
    assert free[0:2] == ["淮安市洪泽区人民政府", "2024年政府信息公开工作年度报告"]
    assert free[2].startswith("本报告由淮安市洪泽区人民政府办公室")
    assert free[2].endswith("0517-87290606）。")
    closing = next(line for line in free if line.startswith("针对存在问题"))
    assert "答复书模板，使各行政机关答复的方式" in closing
    assert closing.endswith("业务工作水平。")
    assert len(free) == 18  # title 2, preamble 1, six headings, nine paragraphs (as the page images show)
    # page numbers (- 1 - ... - 5 -) are gone, and no cell text is running text
    assert not [line for line in free if line.strip("- ").isdigit()]
    assert not any("本年新收政府信息公开申请数量" in line or line == "行政许可" for line in free)
    # every line knows its page
    assert all(o.page in range(1, 6) and o.y is not None for o in hongze.origins)
    assert len(hongze.origins) == len(hongze.text.splitlines())


# ---------------------------------------------------------------------------
# generated PDFs: the same facts, outline and running text as their text form


def _same_as_text_form(blocks: list[object], **options: object) -> SourceDocument:
    doc = read_pdf(write_pdf(blocks, **options))  # type: ignore[arg-type]
    text = render_blocks(source_blocks(blocks)).text  # type: ignore[arg-type]
    pdf_report, text_report = doc.parse(), parse(text)
    assert pdf_report.template == text_report.template
    assert _facts(pdf_report) == _facts(text_report)
    assert [s.title for s in pdf_report.sections] == [s.title for s in text_report.sections]
    assert _free_lines(doc) == [b.text for b in blocks if isinstance(b, Heading | Paragraph)]
    return doc


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_national_report(seed: int) -> None:
    blocks = national_report(seed)
    doc = _same_as_text_form(blocks, header="某某县人民政府")
    report = doc.parse()
    assert len(report.facts) == 10 + 7 * len(TABLE3_ROWS_2021) + 15
    assert "某某县人民政府\n" not in doc.text  # the running header
    # table 三 runs onto the next page: one table, its result label over all 22 result rows
    (t3,) = [t for t in report.tables if t.observed and any(c.text == "申请人情况" for c in t.observed[0])]
    assert t3.observed is not None
    cells = {c.text: c for row in t3.observed for c in row}
    assert cells["三、本年度办理结果"].rowspan == 22
    assert {doc.origin(f.span.line).page for f in report.facts if f.table == "三"} == {1, 2}  # type: ignore[union-attr]


def test_generated_national_report_with_header_rows_repeated_on_the_next_page() -> None:
    doc = _same_as_text_form(national_report(3, repeat=3))
    # table 三's three header rows are drawn again on page 2, and read once
    assert doc.text.count("申请人情况") == 1
    assert doc.text.count("法人或其他组织") == 1


def test_generated_national_report_with_filled_borders_and_white_boxes_behind_the_text() -> None:
    # cell borders as thin filled rectangles (Word's PDF export), white boxes behind every line:
    # the boxes are no rulings, so that no running text is read as a table
    doc = _same_as_text_form(national_report(12), filled_borders=True, white_boxes=True)
    assert len(doc.tables) == 3


def test_generated_national_report_with_an_empty_sub_label_box() -> None:
    _same_as_text_form(national_report(4, split_labels=True), footer="— {n} —")


@pytest.mark.parametrize("seed", [5, 6])
def test_generated_legacy_report(seed: int) -> None:
    doc = _same_as_text_form(legacy_report(seed), footer="第{n}页 共{total}页")
    report = doc.parse()
    assert report.template == "legacy"
    assert [f.unit for f in report.facts][:3] == [None, "条", "条"]
    last = report.facts[-1]  # a value whose unit cell is empty: not read as the unit
    assert (last.label_path[-1], last.unit, last.value is not None) == ("五、其他指标", None, True)


def test_wrapped_lines_join_but_headings_and_indented_lines_do_not() -> None:
    full = "一" * 35 + "二" * 37  # fills two lines exactly (the first indented two characters)
    blocks: list[object] = [
        Heading("一、总体情况"),
        Paragraph(full),
        Heading("（二）依申请公开情况", indent=0),
        Paragraph(full + "三十条。"),
        Paragraph("1.本年度共收到申请五件。" + "三" * 30),
        Heading("1.当面申请", indent=0),
    ]
    doc = read_pdf(write_pdf(blocks))  # type: ignore[arg-type]
    assert _free_lines(doc) == [b.text for b in blocks]  # type: ignore[attr-defined]


def test_a_running_header_that_repeats_the_title_leaves_the_title() -> None:
    title = "某某县人民政府2024年政府信息公开工作年度报告"
    blocks: list[object] = [Heading(title, indent=0), *national_report(13)[1:]]
    doc = read_pdf(write_pdf(blocks, header=title))  # type: ignore[arg-type]
    assert doc.text.startswith(title + "\n")  # the title on page 1, larger than the header
    assert doc.text.count(title) == 1  # the running header of every page left out


def test_a_frame_around_the_text_is_no_table() -> None:
    blocks = legacy_report(11)
    doc = _same_as_text_form(blocks, frame=True)
    assert len(doc.tables) == 1  # the statistics table; the frame split by a rule (two boxes, one column) is not one


def test_a_short_page_keeps_its_heading_apart() -> None:
    # the last page holds a heading and one line: the heading is its widest line, yet no margin of the page
    filler = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    blocks: list[object] = [Paragraph(filler * 2) for _ in range(12)]
    blocks += [Heading("六、其他需要报告的事项：本年度未收取任何信息处理费用", indent=0), Heading("全文完。", indent=0)]
    doc = read_pdf(write_pdf(blocks))  # type: ignore[arg-type]
    assert doc.origins[-1].page == 2
    assert _free_lines(doc) == [b.text for b in blocks]  # type: ignore[attr-defined]


def test_no_text_of_odd_cell_boxes_is_lost() -> None:
    from govinfo_reports.sources.pdf import _Box, _grid, _Part

    boxes = (
        _Box(0, 0, 50, 20),
        _Box(50, 0, 100, 20),
        _Box(40, 5, 60, 15),  # overlaps both: its text goes to the first cell it overlaps, after that cell's
        _Box(0, 20, 100, 21),  # a sliver between two rules, one point high: its text goes to the cell below
        _Box(0, 21, 50, 40),
        _Box(50, 21, 100, 40),
    )
    texts = [["规章"], ["5"], ["注"], ["续"], ["行政许可"], ["7"]]
    rows = _grid([_Part(1, boxes, texts, _Box(0, 0, 100, 40))])
    assert sorted(line for row in rows for cell in row for line in cell.lines) == sorted(t for ts in texts for t in ts)
    assert [[cell.text for cell in row] for row in rows] == [["规章注", "5"], ["续行政许可", "7"]]


def test_compatibility_code_points_read_as_the_characters_they_show() -> None:
    # Kangxi radicals (U+2F00 ⼀, U+2F06 ⼆, U+2F79 ⽹), a CJK radical (U+2ED4 ⻔), compatibility
    # ideographs (U+F9B5 例, U+2F800 丽); full-width digits and punctuation stay as they are
    lines = ["⼀、总体情况", "全文完", "（⼆）本年度⽹站⻔户发布信息１２条，例如\U0002f800。"]
    doc = read_pdf(tounicode_pdf(lines))
    assert doc.text == "一、总体情况\n全文完\n（二）本年度网站门户发布信息１２条，例如丽。\n"
    assert [(s.number.raw, s.title) for s in doc.parse().sections] == [("一、", "总体情况")]
    assert fold_compatibility("（⼀）１，２。") == "（一）１，２。"


# ---------------------------------------------------------------------------
# what cannot be read


def test_a_scan_needs_ocr() -> None:
    with pytest.raises(DecodeError, match="OCR"):
        read_pdf(scan_pdf())


def test_a_pdf_that_draws_nothing() -> None:
    with pytest.raises(DecodeError, match="no text layer: its pages draw no characters"):
        read_pdf(write_pdf([], footer=None))


@pytest.mark.parametrize(
    "data",
    [b"", b"not a pdf at all", b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"],
)
def test_broken_files(data: bytes) -> None:
    with pytest.raises(DecodeError, match="not a readable PDF"):
        read_pdf(data, source_name="x.pdf")


def test_a_truncated_pdf() -> None:
    data = write_pdf(national_report(7))
    with pytest.raises(DecodeError):
        read_pdf(data[: len(data) // 3])


def test_an_encrypted_pdf_needs_its_password() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = write_pdf(legacy_report(8), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(DecodeError, match="encrypted PDF"):
        parse_pdf(data, source_name="locked.pdf")


def test_glyphs_without_characters_need_ocr() -> None:
    # pdfminer cannot map the CID font of reportlab's owner-password PDFs to characters: every
    # glyph reads as (cid:N); such a text layer is no text
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = write_pdf(legacy_report(9), encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    with pytest.raises(DecodeError, match=r"map to no character \(shown as \(cid:N\)\); OCR is needed"):
        read_pdf(data)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="no such file"):
        read_pdf(tmp_path / "missing.pdf")


def test_damaged_bytes_raise_only_decode_errors() -> None:
    data = write_pdf(legacy_report(10))
    rng = random.Random(10)
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(rng.randrange(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        with contextlib.suppress(DecodeError):  # anything else fails the test
            read_pdf(bytes(damaged))


def test_pdfminer_complaints_are_not_printed(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(tounicode_pdf(["一、总体情况"]))
    code = (
        "import logging, sys; from govinfo_reports.sources.pdf import read_pdf; read_pdf(sys.argv[1]);"
        " logging.getLogger('pdfminer.pdffont').warning('Could not get FontBBox from font descriptor')"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert done.stderr == ""


def test_without_pdfplumber_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber raises ImportError
    with pytest.raises(DecodeError, match=r"needs pdfplumber: pip install 'govinfo-reports\[pdf\]'"):
        read_pdf(b"%PDF-1.4")


def test_importing_the_package_does_not_import_the_readers_libraries() -> None:
    heavy = ("pdfplumber", "pdfminer", "pypdfium2", "docx", "lxml", "pandas", "click", "rich", "hypothesis")
    code = f"import sys, govinfo_reports; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
