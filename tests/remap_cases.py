"""When must a range keep its text through a correction? Shared by the property tests.

A correction is diffed word by word: lines and words are compared whole. So a range keeps
its text exactly when it holds words (a coding does; white space alone has no text of its
own) and its whole words stay apart from the edit, not even glued to text typed beside it
("bewoner" with an "s" typed right after it is the word "bewoners")."""

from __future__ import annotations

from reiscoder.ops.remap import _is_word


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The range widened to the whole words at its two ends."""
    while 0 < start < len(text) and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    return start, end


def untouched(old: str, new: str, start: int, end: int, a: int, b: int) -> bool:
    """Whether ``old[start:end]`` lies apart from the edit that replaced ``old[a:b]``."""
    if not any(ch.isalnum() for ch in old[start:end]):
        return False
    word_start, word_end = whole_words(old, start, end)
    if a < word_end and word_start < b:
        return False  # the edit cuts into its words
    typed = new[a : len(new) - (len(old) - b)]
    if word_end == a:
        after = (typed or old[b : b + 1])[:1]
        return not (after and _is_word(old[word_end - 1]) and _is_word(after))
    if word_start == b:
        before = typed[-1:] if typed else old[a - 1 : a] if a else ""
        return not (before and _is_word(old[word_start]) and _is_word(before))
    return True
