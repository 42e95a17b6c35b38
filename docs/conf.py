"""Sphinx configuration for govinfo_reports."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "govinfo_reports"
author = "govinfo_reports developers"
copyright = "2026, govinfo_reports developers"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "govinfo_docs",
]
html_theme = "furo"
html_title = "govinfo_reports"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False
exclude_patterns = ["_build", "_ext"]

# The doctest builder runs the ``.. doctest::`` blocks of these pages (the
# docstrings' own examples run under pytest --doctest-modules, with their
# module's globals).
doctest_test_doctest_blocks = ""
doctest_global_setup = f"""
from pathlib import Path
import govinfo_reports
ROOT = Path({str(ROOT)!r})
SEEDS = ROOT / "seeds"
"""
