"""The printed virtual-patient cases (scripts/build_handouts.py, scripts/_case_sheets.py):
a student sheet that leaks no answer and a teacher's debrief that holds every
essential item and the right decision. Every case of the package and the
report's small test case are checked; the expectations come from the raw case
files, not from the sheets' code."""

from __future__ import annotations

import json
import re
import runpy
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_handouts.py"
FILES = sorted((ROOT / "iliopsoas_lessons" / "data" / "cases").glob("*.json")) + [
    ROOT / "tests" / "data" / "cases" / "report" / "report_groin_runner.json"
]
# what a verdict or a mark would print as; none may reach a student
ANSWER_WORDS = ("essential", "unnecessary", "verdict", "best", "acceptable", "unsafe", "debrief", "feedback")


@pytest.fixture(scope="module")
def build():
    return runpy.run_path(str(SCRIPT))


def _case(path: Path):
    import iliopsoas_lessons as il
    from iliopsoas_lessons.content.case_loader import load_case_file

    return load_case_file(path, il.course())


def _text(page: str) -> str:
    page = re.sub(r"<(style|title)>.*?</\1>", " ", page, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sheets(build, path: Path) -> tuple[dict, str, str]:
    import iliopsoas_lessons as il

    sheets = build["case_sheets"]
    case, course = _case(path), il.course()
    raw = json.loads(path.read_text(encoding="utf-8"))
    return (
        raw,
        sheets.student_sheet_html(case, course, build["CSS"]),
        sheets.debrief_sheet_html(case, course, build["CSS"]),
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_student_sheet_leaks_no_answer(build, path):
    raw, student, _ = _sheets(build, path)
    text = _text(student)
    # the words a verdict or a mark prints as appear no more often than in what the learner must read
    # anyway (an option's advice may say "some discomfort is acceptable")
    shown = " ".join(
        [raw["title"], raw["presenting"]]
        + [x for st in raw["steps"] for x in (st["title"], st.get("prompt", ""))]
        + [i["label"] for st in raw["steps"] for i in st.get("items", [])]
        + [o[k] for st in raw["steps"] for o in st.get("options", []) for k in ("destination", "advice")]
    )
    for word in ANSWER_WORDS:
        count = len(re.findall(rf"\b{word}\b", text, re.I))
        assert count <= len(re.findall(rf"\b{word}\b", shown, re.I)), word
    hidden = [raw["teacher_notes"], raw["answer"]["why"]]
    for step in raw["steps"]:
        for thing in (*step.get("items", []), *step.get("moves", []), *step.get("options", [])):
            hidden.append(thing["feedback"])
            hidden += [thing[k] for k in ("finding", "shows") if k in thing]
        if step["kind"] == "event":
            hidden.append(step["text"])
    for secret in hidden:
        assert _flat(secret) not in text, secret[:60]
    for rule in raw.get("rules", []):
        assert _flat(rule["then"]["message"]) not in text
    # what the learner needs to play on paper is there: the story, each first-path step's prompt and choices
    assert _flat(raw["presenting"]) in text
    first = next(s for s in raw["steps"] if s["key"] == raw["start"])
    assert _flat(first["prompt"]) in text and all(_flat(i["label"]) in text for i in first["items"])
    decision = next(s for s in raw["steps"] if s["kind"] == "decision")
    assert all(_flat(o["destination"]) in text for o in decision["options"])
    assert student.count('class="lines"') >= 3


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_debrief_holds_every_essential_item_and_the_right_decision(build, path):
    import iliopsoas_lessons as il

    from iliopsoas_lessons.content.cases import case_level

    raw, _, debrief = _sheets(build, path)
    text = _text(debrief)
    case = _case(path)
    items = [i for s in raw["steps"] for i in s.get("items", [])]
    essential = [i for i in items if i.get("essential")]
    assert essential, "a case with nothing essential would make this test empty"
    for item in essential:
        assert f"[ESSENTIAL] {_flat(item['label'])}" in text, item["key"]
    for item in (i for i in items if i.get("unnecessary")):
        assert f"[UNNECESSARY] {_flat(item['label'])}" in text, item["key"]
    options = {o.key: o for s in case.steps for o in s.options}
    for step in raw["steps"]:
        for o in step.get("options", []):
            # a go-now flag's own label, except beside an unsafe option (round 25, C minor 4)
            level = case_level(case, o["urgency"], il.course(), options[o["key"]]).label
            assert f"[{o['verdict'].upper()}] {level}: {_flat(o['destination'])}" in text, o["key"]
    right = text.split("The right decision and why", 1)[1].split("Essential items", 1)[0]
    assert case_level(case, raw["answer"]["urgency"], il.course()).label in right
    assert _flat(raw["answer"]["why"]) in right
    best = [o for s in raw["steps"] for o in s.get("options", []) if o["verdict"] == "best"]
    assert best and all(_flat(o["destination"]) in right for o in best)
    assert _flat(raw["teacher_notes"]) in text
    for thing in (t for s in raw["steps"] for k in ("items", "moves", "options") for t in s.get(k, [])):
        assert _flat(thing["feedback"]) in text, thing["key"]
    refs = text.split("References", 1)[1]
    for key in raw["references"]:
        assert il.course().references[key].title[:40] in unescape(refs), key


def test_every_case_gets_both_sheets_beside_the_handouts_and_keys(tmp_path):
    import iliopsoas_lessons as il

    names = [f"case_{c.key}" for c in il.course().cases]
    assert names
    run = subprocess.run(
        [sys.executable, str(SCRIPT), *names, "--html-only", "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    for name in names:
        assert (tmp_path / f"{name}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert "debrief" in (tmp_path / f"{name}-answers.html").read_text(encoding="utf-8")


def test_an_unknown_case_sheet_names_the_choices(tmp_path):
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "case_nobody", "--html-only", "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode != 0 and "case_dancer_snapping_hip" in run.stderr


def test_the_printed_best_decision_is_not_always_first(build):
    """Clinical review round 10, M-9: the student sheet printed the best option first in every case."""
    places = []
    for path in FILES:
        raw, student, _ = _sheets(build, path)
        text = _text(student)
        for step in (
            s for s in raw["steps"] if s["kind"] == "decision" and _flat(s["options"][0]["destination"]) in text
        ):
            at = {o["key"]: text.index(_flat(o["destination"])) for o in step["options"]}
            best = next(o["key"] for o in step["options"] if o["verdict"] == "best")
            places.append(sorted(at, key=at.get).index(best))
    assert places and any(p != 0 for p in places), places


def test_the_debrief_names_the_right_level_of_a_second_decision_step(build):
    """Round 12, m-1: after the sepsis branch the right level is Emergency, not the first answer's Same day."""
    import iliopsoas_lessons as il

    path = ROOT / "iliopsoas_lessons" / "data" / "cases" / "psoas_abscess_injects.json"
    raw, _, debrief = _sheets(build, path)
    right = _text(debrief).split("The right decision and why", 1)[1].split("Red flag", 1)[0]
    septic = next(s for s in raw["steps"] if s["key"] == "decision_septic")
    best = next(o for o in septic["options"] if o["verdict"] == "best")
    assert best["urgency"] != raw["answer"]["urgency"]
    assert f"Level at {septic['title']} {il.urgency_level(best['urgency']).label}" in right


GO_NOW_CASES = ("psoas_abscess_injects", "teen_kick_avulsion", "groin_after_hip_replacement")


def _listed(o: dict) -> str:
    """The label an option (a raw case record) is listed under, worked out here from the data:
    its level's 'now' wording from urgency.json where its destination's opening words (before
    the first comma, colon, semicolon or full stop) say now, else the level's plain label."""
    import iliopsoas_lessons as il

    level = il.urgency_level(o["urgency"])
    opening = re.split(r"[,:;.]", o["destination"], maxsplit=1)[0]
    says_now = re.search(r"\bnow\b", opening, re.I) and not re.search(r"\bnot now\b", opening, re.I)
    return level.now.label if says_now and level.now is not None else level.label


@pytest.mark.parametrize("key", GO_NOW_CASES)
def test_a_go_now_flags_case_shows_the_go_now_label_after_the_choice_and_the_destinations_label_before(build, key):
    """Round 24, C minor 1: the right level beside a flag that goes now is the flag's own
    "Same day (go now)" (debrief, the player's answer). Round 27, C minor 4: before the choice
    (student sheet, the player's option buttons, the class report's branches) no label may
    depend on the verdict. Round 56, C Mi-1: an option whose destination sends the person now
    is listed under the level's 'now' wording, the rest under the plain label, so the label
    beside the hospital-now option no longer reads like the GP-today one."""
    import iliopsoas_lessons as il
    from iliopsoas_lessons.report.paths import _level_label
    from iliopsoas_lessons.widgets.cases import player_case

    path = ROOT / "iliopsoas_lessons" / "data" / "cases" / f"{key}.json"
    raw, student, debrief = _sheets(build, path)
    flag = il.course().red_flags[raw["answer"]["red_flag"]]
    assert flag.go_now and flag.urgency == raw["answer"]["urgency"] == "same_day"
    now = il.urgency_level("same_day").now.label
    plain = il.urgency_level("same_day").label
    assert "(go now)" not in plain and plain != now
    right = _text(debrief).split("The right decision and why", 1)[1].split("Red flag", 1)[0]
    assert f"Level {now}" in right
    # the student sheet: every option printed with the label its destination gives it
    text = _text(student)
    on_paper = {s.key for s in build["case_sheets"]._played_on_paper(_case(path))}
    labels = set()
    for step in raw["steps"]:
        for o in step.get("options", ()) if step["key"] in on_paper else ():
            assert f"{_flat(o['destination'])} ({_listed(o)})." in text, o["key"]
            labels.add((o["urgency"], o["verdict"], _listed(o)))
    # the case's best option goes now and is listed so; a same-day option that does not go now
    # (the psoas case's GP slot, the teen case's urgent treatment centres) keeps the plain label
    assert ("same_day", "best", now) in labels, labels
    if key != "groin_after_hip_replacement":  # its only same-day options both go now
        assert ("same_day", "unsafe", plain) in labels, labels
    played = player_case(_case(path), il.course(), seed=0)
    assert played["answer"]["label"] == now
    case = _case(path)
    for step in played["steps"]:
        for o in step.get("options", ()):
            label = _listed(o)
            assert o["urgency_label"] == label and o["label"] == f"{label}: {o['destination']}", o["key"]
            # the class report names the option as the button did
            assert _level_label(case, case.choice(o["key"]), il.course()) == label


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_label_listed_before_the_choice_differs_between_options_of_one_level_and_timing(build, path):
    """Round 27, C minor 4, for every case: on the student sheet and the player's buttons,
    options at one level whose destinations agree on going now share one label, so no label
    tells a safe option from an unsafe one; the label is the one the destination gives
    (round 56, C Mi-1), the same on paper, on the button and in the debrief."""
    import iliopsoas_lessons as il
    from iliopsoas_lessons.widgets.cases import player_case

    _, student, debrief = _sheets(build, path)
    text = _text(student)
    on_paper = {s.key for s in build["case_sheets"]._played_on_paper(_case(path))}
    labels_by_level: dict[tuple[str, str], set[str]] = {}
    for step in player_case(_case(path), il.course(), seed=0)["steps"]:
        for o in step.get("options", ()):
            group = (o["urgency"], _listed(o))
            labels_by_level.setdefault(group, set()).add(o["urgency_label"])
            if step["key"] not in on_paper:  # a step reached only through an event is not printed
                continue
            printed = re.search(re.escape(_flat(o["destination"])) + r" \(([^)]*(?:\([^)]*\))?)\)\.", text)
            assert printed, o["key"]
            labels_by_level[group].add(printed.group(1))
    assert labels_by_level and all(labels == {group[1]} for group, labels in labels_by_level.items()), labels_by_level


def test_an_options_listed_label_follows_its_destination_and_never_its_verdict():
    """Round 56, C Mi-1: the label comes from the destination's opening words and the level's
    'now' wording in urgency.json; planting another verdict, or a destination that no longer
    says now, changes the label only in the second case."""
    import dataclasses

    import iliopsoas_lessons as il
    from iliopsoas_lessons.content.cases import case_level, listed_level

    course = il.course()
    case = _case(ROOT / "iliopsoas_lessons" / "data" / "cases" / "psoas_abscess_injects.json")
    best = case.choice("dec_hospital_today")
    gp = case.choice("dec_gp_today")
    now, plain = course.urgency["same_day"].now.label, course.urgency["same_day"].label
    assert listed_level(case, "same_day", course, best).label == now
    assert listed_level(case, "same_day", course, gp).label == plain
    for verdict in ("best", "acceptable", "over", "unsafe"):
        assert listed_level(case, "same_day", course, dataclasses.replace(best, verdict=verdict)).label == now
        assert listed_level(case, "same_day", course, dataclasses.replace(gp, verdict=verdict)).label == plain
    later = dataclasses.replace(best, destination="Hospital later today, by appointment: " + best.destination)
    assert listed_level(case, "same_day", course, later).label == plain
    assert listed_level(case, "same_day", course, dataclasses.replace(gp, destination="Not now: a GP")).label == plain
    # a level with no 'now' wording keeps its label, whatever the destination says
    taxi = case.choice("dec_septic_taxi")
    assert "now" in taxi.destination and listed_level(case, "emergency", course, taxi).label == "Emergency now"
    # after the choice (feedback, debrief) the option keeps the label it was listed under
    for option in case.options:
        assert case_level(case, option.urgency, course, option) == listed_level(case, option.urgency, course, option)
    # without an option: the plain label
    assert listed_level(case, "same_day", course).label == plain


def test_a_case_without_go_now_shows_the_plain_label():
    import dataclasses

    import iliopsoas_lessons as il
    from iliopsoas_lessons.content.cases import case_level
    from iliopsoas_lessons.content.collection import Collection

    course = il.course()
    case = _case(ROOT / "iliopsoas_lessons" / "data" / "cases" / "psoas_abscess_injects.json")
    assert case_level(case, "same_day", course).label == "Same day (go now)"
    # the same case with its flag's go_now planted off shows the level's plain label
    flags = tuple(dataclasses.replace(f, go_now=False) if f.key == "infection" else f for f in course.red_flags)
    off = dataclasses.replace(course, red_flags=Collection("red flag", flags))
    assert case_level(case, "same_day", off).label == il.urgency_level("same_day").label
    # a level other than the flag's is shown plain
    assert case_level(case, "emergency", course).label == il.urgency_level("emergency").label


def test_the_hip_replacement_debrief_says_why_the_fracture_sign_does_not_apply(build):
    """Round 33, C minor 1: the debrief shows that the no-fall hip-fracture sign was weighed."""
    path = ROOT / "iliopsoas_lessons" / "data" / "cases" / "groin_after_hip_replacement.json"
    _, student, debrief = _sheets(build, path)
    right = _text(debrief).split("The right decision and why", 1)[1]
    assert "hip-fracture warning sign applies with or without a fall" in right
    assert "walks on the flat without pain" in right
    assert "hip-fracture warning sign applies" not in _text(student)  # the reasoning stays off the student sheet
