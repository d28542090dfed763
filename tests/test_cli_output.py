"""What the command line writes, on the demo project: each export kind only in its own
formats, a quiet end when the reader of a pipe goes away, counts in the right plural form,
every analysis as a table with a header, and a README that lists the commands there are."""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reiscoder.cli import main
from reiscoder.cli.export import formats
from reiscoder.cli.main import PIPE_CLOSED_EXIT_CODE, build_parser
from reiscoder.demo import build_demo

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = (".docx", ".xlsx", ".csv", ".pdf", "")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    return str(build_demo(tmp_path_factory.mktemp("demo") / "demo.reis"))


@pytest.fixture(autouse=True)
def _dutch(monkeypatch):
    monkeypatch.setenv("REISCODER_LANG", "nl")


def subparser(*names: str) -> argparse.ArgumentParser:
    parser = build_parser()
    for name in names:
        [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        parser = commands.choices[name]
    return parser


def choices(parser: argparse.ArgumentParser, dest: str) -> list[str]:
    [action] = [a for a in parser._actions if a.dest == dest]
    return list(action.choices)


def written_format(path: Path) -> str:
    """What a file really is, from its contents: .docx, .xlsx or .csv."""
    if zipfile.is_zipfile(path):
        names = zipfile.ZipFile(path).namelist()
        return (
            ".docx"
            if "word/document.xml" in names
            else ".xlsx"
            if "xl/workbook.xml" in names
            else "?"
        )
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    return ".csv" if len(rows) > 1 and len(rows[0]) > 1 else "?"


def test_each_export_kind_writes_its_own_formats_and_refuses_the_others(demo, tmp_path, capsys):
    kinds = choices(subparser("export"), "kind")
    assert {"codebook", "codings", "matrix", "grading", "matrix-csv"} <= set(kinds)
    assert set(formats("matrix")) == {".xlsx", ".csv"} and set(formats("memos")) == {".docx"}
    for kind in kinds:
        own = formats(kind)
        assert own, kind
        for suffix in SUFFIXES:
            target = tmp_path / f"{kind}-uit{suffix}"
            code = main(["export", demo, kind, str(target)])
            captured = capsys.readouterr()
            if suffix in own:
                assert code == 0, (kind, suffix, captured.err)
                assert written_format(target) == suffix, (kind, suffix)
            else:
                assert code == 2, (kind, suffix)
                assert not target.exists(), (kind, suffix)
                if len(own) == 1:
                    expected = f"Een {kind}-export is een {''.join(own)}-bestand; geef het"
                else:
                    formats_ = ", ".join(sorted(own))
                    expected = (
                        f"“{target.name}”: een {kind}-export kan alleen in deze formaten: "
                        f"{formats_}. Er is niets geschreven."
                    )
                assert expected in captured.err, (kind, suffix)


def _run_into_a_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run reiscoder with its output into a real pipe whose reader has already gone."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "reiscoder", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "REISCODER_LANG": "nl"},
            timeout=300,
            check=False,
        )
    finally:
        os.close(writer)


def test_a_closed_pipe_ends_quietly_with_the_shells_code(demo):
    short = _run_into_a_closed_pipe(["codebook", demo])  # still buffered at the end
    long = _run_into_a_closed_pipe(["analyse", demo, "words", "--top", "3000"])  # mid-way
    for result in (short, long):
        assert result.stderr == ""
        assert result.returncode == PIPE_CLOSED_EXIT_CODE == 141


def test_a_pipe_that_stays_open_gets_everything(demo):
    head = subprocess.run(
        f'"{sys.executable}" -m reiscoder codebook "{demo}" | head -n 2',
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "REISCODER_LANG": "nl"},
        timeout=300,
        check=True,
    )
    assert head.stdout.splitlines()[0].startswith("1 Sociale samenhang  [#")
    assert "Traceback" not in head.stderr and "BrokenPipe" not in head.stderr


def test_counts_take_the_right_plural_form(demo, tmp_path, capsys):
    assert main(["search", demo, "koffie"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 zin gevonden."
    assert main(["search", demo, "bus"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 zinnen gevonden."
    assert main(["search", demo, "xyzzy"]) == 0
    assert capsys.readouterr().out == "0 zinnen gevonden.\n"

    assert main(["codebook", demo]) == 0
    book = capsys.readouterr().out
    assert "(3 coderingen in 1 document)" in book and "(0 coderingen in 0 documenten)" in book
    assert "1 documenten" not in book and "1 coderingen" not in book

    group = ["groups", demo, "--new", "Koffie", "--search", "koffie"]
    assert main(group) == 0
    assert capsys.readouterr().out.strip() == "Nieuwe documentgroep “Koffie”: 1 lid"
    assert main(["assignment", demo, str(tmp_path / "a.reis"), "--document-group", "Koffie"]) == 0
    assert "Opdracht met 1 document opgeslagen in" in capsys.readouterr().out

    names = tmp_path / "namen.csv"
    names.write_text("entry,kind,pseudonym,forms\nFatima,person,Noor,\n", encoding="utf-8")
    copy = tmp_path / "kopie.reis"
    assert main(["new", str(copy), "--template", "none"]) == 0
    capsys.readouterr()
    assert main(["names", str(copy), "import", str(names)]) == 0
    assert capsys.readouterr().out.strip() == "1 naam toegevoegd, 0 gewijzigd."
    assert main(["names", str(copy), "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 naam in de lijst."


def test_every_analysis_prints_a_table_with_a_header(demo, capsys):
    kinds = choices(subparser("analyse"), "what")
    assert kinds == ["frequencies", "cooccurrence", "words"]
    headers = {
        "frequencies": ["Code", "Coderingen", "Documenten", "Woorden"],
        "cooccurrence": ["Code", "Code", "Samen", "Coëfficiënt"],
        "words": ["Lemma", "Aantal", "Vormen"],
    }
    for kind in kinds:
        assert main(["analyse", demo, kind]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].endswith("."), kind  # what the table counts
        assert lines[1].split() == headers[kind], kind
        assert len(lines) > 2, kind
    # the demo's codings do not overlap: said in words, under the header
    assert main(["analyse", demo, "cooccurrence"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == ["Geen twee codes komen samen voor."]
    for proximity in choices(subparser("analyse"), "proximity"):
        assert main(["analyse", demo, "cooccurrence", "--proximity", proximity]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[1].split() == headers["cooccurrence"]
    assert re.match(r"3\.1 Nabijheid en leefwereld +4\.1 Ervaringskennis +1 +0,33$", lines[2])


def _readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    return [line.split("#")[0].split() for line in lines if line.startswith("reiscoder")]


def test_the_readme_lists_the_commands_there_are_with_their_real_formats():
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    listed = _readme_commands()
    named = {words[1] for words in listed if len(words) > 1}
    for words in listed:
        if len(words) < 2 or words[1].endswith(".reis") or words[1].startswith("postgresql:"):
            continue  # `reiscoder` and `reiscoder PROJECT.reis` open the app
        assert words[1] in commands.choices, words
    assert set(commands.choices) - {"open"} <= named
    exports = [words for words in listed if words[1:2] == ["export"]]
    assert exports
    for words in exports:
        suffixes = {"." + part.rsplit(".", 1)[-1] for part in words[4].split("|")}
        for kind in words[3].split("|"):
            assert set(formats(kind)) == suffixes, (kind, suffixes)
    documented = {kind for words in exports for kind in words[3].split("|")}
    assert documented == {k for k in choices(subparser("export"), "kind") if "-" not in k}
