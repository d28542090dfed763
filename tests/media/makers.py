"""Real recordings for tests: espeak-ng speaks Dutch sentences, sox joins them with known
silences (so every turn's true start is known to the sample), ffmpeg encodes them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

RATE = 22050  # espeak-ng's own rate: no resampling, so the lengths are exact
TOOLS = ("espeak-ng", "sox", "soxi", "ffmpeg")

TURNS = (
    ("Interviewer", "Goedemorgen, welkom in de gele bus."),
    ("Fatima", "Dank je wel. Ik woon al twintig jaar in de Afrikaanderwijk."),
    ("Interviewer", "Wat maakt dat u zich hier thuis voelt?"),
    ("Fatima", "Mijn buurvrouw kookt op vrijdag een pan extra voor de buren."),
    ("Interviewer", "En het buurthuis?"),
    ("Fatima", "Dat ging dicht, maar de kerk heeft het overgenomen."),
)
SILENCES_MS = (700, 1200, 500, 1500, 900, 0)  # after each turn
VOICES = {"Interviewer": "nl", "Fatima": "nl+f3"}


@dataclass(frozen=True)
class Conversation:
    wav: Path
    starts_ms: tuple[int, ...]  # the true moment each turn begins
    duration_ms: int

    def transcript(self) -> str:
        """The conversation as a transcript with the true times written in."""
        lines = []
        for (speaker, sentence), start in zip(TURNS, self.starts_ms, strict=True):
            seconds = start // 1000
            stamp = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            lines.append(f"[{stamp}] {speaker}: {sentence}")
        return "\n\n".join(lines) + "\n"


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:  # scripts/system-deps.sh installs them for the tests
        pytest.fail(f"missing test tools: {', '.join(missing)} (run scripts/system-deps.sh test)")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def samples(path: Path) -> int:
    return int(_run("soxi", "-s", str(path)).strip())


def speak(text: str, voice: str, path: Path) -> Path:
    """The sentence spoken, without espeak-ng's silence before and after it."""
    raw = path.with_suffix(".raw.wav")
    _run("espeak-ng", "-v", voice, "-s", "170", "-w", str(raw), text)
    _run("sox", str(raw), str(path), "silence", "1", "0.005", "0.5%", "reverse", "silence", "1",
         "0.005", "0.5%", "reverse")  # fmt: skip
    return path


def silence(milliseconds: int, path: Path) -> Path:
    length = f"{RATE * milliseconds // 1000}s"  # in samples of the null input's own rate
    _run("sox", "-r", str(RATE), "-c", "1", "-b", "16", "-n", str(path), "trim", "0s", length)
    return path


def conversation(folder: Path) -> Conversation:
    """Six Dutch turns of two voices; the start of each turn is known to the sample."""
    require_tools()
    folder.mkdir(parents=True, exist_ok=True)
    pieces: list[Path] = []
    starts: list[int] = []
    at = 0
    for index, ((speaker, sentence), pause) in enumerate(zip(TURNS, SILENCES_MS, strict=True)):
        starts.append(round(at * 1000 / RATE))
        spoken = speak(sentence, VOICES[speaker], folder / f"turn{index}.wav")
        pieces.append(spoken)
        at += samples(spoken)
        if pause:
            pieces.append(silence(pause, folder / f"pause{index}.wav"))
            at += RATE * pause // 1000
    wav = folder / "gesprek.wav"
    _run("sox", *map(str, pieces), str(wav))
    assert samples(wav) == at
    return Conversation(wav, tuple(starts), round(at * 1000 / RATE))


def encode(wav: Path, target: Path) -> Path:
    """mp3, ogg, opus, flac, m4a from the wav; mp4 and webm with a moving test pattern."""
    suffix = target.suffix.lower()
    quiet = ("ffmpeg", "-loglevel", "error", "-y")
    if suffix in (".mp4", ".webm", ".mov"):
        seconds = samples(wav) / RATE
        video = ("-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac")
        if suffix == ".webm":
            video = ("-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus")
        _run(*quiet, "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
             "-i", str(wav), *video, "-t", f"{seconds}", str(target))  # fmt: skip
        return target
    codec = {".mp3": "libmp3lame", ".ogg": "libvorbis", ".opus": "libopus", ".flac": "flac",
             ".m4a": "aac"}[suffix]  # fmt: skip
    _run(*quiet, "-i", str(wav), "-c:a", codec, str(target))
    return target


def webvtt(talk: Conversation) -> str:
    """The conversation as subtitles from a transcription service, with the true times."""

    def stamp(ms: int) -> str:
        return (
            f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
        )

    ends = (*talk.starts_ms[1:], talk.duration_ms)
    cues = [
        f"{stamp(start)} --> {stamp(end)}\n<v {speaker}>{sentence}"
        for (speaker, sentence), start, end in zip(TURNS, talk.starts_ms, ends, strict=True)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def long_mp3(target: Path, seconds: int, *, as_recorded: bool = False) -> Path:
    """A long constant-bitrate mp3 of soft noise.

    Made fast by default: one minute encoded once and its frames repeated (no seek index, as
    some recorders write). ``as_recorded`` encodes the whole length with LAME instead, which
    writes the "Info" header that players seek by (slower to make: about 10 s an hour).
    """
    require_tools()
    minute = target.with_suffix(".minute.mp3")
    _run("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         "anoisesrc=a=0.05:r=22050:d=60", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k",
         *(() if as_recorded else ("-write_xing", "0", "-id3v2_version", "0")),
         str(minute))  # fmt: skip
    if as_recorded:
        _run("ffmpeg", "-loglevel", "error", "-y", "-stream_loop", str(seconds // 60 - 1), "-i",
             str(minute), "-c:a", "libmp3lame", "-b:a", "32k", str(target))  # fmt: skip
    else:
        frames = minute.read_bytes()
        with target.open("wb") as handle:
            for _ in range(seconds // 60):
                handle.write(frames)
    minute.unlink()
    return target
