"""Findings: what the validator reports, as values.

A :class:`Finding` says which rule found what, how serious it is, the
arithmetic (``expected``, ``actual``, ``difference``), and the facts involved
with their spans, so that a reader can go straight to the cells or the words
of the report that disagree.  :func:`govinfo_reports.dumps_findings` writes
findings as JSON and :func:`govinfo_reports.loads_findings` reads them back.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.syntax.nodes import NO_SPAN, Span, html_view

__all__ = ["Finding", "Severity"]


class Severity(str, enum.Enum):
    """How serious a finding is.

    ``error``: the report contradicts itself (a stated total is not the sum of
    its parts).  ``warning``: probably wrong, but the report's structure does
    not prove it (a numbered breakdown that may be incomplete).  ``info``:
    worth knowing, not a fault.

    >>> Severity("error") is Severity.ERROR
    True
    >>> sorted([Severity.INFO, Severity.ERROR, Severity.WARNING], key=lambda s: s.rank)
    [<Severity.ERROR: 'error'>, <Severity.WARNING: 'warning'>, <Severity.INFO: 'info'>]
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sort the worst first."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen
class Finding:
    """One thing a rule found in a report.

    ``facts`` are the numbers involved: table cells, and for rules on prose,
    the numbers of the sentence (facts whose ``table`` is ``"prose"``, whose
    ``label_path`` holds the words before the number).  Their spans, and any
    further ``spans`` a rule adds (a section heading), say where to look.
    A rule across reports (``across.carry-over``) names both files: the
    finding is on :attr:`source` (this year's report, its cells in ``facts``)
    and compares it with :attr:`other_source` (last year's, its cells in
    :attr:`other_facts`); :attr:`spans` are this year's places only.

    >>> from decimal import Decimal
    >>> f = Finding("prose.parts-sum", Severity.ERROR, "5 + 123 = 128, not 283", Decimal(283), Decimal(128))
    >>> f.difference
    Decimal('-155')
    >>> str(f)
    'error prose.parts-sum: 5 + 123 = 128, not 283'
    """

    #: The id of the rule that found it (``table3.balance``).
    rule: str
    #: How serious it is.
    severity: Severity
    #: What is wrong, naming the cells by their Chinese labels and showing the arithmetic.
    message: str
    #: The value the relation requires (the sum of the parts), when there is one.
    expected: Decimal | None = None
    #: The value the report states (the total), when there is one.
    actual: Decimal | None = None
    #: ``actual - expected``; computed when both are given.
    difference: Decimal | None = attrs.field()
    #: The facts involved, in document order.
    facts: tuple[Fact, ...] = ()
    #: Further places involved besides the facts' spans (a heading, a sentence).
    extra_spans: tuple[Span, ...] = ()
    #: The file (or name) of the report the finding is on, when a rule compares reports; else ``None``.
    source: str | None = attrs.field(default=None, kw_only=True, repr=False)
    #: The other report a rule across reports compared it with (last year's), when there is one.
    other_source: str | None = attrs.field(default=None, kw_only=True, repr=False)
    #: The cells of :attr:`other_source` involved (their spans are in that file, not in this one).
    other_facts: tuple[Fact, ...] = attrs.field(default=(), kw_only=True, repr=False)

    @difference.default
    def _difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every place involved: the facts' spans, then the extra spans (unlocated ones left out)."""
        found = [f.span for f in self.facts] + list(self.extra_spans)
        return tuple(s for s in found if s is not NO_SPAN)

    @property
    def span(self) -> Span:
        """The smallest span covering every place involved."""
        spans = self.spans
        if not spans:
            return NO_SPAN
        out = spans[0]
        for s in spans[1:]:
            out = out.cover(s)
        return out

    @property
    def lines(self) -> tuple[int, ...]:
        """The source lines involved, sorted (1-based)."""
        return tuple(sorted({n for s in self.spans for n in range(s.line, s.end_line + 1)}))

    @property
    def location(self) -> Span:
        """Where the finding is reported: the first extra span (the sentence or heading a rule
        points at), else the first fact's span; unlocated findings give ``NO_SPAN``."""
        for span in self.extra_spans:
            if span is not NO_SPAN:
                return span
        for fact in self.facts:
            if fact.span is not NO_SPAN:
                return fact.span
        return NO_SPAN

    @property
    def position(self) -> int:
        """The offset of :attr:`location` in the source (0 when unlocated)."""
        return self.location.start

    def sort_key(self) -> tuple[int, int, str, str]:
        """Order by position, then severity (worst first), rule id and message."""
        return (self.position, self.severity.rank, self.rule, self.message)

    def __repr__(self) -> str:
        """``<Finding line 8:18, error prose.parts-sum, '…', 3 facts>``: the message cut short, no facts spelled out.

        >>> Finding("prose.parts-sum", Severity.ERROR, "5 + 123 = 128, not 283", Decimal(283), Decimal(128))
        <Finding error prose.parts-sum, '5 + 123 = 128, not 283', expected 283, actual 128, 0 facts>
        """
        location = self.location
        where = f"line {location.line}:{location.column}, " if location is not NO_SPAN else ""
        message = self.message if len(self.message) <= 60 else f"{self.message[:60]}… ({len(self.message)} chars)"
        arithmetic = ""
        if self.expected is not None:
            arithmetic += f", expected {self.expected}"
        if self.actual is not None:
            arithmetic += f", actual {self.actual}"
        facts = f"{len(self.facts)} fact" + ("" if len(self.facts) == 1 else "s")
        return f"<Finding {where}{self.severity.value} {self.rule}, {message!r}{arithmetic}, {facts}>"

    def _repr_html_(self) -> str | None:
        """The finding as HTML for a notebook: its message and the cells involved, highlighted."""
        return html_view(self)

    def __str__(self) -> str:
        location = self.location
        where = f"{location.line}: " if location is not NO_SPAN else ""
        if self.source is not None:
            where = f"{self.source}:{where}" if where else f"{self.source}: "
        return f"{where}{self.severity.value} {self.rule}: {self.message}"
