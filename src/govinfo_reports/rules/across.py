"""Rules across reports: one office's report on year N against its report on year N−1.

* ``across.carry-over``: 二、上年结转政府信息公开申请数量 of year N equals 四、结转下年度继续办理
  of year N−1, for every applicant column of table 三 (national 2019 and 2021 alike);
* ``across.stock``: 现行有效件数 of year N equals 现行有效件数 of N−1 + 本年制发件数 − 本年废止件数
  of N, for 规章 and 行政规范性文件 (table 二 of national-2021 on both years);
* ``across.cumulative``: a legacy table's 累计 of year N equals the 累计 of N−1 + the year's count
  of N, row by row (legacy tables on both years, rows matched by their labels).

The rules read a :class:`~govinfo_reports.rules.Context` whose :attr:`~Context.previous` is last
year's report (:func:`pair_context`); on one report they find nothing.  A finding names both
files (:attr:`~govinfo_reports.Finding.source`, :attr:`~govinfo_reports.Finding.other_source`)
and both cells (``facts`` this year's, ``other_facts`` last year's).  Not assessable across a
change of template where the columns differ, nor when the years given are not consecutive.
:func:`pairs` groups a collection of reports by office (:func:`~govinfo_reports.identify`, or
an explicit mapping) and pairs each year with the one before; :func:`govinfo_reports.validate_pair`
and :func:`govinfo_reports.validate_reports` run the rules.  A collection may be given as
:class:`Dated` records, which keep only what the rules read of each report (``check`` keeps these
while it streams a batch, and pairs them at the end).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.identity import identify
from govinfo_reports.rules.registry import NATIONAL, Context, Rule, number_text, register, row_label
from govinfo_reports.syntax.nodes import NO_SPAN, Report
from govinfo_reports.tables.templates import LEGACY, NATIONAL_2021, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS

__all__ = ["Dated", "across_facts", "pair_context", "pairs"]


def pair_context(
    earlier: Report, later: Report, *, earlier_name: str | None = None, later_name: str | None = None
) -> Context:
    """The context of ``later`` with ``earlier`` as last year's report, for the ``across.*`` rules."""
    return Context.of(later, source=later_name, previous=Context.of(earlier, source=earlier_name))


#: The table 三 rows of ``across.carry-over`` (二、上年结转, 四、结转下年度继续办理) and the table 二 rows
#: of ``across.stock`` (规章, 行政规范性文件): with the legacy tables, what the rules read of a report.
_CARRY_OVER = ("requests.carried_over", "requests.carried_forward")
_STOCK_ROWS = ("proactive.regulations", "proactive.normative_documents")
_READS = frozenset((*_CARRY_OVER, *_STOCK_ROWS))


