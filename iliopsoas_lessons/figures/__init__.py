"""The figures layer: matplotlib drawings of the content, never ipywidgets.

One module per figure family: :mod:`.bodymap` (the CHOIR pain body map, with
:mod:`.bodymap_geometry` and :mod:`.bodymap_text`), :mod:`.anatomy` (the
front-view schematic, the hip side view, the lumbar curve and the mechanism
pictures); :mod:`.style` holds the house style and the live-figure base.
Every ``plot_*`` takes the axes to draw on and returns its artists.
"""
