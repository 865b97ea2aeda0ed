"""`python -m monitor` is the same program as the `repmon` console script."""

from monitor.cli import main

if __name__ == "__main__":
    main()
