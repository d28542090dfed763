"""A synthetic Dutch transcript generator for benchmarks (deterministic for a seed)."""

from __future__ import annotations

import random

WORDS = (
    "de het een en van in is dat op te zijn met voor niet die aan er maar om ook als dan bij "
    "nog wel naar wat uit kan moet wordt heeft waren hebben gaan ging gingen kwam komen zei "
    "buurt wijk bewoners bewoner huis huizen straat straten school kinderen moeder vader "
    "buurvrouw buurman gemeente werker werkers sociaal opbouwwerker buurthuis moestuin plein "
    "markt bakker kerk moskee voedselbank subsidie regels formulier vergunning project "
    "samen elkaar iedereen niemand mensen jongeren ouderen vrijwilligers initiatief "
    "vertrouwen contact ontmoeting ontmoetingen gesprek gesprekken verhaal verhalen "
    "thuis gehoord gezien veilig eenzaam moeilijk mooi belangrijk echt gewoon eigenlijk "
    "altijd vaak soms nooit vroeger nu later weer samen zelf heel erg best "
    "café één ideeën geïnterviewde coördinator financiële Kaapverdië Rotterdam Feijenoord"
).split()
FILLERS = ("eh", "uh", "nou", "zeg maar", "weet je", "[lacht]")
ENDINGS = (".", ".", ".", "?", "!", "...")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(FILLERS))
    if rng.random() < 0.2:
        words.insert(rng.randint(1, len(words)), rng.choice(("o.a.", "bijv.", "d.w.z.", "dhr.")))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(ENDINGS)


def turns(words: int, seed: int = 1) -> list[tuple[str, str]]:
    """(speaker, text) turns adding up to about ``words`` words."""
    rng = random.Random(seed)
    result, total, interviewer = [], 0, True
    while total < words:
        budget = rng.randint(8, 40) if interviewer else rng.randint(30, 220)
        parts, count = [], 0
        while count < budget:
            parts.append(sentence(rng))
            count += len(parts[-1].split())
        result.append(("Interviewer" if interviewer else "R", " ".join(parts)))
        total += count + 1
        interviewer = not interviewer
    return result


def transcript_text(words: int, seed: int = 1) -> str:
    return "\n\n".join(f"{speaker}: {text}" for speaker, text in turns(words, seed)) + "\n"
