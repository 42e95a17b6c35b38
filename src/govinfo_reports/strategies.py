"""Hypothesis strategies for report texts and report trees, to fuzz pipelines built on this library.

Requires the ``strategies`` extra (``pip install govinfo-reports[strategies]``),
which installs hypothesis; no other module of the package imports it.

Four families:

* :func:`noise_texts` and :func:`report_texts` make ``str`` inputs: noise heavy
  in the characters that matter to the grammar (pipes, heading numerals,
  brackets and punctuation of both widths, line breaks, BOMs, NULs, odd
  spaces), and realistic report-like texts (preambles, headings of the five
  numbering kinds, signatures, attachments, flattened tables in layouts A, B
  and M, LF or CRLF, an optional BOM).  Any ``str`` must parse; these find
  the corners faster than ``st.text()``.
* :func:`reports` makes :class:`~govinfo_reports.syntax.nodes.Report` trees directly,
  consistent with the parser's reading of the text, so that
  ``parse(render(tree)) == tree``.
* Building blocks that compose: :func:`numberings`, :func:`paragraphs`,
  :func:`signatures`, :func:`tables`, :func:`sections`.
* :func:`findings` makes :class:`~govinfo_reports.Finding` values (and
  :func:`facts`, :func:`spans`, :func:`decimals` their parts): facts of tables
  and of prose, spans or none, findings across two reports with their other
  facts, to test what consumes findings (``loads_findings(dumps_findings(fs)) == fs``).

Example, in a test module of your own::

    from hypothesis import given
    from govinfo_reports import parse, render
    from govinfo_reports.strategies import report_texts, reports, tables

    @given(report_texts())
    def test_my_pipeline_survives_any_report(text: str) -> None:
        my_pipeline(parse(text))  # must not raise

    @given(reports(eol="\\r\\n", layouts=("B",)))
    def test_round_trip(tree) -> None:
        assert parse(render(tree)) == tree

    @given(tables(layout="M"))
    def test_my_grid_reader(table) -> None:
        my_grid_reader(table)

What the tree strategies avoid, and why (each of these texts means something
else to the parser, by design, so a tree containing it cannot round-trip):

* two tables with nothing but blank lines between them: the blank lines are
  read as empty cell lines and the two tables as one;
* a layout-A table (no ``| `` row openers) starting within 12 lines of an
  earlier table, unless the earlier table is layout A too and the line right
  before it is a heading numbered next after the last heading of its kind
  (``二、`` after ``一、``): the lines in between would be cell text
  (``MAX_RUN`` and the heading rule of :mod:`govinfo_reports.syntax.postlex`, which
  counts the headings held back since the earlier table only when each is
  numbered next);
* a cell line that looks like a heading right before a ``text |`` line in
  layout A: it could be read as the heading of a new table;
* a table starting with a pipes-only line: the line before it would be its
  first cell;
* a paragraph that looks like a date (``2018年3月9日``) right after a text line:
  that pair is a signature; a paragraph that looks like a heading, an
  ``附件`` line, a ``发布日期`` line or a file name;
* non-heading blocks after a subsection (they belong to the subsection), a
  heading title containing ``。`` before its end (the first ``。`` ends the
  title), a title starting with a space (the space is the gap);
* an attachment body with no non-blank content (a ``附件1:`` line followed by
  another ``附件`` line lists an attachment, it does not open one), and a
  list of attachments followed directly by the trailing file name (its last
  entry would open a body).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, TypeAlias, cast

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.syntax.nodes import (
    NO_SPAN,
    Attachment,
    AttachmentList,
    AttachmentRef,
    Blank,
    Block,
    FileName,
    Numbering,
    NumberingKind,
    Paragraph,
    Preamble,
    PublicationDate,
    Report,
    Section,
    Signature,
    Span,
    Table,
    TableLine,
)
from govinfo_reports.syntax.numerals import CIRCLED
from govinfo_reports.syntax.render import render

__all__ = [
    "KINDS",
    "LAYOUTS",
    "Eol",
    "Layout",
    "decimals",
    "facts",
    "findings",
    "noise_texts",
    "numberings",
    "paragraphs",
    "report_texts",
    "reports",
    "sections",
    "signatures",
    "spans",
    "tables",
]

Layout: TypeAlias = Literal["A", "B", "M"]
"""A flattened table's layout (formats.md): ``A`` cells closed by pipes, ``B`` rows
opened by ``| ``, ``M`` markdown rows."""

#: The five numbering kinds, in their usual order of nesting.
KINDS: tuple[NumberingKind, ...] = ("cn", "paren_cn", "arabic", "paren_arabic", "circled")
#: The three table layouts.
LAYOUTS: tuple[Layout, ...] = ("A", "B", "M")

Eol: TypeAlias = Literal["\n", "\r\n", "mixed"]
"""Line endings of a generated text: all LF, all CRLF, or either on each line."""

# Longer than the lines the parser searches for structure run together (single-line scrapes).
_SINGLE_LINE = 2500

# A table starting this many non-table lines after another one is never read
# as its continuation (the post-lexer's MAX_RUN is 12).
_TABLE_GAP = 13

# ---------------------------------------------------------------------------
# vocabulary

_CN_DIGITS = "〇一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

_TITLES = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
    "公开的数量",
    "公开的形式",
    "存在问题",
    "改进措施",
    "基本情况",
    "信息公开工作概述",
    "进一步加大领导力度,细化责任体系",
    "进一步加大宣传力度，重点信息公开质量提高",
    "公开机构基本信息",
    "政府信息公开的收费及减免情况",
)
_ORGS = (
    "辽源市西安区机关事务管理局",
    "北京市密云区古北口镇人民政府",
    "遂宁市安居区发展和改革委员会",
    "上海市科学技术委员会",
    "平潭综合实验区管理委员会办公室",
    "某某县人民政府办公室",
)
_STARTS = (
    "本年度",
    "我局",
    "全年",
    "根据《中华人民共和国政府信息公开条例》",
    "一是",
    "二是",
    "2017年",
    "截至2024年12月31日",
    "为进一步推进政府信息公开工作",
    "在2017年公开的283条信息中",
    "其中",
    "同时",
    "下一步",
    "信息公开工作是为了提高行政活动的透明度",
)
_CLAUSES = (
    "公开信息总数为{n}条",
    "其中{topic}信息{n}条",
    "占{p}%",
    "新增主动公开政府信息{n}条",
    "本年度未收到依申请公开事项",
    "共受理政府信息公开申请{n}件",
    "按时办结率100%",
    "认真做好建议提案办理工作",
    "不断提升政务服务水平",
    "文件信息从生成到网上公开不超过20个工作日",
    "(一)主动公开和（二）依申请公开均已完成",
)
_TOPICS = ("规范性文件类", "重大战略部署", "人事类", "财政预决算", "其他类")
_LABELS = (
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "规章",
    "行政规范性文件",
    "行政许可",
    "本年处理决定数量",
    "指标",
    "累计数",
    "本年发生数",
    "统计指标",
    "单位",
    "统计数",
    "人员配置",
    "从事信息公开工作人员数",
    "其中:1.专职人员数",
    "结果",
    "其他",
    "尚未",
    "商业",
    "企业",
    "自然人",
    "申请人情况",
    "总计",
    "条",
    "万元",
    "第二十条第(一)项",
    "填报单位(盖章):",
)
# Cell lines that lex as headings (fine inside a table, see the post-lexer).
_HEADING_LABELS = ("三、本年度办理结果", "(一)予以公开", "（二）部分公开", "1.属于国家秘密", "(六)其他处理")
_VALUES = ("0", "1", "12", "19", "283", "2093", "１２", "3.5", "57.5%", "")
_EXTENSIONS = ("doc", "docx", "pdf", "wps", "xls", "xlsx", "txt", "html", "htm", "et", "DOC", "PDF")
_SPACES_IN_TEXT = " \u3000\u00a0\t"
# Characters safe inside a line of text: no pipe, no line break, no \r, no ASCII letter
# (letters could spell a file extension at the end of the line).
_SAFE_CHARS = (
    "政府信息公开工作年度报告本年主动依申请处理结果办理情况复议诉讼机关部门网站"
    "0123456789０１２３４５６７８９"
    "，,；;：:、（）()《》“”%％．.·—-"
    " \u3000\u00a0"
)


def _cn_numeral(n: int) -> str:
    """一 … 九十九."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def _free(max_size: int = 8) -> SearchStrategy[str]:
    return st.text(alphabet=_SAFE_CHARS, max_size=max_size)


