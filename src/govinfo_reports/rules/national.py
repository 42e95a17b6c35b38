"""Rules of the national tables: table 三's balance, results, row totals and 小计, table 四's totals, and signs of every table."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding
from govinfo_reports.rules.registry import (
    NATIONAL,
    NO_VALUES,
    ZERO,
    Context,
    Rule,
    balanced,
    equation,
    known,
    number_text,
    register,
    row_label,
)
from govinfo_reports.tables.templates import (
    LEGACY,
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMN_LABELS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_RESULT_PARTS_2019,
    TABLE3_RESULT_PARTS_2021,
    TABLE4_GROUPS,
    TABLE4_LABELS,
)

# ---------------------------------------------------------------------------
# labels


def _t3_cell(fact: Fact) -> str:
    return f"「{row_label(fact)}」"


def _t3_column(column: str) -> str:
    return TABLE3_COLUMN_LABELS.get(column, column)


def _t4_cell(fact: Fact) -> str:
    if fact.indicator is not None and fact.indicator in TABLE4_LABELS:
        return f"「{TABLE4_LABELS[fact.indicator]}」"
    return f"「{row_label(fact)}」"


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
    for column in ctx.table3_shape[0]:
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
    values = ctx.value_index[1]
    if balanced(
        [values.get(i, NO_VALUES).get(column) for i in stated], [values.get(i, NO_VALUES).get(column) for i in parts]
    ):
        return None
    return equation(rule, [ctx.get(i, column) for i in stated], [ctx.get(i, column) for i in parts], where, label)


@register("table3.result-total", "Table 三: (七)总计 is the sum of the results", templates=NATIONAL)
def _table3_result_total(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """For every column of table 三, 三、本年度办理结果 (七)总计 equals the sum of (一)予以公开,
    (二)部分公开 and every row of (三)不予公开, (四)无法提供, (五)不予处理 and (六)其他处理."""
    parts = _result_parts(ctx)
    for column in ctx.table3_shape[0]:
        finding = _column_relation(
            ctx, rule, ("requests.result.total",), parts, column, f"table 三, column {_t3_column(column)}", _t3_cell
        )
        if finding is not None:
            yield finding


@register("table3.row-total", "Table 三: each row's 总计 is the sum of the applicant columns", templates=NATIONAL)
def _table3_row_total(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """In every row of table 三, the 总计 cell equals 自然人 plus the five 法人或其他组织 columns
    (or 自然人 plus the 小计 column, when the organisation cells are blank)."""
    values = ctx.value_index[1]
    for row in ctx.table3_shape[1]:
        cells = values[row]
        value = cells.get("total")
        if value is None or balanced([value], [cells.get(c) for c in TABLE3_APPLICANT_COLUMNS]):
            continue
        total = ctx.get(row, "total")
        if total is None or total.value is None:
            continue
        columns = [ctx.get(row, c) for c in TABLE3_APPLICANT_COLUMNS]
        if known(columns) is None:
            columns = [ctx.get(row, "natural_person"), ctx.get(row, "organization_subtotal")]
        finding = equation(rule, [total], columns, f"table 三, row {row_label(total)}", _column_cell)
        if finding is not None:
            yield finding


def _column_cell(fact: Fact) -> str:
    return f"{_t3_column(fact.column)}"


@register("table3.subtotal", "Table 三: the 小计 column is the sum of the organisation columns", templates=NATIONAL)
def _table3_subtotal(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """When table 三 has a subtotal column for 法人或其他组织, in every row it equals the sum of
    商业企业, 科研机构, 社会公益组织, 法律服务机构 and 其他."""
    values = ctx.value_index[1]
    for row in ctx.table3_shape[1]:
        cells = values[row]
        if "organization_subtotal" not in cells or balanced(
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
            f"table 三, row {row_label(subtotal)}",
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
    zero = ZERO
    for fact in ctx.facts:
        value = fact.value
        if value is not None and value < zero and fact.table != "prose" and not _may_be_negative(fact):
            where = f"table {fact.table}" if fact.table != "legacy" else "statistics table"
            yield rule.finding(
                f"{where}: 「{row_label(fact)}」 [{_column_name(fact)}] is {number_text(value)}, a negative count",
                expected=Decimal(0),
                actual=value,
                facts=[fact],
            )


def _column_name(fact: Fact) -> str:
    if fact.table == "三":
        return _t3_column(fact.column)
    return fact.column
