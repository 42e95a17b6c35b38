"""Who reports on which year: the identity of a report, read from its own words.

A report names itself in a few places: its title line (``平潭综合实验区2015年度政府信息公开工作年度报告``),
the opening sentence (``现公布中山市人民政府西区办事处2017年政府信息公开工作年度报告``,
``由北京市密云区古北口镇人民政府编制的2017年度…``, ``特向社会公布2017年度机关事务管理局信息公开年度报告``),
the statistics-period sentence (``本报告所列数据统计期限为2024年1月1日至2024年12月31日``),
the signature (issuing body and date) and a ``发布日期`` line.  :func:`identify`
reads each of these and keeps what it finds with its span; what a report does
not state is ``None``.  A file name or a page ``<title>`` given by the caller
is used only where the text says nothing.

>>> from govinfo_reports import parse
>>> report = parse(
...     "根据《条例》要求,现公布永嘉县南城街道办事处2014年政府信息公开工作年度报告。"
...     "本年报中所列数据的统计期限自2014年1月1日起至2014年12月31日止。\\n一、概述\\n"
... )
>>> who = identify(report)
>>> who.office, who.year, who.period, who.kind
('永嘉县南城街道办事处', 2014, (datetime.date(2014, 1, 1), datetime.date(2014, 12, 31)), 'government')
>>> who.office_span.column
13
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Literal

import attrs

from govinfo_reports.syntax.nodes import (
    NO_SPAN,
    Paragraph,
    PublicationDate,
    Report,
    Section,
    Span,
    block_index,
)

__all__ = ["Identity", "OfficeKind", "identify"]

#: ``"government"`` for a people's government (县人民政府, 镇, 街道办事处 ...), ``"department"`` for any other office.
OfficeKind = Literal["government", "department"]

#: How far into the report the title and opening sentence are looked for (characters).
_HEAD = 3000

_SP = r"[ \t\u3000\u00a0]*"
_YEAR = rf"(?P<year>(?:19|20)\d\d){_SP}年(?:度)?"
# 政府信息公开工作年度报告 and its variants (信息公开年度报告, 政务公开工作报告, a crawler's 工作告年度报)
_REPORT = r"(?:政府)?(?:信息公开|政务公开)[^。，,；;：:\n]{0,8}?报"
# the office: a run of name characters (no punctuation, no spaces inside)
_NAME = r"[\u4e00-\u9fff（）()]{2,40}?"

_DATE = rf"(?:19|20)\d\d{_SP}年{_SP}\d{{1,2}}{_SP}月{_SP}\d{{1,2}}{_SP}日"


class _Patterns:
    """The patterns, compiled on first use: their large CJK classes take about 30 ms to compile,
    which ``import govinfo_reports`` need not pay (measured with ``python -X importtime``)."""

    @cached_property
    def lead(self) -> re.Pattern[str]:
        """What may stand before the office name in an opening sentence, longest first."""
        return re.compile(
            r"^.*?(?:现将|现公布|现予公布|特向社会公布|向社会公布|现发布|予以公布|公布|发布|现编制|编制|制定|由|是|为)"
        )

    @cached_property
    def office_before_year(self) -> re.Pattern[str]:
        return re.compile(rf"(?P<office>{_NAME}){_SP}{_YEAR}{_SP}{_REPORT}")

    @cached_property
    def office_after_year(self) -> re.Pattern[str]:
        return re.compile(rf"{_YEAR}{_SP}(?P<office>{_NAME}){_SP}{_REPORT}")

    @cached_property
    def office_compiles(self) -> re.Pattern[str]:
        return re.compile(rf"由(?P<office>{_NAME})(?:负责)?(?:编制|制定|发布)")

    @cached_property
    def office_opens(self) -> re.Pattern[str]:
        """The opening of a report's first section: 2024年，平潭综合实验区坚持…"""
        return re.compile(
            rf"(?:^|(?<=[\s。]))(?:{_SP}){_YEAR}(?:以来)?[，,]{_SP}(?P<office>{_NAME})(?:坚持|深入|认真|紧紧|始终|全面|进一步|扎实|积极|持续|高度|严格|按照|围绕|以)"
        )

    @cached_property
    def title(self) -> re.Pattern[str]:
        """A title: a short line (or the start of a run-together one) naming the year and the report, no sentence in it."""
        return re.compile(
            rf"^{_SP}(?P<title>[^。；;！!？?《》,，:：、]{{0,60}}?{_YEAR}[^。；;！!？?《》,，:：、]{{0,40}}?报{_SP}(?:告|(?=[ \t\u3000]*$)))"
        )

    @cached_property
    def period(self) -> re.Pattern[str]:
        return re.compile(
            rf"统计(?:期限|周期|时限|时段|时间|区间)[^。；;\d]{{0,12}}?(?P<start>{_DATE}){_SP}(?:起)?{_SP}"
            rf"(?:至|到|—|－|-|~|～){_SP}(?P<end>{_DATE})"
        )

    @cached_property
    def published(self) -> re.Pattern[str]:
        return re.compile(
            rf"(?:发布|印发|成文|时间|日期)[^\n。]{{0,6}}?[:：]{_SP}(?P<date>{_DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}})"
        )

    @cached_property
    def year_report(self) -> re.Pattern[str]:
        """A year and the report's name (2017年度政府信息公开工作年度报告), anywhere in a line."""
        return re.compile(_YEAR + _SP + _REPORT)

    @cached_property
    def year(self) -> re.Pattern[str]:
        return re.compile(_YEAR)

    @cached_property
    def government(self) -> re.Pattern[str]:
        """Words that end the name of a people's government (人民政府, 办事处 of a 街道, 乡, 镇 ...) rather than a department's."""
        return re.compile(r"(?:人民政府|办事处|街道|管委会|管理委员会|实验区|乡|镇)$")

    @cached_property
    def not_name(self) -> re.Pattern[str]:
        """What a name must not start with: words of the sentence before the name."""
        return re.compile(r"^(?:的|了|我|本|该|年|月|日|度|将|对|关于|做好|政府|信息|政务)")


