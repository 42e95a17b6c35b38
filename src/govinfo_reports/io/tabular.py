"""Facts for data tools: CSV that pandas, polars and DuckDB read with their defaults, and Parquet.

The ``facts`` command writes one row per fact (:data:`govinfo_reports.cli.FACT_FIELDS`).
Its JSON outputs keep every field as it is; a CSV has no types, so each
reader guesses them from the text, and :func:`csv_row` writes the text so that
``pandas.read_csv``, ``polars.read_csv`` and DuckDB's ``read_csv_auto`` guess
the same types with their defaults:

* ``value`` is always written as a float (``218.0``, ``18651.06``): a column of
  integers that turns into decimals after the first hundred rows stops polars
  (it guesses the type from the first 100 rows) and DuckDB (from a sample);
* ``text`` (the cell as written) is empty when it reads exactly as the value
  (``218`` for 218; not for a value of more than 15 digits, which a float
  cannot hold): a column of numbers as written is guessed to be numbers by
  pandas and DuckDB (quotes do not stop them).  What is left is what the value
  does not say (``—``, ``无``, ``013``, ``5件``); the JSON outputs and Parquet
  keep every cell's text;
* ``line`` and ``col`` are always given (for an HTML page, column 1);
* ``year`` is a number, ``period`` the ISO 8601 interval
  ``2024-01-01/2024-12-31`` (text for every reader), ``published`` an ISO date
  (DuckDB reads it as a ``DATE``, pandas and polars as text unless asked:
  ``parse_dates=["published"]``, ``try_parse_dates=True``).

A column with no value in the whole file (``origin`` for text files only) has
no type to guess: pandas reads it as ``float64`` of ``NaN``, polars and DuckDB as
text of nulls.

Parquet (:class:`ParquetFacts`, the ``parquet`` extra: pyarrow) has real
types: ``value`` a float64 (``exact=True``: a decimal128), ``year`` an int16,
``published`` and the period's ends dates, ``line``/``col`` int32.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from types import TracebackType
from typing import Any

__all__ = ["PARQUET_FIELDS", "ParquetFacts", "csv_row", "csv_value", "period_text"]


def period_text(period: tuple[datetime.date, datetime.date] | None) -> str | None:
    """A statistics period as an ISO 8601 interval.

    >>> period_text((datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)))
    '2024-01-01/2024-12-31'
    >>> period_text(None) is None
    True
    """
    if period is None:
        return None
    return f"{period[0].isoformat()}/{period[1].isoformat()}"


def csv_value(value: int | float | str | None) -> str:
    """A fact's value as CSV text: always a float, so that every reader types the column alike.

    >>> csv_value(218), csv_value(18651.06), csv_value(None), csv_value("1" * 20)
    ('218.0', '18651.06', '', '1.111111111111111e+19')
    """
    if value is None:
        return ""
    try:
        return repr(float(Decimal(value) if isinstance(value, str) else value))
    except (ArithmeticError, ValueError):  # pragma: no cover - values are numbers
        return ""


def _as_written(value: int | float | str | None) -> str | None:
    """The value as ``facts`` writes it in JSON, as text (what a cell reading exactly as its value holds)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``facts`` output (its JSON form) as written to CSV (see the module documentation).

    >>> csv_row({"value": 218, "text": "218", "line": 3, "col": None})
    {'value': '218.0', 'text': '', 'line': 3, 'col': None}
    >>> csv_row({"value": None, "text": "—"})["text"]
    '—'
    >>> csv_row({"value": "1" * 20, "text": "1" * 20})["text"]
    '11111111111111111111'
    """
    out = dict(row)
    if "value" in row:
        out["value"] = csv_value(row["value"])
        exact = not isinstance(row["value"], str)  # a value of more than 15 digits is not a float's: keep its text
        if exact and "text" in row and row["text"] == _as_written(row["value"]):
            out["text"] = ""
    return out


#: The Parquet columns: name and type, in :data:`govinfo_reports.cli.FACT_FIELDS` order
#: (``period`` is split into its two days).
PARQUET_FIELDS: tuple[tuple[str, str], ...] = (
    ("path", "string"),
    ("title", "string"),
    ("office", "string"),
    ("year", "int16"),
    ("period_start", "date32"),
    ("period_end", "date32"),
    ("published", "date32"),
    ("template", "string"),
    ("table", "string"),
    ("indicator", "string"),
    ("label_path", "string"),
    ("column", "string"),
    ("value", "float64"),
    ("unit", "string"),
    ("text", "string"),
    ("line", "int32"),
    ("col", "int32"),
    ("origin", "string"),
    ("inferred", "bool"),
)


def _require_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ImportError("Parquet output needs pyarrow: pip install 'govinfo-reports[parquet]'") from None
    return pyarrow


class ParquetFacts:
    """A Parquet file of facts, written a batch (one report's rows) at a time: memory stays flat.

    >>> import tempfile, os, pyarrow.parquet
    >>> path = os.path.join(tempfile.mkdtemp(), "facts.parquet")
    >>> with ParquetFacts(path) as out:
    ...     out.write([{"path": "a.txt", "year": 2024, "period": "2024-01-01/2024-12-31", "value": 218, "text": "218"}])
    >>> table = pyarrow.parquet.read_table(path)
    >>> table.column("value").to_pylist(), str(table.column("period_end")[0])
    ([218.0], '2024-12-31')

    Args:
        path: The file to write.
        exact: Values as ``decimal128(38, 10)`` instead of float64.

    Raises:
        ImportError: pyarrow is not installed.
    """

    def __init__(self, path: str, *, exact: bool = False) -> None:
        pa = _require_pyarrow()
        self._pa = pa
        types = {
            "string": pa.string(),
            "bool": pa.bool_(),
            "int16": pa.int16(),
            "int32": pa.int32(),
            "date32": pa.date32(),
            "float64": pa.decimal128(38, 10) if exact else pa.float64(),
        }
        self._exact = exact
        self.schema = pa.schema([(name, types[kind]) for name, kind in PARQUET_FIELDS])
        self._writer = pa.parquet.ParquetWriter(path, self.schema)

    def _column(self, name: str, rows: Sequence[dict[str, Any]]) -> list[Any]:
        if name in ("period_start", "period_end"):
            days = [_period(row.get("period")) for row in rows]
            return [None if d is None else d[0 if name == "period_start" else 1] for d in days]
        if name == "published":
            return [_day(row.get("published")) for row in rows]
        if name == "value":
            values = [row.get("value") for row in rows]
            if self._exact:
                return [None if v is None else Decimal(str(v)) for v in values]
            return [None if v is None else float(Decimal(str(v))) for v in values]
        return [row.get(name) for row in rows]

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append rows (the JSON form of ``facts`` rows)."""
        if not rows:
            return
        arrays = [self._pa.array(self._column(f.name, rows), type=f.type) for f in self.schema]
        self._writer.write_table(self._pa.Table.from_arrays(arrays, schema=self.schema))

    def close(self) -> None:
        """Finish the file."""
        self._writer.close()

    def __enter__(self) -> ParquetFacts:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _day(text: str | None) -> datetime.date | None:
    return None if not text else datetime.date.fromisoformat(text)


def _period(text: str | None) -> tuple[datetime.date, datetime.date] | None:
    if not text:
        return None
    first, last = text.split("/")
    return datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
