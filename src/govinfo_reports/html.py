"""HTML input: find the article in a published page and read it as a report.

Preliminary: block elements become lines, tables are flattened to layout B.
"""

from __future__ import annotations

from govinfo_reports.nodes import Report

__all__ = ["html_to_text", "parse_html"]


def html_to_text(html: str) -> str:
    """The text of an HTML report page, one block element a line, tables in layout B."""
    import lxml.html

    root = lxml.html.fromstring(html) if html.strip() else None
    if root is None:
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines: list[str] = []
    _blocks(root, lines)
    return "".join(line + "\n" for line in lines)


def _blocks(element: object, lines: list[str]) -> None:
    from lxml.html import HtmlElement

    assert isinstance(element, HtmlElement)
    if element.tag == "table":
        _table(element, lines)
        return
    if element.tag in {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div"} and not element.xpath(
        ".//p|.//div|.//table|.//li"
    ):
        text = element.text_content().strip()
        if text:
            lines.append(text)
        return
    if element.text and element.text.strip():
        lines.append(element.text.strip())
    for child in element:
        _blocks(child, lines)
        if child.tail and child.tail.strip():
            lines.append(child.tail.strip())


def _table(table: object, lines: list[str]) -> None:
    from lxml.html import HtmlElement

    assert isinstance(table, HtmlElement)
    rows = table.xpath(".//tr")
    width = max((sum(int(c.get("colspan", "1") or 1) for c in r.xpath("./td|./th")) for r in rows), default=0)
    for row in rows:
        cells = row.xpath("./td|./th")
        for index, cell in enumerate(cells):
            parts = [p.strip() for p in cell.xpath(".//text()") if p.strip()] or [""]
            first, rest = parts[0], parts[1:]
            lines.append(f"| {first}" if index == 0 else first)
            lines.extend(rest)
            lines.append("|")
        pad = width - len(cells)
        if pad > 0:
            lines.append("|" * pad)


def parse_html(html: str, *, strict: bool = False) -> Report:
    """Parse an HTML report page."""
    from govinfo_reports.parser import parse

    return parse(html_to_text(html), strict=strict)
