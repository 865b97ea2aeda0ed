"""Credentials never survive into a line a person reads."""

from __future__ import annotations

import pytest

from monitor.core.redact import mask_url, redact


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("sqlite:///repmon.db", "sqlite:///repmon.db"),
        ("sqlite:////var/lib/repmon/repmon.db", "sqlite:////var/lib/repmon/repmon.db"),
        ("postgresql+psycopg://repmon@db/repmon", "postgresql+psycopg://repmon@db/repmon"),
        ("postgresql+psycopg://repmon:hunter2@db:5432/repmon", "postgresql+psycopg://repmon:***@db:5432/repmon"),
        ("postgresql://u:p%40ss@h/db?sslmode=require", "postgresql://u:***@h/db?sslmode=require"),
        ("postgresql://u:a@b@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u@h/db?password=hunter2&x=1", "postgresql://u@h/db?password=***&x=1"),
        ("https://api.example/v1?token=abc123&q=northwind", "https://api.example/v1?token=***&q=northwind"),
    ],
)
def test_mask_url_hides_the_password_and_keeps_the_rest(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_redact_masks_urls_inside_text_and_given_secrets() -> None:
    text = "connect postgresql://repmon:hunter2@db/x failed; token xoxb-123-456 rejected; see https://h/?api_key=k1"
    out = redact(text, ["xoxb-123-456", None, ""])
    assert "hunter2" not in out and "xoxb-123-456" not in out and "k1" not in out
    assert "postgresql://repmon:***@db/x" in out and "token *** rejected" in out


def test_short_values_are_not_treated_as_secrets() -> None:
    assert redact("the cat sat", ["a", "at"]) == "the cat sat"
