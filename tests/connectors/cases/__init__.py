"""One module per connector, each defining ``CASE``: see the note at the top of ``tests/connectors/suite.py``."""