def _clause() -> SearchStrategy[str]:
    return st.builds(
        lambda template, n, p, topic: template.format(n=n, p=p, topic=topic),
        st.sampled_from(_CLAUSES),
        st.integers(0, 3000),
        st.sampled_from(("6", "24.5", "57.5", "100")),
        st.sampled_from(_TOPICS),
    )


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    """A line of running text that lexes as TEXT: a safe start, clauses, a closing mark."""
    start = draw(st.sampled_from(_STARTS))
    comma = draw(st.sampled_from(("，", ",")))
    clauses = draw(st.lists(st.one_of(_clause(), _free()), max_size=4))
    end = draw(st.sampled_from(("。", "。", "：", ":", "；")))
    return start + comma.join(["", *clauses]) + end


@st.composite
def _title(draw: st.DrawFn, *, may_end_with_stop: bool) -> str:
    title = draw(st.sampled_from(_TITLES))
    if draw(st.booleans()):
        title += draw(_free(6).map(lambda s: s.replace("。", "")))
    if may_end_with_stop and draw(st.integers(0, 4)) == 0:
        title += "。"
    return title


def _date_text() -> SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        year = draw(st.integers(2008, 2026))
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, 28))
        style = draw(st.sampled_from(("ascii", "ascii", "fullwidth", "chinese")))
        if style == "chinese":
            y = "".join(_CN_DIGITS[int(c)] for c in str(year))
            text = f"{y}年{_cn_numeral(month)}月{_cn_numeral(day)}日"
        else:
            text = f"{year}年{month}月{day}日"
            if style == "fullwidth":
                text = text.translate(_FULLWIDTH)
        indent = draw(st.sampled_from(("", "", "\u3000\u3000\u3000\u3000", "    ")))
        trail = draw(st.sampled_from(("", "", " ", "\u3000")))
        return indent + text + trail

    return build()


# ---------------------------------------------------------------------------
# the document being generated, in document order


@attrs.define
class _Container:
    """The main text or an attachment body: its own order of numbering kinds."""

    kinds: tuple[NumberingKind, ...]
    levels: dict[str, int] = attrs.Factory(dict)
    ordinals: dict[str, int] = attrs.Factory(dict)


