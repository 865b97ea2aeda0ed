"""Make templated posts read like different people wrote them.

Independent customers do not post the same sentence: two people whose slots were missed both say
so, but in their own words, with their own context and their own typos. Without this step a
template used forty times a week is forty verbatim copies, which no real week holds and which any
echo detector rightly reads as one story (the first crosscheck run showed exactly that: "the new
Basketly app icon is ugly imo" from 23 authors). Echo tellings are hand-written paraphrases already
and do not pass through here; a repeater copy-pastes on purpose and does not either.
"""

from __future__ import annotations

import random
import re

SYNONYMS: dict[str, tuple[str, ...]] = {
    "again": ("again", "AGAIN", "yet again", "once more", "again!"),
    "annoying": ("annoying", "irritating", "a pain", "frustrating", "a bit much"),
    "ugly": ("ugly", "hideous", "awful", "grim"),
    "instantly": ("instantly", "straight away", "right away", "within minutes"),
    "nice": ("nice", "nice one", "appreciated", "good stuff"),
    "great": ("great", "brilliant", "fantastic", "really good"),
    "lovely": ("lovely", "so kind", "really nice", "a star"),
    "quick": ("quick", "fast", "speedy", "rapid"),
    "impressive": ("impressive", "not bad at all", "wow", "amazing"),
    "support": ("support", "customer service", "the help chat", "customer support"),
    "rude": ("rude", "really rude", "dismissive", "short with me"),
    "joke": ("joke", "farce", "shambles", "clown show"),
    "slow": ("slow", "sluggish", "laggy", "painfully slow"),
    "crashed": ("crashed", "froze", "died", "fell over"),
    "crashes": ("crashes", "freezes", "dies", "falls over"),
    "terrible": ("terrible", "awful", "dreadful", "rubbish"),
    "charged": ("charged", "billed"),
    "cold": ("cold", "stone cold", "lukewarm", "freezing"),
    "minutes": ("minutes", "mins", "min"),
    "mins": ("mins", "minutes", "min"),
    "honestly": ("honestly", "genuinely", "seriously"),
    "internet": ("internet", "wifi", "connection", "broadband"),
    "bill": ("bill", "invoice", "statement"),
    "unusable": ("unusable", "useless", "a joke", "pointless"),
    "anyone": ("anyone", "anybody", "does anyone"),
    "love": ("love", "really like", "adore"),
    "pricey": ("pricey", "expensive", "steep"),
    "fine": ("fine", "ok", "alright", "grand"),
    "bit": ("bit", "little", "tad"),
    "really": ("really", "so", "very"),
}
CONTEXTS = (
    "on my lunch break",
    "while working from home",
    "first time in ages",
    "on a Sunday night",
    "right before a work call",
    "and it's raining",
    "with guests coming over",
    "on my day off",
)
UPSET_CONTEXTS = (
    "for the second week running",
    "after a twelve hour shift",
    "with the kids starving",
    "of all days",
    "and I'm not even surprised",
    "and I'm on a deadline",
    "when I needed it most",
    "and my partner is fuming too",
)
TAILS = ("", "", "", "!", "...", " lol", " ngl", " tbh")
UPSET_TAILS = (" 😩", " 🙃", " smh", "?!", " 😤", " ffs", " 🤷")
_WORD = re.compile(r"[A-Za-z']+")


def vary(text: str, rng: random.Random, protect: tuple[str, ...] = (), *, upset: bool = False) -> str:
    """``text`` reworded the way one more person would have put it (words in ``protect`` stay as they are).

    Only an ``upset`` post gets an upset context or sign-off; a question gets no context.
    """
    if not text:
        return text
    text = _WORD.sub(lambda m: _swap(m.group(0), rng, protect), text)
    if rng.random() < 0.35 and not text.rstrip().endswith("?"):
        context = rng.choice(CONTEXTS + UPSET_CONTEXTS if upset else CONTEXTS)
        text = text.rstrip(" .!") + (f", {context}." if rng.random() < 0.5 else f". {context[0].upper()}{context[1:]}.")
    if rng.random() < 0.15:
        text = text.lower()
    tail = rng.choice(TAILS + UPSET_TAILS if upset else TAILS)
    text = (text.rstrip(" .") if tail[:1] in ("?", "!", ".") else text.rstrip()) + tail
    return text.replace(" app app", " app").replace("  ", " ")


def _swap(word: str, rng: random.Random, protect: tuple[str, ...]) -> str:
    lower = word.lower()
    if any(p in lower for p in protect):
        return word
    options = SYNONYMS.get(lower)
    if options and rng.random() < 0.6:
        choice = rng.choice(options)
        return choice.capitalize() if word[0].isupper() and choice.islower() else choice
    if len(word) > 5 and rng.random() < 0.02:  # a typo now and then: two letters swapped
        at = rng.randrange(1, len(word) - 2)
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word
