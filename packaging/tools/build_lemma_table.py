"""Regenerate ``resources/nlp/nl_lemmas.json.gz``, the vendored Dutch lemma table.

The app must not need the 98 MB ``spacy-lookups-data`` or the 19 MB ``simplemma`` package
at run time, so this script merges what they know about Dutch into one small file. The
conventions the table follows are in ``docs/lemmas.md``.

Sources, each giving candidate lemmas of a lower-case form:

- spaCy's ``nl_lemma_lookup`` (form -> lemma) and its POS-keyed ``nl_lemma_exc`` (verb,
  noun, adj, ... -> [lemma]); the verb table also lists nouns as "first person" of made-up
  verbs (boot -> boten, parlement -> parlementen), which is why no source is trusted alone;
- simplemma's Dutch dictionary (lower-case entries only, so names stay out), which also
  says which forms are their own lemma.

One lemma is chosen per form (:func:`choose_lemma`):

1. closed-class words and conventions of the Dutch treebanks (:data:`CONVENTIONS`);
2. a candidate that is an inflected form of the form itself is dropped: a singular is
   never mapped to its plural or to a verb made from it (deel -> delen, taak -> taken);
   a feminine noun keeps its ending (woordvoerster, not woordvoerder);
3. the rest compete by how often the form is used in each reading, estimated from
   ``wordfreq`` frequencies of the other forms of each candidate's paradigm (shared forms
   split evenly), weighted by how much of a paradigm the form's slot usually carries: a
   verb's first person (ik deel) is rare, a plural (landen -> land) common. The form as its
   own lemma gets what remains of its frequency. So deel -> deel, landen -> land,
   gingen -> gaan, and werken -> werken (the verb is more frequent than the plural noun).

Forms that are their own lemma are listed under "words" (the lemmatizer keeps them as they
are and knows them for its rules for unknown words); the rest under "lemmas".

Usage (developer machines only)::

    .venv/bin/pip install -e '.[lemma-table]'
    .venv/bin/python packaging/tools/build_lemma_table.py
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[2] / "resources" / "nlp" / "nl_lemmas.json.gz"
TABLE_FORMAT = 2
EXC_POS = ("verb", "noun", "adj", "adv", "adp", "det", "pron")

# How much of a lexeme's use one form carries, by the form's slot in the paradigm.
STEM_SHARE = 0.1  # a verb's stem: ik deel, deel je? (also the imperative)
PLURAL_SHARE = 0.5  # a noun's plural: landen, huizen, auto's
OTHER_SHARE = 0.3  # any other form: hij staat, gingen, gegaan, grote
# The form as its own lemma: the larger of what is left of its frequency after the other
# readings and this share of how much more its other forms are used than itself.
OWN_SHARE = 0.5
# The form is its own lemma only with the say-so of a source, or when its other forms are
# used at least this much more than the form itself (a real paradigm: ridder, ridders).
OWN_PARADIGM = 1.05
# A second reading this frequent relative to the chosen one is searched too (werk, werken).
ALTERNATIVE_SHARE = 0.1
# Zipf frequency (log10 per billion words) from which a word counts as frequent.
FREQUENT_ZIPF = 3.0

# Conventions of the Dutch treebanks (Lassy, Alpino) for closed classes, degrees and
# ordinals, which spaCy's trained Dutch model learns too: determiners and pronouns to
# their base form, comparatives and superlatives of veel and weinig to those, ordinals to
# their number, and the reduced and emphatic spellings to the plain word.
_CONVENTIONS_TEXT = """
    alle:al allen:al elke:elk iedere:ieder welke:welk zulke:zulk sommige:sommig
    sommigen:sommig enkele:enkel enkelen:enkel enige:enig enigen:enig vele:veel velen:veel
    meer:veel meest:veel meeste:veel meesten:veel minder:weinig minst:weinig minste:weinig
    weinige:weinig weinigen:weinig beiden:beide beider:beide onze:ons jouw:jou diens:die
    dier:die wiens:wie wier:wie der:de den:de des:de ten:te ter:te 't:het 'n:een ene:een
    z'n:zijn m'n:mijn d'r:haar 'r:haar 'm:hem 'k:ik 'j:hij -ie:hij 'ns:eens 's:'s
    wil:willen wilt:willen kan:kunnen kun:kunnen kunt:kunnen zal:zullen zult:zullen
    mag:mogen moet:moeten ben:zijn bent:zijn heb:hebben hebt:hebben
    eerste:één tweede:twee derde:drie vierde:vier vijfde:vijf zesde:zes zevende:zeven
    achtste:acht negende:negen tiende:tien elfde:elf twaalfde:twaalf dertiende:dertien
    veertiende:veertien vijftiende:vijftien twintigste:twintig dertigste:dertig
    honderdste:honderd duizendste:duizend
    én:en óf:of vóór:voor dé:de géén:geen méér:veel níét:niet eén:één
