"""A tiny trained Dutch spaCy pipeline, installed the way ``nl_core_news_sm`` is.

It is trained in a couple of seconds on the sentences in ``tests/data/ud-dutch/`` (parser
and trainable lemmatizer on a small shared tok2vec) and gets an entity ruler with a few
hand-made names, since the treebank sample has no entity labels. It is good at nothing but
being a real trained pipeline: a parser that decides sentences where the Dutch rules give
no answer, a lemmatizer whose lemmas are its own, and entities.

``install`` writes it as an installed package: ``SITE/nl_core_news_sm/__init__.py`` with
spaCy's ``load()``, the pipeline data beside it, and ``SITE/nl_core_news_sm-0.0.1.dist-info``,
which is what ``spacy.util.is_package`` and ``spacy.load`` look for on ``sys.path``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from bench.treebank import Sentence, read_conllu

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ud-dutch" / "nl-ud-dev-sample.conllu"
PACKAGE = "nl_core_news_sm"
VERSION = "0.0.1"
EPOCHS = 8
WIDTH = 32

ENTITIES = [
    {"label": "PER", "pattern": "Fatima"},
    {"label": "PER", "pattern": [{"LOWER": "henk"}, {"LOWER": "de"}, {"LOWER": "vries"}]},
    {"label": "LOC", "pattern": "Afrikaanderwijk"},
    {"label": "GPE", "pattern": "Rotterdam"},
    {"label": "ORG", "pattern": [{"LOWER": "stichting"}, {"LOWER": "buurtkracht"}]},
    {"label": "MISC", "pattern": "Ramadan"},
]

_LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": WIDTH, "upstream": "*"}
_TOK2VEC = {
    "@architectures": "spacy.HashEmbedCNN.v2",
    "width": WIDTH,
    "depth": 1,
    "embed_size": 500,
    "window_size": 1,
    "maxout_pieces": 2,
    "subword_features": True,
    "pretrained_vectors": None,
}
_PARSER = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "parser",
    "extra_state_tokens": False,
    "hidden_width": WIDTH,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": _LISTENER,
}
_LEMMATIZER = {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False}


def train() -> Language:
    """The tiny pipeline, trained deterministically on the treebank sample."""
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("nl")
    nlp.add_pipe("tok2vec", config={"model": _TOK2VEC})
    nlp.add_pipe("parser", config={"model": _PARSER})
    nlp.add_pipe(
        "trainable_lemmatizer",
        name="lemmatizer",
        config={"backoff": "orth", "model": {**_LEMMATIZER, "tok2vec": _LISTENER}},
    )
    examples = [_example(nlp, sentence) for sentence in read_conllu(SAMPLE)]
    optimizer = nlp.initialize(lambda: examples)
    for epoch in range(EPOCHS):
        random.Random(epoch).shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(ENTITIES)
    nlp.meta.update({"name": "core_news_sm", "version": VERSION, "lang": "nl"})
    return nlp


def _example(nlp: Language, sentence: Sentence) -> Example:
    words = [word.form for word in sentence.words]
    spaces = [word.space_after for word in sentence.words]
    heads, deps = [], []
    for line in sentence.lines:
        columns = line.split("\t")
        if line.startswith("#") or "-" in columns[0] or "." in columns[0]:
            continue
        index, head = int(columns[0]) - 1, int(columns[6]) - 1
        heads.append(head if head >= 0 else index)
        deps.append(columns[7])
    annotations = {
        "words": words,
        "spaces": spaces,
        "heads": heads,
        "deps": deps,
        "lemmas": [word.lemma for word in sentence.words],
    }
    return Example.from_dict(Doc(nlp.vocab, words=words, spaces=spaces), annotations)


def install(nlp: Language, site: Path) -> Path:
    """Write ``nlp`` into ``site`` as the installed package ``nl_core_news_sm``."""
    package = site / PACKAGE
    package.mkdir()
    nlp.to_disk(package / f"{PACKAGE}-{VERSION}")
    (package / "meta.json").write_text(json.dumps(nlp.meta), encoding="utf-8")
    (package / "__init__.py").write_text(
        "from pathlib import Path\n"
        "from spacy.util import get_model_meta, load_model_from_init_py\n\n"
        "__version__ = get_model_meta(Path(__file__).parent)['version']\n\n\n"
        "def load(**overrides):\n"
        "    return load_model_from_init_py(__file__, **overrides)\n",
        encoding="utf-8",
    )
    info = site / f"{PACKAGE}-{VERSION}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {VERSION}\n", encoding="utf-8"
    )
    (info / "top_level.txt").write_text(f"{PACKAGE}\n", encoding="utf-8")
    return site
