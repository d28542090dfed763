import sys

from reiscoder.cli import main

sys.exit(main())
