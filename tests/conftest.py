"""Shared test set-up for the figure tests: force the Agg backend before
anything imports pyplot, and close any figure a test leaves behind."""
import matplotlib

matplotlib.use("Agg", force=True)

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
