"""HTML input: article extraction, text rendering, true table spans, equality with the text path."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_reports import DecodeError, dumps, loads, parse_file, parse_html, render
from govinfo_reports.sources.html import decode_html, html_to_text, read_html
from govinfo_reports.validate import validate

CORPUS = Path("/work/shared/corpus")
ROOT = Path(__file__).resolve().parent.parent
PINGTAN_HTML = CORPUS / "pingtan-2024.html"
PINGTAN_TEXT = CORPUS / "pingtan-2024.layoutB.txt"
#: The chrome of the Pingtan government site's article pages (a TRS template), shortened, with
#: ``@ARTICLE@`` where the report goes: header, banner with forms, breadcrumb, title, source and
#: share bar, PDF/text tabs, attachment box, QR code, related-reading column, footer, scripts.
SITE_TEMPLATE = Path(__file__).resolve().parent / "data" / "trs_page.html"

needs_corpus = pytest.mark.skipif(not PINGTAN_HTML.is_file(), reason="shared corpus not available")


def _article() -> str:
    return PINGTAN_HTML.read_text(encoding="utf-8")


def _chrome_page(body: str, charset: str = "utf-8") -> str:
    """The article wrapped in the chrome of a typical government site."""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>平潭综合实验区2024年政府信息公开工作年度报告</title>
<style>.a {{ color: red }}</style>
<script>var menu = "一、总体情况 | 二、主动公开";</script></head>
<body>
<div class="header"><div class="top">欢迎访问平潭综合实验区管理委员会网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<table width="1000"><tr>
<td width="200" class="left"><h3>政府信息公开</h3><ul><li><a>政府信息公开指南</a></li><li><a>年报</a></li></ul></td>
<td>
<div class="position">当前位置：<a>首页</a> &gt; <a>政务公开</a></div>
<div class="article">
<h1>平潭综合实验区2024年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2025-01-20 来源：实验区党政办</div>
<div class="TRS_Editor">{body}</div>
<div class="share">分享到：<a>微信</a> 【打印本页】【关闭窗口】</div>
</div>
<div style="display:none">隐藏的统计说明文字不属于报告正文内容</div>
</td></tr></table>
<!-- 一、注释里的标题不是正文 -->
<div class="footer"><p>主办单位：平潭综合实验区党政办公室 承办单位：平潭综合实验区信息中心</p>
<p>地址：福建省平潭县 闽ICP备00000000号 网站标识码：3500000000</p></div>
</body></html>"""


# ---------------------------------------------------------------------------
# the corpus report: the HTML path and the text path agree


@needs_corpus
def test_pingtan_html_renders_to_the_layout_b_text() -> None:
    expected = PINGTAN_TEXT.read_text(encoding="utf-8")
    assert html_to_text(_article()) == expected
    report = parse_file(PINGTAN_HTML)
    assert render(report) == expected
    assert [s.title for s in report.sections][:2] == ["总体情况", "主动公开政府信息情况"]


@needs_corpus
def test_pingtan_facts_and_findings_equal_the_text_path() -> None:
    html = parse_file(PINGTAN_HTML)
    text = parse_file(PINGTAN_TEXT)
    assert html.template == text.template
    assert html.facts == text.facts
    assert [f.span.line for f in html.facts] == [f.span.line for f in text.facts]
    assert [str(f) for f in validate(html)] == [str(f) for f in validate(text)]


@needs_corpus
def test_pingtan_facts_are_those_of_its_tables() -> None:
    html = parse_file(PINGTAN_HTML)
    if not html.facts:  # pragma: no cover - until the facts stage lands
        pytest.skip("facts stage not available yet")
    assert html.template == "national-2021"
    fact = html.fact("requests.received", "total")
    assert fact is not None
    assert fact.text == "218"
    fees = html.fact("proactive.administrative_fees", "amount")
    assert fees is not None
    assert str(fees.value) == "18651.06"
    assert html.fact("litigation.after_review.total", "count").text == "19"  # type: ignore[union-attr]


