"""Regenerate ``resources/nlp/nl_lemmas.json.gz``, the vendored Dutch lemma table.

The app must not need the 98 MB ``spacy-lookups-data`` package at run time, so this
script merges the two Dutch tables it needs into one small gzip'd JSON file:

- ``nl_lemma_lookup``: form -> lemma, used as is;
- ``nl_lemma_exc``: POS-keyed exceptions (form -> [lemma]); it holds the irregular,
  POS-ambiguous forms that the lookup table leaves out (huizen, kinderen, werd, was, ...).

A form found only in the exception table gets one lemma:

1. function words (pronouns, articles, ...) and apostrophe forms keep a fixed lemma,
   because the exception table maps e.g. ``het`` and ``hem`` to the verb ``hebben``;
2. the candidates are the lemmas the verb, noun and adj tables give, plus the form itself
   when at least two other forms have it as their lemma (a real paradigm: huis has huisje,
   huizen); the verb table also maps nouns to verbs (huis -> huizen, buurt -> buurten,
   school -> schuilen), as first-person forms;
3. the form itself beats a verb whose infinitive is just the form plus -en (werk, hand);
4. otherwise the candidate most frequent in Dutch according to ``wordfreq`` wins, if it is
   installed, with the form itself counted 0.7 lower since its frequency includes every
   reading; so maanden -> maand, beter -> goed, kan -> kunnen, was -> zijn. Without
   wordfreq, or on a tie, verb > noun > adj (the form itself only when nothing else).

Identity entries (form == lemma) are dropped: the lemmatizer falls back to the form.

Usage (developer machines only)::

    .venv/bin/pip install spacy-lookups-data wordfreq
    .venv/bin/python packaging/tools/build_lemma_table.py
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[2] / "resources" / "nlp" / "nl_lemmas.json.gz"
TABLE_FORMAT = 1
POS_ORDER = ("verb", "noun", "adj")
IDENTITY_PENALTY = 0.7

# Closed-class words that must keep their own form as lemma.
_FUNCTION_WORDS_TEXT = """
    ik jij je u hij zij ze het wij we jullie hen hun mij me jou hem haar ons onze mijn jouw
    zijn uw die dat deze dit wie wat welk welke er daar hier men iemand niemand iets niets
    niks alles alle al elk elke ieder iedere zich zichzelf elkaar de een geen en of maar want
    dus omdat als dan toen niet nog ook wel nu zo heel erg veel meer minder meest weer toch
    even echt gewoon alleen eens ja nee nou te ter ten der des mee toe in uit op aan bij met
    voor na naar om over tegen tot van door onder boven achter tussen zonder sinds vanaf
    hoe waar wanneer waarom want
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

# Apostrophe forms with one clear reading in transcripts, and a few reviewed choices.
OVERRIDES: Mapping[str, str] = {
    "'t": "het",
    "'n": "een",
    "m'n": "mijn",
    "z'n": "zijn",
    "d'r": "haar",
    "'r": "haar",
    "'m": "hem",
    "'k": "ik",
    "'s": "'s",
    "'ns": "eens",
    # Frequent forms whose noun/adj reading in the exception table would win wrongly.
    "geleden": "geleden",
    "laten": "laten",
    "bleken": "blijken",
}


def _data_dir() -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).resolve().parent / "data"


def load_tables() -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
    data = _data_dir()
    with gzip.open(data / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as f:
        lookup = json.load(f)
    with gzip.open(data / "nl_lemma_exc.json.gz", "rt", encoding="utf-8") as f:
        exc = json.load(f)
    return lookup, exc


def frequency_function() -> tuple[Callable[[str], float] | None, str]:
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return None, "none (verb > noun > adj)"
    version = importlib.metadata.version("wordfreq")
    return (lambda word: zipf_frequency(word, "nl")), f"wordfreq {version}"


def _regular_infinitive(form: str, verb: str) -> bool:
    """True if ``verb`` is ``form`` + -en, as in werk -> werken, hand -> handen."""
    if verb in (form + "en", form + form[-1:] + "en"):
        return True
    voiced = {"s": "z", "f": "v"}.get(form[-1:])
    return voiced is not None and verb == form[:-1] + voiced + "en"


def choose_lemma(
    form: str,
    candidates: Mapping[str, str],
    is_lemma: bool,
    frequency: Callable[[str], float] | None,
) -> str:
    """One lemma for ``form`` from its POS -> lemma ``candidates``."""
    if form in OVERRIDES:
        return OVERRIDES[form]
    if form in FUNCTION_WORDS:
        return form
    ordered = [candidates[pos] for pos in POS_ORDER if pos in candidates]
    if not ordered:
        return form
    if is_lemma and _regular_infinitive(form, candidates.get("verb", "")):
        return form
    if frequency is None:
        return ordered[0]

    def score(lemma: str) -> float:
        return frequency(lemma) - (IDENTITY_PENALTY if lemma == form else 0.0)

    if is_lemma:
        ordered.append(form)
    # max() keeps the first of equal scores, so ties fall back to verb > noun > adj.
    return max(ordered, key=score)


def merge_tables(
    lookup: Mapping[str, str],
    exc: Mapping[str, Mapping[str, list[str]]],
    frequency: Callable[[str], float] | None,
) -> dict[str, str]:
    merged = {form.lower(): lemma.strip().lower() for form, lemma in lookup.items()}
    paradigm_size = Counter(lemma.strip().lower() for lemma in lookup.values())
    for table in exc.values():
        paradigm_size.update(lemma.strip().lower() for lst in table.values() for lemma in lst)
    exc_forms = {form.lower() for pos in POS_ORDER for form in exc[pos]}
    for form in sorted(exc_forms - merged.keys()):
        candidates = {
            pos: exc[pos][form][0].strip().lower() for pos in POS_ORDER if exc[pos].get(form)
        }
        merged[form] = choose_lemma(form, candidates, paradigm_size[form] >= 2, frequency)
    merged.update(OVERRIDES)
    return {form: lemma for form, lemma in sorted(merged.items()) if form != lemma and lemma}


def write_table(table: Mapping[str, str], path: Path, source: str) -> None:
    payload = {"format": TABLE_FORMAT, "source": source, "lemmas": table}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical between rebuilds of the same data.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    lookup, exc = load_tables()
    frequency, ranking = frequency_function()
    table = merge_tables(lookup, exc, frequency)
    version = importlib.metadata.version("spacy-lookups-data")
    source = (
        f"spacy-lookups-data {version}: nl_lemma_lookup + nl_lemma_exc; "
        f"ambiguous forms ranked by {ranking}"
    )
    write_table(table, args.output, source)
    size = args.output.stat().st_size
    print(f"{args.output}: {len(table)} forms, {size / 1024:.0f} KiB ({source})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
