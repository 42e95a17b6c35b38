"""Cost per byte of hostile texts, against the seeds' cost per byte measured in the same run.

Usage::

    .venv/bin/python benchmarks/bench_hostile.py            # every unit, ~30 KB each
    .venv/bin/python benchmarks/bench_hostile.py --stages   # and where the time goes
    .venv/bin/python benchmarks/bench_hostile.py 'x\\n' '1.\\n'   # chosen units (Python escapes)

A hostile text is one short unit repeated (``"x\\n" * 15000``): the cheapest
bytes to write and, per byte, the dearest to read, since every line, heading or
cell costs the pipeline (parse + facts + validate) a fixed amount whatever its
length.  Issue 10's bar is at most 5 times the seeds' time per UTF-8 byte
(``tests/test_fuzz_cost.py`` checks the same quantity).  The figure for each
unit is the fastest of three runs in CPU time; so is the seeds' baseline.

``--stages`` splits the time into parse, facts (``report.facts``) and validate.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from govinfo_reports import parse, validate

ROOT = Path(__file__).resolve().parent.parent

#: The units the fuzzers and the issue found dearest per byte, and a few ordinary ones for scale.
UNITS = (
    "x\n",
    "a\n\n",
    "a1\n",
    ".\n",
    "1x\n",
    "1.\n",
    "(1)\n",
    "(一)\n",
    "（一）\n",
    "一、\n",
    "①\n",
    "附件\n",
    "附件1:\n",
    "2024年1月1日\n",
    "规章 0 0 3\n",
    "1\n",
    "x\n0\n",
    "|",
    "||\n",
    "| a\n",
    "| 1 |\n",
    "x\n|\n",
    "(|||(",
    "其中",
    " ",
    "本机关全年主动公开政府信息30条。\n",
)

#: Bytes of each hostile text.
SIZE = 30_000


def best(run: Callable[[], object], repeats: int = 3) -> float:
    """The fastest of ``repeats`` runs, in CPU seconds."""
    fastest = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        fastest = min(fastest, time.process_time() - start)
    return fastest


def pipeline(text: str) -> None:
    """parse + facts + validate: what a caller runs on every report."""
    report = parse(text)
    report.facts  # noqa: B018  # computed on first access
    validate(report)


def stages(text: str) -> tuple[float, float, float]:
    """CPU seconds of parse, facts and validate (each the fastest of three runs)."""
    parsed = best(lambda: parse(text))
    with_facts = best(lambda: parse(text).facts)
    whole = best(lambda: pipeline(text))
    return parsed, with_facts - parsed, whole - with_facts


def main() -> None:
    """Print each unit's cost per byte as a multiple of the seeds'."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("units", nargs="*", help="units to repeat, with Python escapes (default: the built-in list)")
    ap.add_argument("--stages", action="store_true", help="split each unit's time into parse, facts and validate")
    ap.add_argument("--size", type=int, default=SIZE, help=f"bytes of each hostile text (default {SIZE})")
    args = ap.parse_args()
    # non-ASCII characters pass through as escapes of their own: decoding UTF-8 bytes as escapes would read them as Latin-1
    units = (
        [u.encode("ascii", "backslashreplace").decode("unicode_escape") for u in args.units]
        if args.units
        else list(UNITS)
    )

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for text in seeds:
        pipeline(text)  # warm up: grammar, caches
    seed_rate = sum(best(lambda t=t: pipeline(t)) for t in seeds) / sum(len(t.encode()) for t in seeds)
    print(f"seeds: {seed_rate * 1e6:.3f} µs/byte (baseline, this run)")
    header = f"{'unit':<24} {'bytes':>7} {'µs/unit':>8} {'× seeds':>8}"
    print(header + ("   parse   facts  validate (µs/unit)" if args.stages else ""))
    worst = 0.0
    for unit in units:
        k = max(1, args.size // len(unit.encode()))
        text = unit * k
        size = len(text.encode())
        took = best(lambda text=text: pipeline(text))
        ratio = took / size / seed_rate
        worst = max(worst, ratio)
        line = f"{unit!r:<24} {size:>7} {took / k * 1e6:>8.2f} {ratio:>7.1f}x"
        if args.stages:
            p, f, v = stages(text)
            line += f"  {p / k * 1e6:>6.2f}  {f / k * 1e6:>6.2f}  {v / k * 1e6:>8.2f}"
        print(line)
    print(f"worst: {worst:.1f}x the seeds per byte (bar: 5x)")


if __name__ == "__main__":
    main()
