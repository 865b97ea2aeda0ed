"""Links as echo content: one term per link, named by what it points at.

Two complaints sharing a link are as specific as content gets ("look at this thread"), so a link
is one term (``link:host/path?query``) weighted above any word. What it points at can live in
the query (a video's id), so only the parameters that say who shared it and how are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_URL = re.compile(r"https?://\S+", re.IGNORECASE)
# Query parameters that say who shared a link and how, not what it points at (``utm_*`` too).
_TRACKING = frozenset(
    "utm fbclid gclid dclid msclkid igshid mc_cid mc_eid si ref ref_src ref_url s t feature share".split()
)


def link_terms(text: str) -> frozenset[str]:
    """Shared links are as specific as content gets: one term per link, without scheme or tracking.

    What a link points at can live in its query ("youtube.com/watch?v=..."), so the query stays,
    less the parameters that only say who shared it and how (``utm_*``, ``fbclid``, ``si``...):
    cut whole, every video on a site would be one link.
    """
    terms = set()
    for url in _URL.findall(text):
        term = _link_term(url.rstrip("/.,;:!?)'\""))
        if term:
            terms.add(term)
    return frozenset(terms)


def links_as_words(text: str) -> str:
    """The text with each link reduced to what it points at, as words: a slug ("plus-charging-delivery")
    or a video's id says what the story is; the scheme, the host and the share tracking say nothing,
    and every link to one site would share them."""
    return _URL.sub(lambda found: f" {_link_words(found.group())} ", text) if "://" in text else text


def _link_words(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return " ".join([parts.path, *(value for key, value in _kept_query(parts.query))])


def _kept_query(query: str) -> list[tuple[str, str]]:
    return [(key, value) for key, value in parse_qsl(query) if not _tracking(key.lower())]


def _tracking(key: str) -> bool:
    return key.startswith("utm_") or key in _TRACKING


def _link_term(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed address ("http://[::1") is no link anyone can follow
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    if not path:  # a bare domain is the brand's own site in every other post
        return None
    query = sorted(f"{key.lower()}={value.lower()}" for key, value in _kept_query(parts.query))
    return f"link:{host}{path}" + (f"?{'&'.join(query)}" if query else "")
