"""The command line speaks one language: in Dutch mode also argparse's own texts (usage lines,
headings, the help option, error messages) are Dutch; the language comes from $REISCODER_LANG
or the locale, in any locale spelling, and an unknown one gives the default."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from reiscoder import i18n
from reiscoder.cli import main
from reiscoder.cli.main import build_parser
from reiscoder.demo import build_demo

# What argparse writes in English; none of it may show in Dutch mode.
ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help",
    "and exit",
    "error:",
    "the following arguments are required",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "expected one argument",
    "invalid int value",
    "subcommands",
)


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


def subcommands(parser: argparse.ArgumentParser, before: tuple[str, ...] = ()) -> Iterator[list]:
    """The argument lists that reach each (nested) subcommand: ["names", "P", "suggest"], ...

    A subcommand's own positionals before its actions (names PROJECT ACTION) get a placeholder.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield [*before, name]
                fillers = [
                    "x"
                    for a in sub._actions
                    if not a.option_strings and not isinstance(a, argparse._SubParsersAction)
                ]
                yield from subcommands(sub, (*before, name, *fillers))


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def run(args: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(args)
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_subcommands_help_is_dutch_in_dutch_mode(monkeypatch, capsys):
    paths = list(subcommands(build_parser()))
    names = {path[0] for path in paths}
    assert {"export", "analyse", "names", "server", "groups", "import-refi"} <= names
    assert ["server", "init"] in paths and ["names", "x", "suggest"] in paths
    monkeypatch.setenv("REISCODER_LANG", "nl")
    for path in [[], *paths]:
        code, text = run([*path, "--help"], capsys)
        assert code == 0, path
        assert text.startswith("gebruik: reiscoder"), path
        assert "toon deze hulp en stop" in text, path
        assert english_in(text) == [], (path, english_in(text))
        assert "-h, --help" in text
    code, text = run(["--version"], capsys)
    assert code == 0 and text.startswith("reiscoder ")
    code, text = run(["--help"], capsys)
    assert "toon het versienummer en stop" in text and "opdrachten:" in text


ERRORS = (
    (["info"], "deze argumenten ontbreken: PROJECT"),
    (["analyse", "{demo}", "tabellen"], "argument ANALYSE: ongeldige keuze: 'tabellen'"),
    (["server", "maak"], "ongeldige keuze: 'maak'"),
    (["info", "{demo}", "teveel"], "onbekende argumenten: teveel"),
    (["analyse", "{demo}", "--top"], "argument --top: verwacht één waarde"),
    (["analyse", "{demo}", "--top", "veel"], "ongeldige waarde"),
    (["export", "{demo}", "boek", "uit.docx"], "argument SOORT: ongeldige keuze: 'boek'"),
)


def test_argument_errors_are_dutch_and_english_in_english_mode(tmp_path, monkeypatch, capsys):
    demo = str(build_demo(tmp_path / "demo.reis"))
    monkeypatch.setenv("REISCODER_LANG", "nl")
    for args, expected in ERRORS:
        code, text = run([a.format(demo=demo) for a in args], capsys)
        assert code == 2, args
        assert text.startswith("gebruik: reiscoder"), args
        assert ": fout: " in text and expected in text, (args, text)
        assert english_in(text) == [], (args, english_in(text))
    # the same mistakes in English mode do show argparse's English: the check above sees it
    monkeypatch.setenv("REISCODER_LANG", "en")
    code, text = run(["info"], capsys)
    assert code == 2 and "usage:" in text and "the following arguments are required" in text
    code, text = run(["analyse", demo, "tabellen"], capsys)
    assert "invalid choice: 'tabellen'" in text
    code, text = run(["info", "--help"], capsys)
    assert "positional arguments" in text and "show this help message and exit" in text


def test_a_help_text_with_a_percent_sign_is_shown(monkeypatch, capsys):
    monkeypatch.setenv("REISCODER_LANG", "nl")
    code, text = run(["agreement", "--help"], capsys)
    assert code == 0 and "een 95%-betrouwbaarheidsinterval" in text


@pytest.mark.parametrize(
    ("environment", "label"),
    [
        ({"REISCODER_LANG": "nl"}, "Schemaversie:"),
        ({"REISCODER_LANG": "nl_NL.UTF-8"}, "Schemaversie:"),
        ({"REISCODER_LANG": "nl-BE"}, "Schemaversie:"),
        ({"REISCODER_LANG": "en"}, "Schema version:"),
        ({"REISCODER_LANG": "en_GB"}, "Schema version:"),
        ({"REISCODER_LANG": "en_US.UTF-8@euro"}, "Schema version:"),
        ({"REISCODER_LANG": "de"}, "Schemaversie:"),
        ({"REISCODER_LANG": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}, "Schemaversie:"),
        ({"REISCODER_LANG": "klingon"}, "Schemaversie:"),
        ({"LANG": "en_GB.UTF-8"}, "Schema version:"),
        ({"LANG": "nl_NL.UTF-8"}, "Schemaversie:"),
        ({"LANG": "C.UTF-8"}, "Schemaversie:"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "nl_NL.UTF-8"}, "Schemaversie:"),
        ({"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "Schema version:"),
        ({}, "Schemaversie:"),
    ],
)
def test_the_language_comes_from_the_environment_in_any_locale_spelling(
    tmp_path, monkeypatch, capsys, environment, label
):
    path = tmp_path / "p.reis"
    assert main(["new", str(path), "--template", "none"]) == 0
    for variable in i18n.LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    capsys.readouterr()
    assert main(["info", str(path)]) == 0
    assert label in capsys.readouterr().out


def test_language_names():
    assert i18n.language_from("nl_NL.UTF-8") == "nl"
    assert i18n.language_from("EN_gb") == "en"
    assert i18n.language_from("de") is None
    assert i18n.language_from("") is None
    assert i18n.language_from("POSIX") is None
    i18n.set_language("en_GB.UTF-8")
    assert i18n.current_language() == "en"
    with pytest.raises(ValueError):
        i18n.set_language("de")
    # the app: $REISCODER_LANG over the setting, a language it does not speak ignored
    assert i18n.first_language("en_GB.UTF-8", "nl") == "en"
    assert i18n.first_language("de", "en") == "en"
    assert i18n.first_language(None, "nl") == "nl"
    assert i18n.first_language("de", "fr") == i18n.DEFAULT_LANGUAGE == "nl"
