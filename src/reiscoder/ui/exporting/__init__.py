"""File > Export: the dialog that chooses, previews and runs an export off the GUI thread."""
