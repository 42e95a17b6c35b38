"""Rules of legacy statistics tables: breakdowns that sum to their parent, parts within their whole, 累计 at least 本年."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import sys
from collections.abc import Iterator

from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules.registry import (
    Context,
    Rule,
    balanced,
    equation,
    number_text,
    register,
    row_label,
)
from govinfo_reports.tables.templates import (
    LEGACY,
)

# ---------------------------------------------------------------------------
# legacy tables


_PAREN_CN = re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]")
_CN = re.compile(r"([一二三四五六七八九十]{1,3})[、.．]")
_PAREN_AR = re.compile(r"[(（]([0-9０-９]{1,2})[)）]")
_ARABIC = re.compile(r"([0-9０-９]{1,2})(?:[.、．,，]\s*|(?=[^\d0-9０-９.、．年月日个次人件条项万元%％]))")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_QIZHONG = re.compile(r"^[\s\u3000]*其中\s*[:：,，、]?\s*")
_CN_DIGITS = "一二三四五六七八九"


def _cn_value(text: str) -> int:
    """The value of a Chinese numeral below 100 (``三``, ``十二``, ``二十一``); 0 when it is not one (``八一``).

    >>> [_cn_value(t) for t in ("三", "十", "十二", "二十", "二十一", "八一", "十十")]
    [3, 10, 12, 20, 21, 0, 0]
    """
    m = _CN_NUMERAL.fullmatch(text)
    if m is None or not text:
        return 0
    tens, ten, units = m.groups()
    value = (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 if ten else 0
    return value + (_CN_DIGITS.index(units) + 1 if units else 0)


_CN_NUMERAL = re.compile(r"(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?")


# memo cache: see values.normalize for what the memo caches buy
@functools.lru_cache(maxsize=4096)
def _numbering(label: str) -> tuple[bool, str | None, int]:
    """``(has 其中, numbering kind, ordinal)`` of a legacy row label.

    >>> _numbering("其中:1.专职人员数"), _numbering("(三)申请答复数"), _numbering("涉及商业秘密")
    ((True, 'arabic', 1), (False, 'paren_cn', 3), (False, None, 0))
    """
    text = label.strip(" \u3000\t")
    m = _QIZHONG.match(text)
    qizhong = m is not None
    if m is not None:
        text = text[m.end() :]
    if text and text[0] in _CIRCLED:
        return qizhong, "circled", _CIRCLED.index(text[0]) + 1
    for kind, pattern in (("paren_cn", _PAREN_CN), ("cn", _CN), ("paren_arabic", _PAREN_AR), ("arabic", _ARABIC)):
        found = pattern.match(text)
        if found is not None:
            raw = found.group(1)
            ordinal = _cn_value(raw) if kind in ("paren_cn", "cn") else int(raw.translate(_FULLWIDTH))
            return qizhong, kind, ordinal
    return qizhong, None, 0


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


class _Row:
    """A row of a legacy table: its label path and its cells by column."""

    __slots__ = ("cells", "label_path")

    def __init__(self, label_path: tuple[str, ...], cells: dict[str, Fact]) -> None:
        self.label_path = label_path
        self.cells = cells

    @property
    def label(self) -> str:
        return self.label_path[-1] if self.label_path else ""


class _Breakdown:
    """A parent row and the rows that break it down."""

    __slots__ = ("children", "kind", "parent")

    def __init__(self, parent: _Row, children: list[_Row], kind: str) -> None:
        self.parent = parent
        self.children = children
        self.kind = kind  # "numbered" or "qizhong"


def _legacy_rows(ctx: Context) -> list[list[_Row]]:
    """The legacy facts as rows, grouped by table (by source table when the report is known)."""
    facts = [f for f in ctx.facts if f.indicator is None and f.table == "legacy"]
    if not facts:
        return []
    tables = ctx.texts_and_tables[1]  # ctx.report.tables
    starts = [t.span.start for t in tables]
    ends = [t.span.end for t in tables]
    ordered = all(a <= b for a, b in itertools.pairwise(starts))

    def table_of(position: int) -> tuple[int, int, int]:
        """The table holding an offset (-1: none), and the offsets around it that have the same answer."""
        i = bisect.bisect_right(starts, position) - 1
        found = i if i >= 0 and position < ends[i] else -1
        if not ordered:
            return found, position, position + 1
        low = starts[i] if i >= 0 else -1
        high = starts[i + 1] if i + 1 < len(starts) else sys.maxsize
        if found >= 0:
            high = min(high, ends[i])
        elif i >= 0:
            low = max(low, ends[i])
        return found, low, max(high, position + 1)

    groups: dict[int, list[_Row]] = {}
    rows: list[_Row] = []
    low = high = 0  # the offsets [low, high) belong to the table of ``rows``
    path: tuple[str, ...] | None = None  # the label path and the cells of the last row of ``rows``
    cells: dict[str, Fact] = {}
    for fact in facts:
        position = fact.span.start
        if not low <= position < high:
            table, low, high = table_of(position)
            rows = groups.setdefault(table, [])
            path, cells = (rows[-1].label_path, rows[-1].cells) if rows else (None, {})
        column = fact.column
        if column not in cells and path is not None and path == fact.label_path:
            cells[column] = fact
        else:
            path, cells = fact.label_path, {column: fact}
            rows.append(_Row(path, cells))
    return [groups[k] for k in sorted(groups)]


def _breakdowns(rows: list[_Row]) -> list[_Breakdown]:
    """Parent rows and their numbered children, and rows introduced by 其中 with their whole.

    A row numbered 1 (in any numbering kind) opens a breakdown of the row just
    before it; rows numbered 2, 3 … of the same kind continue it; a row of a
    kind further out closes it (kinds are ranked in the order the table first
    uses them, as headings are).  Unnumbered rows do not close anything.
    Breakdowns never cross a change of group label.
    """
    rank: dict[str, int] = {}
    out: list[_Breakdown] = []
    # stack of (kind, breakdown, last ordinal)
    stack: list[tuple[str, _Breakdown, int]] = []
    previous: _Row | None = None
    whole_of_qizhong: _Row | None = None
    qizhong: _Breakdown | None = None
    group: tuple[str, ...] | None = None
    numbering = _numbering
    for row in rows:
        path = row.label_path
        if path[:-1] != group:
            group = path[:-1]
            stack, previous, qizhong, whole_of_qizhong = [], None, None, None
        has_qizhong, kind, ordinal = numbering(path[-1] if path else "")
        if has_qizhong and previous is not None:
            whole_of_qizhong = previous
            qizhong = _Breakdown(previous, [], "qizhong")
            out.append(qizhong)
        if has_qizhong and qizhong is not None:
            qizhong.children.append(row)
        elif kind is None and qizhong is not None and whole_of_qizhong is not None:
            # unnumbered rows after a 其中 row: more parts of the same whole
            qizhong.children.append(row)
        if kind is not None:
            level = rank.setdefault(kind, len(rank))
            while stack and rank[stack[-1][0]] > level:
                stack.pop()
            depth: int | None = None
            for i, entry in enumerate(stack):
                if entry[0] == kind:
                    depth = i
                    break
            if depth is not None:
                entry_kind, breakdown, last = stack[depth]
                del stack[depth + 1 :]
                if ordinal == last + 1:
                    breakdown.children.append(row)
                    stack[depth] = (entry_kind, breakdown, ordinal)
                else:
                    del stack[depth:]
                    depth = None
            if depth is None and ordinal == 1 and previous is not None:
                breakdown = _Breakdown(previous, [row], "numbered")
                out.append(breakdown)
                stack.append((kind, breakdown, 1))
            if not has_qizhong:
                qizhong, whole_of_qizhong = None, None
        previous = row
    return out


def _legacy_label(fact: Fact) -> str:
    return f"「{row_label(fact)}」"


def _same_unit(whole: Fact, part: Fact | None) -> bool:
    """Counts of different units (条 and 件, 人 and 万元) are not parts of one another."""
    return part is None or whole.unit is None or part.unit is None or whole.unit == part.unit


@register(
    "legacy.breakdown-sum",
    "Legacy tables: numbered sub-rows sum to their parent row",
    severity=Severity.WARNING,
    templates=(LEGACY,),
)
def _legacy_breakdown_sum(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A row followed by rows numbered 1. 2. 3. … (or (一) (二) …, ① ② …) is usually broken down by
    them (收到申请数 = 当面 + 传真 + 网络 + 信函): in each column the children sum to the parent.  Whether a
    breakdown is complete is not always knowable, hence a warning.  Children counted in another
    unit than the parent (人 under 个) are not a breakdown of it."""
    for breakdown in _legacy(ctx)[1]:
        if breakdown.kind != "numbered" or len(breakdown.children) < 2:
            continue
        rows = [child.cells for child in breakdown.children]
        for column, parent in breakdown.parent.cells.items():
            values = [c.value if (c := cells.get(column)) is not None else None for cells in rows]
            if parent.value is None or None in values or balanced([parent.value], values):
                continue  # a blank or missing cell: not assessable; or the sum holds
            children = [cells.get(column) for cells in rows]
            if not all(_same_unit(parent, child) for child in children):
                continue
            finding = equation(rule, [parent], children, f"column {column}", _legacy_label)
            if finding is not None:
                yield finding


