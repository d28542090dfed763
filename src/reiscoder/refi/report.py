"""What an import or export did, in plain translated lines for a dialog or a terminal.

``counts`` has stable keys for programs and tests; ``lines()`` is what a person reads: the
counts, then what was converted, what could not be brought along and why, and warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reiscoder.i18n import N_, _

COUNT_LABELS = {
    "coders": N_("Coders"),
    "codes": N_("Codes"),
    "documents": N_("Documents"),
    "recordings": N_("Recordings"),
    "selections": N_("Selections"),
    "codings": N_("Codings"),
    "memos": N_("Memos"),
    "cases": N_("Cases"),
    "attributes": N_("Attributes"),
    "values": N_("Attribute values"),
    "sets": N_("Sets"),
    "groups": N_("Groups"),
    "relations": N_("Relations between codes"),
    "networks": N_("Networks"),
    "matched_codes": N_("Codes that were already in the project"),
    "matched_documents": N_("Documents that were already in the project"),
    "matched_codings": N_("Codings that were already in the project"),
    "duplicate_codings": N_("Codings that occur twice in the file, brought in once"),
}


@dataclass
class ExchangeReport:
    path: Path
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    converted: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, key: str, amount: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + amount

    def lines(self) -> list[str]:
        lines = [self.title]
        lines += [
            f"  {_(COUNT_LABELS[key])}: {self.counts[key]}"
            for key in COUNT_LABELS
            if self.counts.get(key)
        ]
        for heading, items in (
            (self._converted_heading(), self.converted),
            (self._dropped_heading(), self.dropped),
            (_("Warnings:"), self.warnings),
        ):
            if items:
                lines.append(heading)
                lines += [f"  - {item}" for item in items]
        return lines

    def _converted_heading(self) -> str:
        return _("Converted:")

    def _dropped_heading(self) -> str:
        return _("Not brought in:")


@dataclass
class ImportReport(ExchangeReport):
    """After an import: what came in, what was converted, and what was left out and why."""

    merged: bool = False
    backup: Path | None = None
    origin: str = ""

    def lines(self) -> list[str]:
        lines = super().lines()
        intro = []
        if self.origin:
            intro.append("  " + _("Made with: {origin}").format(origin=self.origin))
        if self.backup is not None:
            intro.append("  " + _("Backup made first: {path}").format(path=self.backup))
        return lines[:1] + intro + lines[1:]


@dataclass
class ExportReport(ExchangeReport):
    """After an export: what went out, and what the receiving tool should know."""

    def _dropped_heading(self) -> str:
        return _("Not exported:")
