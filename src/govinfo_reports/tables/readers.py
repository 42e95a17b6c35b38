"""Readers that turn one table into facts: tables 二, 三 and 四 by their template, legacy tables by their grid.

The national readers walk the table's cells in reading order, which is the
same in layouts A, B and M: a row label, then its value cells.  They match row
labels against the template (by wording, in either punctuation width) and
fall back on position: a run of values without a label (a PDF converter put
the label elsewhere), or under a damaged label, belongs to the next row the
template expects.  Padding never reaches a fact: a row takes exactly as many
value cells as the template has columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import Any

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.syntax.nodes import Diagnostic, ScannedCell, Table, scanned_cells
from govinfo_reports.tables.grid import (
    Grid,
    GridCell,
    Placement,
    grid_of,
    is_heading,
    place_rows,
    plan_rows,
    row_records,
)
from govinfo_reports.tables.templates import (
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE2_2019,
    TABLE2_2019_COLUMNS,
    TABLE2_2021,
    TABLE2_2021_COLUMNS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    TABLE4_COLUMN,
    TABLE4_INDICATORS,
    Table2Row,
    TableKind,
)
from govinfo_reports.values import fold, is_fused_run, normalize, read_value, unit_of_header

__all__ = [
    "T2_LABELS",
    "LegacyHeader",
    "Table3State",
    "TableReading",
    "is_table3_row_label",
    "read_legacy",
    "read_table2",
    "read_table3",
    "read_table4",
]


@attrs.frozen
class TableReading:
    """What a reader found in one table."""

    #: Which template table it is.
    kind: TableKind
    #: The template version the table shows, when it tells (``national-2021`` …).
    template: str | None
    #: The facts, in reading order.
    facts: tuple[Fact, ...]
    #: Builds the table's grid on demand (most callers want the facts only).
    build_grid: Callable[[], Grid] = attrs.field(repr=False, eq=False)
    #: Guesses and doubts (``fused-digits``).
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def grid(self) -> Grid:
        """The table's grid: rows, columns, spans and header cells."""
        return self.build_grid()


def _is_value(cell: ScannedCell) -> bool:
    text = cell.text
    return not text or _value_like(text)


# memo cache: see values.normalize for what the memo caches buy
@lru_cache(maxsize=8192)
def _value_like(text: str) -> bool:
    return read_value(text).kind != "text"


def _fact(
    indicator: str | None,
    path: tuple[str, ...],
    column: str,
    cell: ScannedCell,
    table: str,
    unit: str | None = None,
) -> Fact:
    read = read_value(cell.text)
    return Fact(indicator, path, column, read.value, read.unit or unit, cell.text, table, span=cell.span)


def _collect(
    cells: Sequence[ScannedCell],
    start: int,
    count: int,
    *,
    rows: bool = False,
    slots_lead: bool = False,
    markdown: bool = False,
) -> tuple[list[ScannedCell], int]:
    """Up to ``count`` value cells from ``start``; stops at a label. Returns the cells and the next index.

    A converter grid (pdfplumber-style markdown) writes an empty cell for every
    column a merged label covers (``| 一、本年新收… |  |  | 3001 | … |``), while a
    flattened HTML table pads its short rows at the end: when more value cells
    follow a label than the row has columns, the excess is taken from the
    empty cells at the row's end first, and the rest from the empty cells
    right after the label (all of them first when ``slots_lead``, the side the
    table's other rows show, see :func:`_slots_lead`).  Only empty cells are
    ever passed over, never a number nor padding.  With ``rows`` (layouts B and M, whose
    rows open with a pipe) a row that holds a value, or as many cells as the
    template has columns, keeps its values to itself; otherwise the run of
    value cells after the label is taken, and passed over only when what
    remains is one row.

    >>> from govinfo_reports import parse
    >>> cells = scanned_cells(parse("| 规章 |  |  | 1 | 2 | 3 |\\n|---|---|---|---|---|---|\\n").tables[0])
    >>> [c.text for c in _collect(cells, 1, 3, rows=True, markdown=True)[0]]
    ['1', '2', '3']
    """
    n = len(cells)
    stop = start
    while stop < n and _is_value(cells[stop]):
        stop += 1
    bounded = False
    if rows:
        row_end = next((j for j in range(start + 1, stop) if cells[j].opens_row), stop)
        if row_end - start >= count or any(cells[j].text for j in range(start, row_end)):
            stop, bounded = row_end, True
    excess = stop - start - count
    if excess > 0:
        lead, trail = _blank_ends(cells, start, stop, excess, markdown=markdown)
        drop = min(lead, excess) if slots_lead else max(0, min(lead, excess - trail))
        if bounded or excess - drop <= trail:
            start += drop
    end = min(stop, start + count)
    return list(cells[start:end]), end


