"""The programme over time: the launch price's ``learning`` curve, the year-by-year
``buildout`` of launched mass and fleet power (its loop over samples in ``yearly``, over one
sample's floats in ``scalar``, the cohort ``ledger``), and ``finance`` (discounting)."""
