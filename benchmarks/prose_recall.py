"""Prose recall on real reports with one number changed, on a development half and a held-out half.

    python benchmarks/prose_recall.py            # both halves, with the numbers missed
    python benchmarks/prose_recall.py --half dev

For each real report (``seeds/*.txt`` and the shared corpus), the prose numbers a rule can
check are found on the report as it is:

* the total and parts of a breakdown the prose says is complete (``prose.parts-sum``);
* a part stated with its share, and the total it is a share of (``prose.share``);
* a count a table also states, equal to the table's cell (``prose.table-agreement``);
* the percentage of a part with its share (``占6%``, ``prose.share``).

Statements the rules already find wrong, and approximate ones (3200余条), are left out.  Each
such number is then changed (+1, -1, ×10, two adjacent digits swapped; a percentage with decimals
by one unit of its last decimal, and ×10: the changes that do not change it are skipped) and the report read again: the change is *caught* when some finding of
a ``prose`` rule has the changed number among its facts.  Numbers of breakdowns that are not
said to be complete are counted apart (``open``): only a change that makes the parts exceed
the total can be caught there.

Those numbers are the ones the prose reader finds.  A second figure counts the numbers a reader of
each report wrote down as checkable (``tests/golden/prose/checkable.tsv``, with what was left out
and why), found by the prose reader or not: a change is caught there when more findings point at
the number than on the report as it is.

The halves are fixed by the file name's hash (sha256 of the name before its first dot, so the
forms of one report, pingtan-2024.html/.layoutB.txt/.pagetxt.txt, fall in the same half): odd
first byte held out.  Text forms are changed in their text; the PDF in its text rendering (the
reader's input), parsed as text; the HTML page is not changed (its layout-B form is the same
report, in the same half), only checked for false errors.  False errors are the error findings
of every rule on the reports as they are (read with :func:`parse_file`), but for those a seed
truly has (``tests/golden/findings``, written from reading the seed: 桦甸市供销社 2017 states
5 + 123 = 283 and 2093 + 18 = 2096).
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs

from govinfo_reports import Report, parse, parse_file
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.prose import Quantity, Share, statements
from govinfo_reports.rules import Context
from govinfo_reports.rules.agreement import table_quantities
from govinfo_reports.sources.files import read_document
from govinfo_reports.validate import validate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path("/work/shared/corpus")
HALVES = ("dev", "held-out")


def half(path: Path) -> str:
    """The half a report is in, fixed by its name: ``"held-out"`` when sha256 of the name before its first dot is odd."""
    key = path.name.split(".")[0]
    return "held-out" if hashlib.sha256(key.encode()).digest()[0] % 2 else "dev"


def reports() -> list[Path]:
    """The real reports: the seeds and the shared corpus (when it is here)."""
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.iterdir() if p.name != "MANIFEST.md")
    return files


def mutable_text(path: Path) -> str | None:
    """The text a report is changed in: the file's text, a PDF's rendering; ``None`` for an HTML page."""
    if path.suffix in {".txt", ".md"}:
        return path.read_text(encoding="utf-8")
    if path.suffix == ".pdf":
        document = read_document(path)
        return None if document is None else document.text
    return None


@attrs.frozen
class Target:
    """A prose number a rule can check, and what checks it."""

    #: The count, or the percentage (:class:`Share`, kind ``"percent"``).
    quantity: Quantity | Share
    #: ``"sum"``, ``"share"``, ``"table"``, ``"percent"`` (a share: 占6%), or ``"open"`` (a part or
    #: total of a breakdown not said complete).
    kind: str


def _points_at(finding: Finding, start: int) -> bool:
    return any(f.span.start == start for f in finding.facts)


def targets(report: Report) -> list[Target]:
    """The prose numbers of a report that a prose rule can check, each once (the surest kind kept)."""
    found = validate(report, select={"prose"})
    wrong = {s.start for f in found for s in f.extra_spans}
    by_start: dict[int, Target] = {}
    rank = {"table": 0, "sum": 1, "share": 2, "percent": 3, "open": 4}

    def keep(q: Quantity | Share, kind: str) -> None:
        if isinstance(q, Quantity) and (q.approximate or not q.text.isdigit()):
            return
        if isinstance(q, Share) and not _PERCENT.fullmatch(q.text):
            return
        if any(_points_at(f, q.span.start) for f in found):
            return
        old = by_start.get(q.span.start)
        if old is None or rank[kind] < rank[old.kind]:
            by_start[q.span.start] = Target(q, kind)

    for statement in statements(report):
        if statement.span.start in wrong or statement.total.approximate:
            continue
        if any(p.quantity.approximate for p in statement.parts):
            continue
        shared = [p for p in statement.parts if p.share is not None]
        for q in (statement.total, *(p.quantity for p in statement.parts)):
            keep(q, "sum" if statement.complete else "open")
        for p in shared:
            keep(p.quantity, "share")
            if p.share is not None and statement.total.value:
                keep(p.share, "percent")
        if shared and statement.total.value:
            keep(statement.total, "share")
    ctx = Context.of(report)
    for mention in table_quantities(ctx):
        cells = [ctx.get(*c) for c in mention.indicators]
        if any(c is None or c.value is None for c in cells):
            continue
        if sum(c.value for c in cells if c is not None and c.value is not None) == mention.quantity.value:
            keep(mention.quantity, "table")
    return sorted(by_start.values(), key=lambda t: t.quantity.span.start)


_PERCENT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def mutations(text: str) -> Iterator[tuple[str, str]]:
    """The changes of a number's digits: (name, new digits), those that change it only.

    A percentage with decimals (57.5) changes by one unit of its last decimal (57.6, 57.4), and
    ×10 (575); its digits are not swapped.
    """
    if "." in text:
        unit = Decimal(1).scaleb(-len(text.split(".")[1]))
        value = Decimal(text)
        shown = [str(value + unit), str(value - unit) if value >= unit else text, str((value * 10).normalize())]
        for name, new in zip(("+1", "-1", "x10"), shown, strict=True):
            if new != text and Decimal(new) != value:
                yield name, new
        return
    value = int(text)
    seen = {text}
    candidates = [("+1", str(value + 1)), ("-1", str(value - 1) if value else text), ("x10", str(value * 10))]
    for i in range(len(text) - 1):
        if text[i] != text[i + 1] and not (i == 0 and text[1] == "0"):
            candidates.append(("swap", text[:i] + text[i + 1] + text[i] + text[i + 2 :]))
            break
    for name, new in candidates:
        if new not in seen:
            seen.add(new)
            yield name, new


@attrs.define
class Tally:
    """What one half gave."""

    caught: dict[str, int] = attrs.Factory(dict)
    tried: dict[str, int] = attrs.Factory(dict)
    missed: list[str] = attrs.Factory(list)
    false_errors: list[str] = attrs.Factory(list)
    reports: list[str] = attrs.Factory(list)

    def add(self, kind: str, caught: bool, what: str) -> None:
        self.tried[kind] = self.tried.get(kind, 0) + 1
        self.caught[kind] = self.caught.get(kind, 0) + caught
        if not caught:
            self.missed.append(what)

    def figure(self, kinds: tuple[str, ...] = ("sum", "share", "table", "percent")) -> tuple[int, int]:
        """(caught, tried) over the kinds given (by default those a rule checks whatever the change)."""
        return sum(self.caught.get(k, 0) for k in kinds), sum(self.tried.get(k, 0) for k in kinds)


def _golden(path: Path) -> list[str]:
    """The findings a seed truly has, written from reading it (tests/golden/findings); none for the corpus."""
    golden = ROOT / "tests" / "golden" / "findings" / f"{path.stem}.txt"
    return golden.read_text(encoding="utf-8").splitlines() if path.parent == SEEDS and golden.is_file() else []


def run(which: str) -> Tally:
    """Mutate every checkable prose number of the reports of one half; count those caught and the false errors."""
    tally = Tally()
    for path in reports():
        if half(path) != which:
            continue
        tally.reports.append(path.name)
        known = set(_golden(path))
        tally.false_errors += [
            f"{path.name}: {f}"
            for f in validate(parse_file(path))
            if f.severity is Severity.ERROR and str(f) not in known
        ]
        text = mutable_text(path)
        if text is None:
            continue
        for target in targets(parse(text)):
            q = target.quantity
            start, end = q.span.start, q.span.start + len(q.text)
            assert text[start:end] == q.text, (path.name, q.text)
            for name, new in mutations(q.text):
                found = validate(parse(text[:start] + new + text[end:]), select={"prose"})
                caught = any(_points_at(f, start) for f in found)
                unit = q.unit if isinstance(q, Quantity) else "%"
                what = f"{path.name}:{q.span.line} {target.kind} {q.text}{unit} {name} -> {new}"
                tally.add(target.kind, caught, what)
    return tally


CHECKABLE = ROOT / "tests" / "golden" / "prose" / "checkable.tsv"


@attrs.frozen
class Checkable:
    """A prose number a rule could check, as a reader of the report wrote it down (:data:`CHECKABLE`)."""

    file: str
    line: int
    #: Where the number starts in the text.
    start: int
    #: The number as written.
    text: str
    kind: str


def checkable(path: Path, text: str) -> list[Checkable]:
    """The numbers of :data:`CHECKABLE` for one report, located in its text (the words must be unique on the line)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    out = []
    for row in CHECKABLE.read_text(encoding="utf-8").splitlines():
        if not row or row.startswith("#"):
            continue
        name, number, words, kind = row.split("\t")[:4]
        if name != path.name:
            continue
        line = lines[int(number) - 1]
        plain = words.replace("[", "").replace("]", "")
        assert line.count(plain) == 1, (name, number, words)
        at = line.index(plain) + words.index("[")
        digits = words[words.index("[") + 1 : words.index("]")]
        out.append(Checkable(name, int(number), offsets[int(number) - 1] + at, digits, kind))
    return out


