"""Correcting a transcript in the GUI: :func:`start_correction` opens the edit mode."""

from reiscoder.ui.correction.dialog import CorrectionDialog, start_correction

__all__ = ["CorrectionDialog", "start_correction"]
