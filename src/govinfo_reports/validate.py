"""Validate a report: run the consistency rules and collect their findings.

>>> import govinfo_reports
>>> report = govinfo_reports.parse("一、总体情况\\n2017年,网站发布5条,其他平台发布123条,共计公开信息283条。\\n")
>>> [str(f) for f in validate(report)]
['2: error prose.parts-sum: 「共计公开信息」 283条, but its parts 「网站发布」 5条 + 「其他平台发布」 123条 = 128 (difference 155)']
>>> validate(report, disable={"prose.parts-sum"})
[]
"""

from __future__ import annotations

import decimal
from collections.abc import Collection, Iterable

from govinfo_reports._gc import paused_gc
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules import RULES, Context, Registry, Rule
from govinfo_reports.syntax.nodes import Report

__all__ = ["validate"]


def validate(
    report: Report | Context,
    *,
    rules: Registry | Iterable[Rule] | None = None,
    select: Collection[str] | None = None,
    disable: Collection[str] = (),
    min_severity: Severity | str = Severity.INFO,
) -> list[Finding]:
    """Check a report against the consistency rules; return the findings sorted by position.

    Every enabled rule whose templates include the report's template runs
    (rules given explicitly as a list run whatever the template).

    Args:
        report: a parsed report, or a :class:`~govinfo_reports.rules.Context` (facts built by hand).
        rules: the registry or the rules to run; :data:`~govinfo_reports.rules.RULES` by default.
        select: run only these rule ids (or id prefixes: ``"table3"``).
        disable: do not run these rule ids (or id prefixes).
        min_severity: leave out findings less serious than this (``"warning"`` drops info).

    Returns:
        The findings, sorted by their position in the source, then severity, rule id and message.
    """
    # the rules make no reference cycles: see govinfo_reports._gc
    with paused_gc(), decimal.localcontext(_ARITHMETIC):
        return _validate(report, rules, select, disable, min_severity)


#: The rules' arithmetic: no signal traps (a rule never raises on a number), and precision enough
#: for the quotients and quantized differences of numbers of up to ``MAX_DIGITS`` digits
#: (:data:`govinfo_reports.values.MAX_DIGITS`), which is all that the readers let in.
_ARITHMETIC = decimal.Context(prec=100, traps=[])


def _validate(
    report: Report | Context,
    rules: Registry | Iterable[Rule] | None,
    select: Collection[str] | None,
    disable: Collection[str],
    min_severity: Severity | str,
) -> list[Finding]:
    context = report if isinstance(report, Context) else Context.of(report)
    chosen: list[Rule]
    if rules is None or isinstance(rules, Registry):
        registry = RULES if rules is None else rules
        chosen = registry.select(template=context.template, ids=select, exclude=disable)
    else:
        excluded = list(disable)
        wanted = list(select) if select is not None else None
        chosen = [r for r in rules if not _matches(r.id, excluded) and (wanted is None or _matches(r.id, wanted))]
    floor = Severity(min_severity).rank
    findings = [f for rule in chosen for f in rule.run(context) if f.severity.rank <= floor]
    findings.sort(key=Finding.sort_key)
    return findings


def _matches(rule_id: str, patterns: list[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)
