"""Reports built from results for people: the claim check (``claims``)."""
