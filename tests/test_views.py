"""Views: short reprs of nodes and findings, the notebook views and the static page of ``show``.

Expectations are read from the reports: seed 002 has six top-level headings
(一、 … 六、, lines 1, 12, 84, 545, 606, 608 of 609) and three tables; seed 003
says 累计公开信息总数2096条 on line 6 and then, in the body of heading 4、 on
line 8, that its parts are 2093条 and 18条; on line 21 that 5条 and 123条 make
共计283条.  The page is parsed back with lxml to check what a browser will see.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import govinfo_reports
from govinfo_reports import Finding, Report, Severity, parse, parse_file, validate
from govinfo_reports.cli import main
from govinfo_reports.io.html_view import fragment, grid_size, report_page, table_grids
from govinfo_reports.strategies import noise_texts, report_texts
from govinfo_reports.syntax.nodes import (
    Attachment,
    AttachmentList,
    AttachmentRef,
    Blank,
    Cell,
    Diagnostic,
    Numbering,
    ObservedCell,
    Paragraph,
    Preamble,
    Section,
    Signature,
    Span,
    Table,
    TableLine,
)

lxml_html = pytest.importorskip("lxml.html")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_002 = ROOT / "seeds" / "002_ba2cc9ced20f5da6.txt"
SEED_003 = ROOT / "seeds" / "003_84dc834a7a148c25.txt"
CORPUS = Path("/work/shared/corpus")
PINGTAN_HTML = CORPUS / "pingtan-2024.html"


def _all_nodes(report: Report) -> list[object]:
    nodes: list[object] = [report, *report.walk(), *report.diagnostics]
    for block in report.walk():
        if isinstance(block, Table):
            nodes.extend(block.cells)
            for row in block.observed or ():
                nodes.extend(row)
        elif isinstance(block, AttachmentList):
            nodes.extend(block.entries)
    return nodes


def altered_002() -> str:
    """Seed 002 with the first cell of table 三's row 一、本年新收 (自然人, written 0) made 7.

    Its column then no longer balances (table3.balance) and its row no longer adds up to
    its 总计 of 0 (table3.row-total).
    """
    lines = SEED_002.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("| 一、本年新收"))
    first = next(j for j in range(row + 1, len(lines)) if lines[j] == "0")
    lines[first] = "7"
    return "\n".join(lines)


# --- repr -------------------------------------------------------------------------------------


def test_repr_of_report_is_one_short_line_of_counts() -> None:
    report = parse_file(SEED_002)
    assert repr(report) == "<Report lines 1-609, 6 sections, 3 tables, 0 diagnostics>"
    first = report.sections[0]
    assert repr(first).startswith("<Section lines 1-11, 一、'总体情况', level 1, ")
    assert repr(report.tables[0]).startswith("<Table lines 13-83, layout B, ")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_node_repr_is_short(path: Path) -> None:
    report = parse_file(path)
    nodes = _all_nodes(report)
    assert len(nodes) > 20
    for node in nodes:
        text = repr(node)
        assert len(text) <= 160, text
        assert "\n" not in text
        assert text.startswith(f"<{type(node).__name__}"), text


def test_corpus_reprs_are_short() -> None:
    files = [p for p in sorted(CORPUS.glob("*")) if p.suffix in (".txt", ".md", ".html")]
    if not files:
        pytest.skip("no corpus")
    for path in files:
        report = parse_file(path)
        assert len(repr(report)) <= 160
        for node in _all_nodes(report):
            assert len(repr(node)) <= 160, (path.name, repr(node))


def test_small_reprs_name_text_and_place() -> None:
    span = Span(10, 25, 3, 1, 3, 16)
    assert (
        repr(Paragraph("本年度未收到依申请公开事项。", span=span))
        == "<Paragraph line 3, '本年度未收到依申请公开事项。'>"
    )
    long = "很" * 100
    assert repr(Paragraph(long)) == f"<Paragraph {'很' * 30!r}… (100 chars)>"
    assert repr(Blank()) == "<Blank>"
    assert repr(Cell(("商业", "企业"), opens_row=True, span=Span(5, 10, 40, 3, 41, 3))) == (
        "<Cell lines 40-41, '商业企业', opens row>"
    )
    assert repr(Cell(("0",), closed=False, span=Span(5, 6, 40, 3, 40, 4))) == "<Cell line 40:3, '0', unclosed>"
    assert repr(ObservedCell(("合计",), colspan=2, is_header=True)) == "<ObservedCell '合计', colspan=2, header>"
    assert repr(Signature("辽源市西安区机关事务管理局", "2018年3月9日")) == (
        "<Signature '辽源市西安区机关事务管理局', '2018年3月9日'>"
    )
    section = Section(Numbering("paren_cn", 2, "(二)"), "依申请公开", level=2, children=(Paragraph("a"), Blank()))
    assert repr(section) == "<Section (二)'依申请公开', level 2, 2 blocks>"
    entries = (AttachmentRef("附件1:统计表"), AttachmentRef("附件2:说明"))
    assert repr(AttachmentList(entries)) == "<AttachmentList 2 entries>"
    assert repr(Attachment("附件1:统计表")) == "<Attachment 附件1, '统计表', 0 blocks>"
    assert repr(Preamble((Paragraph("某某局2017年度信息公开工作年度报告"),))) == (
        "<Preamble title '某某局2017年度信息公开工作年度报告', 1 block>"
    )
    assert repr(Diagnostic("unclosed-cell", "a cell is not closed", span=Span(0, 1, 7, 2, 7, 3))) == (
        "<Diagnostic line 7:2, unclosed-cell, 'a cell is not closed'>"
    )
    table = Table((TableLine("open", "| 规章"), TableLine("pipes", "|")))
    assert repr(table) == "<Table layout B, 2 source lines>"
    # Numbering and Span keep their attrs repr: short, and what their doctests show.
    assert repr(Numbering("cn", 1, "一、")) == "Numbering(kind='cn', ordinal=1, raw='一、')"


def test_short_repr_keeps_equality_hash_and_pickling() -> None:
    a, b = parse_file(SEED_002), parse_file(SEED_002)
    assert a == b
    assert hash(a) == hash(b)
    assert a != parse(altered_002())
    assert pickle.loads(pickle.dumps(a)) == a


def test_finding_repr() -> None:
    findings = validate(parse_file(SEED_003))
    assert [f.rule for f in findings] == ["prose.parts-sum", "prose.parts-sum"]
    text = repr(findings[1])
    assert text.startswith("<Finding line 21:152, error prose.parts-sum, '「共计公开信息」 283条")
    assert text.endswith(", expected 128, actual 283, 3 facts>")
    assert len(text) < 200
    bare = Finding("x.y", Severity.WARNING, "m", Decimal(1))
    assert repr(bare) == "<Finding warning x.y, 'm', expected 1, 0 facts>"


# --- the page -------------------------------------------------------------------------------


def _tree(page: str) -> object:
    return lxml_html.document_fromstring(page)


def test_page_of_seed_003_marks_the_numbers_of_each_finding() -> None:
    page = report_page(parse_file(SEED_003), title="003.txt")
    doc = _tree(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not doc.xpath("//script")
    assert not doc.xpath("//*[@src]")
    assert not doc.xpath("//link")
    marks = [(m.text, m.get("title")) for m in doc.xpath("//mark[contains(@class, 'hit')]")]
    # 2096 (line 6), 2093 and 18 (line 8) for the first finding; 5, 123 and 283 (line 21) for the second.
    assert marks == [
        ("2096", "finding 1"),
        ("2093", "finding 1"),
        ("18", "finding 1"),
        ("5", "finding 2"),
        ("123", "finding 2"),
        ("283", "finding 2"),
    ]
    notes = doc.xpath("//aside[@class='notes']//li")
    assert [n.get("id") for n in notes] == ["finding-1", "finding-2"]
    # Each message stands beside the text it is about: the body of heading 4、 (line 8) and the paragraph of line 21.
    first = notes[0].getparent().getparent().getparent()
    assert first.xpath(".//*[@data-line='8']")
    second = notes[1].getparent().getparent().getparent()
    assert second.xpath(".//p[@data-line='21']")
    assert "2096条" in notes[0].text_content()
    assert "(difference -15)" in notes[0].text_content()
    # Every badge links to its note.
    ids = set(doc.xpath("//@id"))
    links = doc.xpath("//mark//a/@href")
    assert len(links) == 6
    assert all(link[1:] in ids for link in links)
    # The summary links to the notes.
    assert doc.xpath("//div[@class='summary']//a/@href") == ["#finding-1", "#finding-2"]
    # The text around the marks is all there: line 6 reads as written once the badges are taken out.
    line6 = SEED_003.read_text(encoding="utf-8").splitlines()[5]
    (paragraph,) = doc.xpath("//p[@data-line='6']")
    for badge in paragraph.xpath(".//sup"):
        badge.drop_tree()
    assert paragraph.text_content() == line6


def _layout(table: object) -> list[list[str]]:
    """Place an HTML table's cells as a browser does (rowspan, colspan): the text at each position."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.xpath("./tr")):  # type: ignore[attr-defined]
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in grid:
                c += 1
            rs, cs = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            text = td.text or ""
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text
            c += cs
    rows = max(r for r, _ in grid) + 1
    cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "\0") for c in range(cols)] for r in range(rows)]


