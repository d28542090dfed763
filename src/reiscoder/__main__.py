import multiprocessing
import sys

if __name__ == "__main__":  # worker processes re-import the main module; do nothing there
    # In the frozen app (PyInstaller) the program itself is also the worker process, the fork
    # server and the resource tracker: those runs end here, before the command line is read.
    multiprocessing.freeze_support()
    from reiscoder.cli import main

    sys.exit(main())
