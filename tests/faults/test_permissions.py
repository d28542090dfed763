"""A project that may not be written: refused at once, in Dutch, with the way out, and left
byte for byte as it was. Run as an unprivileged user: root may write anywhere."""

from __future__ import annotations

from tests.faults.conftest import assert_plain, count_rows, digest, make_project, run_cli

REFUSED = 2


def test_a_read_only_project_file_refuses_an_import_and_stays_as_it_was(place):
    project = make_project(place / "project.reis")
    place.chmod(0o777)  # the folder may be written, the file not
    project.chmod(0o444)
    before = digest(project)
    result = run_cli(
        place, "import", "project.reis", "transcript.txt", "--coder", "Anna", unprivileged=True
    )
    assert result.returncode == REFUSED, result.stderr
    assert "project.reis is alleen-lezen" in result.stderr
    assert "open het dan alleen-lezen" in result.stderr
    assert_plain(result.stdout + result.stderr)
    assert digest(project) == before
    assert sorted(p.name for p in place.iterdir()) == ["home", "project.reis", "transcript.txt"]
    assert count_rows(project, "codings") == 3
    assert count_rows(project, "documents") == 1


def test_a_read_only_project_file_can_still_be_looked_at(place):
    project = make_project(place / "project.reis")
    place.chmod(0o777)
    project.chmod(0o444)
    before = digest(project)
    result = run_cli(place, "info", "project.reis", unprivileged=True)
    assert result.returncode == 0, result.stderr
    assert "Coderingen:" in result.stdout and "3" in result.stdout
    assert digest(project) == before


def test_a_read_only_folder_is_not_called_a_damaged_file(place):
    project = make_project(place / "project.reis")
    project.chmod(0o666)  # the file may be written, its folder not
    place.chmod(0o755)
    before = digest(project)
    result = run_cli(
        place, "import", "project.reis", "transcript.txt", "--coder", "Anna", unprivileged=True
    )
    assert result.returncode == REFUSED, result.stderr
    assert "je mag in deze map niet schrijven" in result.stderr
    assert "beschadigd" not in result.stderr
    assert "reservekopie" not in result.stderr
    assert_plain(result.stdout + result.stderr)
    assert digest(project) == before
    assert not (place / "project.reis.lock").exists()
    assert count_rows(project, "codings") == 3


def test_every_command_that_changes_a_read_only_project_refuses_the_same_way(place):
    project = make_project(place / "project.reis")
    place.chmod(0o777)
    project.chmod(0o444)
    before = digest(project)
    codes = set()
    for command in (
        ["import", "project.reis", "transcript.txt", "--coder", "Anna"],
        ["names", "project.reis", "add", "Fatima"],
        ["check", "project.reis", "--repair"],
    ):
        result = run_cli(place, *command, unprivileged=True)
        assert "alleen-lezen" in result.stderr, command
        assert_plain(result.stdout + result.stderr)
        codes.add(result.returncode)
    assert codes == {REFUSED}
    assert digest(project) == before


def test_a_new_project_in_a_read_only_folder_is_refused_and_leaves_nothing(place):
    place.chmod(0o755)
    result = run_cli(place, "new", "nieuw.reis", "--coder", "Anna", unprivileged=True)
    assert result.returncode == REFUSED, result.stderr
    assert "je mag in deze map niet schrijven" in result.stderr
    assert_plain(result.stdout + result.stderr)
    assert sorted(p.name for p in place.iterdir()) == ["home", "transcript.txt"]
