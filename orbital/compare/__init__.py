"""Ground vs space: ratios of the two sides (``comparison``), the exact "what must be true"
solvers with their status in words (``solvers``), both sides year by year (``timeline``,
``cashflow``, ``budget``, ``market``), the crossover rule they share (``crossing``) and their
results computed when read (``lazy``)."""
