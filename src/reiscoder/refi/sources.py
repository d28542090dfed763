"""Find the text of every text source and put its selections on our positions.

A source's text comes from ``PlainTextContent`` or from the file its ``plainTextPath`` names
inside the ``.qdpx`` (``internal://`` or, as qc writes, no scheme at all). External paths
(``relative://``, ``absolute://``) are never followed: they point at the author's computer.
A source whose text is missing is reported with the selections it would have had.

Positions are converted per source (see :mod:`.positions`). A selection that no convention can
place (outside the text, a negative position, an end before its start) is left out and reported
by itself; only when most selections of a source are such is the file refused: then it does not
belong to its texts.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from reiscoder.i18n import _
from reiscoder.parsing import ImportFailure, ParsedTranscript, parse_text
from reiscoder.parsing.decoding import decode
from reiscoder.parsing.normalise import normalise
from reiscoder.refi.foreign_data import ForeignProject, ForeignSelection, ForeignText
from reiscoder.refi.positions import (
    STANDARD,
    Convention,
    Detection,
    SourceText,
    describe,
    detect,
    prior_for,
)
from reiscoder.refi.report import ImportReport
from reiscoder.refi.safety import Package, refuse

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class PlacedText:
    source: ForeignText
    name: str
    parsed: ParsedTranscript | None = None  # None: the text is missing
    # the selections that could be placed, their start and end now on our positions (a
    # file may hold 100,000s: no second object each)
    placed: list[ForeignSelection] = field(default_factory=list)
    sync_points: list[tuple[str | None, int, int]] = field(default_factory=list)  # ours
    convention: Convention | None = None  # how its selections' positions were counted


def place_texts(
    project: ForeignProject, package: Package, report: ImportReport
) -> list[PlacedText]:
    prior = prior_for(project.origin)
    results, missing = [], []
    for number, source in enumerate(project.texts, start=1):
        result = PlacedText(source, _source_name(source, number))
        raw, reason = _raw_text(source, package, result.name, report)
        if raw is not None:
            _place(result, SourceText(raw), prior, report)
        else:
            missing.append((result, reason))
        results.append(result)
    _report_missing(missing, package, report)
    return results


def _report_missing(
    missing: list[tuple[PlacedText, str]], package: Package, report: ImportReport
) -> None:
    def counts(sources: list[ForeignText]) -> tuple[int, int]:
        selections = sum(len(s.selections) for s in sources)
        codings = sum(len(c.codings) for s in sources for c in s.selections)
        return selections, codings + sum(len(s.codings) for s in sources)

    if missing and not package.is_zip:
        selections, codings = counts([m.source for m, _reason in missing])
        report.dropped.append(
            _(
                "The texts of the sources are not in this file, only the project description "
                "is (sources: {sources}, selections: {selections}, codings: {codings})."
            ).format(sources=len(missing), selections=selections, codings=codings)
        )
        return
    for result, reason in missing:
        selections, codings = counts([result.source])
        report.dropped.append(
            _("“{name}”: {reason} (selections: {selections}, codings: {codings}).").format(
                name=result.name, reason=reason, selections=selections, codings=codings
            )
        )


def fill_note_texts(project: ForeignProject, package: Package, report: ImportReport) -> None:
    """Read the text of notes kept in their own file instead of inline."""
    for note in project.notes:
        if note.content is not None or not note.path or not package.is_zip:
            continue
        info = package.member_for(_internal_name(note.path))
        if info is not None:
            try:
                text = _decoded(package.read_source(info), note.name or note.path or "", report)
                note.content = normalise(text.removeprefix("\ufeff"))
            except ImportFailure:
                note.content = None


def _source_name(source: ForeignText, number: int) -> str:
    if source.name:
        return source.name
    if source.path:
        return PurePosixPath(source.path.split("://")[-1]).stem or source.path
    return _("Document {number}").format(number=number)


def _raw_text(
    source: ForeignText, package: Package, name: str, report: ImportReport
) -> tuple[str | None, str]:
    """The source's text as its tool wrote it, or None and the reason it is missing."""
    if source.content is not None and not source.path:
        if len(source.content) > package.limits.source_bytes:
            raise refuse(_("The text of “{name}” is too large to import.").format(name=name))
        return source.content, ""
    reason = _missing_reason(source, package)
    if reason is None:
        info = package.member_for(_internal_name(source.path or ""))
        assert info is not None
        try:
            return _decoded(package.read_source(info), name, report), ""
        except ImportFailure as failure:
            reason = failure.message
    if source.content is not None:
        return source.content, ""
    return None, reason


