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
    return subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.links", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )


def test_every_lesson_gets_a_pull_link_that_opens_its_notebook():
    found = links.lesson_links(HUB)
    assert [x.key for x in found] == [lesson.key for lesson in lessons()]
    for x in found:
        url = urlsplit(x.pull)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{HUB}/hub/user-redirect/git-pull"
        query = parse_qs(url.query, strict_parsing=True)
        assert query == {
            "repo": ["https://github.com/iliopsoas-lessons/iliopsoas-lessons"],
            "branch": ["main"],
            "targetpath": ["iliopsoas-lessons"],
            "urlpath": [f"lab/tree/iliopsoas-lessons/notebooks/{x.key}.ipynb"],
        }
        assert x.binder == (
            f"https://mybinder.org/v2/gh/iliopsoas-lessons/iliopsoas-lessons/main?labpath=notebooks%2F{x.key}.ipynb"
        )


def test_repo_and_branch_flags_change_the_links():
    x = links.lesson_links(HUB + "/", "https://gitlab.example.org/teach/psoas.git", "spring-2027")[3]
    query = parse_qs(urlsplit(x.pull).query)
    assert x.pull.startswith(f"{HUB}/hub/user-redirect/")  # the trailing slash is not doubled
    assert query["branch"] == ["spring-2027"]
    assert query["targetpath"] == ["psoas"]  # nbgitpuller alone would make 'psoas.git'
    assert query["urlpath"] == ["lab/tree/psoas/notebooks/03_symptoms.ipynb"]
    assert x.binder == (
        "https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fteach%2Fpsoas.git"
        "/spring-2027?labpath=notebooks%2F03_symptoms.ipynb"
    )
    local = links.lesson_links(HUB, "file:///srv/git/iliopsoas-lessons.git", "main")[0]
    assert local.binder is None and "iliopsoas-lessons%2Fnotebooks" in local.pull


@pytest.mark.parametrize(
    "hub, message",
    [
        ("", "no hub address"),
        ("hub.example.edu", "must start with https:// or http://"),
        ("ftp://hub.example.edu", "must start with https:// or http://"),
        ("https://", "has no host name"),
        ("https://hub.example.edu/?next=x", "must not have a '?query'"),
        ("https://hub.example.edu/hub", "without the trailing /hub"),
    ],
)
def test_a_bad_hub_address_is_refused_with_the_reason(hub, message):
    with pytest.raises(links.LinkError, match=re.escape(message)):
        links.lesson_links(hub)


@pytest.mark.parametrize(
    "repo, branch, message",
    [
        ("git@github.com:a/b.git", "main", "must start with https:// or http:// or file://"),
        ("https://github.com/a/b", "two words", "not a git branch name"),
        ("https://github.com/a/b", "a..b", "not a git branch name"),
        ("https://github.com/a/b", "", "not a git branch name"),
    ],
)
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


# ------------------------------------------------------------------ hostile values


@pytest.mark.parametrize(
    "hub, message",
    [
        ("http://[::1", "is not a valid address"),
        ("https://hub.example.edu:99999", "not a valid address"),
        ("https://hub.example.edu:0", "port must be a number from 1 to 65535"),
        ("https://hub.example.edu:", "port must be a number from 1 to 65535"),
        ("https://hub example.edu", "a character a URL cannot hold (' ')"),
        ("https://hub.example.edu/\nx", "a character a URL cannot hold"),
        ("https://hub.example.edu/\x07", "a character a URL cannot hold"),
        ('https://hub.example.edu/"><script>alert(1)</script>', "a character a URL cannot hold"),
        ("https://hub.example.edu/a|b", "a character a URL cannot hold ('|')"),
        ("https://hub.example.edu/`x`", "a character a URL cannot hold"),
        ("https://user:pw@hub.example.edu", "user name or password"),
        ("https://hub_example!.edu", "is not a host name"),
        ("https://hub.example.edu/#x", "must not have a '?query' or '#fragment'"),
    ],
)
def test_a_hostile_or_impossible_hub_is_refused_naming_what_is_valid(hub, message):
    with pytest.raises(links.LinkError, match=re.escape(message)):
        links.lesson_links(hub)


