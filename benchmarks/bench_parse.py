"""How fast is ``parse``?  Against a one-pass regex classification of the same lines.

Usage::

    .venv/bin/python benchmarks/bench_parse.py            # 1,000 reports, median of 5 runs (~40 s)
    .venv/bin/python benchmarks/bench_parse.py --quick    # 200 reports, median of 3 runs

The corpus is the seeds (``seeds/*.txt``) in four variants each (as written,
full-width punctuation, CRLF, both), repeated to the number of reports asked
for.  Each approach processes every report of the corpus and keeps what it
makes (as a real caller would); the figure is the median of several runs.
``x regex`` is the time of the approach divided by the time of the regex pass
(docs: /work/shared/spec/performance.md).  The target is the whole pipeline
(parse + facts + validate) within 40x: when the grammar took over the tables
(issue "The house"), the earlier targets (parse 15x, pipeline 25x) were given
up for a grammar that describes rows, cells and continuation lines.

The linearity check parses one text made of the seed variants concatenated
until it is 50 times the size of an average report (one big report-like text:
many sections, tables and attachments one after the other) and compares its
cost per character with that of the normal-size reports: it must be no more
than 1.5 times as much.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from govinfo_reports import Report, parse

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})

# One compiled pattern naming the kind of every line: the bound that the
# performance notes compare parsers with.  Same line shapes as the grammar.
_WS = r"[ \t\u3000\u00a0\ufeff]*"
LINE_RE = re.compile(
    rf"""
    (?P<md_sep>{_WS}\|?(?:[ \t]*:?-{{3,}}:?[ \t]*\|)+(?:[ \t]*:?-{{3,}}:?[ \t]*)?[ \t\r]*$)
  | (?P<pipes>{_WS}\|[ \t\u3000\u00a0|\r]*$)
  | (?P<open>{_WS}\|)
  | (?P<close>[^|]*\|)
  | (?P<blank>[ \t\u3000\u00a0\ufeff\r]*$)
  | (?P<date>{_WS}(?:[0-9０-９]{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}})[ \t]*年[ \t]*[0-9０-９一二三四五六七八九十]{{1,3}}[ \t]*月
        [ \t]*[0-9０-９一二三四五六七八九十]{{1,3}}[ \t]*日[ \t\u3000\u00a0\r]*$)
  | (?P<pubdate>{_WS}发布(?:日期|时间)[ \t]*[:：])
  | (?P<attach>{_WS}附[ \t]*件[ \t]*(?:[0-9０-９]+|[一二三四五六七八九十]+)?[ \t]*(?:[:：].*)?\r?$)
  | (?P<heading>{_WS}(?:[一二三四五六七八九十百零〇]+[ \t]*、
        | [(（][ \t]*(?:[一二三四五六七八九十百零〇]+|[0-9０-９]{{1,3}})[ \t]*[)）]
        | [0-9０-９]{{1,3}}[ \t]*(?:、|[.．](?![0-9０-９]))
        | [①-⑳]))
  | (?P<filename>.{{1,200}}\.(?:docx?|DOCX?|pdf|PDF|wps|WPS|xlsx?|XLSX?|txt|html?|et)[ \t\r]*$)
  | (?P<text>)
    """,
    re.VERBOSE,
)

Approach = Callable[[Sequence[Any]], list[Any]]


# ---------------------------------------------------------------------------
# the corpus


def load_seeds(folder: Path = SEEDS) -> list[str]:
    """The texts of ``seeds/*.txt``, each ending with a line break."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return [t if t.endswith("\n") else t + "\n" for t in texts]


def variants(text: str) -> list[str]:
    """The text as written, with full-width punctuation, with CRLF, and with both."""
    full = text.translate(_FULLWIDTH)
    return [text, full, text.replace("\n", "\r\n"), full.replace("\n", "\r\n")]


def build_corpus(seeds: Sequence[str], reports: int) -> list[str]:
    """``reports`` texts: the variants of the seeds, repeated."""
    distinct = [v for seed in seeds for v in variants(seed)]
    return [distinct[i % len(distinct)] for i in range(reports)]


def big_text(seeds: Sequence[str], factor: int) -> str:
    """One text ``factor`` times the size of an average seed variant, made of whole seed variants."""
    distinct = [v for seed in seeds for v in variants(seed)]
    target = factor * sum(len(t) for t in distinct) / len(distinct)
    parts: list[str] = []
    size = 0
    while size < target:
        part = distinct[len(parts) % len(distinct)]
        parts.append(part)
        size += len(part)
    return "".join(parts)


# ---------------------------------------------------------------------------
# the approaches


def split_lines(files: Sequence[Path]) -> list[Any]:
    """Read, decode and split into lines: the floor."""
    return [p.read_bytes().decode("utf-8").splitlines() for p in files]


def classify_lines(texts: Sequence[str]) -> list[Any]:
    """One compiled-regex match per line, keeping the kind of each line."""
    match = LINE_RE.match
    out = []
    for text in texts:
        kinds = []
        for line in text.split("\n"):
            m = match(line)
            kinds.append(m.lastgroup if m else None)
        out.append(kinds)
    return out


def parse_all(texts: Sequence[str]) -> list[Any]:
    """Our parser."""
    return [parse(t) for t in texts]


def parse_and_facts(texts: Sequence[str]) -> list[Any]:
    """Parse, then read the facts of the tables."""
    out = []
    for t in texts:
        report = parse(t)
        out.append((report, report.facts))
    return out


def find_validate() -> Callable[[Report], Any] | None:
    """``govinfo_reports.validate.validate`` (or the package's ``validate``), when it exists."""
    for module, name in (("govinfo_reports.validate", "validate"), ("govinfo_reports", "validate")):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if callable(found):
            return found  # type: ignore[no-any-return]
    return None


def approaches() -> list[tuple[str, str, Approach]]:
    """(label, input, function) for each approach; input is ``files`` or ``texts``."""
    out: list[tuple[str, str, Approach]] = [
        ("read + decode + split lines", "files", split_lines),
        ("one-pass regex line classification", "texts", classify_lines),
        ("parse", "texts", parse_all),
    ]
    if hasattr(Report, "facts"):
        out.append(("parse + facts", "texts", parse_and_facts))
    validate = find_validate()
    if validate is not None and hasattr(Report, "facts"):

        def parse_facts_validate(texts: Sequence[str]) -> list[Any]:
            results = []
            for t in texts:
                report = parse(t)
                results.append((report, report.facts, validate(report)))
            return results

        out.append(("parse + facts + validate", "texts", parse_facts_validate))
    return out


# ---------------------------------------------------------------------------
# measuring


def timed(function: Approach, data: Sequence[Any]) -> float:
    """Seconds for one run; the results stay alive until the clock stops."""
    gc.collect()
    start = time.perf_counter()
    kept = function(data)
    elapsed = time.perf_counter() - start
    del kept
    return elapsed


def measure(function: Approach, data: Sequence[Any], repeats: int) -> list[float]:
    """The times of ``repeats`` runs (after one warm-up run on a few items)."""
    function(data[: min(len(data), 5)])
    return [timed(function, data) for _ in range(repeats)]


def linearity(seeds: Sequence[str], factor: int, repeats: int) -> tuple[float, float, float]:
    """Seconds per million characters at normal size and at ``factor`` times the size, and their ratio.

    The normal size is every seed variant parsed once; each figure is the
    minimum over ``repeats`` runs (the least disturbed by the machine).
    """
    normal = [v for seed in seeds for v in variants(seed)]
    big = [big_text(seeds, factor)]
    normal_chars = sum(len(t) for t in normal)
    per_char_normal = min(measure(parse_all, normal, repeats)) / normal_chars * 1e6
    per_char_big = min(measure(parse_all, big, repeats)) / len(big[0]) * 1e6
    return per_char_normal, per_char_big, per_char_big / per_char_normal


def run(
    reports: int, repeats: int, factor: int = 50
) -> tuple[list[tuple[str, float, float, float]], tuple[float, float, float]]:
    """Measure every approach on ``reports`` reports, and the linearity at ``factor``.

    Returns:
        The rows (label, MB/s, reports/s, x regex) and the linearity figures.
    """
    seeds = load_seeds()
    texts = build_corpus(seeds, reports)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        distinct = [v for seed in seeds for v in variants(seed)]
        paths = []
        for i, text in enumerate(distinct):
            path = Path(tmp) / f"{i:03d}.txt"
            path.write_bytes(text.encode("utf-8"))
            paths.append(path)
        files = [paths[i % len(paths)] for i in range(reports)]
        medians: dict[str, float] = {}
        for label, kind, function in approaches():
            medians[label] = statistics.median(measure(function, files if kind == "files" else texts, repeats))
    regex = medians["one-pass regex line classification"]
    rows = [(label, megabytes / t, reports / t, t / regex) for label, t in medians.items()]
    return rows, linearity(seeds, factor, repeats)


def stage_costs(repeats: int = 50) -> list[tuple[str, float, float, float]]:
    """Per seed: the time of parse, and the extra time of facts and of validate on top of it.

    Facts are timed as parse + facts minus parse (a fresh report each time, so
    nothing is cached), validate as parse + facts + validate minus parse + facts.
    Each time is the fastest of ``repeats`` runs: a difference of two times
    well under a millisecond needs the least disturbed ones (as timeit advises).
    """
    validate = find_validate()
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")

        def parse_only(text: str = text) -> None:
            parse(text)

        def with_facts(text: str = text) -> None:
            parse(text).facts  # noqa: B018 - the property does the work

        def with_validate(text: str = text) -> None:
            report = parse(text)
            report.facts  # noqa: B018
            if validate is not None:
                validate(report)

        times = []
        for function in (parse_only, with_facts, with_validate):
            function()
            runs = []
            for _ in range(repeats):
                start = time.perf_counter()
                function()
                runs.append(time.perf_counter() - start)
            times.append(min(runs))
        out.append((path.name[:3], times[0], times[1] - times[0], times[2] - times[1]))
    return out


def report_table(rows: Sequence[tuple[str, float, float, float]], megabytes: float, reports: int) -> str:
    lines = [
        f"{reports} reports, {megabytes:.1f} MB (UTF-8)",
        f"{'approach':<38} {'MB/s':>8} {'reports/s':>10} {'x regex':>8}",
    ]
    lines += [f"{label:<38} {mbs:>8.1f} {rps:>10,.0f} {ratio:>8.1f}" for label, mbs, rps, ratio in rows]
    return "\n".join(lines)


#: The pipeline's bar, as a multiple of the regex pass measured in the same run.
PIPELINE_TARGET = 40


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="200 reports, 3 runs")
    parser.add_argument("--reports", type=int, default=None, help="number of reports (default 1000)")
    parser.add_argument("--repeats", type=int, default=None, help="runs per approach (default 5)")
    args = parser.parse_args(argv)
    reports = args.reports or (200 if args.quick else 1000)
    repeats = args.repeats or (3 if args.quick else 5)
    factor = 50
    rows, (normal, big, ratio) = run(reports, repeats, factor)
    megabytes = sum(len(t.encode("utf-8")) for t in build_corpus(load_seeds(), reports)) / 1e6
    print(report_table(rows, megabytes, reports))
    parse_ratio = next(r for label, _, _, r in rows if label == "parse")
    print(f"parse is {parse_ratio:.1f}x the regex pass")
    whole = next((r for label, _, _, r in rows if label == "parse + facts + validate"), None)
    if whole is not None:
        print(
            f"parse + facts + validate is {whole:.1f}x the regex pass (target: within {PIPELINE_TARGET}x):"
            f" {'ok' if whole <= PIPELINE_TARGET else 'SLOWER'}"
        )
    print("per seed, fastest of 50 runs (facts and validate: the time they add, as a multiple of parse):")
    totals = [0.0, 0.0, 0.0]
    for name, p, f, v in stage_costs():
        totals = [totals[0] + p, totals[1] + f, totals[2] + v]
        print(f"  seed {name}: parse {p * 1e3:6.2f} ms  facts {f / p:5.2f}x  validate {v / p:5.2f}x")
    print(f"  all seeds: facts {totals[1] / totals[0]:.2f}x parse, validate {totals[2] / totals[0]:.2f}x parse")
    print(
        f"linearity: {normal:.3f} s per million characters at normal size, {big:.3f} at {factor}x the size:"
        f" ratio {ratio:.2f} (limit 1.5): {'ok' if ratio <= 1.5 else 'NOT LINEAR'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
