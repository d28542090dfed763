"""One reader per family of formats; each turns a file into blocks or plain text."""
