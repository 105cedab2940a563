"""The command line, one module per command group: ``evaluate``, ``sets`` (params, export,
diff), ``compare`` and ``analysis`` (sweep, tornado, mc, sobol); ``common`` holds what they
share, ``output`` how results are printed, ``files`` how tables and charts are written, and
``main`` the registry of commands and the entry point ``orbital = orbital.cli:main``."""
from .main import main

__all__ = ["main"]
