"""Dutch names found by ``deduce``, the de-identification library made for Dutch text.

``deduce`` (LGPL, pure Python, no network) knows Dutch first names and surnames, initials and
tussenvoegsels, Dutch place names, institutions, dates, ages, phone numbers, e-mail addresses,
URLs and BSN-like numbers. Its lookup tables are built once, on first use (``make run``
builds them at install) and kept in the user data folder; every later start loads them
(`bench/names.py` prints how long). Street names and healthcare institutions are left out: their
tables are large (10 s each to load) and a street is caught by its ending (``...straat``).

Run ``python -m reiscoder.privacy.deduce_names`` to build the tables ahead of use.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reiscoder.model.privacy import NameKind
from reiscoder.paths import user_data_dir

CACHE_FORMAT = 1
LEFT_OUT_TABLES = ("street", "healthcare_institution")
LEFT_OUT_ANNOTATORS = ("street_lookup", "institution", "patient_name")
# deduce's tags -> the kind on the name list; None: a number or address for the checklist.
TAG_KINDS: dict[str, NameKind | None] = {
    "persoon": NameKind.PERSON,
    "locatie": NameKind.PLACE,
    "straat": NameKind.PLACE,
    "ziekenhuis": NameKind.ORGANISATION,
    "zorginstelling": NameKind.ORGANISATION,
}
_lock = threading.Lock()
_detector: Any = None  # a deduce.Deduce of our own (deduce has no types)
load_seconds: float | None = None  # how long the last load took (for bench/names.py)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    tag: str  # deduce's tag: persoon, locatie, emailadres, telefoonnummer, datum, ...

    @property
    def kind(self) -> NameKind | None:
        return TAG_KINDS.get(self.tag)


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("deduce") is not None


def detect(texts: list[str]) -> list[list[Found]]:
    """What deduce flags in each text (an empty list per text when deduce is missing)."""
    detector = load_detector()
    if detector is None:
        return [[] for _text in texts]
    results = []
    for text in texts:
        document = detector.deidentify(text)
        found = [
            Found(a.start_char, a.end_char, a.tag.split("+")[0] if a.tag else "")
            for a in document.annotations
        ]
        results.append(sorted(found, key=lambda f: (f.start, f.end)))
    return results


def load_detector() -> Any:
    """The detector, loaded once per process (built and cached on first use)."""
    global _detector, load_seconds
    with _lock:
        if _detector is None and available():
            began = time.perf_counter()
            _detector = _make_detector()
            load_seconds = time.perf_counter() - began
        return _detector


def cache_file() -> Path:
    deduce = _import_quietly()
    return user_data_dir() / "deduce" / f"lookup-{deduce.__version__}-{CACHE_FORMAT}.pickle"


def _make_detector() -> Any:
    deduce_base: Any = _import_quietly().Deduce
    from deduce.deduce import _LOOKUP_LIST_PATH, _DeduceProcessorLoader

    class Detector(deduce_base):
        """deduce with our tables: the same annotators, minus the left-out tables."""

        def __init__(self) -> None:
            import docdeid

            docdeid.DocDeid.__init__(self)
            self.config = self._initialize_config(load_base_config=False, user_config=_config())
            self.lookup_data_path = _LOOKUP_LIST_PATH
            self.cache_path = cache_file().parent
            self.tokenizers = {"default": self._initialize_tokenizer(_LOOKUP_LIST_PATH)}
            self.lookup_structs = _lookup_tables(self.tokenizers["default"])
            extras = {"tokenizer": self.tokenizers["default"], "ds": self.lookup_structs}
            self.processors = _DeduceProcessorLoader().load(config=self.config, extras=extras)

    return Detector()


def _config() -> dict:
    import json

    from deduce.deduce import _BASE_CONFIG_FILE

    config = json.loads(Path(_BASE_CONFIG_FILE).read_text(encoding="utf-8"))
    for name in LEFT_OUT_ANNOTATORS:
        config["annotators"].pop(name, None)
    return config


def _lookup_tables(tokenizer: Any) -> Any:
    path = cache_file()
    try:
        with path.open("rb") as file:
            return pickle.load(file)  # our own file in the user's data folder
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    tables = _build_tables(tokenizer)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    with partial.open("wb") as file:
        pickle.dump(tables, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)
    return tables


def _build_tables(tokenizer: Any) -> Any:
    import docdeid
    from deduce.data.lookup.src import all_lists
    from deduce.deduce import _LOOKUP_LIST_PATH
    from deduce.lookup_structs import (
        _LOOKUP_SET_LOADERS,
        _LOOKUP_TRIE_LOADERS,
        load_raw_itemsets,
    )

    lists = [name for name in all_lists if name.split("lst_")[-1] not in LEFT_OUT_TABLES]
    items = load_raw_itemsets(base_path=_LOOKUP_LIST_PATH, subdirs=lists)
    tables = docdeid.ds.DsCollection()
    for name in set(items) - set(_LOOKUP_SET_LOADERS) - set(_LOOKUP_TRIE_LOADERS):
        table = docdeid.ds.LookupSet()
        table.add_items_from_iterable(items[name])
        tables[name] = table
    for name, load in _LOOKUP_SET_LOADERS.items():
        tables[name] = load(items)
    for name, load in _LOOKUP_TRIE_LOADERS.items():
        if name not in LEFT_OUT_TABLES:
            tables[name] = load(items, tokenizer)
    return tables


def _import_quietly() -> Any:
    """Import deduce without the logging set-up it does on import (DEBUG to stdout).

    Every import of deduce goes through here."""
    import sys

    if "deduce" in sys.modules:
        return sys.modules["deduce"]
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


if __name__ == "__main__":
    load_detector()
    print(f"deduce: {cache_file()} ({load_seconds:.1f} s)")
