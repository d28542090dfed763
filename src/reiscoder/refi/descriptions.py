"""A code's definition, criteria and example folded into one readable REFI-QDA Description.

Other tools know only a free-text description. We write the definition first and, when there
are criteria or an example, label each part on its own paragraph::

    Definition: Informele zorg door naasten.

    Include when: boodschappen, koken, ...

    Exclude when: betaalde thuiszorg.

    Example: "Mijn buurvrouw kookt op vrijdag."

Reading it back recognises these labels in English and in the current language, so the parts
survive a round trip even without our extra file; a description without labels becomes the
definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reiscoder.i18n import N_, _

FIELDS = ("definition", "inclusion", "exclusion", "example")
# How a choice attribute lists its options in a variable's description, and is recognised.
ONE_OF = N_("One of: {choices}")
LABELS = {
    "definition": N_("Definition"),
    "inclusion": N_("Include when"),
    "exclusion": N_("Exclude when"),
    "example": N_("Example"),
}


@dataclass(frozen=True)
class CodeText:
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


def fold(parts: CodeText) -> str:
    """One description for other tools; just the definition when that is all there is."""
    if not (parts.inclusion or parts.exclusion or parts.example):
        return parts.definition
    return "\n\n".join(
        f"{_(LABELS[name])}: {getattr(parts, name)}" for name in FIELDS if getattr(parts, name)
    )


def unfold(description: str) -> CodeText:
    """The parts of a description written by :func:`fold` (in English or our language)."""
    label_to_field = {}
    for name in FIELDS:
        label_to_field[LABELS[name].lower()] = name
        label_to_field[_(LABELS[name]).lower()] = name
    pattern = re.compile(
        r"(?:^|\n\n)(" + "|".join(re.escape(label) for label in label_to_field) + r"): ",
        re.IGNORECASE,
    )
    matches = list(pattern.finditer(description))
    if not matches:
        return CodeText(definition=description.strip())
    found = {"definition": description[: matches[0].start()].strip()}
    for match, following in zip(matches, matches[1:] + [None], strict=True):
        field = label_to_field[match.group(1).lower()]
        end = following.start() if following else len(description)
        found[field] = (found.get(field, "") + "\n\n" + description[match.end() : end]).strip()
    return CodeText(**found)
