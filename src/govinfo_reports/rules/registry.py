"""The rule registry: :class:`Rule`, :class:`Registry` and :data:`RULES`, the context a rule reads, and the arithmetic rules share (tolerance, equations)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from types import EllipsisType
from typing import Any, TypeVar, cast

import attrs

from govinfo_reports import prose
from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.identity import Identity, identify
from govinfo_reports.syntax.nodes import Report, Span, Table
from govinfo_reports.tables.templates import (
    LEGACY,
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE3_COLUMNS,
    TABLE3_LABELS,
    TABLE4_LABELS,
)

T = TypeVar("T")

__all__ = [
    "ANY_TEMPLATE",
    "NATIONAL",
    "NO_VALUES",
    "RULES",
    "ZERO",
    "Check",
    "Context",
    "Registry",
    "Rule",
    "balanced",
    "equation",
    "get_rules",
    "known",
    "number_text",
    "register",
    "row_label",
    "terms",
    "tolerance",
]

#: The templates of the 2019 and 2021 national formats.
NATIONAL: frozenset[str | None] = frozenset({NATIONAL_2019, NATIONAL_2021})
#: Every template, and reports without a statistics table (``None``): for rules on prose.
ANY_TEMPLATE: frozenset[str | None] = frozenset({NATIONAL_2019, NATIONAL_2021, LEGACY, None})


@attrs.frozen
class Context:
    """What a rule looks at: the facts, the template, and the report when there is one.

    Table rules only need :attr:`facts`, so they can be tried on facts built by
    hand:

    >>> from decimal import Decimal
    >>> from govinfo_reports.facts import Fact
    >>> ctx = Context((Fact("review.total", (), "count", Decimal(1), None, "1", "四"),), "national-2021")
    >>> ctx.get("review.total", "count").value
    Decimal('1')
    """

    #: The facts of the report's tables, in document order.
    facts: tuple[Fact, ...] = ()
    #: The report's template (``national-2021`` ...), ``None`` when it has no statistics table.
    template: str | None = None
    #: The parsed report, for rules that read its outline or prose.
    report: Report | None = None
    #: The file (or name) the report was read from, when the caller gives it; rules across reports name it.
    source: str | None = attrs.field(default=None, kw_only=True)
    #: Last year's report of the same office, for the rules across reports (``across.*``); ``None`` for one report.
    previous: Context | None = attrs.field(default=None, kw_only=True)
    _memo: dict[Callable[[Context], Any], Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    @classmethod
    def of(cls, report: Report, *, source: str | None = None, previous: Context | None = None) -> Context:
        """The context of a parsed report: its facts and template (its file name and last year's report, if given)."""
        return cls(report.facts, report.template, report, source=source, previous=previous)

    @cached_property
    def value_index(self) -> tuple[dict[str, dict[str, Fact]], dict[str, dict[str, Decimal | None]]]:
        """The first fact of each canonical indicator and column (``rows[indicator][column]``), and
        its value (``None`` for a blank cell; a missing cell is not there)."""
        rows: dict[str, dict[str, Fact]] = {}
        values: dict[str, dict[str, Decimal | None]] = {}
        for fact in self.facts:
            indicator = fact.indicator
            if indicator is not None:
                row = rows.get(indicator)
                if row is None:
                    rows[indicator] = {fact.column: fact}
                    values[indicator] = {fact.column: fact.value}
                elif fact.column not in row:
                    row[fact.column] = fact
                    values[indicator][fact.column] = fact.value
        return rows, values

    @cached_property
    def identity(self) -> Identity | None:
        """What the report says about itself (:func:`~govinfo_reports.identify`), ``None`` without a report."""
        return identify(self.report, source_name=self.source) if self.report is not None else None

    @cached_property
    def table3_shape(self) -> tuple[list[str], list[str]]:
        """The columns of table 三 present (in template order) and its rows (indicators, in order)."""
        facts = [f for f in self.facts if f.table == "三"]
        present = {f.column for f in facts}
        rows = list(dict.fromkeys([f.indicator for f in facts if f.indicator is not None]))
        return [c for c in TABLE3_COLUMNS if c in present], rows

    @cached_property
    def statements(self) -> tuple[prose.Statement, ...]:
        """The totals and parts stated in the report's prose (read once, shared by the prose rules)."""
        return tuple(s.public() for s in self.statement_records)

    @cached_property
    def statement_records(self) -> list[prose.StatementRecord]:
        """:attr:`statements` as the reader's records: the prose rules make public values only for findings."""
        return prose.StatementReader().read(self.texts_and_tables[0])

    @cached_property
    def texts_and_tables(self) -> tuple[list[tuple[str, prose.Anchor, int]], list[Table]]:
        """One walk of the report for the prose rules and the legacy ones: its texts with a digit, its tables."""
        tables: list[Table] = []
        texts = prose.numeric_texts(self.report, tables) if self.report is not None else []
        return texts, tables

    def derived(self, compute: Callable[[Context], T]) -> T:
        """``compute(self)``, worked out once per context: what a family of rules derives from the facts and shares.

        >>> ctx = Context()
        >>> ctx.derived(lambda c: [len(c.facts)]) is ctx.derived(lambda c: [len(c.facts)])
        False
        >>> count = lambda c: [len(c.facts)]
        >>> ctx.derived(count) is ctx.derived(count)
        True
        """
        memo = self._memo
        if compute not in memo:
            memo[compute] = compute(self)
        return cast(T, memo[compute])

    def get(self, indicator: str, column: str) -> Fact | None:
        """The first fact with this canonical indicator and column, if any."""
        row = self.value_index[0].get(indicator)
        return row.get(column) if row is not None else None

    def table_facts(self, table: str) -> tuple[Fact, ...]:
        """The facts of one template table (``"三"``, ``"四"``, ``"legacy"`` ...)."""
        return tuple(f for f in self.facts if f.table == table)


#: A rule's check: reads the context, returns the findings (the rule is passed to build them).
Check = Callable[[Context, "Rule"], Iterable[Finding]]


@attrs.frozen
class Rule:
    """A consistency rule: identity and documentation as data, plus a pure check.

    >>> rule = Rule("demo", "Demo", "Finds nothing.", frozenset({None}), Severity.INFO, lambda ctx, rule: ())
    >>> rule.applies_to("national-2021"), rule.applies_to(None)
    (False, True)
    """

    #: Stable id (``table3.balance``); findings carry it.
    id: str
    #: One line saying what the rule checks.
    title: str
    #: What the rule checks and why, in a few sentences.
    description: str
    #: The templates the rule applies to; ``None`` in the set means reports without a table.
    templates: frozenset[str | None]
    #: The severity of the rule's findings (a check may lower it for a given finding).
    severity: Severity
    #: The check itself.
    check: Check = attrs.field(eq=False, repr=False)

    def applies_to(self, template: str | None) -> bool:
        """Whether the rule runs on reports of this template."""
        return template in self.templates

    def run(self, context: Context) -> list[Finding]:
        """Run the check on a context (whatever its template)."""
        return list(self.check(context, self))

    def finding(
        self,
        message: str,
        *,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        facts: Iterable[Fact] = (),
        extra_spans: Iterable[Span] = (),
        severity: Severity | None = None,
        source: str | None = None,
        other_source: str | None = None,
        other_facts: Iterable[Fact] = (),
    ) -> Finding:
        """A finding of this rule (its severity unless told otherwise), facts in document order.

        A rule across reports gives the two files (``source``, ``other_source``) and the other
        report's cells (``other_facts``).
        """
        ordered = tuple(sorted(facts, key=lambda f: f.span.start))
        return Finding(
            self.id,
            severity or self.severity,
            message,
            expected,
            actual,
            facts=ordered,
            extra_spans=tuple(extra_spans),
            source=source,
            other_source=other_source,
            other_facts=tuple(sorted(other_facts, key=lambda f: f.span.start)),
        )


class Registry:
    """An ordered collection of rules, by id; some may be disabled.

    >>> reg = Registry()
    >>> @reg.register("demo.nothing", "Finds nothing", severity=Severity.INFO)
    ... def nothing(ctx: Context, rule: Rule) -> list[Finding]:
    ...     '''A rule that never finds anything.'''
    ...     return []
    >>> [r.id for r in reg], reg["demo.nothing"].description
    (['demo.nothing'], 'A rule that never finds anything.')
    >>> reg.disable("demo.nothing"); len(reg.select())
    0
    """

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        self._disabled: set[str] = set()
        # what select() answered, by its arguments; emptied whenever the rules or the disabled set change
        self._selected: dict[tuple[object, ...], list[Rule]] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule, *, replace: bool = False) -> Rule:
        """Add a rule; an id already present is an error unless ``replace``."""
        if rule.id in self._rules and not replace:
            raise ValueError(f"a rule with id {rule.id!r} is already registered")
        self._rules[rule.id] = rule
        self._selected.clear()
        return rule

    def register(
        self,
        id: str,
        title: str,
        *,
        severity: Severity = Severity.ERROR,
        templates: Iterable[str | None] = ANY_TEMPLATE,
        description: str | None = None,
    ) -> Callable[[Check], Check]:
        """Decorator: declare the decorated function as the check of a new rule.

        The description defaults to the function's docstring.
        """

        def decorate(check: Check) -> Check:
            text = description if description is not None else inspect.getdoc(check) or title
            self.add(Rule(id, title, text, frozenset(templates), severity, check))
            return check

        return decorate

    def disable(self, *ids: str) -> None:
        """Stop running these rules (unknown ids are an error)."""
        for rule_id in ids:
            self[rule_id]
            self._disabled.add(rule_id)
        self._selected.clear()

    def enable(self, *ids: str) -> None:
        """Run these rules again."""
        self._disabled.difference_update(ids)
        self._selected.clear()

    def is_enabled(self, rule_id: str) -> bool:
        """Whether a registered rule runs."""
        return rule_id in self._rules and rule_id not in self._disabled

    def select(
        self,
        *,
        template: str | EllipsisType | None = ...,
        severity: Severity | str | None = None,
        ids: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        include_disabled: bool = False,
    ) -> list[Rule]:
        """The rules matching every criterion given, sorted by id.

        Args:
            template: only rules applying to this template (``None``: reports without a table;
                ``...``, the default: any template).
            severity: only rules of this severity.
            ids: only these ids, or ids starting with one of them followed by a dot
                (``"table3"`` selects every ``table3.*`` rule).
            exclude: leave out these ids (same prefix matching).
            include_disabled: list disabled rules too.
        """
        wanted = Severity(severity) if severity is not None else None
        chosen = list(ids) if ids is not None else None
        excluded = list(exclude)
        key = (template, wanted, tuple(chosen) if chosen is not None else None, tuple(excluded), include_disabled)
        known = self._selected.get(key)
        if known is not None:
            return list(known)
        out = []
        for rule in sorted(self._rules.values(), key=lambda r: r.id):
            if not include_disabled and rule.id in self._disabled:
                continue
            if not isinstance(template, EllipsisType) and not rule.applies_to(template):
                continue
            if wanted is not None and rule.severity is not wanted:
                continue
            if chosen is not None and not _matches(rule.id, chosen):
                continue
            if _matches(rule.id, excluded):
                continue
            out.append(rule)
        self._selected[key] = out
        return list(out)

    def copy(self) -> Registry:
        """An independent registry with the same rules and the same disabled set."""
        other = Registry(self._rules.values())
        other._disabled = set(self._disabled)
        return other

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise KeyError(f"no rule with id {rule_id!r}") from None

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        return f"Registry({len(self._rules)} rules, {len(self._disabled)} disabled)"


