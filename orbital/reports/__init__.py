"""Reports built from results for people: the claim check (``claims``) and the published
figures drawn beside orbital's results, with their sources (``references``)."""
