"""Load the course content from ``data/``: one function per file, then the
cross-references between files, checked and resolved once.

A broken file fails loudly on load with an error naming the file and the key,
never later as a wrong sentence or an empty figure.
"""

from __future__ import annotations

import dataclasses
from importlib import resources
from typing import Any

from .constants import AGE_BANDS
from .models import (
    DIAGRAMS,
    REGION_SIDES,
    SYMPTOM_ORDER,
    VIEWS,
    Claim,
    Collection,
    Content,
    ContentError,
    ExamTest,
    Fact,
    FigureText,
    GroinEntity,
    ImagingUse,
    LaterSign,
    Mechanism,
    Muscle,
    NerveSign,
    Part,
    RedFlag,
    Region,
    RehabPrinciple,
    Symptom,
    UrgencyLevel,
    _union_refs,
)
from .reader import (
    _action,
    _age_bands,
    _Bad,
    _call_now,
    _choice,
    _escalation,
    _fact,
    _facts,
    _File,
    _flag,
    _grade,
    _keys,
    _known,
    _list,
    _moves_up,
    _nonempty,
    _now_wording,
    _pain_area,
    _phrases,
    _refs,
    _signs,
    _text,
)
from .case_loader import load_cases
from .cases import case_references
from .exam_checks import hip_flexion_test_problems
from .flag_links import _check_flag_links, _check_mechanism_flags
from .references import _reference
from .region_rules import _check_region_causes, _region_flags
from .trail_loader import _attach_trail, _trail_entries

__all__ = ["data_directory", "load", "course"]

_PART_FIELDS = ("origin_parts", "insertion_parts", "nerve_parts", "anatomy_parts")


def data_directory():
    """The packaged data folder (a Traversable)."""
    return resources.files("iliopsoas_lessons") / "data"


def _top_fact(file: _File, name: str) -> Fact:
    try:
        return _fact(file.data.get(name))
    except _Bad as exc:
        raise ContentError(f"{file.name}: {name}: {exc}") from None


def _urgency(directory) -> tuple[_File, tuple[UrgencyLevel, ...]]:
    file = _File(directory, "urgency.json")
    levels = tuple(
        dataclasses.replace(
            # 'now' is optional in the file (only a level that a flag can go now at has it)
            file.build(
                UrgencyLevel, k, {"now": None, **r}, {"references": _refs, "now": _now_wording}, optional=("rank",)
            ),
            rank=i,
        )
        for i, (k, r) in enumerate(file.records("levels"))
    )
    return file, levels


def _regions(directory) -> tuple[_File, tuple[Region, ...], Fact]:
    file = _File(directory, "regions.json")
    regions = []
    for key, rec in file.records("regions"):
        if "red_flags" in rec:  # one place for region-flag links (review round 40, D minor 4)
            raise file.fail(
                key,
                "field 'red_flags' is not kept here: a region's flags are the red_flags.json flags "
                "that name it in their 'regions'",
            )
        region = file.build(
            Region,
            key,
            rec,
            {"view": _choice(VIEWS), "side": _choice(REGION_SIDES), "references": _refs},
            optional=("red_flags",),
        )
        expected = region.zone if region.side == "midline" else f"{region.zone}_{region.side}"
        if key != expected:
            raise file.fail(key, f"key must be {expected!r} (zone and side)")
        regions.append(region)
    keys = {r.key for r in regions}
    for region in regions:
        if region.mirror not in keys:
            raise file.fail(region.key, f"no mirror region {region.mirror!r}")
    return file, tuple(regions), _top_fact(file, "outline")


def _muscles(directory, part_keys: set[str]) -> tuple[_File, tuple[Muscle, ...]]:
    file = _File(directory, "muscles.json")
    convert = {
        **{n: _fact for n in ("summary", "origin", "insertion", "nerve_supply", "blood_supply")},
        "actions": lambda v: tuple(_action(a) for a in _nonempty(v)),
        "relations": _facts,
        **{n: _keys for n in _PART_FIELDS},
    }
    muscles = tuple(file.build(Muscle, k, r, convert) for k, r in file.records("muscles"))
    for m in muscles:
        for name in _PART_FIELDS:
            _known(file, m.key, name, getattr(m, name), part_keys, "anatomy part")
    return file, muscles


def _later_signs(value: Any) -> tuple[LaterSign, ...]:
    """A mechanism's later signs: each an object with exactly a 'flag' and a non-empty 'when'."""
    out = []
    for i, item in enumerate(_list(value)):
        if not isinstance(item, dict) or set(item) != {"flag", "when"}:
            raise _Bad(f"item {i}: each item must be an object with exactly 'flag' and 'when'")
        for name in ("flag", "when"):
            if not isinstance(item[name], str) or not item[name].strip():
                raise _Bad(f"item {i}: {name!r} must be non-empty text")
        out.append(LaterSign(_text(item["flag"]), _text(item["when"])))
    if len({s.flag for s in out}) != len(out):
        raise _Bad("names a red flag twice")
    return tuple(out)


