"""A reference's citation with its identifiers as links: the DOI to
https://doi.org/, the PMID to PubMed, and a page's address to itself.

One splitting of the citation text, written out as Markdown (the lessons'
reference lists, the website) or HTML (the review sheet); every piece of
text from the data is escaped for the format it goes into. Standard library only.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from .models import Reference

__all__ = ["doi_url", "pubmed_url", "reference_url", "citation_parts", "citation_markdown", "citation_html"]


def doi_url(doi: str) -> str:
    # '/' separates a DOI's prefix from its suffix and stays; '#', '?', '%', '<', '>' and the like are encoded
    return "https://doi.org/" + quote(doi, safe="/:;._-~")


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{quote(pmid, safe='')}/"


def pmc_url(pmcid: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{quote(pmcid, safe='')}/"


def reference_url(ref: Reference) -> str | None:
    """The one address to follow for a reference: DOI, else PubMed, else its page."""
    if ref.doi:
        return doi_url(ref.doi)
    if ref.pmid:
        return pubmed_url(ref.pmid)
    return ref.url or None


def citation_parts(ref: Reference) -> list[tuple[str, str | None]]:
    """The citation as (text, address) pieces: address None for plain text."""
    text = ref.citation
    links = []
    if ref.doi:
        links.append((f"doi:{ref.doi}", doi_url(ref.doi)))
    if ref.pmid:
        links.append((f"PMID: {ref.pmid}", pubmed_url(ref.pmid)))
    if ref.pmcid:
        links.append((f"PMCID: {ref.pmcid}", pmc_url(ref.pmcid)))
    if ref.url:
        links.append((ref.url, ref.url))
    parts: list[tuple[str, str | None]] = []
    at = 0
    for label, address in links:
        # the identifiers come last, in this order (models.Reference.citation)
        found = text.rfind(label)
        if found < at:
            continue
        if found > at:
            parts.append((text[at:found], None))
        parts.append((label, address))
        at = found + len(label)
    if at < len(text):
        parts.append((text[at:], None))
    return parts


# only what could end the link text or start emphasis, code or an image inside it;
# brackets, hashes and braces in a DOI are left as they are, so the raw Markdown reads
_MD_SPECIAL = re.compile(r"([\\`*_\[\]!|~<>])")


def _md_label(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


_MD_URL_ESCAPES = {" ": "%20", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29", "\n": "", "\r": ""}


def _md_destination(address: str) -> str:
    # a plain CommonMark destination: no space, no bracket that could end it early; no <...>
    # form either, which a reader of the Markdown as HTML would take for a tag
    return "".join(_MD_URL_ESCAPES.get(c, c) for c in address)


def citation_markdown(ref: Reference, plain=None) -> str:
    """The citation in Markdown; ``plain`` renders the text between links
    (default: HTML-escaped, so markup in the data is shown, never run)."""
    plain = plain or (lambda t: html.escape(t, quote=False))
    # each link in italics: told apart from the citation around it by more than
    # colour wherever the Markdown is shown (JupyterLab, nbconvert and GitHub do
    # not underline links; WCAG 1.4.1, axe link-in-text-block)
    return "".join(
        f"*[{_md_label(text)}]({_md_destination(address)})*" if address else plain(text)
        for text, address in citation_parts(ref)
    )


def citation_html(ref: Reference) -> str:
    return "".join(
        f'<a href="{html.escape(address)}">{html.escape(text)}</a>' if address else html.escape(text)
        for text, address in citation_parts(ref)
    )
