"""Pseudonymisation in the GUI: the name list dialog and the pseudonymised copy."""

from reiscoder.ui.privacy.copy_action import make_pseudonymised_copy
from reiscoder.ui.privacy.dialog import PseudonymsDialog, open_pseudonyms_dialog

__all__ = ["PseudonymsDialog", "make_pseudonymised_copy", "open_pseudonyms_dialog"]
