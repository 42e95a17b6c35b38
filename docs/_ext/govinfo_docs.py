"""Sphinx directives that generate reference pages from the code itself.

* ``.. govinfo-rules::`` the rule catalogue, from :data:`govinfo_reports.rules.RULES`;
* ``.. govinfo-vocabulary::`` the template vocabulary, from :mod:`govinfo_reports.tables.templates`;
* ``.. govinfo-cli::`` the command line reference, from the click commands' help;
* ``.. govinfo-api-index::`` every name the package exports, linked to its documentation.

Generated at build time, so the documentation cannot drift from the code.
And the build checks that every name in the ``__all__`` of every public
module is documented: a missing one is a warning, which ``-W`` makes an error.
"""

from __future__ import annotations

from typing import Any

import click
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles


class _Generated(SphinxDirective):
    """A directive whose content is reStructuredText made by :meth:`lines`."""

    has_content = False

    def lines(self) -> list[str]:
        """The reStructuredText to insert, line by line."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        source = StringList(self.lines(), source=f"<{self.name}>")
        nested_parse_with_titles(self.state, source, container)
        return list(container.children)


def _cell(text: str) -> str:
    return " ".join(text.split()) or "\\-"


def _list_table(header: list[str], rows: list[list[str]], widths: str | None = None) -> list[str]:
    out = [".. list-table::", "   :header-rows: 1"]
    if widths:
        out.append(f"   :widths: {widths}")
    out.append("")
    for row in [header, *rows]:
        out.append(f"   * - {_cell(row[0])}")
        out.extend(f"     - {_cell(value)}" for value in row[1:])
    out.append("")
    return out


class RulesDirective(_Generated):
    """The rule catalogue: one subsection per rule."""

    def lines(self) -> list[str]:
        from govinfo_reports.rules import RULES

        out: list[str] = []
        summary = [
            [
                f"`{rule.id}`_",
                rule.severity.value,
                ", ".join(sorted(t or "(no table)" for t in rule.templates)),
                rule.title,
            ]
            for rule in RULES
        ]
        out += _list_table(["rule", "severity", "templates", "checks"], summary, "20 10 25 45")
        for rule in RULES:
            out += [rule.id, "-" * max(len(rule.id), 4), ""]
            out += [f"**{rule.title}** (severity ``{rule.severity.value}``)", ""]
            out += [*rule.description.splitlines(), ""]
        return out


class VocabularyDirective(_Generated):
    """The canonical indicator and column ids of the national templates."""

    def lines(self) -> list[str]:
        from govinfo_reports.tables import templates as t

        out: list[str] = []
        for title, rows, columns in (
            ("Table 二 (national-2021)", t.TABLE2_2021, t.TABLE2_2021_COLUMNS),
            ("Table 二 (national-2019)", t.TABLE2_2019, t.TABLE2_2019_COLUMNS),
        ):
            out += [title, "^" * 30, ""]
            out += _list_table(
                ["group", "row label", "indicator", "columns"],
                [
                    [
                        r.group,
                        r.label,
                        f"``{r.indicator}``",
                        ", ".join(f"``{c}`` ({columns.get(c, '')})" for c in r.columns),
                    ]
                    for r in rows
                ],
                "20 20 30 30",
            )
        out += ["Table 三 rows (both templates)", "^" * 30, ""]
        marks: dict[str, list[str]] = {r: [] for r in t.TABLE3_ROWS}
        for r in t.TABLE3_ROWS_2019:
            marks[r].append("2019")
        for r in t.TABLE3_ROWS_2021:
            marks[r].append("2021")
        out += _list_table(
            ["row label", "indicator", "templates"],
            [[label, f"``{ind}``", ", ".join(marks[ind])] for ind, label in t.TABLE3_LABELS.items()],
            "50 35 15",
        )
        out += ["Table 三 columns", "^" * 30, ""]
        out += _list_table(
            ["header", "column id"], [[label, f"``{col}``"] for col, label in t.TABLE3_COLUMN_LABELS.items()]
        )
        out += ["Table 四", "^" * 30, ""]
        out += [f"Every fact of table 四 has the column id ``{t.TABLE4_COLUMN}``.", ""]
        out += _list_table(["columns", "indicator"], [[label, f"``{ind}``"] for ind, label in t.TABLE4_LABELS.items()])
        return out


class CliDirective(_Generated):
    """The command line reference: each command's usage and help, as click prints them."""

    def lines(self) -> list[str]:
        from govinfo_reports.cli import main

        out: list[str] = []
        root = click.Context(main, info_name="govinfo-reports")
        out += _help_block(main, root)
        assert isinstance(main, click.Group)
        for name in main.list_commands(root):
            command = main.get_command(root, name)
            assert command is not None
            title = f"govinfo-reports {name}"
            out += [title, "-" * len(title), ""]
            out += _help_block(command, click.Context(command, info_name=name, parent=root))
        return out


