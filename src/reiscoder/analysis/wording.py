"""How agreement figures are said: what they count, in Dutch numbers, and what they mean.

One place for the command line, the Word and Excel reports and the agreement view, so that a
figure reads the same everywhere. Bands: Krippendorff (2004, 2019) — alpha ≥ 0.800 reliable,
0.667–0.800 for tentative conclusions only, below that not reliable; Landis & Koch (1977)
for kappa — below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate, 0.80 substantial,
above that almost perfect.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reiscoder.analysis.agreement import AgreementResult, AgreementSpec, Slip
from reiscoder.analysis.common import document_names, range_texts
from reiscoder.analysis.statistics import Stats
from reiscoder.analysis.units import Unit
from reiscoder.i18n import _, current_language, decimal, ngettext, percent
from reiscoder.read.code_tree import load_code_tree

DASH = "—"
ALPHA_RELIABLE, ALPHA_TENTATIVE = 0.800, 0.667
# kappa within this of 0 with at least this percent agreement: a code (almost) one coder used
NEVER_USED_KAPPA, NEVER_USED_PERCENT = 0.05, 80.0


def figure(value: float | None, digits: int = 2) -> str:
    return DASH if value is None else decimal(value, digits)


def share(value: float | None) -> str:
    return DASH if value is None else percent(value, 1)


def interval(stats: Stats) -> str:
    if stats.alpha_low is None or stats.alpha_high is None:
        return DASH
    return f"{decimal(stats.alpha_low, 2)}\u00a0–\u00a0{decimal(stats.alpha_high, 2)}"


def units(unit: Unit, count: float) -> str:
    """``12 sentences``, ``1 turn``, ``3.400 characters`` with the right plural."""
    n = int(round(count))
    text = {
        Unit.SENTENCE: ngettext("{n} sentence", "{n} sentences", n),
        Unit.TURN: ngettext("{n} turn", "{n} turns", n),
        Unit.CHARACTER: ngettext("{n} character", "{n} characters", n),
    }[Unit(unit)]
    return text.format(n=thousands(n))


def unit_plural(unit: Unit) -> str:
    return {
        Unit.SENTENCE: _("sentences"),
        Unit.TURN: _("turns"),
        Unit.CHARACTER: _("characters"),
    }[Unit(unit)]


def documents(count: int) -> str:
    return ngettext("{n} document", "{n} documents", count).format(n=count)


def thousands(n: int) -> str:
    """1234567 as 1.234.567 (Dutch) or 1,234,567."""
    text = f"{n:,}"
    return text.replace(",", ".") if current_language() == "nl" else text


def which_units(spec: AgreementSpec) -> str:
    """Which units count, in one sentence."""
    if spec.all_units:
        return _("Every {unit} of the compared documents counts.").format(
            unit=_unit_singular(spec.unit)
        )
    return _(
        "A {unit} counts when at least one of the compared coders coded it, with any code."
    ).format(unit=_unit_singular(spec.unit))


def _unit_singular(unit: Unit) -> str:
    return {
        Unit.SENTENCE: _("sentence"),
        Unit.TURN: _("turn"),
        Unit.CHARACTER: _("character"),
    }[Unit(unit)]


def overlap_rule(spec: AgreementSpec) -> str:
    if spec.unit is Unit.CHARACTER:
        return _("Every coded character is judged on its own.")
    if spec.min_overlap <= 1:
        return _("A coding counts for every {unit} it touches.").format(
            unit=_unit_singular(spec.unit)
        )
    return ngettext(
        "A coding counts for a {unit} when it covers at least {n} character of it "
        "(or all of a shorter one).",
        "A coding counts for a {unit} when it covers at least {n} characters of it "
        "(or all of a shorter one).",
        spec.min_overlap,
    ).format(unit=_unit_singular(spec.unit), n=spec.min_overlap)


def level(spec: AgreementSpec) -> str:
    if spec.main_codes:
        return _("Main codes: every coding counts for its top-level code.")
    return _("Per code: each code on its own (its subcodes are separate codes).")


def counted(result: AgreementResult) -> str:
    """``12 sentences in 3 documents``: what every figure of the result rests on."""
    return _("{units} in {documents}").format(
        units=units(result.spec.unit, result.units_counted),
        documents=documents(len(result.documents_with_units)),
    )


def alpha_band(alpha: float | None) -> str:
    if alpha is None:
        return DASH
    if alpha >= ALPHA_RELIABLE:
        return _("reliable")
    if alpha >= ALPHA_TENTATIVE:
        return _("tentative")
    return _("not reliable")


def kappa_band(kappa: float | None) -> str:
    if kappa is None:
        return DASH
    for limit, name in (
        (0.0, _("poor")),
        (0.20, _("slight")),
        (0.40, _("fair")),
        (0.60, _("moderate")),
        (0.80, _("substantial")),
    ):
        if kappa < limit or (limit and kappa <= limit):
            return name
    return _("almost perfect")


def never_used(stats: Stats) -> bool:
    """Kappa near 0 at a high percentage: one coder (almost) never gave the code."""
    return (
        stats.kappa is not None
        and stats.percent is not None
        and abs(stats.kappa) < NEVER_USED_KAPPA
        and stats.percent >= NEVER_USED_PERCENT
    )


def interpretation() -> list[str]:
    """The short guide printed with every table of agreement figures."""
    numbers = {
        "reliable": decimal(ALPHA_RELIABLE, 3),
        "tentative": decimal(ALPHA_TENTATIVE, 3),
        **{f"k{i}": decimal(i / 5, 2) for i in range(1, 5)},
        "k0": "0",
    }
    return [
        _(
            "Krippendorff's alpha: {reliable} or more is reliable; from {tentative} to "
            "{reliable} it allows tentative conclusions only; below {tentative} the coding "
            "is not reliable."
        ).format(**numbers),
        _(
            "Cohen's kappa (Landis & Koch): below {k0} poor, up to {k1} slight, up to {k2} "
            "fair, up to {k3} moderate, up to {k4} substantial, above {k4} almost perfect."
        ).format(**numbers),
        _(
            "Kappa 0 (or near it) with a high percentage means one coder never, or almost "
            "never, used the code: the agreement is all on leaving text out."
        ),
        _(
            "Percent agreement counts the units on which the coders gave the same judgement "
            "(both the code, or both not); it is not corrected for chance."
        ),
        _(
            "— means the figure cannot be computed for these data: kappa and alpha need "
            "both judgements (given and not given) to occur."
        ),
    ]


def never_used_note(codes: list[str]) -> str:
    """One note for every code whose kappa is near 0 at a high percentage ("" for none)."""
    if not codes:
        return ""
    return ngettext(
        "Kappa near 0 at a high percentage for {codes}: one coder (almost) never used this code.",
        "Kappa near 0 at a high percentage for {codes}: one coder (almost) never used these codes.",
        len(codes),
    ).format(codes=", ".join(f"“{code}”" for code in codes))


def describe_slip(session: Session, result: AgreementResult, slip: Slip) -> str:
    """``Sara, Gesprek 1: “…raakt net de volgende zin” (1.2 Kleine …), 2 characters``."""
    tree = load_code_tree(session)
    document = document_names(session).get(slip.document_id, "?")
    text = range_texts(session, [(slip.document_id, slip.unit_start, slip.unit_end)])[0]
    code = tree.by_id[slip.code_id].path if slip.code_id in tree.by_id else "?"
    return _("{coder}, {document}: “{passage}” ({code}), {overlap}").format(
        coder=result.coder_names[slip.coder_index],
        document=document,
        passage=short(text),
        code=code,
        overlap=ngettext("{n} character", "{n} characters", slip.overlap).format(n=slip.overlap),
    )


def short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
