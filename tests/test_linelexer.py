"""The line lexer makes Lark's tokens: the basic lexer's stream field by field, and the same parse.

The reference is Lark's own :class:`~lark.lexer.BasicLexer` on the same
lexer configuration (the grammar's terminals as the production parser keeps
them: the table-line terminals only the post-lexer accepts are among them,
so a reference built without the post-lexer would lex a different grammar).
Every token is compared in every field (type, value, positions, lines and
columns, and the Python types of the token and its value), and so is the
lexer state left behind.  Then ``parse`` with :class:`LineLexer` is compared
with ``parse`` through a parser that uses Lark's basic lexer: the trees are
equal, render the same, and agree in every span, position and diagnostic.

Inputs: the seeds in four variants each, the shared corpus (text, markdown,
the text of the HTML page, and the text with the breaks a single-line
scrape lost), edge cases around line ends, and generated texts
(report-like, noise, arbitrary, and line salads of the characters the
terminals care about).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token
from lark.exceptions import ConfigurationError, UnexpectedCharacters
from lark.lexer import BasicLexer, Lexer, LexerState, LexerThread
from lark.utils import TextSlice

import govinfo_reports.syntax.parser as parser_module
from budget import budget
from govinfo_reports import parse, render
from govinfo_reports.sources.html import html_to_text, parse_html
from govinfo_reports.sources.text import decode
from govinfo_reports.strategies import noise_texts, report_texts
from govinfo_reports.syntax.grammar import grammar_text
from govinfo_reports.syntax.linelexer import LineLexer
from govinfo_reports.syntax.nodes import Report, Table
from govinfo_reports.syntax.parser import _parser, _ToBlocks
from govinfo_reports.syntax.postlex import LONG_LINE, TablePostLex, VirtualBreaks, virtual_breaks

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CORPUS = Path("/work/shared/corpus")
if not CORPUS.exists():  # the corpus also sits next to the repository in a shared checkout
    CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md", ".html")) if CORPUS.exists() else []

_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})

#: Lexer-only examples are cheap: many more of them than the profile's default.
_MANY = settings(max_examples=budget(max(400, settings().max_examples)))


# ---------------------------------------------------------------------------
# the two lexers and the two parsers


@lru_cache(maxsize=1)
def _reference_parser() -> Lark:
    """The parser as it was: Lark's basic lexer, the same post-lexer and transformer."""
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="basic",
        postlex=TablePostLex(),
        transformer=_ToBlocks(),
        maybe_placeholders=False,
    )


@lru_cache(maxsize=1)
def _basic() -> BasicLexer:
    return BasicLexer(_reference_parser().lexer_conf)


def _line_lexer() -> LineLexer:
    """The lexer the production parser actually uses."""
    lexer = _parser().parser.lexer.lexer  # Lark's PostLexConnector holds the lexer
    assert isinstance(lexer, LineLexer)
    return lexer


def _fields(tok: Token | None) -> tuple[Any, ...] | None:
    if tok is None:
        return None
    return (
        type(tok),
        tok.type,
        tok.value,
        type(tok.value),
        str(tok),
        tok.start_pos,
        tok.end_pos,
        tok.line,
        tok.column,
        tok.end_line,
        tok.end_column,
    )


def _lex(lexer: Lexer, text: str, start: int = 0, end: int | None = None) -> tuple[Any, ...]:
    """Every token's fields, the error if any, and the state the lexer leaves behind."""
    thread = LexerThread.from_text(lexer, TextSlice(text, start, end))
    tokens: list[Any] = []
    error = None
    try:
        for tok in thread.lex(None):
            tokens.append(_fields(tok))
    except UnexpectedCharacters as exc:
        error = (exc.pos_in_stream, exc.line, exc.column, exc.char, sorted(exc.allowed), str(exc))
    state = thread.state
    assert state is not None
    ctr = state.line_ctr
    return (
        tokens,
        error,
        (ctr.char_pos, ctr.line, ctr.column, ctr.line_start_pos),
        _fields(state.last_token),
    )


def _texts_lexed(text: str) -> Iterator[str]:
    """The text, and the text the parser lexes instead when it inserts virtual breaks."""
    yield text
    breaks = virtual_breaks(text)
    if breaks is not None:
        yield breaks.modified