"""
CONVENTIONS: Mapping[str, str] = dict(pair.split(":") for pair in _CONVENTIONS_TEXT.split())

# Words that are their own lemma although a source says otherwise: pronouns the exception
# table maps to verbs (hem -> hebben), adverbs and prepositions it maps to adjectives or
# verbs (slechts -> slecht, echter -> echt, geleden -> lijden), and a few more.
_KEEP_TEXT = """
    ik jij je u hij zij ze het wij we jullie hen hun mij me jou hem haar ons mijn uw zijn
    die dat deze dit wie wat welk er daar hier men iemand niemand iets niets niks alles al
    elk ieder zich zichzelf elkaar de een geen en of maar want dus omdat als dan toen niet
    nog ook wel nu zo heel erg veel weinig weer toch even echt gewoon alleen eens ja nee nou
    te in uit op aan bij met voor na naar om over tegen tot van door onder boven achter
    tussen zonder sinds vanaf hoe waar wanneer waarom mee toe heen langs eigen a
    slechts echter anders genoeg liever eerst voren geleden laten middels aangaande
"""
KEEP: frozenset[str] = frozenset(_KEEP_TEXT.split())


@dataclass
class Sources:
    """Candidate lemmas per lower-case form, in source order, and the reverse."""

    candidates: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    forms_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, form: str, lemma: str) -> None:
        # Lassy's compound joints (gemeente_raad) are no part of a lemma.
        form, lemma = form.strip().lower(), lemma.strip().lower().replace("_", "")
        if form and lemma and lemma not in self.candidates[form]:
            self.candidates[form].append(lemma)
            self.forms_of[lemma].add(form)


def load_sources() -> tuple[Sources, str]:
    """spaCy's lookup, simplemma's dictionary, then spaCy's exception tables."""
    sources = Sources()
    lookup, exc = _spacy_tables()
    for form, lemma in lookup.items():
        sources.add(form, lemma)
    for form, lemma in _simplemma_table().items():
        sources.add(form, lemma)
    for pos in EXC_POS:
        for form, lemmas in exc.get(pos, {}).items():
            if lemmas:
                sources.add(form, lemmas[0])
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("spacy-lookups-data", "simplemma", "wordfreq")
    )
    return sources, versions


