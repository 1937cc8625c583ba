"""The teacher links: one nbgitpuller and one Binder link per lesson, that
open the right notebook, and a clear error for an address that cannot work."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from iliopsoas_lessons import links
from iliopsoas_lessons.content.lessons import lessons

ROOT = Path(__file__).resolve().parents[1]
HUB = "https://hub.example.edu"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iliopsoas_lessons.links", *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, check=False)


def test_every_lesson_gets_a_pull_link_that_opens_its_notebook():
    found = links.lesson_links(HUB)
    assert [x.key for x in found] == [lesson.key for lesson in lessons()]
    for x in found:
        url = urlsplit(x.pull)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{HUB}/hub/user-redirect/git-pull"
        query = parse_qs(url.query, strict_parsing=True)
        assert query == {"repo": ["https://github.com/iliopsoas-lessons/iliopsoas-lessons"],
                         "branch": ["main"], "targetpath": ["iliopsoas-lessons"],
                         "urlpath": [f"lab/tree/iliopsoas-lessons/notebooks/{x.key}.ipynb"]}
        assert x.binder == ("https://mybinder.org/v2/gh/iliopsoas-lessons/iliopsoas-lessons/main"
                            f"?labpath=notebooks%2F{x.key}.ipynb")


def test_repo_and_branch_flags_change_the_links():
    x = links.lesson_links(HUB + "/", "https://gitlab.example.org/teach/psoas.git", "spring-2027")[3]
    query = parse_qs(urlsplit(x.pull).query)
    assert x.pull.startswith(f"{HUB}/hub/user-redirect/")  # the trailing slash is not doubled
    assert query["branch"] == ["spring-2027"]
    assert query["targetpath"] == ["psoas"]  # nbgitpuller alone would make 'psoas.git'
    assert query["urlpath"] == ["lab/tree/psoas/notebooks/03_symptoms.ipynb"]
    assert x.binder == ("https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fteach%2Fpsoas.git"
                        "/spring-2027?labpath=notebooks%2F03_symptoms.ipynb")
    local = links.lesson_links(HUB, "file:///srv/git/iliopsoas-lessons.git", "main")[0]
    assert local.binder is None and "iliopsoas-lessons%2Fnotebooks" in local.pull


@pytest.mark.parametrize("hub, message", [
    ("", "no hub address"),
    ("hub.example.edu", "must start with https:// or http://"),
    ("ftp://hub.example.edu", "must start with https:// or http://"),
    ("https://", "has no host name"),
    ("https://hub.example.edu/?next=x", "must not have a '?query'"),
    ("https://hub.example.edu/hub", "without the trailing /hub"),
])
def test_a_bad_hub_address_is_refused_with_the_reason(hub, message):
    with pytest.raises(links.LinkError, match=re.escape(message)):
        links.lesson_links(hub)


@pytest.mark.parametrize("repo, branch, message", [
    ("git@github.com:a/b.git", "main", "must start with https:// or http:// or file://"),
    ("https://github.com/a/b", "two words", "not a git branch name"),
    ("https://github.com/a/b", "a..b", "not a git branch name"),
    ("https://github.com/a/b", "", "not a git branch name"),
])
def test_a_bad_repository_or_branch_is_refused(repo, branch, message):
    with pytest.raises(links.LinkError, match=re.escape(message)):
        links.lesson_links(HUB, repo, branch)


def test_the_defaults_live_in_one_package_data_file():
    d = links.defaults()
    assert set(d) == {"hub", "repo", "branch", "binder"}
    assert d["hub"] == ""  # no made-up hub: a teacher passes --hub or sets it once there


def test_the_command_prints_text_markdown_and_html():
    text = _run("--hub", HUB)
    assert text.returncode == 0, text.stderr
    for lesson in lessons():
        assert lesson.title in text.stdout
        assert f"notebooks%2F{lesson.key}.ipynb" in text.stdout
    md = _run("--hub", HUB, "--format", "markdown").stdout.splitlines()
    assert md[:2] == ["| lesson | on the course hub | on Binder |", "|---|---|---|"]
    assert len(md) == 2 + len(lessons()) and all(row.count("](") == 2 for row in md[2:])
    page = _run("--hub", HUB, "--format", "html").stdout
    assert page.startswith("<ul>") and page.count('<a href="') == 2 * len(lessons())
    assert "&amp;branch=main" in page  # the query's '&' is escaped inside the attribute


def test_the_command_names_the_problem_and_the_choices():
    no_hub = _run()
    assert no_hub.returncode == 2 and "no hub address: pass --hub" in no_hub.stderr
    bad_format = _run("--hub", HUB, "--format", "pdf")
    assert bad_format.returncode == 2 and "choose from 'text', 'markdown', 'html'" in bad_format.stderr
    bad_hub = _run("--hub", "hub.example.edu")
    assert bad_hub.returncode == 2 and "must start with https://" in bad_hub.stderr