def test_good_hubs_with_ports_and_ipv6_still_work():
    assert links.lesson_links("http://127.0.0.1:8000")[0].pull.startswith("http://127.0.0.1:8000/hub/")
    assert links.lesson_links("http://[::1]:8000/")[0].pull.startswith("http://[::1]:8000/hub/")
    assert links.lesson_links("https://hub.example.edu:65535/course")[0].pull.startswith(
        "https://hub.example.edu:65535/course/hub/"
    )


BRANCHES = [
    "main",
    "spring-2027",
    "feature/x",
    "v1.2",
    "r\u00e9sum\u00e9",
    "a+b",
    "a..b",
    "a b",
    "-x",
    "/x",
    "x/",
    "x.",
    "x.lock",
    "a/.b",
    "a//b",
    "a@{1}",
    "a~1",
    "a^",
    "a:b",
    "a?",
    "a*",
    "a[b",
    "a\\b",
    "a\tb",
    "a\x7fb",
    ".hidden",
    "",
]


@pytest.mark.parametrize("branch", BRANCHES)
def test_branch_names_follow_git_check_ref_format(branch):
    import shutil

    ok = True
    try:
        links.check_branch(branch)
    except links.LinkError as e:
        ok = False
        assert "is not a git branch name (e.g. main): no space" in str(e)  # it names the rules
    if shutil.which("git") and branch:
        git = subprocess.run(["git", "check-ref-format", "--branch", branch], capture_output=True, timeout=30)
        assert ok == (git.returncode == 0), branch
    else:
        assert ok == (branch in BRANCHES[:6])


def test_the_branch_at_sign_alone_is_refused():
    with pytest.raises(links.LinkError, match="not a git branch name"):
        links.check_branch("@")  # git reads it as HEAD


@pytest.mark.parametrize("target", ["..", "../x", "a/../b", "/etc", "a\\b", "", ".", "a\nb"])
def test_a_target_folder_outside_the_home_is_refused(target):
    with pytest.raises(links.LinkError, match="target folder .* relative folder name"):
        links.lesson_links(HUB, targetpath=target)


def test_a_repository_named_dot_dot_cannot_make_the_target_folder():
    with pytest.raises(links.LinkError, match="target folder '..'"):
        links.lesson_links(HUB, "https://git.example.org/a/..")
    x = links.lesson_links(HUB, targetpath="course/psoas")[0]
    assert parse_qs(urlsplit(x.pull).query)["targetpath"] == ["course/psoas"]


def test_the_command_refuses_hostile_values_in_one_line_without_a_traceback():
    for args, message in [
        (("--hub", "http://[::1"), "not a valid address"),
        (("--hub", "https://hub.example.edu:99999"), "not a valid address"),
        (("--hub", HUB, "--branch", "a..b"), "not a git branch name"),
        (("--hub", HUB, "--targetpath", ".."), "relative folder name"),
    ]:
        run = _run(*args)
        assert run.returncode == 2 and "Traceback" not in run.stderr, (args, run.stderr)
        assert message in run.stderr.splitlines()[-1], (args, run.stderr)


def test_markdown_and_html_escape_every_value():
    evil = links.LessonLinks(
        "k",
        "Hip | pain [x](javascript:alert(1)) <b>`code`</b>\n| row |",
        "https://hub.example.edu/a(b)c'd/hub?x=1",
        None,
    )
    md = links.render([evil], "markdown").splitlines()
    assert len(md) == 3  # the newline did not add a row
    row = md[2]
    assert re.sub(r"\\.", "", row).count("|") == 4  # only the table's own cell bars are unescaped
    assert "<b>" not in row and "\\<b\\>" in row and "\\[x\\]" in row and "\\`code\\`" in row
    assert "(https://hub.example.edu/a%28b%29c%27d/hub?x=1)" in row
    page = links.render([evil], "html")
    assert "<b>" not in page and "&lt;b&gt;" in page and "c&#x27;d" in page
