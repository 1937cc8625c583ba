"""Lesson content: frozen records loaded from the JSON files in ``data/``.

Everything the lessons say about the iliopsoas lives in those files. They are
read once with :mod:`importlib.resources`, checked, and turned into frozen
dataclasses. A broken file fails loudly on load with an error naming the file
and the key, never later as a wrong sentence or an empty figure.

This module imports only the standard library, so ``import iliopsoas_lessons``
stays fast and usable without matplotlib or ipywidgets.
"""
from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any, Generic, Iterator, Mapping, TypeVar

SIDES = ("left", "right")
REGION_SIDES = ("left", "right", "midline")
VIEWS = ("front", "back")
ROLES = ("source", "referred")
DIAGRAMS = ("body_map", "lumbar_curve")
# The kind of source behind a reference, strongest first; learners see the
# label beside each citation.
EVIDENCE_LEVELS = {
    "guideline": "Guideline",
    "systematic_review": "Systematic review",
    "cohort": "Cohort or case series",
    "case_report": "Case report",
    "textbook": "Textbook or expert opinion",
}
# Evidence levels whose sources are journal articles (they need a DOI or PMID).
JOURNAL_EVIDENCE = ("systematic_review", "cohort", "case_report")
# Web sites a reference may not point to: encyclopaedias anyone can edit and
# fitness, patient-information or commercial sites. Cite what they cite.
BANNED_URL_HOSTS = (
    "wikipedia.org", "physioadvisor.com.au", "exrx.net", "triggerpointtherapist.com",
    "myofascialtherapy.org", "physio-pedia.com", "teachmeanatomy.info", "kenhub.com",
    "fpnotebook.com", "clinicaladvisor.com", "consultant360.com", "imaios.com",
)
# The last entry of an author list may be this, when the remaining authors are not listed.
ET_AL = "et al"
# The article's order; the lessons and their "2 of 5" stepper rely on it.
SYMPTOM_ORDER = ("back_pain", "pain_with_movement", "hip_pain", "sciatic_pain", "lumbar_curve")


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the key."""


class UnknownKeyError(KeyError, LookupError):
    """Lookup of a key that does not exist; the message lists the valid keys."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else ""


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Fact:
    """One statement with the reference keys it rests on."""

    text: str
    references: tuple[str, ...]


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
    isbn: str | None = None
    url: str | None = None
    note: str | None = None  # for maintainers; not part of the citation
    editors: bool = False  # the names in ``authors`` are the book's editors
    undated: bool = False  # a web page without a date: ``year`` is the year it was consulted

    @property
    def evidence_label(self) -> str:
        return EVIDENCE_LEVELS[self.evidence]

    @property
    def is_journal_article(self) -> bool:
        return self.evidence in JOURNAL_EVIDENCE or self.volume is not None

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
            when = f"[cited {self.year}]" if self.undated else str(self.year)
            parts.append(f"{self.published_in}; {when}.")
            if self.pages:
                parts.append(f"p. {self.pages}.")
        if self.doi:
            parts.append(f"doi:{self.doi}.")
        if self.pmid:
            parts.append(f"PMID: {self.pmid}.")
        if self.isbn:
            parts.append(f"ISBN {self.isbn}.")
        if self.url:
            parts.append(f"Available from: {self.url}")
        return " ".join(parts)


@dataclass(frozen=True)
class Region:
    """A place on the body map where pain can be felt.

    ``side`` is the patient's own side (``left``/``right``) or ``midline``.
    """

    key: str
    zone: str
    name: str
    view: str
    side: str
    description: str
    references: tuple[str, ...]

    @property
    def label(self) -> str:
        if self.side == "midline":
            return f"{self.name} (midline)"
        return f"{self.name} (patient's {self.side})"

    @property
    def mirror(self) -> str:
        """Key of the same zone on the other side (itself for midline)."""
        if self.side == "midline":
            return self.key
        other = "right" if self.side == "left" else "left"
        return f"{self.zone}_{other}"