def _help_block(command: click.Command, ctx: click.Context) -> list[str]:
    formatter = ctx.make_formatter()
    formatter.width = 88
    command.format_help(ctx, formatter)
    text = formatter.getvalue().rstrip()
    return [".. code-block:: text", ""] + [f"   {line}" if line else "" for line in text.splitlines()] + [""]


class ApiIndexDirective(_Generated):
    """A table of every name in ``govinfo_reports.__all__``, linked to where it is documented."""

    def lines(self) -> list[str]:
        import inspect

        import govinfo_reports

        rows = []
        for name in govinfo_reports.__all__:
            obj = getattr(govinfo_reports, name)
            if name == "__version__":
                rows.append([f"``{name}``", "the package version", ""])
                continue
            if inspect.isclass(obj) or inspect.isfunction(obj):
                module = obj.__module__
                role = "class" if inspect.isclass(obj) else "func"
            else:  # a constant: documented in the module that defines it
                module = _defining_module(name)
                role = "data"
            doc = (inspect.getdoc(obj) or "").strip().splitlines() if role != "data" else []
            rows.append([f":py:{role}:`~{module}.{name}`", f"``{module}``", doc[0] if doc else ""])
        return _list_table(["name", "module", "summary"], rows, "25 25 50")


def _public_modules() -> list[Any]:
    """Every public module of the package, subpackages included (a module or package named ``_x`` is private)."""
    import importlib
    import pkgutil

    import govinfo_reports

    out = []
    for info in pkgutil.walk_packages(govinfo_reports.__path__, prefix="govinfo_reports."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        out.append(importlib.import_module(info.name))
    return out


def _defining_module(name: str) -> str:
    for module in _public_modules():
        if (
            name in getattr(module, "__all__", ())
            and name in vars(module)
            and not hasattr(vars(module)[name], "__module__")
        ):
            return str(module.__name__)
    for module in _public_modules():
        if name in getattr(module, "__all__", ()):
            return str(module.__name__)
    return "govinfo_reports"


def public_names() -> list[str]:
    """The full names of everything public: each public module's ``__all__``, named where it is defined."""
    import inspect

    out = []
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                out.append(f"{obj.__module__}.{name}")
            elif name in getattr(module, "__annotations__", {}) or not inspect.ismodule(obj):
                out.append(f"{module.__name__}.{name}")
    return sorted(set(out))


def _documented_elsewhere(name: str, short: set[str]) -> bool:
    """A constant (not a class or function) re-exported by another module, documented in the module that defines it."""
    import importlib
    import inspect

    module_name, attr = name.rsplit(".", 1)
    obj = getattr(importlib.import_module(module_name), attr, None)
    return not (inspect.isclass(obj) or inspect.isfunction(obj)) and attr in short


def _check_coverage(app: Sphinx, env: Any) -> None:
    from sphinx.util import logging

    documented = {name for name, *_ in env.get_domain("py").get_objects()}
    # a constant re-exported by a package counts as documented where it is defined
    short = {name.rsplit(".", 1)[1] for name in documented}
    missing = [name for name in public_names() if name not in documented and not _documented_elsewhere(name, short)]
    if missing:
        logging.getLogger(__name__).warning("public names missing from the API reference: %s", ", ".join(missing))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-check-consistency", _check_coverage)
    app.add_directive("govinfo-rules", RulesDirective)
    app.add_directive("govinfo-vocabulary", VocabularyDirective)
    app.add_directive("govinfo-cli", CliDirective)
    app.add_directive("govinfo-api-index", ApiIndexDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
