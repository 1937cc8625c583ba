"""``python -m iliopsoas_lessons.cases check FILE | list | fixtures -o FILE``."""

import sys

from . import main

sys.exit(main())
