"""Rules of the statute (政府信息公开条例) on the report itself: published in time, a statistics period, fees reported.

* ``deadline``: a report on 2019 or later is published by 1月31日 of the next year when a
  department issues it, by 3月31日 when a people's government does (条例 art. 49-50, as revised in
  2019); a report on an earlier year by 3月31日 (条例 of 2008, art. 31).
* ``period``: the report states its statistics period (本报告中所列数据的统计期限自…起至…止), and the
  period is the year reported on.
* ``fee``: when table 三 counts applications dropped because the fee notice went unpaid
  (逾期未按收费通知要求缴纳费用), section 六 reports the 信息处理费 charged, or that none was.
  Table 二's 行政事业性收费 is a different thing (fees of the office's own business) and does
  not concern this rule.

>>> from govinfo_reports import parse, validate
>>> report = parse("某某市财政局2020年政府信息公开工作年度报告\\n一、总体情况\\n发布日期:2021年3月5日\\n")
>>> sorted(f.rule for f in validate(report, select={"deadline", "period"}))
['deadline', 'period']
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal

from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules.registry import ANY_TEMPLATE, Context, Rule, number_text, register
from govinfo_reports.syntax.nodes import NO_SPAN, Paragraph, Report, Section, Span
from govinfo_reports.tables.templates import NATIONAL_2021

__all__ = ["REVISED", "deadline_of"]

#: The first year reported on under the 条例 as revised in 2019 (in force from 2019-05-15).
REVISED = 2019


def deadline_of(year: int, kind: str | None) -> datetime.date:
    """The last day a report on ``year`` may be published, for a ``"department"`` or a ``"government"``.

    >>> deadline_of(2024, "department"), deadline_of(2024, "government"), deadline_of(2017, "department")
    (datetime.date(2025, 1, 31), datetime.date(2025, 3, 31), datetime.date(2018, 3, 31))
    """
    if year >= REVISED and kind == "department":
        return datetime.date(year + 1, 1, 31)
    return datetime.date(year + 1, 3, 31)


@register(
    "deadline",
    "The report is published by the statute's deadline",
    severity=Severity.WARNING,
    templates=ANY_TEMPLATE,
)
def _deadline(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A department publishes its report on year N by 1月31日 of N+1, a people's government
    (县人民政府, 乡, 镇, 街道办事处 …) by 3月31日 (条例 art. 49-50, for reports on 2019 on; every
    office by 3月31日 before).  The publication date is the report's 发布日期 line or the date of
    its signature.  A date more than a year late is more likely that of a page re-publishing the
    report: info, not a warning.  Not assessable without a date, a year, or the office that issues it."""
    who = ctx.identity
    if who is None or who.published is None or who.year is None or who.kind is None:
        return
    due = deadline_of(who.year, who.kind)
    if who.published <= due:
        return
    whose = "a department's" if who.kind == "department" and who.year >= REVISED else "a people's government's"
    if who.year < REVISED:
        whose = "any office's (条例 of 2008)"
    late = (who.published - due).days
    # more than a year late, the date is more likely that of a page re-publishing the report
    stale = late > _STALE
    yield rule.finding(
        f"published {who.published.isoformat()}, {late} day{'s' if late > 1 else ''} after the deadline"
        f" {due.isoformat()} for {whose} report on {who.year} ({who.office})"
        + ("; so late a date may be the page's, not the report's" if stale else ""),
        extra_spans=[who.published_span],
        severity=Severity.INFO if stale else None,
    )


#: Days after the deadline beyond which a date is taken for a re-publication's (the finding is info).
_STALE = 366


