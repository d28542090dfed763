"""The analysis window, and the dialogs for assignments and merging students' copies.

For the main window's menus: ``open_analysis_window(parent, workbench)``,
``open_assignment_dialog(parent, workbench)`` and ``open_merge_dialog(parent, workbench)``.
"""

from reiscoder.ui.analysis.dialogs import open_assignment_dialog, open_merge_dialog
from reiscoder.ui.analysis.window import open_analysis_window

__all__ = ["open_analysis_window", "open_assignment_dialog", "open_merge_dialog"]