_P = _Patterns()


@attrs.frozen
class Identity:
    """What a report says about itself; each part ``None`` (and its span ``NO_SPAN``) when not found."""

    #: The report's title, as written (whitespace inside kept).
    title: str | None = None
    #: The issuing office (``北京市密云区古北口镇人民政府``).
    office: str | None = None
    #: The year reported on.
    year: int | None = None
    #: The statistics period the report states (first and last day).
    period: tuple[datetime.date, datetime.date] | None = None
    #: The publication date: a ``发布日期`` line, a dated line of the preamble, or the signature's date.
    published: datetime.date | None = None
    #: Where the title is.
    title_span: Span = attrs.field(default=NO_SPAN, eq=False)
    #: Where the office is named.
    office_span: Span = attrs.field(default=NO_SPAN, eq=False)
    #: Where the year is stated.
    year_span: Span = attrs.field(default=NO_SPAN, eq=False)
    #: Where the statistics period is stated.
    period_span: Span = attrs.field(default=NO_SPAN, eq=False)
    #: Where the publication date is stated.
    published_span: Span = attrs.field(default=NO_SPAN, eq=False)

    @property
    def kind(self) -> OfficeKind | None:
        """``"government"`` for a people's government (县人民政府, 镇, 街道办事处 ...), ``"department"`` otherwise.

        The statute's deadlines differ: a department reports by 1月31日, a
        people's government by 3月31日 (条例 art. 49-50).
        """
        if self.office is None:
            return None
        return "government" if _P.government.search(self.office) else "department"


