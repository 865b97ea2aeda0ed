"""What names one instance of trouble: identifiers (a flight, an amount, a version, an @handle, a
coined hashtag) found in a post, and which of them say what happened rather than only where.

Two complaints naming the same flight or the same amount are one story however differently they
are told; two naming different flights are two events however alike their words. An airport, a
gate, or on social sites the release everyone updated to, says only where or when.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A flight written with a space must be in capitals ("NW 608"): "now 20 minutes" and "for 40" are words.
# An error code ("HC-409", "AC_1107", "0x80-DB") comes first: read as a flight, "HC-409" lost its letters.
_IDENTIFIER = re.compile(
    r"(?<![\w$£€¥-])(?:[A-Za-z]{1,4}[-_]\d{2,6}(?![\w-])|0x[0-9A-Fa-f]+(?:-[A-Za-z0-9]+)?"
    r"|[A-Z]{1,3} \d{2,5}|[A-Za-z]{1,3}\d{2,5}|\d+\.\d+\.\d+|[$£€¥]\d[\d,]*(?:\.\d\d)?"
    r"|[A-Z]\d{1,2}|[A-Z]{3}(?=\W|$)|@[\w.]+)"
)
# Capitals that are words, not places or instances: a shared "PIN" or "SOS" is no sign of one story,
# nor a regulator ("calling the FCC next" closes everyday complaints).
_NOT_IDS = frozenset(
    """usd the and not app psa lol wtf omg usa faq ceo tsa atc eta fyi imo tbh dm dms pin sim sms otp atm isp vpn
    ios usb gps pdf url diy tba tbd aka rip irl lmk idk btw sos hub lte dsl mms gbp eur ups dhl nhs bbc cnn
    ref ext ok aok hmm ugh smh yes why who how fcc ftc fca fos sec cma caa bbb ico""".split()
)
SPECIFIC = ("link:", "id:")  # terms that name one thing: shared, they count double
_CURRENCIES = ("$", "£", "€", "¥")  # an amount in any of these is an identifier of kind "amount"


_HASHTAG = re.compile(r"(?<![\w#&])#([^\W_][\w]{2,})")
# Hashtags anyone adds to any complaint: shared, they say nothing about which story.
_GENERIC_TAGS = frozenset(
    """fail epicfail neveragain customerservice customerexperience custserv badservice poorservice disappointed
    unacceptable help helpme ripoff scam fraud outage delayed delay cancelled travel banking fintech rant
    complaint boycott shame shameonyou wtf smh annoyed angry furious frustrated notimpressed""".split()
)
# What follows a brand's name in the tags its customers add to any complaint: "#PennyworthFail".
_BRAND_SUFFIXES = frozenset("sucks support help care app bank banking down outage uk us official fails".split())
# What goes before a brand's name in the tags customers add to any complaint: "#FixDriftborne".
_BRAND_PREFIXES = frozenset("fix boycott delete cancel ban ditch quit leave stop shame dear hey save".split())


def identifier_terms(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """What names one instance: flight numbers, gates, airport codes, versions, amounts, other @handles,
    and hashtags coined for one story (``hashtag_terms``)."""
    terms = set()
    for found in _IDENTIFIER.findall(text):
        term = found.replace(" ", "").lower().rstrip(".,")
        if term.lstrip("@") in ignore or term in _NOT_IDS or _everyday_price(term):
            continue
        terms.add("id:" + term)
    return frozenset(terms) | hashtag_terms(text, ignore)


def _everyday_price(term: str) -> bool:
    """A small round amount ("£3 over", "a $5 fee") or a shop's list price ("$9.99", "£24.95") is a
    price many people pay, not one instance: every buyer of the bundle names its price."""
    if not term.startswith(_CURRENCIES):
        return False
    digits = term[1:].replace(",", "")
    if digits.endswith((".99", ".95")):
        return True
    return digits.isdigit() and int(digits) < 100


def hashtag_terms(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Hashtags coined for one story ("#LudlowATM", "#pennyworthleak"): people add them to join it.

    A coined tag is a compound: capitals inside it, a digit, or the brand's name with more after
    it. The brand's own tag and the tags anyone adds to any complaint ("#fail", "#PennyworthFail",
    "#PennyworthSupport", "#FixDriftborne", "#BoycottLumen") name no story.
    """
    terms = set()
    for tag in _HASHTAG.findall(text):
        low = tag.lower()
        rest = next((low[len(b) :] for b in ignore if b and low.startswith(b) and low != b), None)
        rally = next((low[: -len(b)] for b in ignore if b and low.endswith(b) and low != b), None)
        if low in ignore or low in _GENERIC_TAGS or rest in _GENERIC_TAGS or rest in _BRAND_SUFFIXES:
            continue
        if rally in _BRAND_PREFIXES:  # "#FixDriftborne", "#BoycottLumen": a rallying cry for every gripe
            continue
        coined = any(c.isupper() for c in tag[1:]) or any(c.isdigit() for c in tag)
        if coined or rest:
            terms.add("id:#" + low)
    return frozenset(terms)


