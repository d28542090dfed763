"""The transcript view: turns, highlights, margin brackets, and coding by keyboard and mouse."""
