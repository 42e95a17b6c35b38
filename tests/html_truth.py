"""The cells of a published HTML report's tables, read with lxml: the truth the flattened forms are scored against."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo_reports.tables.grid import SourceCell


def html_cells(path: Path) -> list[list[list[SourceCell]]]:
    """Each ``<table>`` of the page as rows of cells: the cell's text lines, its rowspan, colspan and ``th`` flag.

    A ``<br>`` or a ``<p>`` inside a cell starts a new line of the cell; blank lines are dropped.
    """
    lxml_html = pytest.importorskip("lxml.html")
    root = lxml_html.fromstring(path.read_bytes().decode("utf-8"))
    tables = []
    for table in root.iter("table"):
        rows = []
        for tr in table.iter("tr"):
            cells = []
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                for br in td.iter("br"):
                    br.tail = "\n" + (br.tail or "")
                paragraphs = td.findall(".//p")
                blocks = [p.text_content() for p in paragraphs] if paragraphs else [td.text_content()]
                raw = [line for block in blocks for line in block.split("\n")]
                lines = tuple(t.strip() for t in raw if t.strip())
                cells.append(
                    SourceCell(lines, int(td.get("rowspan", "1")), int(td.get("colspan", "1")), td.tag == "th")
                )
            rows.append(cells)
        tables.append(rows)
    return tables
