"""Charts as PNG and SVG files, tables as .xlsx."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from reiscoder.analysis.charts import bar_chart, heat_map, save
from reiscoder.reports.analysis_tables import write_table_xlsx


def test_bar_chart_and_heat_map_files(tmp_path):
    bars = bar_chart(
        ["1.1 Thuis voelen", "1.2 Kleine ontmoetingen"],
        [("Anna", [3, 1]), ("Bram", [2, 0])],
        title="Coderingen",
    )
    png = save(bars, tmp_path / "staaf.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    heat = heat_map(["1.1", "1.2"], ["Etappe 1", "Etappe 2"], [[3, 0], [1, 5]], percent=False)
    svg = save(heat, tmp_path / "hitte.svg")
    assert b"<svg" in svg.read_bytes()[:400]
    with pytest.raises(ValueError):
        save(heat, tmp_path / "hitte.gif")


def test_table_to_xlsx_keeps_numbers(tmp_path):
    path = tmp_path / "tabel.xlsx"
    write_table_xlsx(path, "Frequenties", ["Code", "Coderingen"], [["1.1 Thuis", 3], ["=1+1", 0]])
    sheet = load_workbook(path).active
    assert sheet.title == "Frequenties"
    assert [c.value for c in sheet[2]] == ["1.1 Thuis", 3]
    assert sheet["A3"].value == "'=1+1" and sheet["A3"].data_type == "s"  # never a formula
