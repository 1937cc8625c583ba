"""References a clinician can check: every entry is a structured record with
authors (or an issuing body), year, title and source, and an identifier a
reader can follow. The loader refuses entries that break these rules, naming
the file and the key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content as records
from iliopsoas_lessons.content import lessons as ld

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"
RAW = json.loads((DATA / "references.json").read_text(encoding="utf-8"))["references"]
REFS = list(il.references())


def _ids(items):
    return [item["key"] if isinstance(item, dict) else item.key for item in items]


# ------------------------------------------------------------------ the shipped list


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_every_reference_names_who_when_what_and_where(ref):
    assert ref.authors or ref.issuer, f"{ref.key}: no authors and no issuer"
    assert isinstance(ref.year, int) and 1800 <= ref.year <= 2100, ref.key
    assert ref.title.strip() and ref.published_in.strip(), ref.key
    assert ref.evidence in records.EVIDENCE_LEVELS, ref.key


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_authors_are_written_surname_then_initials(ref):
    names = list(ref.authors)
    if names and names[-1] == records.ET_AL:
        names.pop()
    for name in names:
        assert re.fullmatch(r"\S.* [A-Z]{1,4}", name), f"{ref.key}: {name!r}"
        assert "," not in name and "." not in name, f"{ref.key}: {name!r}"


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_journal_articles_carry_a_doi_or_pmid(ref):
    article = ref.evidence in ("systematic_review", "trial", "cohort", "case_report", "consensus_statement")
    article = article or ref.volume is not None
    assert ref.is_journal_article == article, ref.key
    if article:
        # the one way without either: the journal's own page and the reason no PMID is given
        # (an unconfirmed PMID is not printed)
        findable = ref.doi or ref.pmid or (ref.url and ref.pmid_absent_reason)
        assert findable, f"{ref.key}: a journal article needs a DOI or PMID"


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_books_and_guidelines_carry_an_identifier(ref):
    assert ref.doi or ref.pmid or ref.isbn or ref.url, f"{ref.key}: nothing a reader can follow"


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_identifiers_are_well_formed(ref):
    if ref.doi:
        assert re.fullmatch(r"10\.\d{4,9}/\S+", ref.doi), ref.key
    if ref.pmid:
        assert re.fullmatch(r"\d+", ref.pmid), ref.key
    if ref.url:
        assert re.match(r"https?://", ref.url), ref.key
        assert not (ref.doi or ref.pmid or ref.isbn), f"{ref.key}: a URL only where no DOI, PMID or ISBN exists"


BANNED = (
    "wikipedia",
    "physioadvisor",
    "exrx",
    "triggerpointtherapist",
    "myofascialtherapy",
    "physio-pedia",
    "teachmeanatomy",
    "kenhub",
    "fpnotebook",
    "clinicaladvisor",
    "consultant360",
    "imaios",
)


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_no_reference_points_to_an_encyclopaedia_or_a_fitness_or_commercial_site(ref):
    text = " ".join(str(v) for v in (ref.url, ref.title, ref.published_in, ref.issuer) if v).lower()
    for site in BANNED:
        assert site not in text, f"{ref.key}: cites {site}"


def test_the_citation_is_built_from_the_fields():
    for ref in REFS:
        citation = ref.citation
        assert ref.title.rstrip(".") in citation and str(ref.year) in citation, ref.key
        assert (ref.authors[0] if ref.authors else ref.issuer) in citation, ref.key
        for value in (ref.doi, ref.pmid, ref.isbn, ref.url):
            if value:
                assert value in citation, ref.key
    article = il.reference("NEUMANN2010").citation
    assert article == (
        "Neumann DA. Kinesiology of the hip: a focus on muscular actions. "
        "J Orthop Sports Phys Ther. 2010;40(2):82-94. "
        "doi:10.2519/jospt.2010.3025. PMID: 20118525."
    )
    book = il.reference("STANDRING2020").citation
    assert book.startswith("Standring S, editor. Gray's Anatomy") and "42nd ed. London: Elsevier; 2020." in book


def test_every_key_the_lessons_cite_exists_and_the_old_web_keys_are_gone():
    keys = {r.key for r in REFS}
    cited = set()
    for path in list(DATA.glob("*.json")) + list((DATA / "lessons").glob("*.json")):
        if path.name == "references.json":
            continue
        for match in re.finditer(r'"references":\s*\[([^\]]*)\]', path.read_text(encoding="utf-8")):
            cited.update(json.loads("[" + match.group(1) + "]"))
    assert cited <= keys, sorted(cited - keys)
    retired = {
        "WP",
        "WP-PM",
        "TMA-PM",
        "TMA-IL",
        "KEN",
        "G1918-IL",
        "PP-IP",
        "PP-PMi",
        "PP-IL",
        "STRAIN",
        "THOMAS",
        "TPT",
        "FPN",
        "EMED",
        "HANSEN",
        "ELLIS",
        "SP",
        "BERG",
        "IPI",
        "PARKER",
    }
    assert not keys & retired, sorted(keys & retired)


def test_the_file_lists_fields_in_one_order():
    # a fixed order keeps the JSON readable and diffs small
    order = [
        "key",
        "authors",
        "authors_incomplete",
        "editors",
        "issuer",
        "year",
        "undated",
        "title",
        "edition",
        "published_in",
        "volume",
        "issue",
        "pages",
        "doi",
        "pmid",
        "pmcid",
        "pmid_absent_reason",
        "isbn",
        "url",
        "read_on",
        "read_on_at",
        "evidence",
        "status",
        "superseded_by",
        "checked",
        "note",
    ]
    for entry in RAW:
        assert list(entry) == [k for k in order if k in entry], entry["key"]


# ------------------------------------------------------------------ broken entries are refused


def _change(directory: Path, key: str, change) -> None:
    path = directory / "references.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = [r for r in data["references"] if r["key"] == key]
    change(entry)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _drop(*names):
    def change(entry):
        for name in names:
            entry.pop(name, None)

    return change


def _set(**values):
    return lambda entry: entry.update(values)


BROKEN = [
    ("NEUMANN2010", _drop("authors"), r"NEUMANN2010: needs 'authors' or an 'issuer'"),
    ("NEUMANN2010", _drop("year"), r"NEUMANN2010: missing field 'year'"),
    ("NEUMANN2010", _set(year="2010"), r"NEUMANN2010: field 'year'"),
    ("NEUMANN2010", _drop("title"), r"NEUMANN2010: missing field 'title'"),
    ("NEUMANN2010", _set(title="  "), r"NEUMANN2010: must be non-empty text"),
    ("NEUMANN2010", _drop("published_in"), r"NEUMANN2010: missing field 'published_in'"),
    (
        "NEUMANN2010",
        _drop("doi", "pmid"),
        r"NEUMANN2010: a journal article needs a 'doi' or a 'pmid' \(or the journal's page",
    ),
    (
        "DANGARIA1998",
        _drop("doi", "pmid"),
        r"DANGARIA1998: a journal article needs a 'doi' or a 'pmid' \(or the journal's page",
    ),
    ("NEUMANN2010", _set(doi="doi:10.2519/jospt.2010.3025"), r"NEUMANN2010: field 'doi'"),
    ("NEUMANN2010", _set(pmid="PMID20118525"), r"NEUMANN2010: field 'pmid': .* must be digits"),
    ("NEUMANN2010", _set(authors=["Donald A. Neumann"]), r"NEUMANN2010: field 'authors': .*Surname AB"),
    ("NEUMANN2010", _set(evidence="blog"), r"NEUMANN2010: .*'blog' is not one of"),
    ("NEUMANN2010", _set(citation="Neumann 2010"), r"NEUMANN2010: unknown field 'citation'"),
    ("STANDRING2020", _drop("isbn"), r"STANDRING2020: needs at least one of 'doi', 'pmid', 'isbn' or 'url'"),
    ("STANDRING2020", _set(isbn="978-0-7020-7705-1"), r"STANDRING2020: field 'isbn'"),
    ("STANDRING2020", _set(url="https://example.org/grays"), r"STANDRING2020: field 'url': give a URL only where"),
    ("G1918", _set(url="https://en.wikipedia.org/wiki/Iliopsoas"), r"G1918: field 'url': en\.wikipedia\.org is not"),
    ("G1918", _set(url="https://www.physio-pedia.com/Iliopsoas"), r"G1918: field 'url': www\.physio-pedia\.com is not"),
    ("G1918", _set(url="bartleby.com/107"), r"G1918: field 'url': .* is not an http"),
    ("GGC", _drop("issuer"), r"GGC: needs 'authors' or an 'issuer'"),
    ("NEUMANN2010", _set(undated=True), r"NEUMANN2010: field 'undated': only a web page"),
    ("NEUMANN2010", _drop("status"), r"NEUMANN2010: missing field 'status'"),
    (
        "NEUMANN2010",
        _set(status="retired"),
        r"NEUMANN2010: field 'status': .*current, review_overdue, withdrawn, superseded",
    ),
    ("NEUMANN2010", _drop("checked"), r"NEUMANN2010: missing field 'checked'"),
    ("NEUMANN2010", _set(checked="6 December 2026"), r"NEUMANN2010: field 'checked': .*ISO date"),
    ("NEUMANN2010", _set(checked="2026-02-30"), r"NEUMANN2010: field 'checked': .*ISO date"),
    ("CG75", _drop("superseded_by"), r"CG75: status 'superseded' needs 'superseded_by'"),
    ("CG75", _set(superseded_by="NG999"), r"CG75: field 'superseded_by': unknown reference 'NG999'"),
    ("NG234", _set(superseded_by="NG59"), r"NG234: field 'superseded_by': a current reference is not superseded"),
    ("DANGARIA1998", _drop("pmid"), r"DANGARIA1998: a journal article needs a 'pmid', or a 'pmid_absent_reason'"),
    (
        "NEUMANN2010",
        _set(pmid_absent_reason="Not indexed."),
        r"NEUMANN2010: field 'pmid_absent_reason': .*has a 'pmid'",
    ),
    (
        "NEUMANN2010",
        _set(note="Clinical commentary because red_flags"),
        r"NEUMANN2010: field 'note': must end a sentence",
    ),
    (
        "SKYRME1999",
        _set(pmid_absent_reason="not found"),
        r"SKYRME1999: field 'pmid_absent_reason': must end a sentence",
    ),
    ("HOLMICH2007", _set(pmcid="2658954"), r"HOLMICH2007: field 'pmcid'"),
    ("G1918", _set(pmcid="PMC2658954"), r"G1918: field 'pmcid': give it beside the article's 'doi' or 'pmid'"),
]


@pytest.mark.parametrize("key, change, expected", BROKEN, ids=[f"{k}-{e.split(': ', 1)[1][:30]}" for k, _, e in BROKEN])
def test_a_broken_reference_is_refused_naming_file_and_key(data_copy, key, change, expected):
    _change(data_copy, key, change)
    with pytest.raises(il.ContentError, match=r"references\.json: " + expected):
        records.load(data_copy)


def test_an_uncited_reference_is_refused(data_copy):
    path = data_copy / "references.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["references"].append(
        {
            "key": "SPARE",
            "authors": ["Nobody N"],
            "year": 2000,
            "title": "Unused",
            "published_in": "Nowhere",
            "pmid": "1",
            "evidence": "cohort",
            "status": "current",
            "checked": None,
        }
    )
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(il.ContentError, match=r"references\.json: SPARE: reference is never cited"):
        records.load(data_copy)


def test_the_shipped_copy_still_loads(data_copy):
    assert len(records.load(data_copy).references) == len(REFS)


# ------------------------------------------------------------------ status, PMIDs and whole notes

TODAY = "2026-12-07"  # the day the records were last checked with the search tool
LATEST_CHECK = "2026-12-08"  # the latest day any record was checked with the search tool


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_every_reference_says_whether_it_stands_and_when_it_was_checked(ref):
    assert ref.status in records.REFERENCE_STATUSES, ref.key
    assert (ref.status == "superseded") <= bool(ref.superseded_by), ref.key
    assert ref.checked is None or (re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref.checked) and ref.checked <= LATEST_CHECK), (
        ref.key
    )


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_journal_articles_carry_a_pmid_or_say_why_not(ref):
    if ref.is_journal_article:
        assert ref.pmid or ref.pmid_absent_reason, f"{ref.key}: no PMID and no reason"
    assert not (ref.pmid and ref.pmid_absent_reason), ref.key


@pytest.mark.parametrize("ref", REFS, ids=_ids(REFS))
def test_every_note_ends_a_sentence(ref):
    for text in (ref.note, ref.pmid_absent_reason):
        if text is not None:
            assert re.search(r"[.!?][)\"'”’]?$", text), f"{ref.key}: {text[-40:]!r}"
    # a cut-off note once ended '... because red_flags.' or '... which red_flags.'
    assert not re.search(r"\b(because|which)\s+\S+\.$", ref.note or ""), ref.key


def test_the_withdrawn_and_superseded_sources_name_their_successors():
    by_key = {r.key: r for r in REFS}
    assert by_key["CG75"].status == "superseded" and by_key["CG75"].superseded_by == "NG234"
    assert by_key["NG51"].status == "superseded" and by_key["NG51"].superseded_by == "NG253"
    assert by_key["NG234"].is_current and by_key["NG253"].is_current
    assert by_key["QS56"].title.startswith("Spinal metastases and metastatic spinal cord compression")
    assert "AHCPR" not in by_key  # the 1994 AHCPR guideline was superseded long ago


def test_no_data_file_or_notebook_text_cites_the_ahcpr_guideline():
    root = DATA.parent.parent
    for path in DATA.rglob("*.json"):
        assert "AHCPR" not in path.read_text(encoding="utf-8"), path
    for path in (root / "notebooks").glob("*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:  # the stored outputs are regenerated after the merge
            if cell["cell_type"] == "markdown":
                assert "AHCPR" not in "".join(cell["source"]), path


def test_patient_advice_and_anatomical_studies_carry_their_own_level():
    for ref in REFS:
        if ref.url and ref.url.startswith("https://www.nhs.uk/"):  # the public NHS website
            assert ref.evidence == "patient_information", ref.key
    for key in ("SKYRME1999", "BOGDUK1992", "DRAGIEVA2018"):  # cadaver studies, not cohorts
        assert il.reference(key).evidence == "anatomical_study", key


def test_no_statement_rests_only_on_a_withdrawn_or_superseded_source():
    from iliopsoas_lessons.content import review

    course = il.course()
    assert review.outdated_only(review.statements(), course.references) == ()
    for flag in course.red_flags:  # nor does the guideline trail behind any level
        for quote in flag.trail.quotes:
            assert course.references[quote.reference].is_current, (flag.key, quote.reference)


def test_a_statement_left_with_only_a_superseded_source_is_found(data_copy):
    from iliopsoas_lessons.content import review
    from iliopsoas_lessons.content import lessons as lesson_data

    # The AAA reason also cites the two public pages its trail quotes, the
    # dissection page and the renal colic referral summary (round 38); withdraw every
    # source it cites so that only outdated ones are left.
    for key in ("NG156", "NIDIRECT-AAA", "PHW-AAA", "HSE-DISSECTION", "GPNOTEBOOK-COLIC", "SINGH2013"):
        _change(data_copy, key, _set(status="withdrawn"))
    course = records.load(data_copy)
    lessons = lesson_data.load(data_copy / "lessons", course=course)
    found = review.outdated_only(review.statements(course, lessons), course.references)
    assert "red_flags/aortic_aneurysm/reason" in found


def test_a_single_case_report_is_never_the_only_evidence_a_symptom_exists():
    for symptom in il.symptoms():
        for fact in (symptom.feel, *symptom.provoked_by):
            kinds = {il.reference(k).evidence for k in fact.references}
            assert kinds != {"case_report"}, (symptom.key, fact.text)
    curve = il.symptom("lumbar_curve")
    assert curve.feel.text.startswith("Contested")
    assert "TUFO2012" not in curve.feel.references


def test_learners_reference_lists_show_a_superseded_source_as_superseded():
    """Review round 3, C2: NG51 and CG75 appeared in lesson 04's list as plain
    guidelines; the status and the successor now show beside the key."""
    from iliopsoas_lessons.content import lessons as ld
    from iliopsoas_lessons.content.text import show_references

    shown = {}
    for lesson in ld.lesson_data().lessons:
        for line in str(show_references(lesson.key)).splitlines():
            shown[line.split("**")[1]] = line
    for key, successor in (("NG51", "NG253"), ("CG75", "NG234")):
        assert f"**superseded by {successor}**" in shown[key], key
    # Round 11 A M-4: no source says the GIRFT pathway withdrew the 2018 standards; round 31,
    # A citation 4: their standing was never checked either, so the record no longer claims
    # them current. It is superseded in practice by the pathway; that no withdrawal was found
    # is an editor's note, kept in the guideline trail, not in the learner's reason (round 41,
    # A minor 4), and the reason claims no withdrawal. Round 65 A C-1: 'superseded' was
    # itself inferred, never read, so the record is now 'unverified': still not current,
    # naming no replacement, and the learners' list says it was not verified.
    bass = il.reference("BASS-CES")
    assert not bass.is_current and bass.status == "unverified" and bass.superseded_by is None
    assert "**unverified**" in shown["BASS-CES"] and "[Not verified as still in force.]" in shown["BASS-CES"]
    assert "superseded" not in shown["BASS-CES"].split(":")[0]
    reason = il.red_flag("cauda_equina").reason
    assert "superseded them in practice" in reason.text
    assert "withdr" not in reason.text
    trail = il.red_flag("cauda_equina").trail
    assert "No notice withdrawing the 2018 BASS standards was found" in trail.note
    assert reason.references.index("GIRFT-CES") < reason.references.index("BASS-CES")
    # and CG151's status was read on NICE's pages, with what "current" rests on
    cg151 = il.reference("CG151")
    assert cg151.is_current and cg151.checked and "no withdrawal or replacement was shown" in cg151.note
    current = [k for k in shown if il.reference(k).is_current]
    assert current and not any("superseded" in shown[k].split(":")[0] for k in current)


def test_the_superseded_scfe_review_is_no_longer_cited():
    """Round 6, C-3, then round 9 (A C1, B C-2): the 2010 SCFE review, superseded
    twice, was still the support of current teaching; the 2025 review and the UK
    cohort (PERRY2022) now carry every SCFE statement, and no lesson lists PECK2010."""
    from iliopsoas_lessons.content.text import show_references

    refs = il.course().references
    assert "PECK2010" not in refs.keys()
    assert refs["AFP2025-SCFE"].is_current and refs["PERRY2022"].is_current
    for lesson in ("02_injury_mechanisms", "03_symptoms", "04_red_flags"):
        listed = str(show_references(lesson))
        assert "PECK2010" not in listed and "**AFP2025-SCFE**" in listed, lesson
    assert {"PERRY2022", "AFP2025-SCFE"} <= set(il.red_flag("scfe").references)


def test_the_2016_chronic_hip_pain_ratings_are_named_and_not_cited_for_acute_questions():
    """Round 6, C-2: lesson 03 says which revision the ACR ratings are, and the
    superseded chronic-hip-pain record does not carry the stress-fracture limit."""
    import nbformat

    xray = il.course().imaging["xray"]
    assert "MINTZ2016" not in xray.limits.references
    nb = nbformat.read(Path(__file__).parent.parent / "notebooks" / "03_symptoms.ipynb", as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "markdown" and "American College of Radiology" in c.source)
    assert "2016" in cell and "since replaced" in cell


def test_round_7_thin_evidence_is_named_as_such():
    """Round 7, m-5, m-6, m-7: the adult avulsion rests on case series, the 5-10 %
    snapping-hip figure is an estimate for all types, and the three-grade strain scale
    is named as one of several, with the British Athletics and Munich classifications."""
    course = il.course()
    assert "case series" in course.red_flags["adult_avulsion"].reason.text
    assert "often the first sign of a tumour" not in course.red_flags["adult_avulsion"].reason.text
    cases = {c.key: c for c in ld.lesson_data().cases}
    assert (
        "estimate" in cases["dancer_click"].reason
        and "internal snapping hip is common" not in cases["dancer_click"].reason
    )
    grade_three = course.mechanisms["acute_strain"].grades[2]
    assert "British Athletics" in grade_three.text and "Munich" in grade_three.text
    assert {"POLLOCK2014", "MUELLERWOHLFAHRT2013"} <= set(grade_three.references)


def test_unread_cks_records_are_no_longer_cited():
    """Round 7, C-8: a source cited for a statement must have been read; the two CKS
    topics nobody could read are no longer cited, and the SCFE statements lead with the
    current cohort, the superseded review only beside it."""
    keys = {r.key for r in il.course().references}
    assert not {"CKS-SCROTAL", "CKS-BACK"} & keys
    assert il.course().red_flags["scfe"].reason.references[0] == "PERRY2022"


def test_the_superseded_2018_hernia_guideline_is_no_longer_cited():
    """Round 8, C-4 and round 28, B citation 4: HerniaSurge 2018 is partly superseded by a
    2023 update whose text was not read, so it is dropped rather than cited alone; the
    femoral-hernia and women statements rest on KOCKERLING2019 and NHSBORDERS-HERNIA."""
    assert "HERNIASURGE2018" not in {r.key for r in il.references()}
    claims = json.loads((DATA / "claims.json").read_text(encoding="utf-8"))
    exam = json.loads((DATA / "examination.json").read_text(encoding="utf-8"))
    claim = next(c for c in claims["claims"] if c["key"] == "hip_pain_trochanter")
    for refs in (claim["references"], exam["entities"][5]["criteria"]["references"]):
        assert {"KOCKERLING2019", "NHSBORDERS-HERNIA"} <= set(refs)


def test_millar_2021_carries_the_pmid_read_on_its_pubmed_record():
    """Round 8, C-6: the PMID was held back until a PubMed record was read."""
    ref = il.reference("MILLAR2021")
    assert ref.pmid == "33414454" and ref.pmid_absent_reason is None and ref.issue == "1"


def test_ng59_records_its_dates_and_when_it_was_checked():
    """Round 9, B C-4: NG59 carried no 'checked' date and no publication dates."""
    ng59 = il.reference("NG59")
    assert ng59.checked is not None and ng59.is_current
    assert "30 November 2016" in ng59.note and "11 December 2020" in ng59.note


def test_notes_name_no_review_round_or_finding():
    """Maintainers' notes say what was read and decided, not which review round asked for it
    (git history keeps that), so a copy of the data never needs sentences cut out of it."""
    process = re.compile(r"\bround \d+|\bsweep\b|\bthe reviewer\b|\((?:[ABC] )?(?:PS|MF|C|M|m|A)-?\d+[a-z]?[,)]")
    for name, key in (("guideline_trail.json", None), ("references.json", "references")):
        records = json.loads((DATA / name).read_text(encoding="utf-8"))
        records = records[key] if key else next(v for v in records.values() if isinstance(v, list))
        for record in records:
            for field in ("note", "pending", "pmid_absent_reason"):
                text = record.get(field) or ""
                assert not process.search(text), (name, record["key"], field, process.search(text).group())


def test_round_11_citation_fixes_hold():
    """Round 11 A C-1, C-2, C-4: no claim beyond the cited series; pancreatitis cites where
    it is assessed; QS56 quoted from NICE's own page, without an update date it does not show."""
    avulsion = il.red_flag("adult_avulsion").reason.text
    # round 14 A m-1: the two series were chosen by tumour type, so the text no longer
    # reads their 4-and-4 split as a frequency ("a metastasis as often as")
    assert "usually a metastasis" not in avulsion and "a metastasis as often as" not in avulsion
    assert "cannot show which is commoner" in avulsion
    assert "BNSSG-PANCREATITIS" in il.red_flag("pancreatitis").reason.references
    assert "2023" not in il.reference("QS56").title
    assert "updated in September 2023" not in il.red_flag("cancer_with_nerve_signs").reason.text
    # round 20 A, citations 4 and 5: QS56 is quoted only from nice.org.uk and never in the
    # wording its 2023 revision dropped; where NICE's current page could not be read the
    # entry says so in 'pending' instead of quoting the older sentence as if current
    for flag in il.red_flags():
        for quote in flag.trail.quotes:
            if quote.reference == "QS56":
                assert quote.url.startswith("https://www.nice.org.uk/guidance/qs56/"), flag.key
                assert "any necessary treatment plan agreed" not in quote.text, flag.key
    for key in ("cancer_with_nerve_signs", "cancer_spinal_pain"):
        trail = il.red_flag(key).trail
        assert not any("medscape" in q.url for q in trail.quotes), key
        assert trail.quotes or "nice.org.uk" in (trail.pending or ""), key


