"""``python -m iliopsoas_lessons.export``: see :mod:`iliopsoas_lessons.export`."""

import sys

from . import main

sys.exit(main())
