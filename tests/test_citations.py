"""References are links: a DOI to doi.org, a PMID to PubMed, else the page's
address; in the lessons (Markdown), on the website and on the review sheet (HTML)."""

from __future__ import annotations

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import iliopsoas_lessons as il
from iliopsoas_lessons.content.citations import citation_html, citation_markdown, citation_parts, reference_url
from iliopsoas_lessons.content.models import Reference

ROOT = Path(__file__).resolve().parents[1]


def _ref(**fields) -> Reference:
    base = dict(key="X", evidence="textbook", title="A title", year=2020, published_in="Somewhere", authors=("Doe J",))
    return Reference(**{**base, **fields})


def test_the_one_link_prefers_doi_then_pubmed_then_the_page():
    assert reference_url(_ref(doi="10.1000/x1", pmid="123", url="https://a.example/p")) == "https://doi.org/10.1000/x1"
    assert reference_url(_ref(pmid="123", url="https://a.example/p")) == "https://pubmed.ncbi.nlm.nih.gov/123/"
    assert reference_url(_ref(url="https://a.example/p")) == "https://a.example/p"
    assert reference_url(_ref(isbn="978-0-7020-7705-0")) is None


def test_each_identifier_in_the_citation_is_a_link_and_the_text_is_unchanged():
    ref = _ref(doi="10.1000/x1", pmid="123", url="https://a.example/p")
    parts = citation_parts(ref)
    assert "".join(text for text, _ in parts) == ref.citation
    assert [(t, a) for t, a in parts if a] == [
        ("doi:10.1000/x1", "https://doi.org/10.1000/x1"),
        ("PMID: 123", "https://pubmed.ncbi.nlm.nih.gov/123/"),
        ("https://a.example/p", "https://a.example/p"),
    ]
    assert citation_parts(_ref(isbn="978-0-7020-7705-0")) == [(_ref(isbn="978-0-7020-7705-0").citation, None)]


def test_a_doi_with_brackets_stays_one_link_in_markdown_and_html():
    doi = "10.1002/(SICI)1098-2353(1999)12:4<264::AID-CA4>3.0.CO;2-L"
    ref = _ref(title="Title <b>bold</b> & more", doi=doi)
    md = citation_markdown(ref)
    ((label, target),) = re.findall(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)", md)
    assert unquote(target) == f"https://doi.org/{doi}" and "<" not in target and "(" not in target
    assert re.sub(r"\\(.)", r"\1", label) == f"doi:{doi}".replace("<", "&lt;").replace(">", "&gt;")
    assert "<b>" not in md and "&lt;b&gt;" in md
    # the raw Markdown reads as the DOI does: no backslash before its round brackets
    assert "(SICI)1098-2353(1999)" in label

    class Links(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Links()
    parser.feed(citation_html(ref))
    assert [tag for tag, _ in parser.found] == ["a"]
    assert unquote(parser.found[0][1]["href"]) == f"https://doi.org/{doi}"


def test_the_review_sheet_links_each_reference():
    spec = importlib.util.spec_from_file_location("build_review_links", ROOT / "scripts" / "build_review.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.render_html()
    hrefs = {unquote(h) for h in re.findall(r'href="([^"]+)"', page.replace("&amp;", "&"))}
    for ref in il.references():
        if ref.doi:
            assert f"https://doi.org/{ref.doi}" in hrefs, ref.key
        if ref.pmid:
            assert f'href="https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"' in page, ref.key
    assert "text-decoration: underline" in page  # told apart from the text by more than colour


def test_the_websites_reference_page_links_each_reference():
    spec = importlib.util.spec_from_file_location("build_site_links", ROOT / "scripts" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.references_page()
    targets = {unquote(t) for t in re.findall(r"\]\((https?://[^)\s]+)\)", page)}
    for ref in il.references():
        if ref.pmid:
            assert f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" in targets, ref.key
        if ref.doi:
            assert f"https://doi.org/{ref.doi}" in targets, ref.key
        if ref.url:
            assert unquote(ref.url) in targets, ref.key  # the targets are compared unquoted
