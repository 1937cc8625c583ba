"""The content layer: everything the lessons say, as checked data.

Standard library only (a test keeps it so): the records and constants
(:mod:`.models`), one strict JSON reader (:mod:`.reader`), the loaders for
the course facts (:mod:`.loader`) and the lessons' exercises
(:mod:`.lessons`), and the Markdown builders the notebooks display
(:mod:`.text`). The figures and the widgets build on this layer.
"""

from __future__ import annotations

from .loader import course, data_directory, load
from .models import *  # noqa: F403  (the records and the shared constants)
from .models import __all__ as _model_names

__all__ = ["course", "data_directory", "load", *_model_names]
