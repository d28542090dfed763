"""Qt-free read models: what each part of the window shows, loaded with few queries."""