def test_tables_are_drawn_as_their_grids_with_the_finding_cells_highlighted() -> None:
    report = parse(altered_002())
    page = report_page(report)
    doc = _tree(page)
    tables = doc.xpath("//table[@class='grid']")
    assert len(tables) == 3
    for element, (_, grid, _) in zip(tables, table_grids(report), strict=True):
        assert grid is not None
        layout = _layout(element)
        # Every position of the grid is filled exactly once: no cell shifted by a missing one, none left out.
        n_rows, n_cols = grid_size(grid)
        assert len(layout) == n_rows
        assert all(len(row) == n_cols for row in layout)
        assert all("\0" not in row for row in layout)
        for cell in grid.cells:
            assert layout[cell.row][cell.col] == cell.text
    table3 = tables[1]
    hits = table3.xpath(".//td[contains(@class, 'hit')]")
    # The 7 (自然人 of row 一、) is in both findings; its 总计 0 and the other cells of the row in the second.
    # (Finding 1 is the period rule's: seed 002 states no 统计期限.)
    assert hits[0].text == "7"
    assert hits[0].get("title") == "finding 2, 3"
    assert hits[0].get("data-line") == "112"
    assert all(h.get("title") in ("finding 2", "finding 3", "finding 2, 3") for h in hits)
    # The notes stand beside table 三.
    row = table3.getparent().getparent().getparent()
    assert [li.get("id") for li in row.xpath(".//aside//li")] == ["finding-2", "finding-3"]
    assert "table3.balance" in row.xpath(".//aside")[0].text_content()


