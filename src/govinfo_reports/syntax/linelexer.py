"""A lean lexer for the line-level report grammar: Lark's token stream, minus Lark's per-token overhead.

Every terminal of ``grammar/report.lark`` is a whole source line (``CELL_PIPES``
two), so a report of a few thousand lines makes a few thousand tokens, and
Lark's generic :class:`lark.lexer.BasicLexer` spends more time on each token
(a method call to match, another to count lines, a keyword-friendly
``Token`` constructor) than the regular expression spends matching it.

:class:`LineLexer` makes the same tokens in one tight loop.  It takes its
terminals from the grammar through the ``LexerConf`` that Lark hands every
lexer, in the order Lark's basic lexer tries them (it asks a ``BasicLexer``
built from that configuration), and joins them into the same alternation of
named groups; so the grammar stays the only place where line shapes are
written, and the first alternative that matches wins, exactly as in Lark.
Line and column arithmetic is Lark's ``LineCounter``'s, done inline.

It is used as ``Lark(..., lexer=LineLexer)``; Lark chains the post-lexer
after it as it does after its own lexers.  ``tests/test_linelexer.py``
compares its tokens with ``BasicLexer``'s, field by field.

What it buys: the pipeline runs 1.08-1.13x faster than with Lark's basic lexer (measured
for issue "The house"), above the 5% a speed device must pay for its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.common import LexerConf
from lark.exceptions import ConfigurationError, UnexpectedCharacters
from lark.lexer import BasicLexer, Lexer, LexerState

__all__ = ["LineLexer"]


class LineLexer(Lexer):
    """Lark's basic lexer for grammars without ``%ignore``, lexer callbacks or string terminals, made lean.

    Pass the class itself to ``Lark(lexer=...)``.  The grammar must be one
    the basic lexer handles with a single regular expression and nothing
    else: no ignored terminals, no lexer callbacks (nor string terminals
    that a regular expression terminal of the same priority also matches,
    which Lark re-types in a callback), ``str`` input, and every terminal
    one that Lark counts line breaks in.  Anything else is refused when the
    parser is built (:class:`lark.exceptions.ConfigurationError`), so it
    cannot lex differently from Lark at parse time.
    """

    #: Lark's custom-lexer protocol: ``__init__(conf)``, ``lex(lexer_state, parser_state)``.
    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        """Build the matcher from Lark's lexer configuration (the grammar's terminals)."""
        basic = BasicLexer(conf)  # validates the terminals and sorts them in the order Lark tries them
        terminals = list(basic.terminals)
        names = {t.name for t in terminals}
        basic.scanner  # noqa: B018  # builds basic.callback: Lark's own callbacks (string terminals) and the user's
        problems = []
        if conf.use_bytes:
            problems.append("bytes input")
        if conf.ignore:
            problems.append(f"ignored terminals {sorted(conf.ignore)}")
        if basic.callback:
            problems.append(f"lexer callbacks for {sorted(basic.callback)}")
        if basic.newline_types != names:
            problems.append(f"terminals whose line breaks Lark does not count: {sorted(names - basic.newline_types)}")
        if problems:
            raise ConfigurationError("LineLexer cannot lex this grammar as Lark would: " + "; ".join(problems))
        #: The terminals' regular expressions as one alternation of named groups, in Lark's order.
        self.pattern: re.Pattern[str] = conf.re_module.compile(
            "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), conf.g_regex_flags
        )
        self._allowed = names
        self._terminals_by_name = conf.terminals_by_name

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        """Yield the tokens of ``lexer_state``'s text from its current position.

        The state (position, line counter, last token) is brought up to date
        when the lexing stops: at the end of the text, when the iterator is
        closed or collected, and before :class:`~lark.exceptions.UnexpectedCharacters`
        is raised (never, for a grammar whose last terminal matches any line).
        """
        source = lexer_state.text
        text = source.text
        end = source.end
        counter = lexer_state.line_ctr
        pos = counter.char_pos
        line = counter.line
        column = counter.column
        line_start = counter.line_start_pos
        new = str.__new__
        tok = lexer_state.last_token
        try:
            # finditer searches; a match that does not start where the last one ended means none matched there
            for m in self.pattern.finditer(text, pos, end):
                if m.start() != pos:
                    break
                value = m.group()
                stop = m.end()
                tok = new(Token, value)
                tok.type = m.lastgroup  # type: ignore[assignment]  # a named group always matched
                tok.start_pos = pos
                tok.value = value
                tok.line = line
                tok.column = column
                if value[-1] == "\n":  # a whole line (the rule in this grammar): the next starts in column 1
                    line += value.count("\n")
                    line_start = stop
                    column = 1
                else:
                    breaks = value.count("\n")
                    if breaks:
                        line += breaks
                        line_start = pos + value.rindex("\n") + 1
                    column = stop - line_start + 1
                tok.end_line = line
                tok.end_column = column
                tok.end_pos = stop
                pos = stop
                yield tok
            if pos < end:
                raise UnexpectedCharacters(  # type: ignore[no-untyped-call]
                    text,
                    pos,
                    line,
                    column,
                    allowed=self._allowed,
                    token_history=tok and [tok],
                    state=parser_state,
                    terminals_by_name=self._terminals_by_name,
                )
        finally:
            counter.char_pos = pos
            counter.line = line
            counter.column = column
            counter.line_start_pos = line_start
            lexer_state.last_token = tok
