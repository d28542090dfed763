"""Imported by the fork server of the segmentation workers: build the Dutch pipeline once."""

from reiscoder.ingest import compute  # noqa: F401 - imported to load spaCy in the fork server
from reiscoder.nlp import pipeline_name

pipeline_name()
