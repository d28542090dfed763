import sys

from reiscoder.cli import main

if __name__ == "__main__":  # worker processes re-import the main module; do nothing there
    sys.exit(main())
