"""Finance: the analysis period (and, for the comparison, discounting)."""
from __future__ import annotations

from .schema import Param

PARAMETERS = (
    Param("finance.analysis_period", "yr", "Length of the analysis: the buildout runs year by "
          "year over it and costs are totalled over it.", low=1, high=100),
)
