"""The reference record: one source's citation, its standing (current,
review overdue, withdrawn, superseded or unverified, the date it was checked) and how it is shown in full
and in short. A job of its own, split from :mod:`.models`, which re-exports it.
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .constants import ET_AL, EVIDENCE_LEVELS, JOURNAL_EVIDENCE

__all__ = ["Reference", "READ_ON_KINDS", "REVIEW_OVERDUE_WORDS", "UNVERIFIED_WORDS"]

# What a full and a short citation say of a source whose status is 'review_overdue'.
REVIEW_OVERDUE_WORDS = "review overdue when read"
# What they say of a source whose standing was never read (status 'unverified'): the
# record claims neither that it still stands nor that something replaced it.
UNVERIFIED_WORDS = "not verified as still in force"
# How a source was read when it was not read on its issuer's own site: on a third-party
# copy of its text, or only in someone else's summary of it. The full citation says so.
READ_ON_KINDS = ("third_party_copy", "secondary_summary")


@dataclass(frozen=True)
class Reference:
    """A source, stored as fields; :attr:`citation` builds the Vancouver-style text.

    Every reference names its authors (``"Surname AB"``) or an issuing body, a
    year, a title and where it was published. Journal articles carry a DOI or
    a PMID; books and guidelines an ISBN, DOI, PMID or, only where none of
    those exists, a URL.
    """

    key: str
    evidence: str  # a key of EVIDENCE_LEVELS
    title: str
    year: int
    published_in: str  # the journal, or the publisher of a book or guideline
    authors: tuple[str, ...] = ()
    issuer: str | None = None  # an organisation, for guidelines
    edition: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None  # the free PubMed Central copy, e.g. PMC2658954
    isbn: str | None = None
    url: str | None = None
    note: str | None = None  # for maintainers; not part of the citation
    editors: bool = False  # the names in ``authors`` are the book's editors
    undated: bool = False  # a web page without a date: ``year`` is the year it was consulted
    status: str = "current"  # a key of REFERENCE_STATUSES
    superseded_by: str | None = None  # a reference key, or a citation, when withdrawn or superseded
    checked: str | None = None  # ISO date the record was last checked against the source; None: never
    pmid_absent_reason: str | None = None  # why a journal article carries no PMID
    read_on: str | None = None  # a key of READ_ON_KINDS: not read on the issuer's own site
    read_on_at: str | None = None  # the copy's host (default: the url's) or the summary's publisher

    @property
    def read_on_words(self) -> str | None:
        """``read on a third-party copy at mypharmacy.co.uk`` or ``as summarised by
        Guideline Genius``: where the text cited was read, when not on the issuer's own
        site; shown in the full citation after where it was published."""
        if self.read_on == "third_party_copy":
            where = self.read_on_at or (urlsplit(self.url).hostname if self.url else None)
            return f"read on a third-party copy at {where}" if where else "read on a third-party copy"
        if self.read_on == "secondary_summary":
            return f"as summarised by {self.read_on_at}" if self.read_on_at else "as summarised by a third party"
        return None

    @property
    def is_current(self) -> bool:
        """The source still stands: 'current', or 'review_overdue' (still the issuer's
        live advice, but past its own review date or called in need of updating by its
        issuer). Such a source may be a statement's only support; its citations say
        "review overdue when read" wherever they are shown."""
        return self.status in ("current", "review_overdue")

    @property
    def is_review_overdue(self) -> bool:
        return self.status == "review_overdue"

    @property
    def is_unverified(self) -> bool:
        """Its standing (in force, withdrawn or replaced) was never read. It is not
        :attr:`is_current`, so it is never a statement's only support, and its
        citations say "not verified as still in force" wherever they are shown."""
        return self.status == "unverified"

    @property
    def evidence_label(self) -> str:
        return EVIDENCE_LEVELS[self.evidence]

    @property
    def is_journal_article(self) -> bool:
        return self.evidence in JOURNAL_EVIDENCE or self.volume is not None

    @property
    def _date_shown(self) -> str:
        """The year, then the day the source was read (Vancouver style: "[cited ...]")
        for every source read at a web address; an undated page is dated only by that
        day. Its ``year`` is the year it was consulted, never a date the page gave, so
        it is not shown as if it were one. Journal articles keep their printed form and
        never come here."""
        cited = f"[cited {self.checked}]" if self.url and self.checked else None
        if not self.undated:
            return f"{self.year} {cited}" if cited else str(self.year)
        return cited or f"[cited {self.year}]"

    @property
    def short_citation(self) -> str:
        """``Standring 2020``, ``NHS England 2022 (review overdue when read)``,
        ``NHS Lothian (undated; read 2026-12-06)``: the first author's surname (or
        the issuer), ``et al.`` for more than one author, and the year, with no
        year for a page that gave none."""
        names = [a for a in self.authors if a != ET_AL]
        who = names[0].rsplit(" ", 1)[0] if names else (self.issuer or self.title)
        if len(self.authors) > 1:
            who += " et al."
        if self.undated:
            short = f"{who} (undated; read {self.checked})" if self.checked else f"{who} (undated)"
            return short[:-1] + f"; {UNVERIFIED_WORDS})" if self.is_unverified else short
        # a source past its own review date when read says so in both citations
        if self.is_review_overdue:
            return f"{who} {self.year} ({REVIEW_OVERDUE_WORDS})"
        # so does a source whose standing was never read
        if self.is_unverified:
            return f"{who} {self.year} ({UNVERIFIED_WORDS})"
        return f"{who} {self.year}"

    @property
    def citation(self) -> str:
        names = list(self.authors)
        et_al = bool(names) and names[-1] == ET_AL
        if et_al:
            names.pop()
        who = ", ".join(names) + (", et al" if et_al else "")
        if who and self.editors:
            who += ", editors" if len(self.authors) > 1 else ", editor"
        if self.issuer:
            who = f"{who}; {self.issuer}" if who else self.issuer
        title = self.title if self.title[-1] in ".?!" else self.title + "."
        parts = [f"{who}.", title]
        if self.is_journal_article:
            source = f"{self.published_in}. {self.year}"
            if self.volume:
                source += f";{self.volume}"
            if self.issue:
                source += f"({self.issue})"
            if self.pages:
                source += f":{self.pages}"
            parts.append(source + ".")
        else:
            if self.edition:
                parts.append(f"{self.edition}.")
            read_on = f" ({self.read_on_words})" if self.read_on_words else ""
            parts.append(f"{self.published_in}{read_on}; {self._date_shown}.")
            if self.pages:
                parts.append(f"p. {self.pages}.")
        # the status, wherever the citation is shown in full, unless its own dates already say it
        if self.is_review_overdue and REVIEW_OVERDUE_WORDS not in " ".join(parts):
            parts.append(f"[{REVIEW_OVERDUE_WORDS.capitalize()}.]")
        if self.is_unverified:
            parts.append(f"[{UNVERIFIED_WORDS.capitalize()}.]")
        return " ".join(parts + self._identifiers())

    def _identifiers(self) -> list[str]:
        """The DOI, PMID, PMCID, ISBN and address, last and in this order (content/citations.py)."""
        shown = [
            f"doi:{self.doi}." if self.doi else None,
            f"PMID: {self.pmid}." if self.pmid else None,
            f"PMCID: {self.pmcid}." if self.pmcid else None,
            f"ISBN {self.isbn}." if self.isbn else None,
            f"Available from: {self.url}" if self.url else None,
        ]
        return [part for part in shown if part]
