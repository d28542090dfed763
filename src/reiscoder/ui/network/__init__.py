"""The network view: codes as nodes, relations as edges, laid out by networkx, drawn in Qt.

For the main window: ``open_network_window(parent, workbench)``.
"""

from reiscoder.ui.network.window import NetworkWindow, open_network_window

__all__ = ["NetworkWindow", "open_network_window"]