def _matches(rule_id: str, patterns: Sequence[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)


#: The default registry: every rule of the library.
RULES = Registry()
#: Decorator registering a check in :data:`RULES` (see :meth:`Registry.register`).
register = RULES.register


def get_rules(*, template: str | EllipsisType | None = ..., severity: Severity | str | None = None) -> list[Rule]:
    """The enabled rules of :data:`RULES` for a template and/or severity.

    >>> [r.id for r in get_rules(template="national-2021", severity="warning")]
    ['across.stock', 'deadline', 'fee', 'period', 'sections.national']
    """
    return RULES.select(template=template, severity=severity)


# ---------------------------------------------------------------------------
# arithmetic


def tolerance(values: Iterable[Decimal]) -> Decimal:
    """How far a sum may be off given the precision its operands are written to.

    Counts (integers only) compare exactly; once a value has decimals, every
    operand may be off by half a unit in its last place.

    >>> tolerance([Decimal("3"), Decimal("4")])
    Decimal('0')
    >>> tolerance([Decimal("1.25"), Decimal("0.5"), Decimal("1.7")])
    Decimal('0.105')
    """
    exponents = [int(v.as_tuple().exponent) for v in values]
    if all(e >= 0 for e in exponents):
        return Decimal(0)
    return sum((Decimal(5).scaleb(e - 1) for e in exponents), Decimal(0))


def number_text(value: Decimal) -> str:
    """A value as a finding's message writes it: positional notation, as many decimals as stated."""
    return format(value, "f")


def terms(facts: Sequence[Fact], label: Callable[[Fact], str]) -> str:
    """``A 5 + B 3 + 20 more cells of 0``: nonzero operands by label, zeros counted."""
    shown = [f"{label(f)} {number_text(f.value)}" for f in facts if f.value is not None and f.value != 0]
    zeros = sum(1 for f in facts if f.value is not None and f.value == 0)
    if zeros and shown:
        shown.append(f"{zeros} more cell{'s' if zeros > 1 else ''} of 0")
    elif zeros:
        zero_labels = [label(f) for f in facts]
        shown = [f"{lbl} 0" for lbl in zero_labels] if len(zero_labels) <= 3 else [f"{zeros} cells of 0"]
    return " + ".join(shown) if shown else "0"


def equation(
    rule: Rule,
    stated: Sequence[Fact | None],
    parts: Sequence[Fact | None],
    where: str,
    label: Callable[[Fact], str],
    *,
    severity: Severity | None = None,
) -> Finding | None:
    """Check ``sum(stated) == sum(parts)``; a finding when not, ``None`` when it holds or is not assessable.

    ``actual`` is the sum of ``stated`` (the total the report gives),
    ``expected`` the sum of ``parts``.  A missing fact or a blank cell makes the
    relation not assessable.
    """
    left = known(stated)
    right = known(parts)
    if left is None or right is None or not left or not right:
        return None
    actual = sum((f.value for f in left if f.value is not None), Decimal(0))
    expected = sum((f.value for f in right if f.value is not None), Decimal(0))
    values = [f.value for f in (*left, *right) if f.value is not None]
    if abs(actual - expected) <= tolerance(values):
        return None
    lhs = terms(left, label)
    rhs = terms(right, label)
    lhs_text = lhs if len(left) == 1 else f"{lhs} = {number_text(actual)}"
    message = f"{where}: {lhs_text}, but {rhs} = {number_text(expected)} (difference {number_text(actual - expected)})"
    return rule.finding(message, expected=expected, actual=actual, facts=(*left, *right), severity=severity)


#: Where every sum of the rules starts.
ZERO = Decimal(0)
#: The value index's answer for an indicator the report does not have.
NO_VALUES: dict[str, Decimal | None] = {}


def balanced(stated: list[Decimal | None], parts: list[Decimal | None]) -> bool:
    """Whether ``sum(stated) == sum(parts)`` exactly, every operand present: :func:`equation` then finds nothing.

    ``False`` means "not sure": a blank or missing operand (``None``), a difference, or an
    operand that is not a finite number; the caller then asks :func:`equation`.  Sums are
    taken as :func:`equation` takes them (from 0, in order), so that they round alike.
    """
    # Decimal + None raises TypeError: the check for a missing operand comes with the sum
    left: Any = stated
    right: Any = parts
    try:
        actual = sum(left, ZERO)
        return bool(actual == sum(right, ZERO) and actual.is_finite())
    except (TypeError, ArithmeticError):
        return False


def known(facts: Sequence[Fact | None]) -> list[Fact] | None:
    """The facts when every one is present and has a value; ``None`` (not assessable) otherwise."""
    out = []
    for fact in facts:
        if fact is None or fact.value is None:
            return None
        out.append(fact)
    return out


_SUB_ROW = re.compile(r"[0-9０-９]{1,2}\s*[.、．]")


def row_label(fact: Fact) -> str:
    """The row's label as written; a numbered sub-row of table 三 with its group (（三）不予公开 1.属于国家秘密)."""
    path = fact.label_path
    if len(path) >= 2 and fact.table == "三" and _SUB_ROW.match(path[-1]):
        return f"{path[-2]} {path[-1]}"
    if path:
        return path[-1]
    if fact.indicator is not None:
        return TABLE3_LABELS.get(fact.indicator) or TABLE4_LABELS.get(fact.indicator) or fact.indicator
    return "?"
