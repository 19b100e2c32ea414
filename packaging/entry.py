"""PyInstaller's entry script: the frozen app runs ``app.main.main`` (GUI, or the private sandbox-server mode)."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
