"""Lists of rows shown in the bottom panels: table models, delegates, small dialogs."""
