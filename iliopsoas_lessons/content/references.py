"""Checks for ``references.json``: every entry a clinician can look up."""

from __future__ import annotations

import datetime
import re
from dataclasses import fields
from typing import Any

from .models import BANNED_URL_HOSTS, ET_AL, EVIDENCE_LEVELS, REFERENCE_STATUSES, Reference
from .reference_models import READ_ON_KINDS
from .reader import _Bad, _choice, _File, _list, _text, _whole


_AUTHOR = re.compile(r"^[^\W\d_][^\s,;.]*(?: [^\s,;.]+)* [A-Z]{1,4}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^[1-9]\d{0,8}$")
_PMCID = re.compile(r"^PMC[1-9]\d{0,9}$")
_URL = re.compile(r"^https?://([^/\s:]+)(?::\d+)?(?:/\S*)?$")
_OPTIONAL_TEXT = (
    "issuer",
    "edition",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "isbn",
    "url",
    "note",
    "superseded_by",
    "pmid_absent_reason",
    "read_on",
    "read_on_at",
)
# A source's own text saying it is past its review date or needs updating: its status is then
# 'review_overdue', never 'current'.
_OVERDUE_TEXT = re.compile(r"review overdue|needs? updating|need(?:s|ed)? to be updated", re.IGNORECASE)
# A note or reason ends a sentence: a cut-off note ('... because red_flags') is refused.
_SENTENCE_END = re.compile(r"[.!?][)\"'”’]?$")


def _isbn_ok(isbn: str) -> bool:
    digits = isbn.replace("-", "")
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
        return (10 - total % 10) % 10 == int(digits[12])
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
        check = 10 if digits[9] == "X" else int(digits[9])
        return (total + check) % 11 == 0
    return False


def _required(file: "_File", key: str, rec: dict) -> dict[str, Any]:
    """The fields every entry has, checked; unknown fields are refused."""
    names = [f.name for f in fields(Reference)] + ["authors_incomplete"]
    extra = sorted(set(rec) - set(names))
    if extra:
        raise file.fail(key, f"unknown field {extra[0]!r}; fields are: {', '.join(names)}")
    for name in ("evidence", "title", "year", "published_in", "status", "checked"):
        if name not in rec:
            raise file.fail(key, f"missing field {name!r}")
    values: dict[str, Any] = {"key": key}
    try:
        values["status"] = _choice(REFERENCE_STATUSES)(rec["status"])
    except _Bad as exc:
        raise file.fail(key, f"field 'status': {exc}") from None
    values["checked"] = _checked(file, key, rec["checked"])
    try:
        values["evidence"] = _choice(tuple(EVIDENCE_LEVELS))(rec["evidence"])
        values["title"] = _text(rec["title"])
        values["published_in"] = _text(rec["published_in"])
    except _Bad as exc:
        raise file.fail(key, str(exc)) from None
    try:
        values["year"] = _whole(rec["year"], 1800, 2100, "a year as a whole number")
    except _Bad as exc:
        raise file.fail(key, f"field 'year': {exc}") from None
    return values


def _checked(file: "_File", key: str, value: Any) -> str | None:
    """The ISO date the record was last checked against its source, or None (never checked)."""
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        raise file.fail(key, f"field 'checked': {value!r} is not an ISO date (YYYY-MM-DD) or null") from None
    return value


