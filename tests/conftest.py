"""Hypothesis profiles: a fast default, a long fuzz run behind ``GOVINFO_FUZZ=1``, and a compat one.

GOVINFO_FUZZ=1 pytest tests/test_properties.py     # 5,000 examples per property

tests/test_fuzz_cost.py sets its own example counts on top of these (few and
derandomised by default, so that its timing tests draw the same inputs on
every run; many and random under GOVINFO_FUZZ=1).  Coverage-guided fuzzing
is separate: ``make fuzz-cov`` (fuzz/README.md).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Report trees are big examples by design; generating them is not the slow part to warn about.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("fuzz", max_examples=5000, deadline=None, suppress_health_check=_QUIET, print_blob=True)
# the other Pythons' runs (make test-pythons): a fifth of the examples, like budget() for the tests that set their own
settings.register_profile("compat", max_examples=12, deadline=None, suppress_health_check=_QUIET, print_blob=True)
if os.environ.get("GOVINFO_FUZZ") == "1":
    settings.load_profile("fuzz")
elif os.environ.get("GOVINFO_HYPOTHESIS") == "compat":
    settings.load_profile("compat")
else:
    settings.load_profile("ci")