def test_round_11_records_checked_and_versioned():
    """Round 11 B C4, C6: records confirmed on their PubMed or journal pages say so;
    an unversioned web reference names the version read."""
    for key in ("VIGOTSKY2016", "PEELER2007"):
        assert il.reference(key).checked == "2026-12-06", key
    assert "updated 7 September 2021" in il.reference("BUTALA2021").published_in


def test_consensus_statements_are_labelled_as_such():
    # round 14, part B citation 4: the Doha agreement was shown as "Textbook or expert opinion"
    for key in ("WEIR2015", "ARDERN2016", "MUELLERWOHLFAHRT2013", "MOUNTJOY2023"):
        ref = il.reference(key)
        assert ref.evidence == "consensus_statement", key
        assert ref.evidence_label == "Expert consensus statement", key


def _reference_lists(node, where=""):
    """Every list in a JSON document, with its path."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _reference_lists(v, f"{where}.{k}")
    elif isinstance(node, list):
        yield where, node
        for i, v in enumerate(node):
            yield from _reference_lists(v, f"{where}[{i}]")


def test_the_superseded_aaos_guideline_is_cited_nowhere():
    # Rounds 18 and 19 each flagged the 2010 guideline, kept beside TUBB2020 for its history,
    # as a superseded source shown as support: it is gone from every list, and the record too.
    for file in sorted(DATA.rglob("*.json")):
        assert "AAOS-PJI2010" not in file.read_text(encoding="utf-8"), file.name
    assert "TUBB2020" in il.red_flag("hip_replacement_complication").reason.references
    assert "2010 guideline" in il.reference("TUBB2020").note


def _superseded_cited_silently(flags, references) -> list[str]:
    """(flag, reference) pairs where a flag's reason cites a superseded source
    without its text naming that source as replaced."""
    found = []
    for flag in flags:
        text = flag.reason.text
        for key in flag.reason.references:
            if references[key].status != "superseded":
                continue
            if key not in text or not ("replaced" in text or "superseded" in text):
                found.append(f"{flag.key}: {key}")
    return found


def test_no_flag_reason_cites_a_superseded_source_as_support():
    """Round 18, A C-2: a withdrawn guideline shown in a flag's reason reads as support.
    A reason cites a superseded source only when its text names it as replaced (CG75
    beside NG234, NG51 beside NG253), never silently beside its successor."""
    references = {r.key: r for r in il.references()}
    assert _superseded_cited_silently(il.red_flags(), references) == []
    # the check catches the round-18 kind of case: a superseded source (here the ACR's 2016
    # ratings) cited silently beside the flag's current ones
    from dataclasses import replace

    hip = il.red_flag("hip_replacement_complication")
    cited = replace(hip, reason=replace(hip.reason, references=(*hip.reason.references, "NG51")))
    assert _superseded_cited_silently([cited], references) == ["hip_replacement_complication: NG51"]


def test_round_14_a_minor_fixes_hold():
    """Round 14 A m-1, m-2, m-3: the avulsion text cites a case review for the usual cause;
    renal colic says ultrasound first for children and in pregnancy; a testicular lump with a
    groin ache has its own warning sign, which the twisted-testicle sign points to."""
    assert "KUMAR2017" in il.red_flag("adult_avulsion").reason.references
    colic = il.red_flag("renal_colic")
    for text in (colic.destination, colic.reason.text):
        assert "children and young people" in text and "pregnancy" in text
        assert "a CT scan within 24 hours (an ultrasound scan in pregnancy)" not in text
    lump = il.red_flag("testicular_lump")
    assert lump.urgency == "within_days" and lump.escalation.urgency == "emergency"
    assert "NG12" in lump.reason.references
    assert any("testicular-lump warning sign" in s for s in il.red_flag("testicular_torsion").signs)


def test_round_14_a_citation_fixes_hold():
    """Round 14 A C-4, C-5: testicular torsion no longer rests on a guide for boys alone,
    and the record says where the cancer spinal pain reason's one-week wording was read.
    Round 15 A: that provenance moved out of the learner-facing reason into the guideline
    trail's note and QS56's note, so the check now requires it there (same strength)."""
    torsion = il.red_flag("testicular_torsion")
    assert {"HSIB-TORSION", "GGC-SCROTAL"} <= set(torsion.reason.references)
    assert any(q.reference == "HSIB-TORSION" for q in torsion.trail.quotes)
    cancer = il.red_flag("cancer_spinal_pain")
    assert "published summary" in cancer.trail.note and "not available to us" in cancer.trail.note
    assert "published" in il.reference("QS56").note and "not available to us" in il.reference("QS56").note
    for aside in ("published summary", "not available to us"):
        assert aside not in cancer.reason.text


def test_the_x_ray_statement_rests_only_on_current_sources():
    """Round 15 B C1 kept the revised 2016 ACR ratings beside the X-ray answer as history;
    round 29 B C4: a superseded guideline supports no current statement, and the current
    revision was not read, so the answer drops the ratings and cites only current sources."""
    xray = next(i for i in il.course().imaging if i.key == "xray")
    assert "since been revised" not in xray.answers.text and "appropriateness" not in xray.answers.text
    assert "MINTZ2016" not in xray.answers.references and xray.answers.references
    assert all(il.reference(k).is_current for k in xray.answers.references)


def _learner_texts():
    """Every string a learner can see: all data files except the records and the trail,
    whose notes are where the reading process is recorded."""
    skip = {"references.json", "guideline_trail.json", "review.json"}
    for path in sorted(DATA.rglob("*.json")):
        if path.name in skip:
            continue
        stack = [json.loads(path.read_text(encoding="utf-8"))]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                yield path.name, value
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)


def test_no_learner_text_reports_what_was_not_read_and_the_level_sources_come_first():
    """Round 19 A citations 5-7: 'was not read for these lessons' sat in the reasons of the
    hernia and both-legs flags and in a care answer; the sources behind the hernia and
    both-legs levels were not cited; pancreatitis cited first a guideline that does not
    hold the hospital-admission sentence."""
    said = [(name, text[:80]) for name, text in _learner_texts() if "not read for these lessons" in text]
    assert not said, said
    assert il.red_flag("strangulated_hernia").reason.references[0] == "NHSBORDERS-HERNIA"
    assert {"NHSCT-BACK", "NHSW-SCIATICA"} <= set(il.red_flag("both_legs_sciatica").reason.references)
    assert il.red_flag("pancreatitis").reason.references[0] == "BNSSG-PANCREATITIS"
    for note in (il.red_flag("strangulated_hernia").trail.note, il.red_flag("both_legs_sciatica").trail.note):
        assert "not read for these lessons" in note


def test_unchecked_records_do_not_read_as_checked_and_the_case_report_stays_with_its_case():
    # Review round 22, B citations: BASS-CES has no 'checked' date, so its note must not
    # present a date on which its status was read; PMJ (one patient) is not cited for
    # general statements about who bleeds into the iliopsoas or for false aneurysms.
    bass = il.reference("BASS-CES")
    assert bass.checked is None and "status was read" not in bass.note and "never read" in bass.note
    haematoma = il.mechanism("haematoma")
    assert "PMJ" not in haematoma.summary.references
    assert all("PMJ" not in t.references for t in haematoma.triggers)
    assert "PMJ" in {r for f in haematoma.features for r in f.references}
    assert "PMJ" not in il.claim("hip_pain_trochanter").references


def test_the_four_patient_series_are_not_labelled_cohorts():
    # review round 23, B minor 6: Phillips 1988 and Afra 1999 describe four patients each
    for key in ("PHILLIPS", "AFRA"):
        assert il.reference(key).evidence == "case_report", key
    assert "case-control" in il.reference("UENO2018").note


def test_an_unconfirmed_pmid_is_not_printed():
    """Round 24, B citation: TUFO2012's PMID was never read beside the article, so it is
    given as absent, with the reason, not printed; its note keeps the failed searches."""
    ref = il.course().references["TUFO2012"]
    assert not ref.pmid and "Not confirmed" in ref.pmid_absent_reason
    assert "PMID is not confirmed" in ref.note


def test_an_article_without_doi_or_pmid_needs_its_page_and_the_reason(tmp_path):
    """The TUFO2012 way out is narrow: a page alone, or a reason alone, is still refused."""
    import shutil

    from iliopsoas_lessons.content import loader
    from iliopsoas_lessons.content.models import ContentError

    data = Path(loader.__file__).resolve().parents[1] / "data"
    for drop in ("url", "pmid_absent_reason"):
        copy = tmp_path / drop
        shutil.copytree(data, copy)
        refs = json.loads((copy / "references.json").read_text(encoding="utf-8"))
        rec = next(r for r in refs["references"] if r["key"] == "TUFO2012")
        rec.pop(drop)
        (copy / "references.json").write_text(json.dumps(refs), encoding="utf-8")
        with pytest.raises(ContentError, match=r"TUFO2012: a journal article needs a 'doi' or a 'pmid'"):
            loader.load(copy)


def test_the_impingement_and_strain_series_are_checked_without_unread_identifiers():
    # the figures in mechanisms.json (5 of 12 iliacus tears on a change of direction;
    # 22 of 569 and 32 of 559 hips) were checked against the abstracts; identifiers that
    # were never read beside the article are not printed, the page read is given instead
    for key in ("SERNER2018", "BULLER2021", "UENO2018"):
        ref = il.reference(key)
        # Serner's link moved to the issuer's research record, read on the later day
        assert ref.checked == (LATEST_CHECK if key == "SERNER2018" else TODAY), key
        assert ref.url and not ref.doi and not ref.pmid, key
        assert "stays unchecked" not in ref.note, key
    features = " ".join(f.text for f in il.mechanism("hip_replacement_impingement").features)
    assert "3.9 % of 569 hips" in features and "5.7 % of 559 hips" in features


def test_journal_reviews_and_editorials_are_not_labelled_textbooks():
    """Review round 28, B citation 7: reviews and editorials were shown as 'Textbook or
    expert opinion'; they carry their own label now."""
    refs = {r.key: r for r in il.references()}
    for key in ("MALLICK2004", "JOHNSTON1998", "KHAN2002", "QUINTNER2015", "MILLAR2021"):
        assert refs[key].evidence == "review" and refs[key].evidence_label == "Narrative review or editorial", key
    for ref in refs.values():
        opening = (ref.note or "").split(".")[0].lower()
        if ref.doi and any(w in opening for w in ("narrative review", "editorial", "clinical review", "primer")):
            assert ref.evidence == "review", ref.key