class _HeadingLine:
    """A heading line read as text: one may hold the text run into it (一、总体情况 2024年，平潭综合实验区坚持…).

    Its span is made only when a pattern matches in it: most heading lines hold nothing
    :func:`identify` looks for, and making a ``Paragraph`` and its ``Span`` for each cost 1 µs a
    heading (``"①\\n" * 7500``: validate 1.0 -> 0.5 µs a line).
    """

    __slots__ = ("section", "text")

    def __init__(self, section: Section) -> None:
        self.section = section
        #: The line as written, without its line ending.
        self.text = section.indent + section.heading

    @property
    def span(self) -> Span:
        """The line's span: the section's first line, up to the end of the heading."""
        s = self.section.span
        width = len(self.text)
        return NO_SPAN if s is NO_SPAN else Span(s.start, s.start + width, s.line, s.column, s.line, s.column + width)


#: A line :func:`identify` reads.
_Line = Paragraph | _HeadingLine


def _lines(report: Report) -> Iterator[_Line]:
    """The report's first lines of text (paragraphs, and heading lines read as text), up to :data:`_HEAD` characters."""
    seen = 0
    for block in report.walk():
        line: _Line
        if isinstance(block, Paragraph):
            line = block
        elif isinstance(block, Section):
            line = _HeadingLine(block)
        else:
            continue
        yield line
        seen += len(line.text)
        if seen > _HEAD:
            return


def _sub_span(paragraph: _Line, start: int, end: int) -> Span:
    base = paragraph.span
    if base is NO_SPAN:
        return NO_SPAN
    return Span(base.start + start, base.start + end, base.line, base.column + start, base.line, base.column + end)


def _clean_name(name: str) -> str | None:
    lead = _P.lead.match(name)
    if lead is not None:
        name = name[lead.end() :]
    name = name.strip("（）() \u3000")
    if len(name) < 2 or _P.not_name.match(name):
        return None
    return name


def _dated(text: str) -> bool:
    """Whether ``text`` may hold a year as the patterns write one (``_YEAR``, ``_DATE``: 19… or 20…).

    Most lines of a report name no year: this test, and the like tests before the other
    searches (统计, a colon), spare them the searches; with the 发布日期 lines taken from the
    block index, :func:`identify` of ``"x\\n" * 15000`` went from 0.83 to 0.09 µs a line of
    the report.
    """
    return "19" in text or "20" in text


def _office_in(paragraph: _Line) -> tuple[str, Span] | None:
    text = paragraph.text[:_HEAD]
    patterns: tuple[re.Pattern[str], ...]
    if _dated(text):
        patterns = (_P.office_compiles, _P.office_before_year, _P.office_after_year, _P.office_opens)
    elif "由" in text:
        patterns = (_P.office_compiles,)  # the only one that names no year
    else:
        return None
    for pattern in patterns:
        for m in pattern.finditer(text):
            raw = m.group("office")
            name = _clean_name(raw)
            if name is None:
                continue
            end = m.start("office") + len(raw.rstrip("（）() \u3000"))
            start = end - len(name)
            return name, _sub_span(paragraph, start, end)
    return None


def _date(text: str) -> datetime.date | None:
    digits = re.findall(r"\d+", text)
    if len(digits) != 3:
        return None
    try:
        return datetime.date(int(digits[0]), int(digits[1]), int(digits[2]))
    except ValueError:
        return None


