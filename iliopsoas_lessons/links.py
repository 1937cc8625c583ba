"""Links a teacher pastes into the learning platform: per lesson, the
nbgitpuller link that copies the lessons into each learner's home folder on
the course hub and opens the lesson, and the Binder link.

    python -m iliopsoas_lessons.links --hub https://hub.example.edu
    python -m iliopsoas_lessons.links --hub URL --repo URL --branch B --format markdown
    python -m iliopsoas_lessons.links --hub URL --targetpath course/psoas

Every address, branch and folder is checked (a hub can come from anyone's
paste) and every value is escaped for the format it is printed in.

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

__all__ = [
    "LessonLinks",
    "LinkError",
    "defaults",
    "lesson_links",
    "pull_link",
    "binder_link",
    "render",
    "main",
    "FORMATS",
]

FORMATS = ("text", "markdown", "html")
REPO_SCHEMES = ("https", "http", "file")
# Characters a URL may hold as typed (RFC 3986: unreserved, reserved and '%');
# a space, a control character, quotes, <, >, |, backslash or a backtick is refused
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
)
_BRANCH_RULES = (
    "no space or control character, none of ~ ^ : ? * [ \\, "
    "no '..', '@{' or '//', no part starting with '.' or ending with '.lock', "
    "not starting with '-' or '/' nor ending with '/' or '.'"
)
_TARGET_RULES = "a relative folder name such as iliopsoas-lessons: no '..', no leading '/', no '\\'"


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
    parser.read_string(
        resources.files("iliopsoas_lessons").joinpath("data/class_links.ini").read_text(encoding="utf-8")
    )
    return dict(parser["links"])


def _check_url(url: str, what: str, schemes: tuple[str, ...]) -> str:
    url = url.strip()
    valid = f"a {' or '.join(s + '://' for s in schemes)} address such as https://hub.example.edu"
    if not _URL_CHARS.fullmatch(url):
        bad = next(c for c in url if not _URL_CHARS.fullmatch(c))
        raise LinkError(f"{what} {url!r} has a character a URL cannot hold ({bad!r}); give {valid}")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port that is not a number or out of range
        host = parts.hostname
    except ValueError as e:
        raise LinkError(f"{what} {url!r} is not a valid address ({e}); give {valid}") from None
    if parts.scheme not in schemes:
        raise LinkError(f"{what} {url!r} must start with {' or '.join(s + '://' for s in schemes)}")
    if parts.scheme != "file":
        if not host:
            raise LinkError(f"{what} {url!r} has no host name, e.g. https://hub.example.edu")
        if parts.username is not None or parts.password is not None:
            raise LinkError(f"{what} {url!r} must not hold a user name or password")
        if not (_HOST.fullmatch(host) or _is_ip6(parts.netloc, host)):
            raise LinkError(f"{what} {url!r}: {host!r} is not a host name (letters, digits, '-' and '.')")
        if port is not None and not 1 <= port <= 65535 or parts.netloc.endswith(":"):
            raise LinkError(f"{what} {url!r}: the port must be a number from 1 to 65535")
    if parts.scheme == "file" and not parts.path.strip("/"):
        raise LinkError(f"{what} {url!r} names no folder")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise LinkError(f"{what} {url!r} must not have a '?query' or '#fragment'")
    return url.rstrip("/")


def _is_ip6(netloc: str, host: str) -> bool:
    import ipaddress

    if f"[{host}]" not in netloc:
        return False
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


def check_hub(hub: str) -> str:
    if not hub or not hub.strip():
        raise LinkError(
            "no hub address: pass --hub https://your.hub.address or set 'hub' in iliopsoas_lessons/data/class_links.ini"
        )
    hub = _check_url(hub, "hub address", ("https", "http"))
    if urlsplit(hub).path.rstrip("/").endswith("/hub"):
        raise LinkError(f"hub address {hub!r}: give the hub's base address, without the trailing /hub")
    return hub


def _branch_ok(name: str) -> bool:
    """git check-ref-format --branch's rules (man git-check-ref-format)."""
    if not name or name == "@" or name.startswith(("-", "/")) or name.endswith(("/", ".")):
        return False
    if any(ord(c) < 0x20 or ord(c) == 0x7F or c in " ~^:?*[\\" for c in name):
        return False
    if ".." in name or "@{" in name or "//" in name:
        return False
    return all(part and not part.startswith(".") and not part.endswith(".lock") for part in name.split("/"))


def check_branch(branch: str) -> str:
    if not _branch_ok(branch or ""):
        raise LinkError(f"branch {branch!r} is not a git branch name (e.g. main): {_BRANCH_RULES}")
    return branch


def check_target(folder: str) -> str:
    """The folder nbgitpuller makes in the learner's home: relative, inside it."""
    parts = folder.split("/")
    if (
        not folder
        or folder.startswith("/")
        or "\\" in folder
        or any(p in ("", ".", "..") for p in parts)
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in folder)
    ):
        raise LinkError(f"target folder {folder!r} cannot be used: {_TARGET_RULES}")
    return folder