def _decoded(data: bytes, name: str, report: ImportReport) -> str:
    """The text of a source file, keeping its byte order mark (some tools count it); lines
    that needed another encoding are named in the report's warnings."""
    decoded = decode(data)
    text = decoded.text
    report.warnings += [
        _("“{name}”: {warning}").format(name=name, warning=warning) for warning in decoded.warnings
    ]
    if data.startswith(_BOMS) and not text.startswith("\ufeff"):
        text = "\ufeff" + text
    return text


def _internal_name(path: str) -> str:
    return path.split("://", 1)[1] if path.lower().startswith("internal://") else path


def _missing_reason(source: ForeignText, package: Package) -> str | None:
    path = source.path or ""
    if not path:
        return _("the file names no text for it")
    scheme = path.split("://", 1)[0].lower() if "://" in path else "internal"
    if scheme != "internal":
        return _("its text is outside the file ({path}) and is not read").format(path=path)
    if not package.is_zip:
        return _("its text is not in this file (only the project description is)")
    if package.member_for(_internal_name(path)) is None:
        return _("its text file is missing from the package ({path})").format(path=path)
    return None


def _place(
    result: PlacedText, source_text: SourceText, prior: Convention, report: ImportReport
) -> None:
    result.parsed = parse_text(source_text.text)
    _report_text_changes(result.name, source_text, report)
    usable = [s for s in result.source.selections if s.start is not None and s.end is not None]
    convention = source_text.relevant(prior)
    try:
        _place_selections(result, source_text, prior, report, usable)
    finally:
        if result.source.sync_points:
            _place_sync_points(result, source_text, result.convention or convention)


def _place_sync_points(result: PlacedText, source_text: SourceText, convention: Convention) -> None:
    """Sync points on our positions, by the convention the selections showed."""
    assert result.parsed is not None
    length = len(result.parsed.text)
    for guid, position, moment in result.source.sync_points:
        ours = source_text.locate(position, convention, is_end=False).position
        if 0 <= ours <= length:
            result.sync_points.append((guid, ours, moment))


def _place_selections(
    result: PlacedText,
    source_text: SourceText,
    prior: Convention,
    report: ImportReport,
    usable: list[ForeignSelection],
) -> None:
    if len(usable) < len(result.source.selections):
        report.dropped.append(
            _("“{name}”: selections without positions, left out: {count}.").format(
                name=result.name, count=len(result.source.selections) - len(usable)
            )
        )
    if not usable:
        return
    if not source_text.text.strip():
        report.dropped.append(
            _("“{name}” has no text; selections that could not be placed: {count}.").format(
                name=result.name, count=len(usable)
            )
        )
        return
    usable = _drop_impossible(result.name, usable, report)
    if not usable:
        return
    detection = detect(source_text, usable, prior)
    if detection.outside:
        _drop_outside(result, usable, detection, len(source_text.text), report)
    _collect(result, usable, detection.ranges, report)
    result.convention = detection.convention
    how = describe(source_text, detection.convention)
    if source_text.relevant(detection.convention) != source_text.relevant(STANDARD):
        report.converted.append(
            _("“{name}”: positions read as {how} (selections: {count}).").format(
                name=result.name, how=how, count=len(usable)
            )
        )
    if detection.confirmed_by_name:
        report.converted.append(
            _("“{name}”: selections confirmed by the text quoted in the file: {count}.").format(
                name=result.name, count=detection.confirmed_by_name
            )
        )