def _id_kind(term: str) -> str:
    body = term.removeprefix("id:")
    if body.startswith("@"):
        return "handle"
    if body.startswith("#"):
        return "tag"
    if body.startswith(_CURRENCIES):
        return "amount"
    if body.count(".") == 2:
        return "version"
    if body.startswith("0x") or "-" in body or "_" in body:
        return "code"
    if body.isalpha():
        return "place"
    letters = len(body) - len(body.lstrip("abcdefghijklmnopqrstuvwxyz"))
    return "gate" if letters == 1 and len(body) <= 3 else "flight"


def is_code(term: str) -> bool:
    """An error code the app showed ("id:hc-409"): one failure, but a brand's players may quote it every day."""
    return term.startswith("id:") and _id_kind(term) == "code"


_EXCLUSIVE = ("flight", "gate", "version", "code")  # kinds of which one event names exactly one
_NAMES_NOTHING: tuple[frozenset[str], ...] = tuple(frozenset() for _ in _EXCLUSIVE)


@lru_cache(maxsize=4096)
def _named(words: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The flights, gates, versions and error codes a post names (cached: a stored complaint is compared often)."""
    ids = [t for t in words if t.startswith("id:")]
    if not ids:  # most posts name nothing: one shared answer, not three new empty sets per cached post
        return _NAMES_NOTHING
    return tuple(frozenset(t for t in ids if _id_kind(t) == kind) for kind in _EXCLUSIVE)


def conflicting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name a flight (or gate, app version, error code) and not the same one: two events, however alike."""
    named = _named(a)
    if named is _NAMES_NOTHING:  # most posts: asked of every candidate a complaint is compared with
        return False
    return any(one and other and not one & other for one, other in zip(named, _named(b), strict=True))


def may_conflict(a: frozenset[str]) -> bool:
    """Whether ``a`` names a flight (or gate, app version, error code) at all: if not, ``conflicting(a, b)``
    is False for every ``b``, and a walk comparing ``a`` with a dozen candidates need not ask."""
    return any(_named(a))


def anchored(a: frozenset[str], b: frozenset[str]) -> bool:
    """They share an identifier or a link: one named thing, not just the same kind of trouble."""
    return any(t.startswith(SPECIFIC) for t in a & b)


# Identifiers of where or which release: many independent events share an airport, a gate, or the
# version everyone updated to on patch day.
_WHERE = ("place", "gate", "version")
_WHERE_IN_REVIEWS = ("place", "gate")


def instance_terms(words: frozenset[str], releases: bool = False) -> frozenset[str]:
    """Links and identifiers that name one instance (a flight, an amount, an @handle, a coined tag).

    An airport or a gate says where, not what happened: on a storm day dozens of unrelated
    complaints name the same airport. An app version says which release: on the day a patch
    ships, every player's own gripe names it ("can't log in since 2.14.2", "the maul got buffed in
    2.14.2"), and it glued Driftborne's independent patch-day gripes into one echo. Two posts naming
    different versions are still two events (``conflicting``). In a store's reviews of the brand's
    own app (``releases``) a version is what broke ("usage doubled since 9.1.3"), and names it.
    """
    where = _WHERE_IN_REVIEWS if releases else _WHERE
    # one ``startswith`` per word ("l" is then a link, "i" an identifier). Not cached: a cache of the
    # walk's word sets kept thousands of them alive, +6 MiB at the peak of a 100,000-post import
    return frozenset(w for w in words if w.startswith(SPECIFIC) and (w[0] == "l" or _id_kind(w) not in where))
