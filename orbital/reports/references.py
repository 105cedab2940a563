"""Published figures the page and reports draw beside orbital's own results, each with its
source: data, kept here once, never written into a chart."""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Reference:
    """A published value of one of orbital's results (``result``), labelled for a chart."""

    result: str
    value: float
    label: str
    source: str


#: SemiAnalysis's published crossover ("parity ~2040 in the base case"), from
#: shared/reference/published-models.md §8.
REFERENCES = (
    Reference("compare.crossover_year", 2040.0,
              "SemiAnalysis 2026 base case: parity ~2040",
              "SemiAnalysis, \"AI Space Datacenter TCO Model\" (June 2026): parity \"~2040\" in "
              "the base case (\"early 2030s\" where the ground is power-constrained)"),
)


def references(result: str) -> list[Reference]:
    """The published references of ``result``."""
    return [r for r in REFERENCES if r.result == result]
