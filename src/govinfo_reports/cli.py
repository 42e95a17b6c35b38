"""The ``govinfo-reports`` command line."""

from __future__ import annotations

from pathlib import Path

import click

from govinfo_reports.outline import outline as _outline
from govinfo_reports.parser import parse_file

__all__ = ["main"]


def _files(paths: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in {".txt", ".md", ".html", ".htm"}))
        else:
            out.append(path)
    return out


@click.group()
@click.version_option(package_name="govinfo-reports")
def main() -> None:
    """Read government information-disclosure annual reports (政府信息公开工作年度报告)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
def outline(paths: tuple[str, ...]) -> None:
    """Print the outline (headings, tables, signature, attachments) of each report."""
    for path in _files(paths):
        click.echo(f"== {path}")
        click.echo(_outline(parse_file(path)))
