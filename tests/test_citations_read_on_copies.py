"""A source read on someone else's copy, or only in someone else's summary, says so in
the full citation learners see: '(read on a third-party copy at <host>)' or
'(as summarised by <who>)'."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.citations import citation_markdown

pytestmark = pytest.mark.unit

# The issuers whose own sites are known: a record naming one of them as its issuer but
# linking elsewhere was read on a copy or in a summary.
ISSUER_HOSTS = {
    "NHS England": ("nhs.uk",),
    "NHS": ("nhs.uk",),
    "NHS Choices": ("nhs.uk",),
    "National Institute for Health and Care Excellence (NICE)": ("nice.org.uk",),
    "Royal College of Surgeons of England": ("rcseng.ac.uk",),
    "Royal Cornwall Hospitals NHS Trust": ("royalcornwall.nhs.uk",),
}
# published_in or note wording that says the text was read on a copy or only in a summary
_COPY_WORDS = re.compile(
    r"reproduced on|as shown on|read on a copy|not read directly|third-party (interactive )?copy|"
    r"only as a third-party summary|copy of the NHS health A to Z",
    re.IGNORECASE,
)
# a note's own opening words saying where the record's text was read (notes also mention
# other documents' copies, which do not count)
_NOTE_COPY_WORDS = re.compile(
    r"only as a third-party summary|on a third-party (interactive )?copy of NHS|copy of the NHS health A to Z|"
    r"nhs\.uk page itself is not in the stored pages|nhs\.uk's own page was not in the stored"
)


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _needs_marker(ref) -> bool:
    if ref.is_journal_article or not ref.url:
        return False
    own = ISSUER_HOSTS.get(ref.issuer or "")
    if own and _host(ref.url) not in own:
        return True
    return bool(_COPY_WORDS.search(ref.published_in) or _NOTE_COPY_WORDS.search(ref.note or ""))


def test_every_record_read_on_a_copy_or_summary_says_so_in_its_citation():
    refs = list(il.references())
    missing = [r.key for r in refs if _needs_marker(r) and r.read_on_words is None]
    assert not missing, f"read on a copy or in a summary, but the citation does not say so: {missing}"
    for ref in refs:
        if ref.read_on_words:
            assert f"({ref.read_on_words})" in ref.citation, ref.key


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("NHS-SHINGLES", "(read on a third-party copy at mypharmacy.co.uk)"),
        ("NHS-PID", "(read on a third-party copy at drpharmacy.uk)"),
        ("NHS-DIVERTICULAR", "(read on a third-party copy at acornmedicalcentre.nhs.uk)"),
        ("NHS-MENINGITIS", "(read on a third-party copy at caths.cam.ac.uk)"),
        ("RCHT-LIMP", "(read on a third-party copy at docslib.org)"),
        ("CKS-SHINGLES", "(as summarised by Guideline Genius, guidelinegenius.com)"),
        ("CKS-PID", "(as summarised by iatroX, iatrox.com)"),
        ("RCS-TORSION2016", "(as summarised by NICE Evidence Search"),
        ("NHS-BACK", "(read on a third-party copy at redflagsymptoms.co.uk)"),
    ],
)
def test_the_named_copies_and_summaries_are_shown(key, words):
    ref = il.reference(key)
    assert words in ref.citation
    assert words.replace("&", "&amp;") in citation_markdown(ref)


def test_without_read_on_the_citation_is_unchanged():
    ref = il.reference("NHS-SHINGLES")
    plain = replace(ref, read_on=None, read_on_at=None)
    assert "third-party copy" not in plain.citation and plain.read_on_words is None
