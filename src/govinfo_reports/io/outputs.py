"""The output formats of ``govinfo-reports check``: text, GitHub workflow commands, SARIF, statistics.

Each works on findings as rows (what ``check -f jsonl`` prints: a finding
object of :func:`govinfo_reports.io.json.dumps_findings` with its places in
the file, ``path``, ``location``, ``line``, ``col`` and ``origin``, on it and
on each of its ``facts`` and ``other_facts``), so that every format gives each
finding the same one location.

>>> row = {"path": "a.txt", "location": "a.txt:3:5", "line": 3, "col": 5, "origin": None,
...        "severity": "error", "rule": "table3.balance", "message": "1 + 1 = 2, not 3", "facts": []}
>>> text_lines(row)
['a.txt:3:5: error: table3.balance 1 + 1 = 2, not 3']
>>> github_line(row)
'::error file=a.txt,line=3,col=5,title=table3.balance::1 + 1 = 2, not 3'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

__all__ = [
    "SARIF_SCHEMA",
    "github_line",
    "sarif_log",
    "sarif_uri",
    "statistics",
    "statistics_lines",
    "text_lines",
]

#: The schema a SARIF log of :func:`sarif_log` names (SARIF 2.1.0, the OASIS standard).
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: GitHub's annotation commands by severity.
_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
#: SARIF result levels by severity.
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _cells(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The cells a finding involves, each with its place: its facts, then the other report's."""
    return [*row.get("facts", ()), *row.get("other_facts", ())]


def _label(cell: Mapping[str, Any]) -> str:
    """A cell's labels joined by `` / `` (its table when it has none)."""
    labels = cell.get("label_path") or ()
    return " / ".join(labels) if labels else str(cell.get("table") or "")


def text_lines(row: Mapping[str, Any], *, notes: bool = False) -> list[str]:
    """A finding as compiler-style lines: ``path:line:col: severity: rule message``, then its notes.

    Notes (``notes=True``) locate each further cell involved:
    ``path:line:col: note: labels [column] = text``; a cell at the finding's own
    location is not repeated.
    """
    lines = [f"{row['location']}: {row['severity']}: {row['rule']} {_one_line(row['message'])}"]
    if notes:
        for cell in _cells(row):
            if cell.get("line") is None and cell.get("origin") is None:
                continue  # not located
            if cell["location"] == row["location"]:
                continue
            lines.append(
                f"{cell['location']}: note: {_one_line(_label(cell))} [{cell['column']}] = {_one_line(cell['text'])}"
            )
    return lines


def _escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value (GitHub's ``escapeProperty``).

    >>> _escape_property("a:b,c%\\n")
    'a%3Ab%2Cc%25%0A'
    """
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(row: Mapping[str, Any]) -> str:
    """A finding as a GitHub Actions workflow command: ``::error file=…,line=…,col=…,title=RULE::message``.

    ``info`` findings are ``::notice``; a finding in a PDF or Word file has
    no line (the file is not text): its place (``page 3``) starts the message.

    >>> github_line({"path": "r,1.pdf", "line": None, "col": None, "origin": "page 3", "severity": "info",
    ...              "rule": "outline.missing", "message": "no 五、 50%"})
    '::notice file=r%2C1.pdf,title=outline.missing::page 3: no 五、 50%25'
    """
    props = [f"file={_escape_property(str(row['path']))}"]
    if row.get("line") is not None:
        props.append(f"line={row['line']}")
        if row.get("col") is not None:
            props.append(f"col={row['col']}")
    props.append(f"title={_escape_property(str(row['rule']))}")
    message = str(row["message"])
    if row.get("line") is None and row.get("origin"):
        message = f"{row['origin']}: {message}"
    return f"::{_GITHUB.get(row['severity'], 'warning')} {','.join(props)}::{_escape_data(message)}"


def statistics(rows: Iterable[Mapping[str, Any]], titles: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Findings counted by rule: ``{"rule", "severity", "count", "title"}``, most frequent first.

    >>> statistics([{"rule": "a", "severity": "error"}, {"rule": "b", "severity": "info"}, {"rule": "b", "severity": "info"}])
    [{'rule': 'b', 'severity': 'info', 'count': 2, 'title': ''}, {'rule': 'a', 'severity': 'error', 'count': 1, 'title': ''}]
    """
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (str(row["rule"]), str(row["severity"]))
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"rule": rule, "severity": severity, "count": count, "title": (titles or {}).get(rule, "")}
        for (rule, severity), count in ordered
    ]


