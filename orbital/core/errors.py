"""The one error type for bad input, with a one-line message a user can act on."""
from __future__ import annotations


class InputError(ValueError):
    """Bad input, refused at the edge.

    The message always names the place (file and line, flag, widget or argument), the parameter,
    what was given and what was expected, on one line.
    """

    def __init__(self, place: str, problem: str, expected: str | None = None):
        self.place = place
        self.problem = problem
        self.expected = expected
        msg = f"{place}: {problem}" if place else problem
        if expected:
            msg += f"; expected {expected}"
        super().__init__(msg)
