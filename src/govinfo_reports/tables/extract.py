"""The extraction pass: every table of a report recognised, read, and the report's template decided."""

from __future__ import annotations

import re

import attrs

from govinfo_reports._gc import paused_gc
from govinfo_reports.facts import Extraction, Fact
from govinfo_reports.syntax.nodes import (
    BlockIndex,
    Diagnostic,
    Paragraph,
    Report,
    Section,
    Span,
    Table,
    block_index,
    register_fact_reader,
    scanned_cells,
)
from govinfo_reports.syntax.render import render
from govinfo_reports.tables.grid import Grid
from govinfo_reports.tables.joined import JOINED_MARKS, JoinedReading, read_joined
from govinfo_reports.tables.readers import (
    T2_LABELS,
    LegacyHeader,
    Table3State,
    TableReading,
    is_table3_row_label,
    read_legacy,
    read_table2,
    read_table3,
    read_table4,
)
from govinfo_reports.tables.templates import (
    LEGACY,
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE2_2019,
    TABLE2_2021,
    Table2Row,
    TableKind,
    classify_text,
    table2_version,
)
from govinfo_reports.values import MAX_DIGITS, normalize, read_value, to_simplified, unit_of_header

__all__ = ["extract", "extract_report"]


def extract(report: Report) -> Extraction:
    """Recognise the report's template and read the facts of its tables (what :attr:`Report.facts` gives).

    Lenient: bad input never raises; a table that cannot be read gives a
    ``table-unreadable`` diagnostic and no facts.

    >>> from govinfo_reports import parse
    >>> text = "指标 |\\n累计数 |\\n人员数 |\\n3 |\\n"
    >>> ex = extract(parse(text))
    >>> ex.template, [(f.label_path, f.column, f.value) for f in ex.facts]
    ('legacy', [(('人员数',), '累计数', Decimal('3'))])
    """
    with paused_gc():
        return extract_report(report)


@attrs.define
class _Survey:
    """What the extraction needs to know of the report besides its tables' cells."""

    #: The report's blocks (:func:`~govinfo_reports.syntax.nodes.block_index`).
    index: BlockIndex
    #: Tables in document order, with the index of the top-level block that holds them and their section's title.
    tables: list[tuple[Table, int, str]]
    #: Whether a paragraph or a section heading holds a statistics-table header (指标名称 计量单位 …).
    stats: bool
    #: Whether a paragraph or heading names a national table's rows (a table whose cells were joined, maybe).
    joined: bool


def _survey(report: Report) -> _Survey:
    index = block_index(report)
    blocks = index.blocks
    tables = []
    for at, table in zip(index.positions(Table), index.of(Table), strict=True):
        # the title of the table's section: its innermost section of level 1
        title = next((b.title for b in index.ancestors(at) if isinstance(b, Section) and b.level == 1), "")
        tables.append((table, index.owner(at), title))
    # Every paragraph and heading, searched at once: neither the hint nor a mark holds a NUL, so
    # joined by NULs they match where one of them does.  With the block index instead of a walk,
    # Report.facts of "x\n" * 15000 went from 0.50 to 0.10 µs a line, of "①\n" * 7500 from 1.5 to 0.3.
    said = "\0".join([b.text if type(b) is Paragraph else b.heading if type(b) is Section else "" for b in blocks])
    return _Survey(
        index,
        tables,
        stats=_STATS_HINT.search(said) is not None,
        joined=any(m in said for m in JOINED_MARKS),
    )


def _kind_by_position(title: str, texts: list[str]) -> TableKind | None:
    """Recognise a table whose labels are damaged by its section (二、三、四 of the template) and shape."""
    folded = normalize(title)
    if "行政复议" in folded and "行政诉讼" in folded and _numbers(texts) >= 10:
        return "四"
    if "收到和处理" in folded and _numbers(texts) >= 7:
        return "三"
    if "主动公开政府信息情况" in folded and any("第二十条" in normalize(t) for t in texts):
        return "二"
    return None