def test_journal_articles_are_not_labelled_textbooks():
    # round 31, B C2: the evidence label is shown to learners and weighs the statement;
    # a journal article proposing a grading (one author group, no formal consensus
    # method), a worked case and a health board's page are not textbooks
    refs = il.course().references
    assert refs["POLLOCK2014"].evidence == "review"
    # round 38, C citation 6: CHEN2020 is a worked summary of the AAOS guideline, so a review
    assert refs["CHEN2020"].evidence == "review"
    assert refs["GGC"].evidence == "guideline"


def test_learners_reference_lists_mark_a_never_checked_source_as_not_verified():
    # round 31, B C1: NHS-HIP and CKS-RENALCOLIC were listed as plain current sources
    # though no one had read the cited page; a null 'checked' now shows beside the key
    from iliopsoas_lessons.content.text import show_references

    shown = {}
    for lesson in ld.lesson_data().lessons:
        for line in str(show_references(lesson.key)).splitlines():
            shown[line.split("**")[1]] = line
    refs = il.course().references
    unchecked = [k for k in shown if refs[k].checked is None]
    # NHS-HIP and CKS-RENALCOLIC were removed in round 33 (their statements moved to read
    # sources); other never-checked records still exercise the marking
    assert unchecked and not {"NHS-HIP", "CKS-RENALCOLIC"} & set(refs)
    for key in shown:
        marked = "**not verified against the source**" in shown[key]
        assert marked == (refs[key].checked is None and refs[key].is_current), key


