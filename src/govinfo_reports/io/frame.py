"""pandas DataFrames of facts (the optional ``pandas`` extra).

:func:`to_frame` gives the long format, one row per fact; ``wide=True`` one
row per report and one column per canonical indicator and column
(``requests.received:total``).  Both carry the report's identity
(:func:`govinfo_reports.identify`: title, office, year, the statistics
period's first and last day, the publication date).  :func:`table_frame`
(:meth:`govinfo_reports.Table.to_frame`) gives one table in its own rows and
columns.  pandas is imported when a frame is built, never by ``import govinfo_reports``.

>>> from govinfo_reports import parse
>>> frame = to_frame({"a.txt": parse("一、总体情况\\n")})
>>> list(frame.columns)[:8]
['report', 'title', 'office', 'year', 'period_start', 'period_end', 'published', 'template']
>>> len(frame)
0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from govinfo_reports.identity import Identity, identify
from govinfo_reports.syntax.nodes import NO_SPAN, Report, Table, register_table_framer

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IDENTITY_COLUMNS", "LONG_COLUMNS", "table_frame", "to_frame", "wide_column"]

#: The report's identity, in both formats: text, text, ``Int64``, then three dates (``datetime64``).
IDENTITY_COLUMNS = ("title", "office", "year", "period_start", "period_end", "published")

#: The columns of the long format, in order.
LONG_COLUMNS = (
    "report",
    *IDENTITY_COLUMNS,
    "template",
    "table",
    "indicator",
    "label_path",
    "column",
    "value",
    "unit",
    "text",
    "line",
    "col",
    "inferred",
)


def wide_column(indicator: str, column: str) -> str:
    """The name of a column of the wide format.

    >>> wide_column("requests.received", "total")
    'requests.received:total'
    """
    return f"{indicator}:{column}"


def _named(reports: Mapping[str, Report] | Iterable[Report] | Report) -> list[tuple[str, Report]]:
    if isinstance(reports, Report):
        return [("0", reports)]
    if isinstance(reports, Mapping):
        return [(str(name), report) for name, report in reports.items()]
    out = []
    for index, report in enumerate(reports):
        if not isinstance(report, Report):
            raise TypeError(f"to_frame() takes reports, not {type(report).__name__}")
        out.append((str(index), report))
    return out


def _require_pandas() -> None:
    try:
        import pandas  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("govinfo_reports.to_frame needs pandas: pip install 'govinfo-reports[pandas]'") from None


def to_frame(
    reports: Mapping[str, Report] | Iterable[Report] | Report, *, wide: bool = False, exact: bool = False
) -> pd.DataFrame:
    """The facts of reports as a pandas DataFrame.

    Long format (the default): one row per fact, columns :data:`LONG_COLUMNS`:
    ``report`` (the mapping's key, else the position), the report's identity
    (:data:`IDENTITY_COLUMNS`: ``title``, ``office``, ``year`` (``Int64``),
    ``period_start``, ``period_end`` and ``published`` (``datetime64``); missing
    where the report does not state it; a mapping's key is the file name
    :func:`~govinfo_reports.identify` falls back on), ``template``,
    ``table`` (二/三/四 or legacy), ``indicator`` (``None`` for legacy tables),
    ``label_path`` (the labels joined by `` / ``), ``column``, ``value``,
    ``unit``, ``text`` (as written), ``line`` and ``col`` (in the source text; for a
    report read from HTML, in its text rendering), ``inferred`` (the value was cut out of
    digits run together, by the table's arithmetic: :attr:`~govinfo_reports.facts.Fact.inferred`).

    Wide format (``wide=True``): one row per report, indexed by ``report``;
    the identity columns, a ``template`` column, then one column per canonical indicator and column
    (named by :func:`wide_column`) in order of first appearance.  Legacy facts
    have no canonical id and are left out; when a report states a cell twice,
    the first one counts (as :meth:`govinfo_reports.Report.fact`).

    Args:
        reports: A mapping of names (file paths, say) to reports, an iterable of reports, or one report.
        wide: One row per report instead of one per fact.
        exact: Values as :class:`decimal.Decimal` objects instead of floats.

    Returns:
        The DataFrame.  Blank cells are missing values (``NaN``/``None``), not 0.

    Raises:
        ImportError: pandas is not installed.
        TypeError: ``reports`` holds something that is not a report.
    """
    _require_pandas()
    import pandas as pd

    named = _named(reports)
    if wide:
        return _wide(named, exact)
    rows = []
    for name, report in named:
        template = report.template
        facts = report.facts
        who = _identity(name, report) if facts else ()
        for fact in facts:
            located = fact.span is not NO_SPAN
            value: Any = fact.value if exact else (float(fact.value) if fact.value is not None else None)
            rows.append(
                (
                    name,
                    *who,
                    template,
                    fact.table,
                    fact.indicator,
                    " / ".join(fact.label_path),
                    fact.column,
                    value,
                    fact.unit,
                    fact.text,
                    fact.span.line if located else None,
                    fact.span.column if located else None,
                    fact.inferred,
                )
            )
    frame = pd.DataFrame.from_records(rows, columns=list(LONG_COLUMNS))
    if not exact:
        frame["value"] = frame["value"].astype("float64")
    frame["line"] = frame["line"].astype("Int64")
    frame["col"] = frame["col"].astype("Int64")
    return _typed_identity(frame)


def _identity(name: str, report: Report) -> tuple[Any, ...]:
    """The identity columns' values for a report (``name`` is the file name identify falls back on)."""
    who: Identity = identify(report, source_name=name)
    first, last = who.period if who.period is not None else (None, None)
    return (who.title, who.office, who.year, first, last, who.published)


def _typed_identity(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    frame["year"] = frame["year"].astype("Int64")
    for column in ("period_start", "period_end", "published"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _wide(named: list[tuple[str, Report]], exact: bool) -> pd.DataFrame:
    import pandas as pd

    columns: dict[str, None] = {}
    records: list[dict[str, Any]] = []
    for name, report in named:
        record: dict[str, Any] = dict(zip(IDENTITY_COLUMNS, _identity(name, report), strict=True))
        record["template"] = report.template
        for fact in report.facts:
            if fact.indicator is None:
                continue
            key = wide_column(fact.indicator, fact.column)
            columns.setdefault(key)
            if key not in record:
                record[key] = fact.value if exact else (float(fact.value) if fact.value is not None else None)
        records.append(record)
    ordered = [*IDENTITY_COLUMNS, "template", *columns]
    frame = pd.DataFrame.from_records(records, columns=ordered, index=pd.Index([n for n, _ in named], name="report"))
    if not exact:
        for key in columns:
            frame[key] = frame[key].astype("float64")
    return _typed_identity(frame)


def table_frame(table: Table) -> pd.DataFrame:
    """One table in its own rows and columns, as a pandas DataFrame of its cells' text (what
    :meth:`govinfo_reports.Table.to_frame` gives).

    The grid is the table's own (:meth:`govinfo_reports.tables.grid.Grid.from_table`:
    the true spans of an HTML table, else rebuilt from the flattened text); a
    cell spanning several rows or columns is repeated in each.  The leading
    rows with no number in the value columns (the header) name the columns
    (their texts joined by `` / ``, a repeat of the same text once; a name
    given twice gets `` (2)``; a table without numbers has no header: its
    columns are numbered, unless its first row is of header cells); the
    other rows are the frame's rows, every cell its text as written (``""``
    for an empty cell).

    Raises:
        ImportError: pandas is not installed.
    """
    _require_pandas()
    import pandas as pd

    from govinfo_reports.tables.grid import Grid
    from govinfo_reports.values import read_value

    grid = Grid.from_table(table)
    matrix = [[grid.at(r, c) for c in range(grid.n_cols)] for r in range(grid.n_rows)]
    texts = [[cell.text if cell is not None else "" for cell in row] for row in matrix]

    def numbers(row: list[str]) -> bool:
        return any(read_value(text).kind == "number" for text in row[grid.label_columns :])

    header = 0  # the leading rows without a number in the value columns: the header
    while header < len(texts) - 1 and not numbers(texts[header]):
        header += 1
    if header == len(texts) - 1 and not numbers(texts[header]):
        header = 1 if len(texts) > 1 and all(c is not None and c.is_header for c in matrix[0]) else 0
    names: list[str] = []
    seen: dict[str, int] = {}
    for c in range(grid.n_cols):
        parts: list[str] = []
        for r in range(header):
            text = texts[r][c]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        name = " / ".join(parts) or str(c)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return pd.DataFrame(texts[header:], columns=names)


register_table_framer(table_frame)