@attrs.define
class _Doc:
    """Generation state: what the parser will have seen when it reaches the next line."""

    draw: st.DrawFn
    eol_style: Eol
    bom: bool
    layouts: tuple[Layout, ...]
    max_depth: int
    section_budget: int
    #: Non-table lines since the last table line (None: no table since the last 附件 line).
    since_table: int | None = None
    #: Whether a non-blank line came since the last table.
    nonblank_since_table: bool = False
    #: Whether the last table had row openers (layouts B, M).
    last_table_rows: bool = False
    #: Lexical kind of the last line: text, heading, blank, table, date, attach, other.
    last_line: str = ""
    #: The last number of each heading kind since the last 附件 line (the post-lexer keeps the same).
    heading_ordinals: dict[str, int] = attrs.Factory(dict)
    #: The numbers the post-lexer compares the next heading with: those of the last
    #: table line, updated by each heading since then that was numbered next.
    run_numbers: dict[str, int] = attrs.Factory(dict)
    #: Whether the last heading was numbered next after the previous one of its kind, as the post-lexer sees it.
    heading_continues: bool = False
    lines: int = 0

    # -- lines ---------------------------------------------------------------

    def eol(self) -> str:
        if self.eol_style == "mixed":
            return str(self.draw(st.sampled_from(("\n", "\r\n"))))
        return self.eol_style

    def lead(self) -> str:
        """A BOM for the first line of the document, when asked for."""
        return "\ufeff" if self.bom and self.lines == 0 else ""

    def note(self, kind: str, count: int = 1) -> None:
        self.lines += count
        self.last_line = kind
        if kind == "attach":
            self.since_table = None
            self.heading_ordinals.clear()
            return
        if self.since_table is not None:
            self.since_table += count
            if kind != "blank":
                self.nonblank_since_table = True

    # -- leaves --------------------------------------------------------------

    def paragraph(self) -> Paragraph:
        text = self.lead() + self.draw(st.sampled_from(("", "", "", "\u3000\u3000", "  "))) + self.draw(_sentence())
        node = Paragraph(text, self.eol())
        self.note("text")
        return node

    def lone_date(self) -> Paragraph | None:
        if self.last_line == "text":  # text line + date line = a signature
            return None
        node = Paragraph(self.lead() + self.draw(_date_text()), self.eol())
        self.note("date")
        return node

    def blank(self) -> Blank:
        text = self.lead() + self.draw(st.sampled_from(("", "", "", " ", "\u3000", "\t", "  \u00a0")))
        node = Blank(text, self.eol())
        self.note("blank")
        return node

    def pubdate(self) -> PublicationDate:
        label = self.draw(st.sampled_from(("发布日期", "发布时间")))
        colon = self.draw(st.sampled_from((":", "：")))
        date = self.draw(st.sampled_from(("2024-01-20", "2018年3月9日", "2021-01-29 10:00")))
        node = PublicationDate(f"{self.lead()}{label}{colon}{date}", self.eol())
        self.note("other")
        return node

    def signature(self) -> Signature:
        issuer = (
            self.lead()
            + self.draw(st.sampled_from(("", "", "\u3000\u3000\u3000\u3000")))
            + self.draw(st.sampled_from(_ORGS))
        )
        node = Signature(issuer, self.draw(_date_text()), self.eol(), self.eol())
        self.note("text")
        self.note("date")
        return node

    def attach_line(self, number: int | None, *, title: bool) -> str:
        label = "附件" if number is None else f"附件{number}"
        if self.draw(st.integers(0, 5)) == 0 and number is not None:
            label = f"附件{_cn_numeral(number)}"
        text = self.lead() + label
        if title or self.draw(st.booleans()):
            text += self.draw(st.sampled_from((":", "：")))
            if title:
                text += self.draw(st.sampled_from(_ORGS)) + self.draw(
                    st.sampled_from(("信息公开情况统计表", "政府信息公开重点工作相关数据统计表", "工作年度报告"))
                )
        self.note("attach")
        return text

    def file_name(self) -> FileName:
        org = self.draw(st.sampled_from(_ORGS))
        year = self.draw(st.integers(2008, 2025))
        ext = self.draw(st.sampled_from(_EXTENSIONS))
        trail = self.draw(st.sampled_from(("", "", " ")))
        node = FileName(f"{self.lead()}{org}{year}年度工作报告.{ext}{trail}", self.eol())
        self.note("other")
        return node

    # -- tables --------------------------------------------------------------

    def table_starts(self) -> set[str]:
        """How a table may start here without being read as part of the last one."""
        if self.since_table is None or self.since_table >= _TABLE_GAP:
            return {"open", "close", "cell"}
        starts = set()
        if self.nonblank_since_table:
            starts.add("open")
        if self.last_line == "heading" and self.heading_continues and not self.last_table_rows:
            starts.add("close")
        return starts

    def _heading_may_split_tables(self) -> bool:
        near = self.since_table is not None and self.since_table < _TABLE_GAP
        return near and "close" in self.table_starts()

    def table(self, layouts: Sequence[Layout] | None = None) -> Table | None:
        starts = self.table_starts()
        options = [
            layout
            for layout in (layouts or self.layouts)
            if (layout == "A" and starts & {"close", "cell"}) or (layout != "A" and "open" in starts)
        ]
        if not options:
            return None
        layout: Layout = self.draw(st.sampled_from(options))
        if layout == "A":
            lines = self._layout_a(self.draw(st.sampled_from(sorted(starts & {"close", "cell"}))))
        elif layout == "B":
            lines = self._layout_b()
        else:
            lines = self._layout_m()
        lead = self.lead()
        if lead:
            lines[0] = attrs.evolve(lines[0], text=lead + lines[0].text)
        self.lines += len(lines)
        self.since_table = 0
        self.nonblank_since_table = False
        self.last_table_rows = layout != "A"
        self.run_numbers = dict(self.heading_ordinals)
        self.last_line = "table"
        return Table(tuple(lines))

    def _line(self, kind: Literal["open", "close", "pipes", "md_sep", "cell"], text: str) -> TableLine:
        return TableLine(kind, text, self.eol())

    def _pipes(self) -> TableLine:
        return self._line("pipes", self.draw(st.sampled_from(("|", "|", "|", "||", "|||", "||||||||", "| |"))))

    def _close(self) -> TableLine:
        text = self.draw(st.sampled_from(_LABELS + _VALUES[:-1]))
        pipes = self.draw(st.sampled_from((" |", " |", "|", " ||", " |||")))
        return self._line("close", text + pipes)

    def _cell_lines(self, *, headings: bool, max_size: int = 3) -> list[TableLine]:
        pool = _LABELS + _VALUES[:-1] + (_HEADING_LABELS if headings else ())
        # Now and then a cell as long as a cell can be (the post-lexer's MAX_RUN lines).
        size = self.draw(st.sampled_from((max_size, max_size, max_size, max_size, _TABLE_GAP - 1)))
        texts = self.draw(st.lists(st.one_of(st.sampled_from(pool), st.sampled_from(("", " "))), max_size=size))
        return [self._line("cell", t) for t in texts]

    def _layout_a(self, start: str) -> list[TableLine]:
        if start == "cell":
            lines = [self._line("cell", self.draw(st.sampled_from((*_LABELS[:10], "19", "0")))), self._pipes()]
        else:
            lines = [self._close()]
        for _ in range(self.draw(st.integers(0, 8))):
            what = self.draw(st.sampled_from(("close", "close", "pipes", "run")))
            if what == "close":
                lines.append(self._close())
            elif what == "pipes":
                lines.append(self._pipes())
            else:
                closer = self.draw(st.sampled_from(("pipes", "close")))
                run = self._cell_lines(headings=True, max_size=3)
                if closer == "close":
                    # A heading right before `text |` starts a new table in layout A.
                    while run and run[-1].text in _HEADING_LABELS:
                        run.pop()
                    lines += run
                    lines.append(self._close())
                else:
                    lines += run
                    lines.append(self._pipes())
        return lines

    def _layout_b(self) -> list[TableLine]:
        lines: list[TableLine] = []
        for row in range(self.draw(st.integers(1, 5))):
            if row and self.draw(st.integers(0, 5)) == 0:
                lines.append(self._line("cell", self.draw(st.sampled_from(("", " ")))))
            label = self.draw(st.sampled_from(_LABELS + _HEADING_LABELS))
            lines.append(self._line("open", self.draw(st.sampled_from(("| ", "|", "| "))) + label))
            for _ in range(self.draw(st.integers(1, 5))):
                lines += self._cell_lines(headings=True, max_size=2)
                lines.append(self._close() if self.draw(st.integers(0, 4)) == 0 else self._pipes())
        return lines

    def _layout_m(self) -> list[TableLine]:
        width = self.draw(st.integers(1, 5))

        def row(pool: Sequence[str]) -> TableLine:
            cells = self.draw(st.lists(st.sampled_from(pool), min_size=width, max_size=width))
            if not any(cells):
                cells[0] = "总计"
            return self._line("open", "| " + " | ".join(cells) + " |")

        lines = [row(_LABELS)]
        sep = self.draw(st.sampled_from(("---", " --- ", ":---", "---:")))
        lines.append(self._line("md_sep", "|" + "|".join([sep] * width) + "|"))
        for _ in range(self.draw(st.integers(0, 5))):
            if self.draw(st.integers(0, 6)) == 0:
                lines.append(self._line("cell", ""))
            lines.append(row(_LABELS[:8] + _VALUES))
        return lines

    # -- blocks and sections -------------------------------------------------

    def blocks(self, max_size: int, *, tables: bool = True) -> list[Block]:
        out: list[Block] = []
        for _ in range(self.draw(st.integers(0, max_size))):
            what = self.draw(
                st.sampled_from(
                    ("paragraph", "paragraph", "paragraph", "blank", "table", "date", "paragraph", "pubdate")
                )
            )
            block: Block | None
            if tables and "A" in self.layouts and self._heading_may_split_tables() and self.draw(st.booleans()):
                # The corner the post-lexer decides by the outline: a layout-A table right
                # after the next heading, close behind the last one (seed 000's 二、 / 指标 |).
                block = self.table(("A",))
            elif what == "table" and tables:
                block = self.table()
                if block is None and self.since_table is not None and self.draw(st.booleans()):
                    # Pad to exactly the distance at which a table stands apart from the last one.
                    while self.since_table < _TABLE_GAP:
                        out.append(self.blank() if self.draw(st.integers(0, 3)) == 0 else self.paragraph())
                    block = self.table()
            elif what == "blank":
                block = self.blank()
            elif what == "date":
                block = self.lone_date()
            elif what == "pubdate":
                block = self.pubdate()
            else:
                block = None
            out.append(block if block is not None else self.paragraph())
        return out

    def numbering(self, kind: NumberingKind, ordinal: int) -> Numbering:
        return self.draw(numberings(kind, ordinal))

    def section(self, box: _Container, kind: NumberingKind, level: int, ordinal: int, depth: int) -> Section:
        number = self.numbering(kind, ordinal)
        indent = self.lead() + self.draw(st.sampled_from(("", "", "", "\u3000\u3000", "  ", "\t")))
        gap = self.draw(st.sampled_from(("", "", "", " ", "\u3000", "  ")))
        body = self.draw(st.one_of(st.just(""), st.just(""), _sentence(), _free(10)))
        title = self.draw(st.one_of(_title(may_end_with_stop=not body), st.just("")))
        eol = self.eol()
        last = self.run_numbers.get(kind)
        self.heading_continues = last is not None and ordinal == last + 1
        if self.heading_continues:
            self.run_numbers[kind] = ordinal
        self.heading_ordinals[kind] = ordinal
        self.note("heading")
        self.section_budget -= 1
        children: list[Block] = self.blocks(3)
        if depth < self.max_depth:
            children += self.siblings(box, level, {}, depth + 1)
        return Section(number, title, body, level, tuple(children), indent, gap, eol)

    def siblings(self, box: _Container, parent_level: int, ordinals: dict[str, int], depth: int) -> list[Section]:
        """Sections under one parent; each must close the previous one, so levels never rise."""
        out: list[Section] = []
        previous = len(KINDS) + 1
        for i in range(self.draw(st.integers(0, 4))):
            if self.section_budget <= 0:
                break
            options = [k for k in box.kinds if k in box.levels and parent_level < box.levels[k] <= previous]
            if i == 0:
                # A kind not seen yet takes the next level: only as the first child of the deepest open section.
                options += [k for k in box.kinds if k not in box.levels]
            options = [k for k in options if ordinals.get(k, 0) < (20 if k == "circled" else 99)]
            if not options:
                break
            kind: NumberingKind = self.draw(st.sampled_from(options))
            level = box.levels.setdefault(kind, len(box.levels) + 1)
            ordinal = ordinals.get(kind, 0) + 1
            ordinals[kind] = ordinal
            out.append(self.section(box, kind, level, ordinal, depth))
            previous = level
        return out


