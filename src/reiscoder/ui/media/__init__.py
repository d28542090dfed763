"""Recordings in the GUI: the player, following along, the video dock, transcription mode."""
