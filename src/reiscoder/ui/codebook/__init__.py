"""The parts of the Codebook panel: item model, filter, tree view, editor, dialogs, actions."""