def _mechanisms(directory, part_keys: set[str], levels: tuple[str, ...]) -> tuple[_File, tuple[Mechanism, ...]]:
    file = _File(directory, "mechanisms.json")
    convert = {
        "urgency": _choice(levels),
        "red_flags": _keys,
        "escalates_to": _moves_up,
        "later_signs": _later_signs,
        "summary": _fact,
        "triggers": _facts,
        "grades": lambda v: tuple(_grade(g) for g in _list(v)),
        "features": _facts,
        "anatomy_parts": _keys,
        "ages": _age_bands,
    }
    mechanisms = tuple(file.build(Mechanism, k, r, convert) for k, r in file.records("mechanisms"))
    for m in mechanisms:
        _known(file, m.key, "anatomy_parts", m.anatomy_parts, part_keys, "anatomy part")
        if not m.ages:
            raise file.fail(m.key, f"field 'ages': name the age bands that can reach it ({', '.join(AGE_BANDS)})")
    return file, mechanisms


def _claims(directory) -> tuple[_File, tuple[Claim, ...]]:
    file = _File(directory, "claims.json")
    verdicts = file.data.get("verdicts")
    if not isinstance(verdicts, list) or not verdicts or not all(isinstance(v, str) for v in verdicts):
        raise ContentError("claims.json: verdicts: must be a non-empty list of text")
    claims = tuple(
        file.build(Claim, k, r, {"verdict": _choice(tuple(verdicts)), "references": _refs})
        for k, r in file.records("claims")
    )
    return file, claims


def _check_symptom(file: _File, s: Symptom, region_keys: set[str]) -> None:
    pattern_regions = [a.region for a in s.pattern]
    if len(set(pattern_regions)) != len(pattern_regions):
        raise file.fail(s.key, "field 'pattern' lists a region twice")
    for name, keys in (
        ("pattern", pattern_regions),
        ("article_regions", s.article_regions),
        ("contrast_regions", s.contrast_regions),
    ):
        _known(file, s.key, name, keys, region_keys, "region")
        for key in keys:
            if key.endswith("_right"):
                raise file.fail(s.key, f"field {name!r}: {key!r}: patterns are written for the patient's left")
    if s.diagram == "body_map" and not s.pattern:
        raise file.fail(s.key, "a body-map symptom needs at least one pattern region")
    if s.pattern and not any(a.role == "source" for a in s.pattern):
        raise file.fail(s.key, "pattern has no 'source' region")


def _symptoms(directory, region_keys: set[str], mechanisms, claims) -> tuple[_File, tuple[Symptom, ...]]:
    file = _File(directory, "symptoms.json")
    convert = {
        "feel": _fact,
        "pattern": lambda v: tuple(_pain_area(a) for a in _list(v)),
        "article_regions": _keys,
        "contrast_regions": _keys,
        "provoked_by": _facts,
        "why": _fact,
        "warning_flags": _keys,
        "mechanisms": _keys,
        "claims": _keys,
        "diagram": _choice(DIAGRAMS),
    }
    claims_by_key = {c.key: c for c in claims}
    symptoms = []
    for k, r in file.records("symptoms"):
        s = file.build(Symptom, k, r, convert, optional=("claim_references",))
        _check_symptom(file, s, region_keys)
        _known(file, s.key, "mechanisms", s.mechanisms, {m.key for m in mechanisms}, "mechanism")
        _known(file, s.key, "claims", s.claims, set(claims_by_key), "claim")
        refs = _union_refs([claims_by_key[c] for c in s.claims])  # resolved now, never looked up later
        symptoms.append(dataclasses.replace(s, claim_references=refs))
    if tuple(s.key for s in symptoms) != SYMPTOM_ORDER:
        raise ContentError(f"symptoms.json: symptoms must be, in this order: {', '.join(SYMPTOM_ORDER)}")
    return file, tuple(symptoms)


