"""The tone check: does a reply follow the reply method (docs: shared/docs/reply-method.md)?

It reads a drafted reply, or a person's edit of one, and reports each place that argues with the
customer, blames them, makes an excuse, hides behind policy wording, or gets to the facts before
acknowledging how the customer feels. Each problem carries a one-line piece of advice that can
be shown next to the edit (in Slack, later) as is.

The check is a set of plain phrase rules, deliberately simple and predictable: it flags wording,
it does not judge meaning. A clean report means "none of the known traps", not "a good reply".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ACK_FIRST = "ack_first"
DENIAL = "denial"
BLAME = "blame"
EXCUSE = "excuse"
JARGON = "jargon"

RULES = (ACK_FIRST, DENIAL, BLAME, EXCUSE, JARGON)


@dataclass(frozen=True)
class ToneProblem:
    rule: str  # one of RULES
    excerpt: str  # the words that tripped the rule, with a little context
    advice: str  # one line a person can act on

    def line(self) -> str:
        return f"{self.rule}: “{self.excerpt}” — {self.advice}"


@dataclass(frozen=True)
class ToneReport:
    problems: list[ToneProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rules(self) -> list[str]:
        """The rules that failed, in order of first appearance, each once."""
        return list(dict.fromkeys(p.rule for p in self.problems))

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]


# --- the opening: acknowledgement and apology before anything else ------------------------------

_ACK = re.compile(
    r"\b(?:sorry|apolog(?:y|ies|ise|ize|ising|izing)"
    r"|i (?:can |completely |totally |really )?(?:see|understand|hear|get|imagine) (?:why|how|that|what|you)"
    r"|i understand|understandabl[ey]|i hear you|that must (?:have been|be)"
    r"|you'?re right|you are right|we let you down|not good enough|not okay|not ok\b"
    r"|i'?d (?:be|feel) \w+(?: \w+)? too|that'?s on us|that is on us)",
    re.IGNORECASE,
)
_NEGATED_ACK = re.compile(
    r"\b(?:not|never|nothing to be|no need to be|won'?t|will not|don'?t|do not)\s+(?:be\s+)?"
    r"(?:sorry|apologi[sz]e)",
    re.IGNORECASE,
)
_FACT_OR_CORRECTION = re.compile(
    r"\b(?:actually|in fact|however|to be clear|technically|please note|note that|just so you know|fyi"
    r"|policy|policies|our terms|business days?|usually|typically|normally|according to|our records"
    r"|records show|as stated|as mentioned)\b",
    re.IGNORECASE,
)
_SORRY_BUT = re.compile(r"\b(?:sorry|apologi[sz]e\w*)\b[^.!?\n]*?\bbut\b", re.IGNORECASE)
_TAKE_BACK = re.compile(r"^\W*(?:but|however|that said|although|even so)\b", re.IGNORECASE)

_ADVICE_NO_ACK = "Open by naming what they went through and saying sorry, before any explanation."
_ADVICE_FACT_FIRST = "Move this after the apology: acknowledge and apologise first, then give the facts."
_ADVICE_SORRY_BUT = "Drop the 'but': it takes the apology back. Apologise fully, then explain in a new sentence."
_ADVICE_TAKE_BACK = "Don't follow the apology with 'but'/'however': let it stand, then give facts gently."


# --- phrases that are wrong anywhere ---------------------------------------------------------------

_Rule = tuple[str, "re.Pattern[str]", str]

_DENIAL_ADVICE = "Don't correct how they see it; acknowledge it first, then offer the facts gently."
_BLAME_ADVICE = "Don't put it on the customer; say what happened and what we'll do, without blame."
_EXCUSE_ADVICE = "Own it instead of explaining it away: to the customer we are one company."
_JARGON_ADVICE = "Say it in plain words, and explain how the rule helps them rather than quoting it."


def _rule(rule: str, pattern: str, advice: str) -> _Rule:
    return (rule, re.compile(pattern, re.IGNORECASE), advice)


_PHRASES: list[_Rule] = [
    _rule(
        DENIAL,
        r"\b(?:that|this|it)(?:'s| is| was) (?:simply |just |absolutely )?"
        r"(?:not true|untrue|false|incorrect|wrong|not the case|not what happened)\b",
        _DENIAL_ADVICE,
    ),
    _rule(DENIAL, r"\b(?:not true|untrue)\b", _DENIAL_ADVICE),
    _rule(DENIAL, r"\bactually\b", "Drop 'actually': it reads as correcting them."),
    _rule(
        DENIAL,
        r"\bas (?:we|i) (?:have |had )?(?:clearly |already |previously |explicitly )?"
        r"(?:stated|said|mentioned|explained|advised|told you)\b",
        "Don't point back to what was already said; explain again, kindly, as if for the first time.",
    ),
    _rule(
        DENIAL,
        r"\b(?:as (?:clearly |previously )?stated|clearly stated|as clearly)\b",
        "Don't point back to what was already said; explain again, kindly, as if for the first time.",
    ),
    _rule(DENIAL, r"\byou(?:'re| are) (?:wrong|mistaken|incorrect|confused|misinformed)\b", _DENIAL_ADVICE),
    _rule(DENIAL, r"\byou (?:misunderstood|misread|misremember\w*)\b", _DENIAL_ADVICE),
    _rule(DENIAL, r"\b(?:that|this|it) (?:never|didn'?t|did not) happen", _DENIAL_ADVICE),
    _rule(
        DENIAL,
        r"\bwe(?:'ve| have)? did nothing wrong\b|\bwe(?:'ve| have) done nothing wrong\b",
        _DENIAL_ADVICE,
    ),
    _rule(DENIAL, r"\bno such thing\b", _DENIAL_ADVICE),
    _rule(BLAME, r"\byou should(?:n'?t| not)? have\b|\byou should'?ve\b", _BLAME_ADVICE),
    _rule(
        BLAME,
        r"\bif you(?: had|'d) (?:read|checked|followed|looked|paid attention|bothered)\b",
        "Don't imply they missed something; give the information now, simply.",
    ),
    _rule(BLAME, r"\byour (?:own )?fault\b", _BLAME_ADVICE),
    _rule(BLAME, r"\byou (?:failed|neglected|forgot) to\b", _BLAME_ADVICE),
    _rule(
        BLAME,
        r"\byou (?:didn'?t|did not|never) (?:read|check|follow|look at|update)\b",
        "Don't imply they missed something; give the information now, simply.",
    ),
    _rule(BLAME, r"\buser error\b|\b(?:on|at) your end\b|\byou must have\b", _BLAME_ADVICE),
    _rule(BLAME, r"\byou were (?:told|warned|informed|supposed to|meant to)\b", _BLAME_ADVICE),
    _rule(
        BLAME,
        r"\b(?:please )?read (?:the|our) (?:terms|instructions|faq|fine print|small print|policy)\b",
        "Don't send them to the small print; tell them the part that matters in one plain sentence.",
    ),
    _rule(BLAME, r"\bas you (?:were|should be|are) aware\b", _BLAME_ADVICE),
    _rule(EXCUSE, r"\bnot (?:our|my) (?:fault|responsibility|problem|doing|department)\b", _EXCUSE_ADVICE),
    _rule(EXCUSE, r"\bour (?:suppliers?|vendors?|contractors?|subcontractors?)\b", _EXCUSE_ADVICE),
    _rule(EXCUSE, r"\bthird[- ]part(?:y|ies)\b", _EXCUSE_ADVICE),
    _rule(
        EXCUSE,
        r"\bthe system\b|\bsystem (?:error|glitch)\b|\bcomputer error\b",
        "Don't blame 'the system': say what went wrong in plain words and that we're fixing it.",
    ),
    _rule(
        EXCUSE,
        r"\b(?:another|a different|the other|other|separate) department\b",
        "Don't hand them off to 'another department': take it on yourself and follow it through.",
    ),
    _rule(
        EXCUSE,
        r"\bout of (?:our|my) hands\b|\b(?:beyond|outside(?: of)?) (?:our|my) control\b"
        r"|\bnot up to (?:us|me)\b",
        _EXCUSE_ADVICE,
    ),
    _rule(EXCUSE, r"\bnothing (?:we|i) (?:can|could) do\b", "Say what we *can* do, even if it's small."),
    _rule(EXCUSE, r"\b(?:these|such) things happen\b|\bit happens\b", _EXCUSE_ADVICE),
    _rule(EXCUSE, r"\b(?:short[- ]staffed|understaffed|unusually high (?:volume|demand))\b", _EXCUSE_ADVICE),
    _rule(JARGON, r"\bpursuant to\b", _JARGON_ADVICE),
    _rule(
        JARGON,
        r"\b(?:as )?per (?:our|the|your) "
        r"(?:terms|policy|policies|t&cs?|t's and c's|agreement|conditions|contract)\b",
        _JARGON_ADVICE,
    ),
    _rule(JARGON, r"\bas per\b", _JARGON_ADVICE),
    _rule(JARGON, r"\bin accordance with\b", _JARGON_ADVICE),
    _rule(
        JARGON,
        r"\bfailure to (?:comply|adhere|follow)\b|\bnon-?compliance\b",
        "Explain the benefit of the rule instead of the consequence of breaking it.",
    ),
    _rule(JARGON, r"\bterms (?:and|&) conditions\b|\bterms of (?:service|use)\b", _JARGON_ADVICE),
    _rule(JARGON, r"\b(?:hereby|herein|hereto|thereof|aforementioned|heretofore)\b", _JARGON_ADVICE),
    _rule(
        JARGON,
        r"\b(?:sole|absolute) discretion\b|\bstipulat\w*|\bin breach of\b|\bviolation of\b",
        _JARGON_ADVICE,
    ),
    _rule(JARGON, r"\b(?:not )?liable\b|\bliability\b", _JARGON_ADVICE),
    _rule(JARGON, r"\bwe regret to inform\b|\bunable to accommodate\b", _JARGON_ADVICE),
]

_SENTENCE_END = re.compile(r"([.!?\u2026]+[\"'\u201d\u2019)\]]*)\s+")


_STRAIGHTEN = {0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'}


def _normalise(text: str) -> str:
    # curly apostrophes and quotes to straight ones, one character for one, so offsets still match
    return text.translate(_STRAIGHTEN)


def split_sentences(text: str) -> list[str]:
    """Sentences (and lines) of ``text``, stripped, empties dropped."""
    marked = _SENTENCE_END.sub(lambda m: m.group(1) + "\n", _normalise(text))
    return [s.strip() for s in marked.split("\n") if s.strip()]


def _excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    """The match with a little context, on word boundaries, on one line."""
    left = max(0, start - 30)
    right = min(len(text), max(end + 30, left + width))
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


def _opening_problems(sentences: list[str]) -> list[ToneProblem]:
    if not sentences:
        return [ToneProblem(ACK_FIRST, "", _ADVICE_NO_ACK)]
    opening = sentences[:2]
    ack_at = next(
        (i for i, s in enumerate(opening) if _ACK.search(s) and not _NEGATED_ACK.search(s)),
        None,
    )
    if ack_at is None:
        return [ToneProblem(ACK_FIRST, _excerpt(sentences[0], 0, 0), _ADVICE_NO_ACK)]
    problems: list[ToneProblem] = []
    for sentence in sentences[: ack_at + 1]:
        found = _FACT_OR_CORRECTION.search(sentence)
        if found:
            problems.append(ToneProblem(ACK_FIRST, _excerpt(sentence, found.start(), found.end()), _ADVICE_FACT_FIRST))
    ack_sentence = sentences[ack_at]
    but = _SORRY_BUT.search(ack_sentence)
    if but:
        problems.append(ToneProblem(ACK_FIRST, _excerpt(ack_sentence, but.start(), but.end()), _ADVICE_SORRY_BUT))
    if ack_at + 1 < len(sentences):
        after = sentences[ack_at + 1]
        take_back = _TAKE_BACK.search(after)
        if take_back:
            problems.append(
                ToneProblem(ACK_FIRST, _excerpt(after, take_back.start(), take_back.end()), _ADVICE_TAKE_BACK)
            )
    return problems


def _phrase_problems(text: str) -> list[ToneProblem]:
    problems: list[ToneProblem] = []
    covered: list[tuple[int, int]] = []
    for rule, pattern, advice in _PHRASES:
        for found in pattern.finditer(text):
            start, end = found.span()
            if any(s < end and start < e for s, e in covered):
                continue  # one problem per stretch of words, from the most specific rule
            covered.append((start, end))
            problems.append(ToneProblem(rule, _excerpt(text, start, end), advice))
    return problems


def check_tone(draft: str) -> ToneReport:
    """Every place ``draft`` strays from the reply method, in rule order; ``ok`` when there are none."""
    text = _normalise(draft)
    problems = _opening_problems(split_sentences(text)) + _phrase_problems(text)
    order = {rule: i for i, rule in enumerate(RULES)}
    problems.sort(key=lambda p: order[p.rule])
    return ToneReport(problems)
