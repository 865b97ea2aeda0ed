"""The memory-mapped language model: exactly the packaged model's decisions, a fraction of its memory."""

from __future__ import annotations

import gc
import multiprocessing
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from monitor.config import ScoringConfig
from monitor.scoring import language
from monitor.scoring.pool import ScoringPool
from tests.conftest import OWN_FIXTURES, REPO, shared_path

pytestmark = pytest.mark.slow  # each test unpacks or loads the 65 MiB model, or starts processes

_CACHE_ENV = ("REPMON_CACHE_DIR", "CACHE_DIRECTORY", "XDG_CACHE_HOME", "HOME")


@pytest.fixture(scope="module")
def packaged() -> Any:
    """py3langid's identifier loaded its own way, from the unmodified packaged model: the reference."""
    return language._loaded_identifier()


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPMON_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        identifier = language._mapped_identifier()
    assert identifier is not None
    return identifier


def _fixture_texts() -> list[str]:
    texts = []
    for name in ("languages.tsv", "complaints.tsv"):
        for line in (OWN_FIXTURES / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                texts.append(line.rsplit("\t", 1)[-1])
    return texts


def _generated_texts(count: int, seed: int = 12) -> list[str]:
    """Short and long posts in many scripts and word mixes, upper case too: what reaches py3langid."""
    rng = random.Random(seed)
    english = " ".join(_fixture_texts()).split()
    foreign = (
        "el vuelo fue cancelado y nadie nos dice nada mein Flug wurde gestrichen je suis très déçu le vol "
        "est annulé o voo atrasou muito il volo è in ritardo de vlucht is vertraagd lot odwołany uçuş iptal"
    ).split()
    blocks = [(0x0400, 0x04FF), (0x0600, 0x06FF), (0x0900, 0x097F), (0x4E00, 0x4FFF), (0x3040, 0x30FF)]
    blocks += [(0xAC00, 0xAD00), (0x0370, 0x03FF), (0x0590, 0x05FF), (0x0E00, 0x0E7F), (0x1F600, 0x1F64F)]
    blocks += [(0x20, 0x7E), (0xA0, 0x24F)]
    texts = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:
            words = english if rng.random() < 0.5 else foreign
            text = " ".join(rng.choice(words + foreign) for _ in range(rng.randint(1, 25)))
        elif kind < 0.75:
            low, high = rng.choice(blocks)
            text = "".join(
                chr(rng.randint(low, high)) if rng.random() < 0.85 else " " for _ in range(rng.randint(1, 120))
            )
        else:
            text = "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(0, 300)))
        texts.append(text.upper() if rng.random() < 0.1 else text)
    return texts


def _differences(mapped: Any, packaged: Any, texts: list[str]) -> list[str]:
    wrong = []
    for text in texts:
        sample = text[: language.LANGID_MAX_CHARS]
        if mapped.classify(sample) != packaged.classify(sample) or mapped.rank(sample) != packaged.rank(sample):
            wrong.append(text)
    return wrong


def test_the_mapped_model_decides_exactly_as_the_packaged_one(mapped: Any, packaged: Any) -> None:
    """Every language's probability, not just the top guess, equal to the last bit."""
    texts = _fixture_texts() + _generated_texts(1500)
    assert len(texts) > 1600
    assert _differences(mapped, packaged, texts) == []
    assert {mapped.classify(t)[0] for t in texts} >= {"en", "es", "de", "fr", "ru", "ja", "ar"}


def test_the_mapped_model_decides_exactly_as_the_packaged_one_on_real_tweets(mapped: Any, packaged: Any) -> None:
    path = shared_path("data", "vader_ground_truth", "tweets_GroundTruth.txt")
    texts = [line.split("\t", 2)[2] for line in path.read_text(encoding="utf-8").splitlines() if line.count("\t") >= 2]
    assert len(texts) > 4000
    assert _differences(mapped, packaged, texts) == []


def test_the_model_is_unpacked_once_and_then_only_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPMON_CACHE_DIR", str(tmp_path))
    assert language._mapped_identifier() is not None
    (unpacked,) = tmp_path.iterdir()  # one complete file, no temporary left behind
    written = unpacked.stat()
    identifier = language._mapped_identifier()
    assert identifier is not None and identifier.classify("Der Flug wurde gestrichen")[0] == "de"
    assert unpacked.stat().st_mtime_ns == written.st_mtime_ns and unpacked.stat().st_ino == written.st_ino


def test_a_damaged_cache_file_is_unpacked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPMON_CACHE_DIR", str(tmp_path))
    assert language._mapped_identifier() is not None
    (unpacked,) = tmp_path.iterdir()
    size = unpacked.stat().st_size
    unpacked.write_bytes(unpacked.read_bytes()[: size // 2])  # as a full disk would leave it
    identifier = language._mapped_identifier()
    assert identifier is not None and identifier.classify("El vuelo fue cancelado otra vez")[0] == "es"
    assert unpacked.stat().st_size == size


def test_without_a_writable_cache_the_model_loads_the_usual_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: Any
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REPMON_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert language._mapped_identifier() is None
    for name in _CACHE_ENV:
        monkeypatch.delenv(name, raising=False)
    assert language.cache_dir() is None
    monkeypatch.setattr(language, "_identifier", None)
    assert language._langid().classify("Der Flug wurde gestrichen") == packaged.classify("Der Flug wurde gestrichen")


def _private_growth(env: dict[str, str]) -> int:
    """KiB of private (anonymous) memory a fresh process gains by deciding a few uncertain posts."""
    script = (
        "from monitor.scoring import language\n"
        "def anon():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('RssAnon'))\n"
        "before = anon()\n"
        "for text in ['Northwind 747 SFO-JFK', 'Flug NW123 heute?', 'vol AF 12 ok']:\n"
        "    language.langid_is_english(text)\n"
        "print(anon() - before)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RssAnon from Linux /proc")
def test_a_process_holds_only_what_it_touches_of_the_mapped_model(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if k not in _CACHE_ENV}
    loaded = _private_growth(base)  # no cache directory: the whole model in this process's memory
    mapped = _private_growth({**base, "REPMON_CACHE_DIR": str(tmp_path)})
    assert loaded > 50 * 1024  # the model in memory (~75 MiB)
    assert mapped * 4 < loaded


def test_scoring_workers_start_with_the_pool_and_the_heap_is_unfrozen_after(tmp_path: Path) -> None:
    frozen = gc.get_freeze_count()
    with ScoringPool(ScoringConfig(), workers=2) as pool:
        # forked before the caller reads any data: nothing of an import's chunks is inherited
        assert len(multiprocessing.active_children()) >= 2
        (_items, future), *_ = pool.submit([("Northwind lost my bag again", None)])
        assert future.result().scores[0].label == "negative"
    assert gc.get_freeze_count() == frozen


def test_workers_fork_from_the_callers_warmed_scorer_and_it_is_released_after() -> None:
    """The rules, lexicon and language model are built once, in the importing process, and shared."""
    from monitor.scoring import pool as pool_module
    from monitor.scoring.analyzer import Scorer

    scorer = Scorer(ScoringConfig())
    with ScoringPool(ScoringConfig(), workers=1, scorer=scorer) as pool:
        assert pool_module._WORKER is scorer  # what the workers inherited over fork
        assert language._identifier is not None  # loaded before the fork, not once per worker
        (_items, future), *_ = pool.submit([("Northwind a perdu ma valise et personne ne répond", None)])
        assert future.result().scores[0].label == "unscored"
    assert pool_module._WORKER is None