def _red_flags(directory, region_keys: set[str], levels: tuple[str, ...], now_levels: tuple[str, ...]):
    file = _File(directory, "red_flags.json")
    convert = {
        "signs": _signs,
        "reason": _fact,
        "urgency": _choice(levels),
        "regions": _keys,
        "symptoms": _keys,
        "mechanisms": _keys,
        "shown_with": _keys,
        "every_mechanism_for": _age_bands,
        "named_by": _phrases,
        "escalation": _escalation(levels),
        "go_now": _flag,
        "call_now": _call_now,
    }
    # 'go_now' is optional in the file: false unless the flag's guideline asks for now;
    # 'shown_with' is optional: no look-alike that must be shown beside it;
    # 'named_by' is optional: no phrase that names the flag's trigger
    records = file.records("red_flags")
    flags = tuple(
        file.build(
            RedFlag,
            k,
            {"go_now": False, "call_now": None, "shown_with": [], "every_mechanism_for": [], "named_by": [], **r},
            convert,
            optional=("trail",),
        )
        for k, r in records
    )
    for f in flags:
        _known(file, f.key, "regions", f.regions, region_keys, "region")
        # the start page's box lists the emergency signs only (text.show_call_now)
        if f.call_now is not None and f.urgency != levels[0]:
            raise file.fail(f.key, f"field 'call_now': only a flag at level {levels[0]!r} has one, not {f.urgency!r}")
        if f.call_now is None and f.urgency == levels[0]:
            raise file.fail(
                f.key, f"field 'call_now': a flag at level {levels[0]!r} needs one, for the start page's box"
            )
        if f.escalation and levels.index(f.escalation.urgency) >= levels.index(f.urgency):
            raise file.fail(f.key, "field 'escalation': must be more urgent than the flag's own level")
        if f.go_now and f.urgency not in now_levels:
            raise file.fail(
                f.key,
                f"field 'go_now': level {f.urgency!r} has no 'now' wording in urgency.json; "
                f"a flag can go now only at: {', '.join(now_levels) or 'no level'}",
            )
    return file, flags, _top_fact(file, "caveat")


def _check_superseded(file: _File, references) -> None:
    """A 'superseded_by' written as a key must name a reference here."""
    keys = {r.key for r in references}
    for r in references:
        if r.superseded_by and " " not in r.superseded_by and r.superseded_by not in keys:
            raise file.fail(
                r.key,
                f"field 'superseded_by': unknown reference {r.superseded_by!r} "
                "(give a key from references.json, or a full citation)",
            )


_TEST_FIELDS = {"finding": _fact, "accuracy": _fact, "contested": _flag}


def _examination(directory):
    file = _File(directory, "examination.json")
    entities = tuple(file.build(GroinEntity, k, r, {"criteria": _fact}) for k, r in file.records("entities"))
    tests = tuple(file.build(ExamTest, k, r, _TEST_FIELDS) for k, r in file.records("tests"))
    nerve_tests = tuple(file.build(ExamTest, k, r, _TEST_FIELDS) for k, r in file.records("nerve_tests"))
    signs = tuple(
        file.build(NerveSign, k, r, {"nerve": _fact, "root": _fact, "nerve_flags": _keys, "root_flags": _keys})
        for k, r in file.records("nerve_or_root")
    )
    problems = hip_flexion_test_problems(nerve_tests)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ContentError(f"{problems[0]}{more}")
    return (
        file,
        entities,
        tests,
        _top_fact(file, "classification_note"),
        nerve_tests,
        signs,
        _top_fact(file, "nerve_or_root_note"),
    )


def _care(directory):
    file = _File(directory, "care.json")
    imaging = tuple(
        file.build(ImagingUse, k, r, {"answers": _fact, "limits": _fact}) for k, r in file.records("imaging")
    )
    rehab = tuple(
        file.build(RehabPrinciple, k, r, {"principle": _fact, "evidence": _fact, "contested": _flag})
        for k, r in file.records("rehabilitation")
    )
    return file, imaging, rehab


def _figure_texts(directory, mechanisms) -> tuple[_File, tuple[FigureText, ...]]:
    file = _File(directory, "figure_text.json")
    texts = tuple(file.build(FigureText, k, r, {"references": _refs}) for k, r in file.records("texts"))
    keys = {t.key for t in texts}
    missing = [f"mechanism_{m.key}" for m in mechanisms if f"mechanism_{m.key}" not in keys]
    if missing:
        raise file.fail(missing[0], "missing: every mechanism's picture needs its note")
    return file, texts


def _check_citations(ref_file: _File, references, cited_by: list[tuple[_File, list]], cases=()) -> None:
    """Every cited key must resolve, and every reference must be cited somewhere
    (the cases' citations count; the case loader has checked that they resolve)."""
    known = {r.key for r in references}
    cited: set[str] = {ref for case in cases for ref in case_references(case)}
    for file, items in cited_by:
        for key, refs in items:
            for ref in refs:
                if ref not in known:
                    raise file.fail(key, f"cites unknown reference {ref!r}")
                cited.add(ref)
    unused = [r.key for r in references if r.key not in cited]
    if unused:
        raise ref_file.fail(unused[0], "reference is never cited")


