"""Print the figures of the smoke test (bundle size, start-up time) at the end of the run."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter) -> None:
    figures = getattr(terminalreporter.config, "reiscoder_figures", {})
    if figures:
        terminalreporter.section("reiscoder bundle figures")
        for name, value in figures.items():
            terminalreporter.write_line(f"{name}: {value}")
