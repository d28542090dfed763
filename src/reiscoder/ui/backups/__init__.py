"""Backups and checks in the GUI: File > Restore from backup… and File > Check project…"""

from reiscoder.ui.backups.check_dialog import CheckDialog, open_check_dialog
from reiscoder.ui.backups.restore_dialog import BackupsDialog, open_backups_dialog

__all__ = ["BackupsDialog", "CheckDialog", "open_backups_dialog", "open_check_dialog"]
