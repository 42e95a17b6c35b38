"""Report identity: office, year, statistics period and publication date, as each report states them.

The expectations were written by reading each report (the opening sentence,
the title line, the 统计期限 sentence, the signature).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_reports
from budget import budget
from govinfo_reports.identity import _P, _dated, identify

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()), None)

Y2017 = (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
Y2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))

# file, office, kind, year, period
EXPECTED = [
    ("seeds/000_fc022d70227099c4.txt", "辽源市西安区机关事务管理局", "department", 2017, Y2017),
    ("seeds/001_89efcb53254ac2fa.txt", "中山市人民政府西区办事处", "government", 2017, None),
    ("seeds/002_ba2cc9ced20f5da6.txt", None, None, 2022, None),  # only 我委; 2022年新增主动公开…
    ("seeds/003_84dc834a7a148c25.txt", "桦甸市供销合作社联合社", "department", 2017, Y2017),
    ("seeds/004_7c2d47552574f996.txt", "北京市密云区古北口镇人民政府", "government", 2017, Y2017),
    ("corpus/crawler-blank-line-cells.txt", "昌图县七家子镇", "government", 2023, None),
    (
        "corpus/crawler-joined-paragraphs.txt",
        "永嘉县南城街道办事处",
        "government",
        2014,
        (datetime.date(2014, 1, 1), datetime.date(2014, 12, 31)),
    ),
    (
        "corpus/pingtan-2015.singleline.txt",
        "平潭综合实验区",
        "government",
        2015,
        (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31)),
    ),
    ("corpus/pingtan-2024.layoutB.txt", "平潭综合实验区", "government", 2024, Y2024),
    ("corpus/pingtan-2024.pagetxt.txt", "平潭综合实验区", "government", 2024, Y2024),
    ("corpus/pingtan-2024.html", "平潭综合实验区", "government", 2024, Y2024),
    ("corpus/shanghai-stc-2024.pdf2md.md", "上海市科委", "department", 2024, None),
]


def _path(name: str) -> Path:
    if name.startswith("corpus/"):
        if CORPUS is None:
            pytest.skip("shared corpus not available")
        return CORPUS / name.removeprefix("corpus/")
    return ROOT / name


@pytest.mark.parametrize(("name", "office", "kind", "year", "period"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_office_year_and_period(
    name: str, office: str | None, kind: str | None, year: int, period: tuple[datetime.date, datetime.date] | None
) -> None:
    report = govinfo_reports.parse_file(_path(name))
    who = identify(report)
    assert (who.office, who.kind, who.year, who.period) == (office, kind, year, period)


@pytest.mark.parametrize("name", [e[0] for e in EXPECTED if not e[0].endswith(".html")])
def test_spans_point_at_what_was_read(name: str) -> None:
    report = govinfo_reports.parse_file(_path(name))
    text = govinfo_reports.render(report)
    who = identify(report)
    if who.office is not None:
        assert who.office in text[who.office_span.start : who.office_span.end]
    if who.year is not None:
        assert str(who.year) in text[who.year_span.start : who.year_span.end]
    if who.period is not None:
        assert "统计" in text[who.period_span.start : who.period_span.end]
    lines = text.splitlines()
    span = who.office_span
    if who.office is not None and span.line == span.end_line:
        assert lines[span.line - 1][span.column - 1 : span.end_column - 1] == text[span.start : span.end]


def test_title_and_publication_date() -> None:
    who = identify(govinfo_reports.parse_file(_path("seeds/000_fc022d70227099c4.txt")))
    assert who.published == datetime.date(2018, 3, 9)  # the signature's date
    who = identify(govinfo_reports.parse_file(_path("corpus/pingtan-2015.singleline.txt")))
    assert who.title == "平潭综合实验区2015年度政府信息公开工作年度报告"
    who = identify(govinfo_reports.parse_file(_path("corpus/shanghai-stc-2024.pdf2md.md")))
    assert who.title == "2024 年上海市科委政府信息公开工作年度报告"  # broken over two lines by the converter
    who = identify(govinfo_reports.parse_file(_path("corpus/crawler-blank-line-cells.txt")))
    assert who.published == datetime.date(2024, 1, 31)  # 来源:… 时间:2024-01-31


def test_what_a_report_does_not_say_is_none() -> None:
    who = identify(govinfo_reports.parse("一、总体情况\n本年度未收到申请。\n"))
    assert (who.title, who.office, who.year, who.period, who.published, who.kind) == (None,) * 6


def test_a_file_name_fills_in_only_what_the_text_lacks() -> None:
    report = govinfo_reports.parse("一、总体情况\n本年度未收到申请。\n")
    who = identify(report, source_name="reports/某某县人民政府2019年政府信息公开工作年度报告.txt")
    assert (who.office, who.year) == ("某某县人民政府", 2019)
    stated = govinfo_reports.parse("现公布甲县人民政府2020年政府信息公开工作年度报告。\n")
    assert identify(stated, source_name="乙县人民政府2019年政府信息公开工作年度报告.txt").office == "甲县人民政府"


# identify() searches a line with a pattern only when the line holds what the pattern needs (a
# year 19…/20…, 由, 统计, a colon): a pattern must never match in a line without it.  The pieces make
# the patterns match (whole phrases, dates of any digits) and nearly match (the phrases cut,
# full-width digits, no colon).
_PHRASES = [
    "由北京市人民政府负责编制",
    "由机关事务管理局发布",
    "统计期限为2024年1月1日至2024年12月31日",
    "发布日期：3134-01-31",
    "印发时间:8888-1-3",
    "现公布北京市人民政府2017年政府信息公开工作年度报告",
    "2024年，北京市人民政府坚持",
    "2019年度北京市人民政府信息公开年度报告",
]
_NEAR = [
    "由",
    "统计期限为",
    "发布日期",
    "２０２４年",
    "３１３４-０１-３１",
    "1月1日",
    "至",
    "年度",
    "政府信息公开工作年度报告",
]
_OTHER = ["北京市人民政府", "机关事务管理局", "2024", "3134-01-31", "：", "，", "。", " ", "\u3000", "x"]
_PIECES = st.sampled_from(_PHRASES + _NEAR + _OTHER)


@settings(max_examples=budget(300), deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_every_pattern_needs_what_its_line_is_tested_for(text: str) -> None:
    needs = [
        (_P.office_compiles, "由" in text),
        (_P.office_before_year, _dated(text)),
        (_P.office_after_year, _dated(text)),
        (_P.office_opens, _dated(text)),
        (_P.period, "统计" in text),
        (_P.published, ":" in text or "：" in text),
        (_P.year_report, _dated(text)),
        (_P.year, _dated(text)),
    ]
    for pattern, tested in needs:
        if pattern.search(text):
            assert tested, (pattern.pattern, text)
