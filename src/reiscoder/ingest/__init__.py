"""Bring transcripts into a project: store them, segment them, index them for search."""