def assert_same_tokens(text: str) -> int:
    """The two lexers agree on ``text`` (and on its virtual-break copy); returns the number of tokens."""
    count = 0
    for lexed in _texts_lexed(text):
        ours = _lex(_line_lexer(), lexed)
        theirs = _lex(_basic(), lexed)
        assert ours == theirs
        assert theirs[1] is None  # the grammar lexes any text
        count += len(ours[0])
    return count


def _deep(node: Any) -> Any:
    """Every attrs field of a tree, those left out of ``==`` (spans, positions, diagnostics) included."""
    if attrs.has(type(node)):
        return (type(node).__name__, tuple((f.name, _deep(getattr(node, f.name))) for f in attrs.fields(type(node))))
    if isinstance(node, tuple | list):
        return tuple(_deep(x) for x in node)
    return node


def _cell_spans(report: Report) -> list[Any]:
    out: list[Any] = []

    def walk(blocks: Any) -> None:
        for b in blocks:
            if isinstance(b, Table):
                out.append([(_deep(c), c.span) for c in b.cells])
            walk(getattr(b, "children", ()))

    walk(report.children)
    return out


def _reference_parse(text: str) -> Report:
    with mock.patch.object(parser_module, "_parser", _reference_parser):
        return parse(text)


def assert_same_parse(text: str) -> None:
    """``parse`` with the line lexer and with Lark's basic lexer make the same report, spans and all."""
    ours = parse(text)
    theirs = _reference_parse(text)
    assert ours == theirs
    assert render(ours) == render(theirs) == text
    assert _deep(ours) == _deep(theirs)
    assert _cell_spans(ours) == _cell_spans(theirs)


# ---------------------------------------------------------------------------
# the wiring


def test_the_parser_uses_the_line_lexer() -> None:
    assert isinstance(_line_lexer(), LineLexer)


def test_the_alternation_is_the_one_lark_builds() -> None:
    # the same terminals, in the same order, in the same named groups as Lark's scanner
    mres = _basic().scanner._mres
    assert len(mres) == 1
    assert _line_lexer().pattern.pattern == mres[0].pattern
    assert _line_lexer().pattern.flags == mres[0].flags


def test_the_terminals_are_the_grammar_s() -> None:
    names = {t.name for t in _parser().lexer_conf.terminals}
    assert {"TEXT", "BLANK", "OPEN", "CLOSE", "PIPES", "MD_SEP", "CELL_PIPES", "H_CN"} <= names
    assert set(re.findall(r"\(\?P<(\w+)>", _line_lexer().pattern.pattern)) == names


# ---------------------------------------------------------------------------
# real texts


def _variants(text: str) -> list[str]:
    full = text.translate(_FULLWIDTH)
    return [text, full, text.replace("\n", "\r\n"), full.replace("\n", "\r\n")]


def _seed_texts() -> list[str]:
    return [v for p in SEEDS for v in _variants(p.read_text(encoding="utf-8"))]


def _corpus_texts() -> list[str]:
    out = []
    for p in CORPUS_FILES:
        data = p.read_bytes()
        text = html_to_text(data) if p.suffix == ".html" else decode(data, path=str(p))
        out.extend(_variants(text))
    return out


@pytest.mark.parametrize("text", _seed_texts(), ids=lambda t: f"{len(t)}chars")
def test_seeds_lex_alike(text: str) -> None:
    assert assert_same_tokens(text) >= 1  # a seed of prose only is one PROSE token


@pytest.mark.parametrize("text", _seed_texts(), ids=lambda t: f"{len(t)}chars")
def test_seeds_parse_alike(text: str) -> None:
    assert_same_parse(text)


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not available")
def test_corpus_lexes_and_parses_alike() -> None:
    texts = _corpus_texts()
    assert len(texts) >= 4 * 4
    assert any(virtual_breaks(t) is not None for t in texts)  # the single-line scrape
    for text in texts:
        assert assert_same_tokens(text) > 0
        assert_same_parse(text)


@pytest.mark.skipif(not any(p.suffix == ".html" for p in CORPUS_FILES), reason="shared corpus not available")
def test_html_parses_alike() -> None:
    for p in CORPUS_FILES:
        if p.suffix == ".html":
            data = p.read_bytes()
            ours = parse_html(data)
            with mock.patch.object(parser_module, "_parser", _reference_parser):
                theirs = parse_html(data)
            assert ours == theirs
            assert _deep(ours) == _deep(theirs)