def _blank_ends(
    cells: Sequence[ScannedCell], start: int, stop: int, cap: int, *, markdown: bool = False
) -> tuple[int, int]:
    """How many empty cells open and close ``cells[start:stop]`` (each counted up to ``cap``).

    Padding (``行政许可 |||``) ends a row: it is never a label slot, so it does not open a run
    (in markdown, whose rows are one line each, no pipe is padding for certain).
    """
    lead = 0
    while lead < cap and start + lead < stop and not cells[start + lead].text:
        if cells[start + lead].padding and not markdown:
            break
        lead += 1
    trail = 0
    while trail < cap and stop - trail > start + lead and not cells[stop - 1 - trail].text:
        trail += 1
    return lead, trail


def _slots_lead(
    cells: Sequence[ScannedCell], width_of: Callable[[str], int | None], *, rows: bool, markdown: bool
) -> bool:
    """Whether a table's surplus empty cells sit right after the row labels (a converter grid's label slots).

    Each row with more value cells than its label's columns votes, when only
    one side can hold the surplus: the empty cells after its label, or those at
    its end.  A flattened HTML table pads at the end; a converter grid leaves
    the slots of a merged label after it.
    """
    votes = 0
    n = len(cells)
    i = 0
    while i < n:
        cell = cells[i]
        i += 1
        if _is_value(cell):
            continue
        width = width_of(cell.text)
        start = i
        while i < n and _is_value(cells[i]) and not (rows and cells[i].opens_row):
            i += 1
        if width is None or i - start <= width:
            continue
        excess = i - start - width
        lead, trail = _blank_ends(cells, start, i, excess, markdown=markdown)
        if lead >= excess > trail:
            votes += 1
        elif trail >= excess > lead:
            votes -= 1
    return votes > 0


def _fused(values: Sequence[ScannedCell], expected: int, path: tuple[str, ...]) -> list[Diagnostic]:
    """Flag a digit run standing where more cells were expected than arrived."""
    missing = expected - len(values)
    if missing <= 0:
        return []
    out = []
    for cell in values:
        if is_fused_run(cell.text, missing + 1):
            label = "/".join(path) or "a row"
            out.append(
                Diagnostic(
                    "fused-digits",
                    f"{label}: {cell.text!r} stands where {missing + 1} cells were expected;"
                    " it may be several numbers run together and is not read",
                    span=cell.span,
                )
            )
    return out


_UNPIPED_KINDS = frozenset({"spaced", "item", "gap"})


def blanks_unseen(table: Table) -> bool:
    """Whether ``table`` was written without pipes (cells apart by blanks, or a cell per line).

    There an empty cell leaves no trace: a row with fewer values than the template's
    columns cannot say which column each value belongs to.
    """
    return bool(table.lines) and all(line.kind in _UNPIPED_KINDS for line in table.lines)