# fmt: off
def load(directory: Any = None) -> Content:
    """Read, check and return all course content from ``directory``.

    ``directory`` defaults to the package's own data; tests pass a copy to
    check that broken files are refused.
    """
    directory = data_directory() if directory is None else directory
    ref_file = _File(directory, "references.json")
    references = tuple(_reference(ref_file, k, r) for k, r in ref_file.records("references"))
    _check_superseded(ref_file, references)
    urgency_file, urgency = _urgency(directory)
    levels = tuple(level.key for level in urgency)
    region_file, regions, outline = _regions(directory)
    region_keys = {r.key for r in regions}
    part_file = _File(directory, "anatomy_parts.json")
    parts = tuple(part_file.build(Part, k, r, {}) for k, r in part_file.records("parts"))
    part_keys = {p.key for p in parts}
    muscle_file, muscles = _muscles(directory, part_keys)
    mech_file, mechanisms = _mechanisms(directory, part_keys, levels)
    claim_file, claims = _claims(directory)
    symptom_file, symptoms = _symptoms(directory, region_keys, mechanisms, claims)
    now_levels = tuple(level.key for level in urgency if level.now is not None)
    flag_file, red_flags, caveat = _red_flags(directory, region_keys, levels, now_levels)
    ref_keys, flag_keys = {r.key for r in references}, {f.key for f in red_flags}
    regions = _region_flags(region_file, regions, red_flags)
    trail_file, trail = _trail_entries(directory, ref_keys, flag_keys)
    red_flags = _attach_trail(trail_file, red_flags, trail)
    (exam_file, groin_entities, exam_tests, groin_note, nerve_tests, nerve_or_root,
     nerve_note) = _examination(directory)
    care_file, imaging, rehabilitation = _care(directory)
    figure_file, figure_texts = _figure_texts(directory, mechanisms)
    _check_mechanism_flags(mech_file, mechanisms, red_flags, levels)
    _check_flag_links(symptom_file, symptoms, exam_file, nerve_or_root, red_flags, urgency, mechanisms, claims)
    _check_region_causes(region_file, regions)
    content = Content(
        references=Collection("reference", references), regions=Collection("region", regions),
        parts=Collection("anatomy part", parts), muscles=Collection("muscle", muscles),
        mechanisms=Collection("mechanism", mechanisms), claims=Collection("claim", claims),
        symptoms=Collection("symptom", symptoms), red_flags=Collection("red flag", red_flags),
        urgency=Collection("urgency level", urgency),
        groin_entities=Collection("groin pain category", groin_entities),
        exam_tests=Collection("examination test", exam_tests), groin_note=groin_note,
        figure_texts=Collection("figure text", figure_texts), red_flag_caveat=caveat, body_map_source=outline,
        nerve_tests=Collection("nerve examination test", nerve_tests),
        nerve_or_root=Collection("nerve-or-root finding", nerve_or_root), nerve_or_root_note=nerve_note,
        imaging=Collection("imaging method", imaging), rehabilitation=Collection("rehabilitation principle", rehabilitation),
    )
    cases = load_cases(directory, content)
    _check_citations(ref_file, references, [
        (region_file, [(r.key, r.references) for r in regions] + [("outline", outline.references)]),
        (muscle_file, [(m.key, m.references) for m in muscles]),
        (mech_file, [(m.key, m.references) for m in mechanisms]),
        (claim_file, [(c.key, c.references) for c in claims]),
        (symptom_file, [(s.key, _union_refs([s.feel, *s.provoked_by, s.why])) for s in symptoms]),
        (flag_file, [(f.key, f.references) for f in red_flags] + [("caveat", caveat.references)]),
        (urgency_file, [(level.key, level.references) for level in urgency]),
        (trail_file, [(t.key, tuple(q.reference for q in t.quotes)) for t in trail]),
        (figure_file, [(t.key, t.references) for t in figure_texts]),
        (exam_file, [(x.key, x.references) for x in (*groin_entities, *exam_tests, *nerve_tests, *nerve_or_root)]
         + [("classification_note", groin_note.references), ("nerve_or_root_note", nerve_note.references)]),
        (care_file, [(x.key, x.references) for x in (*imaging, *rehabilitation)]),
    ], cases)
    return dataclasses.replace(content, cases=cases)
# fmt: on


_COURSE: Content | None = None


def course() -> Content:
    """The package's own content, loaded and checked once."""
    global _COURSE
    if _COURSE is None:
        _COURSE = load()
    return _COURSE
