"""Shared test settings.

In CI (CI=true) hypothesis runs derandomized, so a submission's CI run is reproducible; on a
developer's machine it explores fresh examples each run (and remembers failures in
.hypothesis/), which is where new counterexamples get found and turned into @example cases.
"""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
