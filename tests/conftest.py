"""Test-wide settings: hypothesis profiles.

- ``default`` (local runs): random examples, so each run can find something new;
- ``ci`` (when ``CI`` is set): the same examples on every run, so CI is reproducible;
- ``stress``: many more examples, for a deliberate search (``HYPOTHESIS_PROFILE=stress``).
A test's own ``@settings`` overrides these where it sets a value.
"""
import os

from hypothesis import settings

settings.register_profile("default", max_examples=40)
settings.register_profile("ci", max_examples=40, derandomize=True)
settings.register_profile("stress", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))