def test_observed_spans_of_an_html_page_are_kept() -> None:
    if not PINGTAN_HTML.exists():
        pytest.skip("no corpus")
    doc = _tree(report_page(parse_file(PINGTAN_HTML)))
    first = doc.xpath("//table[@class='grid']")[0]
    # The page writes <td colspan="4">第二十条第（一）项, and so for （五）, （六）.
    spanning = [(td.text, td.get("colspan")) for td in first.xpath(".//td[@colspan='4']")]
    assert ("第二十条第（一）项", "4") in spanning
    assert ("第二十条第（五）项", "4") in spanning
    assert "spans as the source states them" in first.xpath("./caption")[0].text


HOSTILE = (
    '<script>alert("标题")</script>2017年度政府信息公开工作年度报告\n'
    '一、<img src=x onerror=alert(1)>总体情况。本年度"引号"&amp;<b>粗</b>\n'
    "(一)表格\n"
    "| </td></tr></table><script>x()</script> |\n"
    "|\n"
    '"><i>1</i>\n'
    "|\n"
    "||\n"
)


def test_everything_from_the_report_is_escaped() -> None:
    report = parse(HOSTILE)
    # (the period rule's info finding, the text stating no 统计期限, would add the page's own <b>info</b>)
    page = report_page(report, validate(report, disable={"period"}), title="<title>")
    doc = _tree(page)
    assert not doc.xpath("//script|//img|//b|//i")
    assert not doc.xpath("//@onerror")
    text = doc.text_content()
    assert "<img src=x onerror=alert(1)>总体情况" in text
    assert "</td></tr></table><script>x()</script>" in text
    assert '本年度"引号"&amp;<b>粗</b>' in text
    for node in (report, report.tables[0]):
        inner = lxml_html.fragment_fromstring(fragment(node), create_parent="div")
        # (the page's own <b>info</b>: the period rule's finding, the text stating no 统计期限)
        assert not inner.xpath("//script[not(ancestor::style)]|//img|//b[not(. = 'info')]|//i")


def test_page_of_an_empty_report_and_an_unlocated_finding() -> None:
    finding = Finding("outline.x", Severity.INFO, "<nothing> here")
    doc = _tree(report_page(Report(), [finding]))
    (note,) = doc.xpath("//aside[@class='notes']//li")
    assert "<nothing> here" in note.text_content()
    assert "no headings" in doc.text_content()


