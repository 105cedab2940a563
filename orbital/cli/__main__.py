"""``python -m orbital.cli``: the same as the ``orbital`` command."""
import sys

from .main import main

sys.exit(main())
