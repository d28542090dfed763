"""Separable verbs: the particle that Dutch puts at the end of a clause belongs to the verb.

``Hij keerde gisteren terug.`` has the lemma ``terugkeren`` for ``keerde``, and
``om terug te komen`` the lemma ``terugkomen`` for ``komen``, as in the Dutch treebanks, so
that searching ``terugkeren`` finds both. The particle keeps its own lemma too (``terug``).

Two patterns, within one sentence:

- particle + ``te`` + verb: the verb gets particle + its lemma;
- a particle that ends a clause (before punctuation, the end of the sentence, a word that
  opens a new clause such as ``en`` or ``dat``, or a preposition: ``kwam terug uit
  Marokko``): the first verb form earlier in that
  clause whose lemma, with the particle in front, is a known verb. Auxiliaries and modal
  verbs (hebben, kunnen, ...) are left alone: their particle-verbs are rare.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

PARTICLES: frozenset[str] = frozenset(
    """
    aan af bij door in mee na om onder op over toe uit voor weg terug samen tegen neer vast
    los open dicht plaats deel teweeg voort achter heen rond binnen buiten bijeen uiteen
    thuis kapot vrij bezig mis stil tekort
    """.split()
)
CLAUSE_OPENERS = frozenset(
    "en maar of want dat die omdat als wanneer toen terwijl waar wat dus nadat voordat".split()
)
# A particle before a preposition ends its verb's clause too: "kwam terug uit Marokko".
PREPOSITIONS = frozenset(
    "aan bij door in met na naar om onder op over tegen tot uit van voor zonder vanuit".split()
)
_AUXILIARIES = frozenset("hebben zijn worden kunnen zullen moeten mogen willen".split())


def join_particles(
    texts: Sequence[str],
    lemmas: list[str],
    is_verb: Callable[[str], bool],
    particle_positions: Collection[int] | None = None,
) -> None:
    """Rewrite ``lemmas`` (of the tokens ``texts`` of one sentence) in place.

    ``particle_positions`` may list where particles stand, if the caller knows already.
    """
    lower = [text.lower() for text in texts]
    positions = (
        [i for i, text in enumerate(lower) if text in PARTICLES]
        if particle_positions is None
        else particle_positions
    )
    for index in positions:
        particle = lower[index]
        if index + 2 < len(lower) and lower[index + 1] == "te":
            joined = particle + lemmas[index + 2]
            if lemmas[index + 2] and is_verb(joined):
                lemmas[index + 2] = joined
            continue
        after = index + 1
        while after < len(lower) and lower[after].isspace():
            after += 1
        following = lower[after] if after < len(lower) else ""
        if (
            following[:1].isalnum()
            and following not in CLAUSE_OPENERS
            and following not in PREPOSITIONS
        ):
            continue
        _join_clause(lower, lemmas, index, is_verb)


def _join_clause(
    lower: list[str], lemmas: list[str], index: int, is_verb: Callable[[str], bool]
) -> None:
    particle = lower[index]
    start = index - 1
    while start >= 0 and (
        lower[start].isspace()
        or (lower[start][:1].isalnum() and lower[start] not in CLAUSE_OPENERS)
    ):
        start -= 1
    for verb in range(start + 1, index):
        lemma = lemmas[verb]
        if (
            lemma
            and lemma != lower[verb]
            and lemma not in _AUXILIARIES
            and not lower[verb].startswith("ge")
            and is_verb(particle + lemma)
        ):
            lemmas[verb] = particle + lemma
            return
