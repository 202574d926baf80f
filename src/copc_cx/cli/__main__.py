"""`python -m copc_cx.cli`: the same as the `copc-cx` script."""

import sys

from . import main

sys.exit(main())
