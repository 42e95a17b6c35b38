"""The ``show`` page in a real browser: headless Chromium renders it, takes a screenshot, and
its DOM is what the page says (nothing moved by the HTML parser, no console error).

Skipped when no Chromium is installed (``.ci/run`` installs the Debian package ``chromium``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from govinfo_reports import parse
from govinfo_reports.cli import main
from govinfo_reports.io.html_view import report_page

# tests/ is on sys.path (pytest's rootdir-relative imports)
from test_views import SEED_003, altered_002

lxml_html = pytest.importorskip("lxml.html")

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed")

PNG = b"\x89PNG\r\n\x1a\n"


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={tmp_path / 'profile'}",
        *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _console_errors(stderr: str) -> list[str]:
    """Lines of the browser's log about the page itself: console messages and uncaught errors."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def test_seed_003_page_renders_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "003.html"
    result = CliRunner().invoke(main, ["show", str(SEED_003), "-o", str(page)])
    assert result.exit_code == 0, result.output
    shot = tmp_path / "003.png"
    done = _chromium(tmp_path, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000  # a drawn page, not a blank one
    assert not _console_errors(done.stderr)

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert not _console_errors(dom.stderr)
    rendered = lxml_html.document_fromstring(dom.stdout)
    # The browser built the page as written: the six marked numbers, the two notes beside the text.
    assert [m.text for m in rendered.xpath("//mark")] == ["2096", "2093", "18", "5", "123", "283"]
    assert rendered.xpath("//aside//li/@id") == ["finding-1", "finding-2"]
    assert not rendered.xpath("//script")


def test_table_page_keeps_its_cells_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "002.html"
    text = report_page(parse(altered_002()))
    page.write_text(text, encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert not _console_errors(dom.stderr)
    written = lxml_html.document_fromstring(text)
    rendered = lxml_html.document_fromstring(dom.stdout)

    def cells(doc: object) -> list[tuple[str, str | None, str | None, str | None]]:
        return [
            (c.text or "", c.get("rowspan"), c.get("colspan"), c.get("class"))
            for c in doc.xpath("//table[@class='grid']//*[self::td or self::th]")  # type: ignore[attr-defined]
        ]

    # Nothing was moved out of a table (no foster parenting), every cell kept its spans and marks.
    assert cells(rendered) == cells(written)
    assert len(rendered.xpath("//td[contains(@class, 'hit')]")) >= 8


def test_the_console_check_sees_a_script_error(tmp_path: Path) -> None:
    """The check above can fail: a page whose script throws shows in the log it reads."""
    page = tmp_path / "bad.html"
    page.write_text('<html><body><script>console.error("boom"); missing();</script></body></html>', encoding="utf-8")
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    errors = _console_errors(done.stderr)
    assert any("boom" in line for line in errors)
    assert any("Uncaught ReferenceError" in line for line in errors)
