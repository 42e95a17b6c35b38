"""Consistency rules as declared data, and the registry that holds them.

A :class:`Rule` is an id, a title, a description, the templates it applies
to, a severity, and a pure check: ``check(context, rule) -> findings``.  The
rules live in a :class:`Registry`; :data:`RULES` is the default one, which
:func:`govinfo_reports.validate` runs.  Users list it, filter it, extend it
with their own rules and disable the ones they do not want:

>>> from govinfo_reports.rules import RULES
>>> "table3.balance" in RULES
True
>>> [r.id for r in RULES.select(template="legacy")][:3]
['legacy.breakdown-sum', 'legacy.cumulative-below-year', 'legacy.part-exceeds-whole']

The catalogue (see :data:`RULES` for the list):

* table 三: ``table3.balance``, ``table3.result-total``, ``table3.row-total``,
  ``table3.subtotal``;
* table 四: ``table4.total``;
* every table: ``nonnegative``;
* legacy tables: ``legacy.breakdown-sum``, ``legacy.part-exceeds-whole``,
  ``legacy.cumulative-below-year``;
* national reports: ``sections.national``;
* prose: ``prose.parts-sum``, ``prose.share``.

A relation with a blank or missing operand is not assessable: the rule says
nothing (blank is not 0).  Counts compare exactly; numbers with decimals
within the precision they are written to (half a unit in the last place of
each operand, summed).
"""

from __future__ import annotations

import bisect
import functools
import inspect
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from types import EllipsisType
from typing import Any

import attrs

from govinfo_reports import prose
from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.nodes import NO_SPAN, Report, Section, Span, Table
from govinfo_reports.templates import (
    LEGACY,
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_LABELS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_RESULT_PARTS_2019,
    TABLE3_RESULT_PARTS_2021,
    TABLE4_GROUPS,
    TABLE4_LABELS,
)

