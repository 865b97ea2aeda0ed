"""A fast scan for phrase and abuse rules: index every alternative by the word beginnings it needs.

Split from ``lexicon.py`` (which loads the rules) because the scan is its own piece of machinery:
docs/scoring.md has the measurements behind it.
"""

from __future__ import annotations

import importlib
import operator
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from monitor.scoring.patterns import validate_pattern
from monitor.scoring.rules import Match, Rule, wordset

KEY_LENGTH = 4
# Keys of very common words: a rule keyed on them would run on most posts, so other keys are preferred.
_COMMON_KEYS = wordset(
    """
    you u i a an the to and my me it is in on for of at up us we our your they them he she his her
    this that with from can did do does don been be was were are have has had not no get got go back
    time neve stil wait take keep came work star open load down help care just will woul coul shou
    what when wher some all any more than then ever agai out off one two very also t s m d re ll ve
    app chec upda trav flyi fly loun fare gate agen flig book seat crew staf bag bags airp plan hote orde
    acco cust serv supp leav left foun free took over info mone
    """
)


_KEY = re.compile(rf"\b\w{{1,{KEY_LENGTH}}}")
# ASCII text: every byte that is not a word character becomes a space, so bytes.split() gives the words.
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(128)).ljust(256, b" ")


_PREFIX = operator.itemgetter(slice(0, KEY_LENGTH))


def word_keys(lowered: str) -> set[str]:
    """The first ``KEY_LENGTH`` characters of every word (``\\w+`` run) of lower-cased text."""
    if lowered.isascii():  # ~3x faster than the regex: translate and split run in C
        words = lowered.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
        return set(map(_PREFIX, words))
    return set(_KEY.findall(lowered))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: units go in sets
class _Unit:
    """One alternative of one rule, compiled."""

    rule: int  # index into RuleSet.rules
    order: int  # position among all units: at one start position the earlier unit wins
    # Case-sensitive, for the lower-cased text; None when the pattern needs case-insensitive matching.
    # When ``check_start`` is set it has no leading (?<!\w): its fixed first characters let the engine
    # skip ahead, and a match that starts inside a word is dropped afterwards.
    folded: re.Pattern[str] | None
    check_start: bool
    anycase: re.Pattern[str]  # case-insensitive with (?<!\w), for the original text
    also: tuple[frozenset[str], ...] = ()  # further key sets a match needs (besides the indexed one)


def _unit_order(unit: _Unit) -> int:
    return unit.order


def _lower_case_only(pattern: str) -> bool:
    """True if matching ``pattern`` case-sensitively against lower-cased text equals ignoring case."""
    if re.search(r"\\[xuUN0-7]", pattern):  # escapes that can spell an upper-case letter
        return False
    bare = re.sub(r"\\.", "", pattern)
    return bare == bare.lower()


