"""The next step a customer controls, fitted to the platform: a DM only where DMs exist.

Platform facts come from ``monitor.core.platforms.profile_for`` alone. Where there are no DMs, the
configured support email or link is offered when the platform's own step suggests writing to us,
otherwise the platform's step itself ("reply here", "reply in this issue").
"""

from __future__ import annotations

from alerts.config import ReplyConfig
from monitor.core.platforms import PlatformProfile


def channel(reply: ReplyConfig) -> str:
    """The private channel named in config ("a DM")."""
    return " ".join(reply.private_channel.split()) or "a direct message"


def public_contact(profile: PlatformProfile, reply: ReplyConfig) -> str:
    """An imperative for a platform without DMs: 'email us at help@example.com', 'reply here'."""
    step = " ".join(profile.no_dm_step.split()) or "reply here"
    email = (reply.support_email or "").strip()
    url = (reply.support_url or "").strip()
    writes = any(word in step for word in ("email", "write", "contact", "ticket"))
    if writes and email:
        return f"email us at {email}"
    if writes and url:
        return f"reach us at {url}"
    if "email" in step:
        return "reply here"  # "email us" with no address configured would leave them nowhere to go
    return step


def public_contact_es(profile: PlatformProfile, reply: ReplyConfig, phrasings: dict[str, str]) -> str:
    contact = public_contact(profile, reply)
    if contact.startswith("email us at "):
        return phrasings["contact_email"].format(email=contact.removeprefix("email us at "))
    if contact.startswith("reach us at "):
        return phrasings["contact_url"].format(url=contact.removeprefix("reach us at "))
    return phrasings["contact_here"]