def statistics_lines(stats: Sequence[Mapping[str, Any]]) -> list[str]:
    """The statistics as aligned text lines: count, rule, severity, title.

    >>> statistics_lines([{"rule": "table3.balance", "severity": "error", "count": 12, "title": "balance"}])
    ['12  table3.balance  error    balance']
    """
    if not stats:
        return []
    width = max(len(str(s["count"])) for s in stats)
    rule_width = max(len(str(s["rule"])) for s in stats)
    return [
        f"{s['count']:>{width}}  {s['rule']:<{rule_width}}  {s['severity']:<7}  {s['title']}".rstrip() for s in stats
    ]


def sarif_uri(path: str) -> str:
    """A path as a SARIF ``artifactLocation.uri``: a relative URI reference, or ``file://`` for an absolute path.

    >>> sarif_uri("reports/平潭 2024.html")
    'reports/%E5%B9%B3%E6%BD%AD%202024.html'
    >>> sarif_uri("/data/a.txt")
    'file:///data/a.txt'
    """
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _sarif_location(row: Mapping[str, Any], message: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": sarif_uri(str(row["path"]))}}
    if row.get("line") is not None:
        region: dict[str, Any] = {"startLine": int(row["line"])}
        if row.get("col") is not None:
            region["startColumn"] = int(row["col"])
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if message is not None:
        location["message"] = {"text": message}
    if row.get("origin"):
        location["properties"] = {"origin": row["origin"]}
    return location


def sarif_log(
    rows: Iterable[Mapping[str, Any]], catalogue: Sequence[Mapping[str, Any]], *, version: str
) -> dict[str, Any]:
    """Findings as one SARIF 2.1.0 log: one run, the rules of the catalogue, a result per finding.

    Each result has the finding's location (``region`` with ``startLine`` and
    ``startColumn``; no region for a PDF or Word file, whose place in the
    document is the location's ``properties.origin``), and a related location
    per further cell involved.  ``expected`` and ``actual`` are in the
    result's ``properties``.

    Args:
        rows: The findings as rows.
        catalogue: The rules (:func:`govinfo_reports.cli.rule_catalogue`).
        version: The tool's version.
    """
    index = {str(entry["id"]): n for n, entry in enumerate(catalogue)}
    rules = [
        {
            "id": entry["id"],
            "name": entry["id"],
            "shortDescription": {"text": entry["title"]},
            "fullDescription": {"text": entry["description"] or entry["title"]},
            "defaultConfiguration": {"level": _SARIF_LEVEL.get(str(entry["severity"]), "warning")},
            "properties": {"templates": list(entry["templates"])},
        }
        for entry in catalogue
    ]
    results = []
    for row in rows:
        result: dict[str, Any] = {
            "ruleId": row["rule"],
            "level": _SARIF_LEVEL.get(str(row["severity"]), "warning"),
            "message": {"text": str(row["message"])},
            "locations": [_sarif_location(row)],
        }
        if str(row["rule"]) in index:
            result["ruleIndex"] = index[str(row["rule"])]
        related: list[dict[str, Any]] = []
        for cell in _cells(row):
            if cell.get("line") is None and cell.get("origin") is None:
                continue
            message = f"{_label(cell)} [{cell['column']}] = {cell['text']}"
            related.append({"id": len(related), **_sarif_location({"path": row["path"], **cell}, message)})
        if related:
            result["relatedLocations"] = related
        properties = {k: row[k] for k in ("expected", "actual") if row.get(k) is not None}
        if properties:
            result["properties"] = properties
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govinfo-reports",
                        "version": version,
                        "informationUri": "https://pypi.org/project/govinfo-reports/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