def _doc(
    draw: st.DrawFn,
    eol: Eol | None,
    bom: bool | None,
    layouts: Sequence[Layout],
    max_depth: int,
    max_sections: int,
) -> _Doc:
    eol_style: Eol = draw(st.sampled_from(("\n", "\n", "\r\n", "mixed"))) if eol is None else eol
    with_bom = draw(st.integers(0, 5)) == 0 if bom is None else bom
    return _Doc(draw, eol_style, with_bom, tuple(layouts), max_depth, max_sections)


def _check_options(kinds: Sequence[NumberingKind], layouts: Sequence[Layout]) -> None:
    if not kinds or any(k not in KINDS for k in kinds):
        raise ValueError(f"kinds must be a non-empty selection of {KINDS}")
    if any(layout not in LAYOUTS for layout in layouts):
        raise ValueError(f"layouts must be a selection of {LAYOUTS}")


def _drop_final_eol(node: Any) -> Any:
    """The same tree without the line ending of its last line (None when that is impossible)."""
    if isinstance(node, Report | Preamble | Attachment | Section) and node.children:
        last = _drop_final_eol(node.children[-1])
        return None if last is None else attrs.evolve(node, children=(*node.children[:-1], last))
    if isinstance(node, Report | Preamble):
        return None
    if isinstance(node, Table):
        return attrs.evolve(node, lines=(*node.lines[:-1], attrs.evolve(node.lines[-1], eol="")))
    if isinstance(node, AttachmentList):
        return attrs.evolve(node, entries=(*node.entries[:-1], attrs.evolve(node.entries[-1], eol="")))
    if isinstance(node, Signature):
        return attrs.evolve(node, date_eol="")
    if isinstance(node, Blank) and not node.text:
        return None  # an empty last line without a line ending is no line at all
    if isinstance(node, Blank) and node.text.endswith("\n"):
        # the run's last line is empty: without its line ending it is no line, the one before ends the run
        text = node.text[:-2] if node.text.endswith("\r\n") else node.text[:-1]
        return attrs.evolve(node, text=text, eol=node.text[len(text) :])
    return attrs.evolve(node, eol="")


