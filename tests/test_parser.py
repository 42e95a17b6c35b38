"""The public parsing API: parse, parse_file, render, ParseError."""

from __future__ import annotations

import codecs
import datetime
from pathlib import Path

import pytest

import govinfo_reports
from govinfo_reports import DecodeError, ParseError, parse, parse_file, render
from govinfo_reports.errors import caret_snippet

ROOT = Path(__file__).resolve().parent.parent


def test_levels_follow_first_appearance_of_kinds() -> None:
    text = "(一)甲\n一、乙\n(二)丙\n二、丁\n"
    report = parse(text)
    # (一) appeared first, so it is level 1 and 一、 nests under it
    assert [(s.number.raw, s.level) for s in report.sections] == [("(一)", 1), ("(二)", 1)]
    assert [(s.number.raw, s.level) for s in report.sections[0].sections] == [("一、", 2)]
    assert render(report) == text


def test_all_five_kinds_nest() -> None:
    text = "一、甲\n(一)乙\n1、丙\n(1)丁\n①戊\n正文。\n"
    report = parse(text)
    node = report.sections[0]
    kinds = [node.number.kind]
    while node.sections:
        node = node.sections[0]
        kinds.append(node.number.kind)
    assert kinds == ["cn", "paren_cn", "arabic", "paren_arabic", "circled"]
    assert node.level == 5
    assert node.blocks[0].text == "正文。"  # type: ignore[union-attr]


def test_full_width_and_variants() -> None:
    text = "十一、前\n（二） 依申请公开\n2.兼职人员数\n3．专职\n（1）甲\n十二、末\n"
    report = parse(text)
    first = report.sections[0].sections[0]
    assert (first.number.kind, first.number.ordinal, first.gap, first.title) == ("paren_cn", 2, " ", "依申请公开")
    assert [s.number.ordinal for s in first.sections] == [2, 3]
    assert [s.number.ordinal for s in report.sections] == [11, 12]
    assert render(report) == text


def test_heading_title_ends_at_first_full_stop_when_text_follows() -> None:
    section = parse("1、公开的数量。2017年,公开信息总数为283条。\n").sections[0]
    assert section.title == "公开的数量"
    assert section.body_text == "2017年,公开信息总数为283条。"
    alone = parse("1、公开的数量。\n").sections[0]
    assert (alone.title, alone.body_text) == ("公开的数量。", "")


def test_decimal_and_year_lines_are_not_headings() -> None:
    report = parse("1.5万元用于培训。\n2017年,公开信息283条。\n一是加强领导。\n")
    assert report.sections == ()
    assert len(report.preamble.introduction) == 3


def test_ordinal_break_is_kept_and_diagnosed() -> None:
    text = "一、甲\n三、丙\n"
    report = parse(text)
    assert [s.number.ordinal for s in report.sections] == [1, 3]
    assert [d.code for d in report.diagnostics] == ["ordinal-sequence"]
    with pytest.raises(ParseError) as info:
        parse(text, strict=True)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.line, err.column, err.code) == (2, 1, "ordinal-sequence")
    assert "三、丙" in err.snippet
    assert str(err).startswith("2:1: ")


def test_levels_restart_inside_attachments() -> None:
    text = "一、正文\n附件1:\n(一)附表说明\n一、表内\n"
    report = parse(text)
    attachment = report.attachments[0]
    assert [(s.number.raw, s.level) for s in attachment.sections] == [("(一)", 1)]
    assert attachment.sections[0].sections[0].level == 2


def test_signature_and_dates() -> None:
    report = parse("正文。\n某某区人民政府办公室\n二〇一八年三月九日\n")
    assert report.signature is not None
    assert report.signature.issuer == "某某区人民政府办公室"
    assert report.signature.date == datetime.date(2018, 3, 9)


def test_publication_date_in_preamble() -> None:
    report = parse("某某局2023年政府信息公开工作年度报告\n发布日期:2024-01-20\n本报告……\n一、总体情况\n")
    assert report.preamble.title == "某某局2023年政府信息公开工作年度报告"
    assert report.preamble.published == datetime.date(2024, 1, 20)
    assert [p.text for p in report.preamble.introduction] == ["本报告……"]