def _short_row(
    values: Sequence[ScannedCell], expected: int, path: tuple[str, ...], unseen: bool, fused: list[Diagnostic]
) -> list[Diagnostic] | None:
    """The diagnostics of a row whose values cannot be placed, or ``None`` when they can.

    In a table without pipes a short row is not read (a wrong number is worse than a
    missing one); a digit run in it is already named by ``fused``.
    """
    if not unseen or not values or len(values) >= expected:
        return None
    if fused:
        return fused
    label = "/".join(path) or "a row"
    return [
        Diagnostic(
            "short-row",
            f"{label}: {len(values)} values where the template has {expected} columns, in a table without"
            " pipes, where an empty cell leaves no trace: which column each value is in cannot be told,"
            " and the row is not read",
            span=values[0].span.cover(values[-1].span),
        )
    ]


# --- grids of national tables ------------------------------------------------------------


@attrs.frozen
class _Row:
    labels: tuple[
        tuple[ScannedCell, int, int], ...
    ]  # (cell, column, colspan); a cell repeated in the next row spans it
    values: tuple[ScannedCell, ...]


def _assemble(header: Sequence[Sequence[ScannedCell]], rows: Sequence[_Row], n_labels: int, n_values: int) -> Grid:
    placed: list[GridCell] = []
    r = 0
    for hrow in header:
        col = 0
        for cell in hrow:
            if not cell.text:
                continue
            placed.append(GridCell(r, col, cell.lines, is_header=True, span=cell.span))
            col += 1
        r += 1
    open_labels: dict[int, tuple[ScannedCell, int]] = {}  # column -> (cell, index in placed)
    for row in rows:
        seen: dict[int, tuple[ScannedCell, int]] = {}
        for cell, col, colspan in row.labels:
            held = open_labels.get(col)
            if held is not None and held[0] is cell:
                index = held[1]
                placed[index] = attrs.evolve(placed[index], rowspan=placed[index].rowspan + 1)
                seen[col] = held
                continue
            placed.append(GridCell(r, col, cell.lines, colspan=colspan, span=cell.span))
            seen[col] = (cell, len(placed) - 1)
        open_labels = seen
        for j, cell in enumerate(row.values):
            placed.append(GridCell(r, n_labels + j, cell.lines, span=cell.span))
        r += 1
    placed.sort(key=lambda c: (c.row, c.col))
    return Grid(tuple(placed), r, n_labels + n_values, n_labels)


def _once(build: Callable[[], Grid]) -> Callable[[], Grid]:
    """``build``, run on the first call only (lighter than an ``lru_cache`` wrapper per table)."""
    made: list[Grid] = []

    def grid() -> Grid:
        if not made:
            made.append(build())
        return made[0]

    return grid


def _reread(reader: Callable[..., TableReading], table: Table, *args: Any) -> Callable[[], Grid]:
    """A grid builder that reads the table again when asked.

    A reading keeps its facts, not the cells they were read from: the grid,
    which few callers want, is rebuilt from the table's lines on demand.
    """

    def build() -> Grid:
        return reader(table, scanned_cells(table), *args, keep_cells=True).grid

    return _once(build)


# --- table 三 -----------------------------------------------------------------------------

