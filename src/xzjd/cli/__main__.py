"""``python -m xzjd.cli``."""

import sys

from xzjd.cli.commands import main

sys.exit(main())
