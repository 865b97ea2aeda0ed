"""repmon: catch an upset customer's post as it starts to spread, and draft an acknowledgment-first reply."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("repmon")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