def _spacy_tables() -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).resolve().parent / "data"
    with gzip.open(data / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as f:
        lookup = json.load(f)
    with gzip.open(data / "nl_lemma_exc.json.gz", "rt", encoding="utf-8") as f:
        exc = json.load(f)
    return lookup, exc


def _simplemma_table() -> dict[str, str]:
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    table = {}
    for raw_form, raw_lemma in _load_dictionary_from_disk("nl").items():
        form = raw_form.decode("utf-8")
        if form == form.lower():  # capitalised entries are names: leave them out
            table[form] = raw_lemma.decode("utf-8").lower()
    return table


def frequency_function() -> Callable[[str], float]:
    from wordfreq import zipf_frequency

    cache: dict[str, float] = {}

    def frequency(word: str) -> float:
        if word not in cache:
            zipf = zipf_frequency(word, "nl")
            cache[word] = 10**zipf if zipf > 0 else 0.0
        return cache[word]

    return frequency


# -- Dutch inflection, as far as the choice needs it -------------------------------------

_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")


def stems(infinitive: str) -> set[str]:
    """The regular stems of an -en infinitive or plural: delen -> deel, stappen -> stap."""
    if not infinitive.endswith("en") or len(infinitive) < 4:
        return set()
    base = infinitive[:-2]
    found = {base}
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] in _CONSONANTS:
        found.add(base[:-1])  # stappen -> stap
    if (
        len(base) >= 2
        and base[-1] in _CONSONANTS
        and base[-2] in "aeou"
        and (len(base) < 3 or base[-3] not in "aeiouy")
    ):
        found.add(base[:-1] + base[-2] + base[-1])  # delen -> deel, boten -> boot
    for voiced, voiceless in (("v", "f"), ("z", "s")):
        for stem in list(found):
            if stem.endswith(voiced):
                found.add(stem[:-1] + voiceless)  # leven -> leef, reizen -> reis
    return found


def is_plural(form: str, singular: str) -> bool:
    return form in (singular + "s", singular + "'s") or singular in stems(form)


def is_feminine(form: str, masculine: str, sources: Sources) -> bool:
    """woordvoerster -> woordvoerder, studente -> student: a different noun, not a form.
    A form in -e is a noun of its own when it has a plural in -s (studentes), which an
    inflected adjective (kleine) has not."""
    if form.endswith(("ster", "sters")):
        return "ster" not in masculine
    return form == masculine + "e" and form in sources.candidates.get(form + "s", [])


# -- the choice ---------------------------------------------------------------------------


def choose_lemma(form: str, sources: Sources, frequency: Callable[[str], float]) -> str:
    """One lemma for ``form`` (see the module docstring)."""
    return readings(form, sources, frequency)[0]


def readings(form: str, sources: Sources, frequency: Callable[[str], float]) -> list[str]:
    """The lemma of ``form``, then the other readings a search for it should also find:
    those estimated at least :data:`ALTERNATIVE_SHARE` as frequent as the chosen one."""
    if form in CONVENTIONS:
        return [CONVENTIONS[form]]
    if form in KEEP or "." in form:  # abbreviations stay as written: o.a., e.d.
        return [form]
    candidates = [c for c in sources.candidates.get(form, []) if not is_feminine(form, c, sources)]
    if not candidates:
        return [form]
    inflections_of_form = [
        c
        for c in candidates
        if c != form
        and form in sources.candidates.get(c, [])
        and (form in stems(c) or is_plural(c, form))
    ]
    own_paradigm = _paradigm_frequency(form, form, sources, frequency)
    may_be_own = (
        form in candidates
        or bool(inflections_of_form)
        or own_paradigm >= OWN_PARADIGM * frequency(form)
        or (_verb_of_noun(form, candidates) and _has_own_plural(form, sources))
    )
    others = [c for c in candidates if c != form and not (may_be_own and c in inflections_of_form)]
    if not others:
        return [form if may_be_own else candidates[0]]
    estimates = {
        c: _share(form, c) * _paradigm_frequency(c, form, sources, frequency) for c in others
    }
    if may_be_own:
        own = max(
            OWN_SHARE * (own_paradigm - frequency(form)),
            frequency(form) - sum(estimates.values()),
        )
        estimates[form] = own + 1e-9
    best = max(estimates, key=estimates.__getitem__)  # the first of equals: source order
    if estimates[best] <= 1e-9:
        return [form if may_be_own else others[0]]
    ranked = sorted(estimates, key=estimates.__getitem__, reverse=True)
    return [best] + [
        c for c in ranked if c != best and estimates[c] >= ALTERNATIVE_SHARE * estimates[best]
    ]


def _verb_of_noun(form: str, candidates: list[str]) -> bool:
    return any(form in stems(c) for c in candidates)


