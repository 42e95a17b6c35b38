"""How long does splitting a joined table take?  ``split_table`` on realistic tables 三 with every row joined.

Usage::

    .venv/bin/python benchmarks/bench_split.py            # 200 tables, best of 3 runs each (~6 s)
    .venv/bin/python benchmarks/bench_split.py --tables 50 --repeat 1

The tables are those of ``tests/table3_maker.py`` (2021 template, seven columns,
counts mostly zero, three- and four-digit counts in many rows), seeded, so that
two runs on one machine split the same tables.  Every row is joined (the digits
of its seven cells run together), the hardest form a crawler writes.  The figure
is CPU time (``time.process_time``) per table, the least of ``--repeat`` runs:
wall time on a shared machine says more about the neighbours than about the
solver.  Issue 11 asks for "a few milliseconds" per table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from govinfo_reports.tables.fused import Row, Split, split_table, table3_relations

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from table3_maker import SEVEN, realistic_table3


def joined_tables(count: int, seed: int = 2024) -> list[list[Row]]:
    """``count`` realistic tables 三, every row's digits run together."""
    rng = random.Random(seed)
    return [
        [Row.fused(r, SEVEN, "".join(str(cells[c]) for c in SEVEN)) for r, cells in realistic_table3(rng).items()]
        for _ in range(count)
    ]


def measure(tables: list[list[Row]], repeat: int = 3) -> dict[str, float]:
    """Median and greatest CPU time per table (ms), median and greatest work units, tables split."""
    relations = list(table3_relations())
    times: list[float] = []
    work: list[int] = []
    split = 0
    for rows in tables:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            result = split_table(rows, relations)
            best = min(best, time.process_time() - start)
        times.append(best * 1000)
        work.append(result.work)
        split += isinstance(result, Split)
    return {
        "median_ms": statistics.median(times),
        "max_ms": max(times),
        "median_work": statistics.median(work),
        "max_work": max(work),
        "split": split,
    }


def main(argv: list[str] | None = None) -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    figures = measure(joined_tables(args.tables), args.repeat)
    print(
        f"split_table, {args.tables} realistic tables 三 with every row joined (CPU time, best of {args.repeat}):\n"
        f"  median {figures['median_ms']:.2f} ms, max {figures['max_ms']:.2f} ms a table;"
        f" work median {figures['median_work']:.0f}, max {figures['max_work']:.0f} units;"
        f" {figures['split']:.0f} of {args.tables} split"
    )


if __name__ == "__main__":
    main()
