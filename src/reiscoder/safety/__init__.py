"""Protecting the research: rolling backups and restore, checks and safe repairs, and the
position mapping behind transcript corrections. Free of Qt."""