def _pointing(found: list[Finding], start: int) -> int:
    return sum(_points_at(f, start) for f in found)


def by_reading(which: str) -> Tally:
    """Mutate every number of :data:`CHECKABLE` in one half: caught when more findings point at it than before."""
    tally = Tally()
    for path in reports():
        if half(path) != which:
            continue
        text = mutable_text(path)
        if text is None:
            continue
        tally.reports.append(path.name)
        before = validate(parse(text), select={"prose"})
        for number in checkable(path, text):
            start, end = number.start, number.start + len(number.text)
            assert text[start:end] == number.text
            for name, new in mutations(number.text):
                found = validate(parse(text[:start] + new + text[end:]), select={"prose"})
                caught = _pointing(found, start) > _pointing(before, start)
                what = f"{path.name}:{number.line} {number.kind} {number.text} {name} -> {new}"
                tally.add(number.kind, caught, what)
    return tally


def main() -> None:
    """Print the figures of each half."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=HALVES, action="append")
    args = parser.parse_args()
    for which in args.half or HALVES:
        tally = run(which)
        caught, tried = tally.figure()
        print(f"{which}: {len(tally.reports)} reports: {', '.join(tally.reports)}")
        for kind in ("sum", "share", "table", "percent", "open"):
            print(f"  {kind:5}: caught {tally.caught.get(kind, 0)}/{tally.tried.get(kind, 0)}")
        share = f"{caught / tried:.3f}" if tried else "n/a"
        print(f"  recall (sum, share, table, percent): {caught}/{tried} = {share}")
        print(f"  false errors on the reports as they are: {len(tally.false_errors)}")
        for line in tally.false_errors:
            print(f"    {line}")
        for line in tally.missed:
            print(f"    missed {line}")
        read = by_reading(which)
        caught, tried = read.figure()
        share = f"{caught / tried:.3f}" if tried else "n/a"
        print(f"  by reading (tests/golden/prose/checkable.tsv): caught {caught}/{tried} = {share}")
        for line in read.missed:
            print(f"    missed {line}")


if __name__ == "__main__":
    main()