def _check_standing(file: "_File", key: str, ref: Reference) -> None:
    """Status, what replaced it, PMID or the reason for none, and whole sentences in notes."""
    if ref.is_current and ref.superseded_by is not None:
        raise file.fail(key, f"field 'superseded_by': a {ref.status} reference is not superseded")
    # A record whose standing was never read claims no replacement either; what the lessons
    # follow in its place is said in the note and in the statements that cite it.
    if ref.is_unverified and ref.superseded_by is not None:
        raise file.fail(
            key, "field 'superseded_by': an unverified reference claims no replacement; say in 'note' what was found"
        )
    if ref.is_unverified and not ref.note:
        raise file.fail(key, "status 'unverified' needs a 'note' saying what was searched and what was not found")
    if ref.status == "current" and _OVERDUE_TEXT.search(" ".join(filter(None, (ref.published_in, ref.edition)))):
        raise file.fail(
            key,
            "status 'current': its own text says its review is overdue or that it needs updating; use 'review_overdue'",
        )
    if ref.status == "superseded" and ref.superseded_by is None:
        raise file.fail(key, "status 'superseded' needs 'superseded_by' (a reference key or a citation)")
    if ref.superseded_by == key:
        raise file.fail(key, "field 'superseded_by': a reference cannot supersede itself")
    if ref.pmid and ref.pmid_absent_reason:
        raise file.fail(key, "field 'pmid_absent_reason': the reference has a 'pmid'")
    if ref.is_journal_article and not ref.pmid and not ref.pmid_absent_reason:
        raise file.fail(key, "a journal article needs a 'pmid', or a 'pmid_absent_reason' saying why not")
    # An authored review that is not printed as a journal article (a book chapter, say) looks
    # like one to a reader: it too says why it has no PMID, even when the answer is that none exists.
    if ref.evidence == "review" and ref.authors and not ref.pmid and not ref.pmid_absent_reason:
        raise file.fail(key, "an authored review needs a 'pmid', or a 'pmid_absent_reason' saying why not")
    for name in ("note", "pmid_absent_reason"):
        value = getattr(ref, name)
        if value is not None and not _SENTENCE_END.search(value):
            raise file.fail(key, f"field {name!r}: must end a sentence ('.', '!' or '?'): {value[-40:]!r}")


_LAST_UPDATED = re.compile(
    r"^Last updated (?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b"
)


def _check_last_updated(file: "_File", key: str, ref: Reference) -> None:
    """A guideline updated since it was first published shows 'Last updated <date>' as its
    edition, the date as read on a copy of the issuer's own document: the year stays that
    of first publication, and the note names the same date, so where it was read is kept."""
    if not (ref.edition and ref.edition.startswith("Last updated")):
        return
    found = _LAST_UPDATED.match(ref.edition)
    if not found:
        raise file.fail(
            key,
            f"field 'edition': write 'Last updated 11 December 2020' or 'Last updated December 2020', not {ref.edition!r}",
        )
    if ref.is_journal_article:
        raise file.fail(key, "field 'edition': a journal article is cited as printed, with no 'Last updated' date")
    if int(found.group(1)) < ref.year:
        raise file.fail(key, "field 'edition': the last update comes before the year of first publication")
    if not ref.note or found.group(0) not in ref.note:
        raise file.fail(key, f"field 'note': say where {found.group(0)!r} was read (the note names the same words)")


def _authors(file: "_File", key: str, rec: dict) -> tuple[str, ...]:
    try:
        authors = _list(rec.get("authors", []), "list of names")
    except _Bad as exc:
        raise file.fail(key, f"field 'authors': {exc}") from None
    if not all(isinstance(a, str) for a in authors):
        raise file.fail(key, "field 'authors': must be a list of names")
    for name in authors:
        if name.strip().rstrip(".").lower() == ET_AL:
            raise file.fail(
                key, "field 'authors': 'et al' is not a name; list the names read and set 'authors_incomplete': true"
            )
        if not _AUTHOR.match(name):
            raise file.fail(key, f"field 'authors': {name!r} is not written 'Surname AB'")
    if len(set(authors)) != len(authors):
        raise file.fail(key, "field 'authors': lists a name twice")
    incomplete = rec.get("authors_incomplete", False)
    if not isinstance(incomplete, bool):
        raise file.fail(key, "field 'authors_incomplete': must be true or false")
    if incomplete and not authors:
        raise file.fail(key, "field 'authors_incomplete': there are no names in 'authors'")
    # An author list known to be incomplete (only the first names were read, or the first
    # six of many) is flagged in the data, never padded with a pseudo-name; the citation
    # shows it as "et al" after the names (models.Reference.citation keeps that marker last).
    return tuple(authors) + ((ET_AL,) if incomplete else ())