class RuleSet:
    """Phrase and abuse rules, compiled for a fast scan.

    Python's regex engine tries every alternative at every word start, so one big alternation of all
    rules costs more than VADER itself (~100 µs a post here). Instead every alternative of every rule
    is compiled on its own and gets *keys*: word beginnings (up to ``KEY_LENGTH`` characters) one of
    which every match must contain, worked out from the parsed pattern. ``(?:no|without a)
    (?:refunds?|compensation)`` needs a word starting "refu" or "comp". A post's keys cost one pass;
    only the alternatives keyed on them run (one without usable keys always runs). Patterns without
    upper-case letters run case-sensitively on the lower-cased post, and those that start with fixed
    characters run without a leading look-behind, so the engine can skip ahead to those characters.

    Matches don't overlap: the leftmost wins, and at one position the earlier rule wins (abuse rules
    come first). A match cannot start or end inside a word.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        """Patterns are checked now (a bad one is a config error at start-up); compiling and keying
        them (~0.4 s) waits for the first scan, which a poll with nothing new never reaches."""
        self.rules = tuple(rules)
        for rule in self.rules:
            validate_pattern(rule.pattern)
        self._compiled: _Compiled | None = None
        self._lock = threading.Lock()

    def _index(self) -> _Compiled:
        compiled = self._compiled
        if compiled is None:
            with self._lock:  # one Scorer is shared by the Slack app's threads
                if self._compiled is None:
                    self._compiled = _compile(self.rules)
                compiled = self._compiled
        return compiled

    def __len__(self) -> int:
        return len(self.rules)

    def candidates(self, lowered: str) -> Sequence[_Unit]:
        """The compiled alternatives that can match the lower-cased text (all their key sets occur)."""
        index = self._index()
        keys = word_keys(lowered)
        hits = keys & index.keys
        if not hits:
            return index.always
        found: set[_Unit] = set(index.always)
        for key in hits:
            found.update(index.by_key[key])
        ready: list[_Unit] = []
        for unit in found:
            for more in unit.also:
                if keys.isdisjoint(more):
                    break
            else:
                ready.append(unit)
        if len(ready) > 1:
            ready.sort(key=_unit_order)
        return ready

    def scan(self, text: str) -> list[Match]:
        lowered = text.lower()
        folded_ok = len(lowered) == len(text)  # lower() lengthens a few characters ("İ")
        hits: list[tuple[int, int, int, int]] = []  # start, order, end, rule
        for unit in self.candidates(lowered):
            if unit.folded is None or not folded_ok:
                hits.extend((m.start(), unit.order, m.end(), unit.rule) for m in unit.anycase.finditer(text))
                continue
            search = unit.folded.search
            m = search(lowered)
            while m is not None:
                start, stop = m.span()
                if unit.check_start and start and _is_word(lowered[start - 1]):
                    m = search(lowered, start + 1)  # began inside a word: look again just after
                    continue
                hits.append((start, unit.order, stop, unit.rule))
                m = search(lowered, stop if stop > start else start + 1)
        if not hits:
            return []
        hits.sort()
        matches: list[Match] = []
        end = -1
        for start, _, stop, rule in hits:
            if start >= end and stop > start:
                matches.append(Match(self.rules[rule], start, stop, text[start:stop]))
                end = stop
        return matches


@dataclass(frozen=True)
class _Compiled:
    """Every alternative of every rule compiled, and the word keys that select them."""

    units: tuple[_Unit, ...]
    always: tuple[_Unit, ...]  # alternatives without usable keys: tried on every post
    by_key: dict[str, tuple[_Unit, ...]]
    keys: frozenset[str]


def _compile(rules: Sequence[Rule]) -> _Compiled:
    units: list[_Unit] = []
    by_key: dict[str, list[_Unit]] = {}
    always: list[_Unit] = []
    for index, rule in enumerate(rules):
        for part in rule.parts():
            folded, fast, anycase, sets = _compile_part(part)
            unit = _Unit(
                rule=index,
                order=len(units),
                folded=folded,
                check_start=fast,
                anycase=anycase,
                also=sets[1:4],  # checked too: a set lookup is far cheaper than a search
            )
            units.append(unit)
            for key in sets[0] if sets else ():
                by_key.setdefault(key, []).append(unit)
            if not sets:
                always.append(unit)
    found = {key: tuple(units_) for key, units_ in by_key.items()}
    return _Compiled(tuple(units), tuple(always), found, frozenset(found))


@lru_cache(maxsize=4096)
def _compile_part(
    part: str,
) -> tuple[re.Pattern[str] | None, bool, re.Pattern[str], tuple[frozenset[str], ...]]:
    """One alternative compiled and keyed: (folded, check_start, anycase, key sets most selective first).

    Cached by pattern: working out the keys is most of what building a :class:`RuleSet` costs, and
    every Scorer (one per pipeline, import worker, Slack app and ``repmon draft``) compiles the same
    built-in rules.
    """
    tree = _parse_tree(part)
    fast = tree is not None and _fixed_start(tree)
    folded = None
    if _lower_case_only(part):
        folded = re.compile(rf"(?:{part})(?!\w)" if fast else rf"(?<!\w)(?:{part})(?!\w)")
    sets = tuple(_required_key_sets(tree)) if tree is not None else ()
    return folded, fast, re.compile(rf"(?<!\w)(?:{part})(?!\w)", re.IGNORECASE), sets


def _parse_tree(pattern: str) -> list[Any] | None:
    """Python's own parse of ``pattern`` (case-insensitive), or None if that is unavailable."""
    try:
        parser: Any = importlib.import_module("re._parser")
        return list(parser.parse(pattern, re.IGNORECASE))
    except Exception:
        return None


def _fixed_start(items: list[Any]) -> bool:
    """True if every match begins with a character from a fixed set (a literal, a class, a branch of those)."""
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            return False  # an anchor or look-around first: keep the pattern as written
        if name in ("LITERAL", "IN", "NOT_LITERAL"):
            return True
        if name == "SUBPATTERN":
            return _fixed_start(list(av[-1]))
        if name == "BRANCH":
            return all(_fixed_start(list(branch)) for branch in av[1])
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return bool(av[0] >= 1) and _fixed_start(list(av[2]))
        return False
    return False


