"""The Documents panel's parts: table model, delegates, import, speakers and attribute dialogs."""
