"""The figures layer: matplotlib drawings of the content, never ipywidgets.

One module per figure family; in each, ``plot_*(ax, ...)`` draws on the axes
it is given and returns its artists.  In the anatomy families one ``show_*``
function maps the family's state to those artists, used both by ``plot_*``
and by the family's live figure (a :class:`.live.LiveFigure` updated in
place):

* :mod:`.bodymap` - the CHOIR pain body map (with :mod:`.bodymap_geometry`
  and :mod:`.bodymap_text`);
* :mod:`.anatomy_front` - the front-view schematic, its highlight on one
  side or both (``show_front_state``) and its live figure
  ``FrontViewFigure`` (outlines and label layout as data in
  :mod:`.front_geometry`, each part's path on either side in
  :mod:`.front_shapes`);
* :mod:`.mechanisms` - each injury mechanism's own close-up on one side
  (``MechanismFigure``; scenes built and shown in :mod:`.mechanism_scenes`,
  drawn in :mod:`.mechanism_drawing`, what each shows as data in
  :mod:`.mechanism_scene_data`, outlines in :mod:`.mechanism_geometry`);
* :mod:`.hip` - the hip side view and the muscle-length model
  (``show_hip_angle``, ``HipAngleFigure``);
* :mod:`.lumbar` - the lumbar-curve model (``show_spasm``,
  ``LumbarCurveFigure``).

Shared pieces: :mod:`.style` (colours, fonts, drawing helpers, argument
checks), :mod:`.live` (the in-place figure base and its blitting cache),
:mod:`.png` (deterministic PNG encoding), :mod:`.shapes` (path helpers of the
anatomy figures).  :mod:`.anatomy` only re-exports the anatomy figures under
their old module name.
"""
