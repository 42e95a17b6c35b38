"""Fuzz :func:`govinfo_reports.parse` on any text: it must never raise, and must render back to the text.

The bytes are decoded as UTF-8 with ``surrogatepass`` (lone surrogates reach
the parser as they can from Python code) or, when that fails, ``replace``.
"""

from __future__ import annotations

from _harness import main

from govinfo_reports import parse, render


def text_of(data: bytes) -> str:
    """The fuzzer's bytes as a ``str``: UTF-8, lone surrogates kept, invalid bytes replaced."""
    try:
        return data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def one_input(data: bytes) -> None:
    text = text_of(data)
    report = parse(text)  # lenient mode: documented never to raise
    if render(report) != text:
        raise AssertionError("render(parse(text)) != text")


if __name__ == "__main__":
    main(one_input)