@dataclass(frozen=True)
class UrgencyLevel:
    """One step of the single urgency scale (``urgency.json``), most urgent first.

    ``action`` is what a learner should do, in plain words; every mechanism,
    red flag and case names one of these levels by ``key``.
    """

    key: str
    label: str
    action: str
    meaning: str
    references: tuple[str, ...]
    rank: int = 0  # 0 = most urgent; set from the file's order

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.action}"


@dataclass(frozen=True)
class Part:
    """A named part of the anatomy schematics."""

    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class Action:
    text: str
    disputed: bool
    references: tuple[str, ...]


@dataclass(frozen=True)
class Muscle:
    key: str
    name: str
    summary: Fact
    origin: Fact
    insertion: Fact
    nerve_supply: Fact
    blood_supply: Fact
    actions: tuple[Action, ...]
    relations: tuple[Fact, ...]
    origin_parts: tuple[str, ...]
    insertion_parts: tuple[str, ...]
    nerve_parts: tuple[str, ...]
    anatomy_parts: tuple[str, ...]

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs(
            [self.summary, self.origin, self.insertion, self.nerve_supply, self.blood_supply,
             *self.actions, *self.relations]
        )


@dataclass(frozen=True)
class Grade:
    grade: int
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Mechanism:
    key: str
    title: str
    urgency: str  # a key of urgency.json
    red_flags: tuple[str, ...]
    summary: Fact
    triggers: tuple[Fact, ...]
    grades: tuple[Grade, ...]
    features: tuple[Fact, ...]
    anatomy_parts: tuple[str, ...]

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.summary, *self.triggers, *self.grades, *self.features])


@dataclass(frozen=True)
class Claim:
    """What the source article said (paraphrased) and what the evidence says."""

    key: str
    section: str
    article_says: str
    verdict: str
    evidence: str
    references: tuple[str, ...]

    @property
    def is_error(self) -> bool:
        return self.verdict not in ("correct", "mostly correct")


@dataclass(frozen=True)
class PainArea:
    region: str
    role: str


@dataclass(frozen=True)
class Symptom:
    key: str
    title: str
    feel: Fact
    pattern: tuple[PainArea, ...]
    article_regions: tuple[str, ...]
    contrast_regions: tuple[str, ...]
    provoked_by: tuple[Fact, ...]
    why: Fact
    mechanisms: tuple[str, ...]
    claims: tuple[str, ...]
    diagram: str

    @property
    def regions(self) -> tuple[str, ...]:
        """Region ids of the pattern for a problem on the patient's left."""
        return tuple(area.region for area in self.pattern)

    def regions_for(self, side: str, role: str | None = None) -> tuple[str, ...]:
        """Region ids of the pattern for a problem on ``side``, optionally one role."""
        _check_choice("side", side, SIDES)
        if role is not None:
            _check_choice("role", role, ROLES)
        areas = [a for a in self.pattern if role is None or a.role == role]
        return tuple(_on_side(a.region, side) for a in areas)

    def article_regions_for(self, side: str) -> tuple[str, ...]:
        _check_choice("side", side, SIDES)
        return tuple(_on_side(key, side) for key in self.article_regions)

    def contrast_regions_for(self, side: str) -> tuple[str, ...]:
        _check_choice("side", side, SIDES)
        return tuple(_on_side(key, side) for key in self.contrast_regions)

    @property
    def references(self) -> tuple[str, ...]:
        own = _union_refs([self.feel, *self.provoked_by, self.why])
        from_claims = _union_refs([claim(k) for k in self.claims])
        return _union_refs([Fact("", own), Fact("", from_claims)])


@dataclass(frozen=True)
class Escalation:
    """A sign that moves a red flag up the scale, e.g. 'emergency when ...'."""

    urgency: str
    when: str


@dataclass(frozen=True)
class RedFlag:
    """Signs that call for care at one level of the urgency scale."""

    key: str
    title: str
    in_short: str  # the signs in one line, for summaries and the start page
    signs: tuple[str, ...]
    urgency: str  # a key of urgency.json
    escalation: Escalation | None
    reason: Fact
    regions: tuple[str, ...]

    @property
    def references(self) -> tuple[str, ...]:
        return self.reason.references


