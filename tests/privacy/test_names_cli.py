"""``reiscoder names``: the name list built, reviewed and versioned without the app."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.errors import REFUSED_EXIT_CODE
from reiscoder.model import Pseudonym
from reiscoder.model.project import Project
from tests.factories import add_document, new_project

TEXT = (
    "Interviewer: Graag. Youssef, stel je jezelf voor?\n\n"
    "R: Ik ben Youssef El Amrani en ik woon op Katendrecht. Ik werk bij Stichting Wijkpaleis. "
    "Mail youssef.elamrani@example.nl of bel 06-12345678.\n"
)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        add_document(session, "Gesprek", TEXT)
    return path


def entries(path) -> dict[str, Pseudonym]:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        return {row.original: row for row in session.scalars(select(Pseudonym))}


def test_suggest_prints_and_accept_puts_people_places_and_organisations_on_the_list(path, capsys):
    assert main(["names", str(path), "suggest"]) == 0
    printed = capsys.readouterr().out
    assert "Youssef El Amrani\tperson" in printed and "Katendrecht\tplace" in printed
    assert entries(path) == {}  # only printed
    assert main(["names", str(path), "suggest", "--accept"]) == 0
    listed = entries(path)
    assert {"Youssef El Amrani", "Katendrecht", "Stichting Wijkpaleis"} <= set(listed)
    assert not listed["Youssef El Amrani"].confirmed  # to check
    assert main(["names", str(path), "suggest", "--accept", "place"]) == 0  # nothing new


def test_add_list_remove_and_reject(path, capsys):
    assert main(["names", str(path), "add", "Fatima Bakkali", "--pseudonym", "Samira Bouzid",
                 "--form", "Fati", "--form", "Timaatje"]) == 0  # fmt: skip
    assert main(["names", str(path), "add", "Katendrecht", "--kind", "plaats"]) == 0
    assert main(["names", str(path), "reject", "Turkse"]) == 0
    capsys.readouterr()
    assert main(["names", str(path), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Fatima Bakkali\tperson\tSamira Bouzid\tFati; Timaatje" in lines
    assert "Katendrecht\tplace\t[plaats A]" in lines
    assert lines[-1] == "2 namen in de lijst."
    assert main(["names", str(path), "remove", "katendrecht"]) == 0
    assert set(entries(path)) == {"Fatima Bakkali", "Turkse"}


def test_export_and_import_round_trip_in_csv(path, tmp_path):
    main(["names", str(path), "add", "Fatima Bakkali", "--form", "Fati"])
    main(["names", str(path), "add", "Katendrecht", "--kind", "place", "--pseudonym", "[wijk K]"])
    out = tmp_path / "namen.csv"
    assert main(["names", str(path), "export", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows == [
        {"entry": "Fatima Bakkali", "kind": "person", "pseudonym": "Persoon 1", "forms": "Fati"},
        {"entry": "Katendrecht", "kind": "place", "pseudonym": "[wijk K]", "forms": ""},
    ]
    other = tmp_path / "ander.reis"
    assert main(["new", str(other), "--template", "none"]) == 0
    assert main(["names", str(other), "import", str(out)]) == 0
    assert {k: (v.kind, v.pseudonym, v.forms) for k, v in entries(other).items()} == {
        "Fatima Bakkali": ("person", "Persoon 1", "Fati"),
        "Katendrecht": ("place", "[wijk K]", ""),
    }
    # importing again changes, never doubles
    out.write_text("entry;kind;pseudonym;forms\nKatendrecht;plaats;[wijk Z];Katendrechter\n")
    assert main(["names", str(other), "import", str(out)]) == 0
    assert entries(other)["Katendrecht"].pseudonym == "[wijk Z]"
    assert entries(other)["Katendrecht"].forms == "Katendrechter"


def test_uncovered_lists_numbers_addresses_and_names_not_decided(path, capsys):
    main(["names", str(path), "add", "Youssef El Amrani"])
    capsys.readouterr()
    assert main(["names", str(path), "uncovered"]) == 0
    out = capsys.readouterr().out
    assert "06-12345678\tNummer" in out
    assert "Katendrecht\tWoord met hoofdletter" in out
    found = [line.split("\t")[0] for line in out.splitlines() if "\t" in line]
    assert "youssef.elamrani@example.nl" not in found  # the name in it is replaced already
    assert not any(text.startswith("Youssef") for text in found)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Kees", "--kind", "dier"], "Onbekende soort “dier”"),
        (["remove", "Niemand"], "Niet in de namenlijst: Niemand"),
        (["add", "K"], "minstens twee letters of cijfers"),
        (["suggest", "--accept", "mens"], "Onbekende soort “mens”"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(path, capsys, args, message):
    main(["names", str(path), "add", "Fatima"])
    before = {k: (v.pseudonym, v.kind) for k, v in entries(path).items()}
    capsys.readouterr()
    assert main(["names", str(path), *args]) == REFUSED_EXIT_CODE
    assert message in capsys.readouterr().err
    assert {k: (v.pseudonym, v.kind) for k, v in entries(path).items()} == before


def test_a_bad_csv_file_is_refused_and_nothing_is_imported(path, tmp_path, capsys):
    bad = tmp_path / "slecht.csv"
    bad.write_text("naam,soort\nFatima,persoon\n", encoding="utf-8")
    assert main(["names", str(path), "import", str(bad)]) == REFUSED_EXIT_CODE
    assert "de eerste regel moet de kolommen noemen" in capsys.readouterr().err
    bad.write_text("entry,kind\nFatima,persoon\nKees,dier\n", encoding="utf-8")
    assert main(["names", str(path), "import", str(bad)]) == REFUSED_EXIT_CODE
    assert "slecht.csv:3: Onbekende soort “dier”" in capsys.readouterr().err
    assert main(["names", str(path), "import", str(tmp_path / "weg.csv")]) == REFUSED_EXIT_CODE
    said = capsys.readouterr().err
    assert "Kan " in said and "bestaat niet" in said and "No such file" not in said
    (tmp_path / "oud.csv").write_bytes("entry,kind\nJosé,persoon\n".encode("cp1252"))
    assert main(["names", str(path), "import", str(tmp_path / "oud.csv")]) == REFUSED_EXIT_CODE
    assert "geen UTF-8-tekst" in capsys.readouterr().err
    assert entries(path) == {}
