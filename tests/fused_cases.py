"""A fixed set of fused tables and what :func:`split_table` decided on them, to keep its decisions when it gets faster.

The cases are generated from fixed seeds (``random.Random`` draws the same numbers
on every Python): realistic tables 三 with every row fused, some rows fused, an
arithmetic error, eight columns or the 2019 relations; tables 四; legacy tables
(本年/累计 with numbered parts); long single rows of digits.  A result is summed up
as everything a caller sees (reason, message, cuts, candidates, settled rows,
solutions) except the work units, which measure the solver rather than decide it.

    python tests/fused_cases.py record    # record the digests from the current code

``tests/test_fused.py`` compares the current code's digests with the recorded ones.
Record only from code whose decisions are the reference (before a change of the
algorithm), never to bless a change.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from govinfo_reports.tables.fused import (
    Refusal,
    Relation,
    Row,
    Split,
    breakdown_relations,
    cumulative_relations,
    split_table,
    table3_relations,
    table4_relations,
    table4_row,
)
from govinfo_reports.tables.templates import (
    NATIONAL_2019,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_ROWS_2021,
    TABLE4_INDICATORS,
)
from table3_maker import SEVEN, realistic_table3

DIGESTS = Path(__file__).resolve().parent / "data" / "fused_decisions.json"
EIGHT = (*TABLE3_APPLICANT_COLUMNS, "organization_subtotal", "total")

Case = tuple[str, list[Row], list[Relation]]


def _fused(
    table: dict[str, dict[str, int]], columns: tuple[str, ...], keep: frozenset[str] | set[str] = frozenset()
) -> list[Row]:
    return [
        Row.known(r, {c: Decimal(cells[c]) for c in columns})
        if r in keep
        else Row.fused(r, columns, "".join(str(cells[c]) for c in columns))
        for r, cells in table.items()
    ]


def cases() -> Iterator[Case]:
    """Every case: a name, the rows and the relations."""
    relations3 = list(table3_relations())
    rng = random.Random(1111)
    for n in range(300):
        yield f"table3-all-{n}", _fused(realistic_table3(rng), SEVEN), relations3
    for n in range(100):
        table = realistic_table3(rng)
        keep = {r for r in table if rng.random() < 0.5}
        yield f"table3-some-{n}", _fused(table, SEVEN, keep), relations3
    for n in range(100):
        table = realistic_table3(rng)
        row, column = rng.choice(TABLE3_ROWS_2021), rng.choice(TABLE3_APPLICANT_COLUMNS)
        change = rng.choice([1, 2, 10]) if table[row][column] < 10 else rng.choice([-1, 1, 10])
        table[row][column] += change
        if n % 2:
            table[row]["total"] += change
        yield f"table3-error-{n}", _fused(table, SEVEN), relations3
    for n in range(50):
        table = realistic_table3(rng)
        for cells in table.values():
            cells["organization_subtotal"] = sum(cells[c] for c in TABLE3_ORGANIZATION_COLUMNS)
        yield f"table3-eight-{n}", _fused(table, EIGHT), relations3
    relations2019 = list(table3_relations(NATIONAL_2019))
    for n in range(30):
        yield f"table3-2019-relations-{n}", _fused(realistic_table3(rng), SEVEN), relations2019
    for n in range(100):

        def count() -> int:
            return (
                0 if rng.random() < 0.5 else rng.choice([rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 999)])
            )

        values: list[int] = []
        for _ in range(3):
            outcomes = [count() for _ in range(4)]
            values += [*outcomes, sum(outcomes)]
        assert len(values) == len(TABLE4_INDICATORS)
        yield f"table4-{n}", [table4_row("".join(map(str, values)))], list(table4_relations())
    for n in range(100):
        parts = [(rng.randint(0, 300), rng.randint(0, 3000)) for _ in range(rng.randint(1, 4))]
        labels = [f"{i + 1}、part" for i in range(len(parts))]
        pairs = {"parent": (sum(y for y, _ in parts), sum(y + m for y, m in parts))}
        pairs |= {label: (y, y + m) for label, (y, m) in zip(labels, parts, strict=True)}
        rows = [
            Row.fused(label, ("本年", "累计"), f"{year}{cumulative}")
            if rng.random() < 0.7
            else Row.known(label, {"本年": Decimal(year), "累计": Decimal(cumulative)})
            for label, (year, cumulative) in pairs.items()
        ]
        relations = [
            *cumulative_relations(pairs, year="本年", cumulative="累计"),
            *breakdown_relations("parent", labels, ("本年", "累计"), complete=n % 3 != 0),
        ]
        yield f"legacy-{n}", rows, relations
    for n in range(40):
        length = rng.randint(14, 34)
        digits = "".join(rng.choice("0123456789" if n % 2 else "123456789") for _ in range(length)).lstrip("0") or "1"
        yield f"row-random-{n}", [Row.fused("requests.received", SEVEN, digits)], relations3
    for n in range(40):
        width = rng.randint(2, 5)
        counts = [rng.randint(0, 10**width) for _ in range(6)]
        digits = "".join(map(str, [*counts, sum(counts)]))
        yield f"row-summed-{n}", [Row.fused("requests.received", SEVEN, digits)], relations3


def summary(result: Split | Refusal) -> str:
    """Everything a caller sees of a result but the work units, as one text."""
    if isinstance(result, Split):
        return json.dumps(["split", [str(c) for c in result.cuts], [r.rule + r.where for r in result.relations]])
    return json.dumps(
        [
            result.reason,
            result.message,
            [[u.row, u.digits, u.count, [str(c) for c in u.cuts]] for u in result.candidates],
            [[c.cells[0][0], str(c)] for c in result.settled],
            [[str(c) for c in s] for s in result.solutions],
        ],
        ensure_ascii=False,
    )


def digests() -> dict[str, str]:
    """The digest of every case's summary, computed by the current code."""
    out = {}
    for name, rows, relations in cases():
        out[name] = hashlib.sha256(summary(split_table(rows, relations)).encode()).hexdigest()[:16]
    return out


if __name__ == "__main__":
    if sys.argv[1:] != ["record"]:
        sys.exit(__doc__)
    DIGESTS.write_text(json.dumps(digests(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(json.loads(DIGESTS.read_text(encoding='utf-8')))} digests in {DIGESTS}")