def _collect(
    result: PlacedText,
    usable: list[ForeignSelection],
    ranges: list[tuple[int, int] | None],
    report: ImportReport,
) -> None:
    empty = 0
    for selection, placed in zip(usable, ranges, strict=True):
        if placed is None:
            continue  # outside the text: reported already
        start, end = placed
        if start >= end:
            empty += 1
            continue
        # where ours equal the file's (most often), the file's numbers are kept, not doubled
        if start != selection.start:
            selection.start = start
        if end != selection.end:
            selection.end = end
        result.placed.append(selection)
    if empty:
        report.dropped.append(
            _("“{name}”: empty selections (start equals end), left out: {count}.").format(
                name=result.name, count=empty
            )
        )


# At most this many bad selections are named one by one per source; the rest are counted.
NAMED_BAD = 5


def _drop_impossible(
    name: str, selections: list[ForeignSelection], report: ImportReport
) -> list[ForeignSelection]:
    """Leave out and report selections that no way of counting can place: a negative
    position, or an end before the start."""
    kept, bad = [], []
    for selection in selections:
        start, end = selection.start or 0, selection.end or 0
        if start < 0 or end < 0:
            bad.append(
                _("“{name}”: a selection ({start}–{end}) has a negative position; left out.")
            )
        elif end < start:
            bad.append(_("“{name}”: a selection ({start}–{end}) ends before it starts; left out."))
        else:
            kept.append(selection)
            continue
        bad[-1] = bad[-1].format(name=name, start=start, end=end)
    if len(bad) > len(selections) / 2:
        raise refuse(
            _(
                "In “{name}” {bad} of {count} selections have impossible positions; the file "
                "is damaged and is refused."
            ).format(name=name, bad=len(bad), count=len(selections))
        )
    _report_bad(name, bad, report)
    return kept


def _drop_outside(
    result: PlacedText,
    usable: list[ForeignSelection],
    detection: Detection,
    length: int,
    report: ImportReport,
) -> None:
    """Selections beyond the end of the text under the best convention: one or a few are left
    out and reported; when most are, the file does not belong to its texts and is refused."""
    outside = [usable[index] for index in detection.outside]
    if len(outside) > len(usable) / 2:
        raise refuse(
            _(
                "In “{name}” {bad} of {count} selections lie outside the text, which is "
                "{length} characters long, however their positions are counted. The file does "
                "not match its texts and is refused."
            ).format(name=result.name, bad=len(outside), count=len(usable), length=length)
        )
    lines = [
        _(
            "“{name}”: a selection ({start}–{end}) lies outside the text ({length} characters); "
            "left out."
        ).format(name=result.name, start=s.start, end=s.end, length=length)
        for s in outside
    ]
    _report_bad(result.name, lines, report)


def _report_bad(name: str, lines: list[str], report: ImportReport) -> None:
    report.dropped.extend(lines[:NAMED_BAD])
    if len(lines) > NAMED_BAD:
        report.dropped.append(
            _("“{name}”: more such selections, left out: {count}.").format(
                name=name, count=len(lines) - NAMED_BAD
            )
        )


def _report_text_changes(name: str, source_text: SourceText, report: ImportReport) -> None:
    changes = []
    if source_text.had_bom:
        changes.append(_("byte order mark removed"))
    if source_text.crlf_count or source_text.lone_cr_count:
        changes.append(_("line breaks made LF"))
    if source_text.nfc_changed:
        changes.append(_("characters composed (Unicode NFC)"))
    if changes:
        report.converted.append(
            _("“{name}”: {changes}.").format(name=name, changes=", ".join(changes))
        )