def _check_identifiers(file: "_File", key: str, doi, pmid, isbn, url) -> None:
    if doi is not None and not _DOI.match(doi):
        raise file.fail(key, f"field 'doi': {doi!r} does not look like 10.NNNN/...")
    if pmid is not None and not _PMID.match(pmid):
        raise file.fail(key, f"field 'pmid': {pmid!r} must be digits")
    if isbn is not None and not _isbn_ok(isbn):
        raise file.fail(key, f"field 'isbn': {isbn!r} is not a valid ISBN-10 or ISBN-13")
    if url is not None:
        match = _URL.match(url)
        if not match:
            raise file.fail(key, f"field 'url': {url!r} is not an http(s) address")
        host = match.group(1).lower()
        if any(host == banned or host.endswith("." + banned) for banned in BANNED_URL_HOSTS):
            raise file.fail(key, f"field 'url': {host} is not an acceptable source; cite what it cites")
        if doi or pmid or isbn:
            raise file.fail(key, "field 'url': give a URL only where no DOI, PMID or ISBN exists")


def _check_read_on(file: "_File", key: str, values: dict) -> None:
    """Where a source was read, when not on its issuer's own site (shown in its full citation)."""
    read_on, read_on_at = values.get("read_on"), values.get("read_on_at")
    if read_on is not None and read_on not in READ_ON_KINDS:
        raise file.fail(key, f"field 'read_on': {read_on!r} is not one of {', '.join(READ_ON_KINDS)}")
    if read_on_at is not None and read_on is None:
        raise file.fail(key, "field 'read_on_at': give it only with 'read_on'")
    if read_on == "secondary_summary" and read_on_at is None:
        raise file.fail(key, "field 'read_on': a secondary summary names who summarised it in 'read_on_at'")
    if read_on == "third_party_copy" and read_on_at is None and values.get("url") is None:
        raise file.fail(key, "field 'read_on': a third-party copy names its host in 'read_on_at' or 'url'")


def _reference(file: "_File", key: str, rec: dict) -> Reference:
    """Check one references.json entry and build it; errors name the file and the key."""
    values = _required(file, key, rec)
    for name in _OPTIONAL_TEXT:
        if name in rec:
            if not isinstance(rec[name], str) or not rec[name].strip() or rec[name] != rec[name].strip():
                raise file.fail(key, f"field {name!r}: must be non-empty text without surrounding spaces")
            values[name] = rec[name]
    values["authors"] = authors = _authors(file, key, rec)
    for name in ("editors", "undated"):
        if name in rec:
            if not isinstance(rec[name], bool):
                raise file.fail(key, f"field {name!r}: must be true or false")
            values[name] = rec[name]
    if values.get("editors") and not authors:
        raise file.fail(key, "field 'editors': there are no names in 'authors'")
    if not authors and "issuer" not in values:
        raise file.fail(key, "needs 'authors' or an 'issuer'")
    doi, pmid, isbn, url = (values.get(n) for n in ("doi", "pmid", "isbn", "url"))
    _check_identifiers(file, key, doi, pmid, isbn, url)
    # a PubMed Central copy is an extra free full text, never the article's only identifier
    pmcid = values.get("pmcid")
    if pmcid is not None and not _PMCID.match(pmcid):
        raise file.fail(key, f"field 'pmcid': {pmcid!r} must be 'PMC' and digits")
    if pmcid is not None and not (doi or pmid):
        raise file.fail(key, "field 'pmcid': give it beside the article's 'doi' or 'pmid'")
    if values.get("undated") and url is None:
        raise file.fail(key, "field 'undated': only a web page (with a 'url') can be undated")
    # An undated page is cited by the day it was read, never by a year as if the page had
    # given one; its 'year' is that reading's year, so the two cannot disagree.
    checked = values["checked"]
    if values.get("undated") and checked is not None and values["year"] != int(checked[:4]):
        raise file.fail(
            key, f"field 'year': an undated page's year is the year it was read ({checked[:4]}, from 'checked')"
        )
    _check_read_on(file, key, values)
    ref = Reference(**values)
    # An unconfirmed PMID is not printed (review round 24, B): an article whose DOI and PMID
    # could not be read may instead give the journal's own page ('url') and say why no PMID.
    if ref.is_journal_article and not (doi or pmid) and not (url and ref.pmid_absent_reason):
        raise file.fail(
            key,
            "a journal article needs a 'doi' or a 'pmid' (or the journal's page as 'url' with a 'pmid_absent_reason')",
        )
    if not (doi or pmid or isbn or url):
        raise file.fail(key, "needs at least one of 'doi', 'pmid', 'isbn' or 'url'")
    _check_standing(file, key, ref)
    _check_last_updated(file, key, ref)
    return ref