def identify(report: Report, *, source_name: str | None = None, page_title: str | None = None) -> Identity:
    """Read a report's identity: title, office, year, statistics period and publication date.

    Args:
        report: The parsed report.
        source_name: The file name, used for the title, office and year only when the text states none.
        page_title: An HTML page's ``<title>``, used likewise.
    """
    found: dict[str, object] = {}
    paragraphs = list(_lines(report))
    for index, paragraph in enumerate(paragraphs):
        if "title" not in found and index < 3:
            m = _P.title.match(paragraph.text)
            if m is None and index + 1 < len(paragraphs) and len(paragraph.text) <= 40:
                # a title broken over two lines (PDF conversions): 2024 年上海市科委政府信息公开工作 / 年度报告
                joined = Paragraph(paragraph.text + paragraphs[index + 1].text, span=paragraph.span)
                m = _P.title.match(joined.text)
                if m is not None and (m.end("title") <= len(paragraph.text) or m.start("year") >= len(paragraph.text)):
                    m = None  # the title must be broken: year on the first line, its end on the second
                elif m is not None:
                    found["title"] = re.sub(r"\s+", " ", m.group("title").strip())
                    found["title_span"] = paragraph.span.cover(paragraphs[index + 1].span)
                    found["year"] = int(m.group("year"))
                    found["year_span"] = _sub_span(paragraph, m.start("year"), m.end("year"))
                    office = _office_in(joined)
                    if office is not None and "office" not in found:
                        found["office"] = office[0]
                        found["office_span"] = found["title_span"]
                    m = None
            if m is not None:
                found["title"] = re.sub(r"\s+", " ", m.group("title").strip())
                found["title_span"] = _sub_span(paragraph, m.start("title"), m.end("title"))
                found["year"] = int(m.group("year"))
                found["year_span"] = _sub_span(paragraph, m.start("year"), m.end("year"))
        if "office" not in found:
            office = _office_in(paragraph)
            if office is not None:
                found["office"], found["office_span"] = office
        if "period" not in found and "统计" in paragraph.text:
            m = _P.period.search(paragraph.text)
            if m is not None:
                first, last = _date(m.group("start")), _date(m.group("end"))
                if first is not None and last is not None:
                    found["period"] = (first, last)
                    found["period_span"] = _sub_span(paragraph, m.start(), m.end())
        if "published" not in found and ("：" in paragraph.text or ":" in paragraph.text):
            m = _P.published.search(paragraph.text[:200])
            if m is not None and (day := _date(m.group("date"))) is not None:
                found["published"] = day
                found["published_span"] = _sub_span(paragraph, m.start("date"), m.end("date"))
    if "year" not in found:
        for paragraph in paragraphs:
            m = _P.year_report.search(paragraph.text[:_HEAD]) if _dated(paragraph.text) else None
            if m is not None:
                found["year"] = int(m.group("year"))
                found["year_span"] = _sub_span(paragraph, m.start("year"), m.end("year"))
                break
    if "year" not in found:
        # the first year the report's first section names (2022年新增主动公开政府信息200条)
        for paragraph in paragraphs:
            m = _P.year.search(paragraph.text[:200]) if _dated(paragraph.text) else None
            if m is not None:
                found["year"] = int(m.group("year"))
                found["year_span"] = _sub_span(paragraph, m.start("year"), m.end("year"))
                break
    if "year" not in found and "period" in found:
        period = found["period"]
        assert isinstance(period, tuple)
        found["year"] = period[0].year
        found["year_span"] = found["period_span"]
    for block in block_index(report).of(PublicationDate):
        if "published" in found:
            break
        if block.date is not None:
            found["published"], found["published_span"] = block.date, block.span
    signature = report.signature
    if signature is not None:
        short = found.get("office")
        if isinstance(short, str) and signature.issuer.endswith(short) and signature.issuer != short:
            # the sentence names the office for short (机关事务管理局); the signature in full
            found["office"], found["office_span"] = signature.issuer, signature.span
        if "office" not in found and signature.issuer:
            found["office"], found["office_span"] = signature.issuer, signature.span
        if "published" not in found and signature.date is not None:
            found["published"], found["published_span"] = signature.date, signature.span
    for fallback in (page_title, source_name):
        if not fallback:
            continue
        m = re.search(_YEAR, fallback)
        if "year" not in found and m is not None:
            found["year"] = int(m.group("year"))
        if "title" not in found and "报告" in fallback:
            found["title"] = fallback.rsplit("/", 1)[-1]
        if "office" not in found:
            office = _office_in(Paragraph(fallback.rsplit("/", 1)[-1]))
            if office is not None:
                found["office"] = office[0]
    return Identity(**found)  # type: ignore[arg-type]
