"""Bytes to text: the encodings a report file may be in, and how one is told from another."""

from __future__ import annotations

import codecs
import re

from govinfo_reports.errors import DecodeError

__all__ = ["decode", "text_codec"]


def text_codec(name: str) -> str | None:
    """The canonical name of a text encoding called ``name``, or ``None`` (unknown, or not a text encoding).

    Python's codec registry also holds bytes-to-bytes and str-to-str codecs
    (``base64``, ``zlib``, ``rot13`` ...); they are not text encodings.

    >>> text_codec("GBK"), text_codec("utf8"), text_codec("rot13"), text_codec("no-such-thing")
    ('gbk', 'utf-8', None, None)
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):  # ValueError: a name with a NUL character
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


#: Encodings that charset-normalizer may name for a Chinese report, and the codec that reads them.
_CHINESE_CODECS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "cp936": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
}
#: Share of the non-ASCII characters of a GB18030 reading that may lie outside GB2312 for the reading to be
#: taken without asking charset-normalizer (Big5 or Shift-JIS bytes read as GB18030 are mostly outside it).
_GB2312_SHARE = 0.9


_KANA = re.compile("[\u3040-\u30ff]")


def _plausibly_gb(text: str) -> bool:
    """Whether a GB18030 reading looks like GB text: nearly all its non-ASCII characters are GB2312 ones, not kana.

    (EUC-JP reads as GB2312 characters too, its kana as kana.)
    """
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not non_ascii:
        return True
    in_gb2312 = len(text.encode("gb2312", "ignore").decode("gb2312")) - (len(text) - non_ascii)
    kana = len(_KANA.findall(text))
    return in_gb2312 - kana >= _GB2312_SHARE * non_ascii


def _detect(data: bytes, path: str) -> str:
    """Decode bytes that are neither UTF-8 nor plausibly GB18030: ask charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    codec = _CHINESE_CODECS.get(guess or "")
    if codec is None:
        what = f"looks like {guess}" if guess else "in no encoding that could be detected"
        raise DecodeError(
            f"not in a Chinese text encoding (UTF-8, GB18030, Big5): {what}; pass encoding= to read it anyway",
            path=path,
        )
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:  # pragma: no cover - charset-normalizer decoded it
        raise DecodeError(f"not {codec} ({exc.reason} at byte {exc.start})", path=path) from None


#: Characters outside the scripts and symbols a report is written in (Latin, CJK, their punctuation and forms).
_UNUSUAL = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u27bf\u3000-\u30ff\u3400-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
#: The share of unusual characters above which a reading (by a UTF-16 or UTF-32 BOM) is not text.
_UNUSUAL_SHARE = 0.2


def _reads_as_text(text: str) -> bool:
    return _UNUSUAL.subn("", text)[1] <= _UNUSUAL_SHARE * len(text)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode a report file.

    The rules, in order:

    1. an explicit ``encoding`` is used as given (it must name a text encoding);
    2. a byte order mark decides: UTF-8, UTF-16 or UTF-32, little or big endian (the BOM is dropped);
    3. a file with NUL bytes is binary;
    4. UTF-8;
    5. GB18030 (a superset of GBK and GB2312), when nearly all its non-ASCII characters are GB2312 ones;
    6. otherwise charset-normalizer decides: GB18030 or Big5 are read, anything else
       (Shift-JIS, Latin-1, ...) is not the text of a Chinese report.

    >>> decode("总体情况".encode("gbk"))
    '总体情况'
    >>> decode(codecs.BOM_UTF16_LE + "总体情况".encode("utf-16-le"))
    '总体情况'
    >>> decode(b"\\x81", encoding="rot13")
    Traceback (most recent call last):
    ...
    govinfo_reports.errors.DecodeError: <bytes>: 'rot13' is not the name of a text encoding

    Args:
        data: The file's bytes.
        path: The file's name, for error messages.
        encoding: The encoding to use instead of detecting one.

    Raises:
        DecodeError: the data is binary, not in the given encoding, or in none that is detected.
    """
    if encoding is not None:
        codec = text_codec(encoding)
        if codec is None:
            raise DecodeError(f"{encoding!r} is not the name of a text encoding", path=path)
        try:
            text = data.decode(codec)
        except UnicodeError as exc:
            raise DecodeError(f"not {codec}: {exc}", path=path) from None
        return text[1:] if text.startswith("\ufeff") else text
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {codec} BOM but is not {codec} ({exc.reason} at byte {exc.start + len(bom)})",
                    path=path,
                ) from None
            # two bytes of a binary file may look like a UTF-16 BOM: the rest must read as text
            if codec != "utf-8" and not _reads_as_text(text):
                raise DecodeError(f"starts with a {codec} BOM but does not read as text in it", path=path)
            return text
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not a text report", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausibly_gb(text):
            return text
    return _detect(data, path)
