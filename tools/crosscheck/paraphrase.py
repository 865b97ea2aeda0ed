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
# How else people say the recurring complaints' key phrases: two customers with the same trouble
# share what it is about, rarely the same sentence.
PHRASES: dict[str, tuple[str, ...]] = {
    "is still 'nearby'": ("is still 'nearby'", "hasn't moved in ages", "is apparently two streets away", "is lost"),
    "food arrived stone cold": ("food arrived stone cold", "everything was cold", "dinner was freezing", "cold food"),
    "keep saying 'arriving now'": ("keep saying 'arriving now'", "say 'almost there'", "show 'arriving'"),
    "tracking has shown the same dot for half an hour": (
        "tracking has shown the same dot for half an hour",
        "map hasn't moved for 30 mins",
        "rider icon stuck in one place forever",
        "tracker frozen",
        "tracking is stuck",
    ),
    "starving": ("starving", "so hungry", "kids are hungry", "dinner ruined"),
    "past the promised slot": ("past the promised slot", "after the slot", "late", "outside my slot"),
    "who picks these": ("who picks these", "who is doing the picking", "do the pickers even look", "baffling"),
    "was never in the bag": ("was never in the bag", "wasn't there", "never turned up", "was nowhere"),
    "support chat just loops": ("support chat just loops", "the chat bot is useless", "no human to talk to"),
    "was rude when i asked him to come up the stairs": (
        "was rude when I asked him to come up the stairs",
        "refused to bring it up",
        "swore at me",
        "was really unpleasant",
    ),
    "rang the bell once and drove off with my shopping": (
        "rang the bell once and drove off with my shopping",
        "didn't wait 30 seconds",
        "left before I got to the door",
    ),
    "photo shows a door that isn't mine": (
        "photo shows a door that isn't mine",
        "not my door in the photo",
        "photo is some other house",
    ),
    "logged me out again and the reset code never arrives": (
        "logged me out again and the reset code never arrives",
        "signed me out and no verification text",
        "kicked me out, SMS code never came",
        "won't let me back in, no code",
        "logout loop again",
    ),
    "lost my whole basket": ("lost my whole basket", "basket gone", "had to start again", "order lost"),
    "just spins": ("just spins", "loads forever", "is a spinning wheel", "won't load"),
    "says 'something went wrong'": ("says 'something went wrong'", "errors out", "throws an error", "fails"),
    "is a bot that goes in circles": ("is a bot that goes in circles", "is useless", "never answers", "is a bot"),
    "is slow and buggy since the update": ("is slow and buggy since the update", "got worse", "is glitchy now"),
    "keeps buffering": ("keeps buffering", "won't stream", "stutters", "spins"),
    "latency through the roof": ("latency through the roof", "ping is awful", "lag everywhere", "constant lag"),
    "status page says everything is fine": (
        "status page says everything is fine",
        "status page is green",
        "no outage listed",
    ),
    "sos only": ("SOS only", "no bars", "zero signal", "no service"),
    "with no notice": ("with no notice", "out of nowhere", "without telling me", "again"),
    "nobody told me": ("nobody told me", "no warning", "surprise"),
    "third transfer": ("third transfer", "transferred again", "bounced around", "still nobody"),
    "chat bot can't understand 'my internet is down'": (
        "chat bot can't understand 'my internet is down'",
        "bot is useless",
        "chat is a bot loop",
    ),
    "no-showed the install window": ("no-showed the install window", "never turned up", "missed the appointment"),
    "logs me out every time i open it": (
        "logs me out every time I open it",
        "keeps signing me out",
        "won't remember me",
    ),
    "never arrives so i can't get into my account": (
        "never arrives so I can't get into my account",
        "doesn't come, locked out",
        "never comes",
    ),
}
_PHRASE = re.compile("|".join(re.escape(key) for key in sorted(PHRASES, key=len, reverse=True)), re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z']+")


def vary(
    text: str, rng: random.Random, protect: tuple[str, ...] = (), *, upset: bool = False, typos: float = 0.02
) -> str:
    """``text`` reworded the way one more person would have put it (words in ``protect`` stay as they are).

    Only an ``upset`` post gets an upset context or sign-off; a question gets no context.
    """
    if not text:
        return text
    text = _PHRASE.sub(lambda m: rng.choice(PHRASES[m.group(0).lower()]), text)
    text = _WORD.sub(lambda m: _swap(m.group(0), rng, protect, typos), text)
    if rng.random() < 0.35 and not text.rstrip().endswith("?"):
        context = rng.choice(CONTEXTS + UPSET_CONTEXTS if upset else CONTEXTS)
        text = text.rstrip(" .!") + (f", {context}." if rng.random() < 0.5 else f". {context[0].upper()}{context[1:]}.")
    if rng.random() < 0.15:
        text = text.lower()
    tail = rng.choice(TAILS + UPSET_TAILS if upset else TAILS)
    text = (text.rstrip(" .") if tail[:1] in ("?", "!", ".") else text.rstrip()) + tail
    return text.replace(" app app", " app").replace("  ", " ")


def _swap(word: str, rng: random.Random, protect: tuple[str, ...], typos: float) -> str:
    lower = word.lower()
    if any(p in lower for p in protect):
        return word
    options = SYNONYMS.get(lower)
    if options and rng.random() < 0.6:
        choice = rng.choice(options)
        return choice.capitalize() if word[0].isupper() and choice.islower() else choice
    if len(word) > 5 and rng.random() < typos:  # a typo now and then: two letters swapped
        at = rng.randrange(1, len(word) - 2)
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word
