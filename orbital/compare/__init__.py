"""Ground vs space: ratios of the two sides (``comparison``) and the exact "what must be true"
solvers with their status in words (``solvers``)."""
