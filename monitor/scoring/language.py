"""Is a post English? The source's ``lang`` tag when there is one, else a cheap check, else py3langid.

VADER only understands English, and a Spanish complaint scored by VADER comes out as a harmless-looking
0.0, so non-English posts are marked unscored instead. Deciding must stay cheap next to VADER's
~50 µs per post, so:

1. a BCP 47 tag from the source decides ("en", "en-GB" are English; "und", "zxx", "mul" count as
   no tag), except that an "en" tag is overruled when the quick check (or, for text full of
   diacritics, py3langid) is sure the words are another language: clients tag posts with the
   writer's interface language;
2. otherwise a quick check decides the clear cases: the share of non-Latin letters, and counts of
   English and of common non-English (es, pt, fr, it, de, nl, sv/da) function words;
3. only the uncertain remainder (mostly very short posts) goes to py3langid, on at most
   ``LANGID_MAX_CHARS`` characters. When py3langid is unsure too, the post is treated as English:
   better a neutral score on a short ambiguous post than a missed English complaint.

docs/scoring.md has the measured cost and the share of posts reaching each step.

Memory: py3langid's model is ~65 MiB unpacked, and ``repmon import`` scores in several processes.
Loaded the usual way, every process that meets one uncertain post decompresses all of it into its
own memory (~85 MiB each, 1.4 s of CPU). Instead the model is unpacked once per machine into a cache
file (``REPMON_CACHE_DIR``, else systemd's ``CACHE_DIRECTORY``, else ``$XDG_CACHE_HOME/repmon``)
and memory-mapped: a process only holds the pages its posts touch, and the page cache holds them once
for every process. The mapped model is the same arrays with the same dtypes under the same py3langid
code, so its decisions are exactly the packaged model's (tests check that). Without a writable cache
directory it is loaded the usual way.
"""

from __future__ import annotations

import hashlib
import logging
import lzma
import os
import re
import shutil
import struct
import tempfile
import threading
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy as np

__all__ = ["LANGID_MAX_CHARS", "LanguageDecision", "decide", "is_english", "quick_check", "tag_is_english"]

log = logging.getLogger("repmon.scoring")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


LANGID_MAX_CHARS = 200
# py3langid's (normalised) probability a non-English guess needs to count; below it, keep the post.
LANGID_MIN_CONFIDENCE = 0.15

_NO_LANGUAGE_TAGS = frozenset({"", "und", "zxx", "mul", "mis", "unknown", "none"})

