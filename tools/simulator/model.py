"""What the simulator is made of: engagement curves, authors, posts, and id helpers."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field


@dataclass
class Curve:
    """Expected cumulative count t minutes after a post was made.

    Without ``mid`` the curve saturates (fast at first, then flat: total * (1 - e^(-t/tau))). With ``mid``
    it is logistic: a slow start, an acceleration around ``mid`` minutes, then saturation. ``tail`` adds a
    slow trickle on top (``tail`` more over ~``tail_tau`` minutes), as a post that took off keeps being found.
    """

    total: float
    tau: float = 30.0
    mid: float | None = None
    width: float = 10.0
    base: int = 0
    tail: float = 0.0
    tail_tau: float = 150.0

    def expected(self, t: float) -> float:
        if t <= 0:
            return 0.0
        trickle = self.tail * (1.0 - math.exp(-t / self.tail_tau))
        mid = self.mid
        if mid is None:
            return self.total * (1.0 - math.exp(-t / self.tau)) + trickle

        def f(x: float) -> float:
            return 1.0 / (1.0 + math.exp(-(x - mid) / self.width))

        return self.total * (f(t) - f(0.0)) / (1.0 - f(0.0)) + trickle


def sat(total: float, tau: float = 30.0) -> Curve:
    return Curve(total=total, tau=tau)


def takeoff(total: float, mid: float, width: float) -> Curve:
    return Curve(total=total, mid=mid, width=width, tail=0.15 * total)


@dataclass
class Author:
    id: str | None
    handle: str | None
    followers: int | None


@dataclass
class Post:
    source: str
    id: str
    url: str | None
    created: float  # minutes after the simulation start (negative: already up when polling began)
    author: Author
    text: str
    kind: str
    lang: str | None = "en"
    rating: int | None = None
    in_reply_to: str | None = None
    counters: dict[str, Curve] = field(default_factory=dict)
    caps: tuple[str, ...] = ()
    watch: float = 150.0
    sub: str | None = None  # subreddit, for reddit posts and comments


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = B36[r] + out
    return out or "0"


def slugify(text: str, words: int = 8) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    return "_".join(cleaned.split()[:words])