def target_folder(repo: str) -> str:
    """The folder the link asks nbgitpuller to make in the learner's home: the
    repository's name without '.git' (nbgitpuller's own default keeps it)."""
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1]
    return check_target(name[:-4] if name.endswith(".git") else name)


def pull_link(hub: str, repo: str, branch: str, notebook: str, targetpath: str | None = None) -> str:
    """The nbgitpuller link: pull ``repo``'s ``branch`` into ``targetpath`` (default:
    the repository's name), then open ``notebook`` in JupyterLab."""
    folder = check_target(targetpath) if targetpath else target_folder(repo)
    query = urlencode(
        {"repo": repo, "branch": branch, "targetpath": folder, "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"},
        quote_via=quote,
        safe="",
    )
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


def lesson_links(
    hub: str | None = None,
    repo: str | None = None,
    branch: str | None = None,
    binder: str | None = None,
    targetpath: str | None = None,
) -> list[LessonLinks]:
    """Both links for every lesson, in teaching order; None takes the default."""
    d = defaults()
    hub = check_hub(d["hub"] if hub is None else hub)
    repo = _check_url(d["repo"] if repo is None else repo, "repository", REPO_SCHEMES)
    branch = check_branch(d["branch"] if branch is None else branch)
    binder = _check_url(d["binder"] if binder is None else binder, "Binder address", ("https", "http"))
    targetpath = check_target(targetpath) if targetpath is not None else None
    return [
        LessonLinks(
            lesson.key,
            lesson.title,
            pull_link(hub, repo, branch, lesson.file, targetpath),
            binder_link(binder, repo, branch, lesson.file),
        )
        for lesson in lessons()
    ]


def _md_text(text: str) -> str:
    """Text for a Markdown table cell: nothing in it can start a link, a tag, code or a new cell or row."""
    text = " ".join(str(text).split())  # newlines (and other breaks) end a table row
    return re.sub(r"([\\`|\[\]<>*_])", r"\\\1", text)


def _md_url(url: str) -> str:
    """A link destination: characters Markdown or a table would act on are percent-encoded."""
    return "".join(c if c.isprintable() and c not in " |()<>`\\\"'" else quote(c, safe="") for c in url)


def render(links: list[LessonLinks], fmt: str = "text") -> str:
    """The links as plain text, a Markdown table or an HTML list; every value is
    escaped for the format (a hub address can come from anyone's paste)."""
    if fmt not in FORMATS:
        raise LinkError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "markdown":
        rows = [
            f"| {_md_text(x.title)} | [open on the hub]({_md_url(x.pull)}) | "
            + (f"[open on Binder]({_md_url(x.binder)}) |" if x.binder else "- |")
            for x in links
        ]
        return "\n".join(["| lesson | on the course hub | on Binder |", "|---|---|---|", *rows]) + "\n"
    if fmt == "html":
        e = html.escape
        items = [
            f'  <li>{e(x.title)}: <a href="{e(x.pull)}">open on the course hub</a>'
            + (f' &middot; <a href="{e(x.binder)}">open on Binder</a>' if x.binder else "")
            + "</li>"
            for x in links
        ]
        return "\n".join(["<ul>", *items, "</ul>"]) + "\n"
    blocks = [f"{x.title}\n  hub:    {x.pull}" + (f"\n  Binder: {x.binder}" if x.binder else "") for x in links]
    return "\n\n".join(blocks) + "\n"


def main(argv: list[str] | None = None, prog: str = "python -m iliopsoas_lessons.links") -> int:
    d = defaults()
    parser = argparse.ArgumentParser(
        prog=prog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Print, per lesson, the nbgitpuller link for the course hub and the Binder link.",
        epilog=f"examples:\n  {prog} --hub https://hub.example.edu\n"
        f"  {prog} --hub https://hub.example.edu --format markdown > links.md",
    )
    parser.add_argument(
        "--hub",
        default=d["hub"] or None,
        help="the hub's base address, e.g. https://hub.example.edu"
        + (f" (default {d['hub']})" if d["hub"] else " (required: no default is set)"),
    )
    parser.add_argument("--repo", default=d["repo"], help=f"the lessons' git repository (default {d['repo']})")
    parser.add_argument("--branch", default=d["branch"], help=f"its branch (default {d['branch']})")
    parser.add_argument(
        "--targetpath",
        help="the folder made in each learner's home (default: the repository's name); relative, without '..'",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="text, or markdown/html to paste into a learning platform"
    )
    args = parser.parse_args(argv)
    try:
        links = lesson_links(args.hub or "", args.repo, args.branch, targetpath=args.targetpath)
    except LinkError as exc:
        parser.error(str(exc))
    sys.stdout.write(render(links, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
