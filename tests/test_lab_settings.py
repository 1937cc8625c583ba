"""The JupyterLab settings learners get: the package installs them into the
environment (pyproject.toml's data-files, share/jupyter/lab/settings/, which is
JupyterLab's app settings folder), and the browser tests start Lab with them."""

from __future__ import annotations

import json
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
SETTINGS = "share/jupyter/lab/settings/overrides.json"


def test_the_news_prompt_and_update_check_are_off():
    settings = json.loads((REPO / SETTINGS).read_text(encoding="utf-8"))
    assert settings["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}


def test_the_settings_are_installed_with_the_package():
    data_files = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    assert SETTINGS in data_files["share/jupyter/lab/settings"]


def test_the_browser_tests_use_no_private_lab_settings():
    """No app-settings folder, news URL or update checker of the tests' own:
    JupyterLab under test reads the installed settings, as learners' does."""
    conftest = (REPO / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8")
    for private in ("app_settings_dir", "news_url", "check_for_updates_class", "fetchNews", "checkForUpdates"):
        assert private not in conftest, private