def _numbers(texts: list[str]) -> int:
    return sum(read_value(t).kind == "number" for t in texts)


def extract_report(report: Report) -> Extraction:
    """:func:`extract` without pausing the collector."""
    readings: list[TableReading] = []
    diagnostics: list[Diagnostic] = []
    survey = _survey(report)
    tables = survey.tables
    scans = [scanned_cells(table) for table, _, _ in tables]
    texts = [[c.text for c in cells if c.text] for cells in scans]
    kinds = [classify_text(t) for t in texts]
    version2 = next((v for t, k in zip(texts, kinds, strict=True) if k == "二" for v in [table2_version(t)] if v), None)
    state3 = Table3State(version=version2)
    legacy_header: LegacyHeader | None = None
    legacy_owner = -1
    previous: str | None = None
    for (table, owner, title), cells, table_texts, found in zip(tables, scans, texts, kinds, strict=True):
        kind = found or _kind_by_position(title, table_texts)
        if kind is None and previous == "三" and _continues(table_texts):
            kind = "三"
        try:
            if kind == "二":
                reading = read_table2(table, cells, table2_version(table_texts) or version2)
            elif kind == "三":
                reading = read_table3(table, cells, state3)
            elif kind == "四":
                reading = read_table4(table, cells)
            else:
                if owner != legacy_owner:
                    legacy_header = None
                reading, legacy_header = read_legacy(table, cells, legacy_header)
                legacy_owner = owner
        except Exception as error:
            diagnostics.append(
                Diagnostic("table-unreadable", f"the table could not be read ({type(error).__name__})", span=table.span)
            )
            reading = TableReading("legacy", None, (), lambda: Grid((), 0, 0))
        readings.append(reading)
        diagnostics.extend(reading.diagnostics)
        previous = reading.kind
    facts: tuple[Fact, ...] = tuple(f for r in readings for f in r.facts)
    template = _template(readings, state3)
    joined = _joined(report, survey, readings)
    if joined is not None:
        diagnostics.extend(joined.diagnostics)
        if joined.facts:
            facts = tuple(sorted((*facts, *joined.facts), key=lambda f: f.span.start))
            if template is None or (template == LEGACY and joined.template != LEGACY):
                template = joined.template
    if template in (NATIONAL_2021, NATIONAL_2019):
        read = {f.indicator for f in facts if f.table == "二"}
        loose = _table2_rows_in_prose(
            survey.index.of(Paragraph), TABLE2_2019 if template == NATIONAL_2019 else TABLE2_2021, read
        )
        if loose:
            facts = tuple(sorted((*facts, *loose), key=lambda f: f.span.start))
    diagnostics.extend(_overlong(facts))
    return Extraction(template, facts, tuple(readings), tuple(diagnostics))


def _joined(report: Report, survey: _Survey, readings: list[TableReading]) -> JoinedReading | None:
    """Tables whose cells a crawler joined into the text (:mod:`~govinfo_reports.tables.joined`), when the text hints at one."""
    read: set[TableKind] = {r.kind for r in readings if r.facts}
    if not survey.stats and not (survey.joined and not {"二", "三", "四"} <= read):
        return None
    masked = [(table.span.start, table.span.end) for table, _, _ in survey.tables]
    try:
        return read_joined(render(report), masked=masked, skip=read, report=report)
    except Exception as error:  # lenient: a bonus reading, never a failure
        return JoinedReading(
            (),
            (Diagnostic("table-unreadable", f"joined table cells could not be read ({type(error).__name__})"),),
            None,
        )


def _overlong(facts: tuple[Fact, ...]) -> list[Diagnostic]:
    """A ``number-too-long`` diagnostic for each fact whose text is a number of too many digits to read."""
    return [
        Diagnostic(
            "number-too-long",
            f"{'/'.join(f.label_path) or 'a cell'}: a number of {sum(c.isdigit() for c in f.text)} digits"
            f" (more than {MAX_DIGITS}) is not read as a value",
            span=f.span,
        )
        for f in facts
        if f.value is None and read_value(f.text).kind == "overlong"
    ]