@needs_corpus
def test_chrome_is_dropped_and_a_declared_gbk_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(_chrome_page(_article(), "gbk").encode("gbk"))
    report = parse_file(page)
    assert render(report) == PINGTAN_TEXT.read_text(encoding="utf-8")
    assert report.facts == parse_file(PINGTAN_TEXT).facts


@needs_corpus
def test_true_spans_are_kept_on_the_table_nodes() -> None:
    report = parse_file(PINGTAN_HTML)
    assert [len(t.observed or ()) for t in report.tables] == [14, 28, 4]
    table3 = report.tables[1].observed
    assert table3 is not None
    first = table3[0][0]
    assert (first.rowspan, first.colspan) == (3, 3)
    assert [(c.text, c.rowspan, c.colspan) for c in table3[1]] == [
        ("自然人", 2, 1),
        ("法人或其他组织", 1, 5),
        ("总计", 2, 1),
    ]
    assert [c.text for c in table3[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    other = next(row for row in table3 if row and row[0].text == "（六）其他处理")
    assert (other[0].rowspan, len(other)) == (3, 9)
    # a row under a rowspan lists fewer cells, as the page does: nothing inferred
    assert len(table3[table3.index(other) + 1]) == 8


@needs_corpus
def test_observed_cell_spans_point_into_the_text_rendering() -> None:
    report = parse_file(PINGTAN_HTML)
    text = render(report)
    lines = text.split("\n")
    for table in report.tables:
        assert table.observed is not None
        for row in table.observed:
            for cell in row:
                covered = text[cell.span.start : cell.span.end]
                assert covered.endswith("|")
                assert "".join(part.strip() for part in covered[:-1].split("\n")) == cell.text
                assert lines[cell.span.line - 1][cell.span.column - 1 :].strip().startswith(cell.lines[0][:1] or "|")


@needs_corpus
def test_json_round_trip_keeps_the_true_spans() -> None:
    report = parse_file(PINGTAN_HTML)
    back = loads(dumps(report))
    assert back == report
    assert back.tables[1].observed == report.tables[1].observed
    assert back.tables[1].observed[0][0].span == report.tables[1].observed[0][0].span  # type: ignore[index]


@needs_corpus
def test_the_article_is_found_in_the_real_site_template(tmp_path: Path) -> None:
    page = SITE_TEMPLATE.read_text(encoding="utf-8").replace("@ARTICLE@", _article())
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    report = parse_file(path)
    assert render(report) == PINGTAN_TEXT.read_text(encoding="utf-8")
    assert report.facts == parse_file(PINGTAN_TEXT).facts
    # every line of the text comes from the article's lines of the page, none from the chrome
    template = SITE_TEMPLATE.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(template, 1) if "@ARTICLE@" in line)
    last = first + _article().count("\n")
    document = read_html(path.read_bytes())
    lines = range(1, document.text.count("\n") + 1)
    assert all(first <= (document.source_line(n) or 0) <= last for n in lines)


def test_a_short_article_in_the_site_template_keeps_its_headings() -> None:
    article = "<p>一、概述</p><p>2016年全区未收到有关政府信息公开申请。</p><p>二、收费情况</p><p>未收费。</p>"
    page = SITE_TEMPLATE.read_text(encoding="utf-8").replace("@ARTICLE@", article)
    report = parse_html(page)
    assert [s.title for s in report.sections] == ["概述", "收费情况"]
    text = render(report)
    for chrome in ("网站支持IPV6", "当前位置", "闽政通APP", "扫一扫", "主办单位", "浏览器", "系统正在升级"):
        assert chrome not in text


# ---------------------------------------------------------------------------
# extraction and rendering on small pages


def test_text_blocks_become_lines_and_inline_elements_join() -> None:
    page = (
        "<body><div><p><span>（一）主动公开方面。</span>全年<b>主动</b>公开信息\n    10407条。</p>"
        "<h2>二、主动公开</h2>第一行<br>第二行<div>  \u3000甲  乙 </div></div></body>"
    )
    assert html_to_text(page) == "（一）主动公开方面。全年主动公开信息10407条。\n二、主动公开\n第一行\n第二行\n甲 乙\n"


def test_a_pipe_in_the_text_does_not_make_a_table() -> None:
    report = parse_html("<p>一、总体情况</p><p>首页 | 政务公开</p>")
    assert report.tables == ()
    assert "首页 ｜ 政务公开" in render(report)


def test_scripts_comments_hidden_and_chrome_are_dropped() -> None:
    body = "<p>一、总体情况</p>" + "<p>本机关全年主动公开政府信息一百条，办理依申请公开事项十件。</p>" * 6
    text = html_to_text(_chrome_page(body))
    assert text.startswith("一、总体情况\n")
    for chrome in ("欢迎访问", "首页", "当前位置", "主办单位", "打印本页", "隐藏", "注释", "var menu"):
        assert chrome not in text


def test_article_in_a_layout_table_is_found_and_the_data_table_kept() -> None:
    body = (
        "<p>一、总体情况</p><p>全年收到申请二百一十八件，均已按期答复完毕。</p>"
        "<table><tr><td>行政许可</td><td>4529</td></tr><tr><td>行政处罚</td><td>1100</td></tr></table>"
    )
    document = read_html(_chrome_page(body))
    assert document.text.startswith("一、总体情况\n")
    assert len(document.tables) == 1
    assert [[c.text for c in row] for row in document.tables[0].rows] == [["行政许可", "4529"], ["行政处罚", "1100"]]


def test_adjacent_tables_form_one_table_node_with_both_tables_rows() -> None:
    page = (
        "<p>二、主动公开</p>"
        "<table><tr><td colspan='2'>第二十条第（一）项</td></tr><tr><td>规章</td><td>0</td></tr></table>"
        "<table><tr><td>行政许可</td><td>5</td></tr></table>"
    )
    report = parse_html(page)
    assert len(report.tables) == 1
    observed = report.tables[0].observed
    assert observed is not None
    assert [[c.text for c in row] for row in observed] == [["第二十条第（一）项"], ["规章", "0"], ["行政许可", "5"]]


def test_spans_are_read_defensively() -> None:
    page = (
        "<table><tr><td rowspan='9'>a</td><td colspan='x'>b</td></tr>"
        "<tr><td rowspan='0' colspan='3 '>c</td></tr><tr><td>d</td></tr></table>"
    )
    rows = read_html(page).tables[0].rows
    assert [(c.text, c.rowspan, c.colspan) for row in rows for c in row] == [
        ("a", 3, 1),  # clipped at the table's end, as a browser does
        ("b", 1, 1),
        ("c", 2, 3),  # rowspan="0": to the end
        ("d", 1, 1),
    ]
    assert read_html(page).tables[0].width == 5  # d sits right of a and c


def test_th_cells_are_headers() -> None:
    rows = (
        read_html("<table><tr><th>指标</th><th>数量</th></tr><tr><td>申请</td><td>1</td></tr></table>").tables[0].rows
    )
    assert [c.is_header for row in rows for c in row] == [True, True, False, False]


@pytest.mark.parametrize(
    "page", ["", "   \n", "<!-- nothing -->", "<html><body></body></html>", "<script>x()</script>"]
)
def test_pages_without_content_give_an_empty_report(page: str) -> None:
    report = parse_html(page)
    assert report.children == ()
    assert parse_html(page.encode()).children == ()


def test_xml_declaration_and_bytes_are_accepted() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>一、总体情况</p></body></html>'
    assert [s.title for s in parse_html(page).sections] == ["总体情况"]
    assert [s.title for s in parse_html(page.encode()).sections] == ["总体情况"]


def test_decoding_follows_bom_meta_and_falls_back() -> None:
    text = "<meta charset='gb2312'><p>一、总体情况（镕）</p>"
    assert decode_html(text.encode("gb18030")) == text  # GB2312 declared, GBK characters used
    wrong = "<meta charset='big5'><p>一、总体情况</p>"
    assert decode_html(wrong.encode("utf-8")) == wrong  # a wrong declaration: detected instead
    unknown = "<meta charset='x-nonsense'><p>一、总体情况</p>"
    assert decode_html(unknown.encode("utf-8")) == unknown
    assert decode_html("<p>甲</p>".encode("utf-16")) == "<p>甲</p>"
    assert decode_html(b"\xef\xbb\xbf<p>\xe7\x94\xb2</p>") == "<p>甲</p>"
    body = "<meta charset='utf-8'><p>" + "总体情况，全年公开信息。" * 40 + "</p>"
    damaged = body.encode("utf-8").replace("公".encode(), b"\xff", 1)  # one bad byte
    assert decode_html(damaged) == body.replace("公", "\ufffd", 1)
    mislabelled = "<meta charset='utf-8'><p>" + "总体情况" * 50 + "</p>"
    assert decode_html(mislabelled.encode("gbk")) == mislabelled  # wholly GBK: detected


def test_binary_html_file_is_a_decode_error(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_bytes(b"<html>\x00\x01\x02</html>")
    with pytest.raises(DecodeError, match=r"broken\.html"):
        parse_file(page)
    with pytest.raises(DecodeError, match="binary"):
        parse_html(b"\x00\x00")


def test_parse_file_reads_htm_too(tmp_path: Path) -> None:
    page = tmp_path / "report.HTM"
    page.write_text("<p>一、总体情况</p><p>全年公开10条。</p>", encoding="utf-8")
    assert [s.title for s in parse_file(page).sections] == ["总体情况"]


@needs_corpus
@pytest.mark.parametrize("blank", ["", "&nbsp;", "<p>\u3000</p>"])
def test_an_empty_first_cell_still_opens_its_row(blank: str) -> None:
    """A blank top-left cell must not merge table 三 with the heading and table before it."""
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    page = _article().replace(note, blank)
    report = parse_html(page)
    expected = parse_file(PINGTAN_TEXT)
    assert len(report.tables) == 3
    assert [s.title for s in report.sections] == [s.title for s in expected.sections]
    assert report.facts == expected.facts
    first = report.tables[1].cells[0]
    assert first.is_empty
    assert first.opens_row


@needs_corpus
def test_word_html_markup_in_cells_changes_nothing() -> None:
    page = re.sub(
        r"<td>(\d+)</td>", r'<td><p class="MsoNormal"><span lang="EN-US">\1<o:p></o:p></span></p></td>', _article()
    )
    page = page.replace('rowspan="2"', 'rowSpan="2"')
    report = parse_html(page)
    assert report.facts == parse_file(PINGTAN_TEXT).facts
    assert report.tables[2].observed == parse_file(PINGTAN_HTML).tables[2].observed


@needs_corpus
def test_a_blank_value_cell_is_a_blank_fact_not_zero() -> None:
    page = _article().replace("<td>217</td>", "<td>&nbsp;</td>", 1)
    fact = parse_html(page).fact("requests.received", "natural_person")
    assert fact is not None
    assert fact.value is None


_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div class='nav'>", "<div class='footer'>", "</div>", "<br>", "<table>", "</table>",
        "<tr>", "</tr>", "<td>", "<td rowspan='0'>", "<td colspan='99999'>", "<td rowspan='x'>", "</td>", "<th>",
        "<script>", "</script>", "<!--", "-->", "<a href='#'>", "</a>", "<span style='display:none'>", "</span>",
        "一、总体情况", "(一)主动公开", "218", "|", "||", "\n", "\u3000", "&nbsp;", "&#0;", "\x00", "\ud800",
        "<?xml version='1.0'?>", "<meta charset='gbk'>", "<html>", "<body>", "</body>", "<tbody>", "<caption>",
    ]
)  # fmt: skip


@given(st.lists(_PIECES | st.text(max_size=5), max_size=60))
def test_any_tag_soup_parses_without_error(pieces: list[str]) -> None:
    page = "".join(pieces)
    report = parse_html(page)
    assert render(report) == html_to_text(page)
    for table in report.tables:
        assert table.observed is not None
        assert all(c.rowspan >= 1 and c.colspan >= 1 for row in table.observed for c in row)
    with contextlib.suppress(DecodeError):  # NUL bytes or undecodable: a documented error, nothing else
        parse_html(page.encode("utf-8", "surrogatepass"))