# Words are runs of letters: "don't" reads as "don" + "t", "c'est" as "c" + "est".
# English function words (and a few customer-service words) that are not words in the other languages
# checked. Ambiguous ones ("a", "in", "on", "me", "no", "so", "die", "also", "man", "of", "we", "for",
# "as", "do") count for neither side.
_ENGLISH = _wordset(
    """
    the and to is it i you my that this with are be have has had not but they he she his her at from by or
    what when why how just your our their been were was did does don doesn didn isn wasn aren haven hasn
    won wouldn couldn shouldn ll ve there here would could should can about after again all any because
    before being both each every get got if into its more most much never now only other out over same
    some still than then these those through too under up very which who will yet please thanks thank
    them him us off where while until since really even ever going gonna wanna want need lol lmao wtf omg
    pls plz thx smh tbh idk imo ugh meh yay ok okay ur im dont cant wont didnt doesnt isnt ive youre
    flight flights refund bag bags luggage app order account customer support airline staff crew worst
    best great good terrible awful waiting help money charged cancelled canceled delayed hours today love
    hate twice back
    """
)
# Frequent English content words: weaker evidence, counted with VADER's lexicon words.
_COMMON = _wordset(
    """
    against between within upon among across toward towards around another such own via else something
    anything nothing everything someone anyone everyone nobody always yes oh hey night day days time
    times year years week weeks month tonight tomorrow yesterday morning evening weekend new old first
    last next people way thing things life child children world school state family student group country
    part place company question government number point home water room mother father story lot right
    study book eye job word business issue side head house friend friends power hour game line end member
    law car community president kid kids body parent face others level office health history party result
    reason research girl guy air teacher education said says say make made take took come came know think
    feel look see saw tell told give gave work call try ask find leave left put keep let seem show hear
    play run move live bring happen write sit stand pay meet set learn lead understand watch watching
    follow stop speak read spend grow walk remember consider appear buy wait send expect build stay fall
    cut reach remain well watched getting gets went goes done doing
    """
)
# Common function words of other Latin-script languages that are not English words.
_FOREIGN = _wordset(
    """
    el los las del que y por pero muy para con una uno es está esta este mis su sus lo como más mas ya
    nunca gracias vuelo hola porque también tambien nada todo todos fue hay se le al les mi
    não nao com um os da dos das muito obrigado obrigada voo você voce isso
    la et est une des du pas je tu il elle nous vous ils ce cette mon mes avec pour dans sur qui merci
    très tres vol mais ou au aux ça ca ai bonjour
    di che per non sono della questo questa grazie ho gli anche ancora volo sempre niente molto
    der das und ist nicht ich mit ein eine einen den dem zu auf für fur sie wir sind bitte danke kein
    keine noch schon aber oder wie auch mein meine nach bei vom zum flug immer nur sehr heute
    de het een en niet ik je zijn met voor te maar niks geen wel ook nog bedankt helemaal vlucht naar bij
    mijn jullie heb hebben och är att jag det inte på med för og ikke jeg ja
    nie się jest że ale jak ve bir bu için çok değil dan yang saya tidak ini itu și nu este és nem egy hogy
    """
)
# VADER's lexicon words are English too: weaker evidence, as a few are also Spanish or international.
_NOT_EVIDENCE = _wordset(
    "die no sin super amor fantastico perfecto fatal horror ideal terrible horrible top ok okay normal"
)


def _vader_words() -> frozenset[str]:
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):  # pragma: no cover - vaderSentiment is a dependency
        return frozenset()
    words = (line.split("\t", 1)[0] for line in text.splitlines())
    return frozenset(w for w in words if w.isalpha())


# Disjoint, so each word counts once.
_LEXICON_WORDS = (_vader_words() | _COMMON) - _ENGLISH - _FOREIGN - _NOT_EVIDENCE

_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = bytes(c if chr(c).isalpha() else ord(" ") for c in range(128)).ljust(256, b" ")
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


class LanguageDecision(NamedTuple):
    english: bool
    method: str  # "tag" | "tag-overruled" | "empty" | "no-letters" | "script" | "words" | "langid"


@lru_cache(maxsize=1024)  # a source uses a handful of tags; parsing each once saves ~1 µs a post
def tag_is_english(lang: str | None) -> bool | None:
    """True/False from a BCP 47 tag (or a comma/space separated list: any English tag wins).

    None when there is no usable tag (absent, empty, "und", "zxx", "mul").
    """
    if lang is None:
        return None
    found = False
    for tag in lang.replace(",", " ").split():
        primary = tag.replace("_", "-").split("-", 1)[0].lower()
        if primary in _NO_LANGUAGE_TAGS:
            continue
        if primary in ("en", "eng"):
            return True
        found = True
    return False if found else None


def _words(lowered: str) -> set[str]:
    """The distinct runs of letters; C-speed translate and split for ASCII text."""
    if lowered.isascii():
        return set(lowered.encode("ascii").translate(_ASCII_LETTERS).decode("ascii").split())
    return set(_LETTERS.findall(lowered))


def _letter_counts(text: str) -> tuple[int, int, int]:
    """Letters in a text that is not pure ASCII; of them, the non-ASCII ones; of those, Latin with diacritics.

    Counted without a regex pass over the (mostly ASCII) text: ASCII letters in C, the few other
    characters one by one.
    """
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    others = [c for c in _ASCII_RUN.sub("", text) if c.isalpha()]
    latin = sum(1 for c in others if "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff")
    return ascii_letters + len(others), len(others), latin


