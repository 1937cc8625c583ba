"""The guideline trail (guideline_trail.json): for each red flag, the one or two
sentences of a guideline behind its level, each with its reference, address and
the date it was read; or, until they are read, what is missing."""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

from .models import GuidelineTrail, TrailQuote
from .reader import _Bad, _File, _list, _text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEB = re.compile(r"^https?://[^/\s:]+(:\d+)?(/\S*)?$")


def _trail_quote(value: Any, ref_keys: set[str] | None) -> TrailQuote:
    required = {"text", "reference", "url", "read"}
    if not isinstance(value, dict) or not required <= set(value) <= required | {"reproduced_by"}:
        raise _Bad("each quote needs exactly 'text', 'reference', 'url' and 'read' (and may add 'reproduced_by')")
    text, ref = _text(value["text"]), _text(value["reference"])
    # Words read on a copy, not on the issuer's own site, say so in the record itself.
    reproduced_by = _text(value["reproduced_by"]) if "reproduced_by" in value else None
    if ref_keys is not None and ref not in ref_keys:
        raise _Bad(f"quote cites unknown reference {ref!r}")
    url, read = value["url"], value["read"]
    if not isinstance(url, str) or not _WEB.match(url):
        raise _Bad(f"'url' {url!r} is not an http(s) address")
    try:
        if not isinstance(read, str) or not _ISO_DATE.match(read):
            raise ValueError
        datetime.date.fromisoformat(read)
    except ValueError:
        raise _Bad(f"'read' {read!r} is not an ISO date (YYYY-MM-DD)") from None
    return TrailQuote(text, ref, url, read, reproduced_by)


def _trail_entries(directory, ref_keys: set[str], flag_keys: set[str]) -> tuple[_File, tuple[GuidelineTrail, ...]]:
    """Every entry of guideline_trail.json, checked: it names a red flag, and
    each quote cites a reference in references.json."""
    file = _File(directory, "guideline_trail.json")
    entries = []
    for key, rec in file.records("trail"):
        extra = sorted(set(rec) - {"key", "quotes", "pending", "note"})
        if extra or "quotes" not in rec:
            raise file.fail(key, "fields are: key, quotes, pending and note (both optional)")
        note = rec.get("note")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            raise file.fail(key, "field 'note': must be non-empty text")
        if key not in flag_keys:
            raise file.fail(key, "names no red flag in red_flags.json")
        try:
            quotes = tuple(_trail_quote(q, ref_keys) for q in _list(rec["quotes"], "list of quotes"))
        except _Bad as exc:
            raise file.fail(key, f"field 'quotes': {exc}") from None
        pending = rec.get("pending")
        if len(quotes) > 2:
            raise file.fail(key, "field 'quotes': one or two sentences of the guideline, not more")
        if not quotes and not (isinstance(pending, str) and pending.strip()):
            raise file.fail(key, "no quote yet: say in 'pending' what is missing and what was searched")
        if quotes and pending is not None:
            raise file.fail(key, "field 'pending': only for an entry without quotes")
        entries.append(GuidelineTrail(key, quotes, pending, note))
    return file, tuple(entries)


def _attach_trail(file: _File, flags, entries) -> tuple:
    """Each flag with its trail; a flag without one is refused."""
    by_key = {e.key: e for e in entries}
    missing = [f.key for f in flags if f.key not in by_key]
    if missing:
        raise file.fail(missing[0], "missing: every red flag needs the guideline words behind its level")
    return tuple(dataclasses.replace(f, trail=by_key[f.key]) for f in flags)