def _join_blank_runs(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The blocks with blank lines next to each other as one :class:`Blank`, as the parser reads a run of them."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Section | Preamble | Attachment):
            block = attrs.evolve(block, children=_join_blank_runs(block.children))
        previous = out[-1] if out else None
        if isinstance(block, Blank) and isinstance(previous, Blank):
            out[-1] = Blank(previous.text + previous.eol + block.text, block.eol)
        else:
            out.append(block)
    return tuple(out)


# ---------------------------------------------------------------------------
# public strategies


@st.composite
def numberings(draw: st.DrawFn, kind: NumberingKind, ordinal: int) -> Numbering:
    """The number of a heading of ``kind`` with value ``ordinal``, in any of its spellings.

    Args:
        draw: Supplied by hypothesis.
        kind: One of :data:`KINDS`.
        ordinal: The value, 1 … 99 (1 … 20 for ``circled``, 1 … 999 for ``arabic``).

    Returns:
        A :class:`~govinfo_reports.syntax.nodes.Numbering` whose ``raw`` is, for example,
        ``二、``, ``(二)``, ``（二）``, ``2、``, ``２.``, ``2．``, ``（2）`` or ``②``.
    """
    space = st.sampled_from(("", "", "", "", " "))
    opening = st.sampled_from(("(", "(", "（"))
    closing = st.sampled_from((")", ")", "）"))
    if kind == "cn":
        raw = _cn_numeral(ordinal) + draw(space) + "、"
    elif kind == "paren_cn":
        raw = draw(opening) + draw(space) + _cn_numeral(ordinal) + draw(space) + draw(closing)
    elif kind == "circled":
        raw = CIRCLED[ordinal - 1]
    else:
        digits = str(ordinal)
        if draw(st.integers(0, 3)) == 0:
            digits = digits.translate(_FULLWIDTH)
        if kind == "arabic":
            raw = digits + draw(space) + draw(st.sampled_from(("、", "、", ".", "．")))
        else:
            raw = draw(opening) + draw(space) + digits + draw(space) + draw(closing)
    return Numbering(kind, ordinal, raw)


def paragraphs(*, eol: Literal["\n", "\r\n"] = "\n") -> SearchStrategy[Paragraph]:
    """Lines of running text that the parser reads as a paragraph.

    They start with a word that cannot begin a heading and end with a
    punctuation mark, so none is a heading, a date, an ``附件`` line or a file name.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Paragraph:
        return _Doc(draw, eol, False, LAYOUTS, 0, 0).paragraph()

    return build()


def signatures(*, eol: Literal["\n", "\r\n"] = "\n") -> SearchStrategy[Signature]:
    """Signature blocks: an issuing body on one line, a date (``2018年3月9日``, ``二〇一八年三月九日``) on the next."""

    @st.composite
    def build(draw: st.DrawFn) -> Signature:
        return _Doc(draw, eol, False, LAYOUTS, 0, 0).signature()

    return build()


def tables(*, layout: Layout | None = None, eol: Eol = "\n") -> SearchStrategy[Table]:
    """Flattened tables whose lines the parser reads with the kinds they have here.

    Every cell is closed (no ``unclosed-cell`` diagnostic).  A table alone
    renders to a text that parses as a report whose preamble is that table.

    Args:
        layout: ``"A"``, ``"B"`` or ``"M"`` (formats.md); any when ``None``.
        eol: ``"\\n"``, ``"\\r\\n"`` or ``"mixed"``.
    """
    layouts: tuple[Layout, ...] = LAYOUTS if layout is None else (layout,)
    _check_options(KINDS, layouts)

    @st.composite
    def build(draw: st.DrawFn) -> Table:
        table = _Doc(draw, eol, False, layouts, 0, 0).table()
        assert table is not None  # nothing precedes it: every start is allowed
        return table

    return build()


def sections(
    *,
    kinds: Sequence[NumberingKind] = KINDS,
    layouts: Sequence[Layout] = LAYOUTS,
    max_depth: int = 3,
    max_sections: int = 10,
    eol: Eol = "\n",
) -> SearchStrategy[tuple[Section, ...]]:
    """The top-level sections of a report body (at least one), consistent with each other.

    Levels follow the order in which the numbering kinds first appear,
    ordinals run 1, 2, 3 … under each parent, subsections come after their
    section's other blocks.  ``Report(sections)`` renders to a text that
    parses back to it.

    Args:
        kinds: The numbering kinds to use.
        layouts: The layouts of the tables among the sections' blocks (``()`` for no tables).
        max_depth: The deepest nesting (1: top-level sections only).
        max_sections: An upper bound on the number of sections.
        eol: ``"\\n"``, ``"\\r\\n"`` or ``"mixed"``.
    """
    _check_options(kinds, layouts)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Section, ...]:
        doc = _Doc(draw, eol, False, tuple(layouts), max_depth, max_sections)
        box = _Container(tuple(kinds))
        out = doc.siblings(box, 0, box.ordinals, 1)
        if not out:
            kind = kinds[0]
            box.levels[kind] = 1
            out = [doc.section(box, kind, 1, 1, 1)]
        return cast(tuple[Section, ...], _join_blank_runs(out))

    return build()


def reports(
    *,
    kinds: Sequence[NumberingKind] = KINDS,
    layouts: Sequence[Layout] = LAYOUTS,
    eol: Eol | None = None,
    bom: bool | None = None,
    attachments: bool = True,
    max_depth: int = 3,
    max_sections: int = 12,
) -> SearchStrategy[Report]:
    """Whole report trees such that ``parse(render(tree)) == tree``.

    A tree has, each part optional: a preamble (title, 发布日期 line,
    introduction, even a table), numbered sections with paragraphs, tables
    and subsections, a signature (and text or more sections after it), a list
    of attachments, attachment bodies (each with its own order of numbering
    kinds), a trailing file name and blank lines.  The last line may lack its
    line ending.  Parsing the rendered text in strict mode raises nothing:
    ordinals are in sequence and every table cell is closed.

    Args:
        kinds: The numbering kinds to use (their order of first appearance varies).
        layouts: Table layouts to use (``()`` for no tables).
        eol: Line endings: ``"\\n"``, ``"\\r\\n"``, ``"mixed"``, or drawn when ``None``.
        bom: Start with a BOM (U+FEFF); drawn when ``None``.
        attachments: Whether to generate attachment lists and bodies.
        max_depth: The deepest nesting of sections.
        max_sections: An upper bound on the number of sections.
    """
    _check_options(kinds, layouts)

    @st.composite
    def build(draw: st.DrawFn) -> Report:
        doc = _doc(draw, eol, bom, layouts, max_depth, max_sections)
        children: list[Block] = []
        preamble: list[Block] = []
        if draw(st.booleans()):
            preamble.append(
                Paragraph(doc.lead() + draw(st.sampled_from(_ORGS)) + "2017年政府信息公开工作年度报告", doc.eol())
            )
            doc.note("text")
        if draw(st.integers(0, 3)) == 0:
            preamble.append(doc.pubdate())
        preamble += doc.blocks(3)
        if preamble:
            children.append(Preamble(tuple(preamble)))
        main = _Container(tuple(kinds))
        children += doc.siblings(main, 0, main.ordinals, 1)
        if draw(st.booleans()):
            children.append(doc.signature())
            children += [
                doc.blank() if draw(st.booleans()) else doc.paragraph() for _ in range(draw(st.integers(0, 2)))
            ]
            if draw(st.integers(0, 3)) == 0:
                children += doc.siblings(main, 0, main.ordinals, 1)
        bodies = draw(st.integers(0, 3)) if attachments else 0
        listed = attachments and draw(st.booleans())
        if listed:
            numbered = draw(st.booleans())
            count = draw(st.integers(1, 3))
            refs = [
                AttachmentRef(doc.attach_line(i + 1 if numbered else None, title=True), doc.eol()) for i in range(count)
            ]
            children.append(AttachmentList(tuple(refs)))
            if bodies and draw(st.booleans()):
                children.append(doc.blank())
        for i in range(bodies):
            head = doc.attach_line(i + 1, title=draw(st.booleans()))
            head_eol = doc.eol()
            box = _Container(tuple(kinds))
            body = doc.blocks(3)
            body += doc.siblings(box, 0, box.ordinals, 1)
            if all(isinstance(b, Blank) for b in body):
                body.append(doc.paragraph())
            if draw(st.integers(0, 4)) == 0:
                # An attachment signed on its own: the signature closes the attachment's sections.
                body.append(doc.signature())
            children.append(Attachment(head, tuple(body), head_eol))
        # A file name right after a list of attachments would make its last entry open a body.
        if (bodies or not listed) and draw(st.integers(0, 3)) == 0:
            children.append(doc.file_name())
            children += [doc.blank() for _ in range(draw(st.integers(0, 2)))]
        report = Report(_join_blank_runs(children))
        if draw(st.integers(0, 4)) == 0:
            report = _drop_final_eol(report) or report
        return report

    return build()


# ---------------------------------------------------------------------------
# texts


def _join_lines(draw: st.DrawFn, lines: list[str], eol: Eol | None) -> str:
    style = draw(st.sampled_from(("\n", "\r\n", "mixed"))) if eol is None else eol
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(st.sampled_from(("\n", "\r\n"))) if style == "mixed" else style)
    if out and draw(st.integers(0, 3)) == 0:
        out.pop()
    return "".join(out)


@st.composite
def _heading_line(draw: st.DrawFn) -> str:
    kind: NumberingKind = draw(st.sampled_from(KINDS))
    ordinal = draw(st.integers(1, 20))
    number = draw(numberings(kind, ordinal))
    indent = draw(st.sampled_from(("", "", "\u3000\u3000", " ")))
    title = draw(st.one_of(st.sampled_from(_TITLES), _free(12)))
    if draw(st.booleans()):
        title += draw(st.sampled_from(("。", "。", ".", ""))) + draw(_sentence())
    return indent + number.raw + title


@st.composite
def _table_lines(draw: st.DrawFn) -> list[str]:
    layout: Layout = draw(st.sampled_from(LAYOUTS))
    table = draw(tables(layout=layout))
    lines = [line.text for line in table.lines]
    if layout == "M" and draw(st.booleans()):
        # a PDF-broken markdown table: a row label on a line of its own
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(_LABELS)))
    return lines


@st.composite
def _line_group(draw: st.DrawFn) -> list[str]:
    what = draw(
        st.sampled_from(
            (
                "heading",
                "heading",
                "paragraph",
                "paragraph",
                "blank",
                "signature",
                "attach",
                "table",
                "table",
                "filename",
                "pubdate",
                "date",
            )
        )
    )
    doc = _Doc(draw, "\n", False, LAYOUTS, 0, 0)
    if what == "heading":
        return [draw(_heading_line())]
    if what == "paragraph":
        return [doc.paragraph().text]
    if what == "blank":
        return [doc.blank().text]
    if what == "signature":
        s = doc.signature()
        return [s.issuer_text, s.date_text]
    if what == "attach":
        return [doc.attach_line(draw(st.one_of(st.none(), st.integers(1, 3))), title=draw(st.booleans()))]
    if what == "table":
        return list(draw(_table_lines()))
    if what == "filename":
        return [doc.file_name().text]
    if what == "pubdate":
        return [doc.pubdate().text]
    return [draw(_date_text())]


def report_texts(*, eol: Eol | None = None, bom: bool | None = None) -> SearchStrategy[str]:
    """Realistic report-like texts, not necessarily consistent.

    Either the rendering of a :func:`reports` tree, or lines of every kind
    in any order: headings of all five numbering kinds in half- and
    full-width spellings and any ordinals (with body text after ``。`` or
    not), paragraphs, blank lines, signatures, ``附件`` lines, file names,
    ``发布日期`` lines, dates, flattened tables in layouts A, B and M (and
    broken markdown tables); or a single-line scrape (formats.md): such lines
    with their line breaks dropped, in one line of a few thousand characters.

    Args:
        eol: ``"\\n"``, ``"\\r\\n"``, ``"mixed"``; drawn when ``None``.
        bom: Start with a BOM; drawn when ``None``.
    """

    @st.composite
    def build(draw: st.DrawFn) -> str:
        shape = draw(st.sampled_from(("tree", "tree", "lines", "lines", "single-line")))
        if shape == "tree":
            return render(draw(reports(eol=eol, bom=bom)))
        if shape == "single-line":
            # A scrape that lost its line breaks: one line long enough to be searched for run-together headings.
            groups = draw(st.lists(_line_group(), min_size=1, max_size=12))
            glue = draw(st.sampled_from(("", "", " ", "\u3000")))
            piece = glue.join(line for group in groups for line in group) or "一、总体情况。"
            text = piece * (_SINGLE_LINE // len(piece) + 1)
            return text + draw(st.sampled_from(("", "\n", "\r\n")))
        groups = draw(st.lists(_line_group(), max_size=30))
        text = _join_lines(draw, [line for group in groups for line in group], eol)
        with_bom = draw(st.integers(0, 5)) == 0 if bom is None else bom
        return ("\ufeff" if with_bom else "") + text

    return build()


_NOISE_PIECES = (
    "|",
    "||",
    "|||",
    " |",
    "| ",
    "一",
    "二",
    "三",
    "十",
    "百",
    "〇",
    "①",
    "②",
    "⑳",
    "1",
    "12",
    "１",
    "2018",
    "(",
    "（",
    ")",
    "）",
    "、",
    ".",
    "．",
    ",",
    "，",
    ":",
    "：",
    ";",
    "；",
    "。",
    "-",
    "---",
    "\r",
    "\n",
    "\r\n",
    "\n\n",
    "\ufeff",
    "\x00",
    "\u3000",
    "\u00a0",
    " ",
    "\t",
    "附件",
    "附 件",
    "发布日期",
    "年",
    "月",
    "日",
    ".doc",
    "报告",
    "\u2028",
    "\x85",
    "\x0b",
)


def noise_texts(*, max_pieces: int = 80) -> SearchStrategy[str]:
    """Arbitrary text heavy in the characters the grammar cares about.

    Pipes, heading numerals (一 二 三 十 ① ②, digits of both widths), brackets,
    ``、`` ``.`` ``．`` and the other punctuation of both widths, ``\\r`` and
    ``\\n``, U+FEFF, NUL, U+3000, U+00A0, and a sprinkling of any character.

    Args:
        max_pieces: The most pieces (characters or short runs) in one text.
    """
    piece = st.one_of(
        st.sampled_from(_NOISE_PIECES),
        st.sampled_from(_NOISE_PIECES),
        st.text(max_size=3),
        st.text(alphabet=_SAFE_CHARS, max_size=4),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


# ---------------------------------------------------------------------------
# findings

#: Text without lone surrogates (which no file of UTF-8 text holds).
_TEXT_CHARS = st.characters(codec="utf-8")


def _words(max_size: int = 12) -> SearchStrategy[str]:
    return st.one_of(
        st.text(alphabet=_TEXT_CHARS, max_size=max_size),
        st.sampled_from(["一、本年新收政府信息公开申请数量", "自然人", "累计数", "条", "件", "万元", "—"]),
    )


def decimals() -> SearchStrategy[Decimal]:
    """Finite decimals as the readers and rules make them: counts, amounts with cents, and the odd ones
    (negative, ``-0``, exponents, more digits than a double holds).

    Bounded to 10**24 in size, so that the rules' arithmetic on two of them never overflows.
    """
    return st.one_of(
        st.integers(min_value=0, max_value=100_000).map(Decimal),
        st.decimals(min_value=-(10**6), max_value=10**6, places=2),
        st.decimals(min_value=-(10**24), max_value=10**24, allow_nan=False, allow_infinity=False),
        st.sampled_from(["-0", "1E+3", "2.50", "0.000001", "1" * 20, "18651.06"]).map(Decimal),
    )


@st.composite
def spans(draw: st.DrawFn) -> Span:
    """Spans of a text (start before end, lines and columns from 1), or ``NO_SPAN`` (unlocated).

    A span equal to ``NO_SPAN`` is ``NO_SPAN`` itself: unlocated is told by identity, and a span
    read back from JSON that equals it is it.
    """
    if draw(st.integers(0, 4)) == 0:
        return NO_SPAN
    start = draw(st.integers(0, 10**6))
    line = draw(st.integers(1, 10**4))
    column = draw(st.integers(1, 500))
    length = draw(st.integers(0, 300))
    lines = draw(st.integers(0, 3))
    end_column = draw(st.integers(1, 500)) if lines else column + length
    span = Span(start, start + length, line, column, line + lines, end_column)
    return NO_SPAN if span == NO_SPAN else span


_TABLES = ("二", "三", "四", "legacy", "prose")
_INDICATORS = ("requests.received", "requests.carried_over", "review.total", "proactive.regulations")


@st.composite
def facts(draw: st.DrawFn) -> Fact:
    """Facts of any table (``二``, ``三``, ``四``, ``legacy``) or of prose: value or blank, unit or none, with a span."""
    table = draw(st.sampled_from(_TABLES))
    indicator = draw(st.none() | st.sampled_from(_INDICATORS)) if table not in ("legacy", "prose") else None
    value = draw(st.none() | decimals())
    text = draw(_words()) if value is None or draw(st.booleans()) else str(value)
    return Fact(
        indicator,
        tuple(draw(st.lists(_words(), max_size=3))),
        draw(st.sampled_from(["total", "natural_person", "count", "累计数", "prose"]) | _words()),
        value,
        draw(st.none() | _words(4)),
        text,
        table,
        span=draw(spans()),
        inferred=draw(st.booleans()),
    )


_RULE_IDS = ("table3.balance", "prose.parts-sum", "prose.table-agreement", "across.carry-over", "deadline")


@st.composite
def findings(draw: st.DrawFn, *, across: bool | None = None) -> Finding:
    """Findings as rules make them: a rule id, a severity, a message, the arithmetic or none, facts,
    extra spans; across two reports (``across=True``, or either when ``None``) a finding also names
    its source, the other report and that report's facts.

    The ``difference`` is ``actual - expected`` as :class:`~govinfo_reports.Finding` works it out, or
    (now and then) another value given explicitly: a consumer must take it as written.

    Args:
        across: ``True`` for findings across reports only, ``False`` for findings on one report only.
    """
    two = draw(st.booleans()) if across is None else across
    expected = draw(st.none() | decimals())
    actual = draw(st.none() | decimals())
    fields: dict[str, Any] = {}
    if draw(st.integers(0, 5)) == 0:
        fields["difference"] = draw(st.none() | decimals())
    return Finding(
        draw(st.sampled_from(_RULE_IDS) | st.text(alphabet=_TEXT_CHARS, min_size=1, max_size=20)),
        draw(st.sampled_from(Severity)),
        draw(_words(60)),
        expected,
        actual,
        facts=tuple(draw(st.lists(facts(), max_size=4))),
        extra_spans=tuple(draw(st.lists(spans(), max_size=2))),
        source=draw(_words(20)) if two else draw(st.none() | _words(20)),
        other_source=draw(_words(20)) if two else None,
        other_facts=tuple(draw(st.lists(facts(), min_size=1, max_size=2))) if two else (),
        **fields,
    )