# --- table 二 rows left in prose by a PDF converter --------------------------------------

_LOOSE_ROW = re.compile(
    r"[ \t\u3000]*(?P<label>[\u4e00-\u9fff]{2,12})[ \t\u3000]+"
    r"(?P<values>[-−－]?[0-9０-９][0-9０-９,，.．]*(?:[ \t\u3000]+[-−－]?[0-9０-９][0-9０-９,，.．]*)*)[ \t\u3000]*"
)
_LOOSE_VALUE = re.compile(r"[^ \t\u3000]+")


def _table2_rows_in_prose(
    paragraphs: list[Paragraph], spec: tuple[Table2Row, ...], read: set[str | None]
) -> list[Fact]:
    """Rows of table 二 that a PDF converter left as text lines (``行政许可 97``).

    A line is such a row when it is a template row label followed by exactly
    as many numbers as the row has columns, within a few lines after a
    ``第二十条`` item line, and the row was not read from a table.
    """
    by_indicator = {row.indicator: row for row in spec}
    out: list[Fact] = []
    marker_line = -100
    group = ""
    unit: str | None = None
    for block in paragraphs:
        text = block.text
        if "第二十" in text and "第二十条" in to_simplified(text):
            marker_line, group, unit = block.span.line, text.strip(), None
            continue
        if block.span.line - marker_line > 6:
            continue
        plain = to_simplified(text)
        if len(plain) == len(text):  # traditional characters read as simplified, offsets kept
            text = plain
        if "信息内容" in text:
            unit = unit_of_header(text)
            continue
        m = _LOOSE_ROW.fullmatch(text)
        if m is None:
            continue
        indicator = T2_LABELS.get(normalize(m.group("label")))
        row = by_indicator.get(indicator) if indicator is not None else None
        if row is None or row.indicator in read:
            continue
        values = list(_LOOSE_VALUE.finditer(text, m.start("values"), m.end("values")))
        if len(values) != len(row.columns):
            continue
        read.add(row.indicator)
        label = block.text[m.start("label") : m.end("label")]  # as written
        path = (group, label) if group else (label,)
        for column, value in zip(row.columns, values, strict=True):
            cell = read_value(value.group())
            column_unit = unit if unit is not None else ("万元" if column == "amount" and spec is TABLE2_2021 else None)
            out.append(
                Fact(
                    row.indicator,
                    path,
                    column,
                    cell.value if cell.kind == "number" else None,
                    cell.unit or column_unit,
                    value.group(),
                    "二",
                    span=_locate(text, block.span, value.start(), value.end()),
                )
            )
    return out


def _continues(texts: list[str]) -> bool:
    """A fragment of table 三 split off by a PDF converter: values only, or row labels only."""
    return all(read_value(t).is_value_like for t in texts) or any(is_table3_row_label(t) for t in texts)


def _template(readings: list[TableReading], state3: Table3State) -> str | None:
    national = [r for r in readings if r.kind in ("二", "三", "四")]
    if national:
        for reading in national:
            if reading.template in (NATIONAL_2021, NATIONAL_2019):
                return reading.template
        return state3.version or NATIONAL_2021
    if any(r.facts for r in readings):
        return LEGACY
    return None


# --- single-line scrapes -----------------------------------------------------------------

_STATS_HINT = re.compile(r"(?:指标名称|统计指标|指标)\s*(?:计量单位|单位)")


def _locate(text: str, base: Span, begin: int, end: int) -> Span:
    """The span of ``text[begin:end]`` where ``text`` is the source of a block starting at ``base``."""
    line = base.line + text.count("\n", 0, begin)
    last_nl = text.rfind("\n", 0, begin)
    column = begin - last_nl if last_nl >= 0 else base.column + begin
    return Span(base.start + begin, base.start + end, line, column, line, column + (end - begin))


register_fact_reader(extract)
