"""The README tells the truth: its commands exist, its links resolve, its code runs."""

from __future__ import annotations

import doctest
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


BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def test_every_python_example_shows_its_output():
    """Each example is written as a session, with what it prints or returns, so
    running it checks it (a block without expected output checks nothing)."""
    assert BLOCKS
    for i, block in enumerate(BLOCKS):
        examples = doctest.DocTestParser().get_examples(block)
        assert examples, f"README python block {i} is not a >>> session"
        assert any(e.want.strip() for e in examples), f"README python block {i} shows no output"


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_python_examples_print_what_the_readme_says(index):
    """Later blocks build on earlier ones, as a reader would run them; '...' in
    an expected output stands for text the content may reword."""
    globs: dict = {}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    for i, block in enumerate(BLOCKS[: index + 1]):
        test = parser.get_doctest(block, globs, f"README.md python block {i}", "README.md", 0)
        out: list[str] = []
        result = runner.run(test, out=out.append, clear_globs=False)
        globs = test.globs
        assert result.failed == 0, "".join(out)