def quick_check(text: str) -> LanguageDecision | None:
    """Decide the clear cases in a few microseconds; None when uncertain."""
    accented = False
    if not text.isascii():
        letters, others, latin = _letter_counts(text)
        if letters == 0:
            return LanguageDecision(True, "no-letters")
        if (others - latin) * 10 > letters * 3:
            return LanguageDecision(False, "script")
        # English rarely has diacritics (café, naïve); with many, only function words can say English.
        accented = latin * 20 > letters
    words = _words(text.lower())
    n = len(words)
    if n == 0:
        return LanguageDecision(True, "no-letters")
    en = len(words & _ENGLISH)  # English function words
    fo = len(words & _FOREIGN)  # other languages' function words
    if fo >= 2 and fo >= 2 * en:
        return LanguageDecision(False, "words")
    if en >= 2 and en >= 3 * fo and en * 5 >= n:
        return LanguageDecision(True, "words")
    known = en + len(words & _LEXICON_WORDS)  # ...plus other English words
    if not fo and not accented and known and (n <= 3 or (known >= 2 and known * 10 >= n * 3)):
        return LanguageDecision(True, "words")
    if n <= 3 and fo and not en:
        return LanguageDecision(False, "words")
    return None


_identifier: Any = None
_identifier_lock = threading.Lock()


def _langid() -> Any:
    """py3langid's identifier with normalised probabilities, built once on first need."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                _identifier = _mapped_identifier() or _loaded_identifier()
    return _identifier


def _loaded_identifier() -> Any:
    """The usual way: the whole model decompressed into this process's memory (~85 MiB, ~1.4 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def cache_dir() -> Path | None:
    """Where the unpacked model lives: the first of these set, or None (then nothing is cached)."""
    xdg = os.environ.get("XDG_CACHE_HOME") or (os.path.expanduser("~/.cache") if "HOME" in os.environ else "")
    for base, sub in (
        (os.environ.get("REPMON_CACHE_DIR", ""), ""),
        (os.environ.get("CACHE_DIRECTORY", "").split(":")[0], ""),  # systemd's CacheDirectory=
        (xdg, "repmon"),
    ):
        if base:
            return Path(base, sub)
    return None


def _mapped_identifier() -> Any:
    """py3langid's identifier over the memory-mapped arrays of the unpacked model; None when that fails."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE

        packed = MODEL_DIR / MODEL_FILE
        unpacked = _unpacked(packed, folder)
        try:
            return _identifier_over(unpacked)
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError, struct.error):
            unpacked.unlink(missing_ok=True)  # a damaged cache file: unpack it again, once
            return _identifier_over(_unpacked(packed, folder))
    except Exception as exc:  # any failure means: load it the usual way
        log.warning("language model not memory-mapped (%s); loading it into memory", exc)
        return None


def _identifier_over(unpacked: Path) -> Any:
    import numpy as np  # here, not at the top: a process that never needs the model never loads numpy
    from py3langid.langid import LanguageIdentifier

    with zipfile.ZipFile(unpacked) as archive, unpacked.open("rb") as handle:
        ptc, pc, classes, nextmove, row, output = (
            _member(archive, handle, unpacked, name)
            for name in ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
        )
    # The small arrays are copied into memory; the large ones (ptc, nextmove) and the per-state ones
    # stay mapped. The DFA walk reads them an element at a time: memoryviews hand back plain ints,
    # as the array and list py3langid builds do.
    identifier = LanguageIdentifier(
        ptc, np.array(pc), np.array(classes).tolist(), _ints(nextmove), _ints(output), norm_probs=True, tk_row=()
    )
    identifier.tk_row = _ints(row)
    identifier._rowbase = _ints(row.astype(np.uint32) << 8)  # py3langid's own: [r << 8 for r in tk_row]
    return identifier


def _unpacked(packed: Path, folder: Path) -> Path:
    """The model's .npz, decompressed once into ``folder`` (streamed: never whole in memory)."""
    key = hashlib.sha256(packed.read_bytes()).hexdigest()[:16]  # 4.5 MB: ~5 ms, once per process
    target = folder / f"py3langid-model-{key}.npz"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    # Unpacked under a temporary name and renamed: a reader never sees half a file, and two
    # processes unpacking at once both end with the same complete file.
    with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{target.name}.", delete=False) as part:
        try:
            with lzma.open(packed) as source:
                shutil.copyfileobj(source, part, length=1 << 20)
            part.flush()
            os.replace(part.name, target)
        except BaseException:
            os.unlink(part.name)
            raise
    return target


