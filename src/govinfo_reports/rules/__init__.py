"""Consistency rules as declared data, and the registry that holds them.

A :class:`Rule` is an id, a title, a description, the templates it applies
to, a severity, and a pure check: ``check(context, rule) -> findings``.  The
rules live in a :class:`Registry`; :data:`RULES` is the default one, which
:func:`govinfo_reports.validate` runs.  Users list it, filter it, extend it
with their own rules and disable the ones they do not want:

>>> from govinfo_reports.rules import RULES
>>> "table3.balance" in RULES
True
>>> [r.id for r in RULES.select(template="legacy", ids=["legacy"])]
['legacy.breakdown-sum', 'legacy.cumulative-below-year', 'legacy.part-exceeds-whole']

The catalogue (see :data:`RULES` for the list):

* table 三: ``table3.balance``, ``table3.result-total``, ``table3.row-total``,
  ``table3.subtotal``;
* table 四: ``table4.total``;
* every table: ``nonnegative``;
* legacy tables: ``legacy.breakdown-sum``, ``legacy.part-exceeds-whole``,
  ``legacy.cumulative-below-year``;
* national reports: ``sections.national``;
* prose: ``prose.parts-sum``, ``prose.share``; prose against tables: ``prose.table-agreement``;
* the statute (条例) on the report itself: ``deadline``, ``period``, ``fee``;
* year against year, on one office's reports of consecutive years (:mod:`~govinfo_reports.rules.across`):
  ``across.carry-over``, ``across.stock``, ``across.cumulative``.

A relation with a blank or missing operand is not assessable: the rule says
nothing (blank is not 0).  Counts compare exactly; numbers with decimals
within the precision they are written to (half a unit in the last place of
each operand, summed).
"""

from __future__ import annotations

# Each family of rules registers its rules in RULES when imported.
from govinfo_reports.rules import across, agreement, legacy, national, outline, prose, statute  # noqa: F401
from govinfo_reports.rules.outline import NATIONAL_SECTIONS, report_year
from govinfo_reports.rules.registry import (
    ANY_TEMPLATE,
    NATIONAL,
    RULES,
    Check,
    Context,
    Registry,
    Rule,
    equation,
    get_rules,
    register,
    tolerance,
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
