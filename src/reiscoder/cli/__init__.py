"""The command line: ``reiscoder`` opens the app; subcommands work without a window.

The top layer of the package: each module registers the subcommands of one area.
"""

from reiscoder.cli.main import main

__all__ = ["main"]