@dataclass(frozen=True)
class FigureText:
    """A sentence or label that a figure states as fact, with its sources."""

    key: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class GroinEntity:
    """One Doha-agreement category of groin pain and its clinical criteria."""

    key: str
    name: str
    criteria: Fact

    @property
    def references(self) -> tuple[str, ...]:
        return self.criteria.references


@dataclass(frozen=True)
class ExamTest:
    """An examination test: how it is done, what it shows, how far to trust it."""

    key: str
    name: str
    how: str
    finding: Fact
    accuracy: Fact
    contested: bool

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.finding, self.accuracy])


T = TypeVar("T")


class Collection(Generic[T]):
    """Ordered, read-only records with lookup by key.

    Iterating gives the records in teaching order; ``collection[key]`` or
    ``collection.get(key)`` finds one; an unknown key raises
    :class:`UnknownKeyError` listing the valid keys.
    """

    def __init__(self, kind: str, items: tuple[T, ...]):
        self._kind = kind
        self._items = items
        self._by_key = {item.key: item for item in items}  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str | int) -> T:
        if isinstance(key, int):
            return self._items[key]
        try:
            return self._by_key[key]
        except (KeyError, TypeError):
            raise UnknownKeyError(
                f"unknown {self._kind} {key!r}; valid {self._kind} keys: {', '.join(self.keys())}"
            ) from None

    def get(self, key: str, default: T | None = None) -> T | None:
        return self._by_key.get(key, default)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._by_key)

    def __repr__(self) -> str:
        return f"<{len(self)} {self._kind} records: {', '.join(self.keys())}>"


@dataclass(frozen=True)
class Content:
    references: Collection[Reference]
    regions: Collection[Region]
    parts: Collection[Part]
    muscles: Collection[Muscle]
    mechanisms: Collection[Mechanism]
    claims: Collection[Claim]
    symptoms: Collection[Symptom]
    red_flags: Collection[RedFlag]
    urgency: Collection[UrgencyLevel]
    groin_entities: Collection[GroinEntity]
    exam_tests: Collection[ExamTest]
    groin_note: Fact
    figure_texts: Collection[FigureText]
    red_flag_caveat: Fact
    body_map_source: Fact


# ---------------------------------------------------------------- helpers


def _check_choice(what: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r}; choose one of: {', '.join(choices)}")


def _on_side(region_key: str, side: str) -> str:
    """Mirror a left-sided region key to ``side`` (midline keys stay)."""
    if region_key.endswith("_left") and side == "right":
        return region_key[: -len("_left")] + "_right"
    return region_key