def test_table_cells_layout_b_with_continuations() -> None:
    text = "| 三、本\n年度办\n理结果\n|\n（一）予以公开\n|\n71\n|\n|\n| 商业\n企业\n|\n||\n"
    report = parse(text)
    (table,) = report.tables
    assert table.layout == "B"
    assert [(c.text, c.opens_row) for c in table.cells] == [
        ("三、本年度办理结果", True),
        ("（一）予以公开", False),
        ("71", False),
        ("", False),
        ("商业企业", True),
        ("", False),
        ("", False),
    ]
    assert report.sections == ()  # a line inside a table is never a heading
    cell = table.cells[2]
    assert (cell.span.line, text[cell.span.start : cell.span.end]) == (7, "71\n|")


def test_layout_a_heading_splits_tables() -> None:
    text = "一、基本情况\n指标 |\n累计数 |\n|\n二、主动公开情况\n指标 |\n19\n|\n"
    report = parse(text)
    assert [s.title for s in report.sections] == ["基本情况", "主动公开情况"]
    assert [c.text for c in report.sections[1].blocks[0].cells] == ["指标", "19"]  # type: ignore[union-attr]


def test_markdown_rows() -> None:
    text = "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n"
    (table,) = parse(text).tables
    assert table.layout == "M"
    assert [c.text for c in table.cells] == ["信息内容", "本年制发件数", "规章", "0"]


def test_unclosed_cell_is_diagnosed() -> None:
    report = parse("| 甲\n|\n乙 | 丙\n")
    assert [d.code for d in report.diagnostics] == ["unclosed-cell"]
    assert report.tables[0].cells[-1].closed is False
    with pytest.raises(ParseError):
        parse("| 甲\n|\n乙 | 丙\n", strict=True)


@pytest.mark.parametrize(
    "text",
    ["", "\n", "\r\n", "|", "||\r\n|", "\ufeff一、", "\x00|\x00", "一、\r", "附件", "1.", "（", "a\rb\n"],
)
def test_edge_texts_round_trip(text: str) -> None:
    assert render(parse(text)) == text


def test_parse_rejects_bytes() -> None:
    with pytest.raises(TypeError):
        parse(b"abc")  # type: ignore[arg-type]


def test_caret_under_double_width_text() -> None:
    snippet = caret_snippet("甲乙a丙", 1, 4)
    source, caret = snippet.split("\n")
    assert caret.index("^") - 4 == 5  # 甲乙 are two columns each, then a
    assert source.strip() == "甲乙a丙"


def test_parse_file_encodings(tmp_path: Path) -> None:
    text = "一、总体情况\r\n本年度主动公开政府信息２００条。\r\n"
    utf8 = tmp_path / "a.txt"
    utf8.write_bytes(text.encode("utf-8"))
    bom = tmp_path / "b.txt"
    bom.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    gbk = tmp_path / "c.txt"
    gbk.write_bytes(text.encode("gb18030"))
    for path in (utf8, bom, gbk):
        report = parse_file(path)
        assert render(report) == text
        assert report.sections[0].title == "总体情况"


