"""Links a teacher pastes into the learning platform: per lesson, the
nbgitpuller link that copies the lessons into each learner's home folder on
the course hub and opens the lesson, and the Binder link.

    python -m iliopsoas_lessons.links --hub https://hub.example.edu
    python -m iliopsoas_lessons.links --hub URL --repo URL --branch B --format markdown

The defaults (hub, repository, branch, Binder) are set in one place,
``data/class_links.ini``. Builds on the content layer only (the lesson list).
"""
from __future__ import annotations

import argparse
import configparser
import html
import re
import sys
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote, urlencode, urlsplit

from .content.lessons import lessons

__all__ = ["LessonLinks", "LinkError", "defaults", "lesson_links", "pull_link", "binder_link",
           "render", "main", "FORMATS"]

FORMATS = ("text", "markdown", "html")
REPO_SCHEMES = ("https", "http", "file")
# A git branch name: no spaces, no '..', none of ~^:?*[\ and not starting with '-' or '/'.
_BRANCH = re.compile(r"^(?!-|/)(?!.*\.\.)(?!.*//)[^\s~^:?*\[\\]+(?<![/.])$")


class LinkError(ValueError):
    """A hub, repository or branch that cannot make a working link."""


@dataclass(frozen=True)
class LessonLinks:
    key: str
    title: str
    pull: str
    binder: str | None


def defaults() -> dict[str, str]:
    """hub, repo, branch and binder from ``data/class_links.ini``."""
    parser = configparser.ConfigParser()
    parser.read_string(resources.files("iliopsoas_lessons").joinpath("data/class_links.ini")
                       .read_text(encoding="utf-8"))
    return dict(parser["links"])


def _check_url(url: str, what: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in schemes:
        raise LinkError(f"{what} {url!r} must start with {' or '.join(s + '://' for s in schemes)}")
    if parts.scheme != "file" and not parts.hostname:
        raise LinkError(f"{what} {url!r} has no host name, e.g. https://hub.example.edu")
    if parts.scheme == "file" and not parts.path.strip("/"):
        raise LinkError(f"{what} {url!r} names no folder")
    if parts.query or parts.fragment:
        raise LinkError(f"{what} {url!r} must not have a '?query' or '#fragment'")
    return url.strip().rstrip("/")


def check_hub(hub: str) -> str:
    if not hub or not hub.strip():
        raise LinkError("no hub address: pass --hub https://your.hub.address "
                        "or set 'hub' in iliopsoas_lessons/data/class_links.ini")
    hub = _check_url(hub, "hub address", ("https", "http"))
    if urlsplit(hub).path.rstrip("/").endswith("/hub"):
        raise LinkError(f"hub address {hub!r}: give the hub's base address, without the trailing /hub")
    return hub


def check_branch(branch: str) -> str:
    if not _BRANCH.match(branch or ""):
        raise LinkError(f"branch {branch!r} is not a git branch name (e.g. main)")
    return branch


def target_folder(repo: str) -> str:
    """The folder the link asks nbgitpuller to make in the learner's home: the
    repository's name without '.git' (nbgitpuller's own default keeps it)."""
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def pull_link(hub: str, repo: str, branch: str, notebook: str) -> str:
    """The nbgitpuller link: pull ``repo``'s ``branch``, then open ``notebook`` in JupyterLab."""
    folder = target_folder(repo)
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                       "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"}, quote_via=quote, safe="")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def binder_link(binder: str, repo: str, branch: str, notebook: str) -> str | None:
    """The Binder link; None for a local (file://) repository, which Binder cannot reach."""
    parts = urlsplit(repo)
    if parts.scheme == "file":
        return None
    labpath = quote(f"notebooks/{notebook}", safe="")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.hostname == "github.com" and path.count("/") == 1:
        return f"{binder}/v2/gh/{path}/{quote(branch, safe='')}?labpath={labpath}"
    return f"{binder}/v2/git/{quote(repo, safe='')}/{quote(branch, safe='')}?labpath={labpath}"


def lesson_links(hub: str | None = None, repo: str | None = None, branch: str | None = None,
                 binder: str | None = None) -> list[LessonLinks]:
    """Both links for every lesson, in teaching order; None takes the default."""
    d = defaults()
    hub = check_hub(d["hub"] if hub is None else hub)
    repo = _check_url(d["repo"] if repo is None else repo, "repository", REPO_SCHEMES)
    branch = check_branch(d["branch"] if branch is None else branch)
    binder = _check_url(d["binder"] if binder is None else binder, "Binder address", ("https", "http"))
    return [LessonLinks(lesson.key, lesson.title, pull_link(hub, repo, branch, lesson.file),
                        binder_link(binder, repo, branch, lesson.file))
            for lesson in lessons()]


def render(links: list[LessonLinks], fmt: str = "text") -> str:
    """The links as plain text, a Markdown table or an HTML list."""
    if fmt not in FORMATS:
        raise LinkError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "markdown":
        rows = [f"| {x.title} | [open on the hub]({x.pull}) | "
                + (f"[open on Binder]({x.binder}) |" if x.binder else "- |") for x in links]
        return "\n".join(["| lesson | on the course hub | on Binder |", "|---|---|---|", *rows]) + "\n"
    if fmt == "html":
        e = html.escape
        items = [f'  <li>{e(x.title)}: <a href="{e(x.pull)}">open on the course hub</a>'
                 + (f' &middot; <a href="{e(x.binder)}">open on Binder</a>' if x.binder else "")
                 + "</li>" for x in links]
        return "\n".join(["<ul>", *items, "</ul>"]) + "\n"
    blocks = [f"{x.title}\n  hub:    {x.pull}" + (f"\n  Binder: {x.binder}" if x.binder else "")
              for x in links]
    return "\n\n".join(blocks) + "\n"


def main(argv: list[str] | None = None) -> int:
    d = defaults()
    parser = argparse.ArgumentParser(
        prog="python -m iliopsoas_lessons.links",
        description="Print, per lesson, the nbgitpuller link for the course hub and the Binder link.")
    parser.add_argument("--hub", default=d["hub"] or None,
                        help="the hub's base address, e.g. https://hub.example.edu"
                             + (f" (default {d['hub']})" if d["hub"] else " (required: no default is set)"))
    parser.add_argument("--repo", default=d["repo"], help=f"the lessons' git repository (default {d['repo']})")
    parser.add_argument("--branch", default=d["branch"], help=f"its branch (default {d['branch']})")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text, or markdown/html to paste into a learning platform")
    args = parser.parse_args(argv)
    try:
        links = lesson_links(args.hub or "", args.repo, args.branch)
    except LinkError as exc:
        parser.error(str(exc))
    sys.stdout.write(render(links, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
