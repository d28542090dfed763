"""Looking at the coding: frequencies, matrices, co-occurrence, words and intercoder agreement.

Everything here is free of Qt so that the command line, the exports and the GUI share it.
"""
