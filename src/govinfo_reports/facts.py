"""Facts: the numbers of a report's tables, each named, valued and located.

A :class:`Fact` is one value cell of a statistics table.  For the national
templates its :attr:`~Fact.indicator` is a canonical id of templates.md
(``requests.received``) and its :attr:`~Fact.column` a canonical column id
(``natural_person``); for legacy tables the indicator is ``None``, and the
label path and the header text identify the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo_reports.nodes import NO_SPAN, Diagnostic, Report, Span

if TYPE_CHECKING:
    from govinfo_reports._readers import TableReading

__all__ = ["Extraction", "Fact", "extract"]


@attrs.frozen
class Fact:
    """One value cell of a statistics table.

    >>> from decimal import Decimal
    >>> f = Fact("requests.received", ("一、本年新收政府信息公开申请数量",), "total", Decimal(218), None, "218")
    >>> f.value
    Decimal('218')
    """

    #: Canonical indicator id (templates.md), or ``None`` for a legacy table.
    indicator: str | None
    #: The group labels and the row label, as written.
    label_path: tuple[str, ...]
    #: Canonical column id for national tables; the header text for legacy ones (``累计数``).
    column: str
    #: The value; ``None`` for a blank cell (blank is not 0) or text that is not a number.
    value: Decimal | None
    #: The unit (``条``, ``件``, ``万元`` ...), from a unit column, the header or the cell.
    unit: str | None
    #: The cell's text as written.
    text: str
    #: Which table the fact comes from: ``"二"``, ``"三"``, ``"四"``, ``"legacy"``, or ``"prose"`` for a number the validator read in a sentence.
    table: str = "legacy"
    #: Where the cell is in the source.
    span: Span = attrs.field(default=NO_SPAN, eq=False, kw_only=True)


@attrs.frozen
class Extraction:
    """What :func:`extract` finds in a report."""

    #: ``"national-2021"``, ``"national-2019"``, ``"legacy"`` or ``None``.
    template: str | None
    #: The facts, in document order.
    facts: tuple[Fact, ...]
    #: Every table of the report with what it was recognised as, in document order.
    tables: tuple[TableReading, ...] = ()
    #: Doubts found while reading: ``fused-digits`` (a run of digits where several
    #: cells were expected, left unread rather than split by guesswork),
    #: ``table-unreadable`` (a table the readers could not make sense of),
    #: ``number-too-long`` (a cell's number of more than :data:`~govinfo_reports.values.MAX_DIGITS`
    #: digits, kept as text and not read as a value).
    diagnostics: tuple[Diagnostic, ...] = ()


# --- building facts in bulk ---------------------------------------------------------------
#
# A report has hundreds of facts, each with its span: two frozen attrs instances, whose
# generated __init__ sets every slot through object.__setattr__.  The readers build them
# through the slots' own descriptors instead, a third cheaper and the same objects (the
# test suite checks that a fact made so equals, hashes and reprs like one made by Fact()).

_SPAN_FIELDS = ("start", "end", "line", "column", "end_line", "end_column")
_FACT_FIELDS = ("indicator", "label_path", "column", "value", "unit", "text", "table", "span")
assert tuple(f.name for f in attrs.fields(Span)) == _SPAN_FIELDS
assert tuple(f.name for f in attrs.fields(Fact)) == _FACT_FIELDS


def _fact_builder() -> Callable[..., Fact]:
    new = object.__new__
    s_start, s_end, s_line, s_column, s_end_line, s_end_column = (Span.__dict__[n].__set__ for n in _SPAN_FIELDS)
    f_indicator, f_path, f_column, f_value, f_unit, f_text, f_table, f_span = (
        Fact.__dict__[n].__set__ for n in _FACT_FIELDS
    )

    def build(
        indicator: str | None,
        label_path: tuple[str, ...],
        column: str,
        value: Decimal | None,
        unit: str | None,
        text: str,
        table: str,
        start: int,
        end: int,
        line: int,
        col: int,
        end_line: int,
        end_column: int,
    ) -> Fact:
        span = new(Span)
        s_start(span, start)
        s_end(span, end)
        s_line(span, line)
        s_column(span, col)
        s_end_line(span, end_line)
        s_end_column(span, end_column)
        fact = new(Fact)
        f_indicator(fact, indicator)
        f_path(fact, label_path)
        f_column(fact, column)
        f_value(fact, value)
        f_unit(fact, unit)
        f_text(fact, text)
        f_table(fact, table)
        f_span(fact, span)
        return fact

    return build


#: ``_new_fact(indicator, label_path, column, value, unit, text, table, start, end, line, column, end_line,
#: end_column)``: the same as ``Fact(..., span=Span(...))``, faster.
_new_fact = _fact_builder()


def extract(report: Report) -> Extraction:
    """Recognise the report's template and read the facts of its tables.

    Lenient: bad input never raises; a table that cannot be read gives a
    ``table-unreadable`` diagnostic and no facts.

    >>> from govinfo_reports import parse
    >>> text = "指标 |\\n累计数 |\\n人员数 |\\n3 |\\n"
    >>> ex = extract(parse(text))
    >>> ex.template, [(f.label_path, f.column, f.value) for f in ex.facts]
    ('legacy', [(('人员数',), '累计数', Decimal('3'))])
    """
    from govinfo_reports._extract import extract_report
    from govinfo_reports._gc import paused_gc

    with paused_gc():
        return extract_report(report)
