"""The command line: ``reiscoder`` opens the app; subcommands work without a window.

The top layer of the package: each module registers the subcommands of one area.
"""

from reiscoder.model.logbook import start_logging

start_logging()  # before the libraries load: their warnings go to the log file, not stderr

from reiscoder.cli.main import main  # noqa: E402 - after the log has started

__all__ = ["main"]
