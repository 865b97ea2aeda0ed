"""Keep credentials out of every line a person or a log shipper reads.

Database URLs carry passwords (``postgresql://repmon:s3cret@db/repmon``), and tokens can end up
in an exception's text. :func:`mask_url` hides the password of one URL so a start-up line or an
error can still say *which* database it means; :func:`redact` scrubs any text of URL passwords
and of the secret values it is given. Connectors, alerts and the application all use these, so
there is one rule for what is masked and how it looks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
# scheme://user:password@ : the password is everything up to the last '@' before the host
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^/\s:@]*:)(?P<password>[^\s@/]*)(?=@)")
# ?password=..., &token=..., &secret=..., access_token=...: credentials passed as query parameters
_QUERY_SECRET = re.compile(r"(?P<head>[?&;](?:password|passwd|pwd|token|access_token|secret|api_key|apikey)=)[^&\s#]*")
MIN_SECRET = 4  # shorter values would mask ordinary words


def mask_url(url: str) -> str:
    """The URL with its password (and secret query parameters) replaced by ``***``.

    Parsed with :func:`urllib.parse.urlsplit` when it parses, so ``user@host`` forms without a
    password stay as written; anything unparsable falls back to the text rules of :func:`redact`.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact(url)
    if parts.password is not None:
        user = parts.username or ""
        host = parts.netloc.rpartition("@")[2]
        url = urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{host}"))  # only then: it drops sqlite's '//'
    return _QUERY_SECRET.sub(lambda m: m.group("head") + MASK, url)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with URL passwords, secret query parameters and each given secret value masked."""
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    text = _QUERY_SECRET.sub(lambda m: m.group("head") + MASK, text)
    for secret in sorted({s for s in secrets if s and len(s) >= MIN_SECRET}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
