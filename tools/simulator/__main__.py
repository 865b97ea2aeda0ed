import sys

from tools.simulator.cli import main

sys.exit(main())
