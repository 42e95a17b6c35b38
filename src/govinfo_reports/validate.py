"""Validate a report: run the consistency rules and collect their findings.

>>> import govinfo_reports
>>> report = govinfo_reports.parse("一、总体情况\\n2017年,网站发布5条,其他平台发布123条,共计公开信息283条。\\n")
>>> [str(f) for f in validate(report, min_severity="warning")]
['2: error prose.parts-sum: 「共计公开信息」 283条, but its parts 「网站发布」 5条 + 「其他平台发布」 123条 = 128 (difference 155)']
>>> validate(report, disable={"prose.parts-sum", "period"})
[]
"""

from __future__ import annotations

import decimal
from collections.abc import Collection, Iterable, Mapping

from govinfo_reports._gc import paused_gc
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules import RULES, Context, Registry, Rule
from govinfo_reports.rules.across import Dated, pair_context, pairs
from govinfo_reports.syntax.nodes import Report

__all__ = ["ACROSS", "validate", "validate_pair", "validate_reports"]


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


def validate_pair(
    earlier: Report,
    later: Report,
    *,
    earlier_name: str | None = None,
    later_name: str | None = None,
    rules: Registry | None = None,
    select: Collection[str] | None = None,
    disable: Collection[str] = (),
    min_severity: Severity | str = Severity.INFO,
) -> list[Finding]:
    """Check one office's report on a year against its report on the year before: the ``across.*`` rules.

    A finding is on ``later`` (its :attr:`~govinfo_reports.Finding.source` is ``later_name``) and
    names the cells of ``earlier`` it compares with (``other_facts``, ``other_source``).  When both
    reports state their year and the years are not consecutive, nothing is assessable.

    Args:
        earlier: last year's report.
        later: this year's report.
        earlier_name: the file ``earlier`` was read from (findings name it).
        later_name: the file ``later`` was read from.
        rules: the registry whose ``across`` rules run; :data:`~govinfo_reports.rules.RULES` by default.
        select: run only these rule ids (or id prefixes) among the ``across`` rules.
        disable: do not run these rule ids (or id prefixes).
        min_severity: leave out findings less serious than this.
    """
    context = pair_context(earlier, later, earlier_name=earlier_name, later_name=later_name)
    return _validate_across(context, rules, select, disable, min_severity)


def _validate_across(
    context: Context,
    rules: Registry | None,
    select: Collection[str] | None,
    disable: Collection[str],
    min_severity: Severity | str,
) -> list[Finding]:
    """The findings of the ``across.*`` rules on a context with last year's, sorted."""
    registry = RULES if rules is None else rules
    wanted = [s for s in select if _matches(s, [ACROSS]) or _matches(ACROSS, [s])] if select is not None else [ACROSS]
    chosen = registry.select(template=context.template, ids=wanted, exclude=disable)
    chosen = [r for r in chosen if _matches(r.id, [ACROSS])]
    floor = Severity(min_severity).rank
    with paused_gc(), decimal.localcontext(_ARITHMETIC):
        findings = [f for rule in chosen for f in rule.run(context) if f.severity.rank <= floor]
    findings.sort(key=Finding.sort_key)
    return findings


def validate_reports(
    reports: Mapping[str, Report] | Iterable[tuple[str, Report] | Dated],
    *,
    offices: Mapping[str, str] | None = None,
    years: Mapping[str, int] | None = None,
    rules: Registry | None = None,
    select: Collection[str] | None = None,
    disable: Collection[str] = (),
    min_severity: Severity | str = Severity.INFO,
) -> list[Finding]:
    """Check a collection of reports year against year: each office's report on year N against N−1.

    Reports are grouped by the office they name (:func:`~govinfo_reports.identify`) unless
    ``offices`` says (name → office), and by the year they state unless ``years`` says; see
    :func:`govinfo_reports.rules.across.pairs`.  The findings of every pair, by office and year.
    Only the ``across.*`` rules run: :func:`validate` checks each report on its own.

    The collection may hold :class:`~govinfo_reports.rules.across.Dated` records instead of
    reports (``Dated.of(name, report)``): only what the rules read of each report, so that a large
    collection can be read one report at a time (``govinfo-reports check`` does so).  Pairs of
    records are taken as consecutive by the years they carry.

    >>> import govinfo_reports
    >>> validate_reports({"a.txt": govinfo_reports.parse("一、总体情况\\n")})
    []
    """
    named = list(reports.items()) if isinstance(reports, Mapping) else list(reports)
    out: list[Finding] = []
    for earlier, later in pairs(named, offices=offices, years=years):
        out += _validate_across(later.context(earlier.context()), rules, select, disable, min_severity)
    return out


#: The family of the rules across reports.
ACROSS = "across"