@register(
    "period",
    "The report states its statistics period, and it is the year reported on",
    severity=Severity.WARNING,
    templates=ANY_TEMPLATE,
)
def _period(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """The report states the period its figures cover (本报告中所列数据的统计期限自N年1月1日起至N年12月31日止).
    A period of another year than the one the title names is a warning; a report that states no
    period is worth knowing (info).  Not assessable when the report names no year but in its period."""
    who = ctx.identity
    if who is None or ctx.report is None:
        return
    if who.period is None:
        if who.year is not None:
            yield rule.finding(
                f"no statistics period (统计期限) is stated for the report on {who.year}",
                extra_spans=[who.year_span if who.year_span is not NO_SPAN else _start(ctx.report)],
                severity=Severity.INFO,
            )
        return
    first, last = who.period
    if who.year is None or who.year_span is NO_SPAN or _inside(who.year_span, who.period_span):
        return  # the year is the period's own
    if first.year == who.year and last.year == who.year:
        return
    yield rule.finding(
        f"the statistics period {first.isoformat()} to {last.isoformat()} is not the year {who.year} the report is on",
        expected=Decimal(who.year),
        actual=Decimal(first.year if first.year != who.year else last.year),
        extra_spans=[who.period_span, who.year_span],
    )


def _inside(inner: Span, outer: Span) -> bool:
    return outer is not NO_SPAN and outer.start <= inner.start and inner.end <= outer.end


def _start(report: Report) -> Span:
    for block in report.walk():
        span = getattr(block, "span", NO_SPAN)
        if span is not NO_SPAN:
            return Span(span.start, span.start, span.line, span.column, span.line, span.column)
    return NO_SPAN


_OTHER_MATTERS = re.compile(r"其他需要报告|其它需要报告|其他事项|其它事项")
_PROCESSING_FEE = re.compile(
    r"信息处理费|处理费|(?:收取|收费|缴纳)[^。]{0,12}(?:费用|元)|(?:未|不|无|没有)(?:收取|收费)"
)


def _section_text(section: Section) -> str:
    parts = [section.title, section.body_text]
    parts += [b.text for b in section.walk() if isinstance(b, Paragraph)]
    parts += [s.title + s.body_text for s in section.walk() if isinstance(s, Section) and s is not section]
    return "\n".join(parts)


@register(
    "fee",
    "Fees noticed in table 三 are reported in section 六 (信息处理费)",
    severity=Severity.WARNING,
    templates=(NATIONAL_2021,),
)
def _fee(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """When table 三 counts applications dropped because the applicant did not pay the fee notice
    (六、其他处理 2.申请人逾期未按收费通知要求缴纳费用…), the office charged or noticed a 信息处理费,
    and section 六、其他需要报告的事项 reports the fees charged (or that none was charged).  Table
    二's 行政事业性收费 is the office's own fees, not the 信息处理费: it does not concern this rule.
    Not assessable when the row is blank or missing; a report without a section 六 is checked on its
    whole prose."""
    if ctx.report is None:
        return
    noticed = [
        f
        for f in ctx.facts
        if f.indicator == "requests.result.other.unpaid_fee" and f.value is not None and f.value > 0
    ]
    if not noticed:
        return
    sections = [s for s in ctx.report.sections if _OTHER_MATTERS.search(s.title) or s.number.raw.startswith("六")]
    if sections:
        text = "\n".join(_section_text(s) for s in sections)
    else:
        text = "\n".join(b.text for b in ctx.report.walk() if isinstance(b, Paragraph))
    if _PROCESSING_FEE.search(text):
        return
    cell = next((f for f in noticed if f.column == "total"), noticed[0])
    assert cell.value is not None
    where = "section 六" if sections else "the report (it has no section 六)"
    yield rule.finding(
        f"table 三 counts {number_text(cell.value)} application(s) dropped for an unpaid fee notice,"
        f" but {where} does not report the 信息处理费 charged (or that none was)",
        actual=cell.value,
        facts=[cell],
        extra_spans=[_heading(sections[0])] if sections else [],
    )


def _heading(section: Section) -> Span:
    s = section.span
    if s is NO_SPAN:
        return NO_SPAN
    width = len(section.indent) + len(section.heading)
    return Span(s.start, s.start + width, s.line, s.column, s.line, s.column + width)