def test_notebook_views() -> None:
    report = parse_file(SEED_003)
    html = report._repr_html_()
    assert html is not None
    assert html.startswith("<style>")
    assert "govinfo-view" in html
    table = parse_file(SEED_002).tables[0]
    view = table._repr_html_()
    assert view is not None
    assert "<table" in view
    assert 'rowspan="2"' in view
    finding = validate(report)[0]
    card = finding._repr_html_()
    assert card is not None
    assert "prose.parts-sum" in card
    assert card.count('class="value hit error"') == 3
    # Two views in one notebook never share an id.
    a, b = report._repr_html_(), report._repr_html_()
    assert a is not None
    assert b is not None
    ids_a = set(_tree(f"<html><body>{a}</body></html>").xpath("//@id"))
    ids_b = set(_tree(f"<html><body>{b}</body></html>").xpath("//@id"))
    assert ids_a
    assert not ids_a & ids_b
    with pytest.raises(TypeError):
        fragment(object())


def test_import_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, govinfo_reports; print(any('html_view' in m or m == 'xml.etree.ElementTree' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
    assert govinfo_reports.Report._repr_html_ is not None


# --- the command ------------------------------------------------------------------------------


def test_show_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    result = CliRunner().invoke(main, ["show", str(SEED_003), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = _tree(out.read_text(encoding="utf-8"))
    assert doc.xpath("//title")[0].text == "003_84dc834a7a148c25.txt"
    # Notes locate findings as check does: path:line:col.
    wheres = [w.text for w in doc.xpath("//aside//span[@class='where']")]
    assert wheres == [f"{SEED_003}:8:101", f"{SEED_003}:21:152"]


def test_show_to_stdout_and_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(SEED_002)])
    assert result.exit_code == 0
    assert result.output.startswith("<!DOCTYPE html>")
    missing = CliRunner().invoke(main, ["show", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "x.html")])
    assert missing.exit_code == 2
    assert "cannot read" in missing.output
    assert not (tmp_path / "x.html").exists()
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert CliRunner().invoke(main, ["show", str(binary)]).exit_code == 2


# --- any input ------------------------------------------------------------------------------


def _without_badges(element: object) -> str:
    for badge in element.xpath(".//sup"):  # type: ignore[attr-defined]
        badge.drop_tree()
    return element.text_content()  # type: ignore[attr-defined,no-any-return]


def _as_html_reads(text: str) -> str:
    """Text as an HTML parser gives it back: line breaks normalised to ``\\n``; control characters
    are drawn as their Control Pictures (U+2400 + code: a browser would drop NUL), lone surrogates as U+FFFD."""
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        code = ord(ch)
        if code < 0x20 and ch not in "\t\n":
            ch = chr(0x2400 + code)
        elif code == 0x7F:
            ch = "\u2421"
        elif 0xD800 <= code <= 0xDFFF:
            ch = "\ufffd"
        out.append(ch)
    return "".join(out)


@given(text=st.one_of(report_texts(), noise_texts()))
def test_the_page_of_any_text_keeps_every_paragraph_and_cell(text: str) -> None:
    report = parse(text)
    doc = _tree(report_page(report))
    paragraphs = {p.get("data-line"): p for p in doc.xpath("//p[@data-line]")}
    for block in report.walk():
        if isinstance(block, Paragraph):
            assert _without_badges(paragraphs[str(block.span.line)]) == _as_html_reads(block.text)
    drawn = doc.xpath("//div[@class='table-wrap']")
    assert len(drawn) == len(report.tables)
    for wrap, (table, grid, _) in zip(drawn, table_grids(report), strict=True):
        if grid is None:
            assert wrap.xpath("./pre")[0].text == _as_html_reads("\n".join(line.text for line in table.lines))
            continue
        texts = sorted(_without_badges(td) for td in wrap.xpath(".//td[not(@class='gap')]|.//th"))
        assert texts == sorted(_as_html_reads(c.text) for c in grid.cells)


def test_unshowable_characters_are_drawn_visibly() -> None:
    page = report_page(parse("一、总体\x00情况\n全年\ud800公开\x0710条。\n"))
    page.encode("utf-8")  # no lone surrogate left: the page can be written
    text = _tree(page).text_content()
    assert "总体\u2400情况" in text
    assert "全年\ufffd公开\u240710条。" in text
