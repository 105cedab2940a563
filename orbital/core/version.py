"""orbital's version, in a module of its own so that any module can name it without importing
the package's public front (``orbital/__init__.py``)."""
__version__ = "0.1.0"
