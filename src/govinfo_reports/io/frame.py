"""pandas DataFrames of facts (the optional ``pandas`` extra).

:func:`to_frame` gives the long format, one row per fact; ``wide=True`` one
row per report and one column per canonical indicator and column
(``requests.received:total``).  pandas is imported when a frame is built,
never by ``import govinfo_reports``.

>>> from govinfo_reports import parse
>>> frame = to_frame({"a.txt": parse("一、总体情况\\n")})
>>> list(frame.columns)[:5]
['report', 'template', 'table', 'indicator', 'label_path']
>>> len(frame)
0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from govinfo_reports.syntax.nodes import NO_SPAN, Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LONG_COLUMNS", "to_frame", "wide_column"]

#: The columns of the long format, in order.
LONG_COLUMNS = (
    "report",
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
    ``report`` (the mapping's key, else the position), ``template``,
    ``table`` (二/三/四 or legacy), ``indicator`` (``None`` for legacy tables),
    ``label_path`` (the labels joined by `` / ``), ``column``, ``value``,
    ``unit``, ``text`` (as written), ``line`` and ``col`` (in the source text; for a
    report read from HTML, in its text rendering), ``inferred`` (the value was cut out of
    digits run together, by the table's arithmetic: :attr:`~govinfo_reports.facts.Fact.inferred`).

    Wide format (``wide=True``): one row per report, indexed by ``report``;
    a ``template`` column, then one column per canonical indicator and column
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
        for fact in report.facts:
            located = fact.span is not NO_SPAN
            value: Any = fact.value if exact else (float(fact.value) if fact.value is not None else None)
            rows.append(
                (
                    name,
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
    return frame


def _wide(named: list[tuple[str, Report]], exact: bool) -> pd.DataFrame:
    import pandas as pd

    columns: dict[str, None] = {}
    records: list[dict[str, Any]] = []
    for _name, report in named:
        record: dict[str, Any] = {"template": report.template}
        for fact in report.facts:
            if fact.indicator is None:
                continue
            key = wide_column(fact.indicator, fact.column)
            columns.setdefault(key)
            if key not in record:
                record[key] = fact.value if exact else (float(fact.value) if fact.value is not None else None)
        records.append(record)
    ordered = ["template", *columns]
    frame = pd.DataFrame.from_records(records, columns=ordered, index=pd.Index([n for n, _ in named], name="report"))
    if not exact:
        for key in columns:
            frame[key] = frame[key].astype("float64")
    return frame
