#!/usr/bin/env python3
"""Kept for the commands in older docs: the generator is the ``tools.simulator`` package now."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.simulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
