"""The grammar files, as shipped with the package (``grammar/`` of the repository, ``govinfo_reports/grammar`` of the wheel)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["REPORT_GRAMMAR", "TABLE_GRAMMAR", "grammar_text"]

#: The report's structure, line by line.
REPORT_GRAMMAR = "report.lark"
#: The inside of a table: rows, cells, continuation lines, padding.
TABLE_GRAMMAR = "table.lark"


def grammar_text(name: str = REPORT_GRAMMAR) -> str:
    """The text of the report grammar (or of ``table.lark``, the inside of a table), as shipped with the package."""
    packaged = resources.files("govinfo_reports").joinpath("grammar", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # A source checkout or an editable install: the grammar sits at the top of the repository.
    here = Path(__file__).resolve().parent
    return (here.parents[2] / "grammar" / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# tokens → blocks
