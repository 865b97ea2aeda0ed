"""Background chatter: praise, questions, news, gripes, complaints, replies, off-brand and foreign posts."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from tools.simulator.model import Post, slugify
from tools.simulator.pools import (
    APP_REVIEWS,
    COMPLAINTS,
    FOREIGN,
    GRIPES,
    NEUTRAL,
    NEWS,
    OFFBRAND,
    OFFBRAND_LINKS,
    PRAISE,
    REPLIES,
    REVIEW_BODIES,
    REVIEW_TITLES,
    RSS_FEEDS,
    SUBREDDITS,
    Slots,
    fill,
)
from tools.simulator.sim import SimCore


class Sim(SimCore):
    """A simulation with background chatter: the ordinary traffic every scenario is set in."""

    # ---- background chatter
    def background(
        self,
        n: int,
        mix: Mapping[str, float],
        t0: float = -60.0,
        t1: float | None = None,
        offbrand: float = 0.03,
        foreign: float = 0.015,
    ) -> list[Post]:
        self.identities.in_background = True
        try:
            return self._background(n, mix, t0, t1, offbrand, foreign)
        finally:
            self.identities.in_background = False

    def _background(
        self, n: int, mix: Mapping[str, float], t0: float, t1: float | None, offbrand: float, foreign: float
    ) -> list[Post]:
        r = self.rng
        t1 = self.end - 15 if t1 is None else t1
        times = sorted(r.uniform(t0, t1) for _ in range(n))
        sources = list(mix)
        made: list[Post] = []
        # A couple of posts in other languages in every file, whatever the dice say.
        foreign_at = set(r.sample(range(n), max(2, round(n * foreign))))
        kind_mix = {
            "hackernews": {
                "news": 32,
                "offbrand": 10,
                "complaint": 9,
                "gripe": 10,
                "neutral": 10,
                "praise": 5,
                "reply": 18,
            },
            "reddit": {
                "neutral": 24,
                "complaint": 13,
                "gripe": 14,
                "praise": 15,
                "news": 8,
                "offbrand": 5,
                "reply": 21,
            },
            "mastodon": {"praise": 20, "neutral": 18, "gripe": 18, "complaint": 10, "news": 9, "reply": 20},
            "bluesky": {"praise": 22, "neutral": 18, "gripe": 17, "complaint": 10, "news": 8, "reply": 20},
        }
        for index, minute in enumerate(times):
            source = r.choices(sources, weights=[mix[s] for s in sources])[0]
            if index in foreign_at:
                lang, kind, template = self.draw("foreign", FOREIGN)
                text = fill(r, template)
                made.append(
                    self.post(r.choice(["mastodon", "bluesky", "reddit"]), minute, text, kind="foreign", lang=lang)
                )
                continue
            if source == "rss":
                if r.random() < 0.06:
                    made.append(self._offbrand("rss", minute))
                else:
                    made.append(self._news("rss", minute))
                continue
            if source == "appstore":
                made.append(self._review(minute))
                continue
            if r.random() < offbrand:
                made.append(self._offbrand(source, minute))
                continue
            kinds = kind_mix[source]
            kind = r.choices(list(kinds), weights=list(kinds.values()))[0]
            if kind == "reply":
                parents = [
                    p
                    for p in self.posts + made
                    if p.source == source
                    and p.kind in REPLIES
                    and p.in_reply_to is None
                    and minute - 150 < p.created < minute - 3
                ]
                parent = r.choice(parents) if parents else None
                reply: str | None = None
                if parent is not None:
                    reply = self.fresh(partial(self._fill_from, f"reply-{parent.kind}", REPLIES[parent.kind]))
                if parent and reply:
                    text = reply
                    if source in ("mastodon", "bluesky") and r.random() < 0.6:
                        text = f"@{parent.author.handle} {text}"
                    if source == "hackernews":
                        text = self._entities(text)
                    made.append(self.post(source, minute, text, kind="reply", reply_to=parent, lang=self._lang(text)))
                    continue
                kind = "neutral"
            made.append(self._chatter(source, minute, kind))
        return made

    def _lang(self, text: str) -> str | None:
        # Sources without a language tag get one from detection, which gives up on very short texts.
        return None if (len(text) < 40 and self.rng.random() < 0.6) or self.rng.random() < 0.03 else "en"

    def _entities(self, text: str) -> str:
        """HN and some feeds hand text over with HTML entities still in; a reader must cope."""
        if self.rng.random() < 0.35:
            return text.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;")
        return text

    def _chatter(self, source: str, minute: float, kind: str) -> Post:
        r = self.rng
        if kind == "news":
            return self._news(source, minute)
        if kind == "offbrand":
            return self._offbrand(source, minute)
        pools = {"praise": PRAISE, "neutral": NEUTRAL, "gripe": GRIPES, "complaint": COMPLAINTS}
        # Every template at most once per file while any are left (two strangers don't write the same
        # sentence); when a deck is used up, something harmless instead; only then reuse praise/questions.
        text = None
        for option in dict.fromkeys([kind, "neutral", "praise"]):
            text = self.fresh(partial(self._fill_from, option, pools[option]))
            if text is not None:
                kind = option
                break
        if text is None:
            kind = "neutral"
            text = (
                self.fresh(lambda: fill(r, self.draw("neutral-again", NEUTRAL)), tries=50)
                or "Anyone flying Northwind Air today?"
            )
        return self._place(source, minute, kind, text)

    def _place(self, source: str, minute: float, kind: str, text: str) -> Post:
        """Post a chatter text the way each source carries it (case, hashtags, reddit asides, HN comments)."""
        r = self.rng
        if source in ("mastodon", "bluesky") and r.random() < 0.07:
            text = text.lower()
        if source == "mastodon" and r.random() < 0.25:
            text += r.choice([" #NorthwindAir", " #travel", " #avgeek", " #flying"])
        if source == "reddit" and r.random() < 0.3:
            text += "\n\n" + r.choice(
                [
                    "Edit: thanks for the replies everyone.",
                    "Throwaway because my main is linked to my real name.",
                    "Not sure if this is the right sub, mods remove if not.",
                    "Posting from my phone, sorry for formatting.",
                    "Long time lurker, first post.",
                ]
            )
        if source == "hackernews":
            # On HN people mention an airline in comments under some other story, which is not in the file;
            # Algolia gives comments no points, so these carry no engagement at all.
            text = self._entities(text)
            story = self.identities.unique(
                lambda: str(46_180_000 + int((self.at(minute).timestamp() - 1.79e9) / 6) - r.randint(300, 20_000))
            )
            return self.post(source, minute, text, kind=kind, lang=self._lang(text), parent_id=story)
        return self.post(source, minute, text, kind=kind, lang=self._lang(text))

    def _fill_from(self, deck: str, pool: list[str]) -> str:
        return fill(self.rng, self.draw(deck, pool, refill=False))

    def _news(self, source: str, minute: float) -> Post:
        r = self.rng
        # One story, one set of facts: a story can be carried by a feed, HN and a share or two, word for word.
        fresh_stories = [i for i in range(len(NEWS)) if self.news_uses[i] == 0]
        reusable = [i for i in range(len(NEWS)) if 0 < self.news_uses[i] < 3]
        index = r.choice(fresh_stories if fresh_stories and (not reusable or r.random() < 0.75) else reusable)
        self.news_uses[index] += 1
        if index not in self.news_text:
            slots = Slots(r)
            slots["brand"] = "Northwind Air"
            self.news_text[index] = (NEWS[index][0].format_map(slots), NEWS[index][1].format_map(slots))
        headline, lede = self.news_text[index]
        if source == "rss":
            author = self.new_author("rss")
            text = self._entities(f"{headline}\n{lede}") if author.id == "news.google.com" else f"{headline}\n{lede}"
            return self.post("rss", minute, text, kind="news", author=author, title=headline, watch=r.uniform(150, 240))
        if source == "hackernews":
            return self.post(source, minute, self._entities(headline), kind="news", lang="en")
        if source == "reddit":
            return self.post(source, minute, headline, kind="news", lang="en", sub=r.choice(SUBREDDITS["news"]))
        slug = slugify(headline, 7).replace("_", "-")
        link = f"https://www.{r.choice(RSS_FEEDS[:4])[0]}/{self.at(minute):%Y/%m}/{slug}"
        text = r.choice([f"{headline} {link}", f"{headline}\n\n{link}", f"Huh: {headline.lower()} {link}"])
        return self.post(source, minute, text, kind="news", lang="en")

    def _offbrand(self, source: str, minute: float) -> Post:
        r = self.rng
        picked: list[str] = []

        def make() -> str:
            topic, template = self.draw("offbrand", OFFBRAND, refill=False)
            picked.append(topic)
            return template.replace("{url2}", r.choice(OFFBRAND_LINKS))

        text = self.fresh(make)
        if text is None:
            return self._news(source, minute) if source != "appstore" else self._review(minute)
        topic = picked[-1]
        if source == "rss":
            author = self.new_author("rss", handle="Google Alerts: Northwind Air")
            author.id = "news.google.com"
            text = self._entities(text)
            return self.post("rss", minute, text, kind="offbrand", author=author, title=text)
        sub = {
            "sql": r.choice(SUBREDDITS["offbrand"]),
            "beer": "Homebrewing",
            "sail": "sailing",
            "game": "gaming",
        }[topic]
        return self.post(source, minute, text, kind="offbrand", sub=sub)

    def _review(self, minute: float) -> Post:
        try:
            rating, title, body = self.draw("reviews", APP_REVIEWS, refill=False)
        except RuntimeError:  # every written review used: a short positive one from parts, never a repeat
            rating, title, body = self.rng.choice([4, 5]), "", ""
            text = self.fresh(lambda: f"{self.rng.choice(REVIEW_TITLES)}\n{self.rng.choice(REVIEW_BODIES)}", 30)
            if text:
                title, body = text.split("\n", 1)
        text = f"{title}\n{body}" if title else ""
        return self.post("appstore", minute, text, kind="review", rating=rating, lang="en" if text else None)
