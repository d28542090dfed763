"""Automatic transcripts in Whisper's JSON (openai-whisper, faster-whisper, WhisperX).

The file holds ``segments``, each with ``start`` (seconds) and ``text``; optionally ``words``
(each ``word`` or ``text`` with a ``start``) and a ``speaker`` (WhisperX's diarisation, on the
segment or on its words). Segments are laid out like subtitle cues (see ``subtitles.py``):
one turn per speaker's stretch, ``[00:12:31] Spreker 1: ...``. Every segment's start and every
timed word become sync points, so that sentence times are exact. Diarisation labels such as
``SPEAKER_00`` become ``Spreker 1``. A segment with text but without a readable start keeps
its text, without a time of its own, and the import names the segment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from reiscoder.i18n import _, ngettext
from reiscoder.parsing.decoding import line_list
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Extracted
from reiscoder.parsing.limits import MAX_TEXT_FILE_BYTES, read_bytes
from reiscoder.parsing.normalise import decode_text, normalise
from reiscoder.parsing.readers.subtitles import Cue, cues_to_text

_DIARISED = re.compile(r"^(?:SPEAKER|SPK|spk|speaker)[_ ]?(\d+)$")


def read_whisper_json(path: Path, labels: LabelReader) -> Extracted:
    text, encoding = decode_text(read_bytes(path, MAX_TEXT_FILE_BYTES))
    try:
        data = json.loads(text)
    except ValueError:
        raise ImportFailure(_("The JSON file cannot be read: it is damaged.")) from None
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise ImportFailure(
            _("This JSON file is not an automatic transcript (Whisper segments are missing).")
        )
    numbered = [(number, _cue(segment)) for number, segment in enumerate(segments, 1)]
    cues = [cue for _number, cue in numbered if cue is not None]
    if not any(cue.start_ms is not None for cue in cues):
        raise ImportFailure(_("The automatic transcript contains no text."))
    extracted = cues_to_text(cues, encoding)
    untimed = [n for n, cue in numbered if cue is not None and cue.start_ms is None]
    if untimed:
        extracted.warnings.append(
            ngettext(
                "Segment {numbers} of the automatic transcript has no readable start time; its "
                "text was kept, without a time of its own.",
                "Segments {numbers} of the automatic transcript have no readable start time; "
                "their text was kept, without a time of their own.",
                len(untimed),
            ).format(numbers=line_list(untimed))
        )
    return extracted


def _cue(segment: object) -> Cue | None:
    if not isinstance(segment, dict):
        return None
    text = " ".join(normalise(str(segment.get("text") or "")).split())
    start = _ms(segment.get("start"))
    if not text:
        return None
    found = segment.get("words")
    words = found if isinstance(found, list) else []
    timed = []
    for word in words:
        if not isinstance(word, dict):
            continue
        spoken = " ".join(normalise(str(word.get("word") or word.get("text") or "")).split())
        moment = _ms(word.get("start"))
        if spoken and moment is not None and start is not None and moment >= start:
            timed.append((spoken, moment))
    speaker = segment.get("speaker")
    if speaker is None and words:
        speakers = {w.get("speaker") for w in words if isinstance(w, dict) and w.get("speaker")}
        speaker = speakers.pop() if len(speakers) == 1 else None
    return Cue(start, text, _speaker(speaker), timed)


def _ms(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return None
    return round(value * 1000)


def _speaker(value: object) -> str | None:
    if value is None or not str(value).strip():
        return None
    label = " ".join(str(value).split())
    found = _DIARISED.match(label)
    if found:
        return _("Speaker {number}").format(number=int(found.group(1)) + 1)
    return label