_T3_HEADER = frozenset(
    {"申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "小计"}
)
_T3_SUBS = {
    "不予公开": "denied",
    "无法提供": "unavailable",
    "不予处理": "not_processed",
    "其他处理": "other",
}
_T3_KEYWORDS = (
    ("国家秘密", "requests.result.denied.state_secret"),
    ("禁止公开", "requests.result.denied.prohibited_by_law"),
    ("三安全一稳定", "requests.result.denied.security_stability"),
    ("第三方合法权益", "requests.result.denied.third_party_rights"),
    ("内部事务", "requests.result.denied.internal_affairs"),
    ("过程性信息", "requests.result.denied.process_information"),
    ("行政执法案卷", "requests.result.denied.enforcement_files"),
    ("行政查询事项", "requests.result.denied.administrative_query"),
    ("不掌握", "requests.result.unavailable.not_held"),
    ("另行制作", "requests.result.unavailable.needs_creation"),
    ("仍不明确", "requests.result.unavailable.unclear"),
    ("信访举报投诉", "requests.result.not_processed.petition"),
    ("重复申请", "requests.result.not_processed.repeated"),
    ("公开出版物", "requests.result.not_processed.publication"),
    ("大量反复", "requests.result.not_processed.excessive"),
    ("重新出具", "requests.result.not_processed.confirmation"),
    ("逾期不补正", "requests.result.other.no_correction"),
    ("缴纳费用", "requests.result.other.unpaid_fee"),
    ("本年新收", "requests.received"),
    ("上年结转", "requests.carried_over"),
    ("结转下年度", "requests.carried_forward"),
    ("结转下一年度", "requests.carried_forward"),
    ("部分公开", "requests.result.partly_granted"),
)
_NUMBER_PREFIX = re.compile(r"^(\d{1,4})[.、]")  # no group has that many rows; int() of a long run is costly
_SUB_ROWS = {
    key: tuple(r for r in TABLE3_ROWS_2021 if r.startswith(f"requests.result.{key}."))
    for key in ("denied", "unavailable", "not_processed", "other")
}


def is_table3_row_label(text: str) -> bool:
    """Whether a text is one of table 三's row labels (by its distinctive words)."""
    folded = normalize(text)
    return any(mark in folded for mark, _ in _T3_KEYWORDS) or _t3_sub(text) is not None


def _is_t3_row(text: str) -> bool:
    return _t3_named(normalize(text)) is not None or "总计" in text or _NUMBER_PREFIX.match(normalize(text)) is not None


def _sub_of(indicator: str) -> str | None:
    parts = indicator.split(".")
    return parts[2] if len(parts) == 4 else None


@attrs.define
class Table3State:
    """Where the reading of table 三 stands; carried over to the next table when a table is split."""

    version: str | None = None
    pointer: int = 0
    top: ScannedCell | None = None
    sub: str | None = None
    sub_cell: ScannedCell | None = None
    data: bool = False
    columns: tuple[str, ...] = (*TABLE3_APPLICANT_COLUMNS, "total")

    def order(self) -> tuple[str, ...]:
        """The rows expected, in order."""
        return TABLE3_ROWS_2019 if self.version == NATIONAL_2019 else TABLE3_ROWS_2021

    def expected(self) -> str | None:
        """The row the template expects next."""
        order = self.order()
        return order[self.pointer] if self.pointer < len(order) else None

    def advance(self, indicator: str) -> None:
        """Note that ``indicator`` was read."""
        if indicator == "requests.result.other":
            self.version = NATIONAL_2019
        elif indicator.startswith("requests.result.other."):
            self.version = NATIONAL_2021
        order = self.order()
        if indicator in order:
            self.pointer = order.index(indicator) + 1


# memo cache: see values.normalize for what the memo caches buy
@lru_cache(maxsize=4096)
def _t3_named(folded: str) -> str | None:
    """The indicator a folded row label names by its own words, whatever the context."""
    if "予以公开" in folded and "不予" not in folded:
        return "requests.result.granted"
    for mark, indicator in _T3_KEYWORDS:
        if mark in folded:
            return indicator
    return None


def _t3_row(text: str, state: Table3State) -> str | None:
    """The indicator a row label names, in the context of the current group."""
    folded = normalize(text)
    named = _t3_named(folded)
    if named is not None:
        return named
    if "总计" in folded and state.data:
        return "requests.result.total"
    number = _NUMBER_PREFIX.match(folded)
    if number and state.sub is not None:
        rows = _SUB_ROWS[state.sub]
        index = int(number.group(1)) - 1
        if 0 <= index < len(rows):
            return rows[index]
    if state.sub == "other" and folded.endswith("其他") and state.data:
        return "requests.result.other.other"
    return None


# memo cache: see values.normalize for what the memo caches buy
@lru_cache(maxsize=4096)
def _t3_sub(text: str) -> str | None:
    folded = normalize(text)
    for mark, key in _T3_SUBS.items():
        if mark in folded:
            return key
    return None


def read_table3(
    table: Table, cells: Sequence[ScannedCell], state: Table3State, *, keep_cells: bool = False
) -> TableReading:
    """Read table 三 (收到和处理政府信息公开申请情况) against the template."""
    before = None if keep_cells else attrs.evolve(state)
    facts: list[Fact] = []
    diagnostics: list[Diagnostic] = []
    header: list[ScannedCell] = []
    rows: list[_Row] = []
    if not state.data:
        joined = {normalize(c.text) for c in cells}
        if "小计" in joined:
            state.columns = (*TABLE3_APPLICANT_COLUMNS, "organization_subtotal", "total")
    width = len(state.columns)
    unseen = blanks_unseen(table)
    rows_known = table.layout in ("B", "M")
    markdown = table.layout == "M"
    lead = _slots_lead(cells, lambda text: width if _is_t3_row(text) else None, rows=rows_known, markdown=markdown)
    i = 0
    while i < len(cells):
        cell = cells[i]
        if not cell.text:
            i += 1
            continue
        if _is_value(cell):
            if not state.data:
                i += 1
                continue
            indicator = state.expected()
            values, i = _collect(cells, i, width, rows=rows_known, slots_lead=lead, markdown=markdown)
            if indicator is not None:
                state.sub, state.sub_cell = _sub_of(indicator), None
                fused = _fused(values, width, ())
                refused = _short_row(values, width, (), unseen, fused)
                facts.extend(_t3_facts(indicator, (), values, state) if refused is None else ())
                diagnostics.extend(fused if refused is None else refused)
                rows.append(_Row((), tuple(values)))
                state.advance(indicator)
            continue
        folded = normalize(cell.text)
        if not state.data and (folded in _T3_HEADER or "勾稽关系" in folded or folded in ("其他", "总计")):
            header.append(cell)
            i += 1
            continue
        if "本年度办理结果" in folded or folded in ("三、", "三"):
            state.top = cell
            state.sub = None
            state.sub_cell = None
            i += 1
            if "予以公开" not in folded:
                continue
            # 三、本年度办理结果 run together with (一)予以公开: fall through as the row label too.
        sub = None if "予以公开" in folded and "不予" not in folded else _t3_sub(cell.text)
        indicator = _t3_row(cell.text, state)
        if sub is not None and indicator is None:
            state.sub = sub
            state.sub_cell = cell
            state.data = True
            nxt = _next_nonempty(cells, i + 1)
            # 2019: (六)其他处理 is one row; 2021: numbered sub-rows follow it.  At the end of a
            # table (split by a converter) it cannot be told yet: the next values decide by position.
            if (
                sub == "other"
                and nxt is not None
                and (
                    _is_value(cells[nxt])
                    or not (_t3_row(cells[nxt].text, state) or "").startswith("requests.result.other.")
                )
            ):
                indicator = "requests.result.other"
            else:
                i += 1
                continue
        if indicator is None:
            # Unknown text: a damaged row label when values follow, otherwise a title or stray words.
            nxt = _next_nonempty(cells, i + 1)
            if state.data and nxt is not None and _is_value(cells[nxt]):
                indicator = state.expected()
            if indicator is None:
                i += 1
                continue
        state.data = True
        if _sub_of(indicator) != state.sub:
            state.sub, state.sub_cell = _sub_of(indicator), None
        path, labels = _t3_path(indicator, cell, state)
        values, i = _collect(cells, i + 1, width, rows=rows_known, slots_lead=lead, markdown=markdown)
        fused = _fused(values, width, path)
        refused = _short_row(values, width, path, unseen, fused)
        facts.extend(_t3_facts(indicator, path, values, state) if refused is None else ())
        diagnostics.extend(fused if refused is None else refused)
        rows.append(_Row(labels, tuple(values)))
        state.advance(indicator)
    template = (
        state.version if any(f.indicator and f.indicator.startswith("requests.result.other") for f in facts) else None
    )
    grid: Callable[[], Grid]
    if before is None:
        grid = _once(partial(_assemble, _header_rows(header), rows, 3, width))
    else:
        grid = _reread(read_table3, table, before)
    return TableReading("三", template, tuple(facts), grid, tuple(diagnostics))


def _header_rows(header: Sequence[ScannedCell]) -> list[list[ScannedCell]]:
    return [list(header)] if header else []


def _next_nonempty(cells: Sequence[ScannedCell], start: int) -> int | None:
    for j in range(start, len(cells)):
        if cells[j].text:
            return j
    return None


def _t3_path(
    indicator: str, cell: ScannedCell, state: Table3State
) -> tuple[tuple[str, ...], tuple[tuple[ScannedCell, int, int], ...]]:
    if not indicator.startswith("requests.result."):
        return (cell.text,), ((cell, 0, 3),)
    path: list[str] = []
    labels: list[tuple[ScannedCell, int, int]] = []
    if state.top is not None:
        path.append(state.top.text)
        labels.append((state.top, 0, 1))
    if _sub_of(indicator) is not None and state.sub_cell is not None and state.sub_cell is not cell:
        path.append(state.sub_cell.text)
        labels.append((state.sub_cell, 1, 1))
    path.append(cell.text)
    col = labels[-1][1] + 1 if labels else 0
    labels.append((cell, col, 3 - col))
    return tuple(path), tuple(labels)


def _t3_facts(indicator: str, path: tuple[str, ...], values: Sequence[ScannedCell], state: Table3State) -> list[Fact]:
    return [_fact(indicator, path, column, cell, "三") for column, cell in zip(state.columns, values, strict=False)]


# --- table 四 -----------------------------------------------------------------------------


def read_table4(table: Table, cells: Sequence[ScannedCell], *, keep_cells: bool = False) -> TableReading:
    """Read table 四 (行政复议、行政诉讼): one row of fifteen values after the header."""
    last_label = max((i for i, c in enumerate(cells) if not _is_value(c)), default=-1)
    header = [c for c in cells[: last_label + 1] if c.text]
    values: list[ScannedCell] = []
    if table.layout in ("B", "M"):
        row: list[ScannedCell] = []
        rows: list[list[ScannedCell]] = []
        for cell in cells[last_label + 1 :]:
            if cell.opens_row or not rows:
                row = []
                rows.append(row)
            row.append(cell)
        for candidate in rows:
            if any(read_value(c.text).kind == "number" for c in candidate):
                # The value row spans the full width, so it has no padding: a longer run holds
                # the header's padding (or an opener lost to a blank first cell) in front.
                values = candidate[-len(TABLE4_INDICATORS) :]
                break
    if not values:
        # Layout A, or a value row with no number at all: the last fifteen cells after the header.
        tail = list(cells[last_label + 1 :])
        values = tail[-len(TABLE4_INDICATORS) :] if len(tail) >= len(TABLE4_INDICATORS) else tail
    paths = _t4_paths(header)
    facts = [
        _fact(indicator, paths[k] if paths else (), TABLE4_COLUMN, cell, "四")
        for k, (indicator, cell) in enumerate(zip(TABLE4_INDICATORS, values, strict=False))
    ]
    diagnostics = _fused(values, len(TABLE4_INDICATORS), ("行政复议、行政诉讼",)) if len(values) < 15 else []
    refused = _short_row(values, len(TABLE4_INDICATORS), ("行政复议、行政诉讼",), blanks_unseen(table), diagnostics)
    if refused is not None:
        facts, diagnostics = [], refused
    grid: Callable[[], Grid]
    if keep_cells:
        grid = _once(partial(_assemble, _header_rows(header), [_Row((), tuple(values))], 0, len(TABLE4_INDICATORS)))
    else:
        grid = _reread(read_table4, table)
    return TableReading("四", None, tuple(facts), grid, tuple(diagnostics))


def _t4_paths(header: Sequence[ScannedCell]) -> list[tuple[str, ...]]:
    """Header texts above each of the fifteen columns, when the header has the template's 19 cells."""
    if len(header) != 19:
        return []
    review, litigation = header[0].text, header[1].text
    outcomes_review = [c.text for c in header[2:7]]
    direct, after = header[7].text, header[8].text
    outcomes = [c.text for c in header[9:19]]
    paths: list[tuple[str, ...]] = [(review, o) for o in outcomes_review]
    paths += [(litigation, direct, o) for o in outcomes[:5]]
    paths += [(litigation, after, o) for o in outcomes[5:]]
    return paths


# --- table 二 -----------------------------------------------------------------------------

_T2_HEADERS = frozenset(
    {"信息内容"} | {fold(h, traditional=False) for h in (*TABLE2_2019_COLUMNS.values(), *TABLE2_2021_COLUMNS.values())}
)
#: Table 二's row labels, folded (:func:`~govinfo_reports.values.normalize`), with their indicator ids.
T2_LABELS = {
    "规章": "proactive.regulations",
    "行政规范性文件": "proactive.normative_documents",
    "规范性文件": "proactive.normative_documents",
    "行政许可": "proactive.licensing",
    "其他对外管理服务事项": "proactive.other_services",
    "行政处罚": "proactive.penalties",
    "行政强制": "proactive.enforcement",
    "行政事业性收费": "proactive.administrative_fees",
    "政府集中采购": "proactive.centralized_procurement",
}


def _t2_width(by_indicator: dict[str, Table2Row], text: str) -> int | None:
    indicator = T2_LABELS.get(normalize(text))
    row = by_indicator.get(indicator) if indicator is not None else None
    return len(row.columns) if row is not None else None


def read_table2(
    table: Table, cells: Sequence[ScannedCell], version: str | None, *, keep_cells: bool = False
) -> TableReading:
    """Read table 二 (主动公开政府信息情况): blocks of 第二十条 items, each with its header and rows."""
    spec: tuple[Table2Row, ...] = TABLE2_2019 if version == NATIONAL_2019 else TABLE2_2021
    by_indicator = {row.indicator: row for row in spec}
    facts: list[Fact] = []
    diagnostics: list[Diagnostic] = []
    header: list[ScannedCell] = []
    rows: list[_Row] = []
    group: ScannedCell | None = None
    block_units: list[str | None] = []
    unseen = blanks_unseen(table)
    rows_known = table.layout in ("B", "M")
    markdown = table.layout == "M"
    lead = _slots_lead(cells, partial(_t2_width, by_indicator), rows=rows_known, markdown=markdown)
    i = 0
    while i < len(cells):
        cell = cells[i]
        if _is_value(cell):
            i += 1
            continue
        folded = normalize(cell.text)
        indicator = T2_LABELS.get(folded)
        if indicator is None or indicator not in by_indicator:
            if "第二十条" in folded:
                group = cell
                block_units = []
            elif folded in _T2_HEADERS or is_heading(cell.text) or "单位" in folded:
                header.append(cell)
                if folded != "信息内容":
                    block_units.append(unit_of_header(cell.text))
            i += 1
            continue
        row = by_indicator[indicator]
        values, i = _collect(cells, i + 1, len(row.columns), rows=rows_known, slots_lead=lead, markdown=markdown)
        path = (group.text, cell.text) if group is not None else (cell.text,)
        fused = _fused(values, len(row.columns), path)
        refused = _short_row(values, len(row.columns), path, unseen, fused)
        for k, (column, value_cell) in enumerate(zip(row.columns, values if refused is None else (), strict=False)):
            unit = block_units[k] if k < len(block_units) else None
            if unit is None and column == "amount" and version != NATIONAL_2019:
                unit = "万元"
            facts.append(_fact(indicator, path, column, value_cell, "二", unit))
        diagnostics.extend(fused if refused is None else refused)
        labels: list[tuple[ScannedCell, int, int]] = [(cell, 1, 1)] if group is not None else [(cell, 0, 2)]
        if group is not None:
            labels.insert(0, (group, 0, 1))
        rows.append(_Row(tuple(labels), tuple(values)))
    grid: Callable[[], Grid]
    if keep_cells:
        grid = _once(partial(_assemble, _header_rows(header), rows, 2, 3))
    else:
        grid = _reread(read_table2, table, version)
    return TableReading("二", version, tuple(facts), grid, tuple(diagnostics))


# --- legacy tables ------------------------------------------------------------------------


@attrs.frozen
class LegacyHeader:
    """The value-column names of a legacy table, kept for its continuation tables."""

    #: Column names, left to right (``累计数``, ``2017年发生数``); ``单位`` marks a unit column.
    names: tuple[str, ...]


_UNIT_HEADERS = frozenset({"单位", "计量单位"})


def read_legacy(
    table: Table, cells: Sequence[ScannedCell], inherited: LegacyHeader | None
) -> tuple[TableReading, LegacyHeader | None]:
    """Read a legacy statistics table by its grid; a table without a header takes ``inherited``.

    The facts are read from the placed cells; the frozen :class:`Grid` is
    rebuilt from the table only when a caller asks for it, so that a report
    keeps its facts and not the scaffolding they were read from.
    """
    placement, names = _legacy_placement(table, cells, inherited)
    header = LegacyHeader(tuple(names)) if placement.headers and any(names) else inherited
    facts = _legacy_facts(placement, names)
    return TableReading("legacy", None, facts, _once(partial(_legacy_grid, table, inherited))), header


def _legacy_placement(
    table: Table, cells: Sequence[ScannedCell], inherited: LegacyHeader | None, *, grid: bool = False
) -> tuple[Placement, list[str]]:
    plan = plan_rows(row_records(table, cells))
    placement: Placement | None = None
    names: list[str] = []
    if plan.header_rows or inherited is None:
        placement = place_rows(plan, None, grid=grid)
        names = _column_names(placement)
    if inherited is not None and (placement is None or not any(names)):
        # A continuation table without a header of its own: the columns of the table before it.
        placement = place_rows(plan, len(inherited.names), grid=grid)
        names = list(inherited.names)
    assert placement is not None
    return placement, names


def _legacy_grid(table: Table, inherited: LegacyHeader | None) -> Grid:
    return grid_of(_legacy_placement(table, scanned_cells(table), inherited, grid=True)[0])


def _legacy_facts(placement: Placement, names: Sequence[str]) -> tuple[Fact, ...]:
    """The value cells of every data row, named by the row's label path and the column's header."""
    width = placement.width - placement.n_labels
    column_names = [*names[:width], *[""] * (width - len(names))]
    unit_cols = {k for k, name in enumerate(column_names) if normalize(name) in _UNIT_HEADERS}
    header_units = [unit_of_header(name) for name in column_names]
    facts: list[Fact] = []
    add = facts.append
    for labels, values in placement.data_rows:
        label_path = tuple([cell.text for cell in labels if cell.text])
        if not label_path:
            continue
        row_unit: str | None = None
        if unit_cols:
            for k, cell in enumerate(values):
                if k in unit_cols and cell.text:
                    row_unit = normalize(cell.text)
        for k, cell in enumerate(values):
            if unit_cols and k in unit_cols:
                continue
            add(_fact(None, label_path, column_names[k], cell, "legacy", row_unit or header_units[k]))
    return tuple(facts)


def _column_names(placement: Placement) -> list[str]:
    n_labels = placement.n_labels
    names = [""] * (placement.width - n_labels)
    for _, c, _, colspan, _, cell in placement.headers:
        if not cell.text:
            continue
        for col in range(c, c + colspan):
            k = col - n_labels
            if 0 <= k < len(names):
                names[k] = cell.text
    return names