# ---------------------------------------------------------------------------
# edge cases: line ends, the end of the text, spaces of every kind


def _short(text: str) -> str:
    return repr(text) if len(text) <= 24 else f"{text[:16]!r}...({len(text)} chars)"


EDGES = [
    "",
    "a",
    "\n",
    "\n\n\n",
    "\r",
    "\r\r\n",
    "\r\n",
    "a\r",
    "a\rb",
    "a\rb\n",
    "a\r\nb\r\n",
    " ",
    "\t\n",
    "\u3000",
    "\u3000\n\u00a0\r\n",
    "\ufeff",
    "\ufeff一、总体情况\n",
    "\ufeff\n",
    "一、总体情况",
    "一、总体情况\r",
    "（一）主动公开\r\n",
    "1.数量",
    "1.5 不是标题\n",
    "①",
    "2018年3月9日",
    "2018年3月9日\r",
    "2018年3月9日\r\n",
    "文字\n2018年3月9日 \u3000",
    "二〇一八年三月九日\n",
    "发布日期：2024-01-20",
    "附件",
    "附件1：报表\r\n附件二",
    "古北口2017年度工作报告.doc",
    "古北口2017年度工作报告.doc \r",
    "报告.pdf\r\n",
    "|",
    "| ",
    "| \n",
    "||\r\n",
    "|---|---|",
    "| --- | :---: |\r\n",
    "19\n|",
    "19\n|\n",
    "19\r\n|\r\n",
    "19\n| ",
    "19\r|\n",
    "结果 |",
    "结果 |\n0\n|\n",
    "| 规章 | 0 |\n",
    "a" * 3000 + "\n",
    "。一、甲" * 800,
]


@pytest.mark.parametrize("text", EDGES, ids=_short)
def test_edge_cases_lex_alike(text: str) -> None:
    assert_same_tokens(text)


@pytest.mark.parametrize("text", EDGES, ids=_short)
def test_edge_cases_parse_alike(text: str) -> None:
    assert_same_parse(text)


