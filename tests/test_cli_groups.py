"""Groups on the command line: made from an attribute value or a search, and used wherever
documents or codes are chosen (exports, agreement, assignments)."""

from __future__ import annotations

import docx

from reiscoder.cli import main
from reiscoder.demo import build_demo
from reiscoder.model.project import Project
from reiscoder.read.groups import load_groups


def test_groups_from_a_value_and_a_search_used_by_exports_agreement_and_assignments(
    tmp_path, capsys
):
    demo = str(build_demo(tmp_path / "demo.reis"))
    etappe = ["groups", demo, "--new", "Etappe 1", "--with", "Etappe=1 Sociale samenhang"]
    assert main(etappe) == 0
    assert "Nieuwe documentgroep “Etappe 1”: 1 lid" in capsys.readouterr().out
    assert main(["groups", demo, "--new", "Buurthuis", "--search", "buurthuis"]) == 0
    codes = ["groups", demo, "--new", "Samenhang", "--kind", "code", "--member", "1.1"]
    assert main([*codes, "--member", "1.3"]) == 0
    capsys.readouterr()
    assert main(["groups", demo]) == 0
    listed = capsys.readouterr().out
    assert "Etappe 1\tdocumenten: 1" in listed and "Samenhang\tcodes: 2" in listed
    with Project.open(demo, read_only=True) as project, project.reader() as session:
        groups = {g.name: g for g in load_groups(session)}
    assert len(groups["Buurthuis"].members) >= 1

    everything, limited = tmp_path / "alles.docx", tmp_path / "etappe.docx"
    assert main(["export", demo, "fragments", str(everything)]) == 0
    assert main(["export", demo, "fragments", str(limited), "--document-group", "Etappe 1"]) == 0
    coded = tmp_path / "samenhang.docx"
    assert main(["export", demo, "fragments", str(coded), "--code-group", "Samenhang"]) == 0
    sizes = [len(docx.Document(p).paragraphs) for p in (everything, limited, coded)]
    assert sizes[0] > sizes[1] > 0 and sizes[0] > sizes[2] > 0

    capsys.readouterr()
    assert main(["agreement", demo, "--code-group", "Samenhang"]) == 0
    agreement = capsys.readouterr().out
    assert "1.1" in agreement and "2.1" not in agreement

    copy = tmp_path / "opdracht.reis"
    assert main(["assignment", demo, str(copy), "--document-group", "Etappe 1"]) == 0
    assert "Opdracht met 1 document opgeslagen" in capsys.readouterr().out

    assert main(["export", demo, "fragments", str(limited), "--document-group", "Geen"]) == 2
    assert "Er is geen documentgroep “Geen”" in capsys.readouterr().err
