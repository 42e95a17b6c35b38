"""Hostile input: nothing crashes, stalls or exhausts memory, and every error is a documented one.

Timing tests compare the time per byte of a hostile input with the time per
byte of the seed reports, measured in the same run (the fastest of a few runs
each, so that a noisy machine does not decide).  A hostile input is first timed
at a small size, so that a regression to super-linear time fails in a second
instead of running for minutes.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import signal
import stat
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_reports import DecodeError, GovinfoError, ParseError, decode, parse, parse_file, parse_html, render
from govinfo_reports.sources.html import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, decode_html, read_html
from govinfo_reports.syntax.nodes import Section

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt")) or sorted(Path("/work/shared/seeds").glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="seed reports not available")

#: A hostile input may cost at most this many times the seeds' time per byte.
FACTOR = 5


def _fastest(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _per_byte(text: str, repeat: int = 3) -> float:
    return _fastest(lambda: parse(text), repeat) / max(len(text.encode("utf-8")), 1)


@pytest.fixture(scope="module")
def seed_per_byte() -> float:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    total = sum(_fastest(lambda t=t: parse(t)) for t in texts)  # type: ignore[misc]
    return total / sum(len(t.encode("utf-8")) for t in texts)


def _repeat_to(unit: str, size: int, suffix: str = "") -> str:
    return unit * max(size // len(unit.encode("utf-8")), 1) + suffix


# ---------------------------------------------------------------------------
# 1. no regular expression backtracks super-linearly

#: Runs that overlapping character classes under repetition used to make quadratic (or that are near them).
LONG_RUNS = [
    " ",
    "\t",
    "\u3000",
    "\u00a0",
    "\ufeff",
    " \t",
    " \t\u3000",
    "-",
    "--- ",
    ":-",
    "1",
    "一",
    "(",
    "（",
    "附件 ",
    "2018年 ",
    "①",
    ":",
]


@needs_seeds
@pytest.mark.parametrize("suffix", ["", "x", "|\n", "\n|"])
@pytest.mark.parametrize("unit", LONG_RUNS)
def test_a_long_run_in_one_line_costs_no_more_per_byte_than_a_report(
    unit: str, suffix: str, seed_per_byte: float
) -> None:
    for size in (5_000, 200_000):  # the small size first: a quadratic regression fails fast
        text = _repeat_to(unit, size, suffix)
        ratio = _per_byte(text) / seed_per_byte
        assert ratio <= FACTOR, f"{size} bytes of {unit!r}+{suffix!r}: {ratio:.1f}x the seeds' time per byte"


#: Inputs dense in structure (a line or a cell every byte or two): each costs more than a byte of prose,
#: so they are held to linear growth rather than to the seeds' time per byte.  Each with a size large
#: enough that the regular expression engine's memory has settled (below 50 KB a long line matches
#: faster per byte than above, for cache reasons, which a growth test would read as super-linear).
DENSE = [
    ("\n", 10_000),
    ("|\n", 10_000),
    ("a\n|\n", 10_000),
    ("一、\n", 10_000),
    ("\r", 50_000),
    ("|-", 25_000),
    ("|--- ", 50_000),
]


@pytest.mark.parametrize(("unit", "size"), DENSE)
def test_structure_dense_input_costs_linear_time(unit: str, size: int) -> None:
    small = _per_byte(_repeat_to(unit, size), repeat=2)
    large = _per_byte(_repeat_to(unit, 4 * size), repeat=2)
    assert large <= 2.5 * small, f"{unit!r}: {large / small:.1f}x the time per byte at 4x the size"


def test_md_sep_lines_are_still_read_as_separators() -> None:
    for line in ("|---|---|", "| --- | :---: |  ", "---|---", "\u3000|---|--- ", "|:---|---:|\t"):
        report = parse(f"| a\n|\n{line}\n| 1\n|\n")
        kinds = [tl.kind for tl in report.tables[0].lines]
        assert "md_sep" in kinds, (line, kinds)


def test_headings_after_a_long_indent_are_still_headings() -> None:
    report = parse(" " * 5_000 + "一、总体情况\n" + "\u3000" * 3_000 + "(一)主动公开\n")
    assert [s.title for s in report.sections] == ["总体情况"]
    assert [c.title for c in report.sections[0].children if isinstance(c, Section)] == ["主动公开"]


# ---------------------------------------------------------------------------
# 2. HTML tables: spans cannot multiply the input


def _amplifier(cells: int = 100, rows: int = 1_000) -> str:
    return (
        "<html><body><p>一、总体情况</p><table><tr>"
        + "<td colspan=1000>x</td>" * cells
        + "</tr>"
        + "<tr><td>1</td><td>2</td></tr>" * rows
        + "</table></body></html>"
    )


def test_a_table_of_huge_colspans_renders_in_proportion_to_the_page() -> None:
    page = _amplifier()
    tracemalloc.start()
    try:
        doc = read_html(page)
        report = parse_html(page)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.text) <= len(page)  # it was 100 million characters from 31 KB
    assert peak <= 500 * len(page)  # Python objects for 2,200 cells; it was gigabytes
    codes = [d.code for d in report.diagnostics]
    assert "html-table-too-large" in codes
    assert all(c.colspan == 1 and c.rowspan == 1 for row in doc.tables[0].rows for c in row)
    # no text is lost: every cell is still there
    assert [c.text for c in doc.tables[0].rows[0]] == ["x"] * 100
    assert doc.text.count("| 1\n") == 1_000
    assert report.sections[0].title == "总体情况"


def test_the_table_limit_is_a_strict_mode_error() -> None:
    with pytest.raises(ParseError, match="over the limits") as info:
        parse_html(_amplifier(), strict=True)
    assert info.value.code == "html-table-too-large"


def test_a_table_at_the_column_limit_keeps_its_spans() -> None:
    def page(columns: int) -> str:
        row = "<tr>" + "<td>1</td>" * columns + "</tr>"
        return f"<table><tr><td colspan={columns}>标题</td></tr>{row}{row}</table>"

    at = read_html(page(MAX_TABLE_COLUMNS))
    assert at.tables[0].rows[0][0].colspan == MAX_TABLE_COLUMNS
    assert at.diagnostics == ()
    over = read_html(page(MAX_TABLE_COLUMNS + 1))
    assert over.tables[0].rows[0][0].colspan == 1
    assert [d.code for d in over.diagnostics] == ["html-table-too-large"]


def test_a_table_over_the_cell_limit_is_read_without_spans() -> None:
    rows = MAX_TABLE_CELLS // MAX_TABLE_COLUMNS  # with the heading row: one row too many
    head = f"<tr><td colspan={MAX_TABLE_COLUMNS}>标题</td></tr>"
    doc = read_html("<table>" + head + "<tr><td>甲</td><td>1</td></tr>" * rows + "</table>")
    assert [d.code for d in doc.diagnostics] == ["html-table-too-large"]
    assert len(doc.tables[0].rows) == rows + 1  # every row kept
    assert doc.text.count("|\n") == 2 * rows + 1  # rows not padded to the width
    fits = read_html("<table>" + head + "<tr><td>甲</td><td>1</td></tr>" * (rows - 1) + "</table>")
    assert fits.diagnostics == ()
    assert fits.tables[0].rows[0][0].colspan == MAX_TABLE_COLUMNS


def test_rowspans_to_the_end_of_a_long_table_cost_linear_time() -> None:
    def page(rows: int) -> str:
        return "<table>" + "<tr><td rowspan=0>a</td>" * rows + "</table>"

    small = _fastest(lambda: read_html(page(300)), 2) / 300
    large = _fastest(lambda: read_html(page(3_000)), 2) / 3_000
    assert large <= 3 * small


def test_a_span_of_thousands_of_digits_is_clamped() -> None:
    page = f"<table><tr><td colspan={'9' * 5000}>a</td><td rowspan={'9' * 5000}>b</td></tr><tr><td>c</td></tr></table>"
    doc = read_html(page)
    assert [c.text for row in doc.tables[0].rows for c in row] == ["a", "b", "c"]


# ---------------------------------------------------------------------------
# 3, 4. decoding: only text encodings, BOMs, detection


PAGE = '<html><head><meta charset="{}"></head><body><p>一、总体情况</p><p>本年度公开信息10条。</p></body></html>'


@pytest.mark.parametrize(
    "charset",
    ["rot13", "base64", "hex", "zlib", "bz2", "uu", "idna", "punycode", "utf-7", "utf-16", "no-such", "x" * 40],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_meta_charset_that_is_no_text_encoding_is_ignored(charset: str, encoding: str) -> None:
    data = PAGE.format(charset).encode(encoding)
    assert "本年度公开信息10条。" in decode_html(data)
    assert [s.title for s in parse_html(data).sections] == ["总体情况"]


REPORT = (
    "一、总体情况\n本年度本机关主动公开政府信息一百二十条，受理申请十五件，均已依法答复。\n二、主动公开政府信息情况\n"
)
TRADITIONAL = (
    "一、總體情況\n本年度本機關主動公開政府資訊一百二十條，受理申請十五件，均已依法答覆。\n二、主動公開政府資訊情況\n"
)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_bom_decides_the_encoding(bom: bytes, codec: str) -> None:
    assert decode(bom + REPORT.encode(codec)) == REPORT
    assert decode_html(bom + PAGE.format("gbk").encode(codec)) == PAGE.format("gbk")


def test_two_bytes_like_a_utf16_bom_do_not_make_binary_data_text() -> None:
    with pytest.raises(DecodeError, match="BOM"):
        decode(b"\xff\xfe\xfa\xfb" * 8, path="x.txt")


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_text_decodes_without_charset_normalizer(codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cheap check should have decided")

    monkeypatch.setattr(charset_normalizer, "from_bytes", refuse)
    assert decode((REPORT * 5).encode(codec)) == REPORT * 5


@needs_seeds
def test_gb_detection_stays_cheap(seed_per_byte: float) -> None:
    data = "".join(p.read_text(encoding="utf-8") for p in SEEDS).encode("gb18030")
    decode(data)  # the codecs' first use
    assert (
        _fastest(lambda: decode(data)) / len(data) <= seed_per_byte / 5
    )  # charset-normalizer costs about 2x the seeds per byte


@pytest.mark.parametrize("codec", ["big5", "cp950", "gbk"])
def test_traditional_chinese_is_decoded(codec: str) -> None:
    text = TRADITIONAL * 3
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("日本国憲法は、日本の現行憲法であり、昭和二十一年に公布された。国民主権を原則とする。" * 10, "shift_jis"),
        ("日本国憲法は、日本の現行憲法であり、昭和二十一年に公布された。国民主権を原則とする。" * 10, "euc_jp"),
        ("Le président a déclaré que l'économie était forte. Ça va très bien, n'est-ce pas? " * 20, "latin-1"),
        ("Der Präsident erklärte, dass die Wirtschaft stark sei. Größe, Übermaß, Äpfel. " * 20, "cp1252"),
    ],
)
def test_text_in_another_encoding_is_a_decode_error_naming_the_file(text: str, codec: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(codec))
    with pytest.raises(DecodeError, match="not in a Chinese text encoding") as info:
        parse_file(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    # ... and an explicit encoding reads it
    assert render(parse_file(path, encoding=codec)) == text


def test_an_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gbk"))
    assert parse_file(path, encoding="gbk").sections[0].title == "总体情况"
    assert parse_file(path, encoding="latin-1").sections == ()  # taken at its word
    with pytest.raises(DecodeError, match="not utf-8"):
        parse_file(path, encoding="utf-8")
    for name in ("no-such-codec", "rot13", "base64", "zlib", "x\x00"):
        with pytest.raises(DecodeError, match="not the name of a text encoding"):
            parse_file(path, encoding=name)
    html = tmp_path / "report.html"
    html.write_bytes(PAGE.format("utf-8").encode("gbk"))  # a wrong declaration, corrected by the caller
    assert parse_html(html.read_bytes()).sections[0].title == "总体情况"  # detected
    assert parse_file(html, encoding="gbk").sections[0].title == "总体情况"


@given(st.binary(max_size=200), st.sampled_from([None, "gbk", "utf-16", "big5", "rot13", "idna", "punycode", "hz"]))
def test_decode_raises_only_decode_error(data: bytes, encoding: str | None) -> None:
    for run in (lambda: decode(data, encoding=encoding), lambda: decode_html(data)):
        with contextlib.suppress(DecodeError):
            assert isinstance(run(), str)


# ---------------------------------------------------------------------------
# 5. files that are no regular files


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging when a read blocks (POSIX)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timeout(signum: int, frame: object) -> None:
        raise AssertionError("blocked")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.usefixtures("alarm")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(DecodeError, match="a FIFO, not a regular file"):
        parse_file(fifo)


@pytest.mark.usefixtures("alarm")
def test_directories_and_devices_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="a directory"):
        parse_file(tmp_path)
    if Path("/dev/zero").exists():
        with pytest.raises(DecodeError, match="a character device"):
            parse_file("/dev/zero")


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="No such file"):
        parse_file(tmp_path / "missing.txt")


# ---------------------------------------------------------------------------
# 6. lxml's limits, and lxml missing


@pytest.mark.parametrize("depth", [300, 1_500])
def test_deep_nesting_within_the_parser_s_limit_keeps_the_tree(depth: int) -> None:
    page = (
        "<html><body><p>一、开头</p>"
        + "<div>" * depth
        + "深层文字"
        + "</div>" * depth
        + "<p>之后的文字</p></body></html>"
    )
    doc = read_html(page)
    assert doc.text == "一、开头\n深层文字\n之后的文字\n"
    assert doc.diagnostics == ()


def test_nesting_past_the_parser_s_limit_is_read_as_plain_text_with_a_diagnostic() -> None:
    depth = 5_000
    page = (
        "<html><body><p>一、开头</p>"
        + "<div><span>层</span>" * depth
        + "深层文字 &amp; 实体"
        + "</div>" * depth
        + "<p>之后的文字</p></body></html>"
    )
    doc = read_html(page)
    assert doc.text.startswith("一、开头\n层\n")
    assert "深层文字 & 实体\n之后的文字\n" in doc.text
    assert doc.text.count("层") == depth + 1  # every one, and the one in 深层文字
    assert [d.code for d in doc.diagnostics] == ["html-parser-limit"]
    report = parse_html(page)
    assert "html-parser-limit" in [d.code for d in report.diagnostics]
    with pytest.raises(ParseError, match="limits"):
        parse_html(page, strict=True)


def test_a_text_block_of_over_10_mb_is_kept() -> None:
    block = "a" * 10_000_100  # libxml2's limit is 10,000,000 bytes of text without huge_tree
    doc = read_html(f"<html><body><p>{block}</p><p>后</p></body></html>")
    assert doc.text == block + "\n后\n"


def test_without_lxml_html_files_say_to_install_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(PAGE.format("utf-8"), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "lxml", None)
    monkeypatch.setitem(sys.modules, "lxml.html", None)
    with pytest.raises(GovinfoError, match=r"install the html extra \(pip install 'govinfo-reports\[html\]'\)"):
        parse_file(page)
    with pytest.raises(GovinfoError, match="html extra"):
        parse_html("<p>一、总体情况</p>")


# ---------------------------------------------------------------------------
# 7. entity bombs, external entities, fuzzing

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + '<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    + '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>一、总体情况</p><p>&lol9;</p><p>&ext;</p></body></html>'
)


def test_entities_are_not_expanded_nor_fetched() -> None:
    start = time.perf_counter()
    doc = read_html(BILLION_LAUGHS)
    assert time.perf_counter() - start < 5
    assert len(doc.text) < len(BILLION_LAUGHS)
    assert "lollol" not in doc.text
    assert "root:" not in doc.text
    assert "\n一、总体情况\n" in doc.text  # (an HTML parser, like a browser, reads no internal DTD subset)


_PIECES = [
    "|", " ", "\t", "\r", "\n", "\r\n", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\ufeff", "\u3000",
    "一、", "(一)", "1.", "①", "附件", "附件1：", "2018年3月9日", "发布日期：", "---", ":---:", "| ", "a.doc",
    "\ud800", "\U0001f600", "0", "合计", "。",
]  # fmt: skip
_TAGS = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td rowspan=3>", "<td colspan=2>", "<td rowspan=0>",
    "<td colspan=99999999999999999999>", "<th>", "<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>",
    "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xd800;", "&#x110000;", "&lol;",
    "<!DOCTYPE x [<!ENTITY lol 'a'>]>", "<?xml version='1.0' encoding='utf-16'?>", "<meta charset=rot13>",
    "<html>", "<body>", "<a>", "</a>", "一、总体", "（一）", "10", "\x00", "\ud800", "<", ">", "<svg>", "<math>",
    "<table><tr><td><table>", "<style>", "<template>", "<select>", "<frameset>", "<h1>", "<li>",
    "<td style='display:none'>",
]  # fmt: skip


@given(st.one_of(st.text(), st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=60).map("".join)))
def test_hostile_text_round_trips_and_lenient_parse_never_raises(text: str) -> None:
    assert render(parse(text)) == text
    with contextlib.suppress(ParseError):
        parse(text, strict=True)


@given(
    st.lists(st.sampled_from(_TAGS) | st.text(max_size=4), max_size=50).map("".join),
    st.sampled_from(["str", "utf-8", "gb18030", "utf-16"]),
    st.booleans(),
)
def test_hostile_html_raises_only_documented_errors(page: str, encoding: str, strict: bool) -> None:
    data: str | bytes = page
    if encoding != "str":
        data = page.encode(encoding, "replace")
    try:
        report = parse_html(data, strict=strict)
    except (DecodeError, ParseError):
        return
    assert isinstance(render(report), str)


def test_lone_carriage_returns_and_nuls_round_trip() -> None:
    for text in ("一、总体\r(一)公开\r", "\x00" * 1000, "a\rb\r\n\r|\r", "\r" * 5000 + "|\n"):
        assert render(parse(text)) == text


def test_render_of_html_reports_matches_the_rendering() -> None:
    doc = read_html(_amplifier(cells=3, rows=3))
    assert render(doc.parse()) == doc.text
    assert re.search(r"^\| x$", doc.text, re.M)


def test_the_plain_text_fallback_costs_linear_time() -> None:
    def page(size: int) -> str:
        # past the nesting limit, then an unterminated tag and runs of pipes and spaces in the text
        return "<div>" * 2_100 + "一、总体" + "<a " + "b" * size + " " * size + "|" * size

    small = _fastest(lambda: read_html(page(20_000)), 2) / 20_000
    large = _fastest(lambda: read_html(page(200_000)), 2) / 200_000
    assert large <= 3 * small
    doc = read_html(page(10))
    assert doc.text.startswith("一、总体")
    assert doc.text.endswith(
        "<a bbbbbbbbbb ｜｜｜｜｜｜｜｜｜｜\n"
    )  # an unterminated tag is text; pipes made full-width


def test_a_meta_charset_after_a_long_run_of_spaces_is_found_in_linear_time() -> None:
    def data(size: int) -> bytes:
        return b"<meta charset=" + b" " * size + b"<meta charset=gbk><p>" + "总体情况".encode("gbk")

    assert decode_html(data(10)).endswith("总体情况")
    small = _fastest(lambda: decode_html(data(800)), 3) / 800
    large = _fastest(lambda: decode_html(data(8_000)), 3) / 8_000
    assert large <= 3 * small + 1e-8
