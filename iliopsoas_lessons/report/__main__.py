"""``python -m iliopsoas_lessons.report``: see :mod:`iliopsoas_lessons.report`."""

import sys

from . import main

sys.exit(main())
