"""Shared driver of the atheris harnesses in this folder (see README.md).

Each harness module defines ``one_input(data: bytes) -> None`` that calls the
library and lets through only the exceptions the library documents for that
call.  :func:`main` instruments ``govinfo_reports`` (and lark, cattrs) for
coverage and hands the function to libFuzzer.

Two ways to run:

* plain libFuzzer (the default): the first undocumented exception, or an
  input slower than ``-timeout``, stops the run and is saved by libFuzzer as
  ``crash-*`` / ``timeout-*`` under ``-artifact_prefix``;
* ``GOVINFO_FUZZ_KEEP_GOING=DIR``: every undocumented exception is recorded
  in ``DIR`` once per signature (exception type + the innermost frame in
  govinfo_reports) and the run goes on, so one run lists all distinct
  crashes; inputs slower than ``GOVINFO_FUZZ_SLOW`` seconds (default 1.0)
  are recorded there too, as ``slow-*``.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["govinfo_reports", "lark", "cattrs"]):
    import govinfo_reports  # noqa: F401  (instrumented before the harness imports its parts)

OneInput = Callable[[bytes], None]

_seen: set[str] = set()


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "govinfo_reports" in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f"{Path(where.filename).name}:{where.name}:{where.lineno}" if where else "?"
    kind = f"[{exc.args[0]}]" if isinstance(exc, AssertionError) and len(exc.args) == 2 else ""
    return f"{type(exc).__name__}{kind}@{place}"


def _record(folder: Path, kind: str, signature: str, data: bytes, detail: str) -> None:
    digest = hashlib.sha1(data).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}-{digest}.bin").write_bytes(data)
    (folder / f"{kind}-{digest}.txt").write_text(f"{signature}\n{detail}\n", encoding="utf-8")
    print(f"\n== {kind} {signature} ({len(data)} bytes) -> {kind}-{digest}.bin", file=sys.stderr, flush=True)


def keep_going(one_input: OneInput, folder: Path, slow: float) -> OneInput:
    """Wrap ``one_input`` so that crashes and slow inputs are recorded, once per signature, not raised."""

    calls = 0

    def wrapped(data: bytes) -> None:
        nonlocal calls
        calls += 1
        start = time.perf_counter()
        try:
            one_input(data)
        except Exception as exc:
            signature = _signature(exc)
            if signature not in _seen:
                _seen.add(signature)
                _record(folder, "crash", signature, data, "".join(traceback.format_exception(exc))[-4000:])
            return
        elapsed = time.perf_counter() - start
        if elapsed > slow and calls > 10:  # the first calls build the grammar and warm the caches
            bucket = f"slow-{len(data).bit_length()}-{int(elapsed).bit_length()}"
            if bucket not in _seen:
                _seen.add(bucket)
                _record(folder, "slow", f"{elapsed:.2f}s for {len(data)} bytes", data, "")

    return wrapped


def main(one_input: OneInput) -> None:
    """Run ``one_input`` under libFuzzer, with the command-line arguments given to the harness."""
    target = one_input
    folder = os.environ.get("GOVINFO_FUZZ_KEEP_GOING")
    if folder:
        target = keep_going(one_input, Path(folder), float(os.environ.get("GOVINFO_FUZZ_SLOW", "1.0")))
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
