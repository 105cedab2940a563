"""What a reader sees of a markdown message: CommonMark's backslash escapes removed (any ASCII
punctuation after a backslash stands for itself, https://spec.commonmark.org/0.31.2/#backslash-escapes).
AppTest shows the markdown source, which orbital.ui escapes so that text from URLs and uploads
is shown literally."""
import re
import string

_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")


def rendered(source: str) -> str:
    return _ESCAPE.sub(r"\1", source)