__all__ = [
    "ANY_TEMPLATE",
    "NATIONAL",
    "NATIONAL_SECTIONS",
    "RULES",
    "Check",
    "Context",
    "Registry",
    "Rule",
    "equation",
    "get_rules",
    "register",
    "report_year",
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

    @classmethod
    def of(cls, report: Report) -> Context:
        """The context of a parsed report: its facts and template."""
        return cls(report.facts, report.template, report)

    @cached_property
    def _index(self) -> tuple[dict[str, dict[str, Fact]], dict[str, dict[str, Decimal | None]]]:
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
    def _t3(self) -> tuple[list[str], list[str]]:
        """The columns of table 三 present (in template order) and its rows (indicators, in order)."""
        facts = [f for f in self.facts if f.table == "三"]
        present = {f.column for f in facts}
        rows = list(dict.fromkeys([f.indicator for f in facts if f.indicator is not None]))
        return [c for c in TABLE3_COLUMNS if c in present], rows

    @cached_property
    def statements(self) -> tuple[prose.Statement, ...]:
        """The totals and parts stated in the report's prose (read once, shared by the prose rules)."""
        return tuple(s.public() for s in self._statements)

    @cached_property
    def _statements(self) -> list[prose._Statement]:
        """:attr:`statements` as the reader's records: the prose rules make public values only for findings."""
        return prose._Reader().read(self._walk[0])

    @cached_property
    def _walk(self) -> tuple[list[tuple[str, prose._Anchor, int]], list[Table]]:
        """One walk of the report for the prose rules and the legacy ones: its texts with a digit, its tables."""
        tables: list[Table] = []
        texts = prose._numeric_texts(self.report, tables) if self.report is not None else []
        return texts, tables

    @cached_property
    def _legacy(self) -> tuple[list[list[_Row]], list[_Breakdown]]:
        tables = _legacy_rows(self)
        return tables, [b for rows in tables for b in _breakdowns(rows)]

    def get(self, indicator: str, column: str) -> Fact | None:
        """The first fact with this canonical indicator and column, if any."""
        row = self._index[0].get(indicator)
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
    ) -> Finding:
        """A finding of this rule (its severity unless told otherwise), facts in document order."""
        ordered = tuple(sorted(facts, key=lambda f: f.span.start))
        return Finding(
            self.id,
            severity or self.severity,
            message,
            expected,
            actual,
            facts=ordered,
            extra_spans=tuple(extra_spans),
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
    ['sections.national']
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


def _num(value: Decimal) -> str:
    return format(value, "f")


def _terms(facts: Sequence[Fact], label: Callable[[Fact], str]) -> str:
    """``A 5 + B 3 + 20 more cells of 0``: nonzero operands by label, zeros counted."""
    shown = [f"{label(f)} {_num(f.value)}" for f in facts if f.value is not None and f.value != 0]
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
    left = _known(stated)
    right = _known(parts)
    if left is None or right is None or not left or not right:
        return None
    actual = sum((f.value for f in left if f.value is not None), Decimal(0))
    expected = sum((f.value for f in right if f.value is not None), Decimal(0))
    values = [f.value for f in (*left, *right) if f.value is not None]
    if abs(actual - expected) <= tolerance(values):
        return None
    lhs = _terms(left, label)
    rhs = _terms(right, label)
    lhs_text = lhs if len(left) == 1 else f"{lhs} = {_num(actual)}"
    message = f"{where}: {lhs_text}, but {rhs} = {_num(expected)} (difference {_num(actual - expected)})"
    return rule.finding(message, expected=expected, actual=actual, facts=(*left, *right), severity=severity)


_ZERO = Decimal(0)
_NO_VALUES: dict[str, Decimal | None] = {}


def _balanced(stated: list[Decimal | None], parts: list[Decimal | None]) -> bool:
    """Whether ``sum(stated) == sum(parts)`` exactly, every operand present: :func:`equation` then finds nothing.

    ``False`` means "not sure": a blank or missing operand (``None``), a difference, or an
    operand that is not a finite number; the caller then asks :func:`equation`.  Sums are
    taken as :func:`equation` takes them (from 0, in order), so that they round alike.
    """
    # Decimal + None raises TypeError: the check for a missing operand comes with the sum
    left: Any = stated
    right: Any = parts
    try:
        actual = sum(left, _ZERO)
        return bool(actual == sum(right, _ZERO) and actual.is_finite())
    except (TypeError, ArithmeticError):
        return False


def _known(facts: Sequence[Fact | None]) -> list[Fact] | None:
    out = []
    for fact in facts:
        if fact is None or fact.value is None:
            return None
        out.append(fact)
    return out


# ---------------------------------------------------------------------------
# labels


_SUB_ROW = re.compile(r"[0-9０-９]{1,2}\s*[.、．]")


def _row_label(fact: Fact) -> str:
    """The row's label as written; a numbered sub-row of table 三 with its group (（三）不予公开 1.属于国家秘密)."""
    path = fact.label_path
    if len(path) >= 2 and fact.table == "三" and _SUB_ROW.match(path[-1]):
        return f"{path[-2]} {path[-1]}"
    if path:
        return path[-1]
    if fact.indicator is not None:
        return TABLE3_LABELS.get(fact.indicator) or TABLE4_LABELS.get(fact.indicator) or fact.indicator
    return "?"


def _t3_cell(fact: Fact) -> str:
    return f"「{_row_label(fact)}」"


def _t3_column(column: str) -> str:
    return TABLE3_COLUMN_LABELS.get(column, column)


def _t4_cell(fact: Fact) -> str:
    if fact.indicator is not None and fact.indicator in TABLE4_LABELS:
        return f"「{TABLE4_LABELS[fact.indicator]}」"
    return f"「{_row_label(fact)}」"


# ---------------------------------------------------------------------------
# table 三


def _result_parts(ctx: Context) -> tuple[str, ...]:
    if ctx.template == NATIONAL_2021:
        return TABLE3_RESULT_PARTS_2021
    if ctx.template == NATIONAL_2019:
        return TABLE3_RESULT_PARTS_2019
    has_2021 = any(f.indicator is not None and f.indicator.startswith("requests.result.other.") for f in ctx.facts)
    return TABLE3_RESULT_PARTS_2021 if has_2021 else TABLE3_RESULT_PARTS_2019


@register(
    "table3.balance", "Table 三 balances: received + carried over = results + carried forward", templates=NATIONAL
)
def _table3_balance(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """For every column of table 三 (总计 too), 一、本年新收 + 二、上年结转 equals 三、(七)总计 +
    四、结转下年度继续办理: the template prints this relation (第一项加第二项之和,等于第三项加第四项之和)."""
    for column in ctx._t3[0]:
        finding = _column_relation(
            ctx,
            rule,
            ("requests.received", "requests.carried_over"),
            ("requests.result.total", "requests.carried_forward"),
            column,
            f"table 三, column {_t3_column(column)}",
            _t3_cell,
        )
        if finding is not None:
            yield finding


def _column_relation(
    ctx: Context,
    rule: Rule,
    stated: Sequence[str],
    parts: Sequence[str],
    column: str,
    where: str,
    label: Callable[[Fact], str],
) -> Finding | None:
    """``sum(stated) == sum(parts)`` among the indicators' cells of one column.

    Checked on the value index first; :func:`equation` (which builds the finding) runs only
    when the sums differ or an operand is blank or missing.
    """
    values = ctx._index[1]
    if _balanced(
        [values.get(i, _NO_VALUES).get(column) for i in stated], [values.get(i, _NO_VALUES).get(column) for i in parts]
    ):
        return None
    return equation(rule, [ctx.get(i, column) for i in stated], [ctx.get(i, column) for i in parts], where, label)


@register("table3.result-total", "Table 三: (七)总计 is the sum of the results", templates=NATIONAL)
def _table3_result_total(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """For every column of table 三, 三、本年度办理结果 (七)总计 equals the sum of (一)予以公开,
    (二)部分公开 and every row of (三)不予公开, (四)无法提供, (五)不予处理 and (六)其他处理."""
    parts = _result_parts(ctx)
    for column in ctx._t3[0]:
        finding = _column_relation(
            ctx, rule, ("requests.result.total",), parts, column, f"table 三, column {_t3_column(column)}", _t3_cell
        )
        if finding is not None:
            yield finding


@register("table3.row-total", "Table 三: each row's 总计 is the sum of the applicant columns", templates=NATIONAL)
def _table3_row_total(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """In every row of table 三, the 总计 cell equals 自然人 plus the five 法人或其他组织 columns
    (or 自然人 plus the 小计 column, when the organisation cells are blank)."""
    values = ctx._index[1]
    for row in ctx._t3[1]:
        cells = values[row]
        value = cells.get("total")
        if value is None or _balanced([value], [cells.get(c) for c in TABLE3_APPLICANT_COLUMNS]):
            continue
        total = ctx.get(row, "total")
        if total is None or total.value is None:
            continue
        columns = [ctx.get(row, c) for c in TABLE3_APPLICANT_COLUMNS]
        if _known(columns) is None:
            columns = [ctx.get(row, "natural_person"), ctx.get(row, "organization_subtotal")]
        finding = equation(rule, [total], columns, f"table 三, row {_row_label(total)}", _column_cell)
        if finding is not None:
            yield finding


def _column_cell(fact: Fact) -> str:
    return f"{_t3_column(fact.column)}"


@register("table3.subtotal", "Table 三: the 小计 column is the sum of the organisation columns", templates=NATIONAL)
def _table3_subtotal(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """When table 三 has a subtotal column for 法人或其他组织, in every row it equals the sum of
    商业企业, 科研机构, 社会公益组织, 法律服务机构 and 其他."""
    values = ctx._index[1]
    for row in ctx._t3[1]:
        cells = values[row]
        if "organization_subtotal" not in cells or _balanced(
            [cells["organization_subtotal"]], [cells.get(c) for c in TABLE3_ORGANIZATION_COLUMNS]
        ):
            continue
        subtotal = ctx.get(row, "organization_subtotal")
        if subtotal is None:
            continue
        finding = equation(
            rule,
            [subtotal],
            [ctx.get(row, c) for c in TABLE3_ORGANIZATION_COLUMNS],
            f"table 三, row {_row_label(subtotal)}",
            _column_cell,
        )
        if finding is not None:
            yield finding


# ---------------------------------------------------------------------------
# table 四


_TABLE4_OUTCOMES = ("upheld", "corrected", "other", "pending")
_TABLE4_RELATIONS = tuple(
    (label, f"{group}.total", tuple(f"{group}.{o}" for o in _TABLE4_OUTCOMES)) for group, label in TABLE4_GROUPS.items()
)


@register("table4.total", "Table 四: each 总计 is the sum of its four outcomes", templates=NATIONAL)
def _table4_total(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """In table 四, for 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 equals 结果维持 + 结果纠正
    + 其他结果 + 尚未审结."""
    for label, total, outcomes in _TABLE4_RELATIONS:
        finding = _column_relation(ctx, rule, (total,), outcomes, "count", f"table 四, {label}", _t4_cell)
        if finding is not None:
            yield finding


# ---------------------------------------------------------------------------
# every table


def _may_be_negative(fact: Fact) -> bool:
    return fact.column == "change" or ("增" in fact.column and "减" in fact.column)


@register("nonnegative", "Counts and amounts are not negative", templates=(NATIONAL_2019, NATIONAL_2021, LEGACY))
def _nonnegative(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Every value of a statistics table is zero or more, except a change from the previous
    year (本年增/减, column ``change``)."""
    zero = _ZERO
    for fact in ctx.facts:
        value = fact.value
        if value is not None and value < zero and fact.table != "prose" and not _may_be_negative(fact):
            where = f"table {fact.table}" if fact.table != "legacy" else "statistics table"
            yield rule.finding(
                f"{where}: 「{_row_label(fact)}」 [{_column_name(fact)}] is {_num(value)}, a negative count",
                expected=Decimal(0),
                actual=value,
                facts=[fact],
            )


def _column_name(fact: Fact) -> str:
    if fact.table == "三":
        return _t3_column(fact.column)
    return fact.column


# ---------------------------------------------------------------------------
# legacy tables


_PAREN_CN = re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]")
_CN = re.compile(r"([一二三四五六七八九十]{1,3})[、.．]")
_PAREN_AR = re.compile(r"[(（]([0-9０-９]{1,2})[)）]")
_ARABIC = re.compile(r"([0-9０-９]{1,2})(?:[.、．,，]\s*|(?=[^\d0-9０-９.、．年月日个次人件条项万元%％]))")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_QIZHONG = re.compile(r"^[\s\u3000]*其中\s*[:：,，、]?\s*")
_CN_DIGITS = "一二三四五六七八九"


def _cn_value(text: str) -> int:
    """The value of a Chinese numeral below 100 (``三``, ``十二``, ``二十一``); 0 when it is not one (``八一``).

    >>> [_cn_value(t) for t in ("三", "十", "十二", "二十", "二十一", "八一", "十十")]
    [3, 10, 12, 20, 21, 0, 0]
    """
    m = _CN_NUMERAL.fullmatch(text)
    if m is None or not text:
        return 0
    tens, ten, units = m.groups()
    value = (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 if ten else 0
    return value + (_CN_DIGITS.index(units) + 1 if units else 0)


_CN_NUMERAL = re.compile(r"(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?")


@functools.lru_cache(maxsize=4096)
def _numbering(label: str) -> tuple[bool, str | None, int]:
    """``(has 其中, numbering kind, ordinal)`` of a legacy row label.

    >>> _numbering("其中:1.专职人员数"), _numbering("(三)申请答复数"), _numbering("涉及商业秘密")
    ((True, 'arabic', 1), (False, 'paren_cn', 3), (False, None, 0))
    """
    text = label.strip(" \u3000\t")
    m = _QIZHONG.match(text)
    qizhong = m is not None
    if m is not None:
        text = text[m.end() :]
    if text and text[0] in _CIRCLED:
        return qizhong, "circled", _CIRCLED.index(text[0]) + 1
    for kind, pattern in (("paren_cn", _PAREN_CN), ("cn", _CN), ("paren_arabic", _PAREN_AR), ("arabic", _ARABIC)):
        found = pattern.match(text)
        if found is not None:
            raw = found.group(1)
            ordinal = _cn_value(raw) if kind in ("paren_cn", "cn") else int(raw.translate(_FULLWIDTH))
            return qizhong, kind, ordinal
    return qizhong, None, 0


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


class _Row:
    """A row of a legacy table: its label path and its cells by column."""

    __slots__ = ("cells", "label_path")

    def __init__(self, label_path: tuple[str, ...], cells: dict[str, Fact]) -> None:
        self.label_path = label_path
        self.cells = cells

    @property
    def label(self) -> str:
        return self.label_path[-1] if self.label_path else ""


class _Breakdown:
    """A parent row and the rows that break it down."""

    __slots__ = ("children", "kind", "parent")

    def __init__(self, parent: _Row, children: list[_Row], kind: str) -> None:
        self.parent = parent
        self.children = children
        self.kind = kind  # "numbered" or "qizhong"


def _legacy_rows(ctx: Context) -> list[list[_Row]]:
    """The legacy facts as rows, grouped by table (by source table when the report is known)."""
    facts = [f for f in ctx.facts if f.indicator is None and f.table == "legacy"]
    if not facts:
        return []
    tables = ctx._walk[1]  # ctx.report.tables
    starts = [t.span.start for t in tables]
    ends = [t.span.end for t in tables]
    ordered = all(a <= b for a, b in itertools.pairwise(starts))

    def table_of(position: int) -> tuple[int, int, int]:
        """The table holding an offset (-1: none), and the offsets around it that have the same answer."""
        i = bisect.bisect_right(starts, position) - 1
        found = i if i >= 0 and position < ends[i] else -1
        if not ordered:
            return found, position, position + 1
        low = starts[i] if i >= 0 else -1
        high = starts[i + 1] if i + 1 < len(starts) else sys.maxsize
        if found >= 0:
            high = min(high, ends[i])
        elif i >= 0:
            low = max(low, ends[i])
        return found, low, max(high, position + 1)

    groups: dict[int, list[_Row]] = {}
    rows: list[_Row] = []
    low = high = 0  # the offsets [low, high) belong to the table of ``rows``
    path: tuple[str, ...] | None = None  # the label path and the cells of the last row of ``rows``
    cells: dict[str, Fact] = {}
    for fact in facts:
        position = fact.span.start
        if not low <= position < high:
            table, low, high = table_of(position)
            rows = groups.setdefault(table, [])
            path, cells = (rows[-1].label_path, rows[-1].cells) if rows else (None, {})
        column = fact.column
        if column not in cells and path is not None and path == fact.label_path:
            cells[column] = fact
        else:
            path, cells = fact.label_path, {column: fact}
            rows.append(_Row(path, cells))
    return [groups[k] for k in sorted(groups)]


def _breakdowns(rows: list[_Row]) -> list[_Breakdown]:
    """Parent rows and their numbered children, and rows introduced by 其中 with their whole.

    A row numbered 1 (in any numbering kind) opens a breakdown of the row just
    before it; rows numbered 2, 3 … of the same kind continue it; a row of a
    kind further out closes it (kinds are ranked in the order the table first
    uses them, as headings are).  Unnumbered rows do not close anything.
    Breakdowns never cross a change of group label.
    """
    rank: dict[str, int] = {}
    out: list[_Breakdown] = []
    # stack of (kind, breakdown, last ordinal)
    stack: list[tuple[str, _Breakdown, int]] = []
    previous: _Row | None = None
    whole_of_qizhong: _Row | None = None
    qizhong: _Breakdown | None = None
    group: tuple[str, ...] | None = None
    numbering = _numbering
    for row in rows:
        path = row.label_path
        if path[:-1] != group:
            group = path[:-1]
            stack, previous, qizhong, whole_of_qizhong = [], None, None, None
        has_qizhong, kind, ordinal = numbering(path[-1] if path else "")
        if has_qizhong and previous is not None:
            whole_of_qizhong = previous
            qizhong = _Breakdown(previous, [], "qizhong")
            out.append(qizhong)
        if has_qizhong and qizhong is not None:
            qizhong.children.append(row)
        elif kind is None and qizhong is not None and whole_of_qizhong is not None:
            # unnumbered rows after a 其中 row: more parts of the same whole
            qizhong.children.append(row)
        if kind is not None:
            level = rank.setdefault(kind, len(rank))
            while stack and rank[stack[-1][0]] > level:
                stack.pop()
            depth: int | None = None
            for i, entry in enumerate(stack):
                if entry[0] == kind:
                    depth = i
                    break
            if depth is not None:
                entry_kind, breakdown, last = stack[depth]
                del stack[depth + 1 :]
                if ordinal == last + 1:
                    breakdown.children.append(row)
                    stack[depth] = (entry_kind, breakdown, ordinal)
                else:
                    del stack[depth:]
                    depth = None
            if depth is None and ordinal == 1 and previous is not None:
                breakdown = _Breakdown(previous, [row], "numbered")
                out.append(breakdown)
                stack.append((kind, breakdown, 1))
            if not has_qizhong:
                qizhong, whole_of_qizhong = None, None
        previous = row
    return out


def _legacy_label(fact: Fact) -> str:
    return f"「{_row_label(fact)}」"


def _same_unit(whole: Fact, part: Fact | None) -> bool:
    """Counts of different units (条 and 件, 人 and 万元) are not parts of one another."""
    return part is None or whole.unit is None or part.unit is None or whole.unit == part.unit


@register(
    "legacy.breakdown-sum",
    "Legacy tables: numbered sub-rows sum to their parent row",
    severity=Severity.WARNING,
    templates=(LEGACY,),
)
def _legacy_breakdown_sum(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A row followed by rows numbered 1. 2. 3. … (or (一) (二) …, ① ② …) is usually broken down by
    them (收到申请数 = 当面 + 传真 + 网络 + 信函): in each column the children sum to the parent.  Whether a
    breakdown is complete is not always knowable, hence a warning.  Children counted in another
    unit than the parent (人 under 个) are not a breakdown of it."""
    for breakdown in ctx._legacy[1]:
        if breakdown.kind != "numbered" or len(breakdown.children) < 2:
            continue
        rows = [child.cells for child in breakdown.children]
        for column, parent in breakdown.parent.cells.items():
            values = [c.value if (c := cells.get(column)) is not None else None for cells in rows]
            if parent.value is None or None in values or _balanced([parent.value], values):
                continue  # a blank or missing cell: not assessable; or the sum holds
            children = [cells.get(column) for cells in rows]
            if not all(_same_unit(parent, child) for child in children):
                continue
            finding = equation(rule, [parent], children, f"column {column}", _legacy_label)
            if finding is not None:
                yield finding


@register(
    "legacy.part-exceeds-whole",
    "Legacy tables: a 其中 row is not larger than its whole",
    templates=(LEGACY,),
)
def _legacy_part_exceeds_whole(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A row introduced by 其中 (and the unnumbered rows after it) counts a part of the row before it:
    in each column it is at most that row's value."""
    for breakdown in ctx._legacy[1]:
        if breakdown.kind != "qizhong":
            continue
        for column, whole in breakdown.parent.cells.items():
            if whole.value is None:
                continue
            for child in breakdown.children:
                part = child.cells.get(column)
                if part is None or part.value is None or part.value <= whole.value or not _same_unit(whole, part):
                    continue
                yield rule.finding(
                    f"column {column}: the part 「{child.label}」 {_num(part.value)} is larger than its whole"
                    f" 「{breakdown.parent.label}」 {_num(whole.value)} (difference {_num(part.value - whole.value)})",
                    expected=whole.value,
                    actual=part.value,
                    facts=[whole, part],
                )


_CUMULATIVE = re.compile(r"累计")
_YEAR = re.compile(r"本年|当年|年度|\d{4}\s*年|发生")


@register(
    "legacy.cumulative-below-year",
    "Legacy tables: a cumulative count (累计数) is at least the year's count",
    templates=(LEGACY,),
)
def _legacy_cumulative(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """In a table with a 累计数 column and a year column (本年发生数, 2017年发生数), the cumulative
    value of a row is never below the same row's value for the year."""
    kinds: dict[str, int] = {}  # column -> 1: cumulative, 2: the year's, 0: other

    def kind(column: str) -> int:
        found = kinds.get(column)
        if found is None:
            found = kinds[column] = 1 if _CUMULATIVE.search(column) else 2 if _YEAR.search(column) else 0
        return found

    for rows in ctx._legacy[0]:
        columns = set().union(*(row.cells for row in rows))
        cumulatives = [c for c in columns if kind(c) == 1]
        years = [c for c in columns if kinds[c] == 2]
        if not cumulatives or not years:
            continue  # no row of the table has both
        for row in rows:
            if len(cumulatives) == 1 and len(years) == 1:
                # the only columns of their kinds: a row has both or is not concerned
                total_or_none, annual_or_none = row.cells.get(cumulatives[0]), row.cells.get(years[0])
                if total_or_none is None or annual_or_none is None:
                    continue
                total, annual = total_or_none, annual_or_none
            else:
                cumulative = [f for c, f in row.cells.items() if kinds[c] == 1]
                year = [f for c, f in row.cells.items() if kinds[c] == 2]
                if len(cumulative) != 1 or len(year) != 1:
                    continue
                total, annual = cumulative[0], year[0]
            if total.value is None or annual.value is None or total.value >= annual.value:
                continue
            yield rule.finding(
                f"row 「{row.label}」: {total.column} {_num(total.value)} is below {annual.column}"
                f" {_num(annual.value)} (difference {_num(total.value - annual.value)})",
                expected=annual.value,
                actual=total.value,
                facts=[total, annual],
            )


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
    titles = [s.title for s in sections]
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


# ---------------------------------------------------------------------------
# prose


def _quoted(q: prose._Quantity) -> str:
    return f"「{q.label}」 {q.text}{q.unit}" if q.label else f"{q.text}{q.unit}"


def _where(statement: prose._Statement) -> str:
    if statement.form == "stated earlier":
        anchor = statement.total.anchor  # the line of the total's span
        return f" (the total stated on line {anchor[1] if anchor is not None else NO_SPAN.line})"
    return ""


_CHANNEL = re.compile(
    r"网站|网上|门户|微信|微博|公众号|新媒体|平台|渠道|专栏|公告栏|公开栏|报纸|电视|广播|客户端|APP|抖音"
)


def _slack(quantities: list[prose._Quantity]) -> Decimal:
    """:func:`tolerance` of the quantities' values, from the exponents their digits give."""
    exponents = [q.exponent for q in quantities]
    if all(e >= 0 for e in exponents):
        return Decimal(0)
    return sum((Decimal(5).scaleb(e - 1) for e in exponents), Decimal(0))


def _assessable(statement: prose._Statement) -> bool:
    return not statement.approximate


@register("prose.parts-sum", "Prose: a stated total equals the sum of its stated parts", templates=ANY_TEMPLATE)
def _prose_parts_sum(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Sentences state totals with their parts (``共N条,其中A条、B条…``, ``A条,B条,共计N条``,
    ``在…的N条信息中,…为A条,…其他类信息为B条``).  When the parts are complete (a closing 其他 part,
    a 共计 after the parts, a pair like 不超过/超过 20个工作日), their sum equals the total (an error
    when not); when they are not, their sum is at most the total (a warning when it is larger: the
    parts may overlap).  Parts that all name publication channels (网站, 微信 …) may overlap too: more
    than the total is a warning for them, less an error.  Approximate numbers (3200余条) are not
    assessable."""
    for statement in ctx._statements:
        if not _assessable(statement):
            continue
        total = statement.total
        parts = [p.quantity for p in statement.parts]
        expected = sum([q.value for q in parts], _ZERO)
        difference = total.value - expected
        # the slack is never negative: a sum that is exact, or parts that do not exceed
        # their total, need not know it
        if statement.complete:
            if not difference:
                continue
            slack = _slack([total, *parts])
            if abs(difference) <= slack:
                continue
            if any(abs(q.value - expected) <= slack for q in statement.alternatives):
                continue  # the parts add up to another total the sentence states
        else:
            if difference >= 0 or difference >= -_slack([total, *parts]):
                continue
        terms = " + ".join(_quoted(q) for q in parts)
        channels = difference < 0 and all(_CHANNEL.search(q.label) for q in parts)
        severity: Severity | None = None
        if statement.complete and not channels:
            message = (
                f"{_quoted(total)}{_where(statement)}, but its parts {terms} = {_num(expected)}"
                f" (difference {_num(difference)})"
            )
        else:
            why = (
                "they name publication channels, which may count an item more than once"
                if channels
                else "unless they overlap, they cannot all be part of it"
            )
            message = (
                f"the parts {terms} = {_num(expected)} exceed the total {_quoted(total)}{_where(statement)}"
                f" (difference {_num(difference)}); {why}"
            )
            severity = Severity.WARNING
        yield rule.finding(
            message,
            expected=expected,
            actual=total.value,
            facts=[total.as_fact(), *(q.as_fact() for q in parts)],
            extra_spans=[statement.span],
            severity=severity,
        )


def _exact_share(part: prose._Quantity, share: prose._Share, total: prose._Quantity) -> bool:
    """Whether ``part / total × 100`` is exactly the share (short numbers only: their products are exact).

    Then the share holds whatever it is a share of, and needs no division.
    """
    if len(part.text) > 12 or len(share.text) > 12 or len(total.text) > 12:
        return False
    return bool(part.value * 100 == share.value * total.value)


def _share_of(share: prose._Share, statement: prose._Statement) -> bool:
    """Whether a share is of the statement's total: it names no base, names a total, or the total's noun."""
    if not share.of or statement.form == "stated earlier" or _TOTAL_BASE.search(share.of):
        return True
    noun = prose.head_noun(share.of.rstrip("的"))
    return bool(noun) and noun in statement.total.clause


_TOTAL_BASE = re.compile(r"总数|总量|总计|全部|所有|总")


@register("prose.share", "Prose: a stated share (占N%) matches its part and total", templates=ANY_TEMPLATE)
def _prose_share(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A part stated with its share of the total (``其他信息49条,占24.5%``) has part / total × 100
    equal to the percentage within the rounding shown (24.5% stands for 24.45 to 24.55).  Off by
    less than one unit of the last decimal (truncated, not rounded) is a warning; further, an error.
    When the sentence states several totals before 其中 (收到125件,办结121件), a share of any of
    them is accepted.
    A share of something else than the total (占全年发文的80%) is not checked."""
    for statement in ctx._statements:
        total = statement.total
        if not _assessable(statement) or total.value == 0:
            continue
        for part in statement.parts:
            share = part.share
            if share is None or _exact_share(part.quantity, share, total) or not _share_of(share, statement):
                continue
            computed = part.quantity.value / total.value * 100
            unit = Decimal(1).scaleb(-share.decimals)
            off = abs(computed - share.value)
            if off <= unit / 2:
                continue
            if any(
                q.value and abs(part.quantity.value / q.value * 100 - share.value) <= unit / 2
                for q in statement.alternatives
            ):
                continue  # a share of another total the sentence states
            severity = Severity.WARNING if off < unit and computed > share.value else None
            shown = computed.quantize(unit / 100)
            yield rule.finding(
                f"{_quoted(part.quantity)} of {_quoted(total)}{_where(statement)} is {_num(shown)}%,"
                f" but the report says 占{share.text}% (difference {_num((share.value - computed).quantize(unit / 100))}"
                f" points)",
                expected=shown,
                actual=share.value,
                facts=[total.as_fact(), part.quantity.as_fact(), share.as_fact()],
                extra_spans=[statement.span],
                severity=severity,
            )
