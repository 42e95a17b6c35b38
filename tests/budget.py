"""How many examples a hypothesis test runs: its own count, or a fifth of it in the compatibility runs.

``make test-pythons`` runs the whole suite on the other Python versions pyproject declares, with
``GOVINFO_HYPOTHESIS=compat``.  Those runs check that the code works on that Python; the deep search
is the main run's (``make unit``), with the full counts.  The compat profile in ``conftest.py`` scales
the tests that take the profile's count the same way.
"""

from __future__ import annotations

import os

#: Whether this is a compatibility run (``GOVINFO_HYPOTHESIS=compat``).
COMPAT = os.environ.get("GOVINFO_HYPOTHESIS") == "compat"


def budget(examples: int) -> int:
    """``examples``, or a fifth of it (at least 3) in a compatibility run."""
    return max(3, examples // 5) if COMPAT else examples
