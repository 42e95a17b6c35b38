"""Sphinx configuration for govinfo_reports."""

project = "govinfo_reports"
author = "govinfo_reports developers"
copyright = "2026, govinfo_reports developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.doctest", "sphinx.ext.viewcode"]
html_theme = "furo"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = False
exclude_patterns = ["_build"]
