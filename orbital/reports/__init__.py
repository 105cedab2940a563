"""Reports built from results for people: the claim check (``claims``), the headline sentence
(``summary``), and the self-contained HTML report (``report``, with its ``charts``, its
``html`` pieces and how to ``reproduce`` it)."""
