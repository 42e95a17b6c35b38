"""Rules of the report's outline: the six sections of the national format, in order; and the year a report is on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules.registry import (
    Context,
    Rule,
    register,
)
from govinfo_reports.syntax.nodes import NO_SPAN, Report, Section, Span
from govinfo_reports.tables.templates import (
    NATIONAL_2019,
    NATIONAL_2021,
)
from govinfo_reports.values import to_simplified

# ---------------------------------------------------------------------------
# outline


#: The six sections of the national template: number, title, words that recognise the title,
#: words that rule it out (a title of 四 may name 申请 too: 因政府信息公开申请行政复议…的情况).
NATIONAL_SECTIONS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("一", "总体情况", ("总体", "概述", "基本情况"), ()),
    ("二", "主动公开政府信息情况", ("主动公开",), ()),
    ("三", "收到和处理政府信息公开申请情况", ("申请",), ("复议", "诉讼")),
    ("四", "政府信息公开行政复议、行政诉讼情况", ("复议", "诉讼"), ()),
    ("五", "存在的主要问题及改进情况", ("问题", "改进", "不足"), ()),
    ("六", "其他需要报告的事项", ("其他", "其它"), ()),
)


def _heading_span(section: Section) -> Span:
    if section.span is NO_SPAN:
        return NO_SPAN
    width = len(section.indent) + len(section.heading)
    s = section.span
    return Span(s.start, s.start + width, s.line, s.column, s.line, s.column + width)


#: The words of :data:`NATIONAL_SECTIONS` as patterns (a title holds one of them), the second ``None`` when empty.
_SECTION_WORDS = tuple(
    (re.compile("|".join(map(re.escape, words))), re.compile("|".join(map(re.escape, unlike))) if unlike else None)
    for _, _, words, unlike in NATIONAL_SECTIONS
)


def _titled(
    titles: list[str], start: int, words: re.Pattern[str], unlike: re.Pattern[str] | None, taken: set[int]
) -> int | None:
    """The first title from ``start`` on not taken yet that holds one of ``words`` and none of ``unlike``."""
    for i in range(start, len(titles)):
        title = titles[i]
        if i not in taken and words.search(title) and (unlike is None or not unlike.search(title)):
            return i
    return None


@register(
    "sections.national",
    "National reports have the template's six sections, in order",
    severity=Severity.WARNING,
    templates=(NATIONAL_2019, NATIONAL_2021, None),
)
def _sections_national(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A report on 2019 or later follows the national template: 一、总体情况, 二、主动公开政府信息情况,
    三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、行政诉讼情况, 五、存在的主要问题及改进情况,
    六、其他需要报告的事项.  A section that is missing or out of order is worth a look.  Reports
    without a statistics table are checked when their preamble dates them 2019 or later."""
    if ctx.report is None:
        return
    if ctx.template is None:
        year = report_year(ctx.report)
        if year is None or year < 2019:
            return
    sections = list(ctx.report.sections)
    titles = [to_simplified(s.title) for s in sections]  # 總體情況 is 总体情况
    found: list[int | None] = []
    cursor = 0
    taken: set[int] = set()
    for words, unlike in _SECTION_WORDS:
        # the first section from the cursor on (else from the start) whose title names the section
        # and nothing that rules it out
        match = _titled(titles, cursor, words, unlike, taken)
        if match is None:
            match = _titled(titles, 0, words, unlike, taken)
        found.append(match)
        if match is not None:
            taken.add(match)
        if match is not None and match >= cursor:
            cursor = match + 1
    last: int | None = None
    for position, ((number, title, _, _), index) in enumerate(zip(NATIONAL_SECTIONS, found, strict=True)):
        if index is None:
            after = next((sections[i] for i in found[position + 1 :] if i is not None), None)
            anchor = after or (sections[last] if last is not None else None)
            spans = [_heading_span(anchor)] if anchor is not None else [ctx.report.span]
            yield rule.finding(f"section {number}、{title} is missing", extra_spans=spans)
            continue
        if last is not None and index < last:
            section = sections[index]
            yield rule.finding(
                f"section {number}、{title} (written {section.number.raw}{section.title}) is out of order:"
                f" it comes before {sections[last].number.raw}{sections[last].title}",
                extra_spans=[_heading_span(section)],
            )
        last = index if last is None else max(last, index)


_YEAR_PATTERNS = (
    re.compile(r"((?:19|20)\d\d)\s*年度"),
    re.compile(r"((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日"),
    re.compile(r"((?:19|20)\d\d)\s*年"),
)


def report_year(report: Report) -> int | None:
    """The year a report is on, as its title or preamble states it (``2017年度``, ``2024年1月1日至…``).

    >>> from govinfo_reports import parse
    >>> report_year(parse("本报告所列数据统计期限为2024年1月1日至2024年12月31日。\\n一、总体情况\\n"))
    2024
    """
    text = "\n".join([report.title or "", *(p.stripped for p in report.preamble.introduction)])
    for pattern in _YEAR_PATTERNS:
        m = pattern.search(text)
        if m is not None:
            return int(m.group(1))
    return None
