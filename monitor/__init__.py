"""repmon: catch an upset customer's post as it starts to spread, and draft an acknowledgment-first reply."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__`` from the installed metadata, read when asked (importlib.metadata is slow to import)."""
    if name != "__version__":
        raise AttributeError(f"module 'monitor' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("repmon")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"
