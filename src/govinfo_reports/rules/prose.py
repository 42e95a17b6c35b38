"""Rules on prose: a stated total equals its stated parts; a stated share matches its part and total."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from govinfo_reports import prose
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules.registry import (
    ANY_TEMPLATE,
    ZERO,
    Context,
    Rule,
    number_text,
    register,
)
from govinfo_reports.syntax.nodes import NO_SPAN

# ---------------------------------------------------------------------------
# prose


def _quoted(q: prose.QuantityRecord) -> str:
    return f"「{q.label}」 {q.text}{q.unit}" if q.label else f"{q.text}{q.unit}"


def _where(statement: prose.StatementRecord) -> str:
    if statement.form == "stated earlier":
        anchor = statement.total.anchor  # the line of the total's span
        return f" (the total stated on line {anchor[1] if anchor is not None else NO_SPAN.line})"
    return ""


_CHANNEL = re.compile(
    r"网站|网上|门户|微信|微博|公众号|新媒体|平台|渠道|专栏|公告栏|公开栏|报纸|电视|广播|客户端|APP|抖音"
)


def _slack(quantities: list[prose.QuantityRecord]) -> Decimal:
    """:func:`tolerance` of the quantities' values, from the exponents their digits give."""
    exponents = [q.exponent for q in quantities]
    if all(e >= 0 for e in exponents):
        # counts compare exactly; a count in 万 (1.2万) is rounded to its last digit (half of 1000 here)
        return sum((Decimal(5).scaleb(e - 1) for e in exponents if e > 0), Decimal(0))
    return sum((Decimal(5).scaleb(e - 1) for e in exponents), Decimal(0))


def _assessable(statement: prose.StatementRecord) -> bool:
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
    for statement in ctx.statement_records:
        if not _assessable(statement):
            continue
        total = statement.total
        parts = [p.quantity for p in statement.parts]
        expected = sum([q.value for q in parts], ZERO)
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
                f"{_quoted(total)}{_where(statement)}, but its parts {terms} = {number_text(expected)}"
                f" (difference {number_text(difference)})"
            )
        else:
            why = (
                "they name publication channels, which may count an item more than once"
                if channels
                else "unless they overlap, they cannot all be part of it"
            )
            message = (
                f"the parts {terms} = {number_text(expected)} exceed the total {_quoted(total)}{_where(statement)}"
                f" (difference {number_text(difference)}); {why}"
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


def _exact_share(part: prose.QuantityRecord, share: prose.ShareRecord, total: prose.QuantityRecord) -> bool:
    """Whether ``part / total × 100`` is exactly the share (short numbers only: their products are exact).

    Then the share holds whatever it is a share of, and needs no division.
    """
    if len(part.text) > 12 or len(share.text) > 12 or len(total.text) > 12:
        return False
    return bool(part.value * 100 == share.value * total.value)


def _share_of(share: prose.ShareRecord, statement: prose.StatementRecord) -> bool:
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
    for statement in ctx.statement_records:
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
                f"{_quoted(part.quantity)} of {_quoted(total)}{_where(statement)} is {number_text(shown)}%,"
                f" but the report says 占{share.text}% (difference {number_text((share.value - computed).quantize(unit / 100))}"
                f" points)",
                expected=shown,
                actual=share.value,
                facts=[total.as_fact(), part.quantity.as_fact(), share.as_fact()],
                extra_spans=[statement.span],
                severity=severity,
            )
