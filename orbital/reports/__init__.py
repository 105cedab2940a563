"""Reports built from results for people: the claim check (``claims``), the headline sentence
(``summary``), the self-contained HTML report (``report``, with its ``charts``, its ``html``
pieces and how to ``reproduce`` it), and the published figures drawn beside orbital's results,
with their sources (``references``)."""