def test_parse_file_rejects_binary_and_names_the_file(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(DecodeError) as info:
        parse_file(binary)
    assert str(binary) in str(info.value)
    assert isinstance(info.value, ValueError)
    undecodable = tmp_path / "y.txt"
    undecodable.write_bytes(b"\xff\xfe\xff\xff\x81")
    with pytest.raises(DecodeError):
        parse_file(undecodable)


def test_spans_are_located_and_ignored_by_equality() -> None:
    a = parse("一、甲\n正文\n")
    b = parse("\n\n一、甲\n正文\n")
    assert a.sections == b.sections
    assert a.sections[0].span.line == 1
    assert b.sections[0].span.line == 3
    assert b.sections[0].span.start == 2


def test_public_names_have_docstrings() -> None:
    for name in govinfo_reports.__all__:
        obj = getattr(govinfo_reports, name)
        if name.startswith("__"):
            continue
        assert getattr(obj, "__doc__", None), name


def test_single_line_scrape_finds_structure_and_stays_lossless() -> None:
    intro = "根据《条例》要求编制本报告。" * 160
    text = (
        intro + "一、概述2015年，我区不断深化公开内容。（一）加强组织领导一是高度重视。（二）把握工作重点。"
        "二、主动公开政府信息情况2015年主动公开政府信息2949条。"
    )
    assert "\n" not in text
    assert len(text) > 2000
    report = parse(text)
    assert render(report) == text
    assert [s.number.raw for s in report.sections] == ["一、", "二、"]
    assert [s.number.raw for s in report.sections[0].sections] == ["（一）", "（二）"]
    second = report.sections[1]
    assert second.span.line == 1
    assert text[second.span.start : second.span.start + 2] == "二、"
    assert second.span.column == second.span.start + 1
    assert second.eol == ""
    assert {d.code for d in report.diagnostics} == {"run-together-lines"}
    with pytest.raises(ParseError, match="run together"):
        parse(text, strict=True)


def test_a_long_line_breaks_only_where_its_numbering_goes_up() -> None:
    intro = "根据《条例》要求编制本报告。" * 160
    text = (
        intro + "一、概述全年工作如下。（一）加强组织领导。（二）把握重点，包括：（一）公开目录；（二）公开指南。"
        "（三）完善制度。二、主动公开情况。（一）文件。附件1：统计表。一、说明。"
    )
    report = parse(text)
    assert render(report) == text
    assert [s.number.raw for s in report.sections] == ["一、", "二、"]
    assert [s.number.raw for s in report.sections[0].sections] == ["（一）", "（二）", "（三）"]
    assert [s.number.raw for s in report.sections[1].sections] == ["（一）"]
    # the list quoted inside （二）'s sentence is no heading: its numbers do not go up
    assert report.sections[0].sections[1].title == "把握重点，包括：（一）公开目录；（二）公开指南。"
    (attachment,) = report.attachments
    assert [s.number.raw for s in attachment.sections] == ["一、"]


def test_a_long_line_breaks_after_a_table_value_but_never_before_a_row_label() -> None:
    # a crawler's page.txt (pingtan-2024's shape): a table's last value, then the next section
    intro = "根据《条例》要求编制本报告。" * 160
    text = (
        intro + "一、总体情况全年工作如下。二、主动公开政府信息情况行政事业性收费18651.06"
        "三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量21710000218"
        "四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况21317000001324019"
        "五、存在的主要问题及改进情况仍有不足。"
    )
    report = parse(text)
    assert render(report) == text
    assert [s.number.raw + s.title[:6] for s in report.sections] == [
        "一、总体情况全年",
        "二、主动公开政府",
        "三、收到和处理政",
        "四、政府信息公开",
        "五、存在的主要问",
    ]


def test_a_long_line_of_one_heading_number_over_and_over_is_one_heading() -> None:
    text = "（一）" * 3000
    report = parse(text)
    assert render(report) == text
    (section,) = report.sections
    assert section.number.raw == "（一）"
    assert section.span.end == len(text)
    assert report.diagnostics == ()


def test_long_lines_without_run_together_structure_are_left_alone() -> None:
    text = "甲" * 5000 + "\n一、总体\n"
    report = parse(text)
    assert render(report) == text
    assert [s.title for s in report.sections] == ["总体"]


def test_the_crawlers_page_txt_has_the_outline_of_its_html() -> None:
    """pingtan-2024's page.txt (one line, tables run together) has the six sections its HTML has."""
    path = Path("/work/shared/corpus/pingtan-2024.pagetxt.txt")
    if not path.exists():
        pytest.skip("the shared corpus is not on this machine")
    from govinfo_reports import parse_file, validate

    # the page.txt's heading lines run on into their text: the titles as the HTML has them start them
    ours = [s.number.raw + s.title for s in parse_file(path).sections]
    html = [s.number.raw + s.title for s in parse_file(path.with_name("pingtan-2024.html")).sections]
    assert len(ours) == len(html) == 6
    assert all(o.startswith(h) for o, h in zip(ours, html, strict=True)), (ours, html)
    assert [f for f in validate(parse_file(path)) if f.rule == "sections.national"] == []