def test_holmich_2007_carries_its_pubmed_central_copy():
    """Round 32 B C3: PMC2658954 read today with the article's abstract; it is printed and linked."""
    from iliopsoas_lessons.content.citations import citation_parts

    ref = il.references()["HOLMICH2007"]
    assert ref.pmcid == "PMC2658954" and ref.doi
    assert ref.citation.endswith("PMCID: PMC2658954.")
    assert ("PMCID: PMC2658954", "https://pmc.ncbi.nlm.nih.gov/articles/PMC2658954/") in citation_parts(ref)


def test_the_superseded_cauda_equina_standards_say_the_status_is_inferred():
    """Review round 36, B citation 3: no notice withdrawing BASS-CES was read, so its note
    says at once that its status is not read, and no longer calls the record current.
    Round 65 A C-1: an inferred 'superseded' still claimed what was never read, so the
    status is now 'unverified', which claims neither current nor superseded, and every
    citation of it says so."""
    ref = il.reference("BASS-CES")
    assert ref.status == "unverified" and ref.superseded_by is None and ref.checked is None
    assert not ref.is_current
    assert ref.note.startswith("Status 'unverified': whether these standards are still in force")
    assert "was never read" in ref.note.split(".")[0] and "GIRFT-CES" in ref.note
    assert "marked current" not in ref.note
    assert "[Not verified as still in force.]" in ref.citation
    assert ref.short_citation.endswith("2018 (not verified as still in force)")


