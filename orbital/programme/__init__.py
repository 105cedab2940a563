"""The programme over time: the launch price's ``learning`` curve, the year-by-year
``buildout`` ledger of launched mass and fleet power, and ``finance`` (discounting)."""
