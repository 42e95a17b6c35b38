"""Facts: the numbers of a report's tables, each named, valued and located.

A :class:`Fact` is one value cell of a statistics table.  For the national
templates its :attr:`~Fact.indicator` is a canonical id of templates.md
(``requests.received``) and its :attr:`~Fact.column` a canonical column id
(``natural_person``); for legacy tables the indicator is ``None``, and the
label path and the header text identify the cell.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo_reports.syntax.nodes import NO_SPAN, Diagnostic, Span

if TYPE_CHECKING:
    from govinfo_reports.tables.readers import TableReading

__all__ = ["Extraction", "Fact"]


@attrs.frozen(repr=False)
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
    #: ``True`` when the value was inferred, not read: the cell's digits were run together
    #: with its neighbours' and the table's arithmetic decided the cut, maybe with a statement
    #: of the report's prose (:mod:`govinfo_reports.tables.joined`); its :attr:`span` covers the
    #: cell's digits in the run.
    #: Left out of the repr when ``False``.
    inferred: bool = attrs.field(default=False, kw_only=True, repr=False)

    def __repr__(self) -> str:
        # attrs' repr, with ``inferred`` only when set (the repr of facts read as written is unchanged).
        shown = ", inferred=True" if self.inferred else ""
        return (
            f"Fact(indicator={self.indicator!r}, label_path={self.label_path!r}, column={self.column!r},"
            f" value={self.value!r}, unit={self.unit!r}, text={self.text!r}, table={self.table!r},"
            f" span={self.span!r}{shown})"
        )


@attrs.frozen
class Extraction:
    """What :func:`govinfo_reports.tables.extract.extract` finds in a report."""

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