def _has_own_plural(form: str, sources: Sources) -> bool:
    """ridder has ridders: a noun, even where a source makes a verb of it (ridderen)."""
    return any(is_plural(other, form) for other in sources.forms_of.get(form, ()) if other != form)


def _share(form: str, lemma: str) -> float:
    if form in stems(lemma) and not form.endswith("t"):
        return STEM_SHARE
    if is_plural(form, lemma):
        return PLURAL_SHARE
    return OTHER_SHARE


def _paradigm_frequency(
    lemma: str, form: str, sources: Sources, frequency: Callable[[str], float]
) -> float:
    """How often the lexeme ``lemma`` is used in forms other than ``form``; a form that
    belongs to several lexemes counts for each by an equal share."""
    total = 0.0
    for other in sources.forms_of.get(lemma, set()) | {lemma}:
        if other != form:
            total += frequency(other) / max(len(sources.candidates.get(other, [])), 1)
    return total


def build_table(
    sources: Sources, frequency: Callable[[str], float], forms: Iterable[str] | None = None
) -> tuple[dict[str, str], list[str], dict[str, list[str]]]:
    """(form -> lemma where they differ, forms that are their own lemma, form -> the other
    readings a search for it also looks for)."""
    lemmas: dict[str, str] = {}
    words: set[str] = set()
    alternatives: dict[str, list[str]] = {}
    every = set(sources.candidates) | set(CONVENTIONS) | KEEP if forms is None else set(forms)
    for form in sorted(every):
        lemma, *others = readings(form, sources, frequency)
        if lemma == form:
            words.add(form)
        else:
            lemmas[form] = lemma
        if others:
            alternatives[form] = others
    words.update(lemma for lemma in lemmas.values() if lemma not in lemmas)
    return lemmas, sorted(words - lemmas.keys()), alternatives


def frequent_words(known: set[str], threshold: float = FREQUENT_ZIPF) -> list[str]:
    """Words used at least once per million words (wordfreq) that no source knows: the
    lemmatizer keeps them as they are instead of guessing (vervolgens, nadien, heden).
    Names are among them, so they are kept apart from the dictionary words."""
    from wordfreq import iter_wordlist, zipf_frequency

    found = []
    for word in iter_wordlist("nl"):
        if zipf_frequency(word, "nl") < threshold:
            break
        if word in known or not word.replace("-", "").replace("'", "").isalpha():
            continue
        plain = word.translate(_EMPHASIS)
        if plain == word or plain not in known:  # dáár is daar with emphasis, not a word
            found.append(word)
    return sorted(found)


_EMPHASIS = str.maketrans("áéíóú", "aeiou")


def write_table(
    lemmas: Mapping[str, str],
    words: list[str],
    alternatives: Mapping[str, list[str]],
    frequent: list[str],
    path: Path,
    source: str,
) -> None:
    payload = {
        "format": TABLE_FORMAT,
        "source": source,
        "lemmas": lemmas,
        "words": words,
        "alternatives": alternatives,
        "frequent": frequent,
        # The infinitives, for joining separable verbs (hij keerde terug: terugkeren).
        "verbs": sorted({w for w in [*lemmas.values(), *words] if w.endswith("en")}),
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical between rebuilds of the same data.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    sources, versions = load_sources()
    lemmas, words, alternatives = build_table(sources, frequency_function())
    frequent = frequent_words(set(lemmas) | set(words))
    source = (
        f"{versions}: spaCy nl_lemma_lookup + nl_lemma_exc and simplemma nl, "
        "readings ranked by wordfreq (build_lemma_table.py)"
    )
    write_table(lemmas, words, alternatives, frequent, args.output, source)
    size = args.output.stat().st_size
    print(
        f"{args.output}: {len(lemmas)} forms, {len(words)} words, "
        f"{len(alternatives)} with other readings, {len(frequent)} frequent, {size / 1024:.0f} KiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