def _ints(array: np.ndarray[Any, Any]) -> memoryview:
    """A 1-D integer array as a memoryview whose items are plain ints (any alignment)."""
    import numpy as np

    return array.view(np.uint8).data.cast(array.dtype.char)


_ZIP_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length


def _member(archive: zipfile.ZipFile, handle: Any, path: Path, name: str) -> np.ndarray[Any, Any]:
    """One array of the .npz, read-only and memory-mapped where it lies (np.savez stores, never compresses)."""
    import numpy as np

    info = archive.getinfo(f"{name}.npy")
    if info.compress_type != zipfile.ZIP_STORED:
        raise ValueError(f"{name}.npy is compressed")
    handle.seek(info.header_offset)
    signature, name_length, extra_length = _ZIP_LOCAL_HEADER.unpack(handle.read(_ZIP_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise ValueError(f"{name}.npy: no zip entry at its offset")
    handle.seek(info.header_offset + _ZIP_LOCAL_HEADER.size + name_length + extra_length)
    version = np.lib.format.read_magic(handle)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, fortran_order, dtype = read_header(handle)
    if dtype.hasobject or not dtype.isnative:
        raise ValueError(f"{name}.npy has dtype {dtype}")
    mapped = np.memmap(
        path, dtype=dtype, mode="r", offset=handle.tell(), shape=shape, order="F" if fortran_order else "C"
    )
    return mapped.view(np.ndarray)


def langid_is_english(text: str) -> bool:
    """py3langid's view; a low-confidence non-English guess keeps the post (counts as English)."""
    identifier = _langid()
    sample = text[:LANGID_MAX_CHARS]
    top, confidence = identifier.classify(sample)
    if top == "en" or confidence < LANGID_MIN_CONFIDENCE:
        return True
    english = next((p for lang, p in identifier.rank(sample) if lang == "en"), 0.0)
    return bool(english * 3 >= confidence)


def decide(text: str, lang: str | None = None) -> LanguageDecision:
    """English or not, and which step decided. ``text`` should already be normalised (no URLs/handles)."""
    tagged = tag_is_english(lang)
    if tagged is True:
        return _checked_english_tag(text)
    if tagged is False:
        return LanguageDecision(False, "tag")
    if not text.strip():
        return LanguageDecision(False, "empty")
    quick = quick_check(text)
    if quick is not None:
        return quick
    return LanguageDecision(langid_is_english(text), "langid")


def _checked_english_tag(text: str) -> LanguageDecision:
    """An "en" tag, unless the words plainly say otherwise.

    Many clients tag every post with the writer's interface language, so a Polish complaint from a
    phone set to English arrives as "en" and VADER would read it as a harmless 0.0. The quick check
    overrules the tag only when it is sure and finds no English function word; text with many
    diacritics that it does not call English goes to py3langid (rare in English, so the model is
    seldom needed).
    """
    quick = quick_check(text)
    if quick is not None and quick.english:
        return LanguageDecision(True, "tag")
    if quick is not None and (quick.method == "script" or _no_english_words(text)):
        return LanguageDecision(False, "tag-overruled")
    if _accented(text) and not langid_is_english(text):
        return LanguageDecision(False, "tag-overruled")
    return LanguageDecision(True, "tag")


def _no_english_words(text: str) -> bool:
    """Over three words and not one English function word: a tag's claim needs more against it than
    a guess does ("I favorited a video -- El Ultimo de la Fila" stays English)."""
    words = _words(text.lower())
    return len(words) > 3 and not words & _ENGLISH


def _accented(text: str) -> bool:
    """More than one letter in twenty carries a diacritic (English rarely does: café, naïve)."""
    if text.isascii():
        return False
    letters, _, latin = _letter_counts(text)
    return latin * 20 > letters


def is_english(text: str, lang: str | None = None) -> bool:
    return decide(text, lang).english
