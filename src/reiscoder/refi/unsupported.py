"""Say what an import could not bring in, and why: nothing is dropped silently."""

from __future__ import annotations

from reiscoder.i18n import N_, _
from reiscoder.refi.context import ImportContext
from reiscoder.refi.foreign_data import ForeignProject

MEDIA_NAMES = {
    "PictureSource": N_("Picture"),
    "PDFSource": N_("PDF"),
    "AudioSource": N_("Audio"),
    "VideoSource": N_("Video"),
}


def report_unsupported(ctx: ImportContext, project: ForeignProject, *, codebook_only: bool) -> None:
    """What nothing else brought in; sets, links and graphs report themselves
    (:mod:`.store_groups`)."""
    dropped = ctx.report.dropped
    if codebook_only and not project.is_codebook:
        dropped.append(_("Only the codebook was imported, as asked."))
    _media(ctx, project)
    if codebook_only:
        return
    selection_refs = sum(len(case.selections) for case in project.cases)
    for count, message in (
        (selection_refs, N_("Selections assigned to cases: {count} (cases hold speakers).")),
        (
            ctx.report.counts.pop("codings_without_code", 0),
            N_("Codings whose code is not in the file: {count}."),
        ),
    ):
        if count:
            dropped.append(_(message).format(count=count))


def _media(ctx: ImportContext, project: ForeignProject) -> None:
    for media in project.media:
        ctx.report.dropped.append(
            _(
                "{kind} “{name}” (selections: {selections}, codings: {codings}): reiscoder codes "
                "text only."
            ).format(
                kind=_(MEDIA_NAMES.get(media.kind, media.kind)),
                name=media.name,
                selections=media.selections,
                codings=media.codings,
            )
        )
    for text in project.texts:
        if not text.media_selections:
            continue
        if text.guid in ctx.documents:
            message = _("PDF “{name}”: its text came in, but not its area selections ({count}).")
        else:
            message = _("PDF “{name}”: its area selections ({count}) could not be brought in.")
        ctx.report.dropped.append(message.format(name=text.name, count=text.media_selections))
