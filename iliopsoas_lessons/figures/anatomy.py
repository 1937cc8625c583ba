"""The anatomy figures under their old name: this module only re-exports them.

The figures themselves live one family per module: :mod:`.anatomy_front`
(front-view schematic, its highlight and the live :class:`FrontViewFigure`),
:mod:`.mechanisms` (each injury mechanism's close-up, :class:`MechanismFigure`),
:mod:`.hip` (side view; its muscle-length model in :mod:`.hip_geometry`)
and :mod:`.lumbar` (the lumbar-curve model).  Kept so that ``from iliopsoas_lessons.figures.anatomy
import ...`` in the lesson widgets goes on working.
"""

from __future__ import annotations

from .anatomy_front import FrontViewFigure, anatomy_alt_text, part_shapes, plot_anatomy
from .hip import HipAngleFigure, hip_side_alt_text, plot_hip_side
from .hip_geometry import HIP_ANGLE_RANGE, muscle_length_ratio
from .lumbar import LumbarCurveFigure, lean_angle_deg, lumbar_curve_alt_text, plot_lumbar_curve
from .mechanisms import MechanismFigure, mechanism_alt_text, plot_mechanism

__all__ = [
    "plot_anatomy",
    "anatomy_alt_text",
    "part_shapes",
    "plot_hip_side",
    "muscle_length_ratio",
    "hip_side_alt_text",
    "HIP_ANGLE_RANGE",
    "plot_lumbar_curve",
    "lumbar_curve_alt_text",
    "lean_angle_deg",
    "plot_mechanism",
    "mechanism_alt_text",
    "FrontViewFigure",
    "MechanismFigure",
    "HipAngleFigure",
    "LumbarCurveFigure",
]
