"""The library reads every stored input exactly as the reference code did (tests/equivalence/).

The inputs are the seeds, the shared corpus and 2,600 generated texts; the
digests cover the JSON tree with spans, diagnostics, template, facts with
spans, extraction diagnostics and findings with their spans.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "equivalence"))

import snapshot


def test_every_stored_input_reads_as_recorded() -> None:
    recorded = json.loads(snapshot.DIGESTS.read_text(encoding="utf-8"))
    rows = snapshot.load_inputs()
    assert len(rows) == len(recorded) > 2500
    changed = [row["name"] for row in rows if snapshot.digest(row["kind"], row["text"]) != recorded[row["name"]]]
    assert not changed, (
        f"{len(changed)} of {len(rows)} inputs read differently, first: {changed[:10]}; "
        f"see `python tests/equivalence/snapshot.py diff NAME`"
    )