def test_giant_cell_arteritis_teaching_cites_the_bsr_guideline_itself():
    # round 42, A citation 3: the guideline's recommendations were cited only to the
    # society's news page; the journal article is the reference, with only what was read
    guideline = il.reference("MACKIE2020")
    assert guideline.authors[0] == "Mackie SL" and guideline.year == 2020
    assert (guideline.volume, guideline.issue, guideline.pages) == ("59", "3", "e1-e23")
    # the DOI was read beside the guideline's citation on 2026-12-07; the PMID still was not
    assert guideline.doi == "10.1093/rheumatology/kez672" and guideline.pmid is None and guideline.pmid_absent_reason
    assert "29 May 2019" in guideline.note
    users = [
        il.red_flag("giant_cell_arteritis").reason.references,
        il.urgency_level("routine").references,
        il.symptom("back_pain").why.references,
        il.symptom("pain_with_movement").why.references,
    ]
    assert all("MACKIE2020" in refs for refs in users)
    assert "BSR-GCA-2020" not in il.urgency_level("routine").references


def test_an_undated_page_shows_the_day_it_was_read():
    """A web page with no date of its own is cited by the day it was read, not the year alone."""
    for ref in REFS:
        if ref.undated and ref.checked:
            assert f"[cited {ref.checked}]" in ref.citation, ref.key
            assert f"[cited {ref.year}]" not in ref.citation, ref.key
    # an undated page shows no year beside the day it was read: its 'year' is not a date the page gave
    assert "; [cited 2026-12-06]." in il.reference("NHS-HIPFRACTURE").citation
    assert "2024" not in il.reference("NHS-HIPFRACTURE").citation


def test_an_inferred_doi_is_not_printed():
    """A DOI guessed from a publisher's pattern and never read is kept out of the
    printed citation: ALLEN1995 links the journal's own citation page instead."""
    ref = il.reference("ALLEN1995")
    assert not ref.doi and ref.url.startswith("https://journals.lww.com/")
    assert "nconfirmed" in ref.note
