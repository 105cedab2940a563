"""The vocabulary every other part uses, importing nothing of the model: the one pint registry
(``units``), physical ``constants``, the one error type (``errors``), the spec types of
parameters, choices and results (``spec``), deferred results (``deferred``) and the version."""