def required_keys(pattern: str) -> frozenset[str] | None:
    """The most selective set of word keys one of which every match of ``pattern`` contains, or None.

    Works on the parse tree of Python's own regex parser. A literal word that starts where a word must
    start (the pattern's start, or after a space or other non-word character) gives a key: its first
    ``KEY_LENGTH`` characters, or the whole word if shorter and known to end there. A group, or a repeat
    of at least once, contributes its own keys; an alternation the union of its branches' keys (only if
    every branch has some). A sequence needs all of its items' sets.
    """
    tree = _parse_tree(pattern)
    sets = [] if tree is None else _required_key_sets(tree)
    return sets[0] if sets else None


def _selectivity(keys: frozenset[str]) -> tuple[bool, int, int]:
    """Higher is rarer: no very common key, then the longest shortest key, then the fewest keys."""
    return keys.isdisjoint(_COMMON_KEYS), min(map(len, keys)), -len(keys)


def _required_key_sets(tree: list[Any]) -> list[frozenset[str]]:
    """Every key set a match needs a key from, most selective first (empty: none known)."""
    try:
        sets, _ = _keys(tree, True, True)
    except Exception:  # an unexpected tree only costs speed: the rule always runs
        return []
    return sorted(set(sets), key=_selectivity, reverse=True)


def _is_word_char(code: int) -> bool:
    char = chr(code)
    return char.isalnum() or char == "_"


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective key set: no very common key, then the longest shortest key, then fewest keys."""
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _nonword_item(item: Any) -> bool:
    """True if ``item`` always consumes exactly one non-word character (" ", "[- ]")."""
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return not _is_word_char(av)
    if name == "IN":
        return all(str(kind) == "LITERAL" and not _is_word_char(code) for kind, code in av)
    return False


def _begins_nonword(items: list[Any], closed: bool) -> bool:
    """True if whatever ``items`` match starts with a non-word character (or is empty and ``closed``)."""
    for position, (op, av) in enumerate(items):
        name = str(op)
        rest = items[position + 1 :]
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in ("LITERAL", "IN"):
            return _nonword_item((op, av))
        if name == "SUBPATTERN":
            return _begins_nonword(list(av[-1]) + rest, closed)
        if name == "BRANCH":
            return all(_begins_nonword(list(branch) + rest, closed) for branch in av[1])
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            body = list(av[2])
            starts = _begins_nonword(body, False)
            return starts if av[0] >= 1 else starts and _begins_nonword(rest, closed)
        return False
    return closed


def _keys(items: list[Any], bounded: bool, closed: bool) -> tuple[list[frozenset[str]], bool]:
    """(key sets every match of this sequence needs one key from each of, whether its end is bounded).

    ``bounded``: no word character comes just before the sequence. ``closed``: no word character comes
    just after it. The second value says whether the position at the end of the sequence is bounded.
    """
    candidates: list[frozenset[str]] = []
    word = ""  # the word being read from literal characters
    word_bounded = False  # ...and whether it began at a word start

    def close_word(complete: bool) -> None:
        nonlocal word
        if word and word_bounded and (complete or len(word) >= KEY_LENGTH):
            candidates.append(frozenset({word[:KEY_LENGTH]}))
        word = ""

    for position, (op, av) in enumerate(items):
        name = str(op)
        # whether a non-word character (or the closed end) always follows this item
        then_closed = _begins_nonword(items[position + 1 :], closed)
        if name == "LITERAL":
            if _is_word_char(av):
                if not word:
                    word_bounded = bounded
                word += chr(av).lower()
                bounded = False
            else:
                close_word(True)
                bounded = True
            continue
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: changes nothing
        close_word(_nonword_item((op, av)))
        after = False
        if name == "SUBPATTERN":
            sub, after = _keys(list(av[-1]), bounded, then_closed)
            candidates += sub  # a required group's requirements are required
        elif name == "ATOMIC_GROUP":
            sub, after = _keys(list(av), bounded, then_closed)
            candidates += sub
        elif name == "BRANCH":
            results = [_keys(list(branch), bounded, then_closed) for branch in av[1]]
            best = [_best(keys) for keys, _ in results]
            if all(keys is not None for keys in best):  # each branch has to bring one of its keys
                candidates.append(frozenset().union(*(keys for keys in best if keys is not None)))
            after = all(end for _, end in results)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            body = list(av[2])
            body_keys, body_end = _keys(body, bounded, bool(body) and _nonword_item(body[-1]))
            if av[0] >= 1:
                candidates += body_keys
                after = body_end
            else:
                after = bounded and body_end  # skipped (still bounded) or ended on a non-word char
        elif name == "IN":
            after = _nonword_item((op, av))
        bounded = after
    close_word(closed)
    return candidates, bounded
