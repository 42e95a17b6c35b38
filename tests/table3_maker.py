"""Consistent national tables for the tests of joined digits (tests/test_fused.py, tests/test_joined.py)."""

from __future__ import annotations

import random

from govinfo_reports.tables.templates import (
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_RESULT_PARTS_2021,
    TABLE3_ROWS_2021,
)

#: Table 三's seven value columns, in print order.
SEVEN = (*TABLE3_APPLICANT_COLUMNS, "total")


def realistic_table3(rng: random.Random) -> dict[str, dict[str, int]]:
    """A consistent 2021 table 三 of seven columns (print order), counts mostly zero and organisations sparse."""
    parts = TABLE3_RESULT_PARTS_2021

    def count(sparse: bool) -> int:
        if rng.random() < (0.7 if sparse else 0.4):
            return 0
        return rng.choice([rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 3000)])

    table = {
        p: {"natural_person": count(False), **{c: count(True) for c in TABLE3_ORGANIZATION_COLUMNS}} for p in parts
    }
    result_total = {c: sum(table[p][c] for p in parts) for c in TABLE3_APPLICANT_COLUMNS}
    forward = {c: count(True) for c in TABLE3_APPLICANT_COLUMNS}
    over = {c: rng.randint(0, result_total[c] + forward[c]) // 10 for c in TABLE3_APPLICANT_COLUMNS}
    table["requests.result.total"] = result_total
    table["requests.carried_forward"] = forward
    table["requests.carried_over"] = over
    table["requests.received"] = {c: result_total[c] + forward[c] - over[c] for c in TABLE3_APPLICANT_COLUMNS}
    for cells in table.values():
        cells["total"] = sum(cells[c] for c in TABLE3_APPLICANT_COLUMNS)
    return {r: {c: table[r][c] for c in SEVEN} for r in TABLE3_ROWS_2021}
