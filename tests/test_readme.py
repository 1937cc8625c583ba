"""The README tells the truth: its commands exist, its links resolve, its code runs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_are_make_targets():
    assert "make lab" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab", "test", "notebooks", "assets", "bench", "voila"):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_ci_runs_the_readme_test_command():
    assert re.search(r"^make test\b", (ROOT / ".ci" / "run").read_text(), re.M)


@pytest.mark.parametrize("target", sorted(set(re.findall(r"\]\((?!https?://)([^)#?]+)\)", README))))
def test_local_links_and_images_exist(target):
    assert (ROOT / target).exists(), target


def test_every_lesson_is_linked_locally_and_on_binder():
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"(notebooks/{nb.name})" in README, nb.name
        assert f"labpath=notebooks%2F{nb.name}" in README, nb.name
    assert "urlpath=voila%2Frender%2Fnotebooks%2F03_symptoms.ipynb" in README


@pytest.mark.parametrize("index", range(len(re.findall(r"```python\n", README))))
def test_python_examples_run(index):
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    namespace: dict = {}
    # Later blocks build on earlier ones, as a reader would run them.
    for block in blocks[: index + 1]:
        exec(compile(block, f"README.md block {index}", "exec"), namespace)