def across_facts(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """The facts the ``across.*`` rules read, in their order: table 三's 上年结转 and 结转下年度 rows,
    table 二's 规章 and 行政规范性文件 rows, and every cell of a legacy table.

    A context of these facts alone gives the rules the same findings as the whole report's
    (:meth:`Dated.context`): what a batch keeps of each report to pair them afterwards.
    """
    return tuple(f for f in facts if f.indicator in _READS or f.table == "legacy")


_SPACES = re.compile(r"\s+")


@attrs.frozen
class Dated:
    """A report of a collection: its name, the office and year it is grouped by, and what the
    ``across.*`` rules read of it (its template and :func:`across_facts`).

    It holds no report, so that the reports of a batch of thousands of files can be
    read one at a time and paired afterwards: :func:`pairs` and
    :func:`govinfo_reports.validate_reports` take these as well as reports.

    >>> from govinfo_reports import parse
    >>> dated = Dated.of("a.txt", parse("某县人民政府2023年政府信息公开工作年度报告\\n一、总体情况\\n"))
    >>> dated.office, dated.year, dated.template, dated.facts
    ('某县人民政府', 2023, None, ())
    """

    #: Its name (the file it was read from).
    name: str
    #: The office it is grouped under (spaces removed); ``None`` when neither the report nor the caller names it.
    office: str | None
    #: The year it is on; ``None`` when the report does not say.
    year: int | None
    #: The report's template (``national-2021`` ...).
    template: str | None = None
    #: The facts the rules across reports read (:func:`across_facts`), in document order.
    facts: tuple[Fact, ...] = attrs.field(default=(), repr=False)

    @classmethod
    def of(cls, name: str, report: Report, *, office: str | None = None, year: int | None = None) -> Dated:
        """A report's record: ``office`` and ``year`` as given, else as its words say (:func:`~govinfo_reports.identify`)."""
        if office is None or year is None:
            who = identify(report, source_name=name)
            office = who.office if office is None else office
            year = who.year if year is None else year
        return cls(name, _SPACES.sub("", office) if office else None, year, report.template, across_facts(report.facts))

    def context(self, previous: Context | None = None) -> Context:
        """The context the rules across reports read, with ``previous`` as last year's."""
        return Context(self.facts, self.template, source=self.name, previous=previous)


def _dated(
    item: tuple[str, Report] | Dated, offices: Mapping[str, str] | None, years: Mapping[str, int] | None
) -> Dated:
    name = item.name if isinstance(item, Dated) else item[0]
    office = offices.get(name) if offices is not None else None
    year = years.get(name) if years is not None else None
    if not isinstance(item, Dated):
        return Dated.of(name, item[1], office=office, year=year)
    if office is not None:
        item = attrs.evolve(item, office=_SPACES.sub("", office) or None)
    return item if year is None else attrs.evolve(item, year=year)


def pairs(
    reports: Iterable[tuple[str, Report] | Dated],
    *,
    offices: Mapping[str, str] | None = None,
    years: Mapping[str, int] | None = None,
) -> list[tuple[Dated, Dated]]:
    """The (last year's, this year's) pairs of a collection: reports of one office on consecutive years.

    Args:
        reports: ``(name, report)`` pairs (names are file names, unique), or :class:`Dated`
            records of reports read before.
        offices: the office of some reports by name (explicit grouping); the others are grouped by
            the office their own words name (:func:`~govinfo_reports.identify`).
        years: the year of some reports by name; the others by what they state.

    Reports whose office or year is unknown are left out; several reports of one office and year
    (the same report in two formats) are each paired with each of the year before.  Pairs come
    by office, then year.
    """
    groups: dict[str, dict[int, list[Dated]]] = {}
    for item in reports:
        dated = _dated(item, offices, years)
        if dated.office is None or dated.year is None:
            continue
        groups.setdefault(dated.office, {}).setdefault(dated.year, []).append(dated)
    out: list[tuple[Dated, Dated]] = []
    for office in sorted(groups):
        by_year = groups[office]
        for year in sorted(by_year):
            for later in by_year[year]:
                out.extend((earlier, later) for earlier in by_year.get(year - 1, ()))
    return out


def _consecutive(ctx: Context) -> Context | None:
    """Last year's context when the two reports are on consecutive years (or do not say); else ``None``."""
    previous = ctx.previous
    if previous is None or ctx.report is None or previous.report is None:
        return previous
    this = ctx.identity.year if ctx.identity is not None else None
    last = previous.identity.year if previous.identity is not None else None
    if this is not None and last is not None and this != last + 1:
        return None
    return previous


def _at(fact: Fact, source: str | None) -> str:
    line = f"line {fact.span.line}" if fact.span is not NO_SPAN else "unlocated"
    return f"{source} {line}" if source else line


def _finding(
    rule: Rule,
    ctx: Context,
    previous: Context,
    message: str,
    *,
    expected: Decimal,
    actual: Decimal,
    facts: Iterable[Fact],
    other_facts: Iterable[Fact],
    severity: Severity | None = None,
) -> Finding:
    return rule.finding(
        message,
        expected=expected,
        actual=actual,
        facts=facts,
        other_facts=other_facts,
        source=ctx.source,
        other_source=previous.source,
        severity=severity,
    )


def _last_year(previous: Context) -> str:
    return "last year's report"


@register(
    "across.carry-over",
    "Across years: 上年结转 of this year equals last year's 结转下年度继续办理, column by column",
    templates=NATIONAL,
)
def _carry_over(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """The applications carried over into year N (table 三, 二、上年结转政府信息公开申请数量) are those
    year N−1 carried forward (四、结转下年度继续办理), in every applicant column and the total.
    Compared between two national reports (2019 and 2021 have the same table 三 columns) of one
    office on consecutive years; a blank or missing cell on either side is not assessable."""
    previous = _consecutive(ctx)
    if previous is None or previous.template not in NATIONAL:
        return
    for column in TABLE3_COLUMNS:
        now = ctx.get(_CARRY_OVER[0], column)
        then = previous.get(_CARRY_OVER[1], column)
        if now is None or then is None or now.value is None or then.value is None or now.value == then.value:
            continue
        yield _finding(
            rule,
            ctx,
            previous,
            f"「{row_label(now)}」 [{TABLE3_COLUMN_LABELS.get(column, column)}] is {number_text(now.value)},"
            f" but {_last_year(previous)} carried {number_text(then.value)} forward"
            f" (「{row_label(then)}」, {_at(then, previous.source)}) (difference {number_text(now.value - then.value)})",
            expected=then.value,
            actual=now.value,
            facts=[now],
            other_facts=[then],
        )


@register(
    "across.stock",
    "Across years: 现行有效 of this year = last year's 现行有效 + 本年制发 − 本年废止",
    severity=Severity.WARNING,
    templates=(NATIONAL_2021,),
)
def _stock(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """For 规章 and 行政规范性文件 of table 二, the documents in force at the end of year N
    (现行有效件数) are those in force at the end of N−1, plus those issued in N (本年制发件数), less
    those repealed in N (本年废止件数).  A warning: documents may also lapse without being repealed
    (失效), or last year's count may have been corrected.  Both reports must be national-2021 (the
    2019 table has other columns: not assessable)."""
    previous = _consecutive(ctx)
    if previous is None or previous.template != NATIONAL_2021:
        return
    for indicator in _STOCK_ROWS:
        now = ctx.get(indicator, "in_force")
        issued = ctx.get(indicator, "issued")
        repealed = ctx.get(indicator, "repealed")
        then = previous.get(indicator, "in_force")
        cells = (now, issued, repealed, then)
        if any(c is None or c.value is None for c in cells):
            continue
        assert now is not None
        assert issued is not None
        assert repealed is not None
        assert then is not None
        assert now.value is not None
        assert issued.value is not None
        assert repealed.value is not None
        assert then.value is not None
        expected = then.value + issued.value - repealed.value
        if now.value == expected:
            continue
        yield _finding(
            rule,
            ctx,
            previous,
            f"「{row_label(now)}」 现行有效件数 is {number_text(now.value)}, but {_last_year(previous)}'s"
            f" {number_text(then.value)} ({_at(then, previous.source)}) + 本年制发 {number_text(issued.value)}"
            f" − 本年废止 {number_text(repealed.value)} = {number_text(expected)}"
            f" (difference {number_text(now.value - expected)})",
            expected=expected,
            actual=now.value,
            facts=[now, issued, repealed],
            other_facts=[then],
        )


_CUMULATIVE = re.compile(r"累计")
_YEAR = re.compile(r"本年|当年|年度|\d{4}\s*年|发生")
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十0-9０-９]+[)）、.．]\s*")
_HEADCOUNT = re.compile(r"人员|人数|机构数")
_NOT_LABEL = re.compile(r"[\s:：,，、()（）]")


def _row_key(fact: Fact) -> tuple[str, ...]:
    return tuple(_NOT_LABEL.sub("", _NUMBERING.sub("", label.strip())) for label in fact.label_path)


def _legacy_rows(ctx: Context) -> dict[tuple[str, ...], tuple[Fact | None, Fact | None]]:
    """The rows of the legacy tables with one cumulative and one year cell: (cumulative, year) by label.

    A label that two rows share is left out (which row is meant is not known).
    """
    cells: dict[tuple[str, ...], list[list[Fact]]] = {}
    seen: dict[tuple[str, ...], set[str]] = {}
    ambiguous: set[tuple[str, ...]] = set()
    for fact in ctx.facts:
        if fact.table != "legacy" or not fact.label_path:
            continue
        key = _row_key(fact)
        kinds = cells.setdefault(key, [[], []])
        columns = seen.setdefault(key, set())
        if fact.column in columns:
            ambiguous.add(key)
        columns.add(fact.column)
        if _CUMULATIVE.search(fact.column):
            kinds[0].append(fact)
        elif _YEAR.search(fact.column):
            kinds[1].append(fact)
    out: dict[tuple[str, ...], tuple[Fact | None, Fact | None]] = {}
    for key, (cumulative, year) in cells.items():
        if key in ambiguous or len(cumulative) > 1 or len(year) > 1:
            continue
        out[key] = (cumulative[0] if cumulative else None, year[0] if year else None)
    return out


def _legacy_index(ctx: Context) -> dict[tuple[str, ...], tuple[Fact | None, Fact | None]]:
    return ctx.derived(_legacy_rows)


@register(
    "across.cumulative",
    "Across years: a legacy table's 累计 = last year's 累计 + this year's count",
    severity=Severity.WARNING,
    templates=(LEGACY,),
)
def _cumulative(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """In legacy tables with a cumulative column (历年累计, 累计数) and a year column (本年发生数), a
    row's cumulative value of year N is the cumulative value of N−1 plus the year's value of N.
    Rows are matched by their labels (numbering, spaces and punctuation aside); a label two rows
    share is not assessable, nor are headcounts (从事信息公开工作人员数: a stock, not a running sum).  Both reports must be legacy; a warning, since a table may count
    its 累计 from another start than last year's."""
    previous = _consecutive(ctx)
    if previous is None or previous.template != LEGACY:
        return
    before = _legacy_index(previous)
    for key, (cumulative, year) in _legacy_index(ctx).items():
        if key and _HEADCOUNT.search(key[-1]):
            continue  # a headcount is a stock: its 累计 is not a running sum
        if cumulative is None or year is None or cumulative.value is None or year.value is None:
            continue
        then = before.get(key, (None, None))[0]
        if then is None or then.value is None:
            continue
        expected = then.value + year.value
        if cumulative.value == expected:
            continue
        yield _finding(
            rule,
            ctx,
            previous,
            f"row 「{cumulative.label_path[-1]}」: {cumulative.column} {number_text(cumulative.value)}, but"
            f" {_last_year(previous)}'s {then.column} {number_text(then.value)} ({_at(then, previous.source)})"
            f" + {year.column} {number_text(year.value)} = {number_text(expected)}"
            f" (difference {number_text(cumulative.value - expected)})",
            expected=expected,
            actual=cumulative.value,
            facts=[cumulative, year],
            other_facts=[then],
        )
