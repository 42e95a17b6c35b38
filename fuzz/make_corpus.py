"""Write the starting corpus of each harness: ``python fuzz/make_corpus.py OUT_DIR``.

* ``OUT_DIR/parse`` and ``OUT_DIR/validate``: the text reports of ``seeds/`` and of the
  shared corpus (``../shared/corpus`` beside the repository, else ``/work/shared/corpus``),
  each also cut to its first 4,000 bytes, which the fuzzer mutates faster;
* ``OUT_DIR/html``: the HTML pages of the shared corpus and ``tests/data``;
* ``OUT_DIR/loads``: :func:`govinfo_reports.dumps` of the reports parsed from the cut texts.

Files already there (what earlier runs found) are kept.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from govinfo_reports import dumps, parse

ROOT = Path(__file__).resolve().parent.parent
CUT = 4000


def shared_corpus() -> Path | None:
    """The shared corpus of real reports, if this machine has it."""
    for candidate in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if candidate.is_dir():
            return candidate
    return None


def _put(folder: Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def _cut(data: bytes) -> bytes:
    return data[:CUT].decode("utf-8", errors="ignore").encode("utf-8")


def main(out: Path) -> None:
    """Fill ``out/<harness>`` for the four harnesses."""
    texts = sorted((ROOT / "seeds").glob("*.txt"))
    pages = sorted((ROOT / "tests" / "data").glob("*.html"))
    corpus = shared_corpus()
    if corpus is None:
        print("make_corpus: no shared corpus found; seeding from seeds/ and tests/data only", file=sys.stderr)
    else:
        texts += sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
        pages += sorted(corpus.glob("*.html"))
    for path in texts:
        data = path.read_bytes()
        for harness in ("parse", "validate"):
            _put(out / harness, data)
            _put(out / harness, _cut(data))
        _put(out / "loads", dumps(parse(_cut(data).decode("utf-8", errors="replace"))).encode("utf-8"))
    for path in pages:
        _put(out / "html", path.read_bytes())
    for harness in ("parse", "validate", "html", "loads"):
        count = len(list((out / harness).iterdir())) if (out / harness).is_dir() else 0
        print(f"make_corpus: {out / harness}: {count} files")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