@register(
    "legacy.part-exceeds-whole",
    "Legacy tables: a 其中 row is not larger than its whole",
    templates=(LEGACY,),
)
def _legacy_part_exceeds_whole(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A row introduced by 其中 (and the unnumbered rows after it) counts a part of the row before it:
    in each column it is at most that row's value."""
    for breakdown in _legacy(ctx)[1]:
        if breakdown.kind != "qizhong":
            continue
        for column, whole in breakdown.parent.cells.items():
            if whole.value is None:
                continue
            for child in breakdown.children:
                part = child.cells.get(column)
                if part is None or part.value is None or part.value <= whole.value or not _same_unit(whole, part):
                    continue
                yield rule.finding(
                    f"column {column}: the part 「{child.label}」 {number_text(part.value)} is larger than its whole"
                    f" 「{breakdown.parent.label}」 {number_text(whole.value)} (difference {number_text(part.value - whole.value)})",
                    expected=whole.value,
                    actual=part.value,
                    facts=[whole, part],
                )


_CUMULATIVE = re.compile(r"累计")
_YEAR = re.compile(r"本年|当年|年度|\d{4}\s*年|发生")


@register(
    "legacy.cumulative-below-year",
    "Legacy tables: a cumulative count (累计数) is at least the year's count",
    templates=(LEGACY,),
)
def _legacy_cumulative(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """In a table with a 累计数 column and a year column (本年发生数, 2017年发生数), the cumulative
    value of a row is never below the same row's value for the year."""
    kinds: dict[str, int] = {}  # column -> 1: cumulative, 2: the year's, 0: other

    def kind(column: str) -> int:
        found = kinds.get(column)
        if found is None:
            found = kinds[column] = 1 if _CUMULATIVE.search(column) else 2 if _YEAR.search(column) else 0
        return found

    for rows in _legacy(ctx)[0]:
        columns = set().union(*(row.cells for row in rows))
        cumulatives = [c for c in columns if kind(c) == 1]
        years = [c for c in columns if kinds[c] == 2]
        if not cumulatives or not years:
            continue  # no row of the table has both
        for row in rows:
            if len(cumulatives) == 1 and len(years) == 1:
                # the only columns of their kinds: a row has both or is not concerned
                total_or_none, annual_or_none = row.cells.get(cumulatives[0]), row.cells.get(years[0])
                if total_or_none is None or annual_or_none is None:
                    continue
                total, annual = total_or_none, annual_or_none
            else:
                cumulative = [f for c, f in row.cells.items() if kinds[c] == 1]
                year = [f for c, f in row.cells.items() if kinds[c] == 2]
                if len(cumulative) != 1 or len(year) != 1:
                    continue
                total, annual = cumulative[0], year[0]
            if total.value is None or annual.value is None or total.value >= annual.value:
                continue
            yield rule.finding(
                f"row 「{row.label}」: {total.column} {number_text(total.value)} is below {annual.column}"
                f" {number_text(annual.value)} (difference {number_text(total.value - annual.value)})",
                expected=annual.value,
                actual=total.value,
                facts=[total, annual],
            )


def _legacy_structure(ctx: Context) -> tuple[list[list[_Row]], list[_Breakdown]]:
    tables = _legacy_rows(ctx)
    return tables, [b for rows in tables for b in _breakdowns(rows)]


def _legacy(ctx: Context) -> tuple[list[list[_Row]], list[_Breakdown]]:
    """The legacy tables' rows and breakdowns, worked out once per context for the three legacy rules."""
    return ctx.derived(_legacy_structure)
