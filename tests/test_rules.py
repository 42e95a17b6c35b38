"""Table rules on facts built by hand, the registry, and hypothesis properties."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse
from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules import RULES, Context, Registry, Rule, get_rules, tolerance
from govinfo_reports.syntax.nodes import Span
from govinfo_reports.tables.templates import (
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_LABELS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_RESULT_PARTS_2021,
    TABLE4_GROUPS,
    TABLE4_LABELS,
)
from govinfo_reports.validate import validate

OUTCOMES = ("upheld", "corrected", "other", "pending")


def _fact(indicator: str, column: str, value: int | str | None, table: str, line: int) -> Fact:
    number = None if value is None else Decimal(value)
    label = TABLE3_LABELS.get(indicator, indicator)
    span = Span(line * 100, line * 100 + 3, line, 1, line, 4)
    return Fact(indicator, (label,), column, number, None, "" if value is None else str(value), table, span=span)


def national_facts(
    parts: dict[str, dict[str, int]],
    carried_over: dict[str, int],
    carried_forward: dict[str, int],
    table4: dict[str, tuple[int, int, int, int]],
    *,
    subtotal: bool = False,
) -> tuple[Fact, ...]:
    """A consistent table 三 (2021 template) and table 四 from the free values."""
    rows: dict[str, dict[str, int]] = {}
    result_total = {c: sum(parts[p][c] for p in TABLE3_RESULT_PARTS_2021) for c in TABLE3_APPLICANT_COLUMNS}
    rows["requests.received"] = {
        c: result_total[c] + carried_forward[c] - carried_over[c] for c in TABLE3_APPLICANT_COLUMNS
    }
    rows["requests.carried_over"] = dict(carried_over)
    for p in TABLE3_RESULT_PARTS_2021:
        rows[p] = dict(parts[p])
    rows["requests.result.total"] = result_total
    rows["requests.carried_forward"] = dict(carried_forward)
    facts = []
    line = 1
    for indicator, cells in rows.items():
        values = dict(cells)
        if subtotal:
            values["organization_subtotal"] = sum(cells[c] for c in TABLE3_ORGANIZATION_COLUMNS)
        values["total"] = sum(cells[c] for c in TABLE3_APPLICANT_COLUMNS)
        for column, value in values.items():
            facts.append(_fact(indicator, column, value, "三", line))
            line += 1
    for group, outcomes in table4.items():
        for outcome, value in zip(OUTCOMES, outcomes, strict=True):
            facts.append(_fact(f"{group}.{outcome}", "count", value, "四", line))
            line += 1
        facts.append(_fact(f"{group}.total", "count", sum(outcomes), "四", line))
        line += 1
    return tuple(facts)


small = st.integers(min_value=0, max_value=50)
columns_of = st.fixed_dictionaries(dict.fromkeys(TABLE3_APPLICANT_COLUMNS, small))


@st.composite
def consistent_tables(draw: st.DrawFn) -> tuple[Fact, ...]:
    parts = {p: draw(columns_of) for p in TABLE3_RESULT_PARTS_2021}
    carried_forward = draw(columns_of)
    result_total = {c: sum(parts[p][c] for p in TABLE3_RESULT_PARTS_2021) for c in TABLE3_APPLICANT_COLUMNS}
    carried_over = {
        c: draw(st.integers(min_value=0, max_value=result_total[c] + carried_forward[c]))
        for c in TABLE3_APPLICANT_COLUMNS
    }
    table4 = {g: draw(st.tuples(small, small, small, small)) for g in TABLE4_GROUPS}
    return national_facts(parts, carried_over, carried_forward, table4, subtotal=draw(st.booleans()))


def _zero_tables() -> tuple[Fact, ...]:
    zero = dict.fromkeys(TABLE3_APPLICANT_COLUMNS, 0)
    parts = {p: dict(zero) for p in TABLE3_RESULT_PARTS_2021}
    parts["requests.result.granted"] = {**zero, "natural_person": 5, "commercial_enterprise": 2}
    return national_facts(parts, dict(zero), {**zero, "natural_person": 1}, dict.fromkeys(TABLE4_GROUPS, (1, 0, 0, 0)))


def run(facts: tuple[Fact, ...], template: str | None = "national-2021") -> list[Finding]:
    return validate(Context(facts, template))


def perturb(facts: tuple[Fact, ...], index: int, delta: int) -> tuple[Fact, ...]:
    fact = facts[index]
    assert fact.value is not None
    changed = attrs.evolve(fact, value=fact.value + delta, text=str(fact.value + delta))
    return (*facts[:index], changed, *facts[index + 1 :])


# ---------------------------------------------------------------------------
# the national tables


def test_consistent_tables_give_no_findings() -> None:
    assert run(_zero_tables()) == []


def test_balance_error_names_cells_and_shows_arithmetic() -> None:
    facts = _zero_tables()
    index = next(
        i for i, f in enumerate(facts) if f.indicator == "requests.carried_forward" and f.column == "natural_person"
    )
    findings = [f for f in run(perturb(facts, index, 2)) if f.rule == "table3.balance"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert "自然人" in finding.message
    assert "一、本年新收政府信息公开申请数量" in finding.message
    assert "四、结转下年度继续办理" in finding.message
    # received 6 + carried over 0 against results 5 + carried forward 1 + 2
    assert finding.actual == Decimal(6)
    assert finding.expected == Decimal(8)
    assert finding.difference == Decimal(-2)
    assert "「(七)总计」 5 + 「四、结转下年度继续办理」 3 = 8" in finding.message
    assert facts[index].span in finding.spans


def test_result_total_row_total_and_table4() -> None:
    facts = _zero_tables()
    granted = next(
        i
        for i, f in enumerate(facts)
        if f.indicator == "requests.result.granted" and f.column == "commercial_enterprise"
    )
    rules = {f.rule for f in run(perturb(facts, granted, 1))}
    assert {"table3.result-total", "table3.row-total"} <= rules
    upheld = next(i for i, f in enumerate(facts) if f.indicator == "litigation.direct.upheld")
    findings = run(perturb(facts, upheld, 4))
    assert [f.rule for f in findings] == ["table4.total"]
    assert "行政诉讼/未经复议直接起诉" in findings[0].message
    assert "结果维持" in findings[0].message


def test_subtotal_column() -> None:
    zero = dict.fromkeys(TABLE3_APPLICANT_COLUMNS, 0)
    parts = {p: dict(zero) for p in TABLE3_RESULT_PARTS_2021}
    facts = national_facts(parts, dict(zero), dict(zero), {}, subtotal=True)
    index = next(i for i, f in enumerate(facts) if f.column == "organization_subtotal")
    findings = run(perturb(facts, index, 1))
    # the 小计 column is a column of its own: its balance breaks too
    assert {f.rule for f in findings} == {"table3.subtotal", "table3.balance"}
    subtotal = next(f for f in findings if f.rule == "table3.subtotal")
    assert "小计 1" in subtotal.message
    assert facts[index].span in subtotal.spans


def test_blank_operand_is_not_assessable() -> None:
    """Some reports leave 总计 blank on sub-rows: blank is not 0, and not an error."""
    facts = tuple(
        attrs.evolve(f, value=None, text="")
        if f.column == "total" and f.indicator not in ("requests.received", "requests.result.total")
        else f
        for f in _zero_tables()
    )
    assert run(facts) == []
    # and a blank applicant cell does not make its row total wrong either
    blanked = tuple(
        attrs.evolve(f, value=None, text="")
        if f.indicator == "requests.result.granted" and f.column == "natural_person"
        else f
        for f in _zero_tables()
    )
    assert run(blanked) == []


def test_rules_do_not_run_for_other_templates() -> None:
    facts = perturb(_zero_tables(), 0, 1)
    assert run(facts, template="national-2021")
    assert run(facts, template="legacy") == []


def test_negative_value() -> None:
    facts = (
        _fact("proactive.licensing", "decisions", -3, "二", 1),
        _fact("proactive.licensing", "change", -3, "二", 2),
    )
    findings = run(facts)
    assert [(f.rule, f.actual) for f in findings] == [("nonnegative", Decimal(-3))]
    assert findings[0].facts[0].column == "decisions"


def test_tolerance_for_amounts() -> None:
    assert tolerance([Decimal(1), Decimal(2)]) == 0
    assert tolerance([Decimal("1.5"), Decimal("2.25")]) == Decimal("0.055")


@settings(max_examples=budget(25), deadline=None)
@given(consistent_tables())
def test_generated_consistent_tables_give_no_findings(facts: tuple[Fact, ...]) -> None:
    assert run(facts) == []


@settings(max_examples=budget(40), deadline=None)
@given(consistent_tables(), st.data())
def test_perturbing_one_cell_gives_a_finding_that_names_it(facts: tuple[Fact, ...], data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(facts) - 1))
    delta = data.draw(st.integers(min_value=-5, max_value=5).filter(bool))
    changed = facts[index]
    assert changed.value is not None
    findings = [f for f in run(perturb(facts, index, delta)) if f.severity is Severity.ERROR]
    assert findings
    assert any(changed.span in f.spans for f in findings)
    if changed.value + delta != 0:  # zero operands are counted, not named, in messages
        assert changed.indicator is not None
        name = TABLE4_LABELS.get(changed.indicator) or changed.label_path[-1]
        assert any(changed.span in f.spans and name in f.message for f in findings)


# ---------------------------------------------------------------------------
# legacy tables


def _legacy(rows: list[tuple[str, dict[str, int | None]]]) -> tuple[Fact, ...]:
    facts = []
    for line, (label, cells) in enumerate(rows, start=1):
        for column, value in cells.items():
            number = None if value is None else Decimal(value)
            span = Span(line * 10, line * 10 + 2, line, 1, line, 3)
            facts.append(Fact(None, ("依申请公开情况", label), column, number, "件", str(value), "legacy", span=span))
    return tuple(facts)


LEGACY_ROWS: list[tuple[str, dict[str, int | None]]] = [
    ("(一)收到申请数", {"统计数": 3}),
    ("1.当面申请数", {"统计数": 3}),
    ("2.传真申请数", {"统计数": 0}),
    ("3.网络申请数", {"统计数": 0}),
    ("(二)申请答复数", {"统计数": 3}),
    ("1.同意公开答复数", {"统计数": 1}),
    ("2.不同意公开答复数", {"统计数": 2}),
    ("其中:涉及国家秘密", {"统计数": 0}),
    ("涉及商业秘密", {"统计数": 2}),
    ("3.申请信息不存在数", {"统计数": 0}),
]


def _legacy_run(rows: list[tuple[str, dict[str, int | None]]]) -> list[Finding]:
    return validate(Context(_legacy(rows), "legacy"))


def test_legacy_consistent() -> None:
    assert _legacy_run(LEGACY_ROWS) == []


def test_legacy_breakdown_sum_is_a_warning() -> None:
    rows = list(LEGACY_ROWS)
    rows[2] = ("2.传真申请数", {"统计数": 1})
    findings = _legacy_run(rows)
    assert [(f.rule, f.severity) for f in findings] == [("legacy.breakdown-sum", Severity.WARNING)]
    assert "(一)收到申请数" in findings[0].message
    assert "「2.传真申请数」 1" in findings[0].message
    assert findings[0].actual == 3
    assert findings[0].expected == 4


def test_legacy_part_exceeds_whole_is_an_error() -> None:
    rows = list(LEGACY_ROWS)
    rows[8] = ("涉及商业秘密", {"统计数": 5})
    findings = [f for f in _legacy_run(rows) if f.severity is Severity.ERROR]
    assert [f.rule for f in findings] == ["legacy.part-exceeds-whole"]
    assert "涉及商业秘密" in findings[0].message
    assert "2.不同意公开答复数" in findings[0].message


def test_legacy_numbering_continues_after_qizhong_rows() -> None:
    """The 其中 rows under 2. do not end the list 1. 2. 3.: changing 3. breaks the sum of (二)."""
    rows = list(LEGACY_ROWS)
    rows[9] = ("3.申请信息不存在数", {"统计数": 1})
    assert [f.rule for f in _legacy_run(rows)] == ["legacy.breakdown-sum"]


def test_legacy_blank_cells_are_not_assessable() -> None:
    rows = list(LEGACY_ROWS)
    rows[2] = ("2.传真申请数", {"统计数": None})
    assert _legacy_run(rows) == []


def test_legacy_cumulative_below_year() -> None:
    rows: list[tuple[str, dict[str, int | None]]] = [
        ("公开信息总数", {"累计数": 19, "2017年发生数": 16}),
        ("在信息公开专栏发布信息数", {"累计数": 15, "2017年发生数": 16}),
    ]
    findings = _legacy_run(rows)
    assert [f.rule for f in findings] == ["legacy.cumulative-below-year"]
    assert "在信息公开专栏发布信息数" in findings[0].message
    assert findings[0].lines == (2,)


# ---------------------------------------------------------------------------
# the outline


NATIONAL_OUTLINE = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"


def _sections(text: str) -> list[Finding]:
    return validate(Context((), "national-2021", parse(text)), select={"sections"})


def test_sections_complete() -> None:
    assert _sections(NATIONAL_OUTLINE) == []


def test_section_missing_and_out_of_order() -> None:
    missing = _sections(NATIONAL_OUTLINE.replace("四、政府信息公开行政复议、行政诉讼情况\n", ""))
    assert [(f.rule, f.severity) for f in missing] == [("sections.national", Severity.WARNING)]
    assert "四、政府信息公开行政复议、行政诉讼情况 is missing" in missing[0].message
    lines = NATIONAL_OUTLINE.splitlines()
    swapped = "\n".join([lines[0], lines[2], lines[1], *lines[3:]]) + "\n"
    out_of_order = _sections(swapped)
    assert len(out_of_order) == 1
    assert "三、收到和处理政府信息公开申请情况" in out_of_order[0].message
    assert "out of order" in out_of_order[0].message
    assert out_of_order[0].lines == (2,)


# ---------------------------------------------------------------------------
# the registry


def test_registry_lists_filters_extends_and_disables() -> None:
    ids = [r.id for r in RULES]
    assert ids == sorted(ids)
    for expected in (
        "table3.balance",
        "table3.result-total",
        "table3.row-total",
        "table3.subtotal",
        "table4.total",
        "nonnegative",
        "legacy.breakdown-sum",
        "legacy.part-exceeds-whole",
        "legacy.cumulative-below-year",
        "sections.national",
        "prose.parts-sum",
        "prose.share",
    ):
        assert expected in RULES
        rule = RULES[expected]
        assert rule.title
        assert rule.description
        assert rule.templates
    assert {r.id for r in get_rules(template="legacy")} >= {"legacy.breakdown-sum", "prose.share", "nonnegative"}
    assert "table3.balance" not in {r.id for r in get_rules(template="legacy")}
    assert {r.severity for r in get_rules(severity="warning")} == {Severity.WARNING}
    assert {r.id for r in RULES.select(ids=["table3"])} == {
        "table3.balance",
        "table3.result-total",
        "table3.row-total",
        "table3.subtotal",
    }

    registry = RULES.copy()
    registry.disable("table4.total")
    facts = perturb(_zero_tables(), len(_zero_tables()) - 1, 1)
    assert [f.rule for f in validate(Context(facts, "national-2021"))] == ["table4.total"]
    assert validate(Context(facts, "national-2021"), rules=registry) == []
    assert validate(Context(facts, "national-2021"), disable={"table4"}) == []
    assert RULES.is_enabled("table4.total")

    seen: list[int] = []

    @registry.register("custom.count", "Count the facts", severity=Severity.INFO, templates=["national-2021"])
    def count(ctx: Context, rule: Rule) -> list[Finding]:
        """Reports how many facts there are."""
        seen.append(len(ctx.facts))
        return [rule.finding(f"{len(ctx.facts)} facts")]

    findings = validate(Context(facts, "national-2021"), rules=registry)
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("custom.count", Severity.INFO, f"{len(facts)} facts")
    ]
    assert registry["custom.count"].description == "Reports how many facts there are."
    assert "custom.count" not in RULES
    assert validate(Context(facts, "national-2021"), rules=registry, min_severity="warning") == []
    with pytest.raises(ValueError, match="already registered"):
        registry.add(registry["custom.count"])
    with pytest.raises(KeyError):
        registry.disable("no.such.rule")


def test_registry_selection_follows_changes() -> None:
    registry = RULES.copy()
    first = registry.select(template="national-2021")
    first.clear()  # the caller's list: selecting again is not affected
    assert [r.id for r in registry.select(template="national-2021")] == [
        r.id for r in RULES.select(template="national-2021")
    ]
    registry.disable("table4.total")
    assert "table4.total" not in {r.id for r in registry.select(template="national-2021")}
    registry.enable("table4.total")
    assert "table4.total" in {r.id for r in registry.select(template="national-2021")}

    @registry.register("custom.nothing", "Nothing", severity=Severity.INFO, templates=["national-2021"])
    def nothing(ctx: Context, rule: Rule) -> list[Finding]:
        """Finds nothing."""
        return []

    assert "custom.nothing" in {r.id for r in registry.select(template="national-2021")}
    assert "custom.nothing" not in {r.id for r in RULES.select(template="national-2021")}
    assert [r.id for r in registry.select(template="national-2021", ids=("custom",))] == ["custom.nothing"]
    assert [r.id for r in registry.select(template="national-2021", ids=("custom",), exclude=("custom",))] == []


def test_validate_with_a_list_of_rules() -> None:
    facts = perturb(_zero_tables(), 0, 1)
    only: Callable[[str], list[Rule]] = lambda rule_id: [RULES[rule_id]]  # noqa: E731
    assert {f.rule for f in validate(Context(facts, "national-2021"), rules=only("table3.balance"))} == {
        "table3.balance"
    }
    empty = Registry()
    assert validate(Context(facts, "national-2021"), rules=empty) == []


def test_findings_are_sorted_by_position() -> None:
    facts = _zero_tables()
    last = len(facts) - 1
    findings = run(perturb(perturb(facts, last, 1), 0, 1))
    positions = [f.position for f in findings]
    assert positions == sorted(positions)
    assert len({f.rule for f in findings}) >= 2


def _amounts(parent: str, children: list[str]) -> tuple[Fact, ...]:
    rows = [("(四)政府信息公开专项经费", parent), *((f"{i}.经费{i}", v) for i, v in enumerate(children, 1))]
    facts = []
    for line, (label, value) in enumerate(rows, start=1):
        span = Span(line * 10, line * 10 + 2, line, 1, line, 3)
        facts.append(Fact(None, ("经费", label), "统计数", Decimal(value), "万元", value, "legacy", span=span))
    return tuple(facts)


def test_amounts_compare_to_their_stated_precision() -> None:
    # 1.25 + 0.5 = 1.75, written to one decimal as 1.8: within rounding
    assert validate(Context(_amounts("1.8", ["1.25", "0.5"]), "legacy")) == []
    # 1.75 + 0.50 = 2.25, stated 2.40: off by more than the rounding of two decimals
    [finding] = validate(Context(_amounts("2.40", ["1.75", "0.50"]), "legacy"))
    assert finding.difference == Decimal("0.15")
    # counts are exact: 1 + 1 is not 3
    assert validate(Context(_amounts("3", ["1", "1"]), "legacy"))


def test_sections_of_a_report_without_tables_dated_2019_or_later() -> None:
    dated = "本报告所列数据统计期限为2022年1月1日至2022年12月31日。\n" + NATIONAL_OUTLINE
    assert validate(parse(dated), select={"sections"}) == []
    missing = dated.replace("六、其他需要报告的事项\n", "")
    assert [f.message for f in validate(parse(missing), select={"sections"})] == [
        "section 六、其他需要报告的事项 is missing"
    ]
    older = missing.replace("2022", "2017")
    assert validate(parse(older), select={"sections"}) == []


def test_legacy_a_heading_row_closes_the_lists_inside_the_previous_one() -> None:
    rows: list[tuple[str, dict[str, int | None]]] = [
        ("一、依申请公开情况", {"统计数": None}),
        ("(一)收到申请数", {"统计数": 3}),
        ("1.当面申请数", {"统计数": 3}),
        ("2.网络申请数", {"统计数": 0}),
        ("二、行政复议数量", {"统计数": 9}),
        ("3.其他情形数", {"统计数": 5}),
    ]
    # 3. after 二、 does not continue the list under (一): no breakdown-sum of (一) with 3+0+5
    assert _legacy_run(rows) == []


def test_section_four_naming_applications_is_not_section_three() -> None:
    outline = NATIONAL_OUTLINE.replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开申请行政复议、提起行政诉讼的情况"
    )
    assert _sections(outline) == []
    missing = outline.replace("三、收到和处理政府信息公开申请情况\n", "")
    assert [f.message for f in _sections(missing)] == ["section 三、收到和处理政府信息公开申请情况 is missing"]


def test_national_2019_result_parts() -> None:
    """The 2019 template has one (六)其他处理 row; it counts in (七)总计."""
    from govinfo_reports.tables.templates import TABLE3_RESULT_PARTS_2019

    rows = dict.fromkeys(TABLE3_RESULT_PARTS_2019, 0)
    rows["requests.result.other"] = 2
    rows["requests.result.granted"] = 3
    facts = [_fact(p, "natural_person", v, "三", i) for i, (p, v) in enumerate(rows.items(), start=1)]
    facts.append(_fact("requests.result.total", "natural_person", 5, "三", 100))
    assert run(tuple(facts), template="national-2019") == []
    broken = perturb(tuple(facts), len(rows) - 1, 1)  # (六)其他处理 2 -> 3
    findings = run(broken, template="national-2019")
    assert [f.rule for f in findings] == ["table3.result-total"]
    assert "「(六)其他处理」 3" in findings[0].message
