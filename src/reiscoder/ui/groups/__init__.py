"""Edit > Groups: groups of documents and codes, made by hand, from a search or an attribute
value. For the main window: ``open_groups_dialog(parent, workbench)``."""

from reiscoder.ui.groups.dialog import GroupsDialog, open_groups_dialog

__all__ = ["GroupsDialog", "open_groups_dialog"]
