"""GIFT, Moodle's plain-text question format (docs.moodle.org/en/GIFT_format).

Each item is ``::name::[plain]prompt{=right#feedback ~wrong#feedback ####general}``.
GIFT's special characters ``~ = # { } :`` (and the escape ``\\`` itself) are
escaped with a backslash, line breaks as ``\\n``. GIFT has no hints and no
penalty: the second try is set on the Moodle quiz ("Interactive with multiple
tries"), and Moodle shuffles a multiple-choice question's answers by default."""

from __future__ import annotations

from .items import Item

__all__ = ["gift_text", "escape", "SPECIAL"]

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _general(item: Item) -> str:
    refs = " ".join(f"[{i}] {r}" for i, r in enumerate(item.references, 1))
    return f"{item.explanation} References: {refs}" if refs else item.explanation


def _question(item: Item) -> str:
    lines = [f"// {item.ident}", f"::{escape(item.title)}::[plain]{escape(item.prompt)} {{"]
    for choice in item.choices:
        lines.append(f"\t{'=' if choice.correct else '~'}{escape(choice.text)}#{escape(choice.feedback)}")
    lines.append(f"\t####{escape(_general(item))}")
    lines.append("}")
    return "\n".join(lines)


def gift_text(items) -> str:
    out = [
        "// Iliopsoas lessons: quiz questions and red-flag practice cases (GIFT, for Moodle).",
        "// Second try: set the quiz's question behaviour to \"Interactive with multiple tries\".",
        "",
    ]
    category = None
    for item in items:
        if item.kind != category:
            category = item.kind
            name = "Quiz" if category == "quiz" else "Red-flag cases"
            out += [f"$CATEGORY: $course$/top/Iliopsoas lessons/{name}", ""]
        out += [_question(item), ""]
    return "\n".join(out)