def test_a_slice_of_the_text_lexes_alike() -> None:
    text = _seed_texts()[0]
    for start, end in ((0, 10), (3, 500), (len(text) // 2, None), (len(text) - 1, None), (5, 5)):
        assert _lex(_line_lexer(), text, start, end) == _lex(_basic(), text, start, end)


def test_an_abandoned_stream_leaves_the_state_at_its_last_token() -> None:
    text = "一、总体情况\n| 正文 |\n(一)主动\n"  # (above a pipe line: no run of plain lines, PROSE)
    for lexer in (_line_lexer(), _basic()):
        state = LexerState(TextSlice(text, 0, None))
        stream = lexer.lex(state, None)
        first = next(iter(stream))
        assert first.type == "H_CN"
        del stream  # the line lexer brings the state up to date when its generator is closed
        assert (state.line_ctr.char_pos, state.line_ctr.line, state.line_ctr.column) == (7, 2, 1)
        assert state.last_token == first


# ---------------------------------------------------------------------------
# generated texts

#: The characters the terminals look at, and a few they do not.
_SHAPES = " \t\u3000\u00a0\ufeff\r\n|-:：一二三十百零〇、()（）019０９.．①⑳附件年月日发布期时间docpdf报告正文x"


@st.composite
def line_salads(draw: st.DrawFn) -> str:
    """Lines of the characters that decide a line's terminal, with every kind of line end."""
    lines = draw(st.lists(st.text(alphabet=_SHAPES, max_size=14), max_size=25))
    ends = st.sampled_from(["\n", "\n", "\r\n", "\r", ""])
    return "".join(line + draw(ends) for line in lines)


@given(report_texts())  # slow to generate: the profile's number of examples
def test_report_texts_lex_alike(text: str) -> None:
    assert_same_tokens(text)


@_MANY
@given(noise_texts())
def test_noise_lexes_alike(text: str) -> None:
    assert_same_tokens(text)


@_MANY
@given(st.text())
def test_any_text_lexes_alike(text: str) -> None:
    assert_same_tokens(text)


@_MANY
@given(line_salads())
def test_line_salads_lex_alike(text: str) -> None:
    assert_same_tokens(text)


@_MANY
@given(line_salads(), st.data())
def test_slices_lex_alike(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _lex(_line_lexer(), text, start, end) == _lex(_basic(), text, start, end)


@given(st.one_of(report_texts(), noise_texts(), line_salads(), st.text()))
def test_generated_texts_parse_alike(text: str) -> None:
    assert_same_parse(text)


# ---------------------------------------------------------------------------
# virtual breaks: the quick check for long lines finds what the line-by-line search found


def _reference_offsets(text: str) -> list[int] | None:
    """``virtual_breaks`` as it was written before its quick check: every line searched."""
    rising = sys.modules["govinfo_reports.syntax.postlex"]._rising
    offsets: list[int] = []
    start = 0
    for line in text.split("\n"):
        if len(line) > LONG_LINE:
            found = rising(line, start)
            if len(found) >= 2:
                offsets.extend(found)
        start += len(line) + 1
    return offsets or None


def _offsets(breaks: VirtualBreaks | None) -> list[int] | None:
    """The breaks in lines longer than LONG_LINE (shorter lines break only where paragraphs were joined)."""
    if breaks is None:
        return None
    text = breaks.original
    long_ones = [
        offset
        for offset in breaks.offsets
        if text.find("\n", offset) % (len(text) + 1) - (text.rfind("\n", 0, offset) + 1) > LONG_LINE
    ]
    return long_ones or None


@st.composite
def long_line_texts(draw: st.DrawFn) -> str:
    """Lines around :data:`LONG_LINE` long, some holding headings run together."""
    pieces = st.sampled_from(["正文", "。一、甲", "：（二）乙", "；附件1：丙", " 三、", "x", "\r"])
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        size = draw(st.sampled_from([0, 5, LONG_LINE - 1, LONG_LINE, LONG_LINE + 1, LONG_LINE + 40]))
        line = "".join(draw(st.lists(pieces, min_size=1, max_size=6)))
        lines.append((line * (size // len(line) + 1))[:size])
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@pytest.mark.parametrize("text", [*EDGES, *_seed_texts(), *_corpus_texts()], ids=lambda t: f"{len(t)}chars")
def test_virtual_breaks_as_before(text: str) -> None:
    assert _offsets(virtual_breaks(text)) == _reference_offsets(text)


@given(long_line_texts())
def test_virtual_breaks_as_before_on_long_lines(text: str) -> None:
    assert _offsets(virtual_breaks(text)) == _reference_offsets(text)


# ---------------------------------------------------------------------------
# what the line lexer refuses, and how it fails


def _lines_grammar(extra: str = "") -> str:
    return "start: LINE+\nLINE: /[a-z]+\\n?/\n" + extra


def test_a_text_no_terminal_matches_fails_as_in_lark() -> None:
    ours = Lark(_lines_grammar(), parser="lalr", lexer=LineLexer)
    theirs = Lark(_lines_grammar(), parser="lalr", lexer="basic")
    ours_lexer = ours.parser.lexer
    assert isinstance(ours_lexer, LineLexer)
    for text in ("ab\ncd\n1\nef", "1", "ab\n\n", "ab\ncd"):
        assert _lex(ours_lexer, text) == _lex(BasicLexer(theirs.lexer_conf), text)
    with pytest.raises(UnexpectedCharacters) as caught:
        ours.parse("ab\ncd\n1\nef")
    assert (caught.value.line, caught.value.column, caught.value.pos_in_stream) == (3, 1, 6)


@pytest.mark.parametrize(
    ("grammar", "options", "problem"),
    [
        (_lines_grammar("%ignore /[ ]+/\n"), {}, "ignored terminals"),
        (_lines_grammar(), {"lexer_callbacks": {"LINE": lambda t: t}}, "lexer callbacks"),
        ("start: WORD+\nWORD: /[a-z]+/\n", {}, "line breaks Lark does not count"),
        ('start: (LINE | KW)+\nLINE: /[a-z]+\\n?/\nKW: "if"\n', {}, "lexer callbacks"),
    ],
)
def test_grammars_it_cannot_lex_as_lark_are_refused(grammar: str, options: dict[str, Any], problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem):
        Lark(grammar, parser="lalr", lexer=LineLexer, **options)