def _union_refs(items: list[Any]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        for ref in item.references:
            seen.setdefault(ref, None)
    return tuple(seen)


class _File:
    """Reads one JSON file and reports problems as 'file: key: what'."""

    def __init__(self, directory: Any, name: str, *, label: str | None = None):
        self.name = label or name
        try:
            text = (directory / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ContentError(f"{self.name}: file is missing") from None
        try:
            self.data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ContentError(f"{self.name}: not valid JSON ({exc})") from None
        if not isinstance(self.data, dict):
            raise ContentError(f"{self.name}: top level must be an object")

    def fail(self, where: str, message: str) -> ContentError:
        return ContentError(f"{self.name}: {where}: {message}")

    def records(self, list_name: str) -> list[tuple[str, dict]]:
        raw = self.data.get(list_name)
        if not isinstance(raw, list) or not raw:
            raise ContentError(f"{self.name}: missing or empty list {list_name!r}")
        out, seen = [], set()
        for i, rec in enumerate(raw):
            where = f"{list_name}[{i}]"
            if not isinstance(rec, dict):
                raise self.fail(where, "must be an object")
            key = rec.get("key")
            if not isinstance(key, str) or not key:
                raise self.fail(where, "missing field 'key'")
            if key in seen:
                raise self.fail(key, "duplicate key")
            seen.add(key)
            out.append((key, rec))
        return out

    def build(self, cls: type, key: str, rec: dict, convert: Mapping[str, Any],
              optional: tuple[str, ...] = ()) -> Any:
        """Make ``cls`` from ``rec``: every field present, no unknown field.

        ``optional`` names fields the file never holds (they keep their default).
        """
        names = [f.name for f in fields(cls) if f.name not in optional]
        missing = [n for n in names if n not in rec]
        if missing:
            raise self.fail(key, f"missing field {missing[0]!r}")
        extra = sorted(set(rec) - set(names))
        if extra:
            raise self.fail(key, f"unknown field {extra[0]!r}; fields are: {', '.join(names)}")
        values = {}
        for name in names:
            conv = convert.get(name, _text)
            try:
                values[name] = conv(rec[name])
            except _Bad as exc:
                raise self.fail(key, f"field {name!r}: {exc}") from None
        return cls(**values)


class _Bad(Exception):
    pass


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be non-empty text")
    return value


def _keys(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _Bad("must be a list of keys")
    if len(set(value)) != len(value):
        raise _Bad("lists a key twice")
    return tuple(value)


def _refs(value: Any) -> tuple[str, ...]:
    refs = _keys(value)
    if not refs:
        raise _Bad("must cite at least one reference key")
    return refs


def _fact(value: Any) -> Fact:
    if not isinstance(value, dict) or set(value) != {"text", "references"}:
        raise _Bad("must be an object with exactly 'text' and 'references'")
    return Fact(_text(value["text"]), _refs(value["references"]))


def _facts(value: Any, *, allow_empty: bool = False) -> tuple[Fact, ...]:
    if not isinstance(value, list) or (not value and not allow_empty):
        raise _Bad("must be a non-empty list of facts")
    return tuple(_fact(v) for v in value)


def _choice(choices: tuple[str, ...]):
    def convert(value: Any) -> str:
        if value not in choices:
            raise _Bad(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return convert


def _action(value: Any) -> Action:
    if not isinstance(value, dict) or set(value) != {"text", "disputed", "references"}:
        raise _Bad("each action needs exactly 'text', 'disputed' and 'references'")
    if not isinstance(value["disputed"], bool):
        raise _Bad("'disputed' must be true or false")
    return Action(_text(value["text"]), value["disputed"], _refs(value["references"]))


def _grade(value: Any) -> Grade:
    if not isinstance(value, dict) or set(value) != {"grade", "text", "references"}:
        raise _Bad("each grade needs exactly 'grade', 'text' and 'references'")
    if value["grade"] not in (1, 2, 3):
        raise _Bad("grade must be 1, 2 or 3")
    return Grade(value["grade"], _text(value["text"]), _refs(value["references"]))


def _pain_area(value: Any) -> PainArea:
    if not isinstance(value, dict) or set(value) != {"region", "role"}:
        raise _Bad("each pattern entry needs exactly 'region' and 'role'")
    return PainArea(_text(value["region"]), _choice(ROLES)(value["role"]))


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("must be true or false")
    return value


def _escalation(levels: tuple[str, ...]):
    def convert(value: Any) -> Escalation | None:
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"urgency", "when"}:
            raise _Bad("must be null or an object with exactly 'urgency' and 'when'")
        return Escalation(_choice(levels)(value["urgency"]), _text(value["when"]))

    return convert


def _signs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _Bad("must be a non-empty list of text")
    return tuple(_text(v) for v in value)


# ---------------------------------------------------------------- references

_AUTHOR = re.compile(r"^[^\W\d_][^\s,;.]*(?: [^\s,;.]+)* [A-Z]{1,4}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^[1-9]\d{0,8}$")
_URL = re.compile(r"^https?://([^/\s:]+)(?::\d+)?(?:/\S*)?$")
_OPTIONAL_TEXT = ("issuer", "edition", "volume", "issue", "pages", "doi", "pmid", "isbn", "url", "note")


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


def _reference(file: "_File", key: str, rec: dict) -> Reference:
    """Check one references.json entry and build it; errors name the file and the key."""
    names = [f.name for f in fields(Reference)]
    extra = sorted(set(rec) - set(names))
    if extra:
        raise file.fail(key, f"unknown field {extra[0]!r}; fields are: {', '.join(names)}")
    for name in ("evidence", "title", "year", "published_in"):
        if name not in rec:
            raise file.fail(key, f"missing field {name!r}")
    values: dict[str, Any] = {"key": key}
    try:
        values["evidence"] = _choice(tuple(EVIDENCE_LEVELS))(rec["evidence"])
        values["title"] = _text(rec["title"])
        values["published_in"] = _text(rec["published_in"])
    except _Bad as exc:
        raise file.fail(key, str(exc)) from None
    year = rec["year"]
    if not isinstance(year, int) or isinstance(year, bool) or not 1800 <= year <= 2100:
        raise file.fail(key, "field 'year': must be a year as a whole number")
    values["year"] = year
    for name in _OPTIONAL_TEXT:
        if name in rec:
            if not isinstance(rec[name], str) or not rec[name].strip() or rec[name] != rec[name].strip():
                raise file.fail(key, f"field {name!r}: must be non-empty text without surrounding spaces")
            values[name] = rec[name]
    authors = rec.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise file.fail(key, "field 'authors': must be a list of names")
    for i, name in enumerate(authors):
        if name == ET_AL and i == len(authors) - 1 and i > 0:
            continue
        if not _AUTHOR.match(name):
            raise file.fail(key, f"field 'authors': {name!r} is not written 'Surname AB'")
    if len(set(authors)) != len(authors):
        raise file.fail(key, "field 'authors': lists a name twice")
    values["authors"] = tuple(authors)
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
    if values.get("undated") and url is None:
        raise file.fail(key, "field 'undated': only a web page (with a 'url') can be undated")
    ref = Reference(**values)
    if ref.is_journal_article and not (doi or pmid):
        raise file.fail(key, "a journal article needs a 'doi' or a 'pmid'")
    if not (doi or pmid or isbn or url):
        raise file.fail(key, "needs at least one of 'doi', 'pmid', 'isbn' or 'url'")
    return ref


# ---------------------------------------------------------------- loading


def data_directory():
    """The packaged data folder (a Traversable)."""
    return resources.files("iliopsoas_lessons") / "data"


def load(directory: Any = None) -> Content:
    """Read, check and return all lesson content from ``directory``.

    ``directory`` defaults to the package's own data; tests pass a copy to
    check that broken files are refused.
    """
    directory = data_directory() if directory is None else directory

    ref_file = _File(directory, "references.json")
    references = tuple(_reference(ref_file, k, r) for k, r in ref_file.records("references"))

    urgency_file = _File(directory, "urgency.json")
    urgency = tuple(
        dataclasses.replace(urgency_file.build(UrgencyLevel, k, r, {"references": _refs}, optional=("rank",)), rank=i)
        for i, (k, r) in enumerate(urgency_file.records("levels"))
    )
    urgency_keys = tuple(level.key for level in urgency)

    region_file = _File(directory, "regions.json")
    regions = []
    for key, rec in region_file.records("regions"):
        region = region_file.build(
            Region, key, rec,
            {"view": _choice(VIEWS), "side": _choice(REGION_SIDES), "references": _refs},
        )
        expected = region.zone if region.side == "midline" else f"{region.zone}_{region.side}"
        if key != expected:
            raise region_file.fail(key, f"key must be {expected!r} (zone and side)")
        regions.append(region)
    try:
        outline = _fact(region_file.data.get("outline"))
    except _Bad as exc:
        raise ContentError(f"regions.json: outline: {exc}") from None
    region_keys = {r.key for r in regions}
    for region in regions:
        if region.mirror not in region_keys:
            raise region_file.fail(region.key, f"no mirror region {region.mirror!r}")

    part_file = _File(directory, "anatomy_parts.json")
    parts = tuple(part_file.build(Part, k, r, {}) for k, r in part_file.records("parts"))
    part_keys = {p.key for p in parts}

    muscle_file = _File(directory, "muscles.json")
    muscles = tuple(
        muscle_file.build(
            Muscle, k, r,
            {
                **{n: _fact for n in ("summary", "origin", "insertion", "nerve_supply", "blood_supply")},
                "actions": lambda v: tuple(_action(a) for a in _nonempty(v)),
                "relations": _facts,
                **{n: _keys for n in ("origin_parts", "insertion_parts", "nerve_parts", "anatomy_parts")},
            },
        )
        for k, r in muscle_file.records("muscles")
    )
    for m in muscles:
        for name in ("origin_parts", "insertion_parts", "nerve_parts", "anatomy_parts"):
            _known(muscle_file, m.key, name, getattr(m, name), part_keys, "anatomy part")

    mech_file = _File(directory, "mechanisms.json")
    mechanisms = tuple(
        mech_file.build(
            Mechanism, k, r,
            {
                "urgency": _choice(urgency_keys),
                "red_flags": _keys,
                "summary": _fact,
                "triggers": _facts,
                "grades": lambda v: tuple(_grade(g) for g in _list(v)),
                "features": _facts,
                "anatomy_parts": _keys,
            },
        )
        for k, r in mech_file.records("mechanisms")
    )
    for m in mechanisms:
        _known(mech_file, m.key, "anatomy_parts", m.anatomy_parts, part_keys, "anatomy part")
    mechanism_keys = {m.key for m in mechanisms}

    claim_file = _File(directory, "claims.json")
    verdicts = tuple(claim_file.data.get("verdicts") or ())
    if not verdicts:
        raise ContentError("claims.json: missing list 'verdicts'")
    claims = tuple(
        claim_file.build(Claim, k, r, {"verdict": _choice(verdicts), "references": _refs})
        for k, r in claim_file.records("claims")
    )
    claim_keys = {c.key for c in claims}

    symptom_file = _File(directory, "symptoms.json")
    symptoms = tuple(
        symptom_file.build(
            Symptom, k, r,
            {
                "feel": _fact,
                "pattern": lambda v: tuple(_pain_area(a) for a in _list(v)),
                "article_regions": _keys,
                "contrast_regions": _keys,
                "provoked_by": _facts,
                "why": _fact,
                "mechanisms": _keys,
                "claims": _keys,
                "diagram": _choice(DIAGRAMS),
            },
        )
        for k, r in symptom_file.records("symptoms")
    )
    for s in symptoms:
        pattern_regions = [a.region for a in s.pattern]
        if len(set(pattern_regions)) != len(pattern_regions):
            raise symptom_file.fail(s.key, "field 'pattern' lists a region twice")
        for name, keys in (("pattern", pattern_regions), ("article_regions", s.article_regions),
                           ("contrast_regions", s.contrast_regions)):
            _known(symptom_file, s.key, name, keys, region_keys, "region")
            for key in keys:
                if key.endswith("_right"):
                    raise symptom_file.fail(
                        s.key, f"field {name!r}: {key!r}: patterns are written for the patient's left"
                    )
        if s.diagram == "body_map" and not s.pattern:
            raise symptom_file.fail(s.key, "a body-map symptom needs at least one pattern region")
        if s.pattern and not any(a.role == "source" for a in s.pattern):
            raise symptom_file.fail(s.key, "pattern has no 'source' region")
        _known(symptom_file, s.key, "mechanisms", s.mechanisms, mechanism_keys, "mechanism")
        _known(symptom_file, s.key, "claims", s.claims, claim_keys, "claim")
    if tuple(s.key for s in symptoms) != SYMPTOM_ORDER:
        raise ContentError(
            f"symptoms.json: symptoms must be, in this order: {', '.join(SYMPTOM_ORDER)}"
        )

    flag_file = _File(directory, "red_flags.json")
    try:
        caveat = _fact(flag_file.data.get("caveat"))
    except _Bad as exc:
        raise ContentError(f"red_flags.json: caveat: {exc}") from None
    red_flags = tuple(
        flag_file.build(
            RedFlag, k, r,
            {"signs": _signs, "reason": _fact, "urgency": _choice(urgency_keys), "regions": _keys,
             "escalation": _escalation(urgency_keys)},
        )
        for k, r in flag_file.records("red_flags")
    )
    for f in red_flags:
        _known(flag_file, f.key, "regions", f.regions, region_keys, "region")
        if f.escalation and urgency_keys.index(f.escalation.urgency) >= urgency_keys.index(f.urgency):
            raise flag_file.fail(f.key, "field 'escalation': must be more urgent than the flag's own level")

    exam_file = _File(directory, "examination.json")
    try:
        groin_note = _fact(exam_file.data.get("classification_note"))
    except _Bad as exc:
        raise ContentError(f"examination.json: classification_note: {exc}") from None
    groin_entities = tuple(exam_file.build(GroinEntity, k, r, {"criteria": _fact})
                           for k, r in exam_file.records("entities"))
    exam_tests = tuple(
        exam_file.build(ExamTest, k, r, {"finding": _fact, "accuracy": _fact, "contested": _flag})
        for k, r in exam_file.records("tests")
    )

    figure_file = _File(directory, "figure_text.json")
    figure_texts = tuple(figure_file.build(FigureText, k, r, {"references": _refs})
                         for k, r in figure_file.records("texts"))
    missing = [f"mechanism_{m.key}" for m in mechanisms
               if f"mechanism_{m.key}" not in {t.key for t in figure_texts}]
    if missing:
        raise figure_file.fail(missing[0], "missing: every mechanism's picture needs its note")

    flags_by_key = {f.key: f for f in red_flags}
    for m in mechanisms:
        _known(mech_file, m.key, "red_flags", m.red_flags, set(flags_by_key), "red flag")
        levels = {flags_by_key[k].urgency for k in m.red_flags}
        if levels and m.urgency not in levels:
            raise mech_file.fail(m.key, f"urgency {m.urgency!r} is none of its red flags' levels: "
                                        f"{', '.join(sorted(levels))}")

    # Every cited key must resolve, and every reference must be cited somewhere.
    ref_keys = {r.key for r in references}
    cited: set[str] = set()
    checks = [
        (region_file, [(r.key, r.references) for r in regions] + [("outline", outline.references)]),
        (muscle_file, [(m.key, m.references) for m in muscles]),
        (mech_file, [(m.key, m.references) for m in mechanisms]),
        (claim_file, [(c.key, c.references) for c in claims]),
        (symptom_file, [(s.key, _union_refs([s.feel, *s.provoked_by, s.why])) for s in symptoms]),
        (flag_file, [(f.key, f.references) for f in red_flags] + [("caveat", caveat.references)]),
        (urgency_file, [(level.key, level.references) for level in urgency]),
        (figure_file, [(t.key, t.references) for t in figure_texts]),
        (exam_file, [(x.key, x.references) for x in (*groin_entities, *exam_tests)]
         + [("classification_note", groin_note.references)]),
    ]
    for file, items in checks:
        for key, refs in items:
            for ref in refs:
                if ref not in ref_keys:
                    raise file.fail(key, f"cites unknown reference {ref!r}")
                cited.add(ref)
    unused = [r.key for r in references if r.key not in cited]
    if unused:
        raise ref_file.fail(unused[0], "reference is never cited")

    return Content(
        references=Collection("reference", references),
        regions=Collection("region", tuple(regions)),
        parts=Collection("anatomy part", parts),
        muscles=Collection("muscle", muscles),
        mechanisms=Collection("mechanism", mechanisms),
        claims=Collection("claim", claims),
        symptoms=Collection("symptom", symptoms),
        red_flags=Collection("red flag", red_flags),
        urgency=Collection("urgency level", urgency),
        groin_entities=Collection("groin pain category", groin_entities),
        exam_tests=Collection("examination test", exam_tests),
        groin_note=groin_note,
        figure_texts=Collection("figure text", figure_texts),
        red_flag_caveat=caveat,
        body_map_source=outline,
    )


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise _Bad("must be a list")
    return value


def _nonempty(value: Any) -> list:
    if not isinstance(value, list) or not value:
        raise _Bad("must be a non-empty list")
    return value


def _known(file: _File, key: str, field_name: str, values, valid: set[str], kind: str) -> None:
    for value in values:
        if value not in valid:
            raise file.fail(
                key, f"field {field_name!r}: unknown {kind} {value!r}; valid: {', '.join(sorted(valid))}"
            )


_CONTENT: Content | None = None


def content() -> Content:
    """The package's content, loaded and checked once."""
    global _CONTENT
    if _CONTENT is None:
        _CONTENT = load()
    return _CONTENT


def claim(key: str) -> Claim:
    return content().claims[key]
