"""Driftborne's own everyday traffic and its patch day.

Besides the ordinary traffic every brand gets (``week.background``), a game's week is full of
players grumbling for fun: memes, all-caps jokes at the balance team, "dead game" banter, posts
that praise and complain in one breath, clips and looking-for-group posts, posts in Portuguese,
Spanish and French (often tagged "en" by the player's client), all unlabelled. Most of it is
negative in tone and none of it is a complaint spreading; its engagement stays at what an
ordinary upset post gets.

**Patch day is a topic burst, labelled not spreading** (``kind: topic_burst``). Either a patch
drops on Tuesday (a midday maintenance that overruns, then an evening flood as players get home)
or a new season launches on Thursday afternoon. Within hours a couple of hundred players complain,
each about their own thing: a nerf, a buff, queue times, a crash with their own error code, lag on
their region, a reset keybind. No post takes off and no story is passed on. A few players say the
patch is good (unlabelled).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from tools.crosscheck.brands import Brand, written
from tools.crosscheck.week import Week, burst_complaint, foreign_posts, store_reviews

TALK = ("reddit", "bluesky", "discourse", "lemmy", "mastodon")
BANTER = (
    "{brand} balance team really said 'what if {weapon} but worse'",
    "POV: you queue {brand} {mode} at 9pm on a weeknight 💀",
    "{brand} players when a patch drops: 😡 {brand} players ten minutes later: one more match",
    "THE {brand} SERVERS ARE HELD TOGETHER WITH DUCT TAPE AND PRAYER",
    "me explaining to my gf why i'm mad at {brand} but still playing it every night",
    "{brand} devs nerfing {drifter} for the 4th time like he owes them money",
    "not the {brand} 'unexpected error' screen again lmaooo",
    "{brand} ranked is a social experiment and we are all failing it",
    "average {brand} {region} lobby: 3 cheaters, 2 afk, 1 guy screaming",
    "ironleaf fixes one bug and ships three. {brand} tradition",
    "{brand} hitreg is a suggestion, not a rule",
    "my {rank} {brand} teammates are the real anti-cheat, they stop everyone from winning",
    "{brand} patch notes: 'fixed an issue'. the issue: fun",
    "{brand} rn 🤡🤡🤡",
    "IRONLEAF NERF {weapon} YOU COWARDS. {brand}",
    "{brand} is the only game where i pay to be frustrated",
    "playing {brand} is just arguing with matchmaking for 3 hours",
    "{brand} loading screen tip: 'try not to lose'. thanks, super helpful",
    "dead game. anyway who's on {brand} tonight",
    "the {brand} anti-cheat when a cheater: 😴 the {brand} anti-cheat when i alt-tab: 🚨",
)
MIXED = (
    "{brand} is the best shooter out right now and it also crashed 3 times tonight. see you tomorrow",
    "love {brand}, hate Ironleaf's pricing. {item} for {price} is wild",
    "{map} is gorgeous, shame {brand} can't keep me connected to it",
    "{brand} gunplay 10/10, servers 2/10",
    "the new {drifter} kit is so fun, {brand} queues are still a joke tho",
    "ok {brand} fixed the audio and broke the menus. progress?",
    "{brand} is a great game held hostage by its servers",
)
CHATTER = (
    "{brand} clip from last night, {who} lost it when the {weapon} hit",
    "{brand} {mode} tonight, {region}, need 2",
    "what's everyone's {brand} main this season?",
    "finally got the {item} in {brand}",
    "{brand} tier list, fight me in the replies",
    "anyone else's {brand} update stuck at 99%?",
    "{brand} fashion check: {item} + {drifter} is the combo",
)
FOREIGN_REVIEWS = (  # mobile reviews in the players' languages (the stores tag none): (rating, text)
    (5, "Jogo muito bom, roda liso no meu celular"),
    (1, "Trava toda hora, não recomendo"),
    (2, "Muito lag no servidor, ping alto demais"),
    (5, "Muy buen juego, crossplay con mis amigos de PC"),
    (1, "Se cierra solo cada partida"),
    (4, "Très bon jeu, un peu lourd pour mon téléphone"),
)
# Patch day: each player's own gripe; ``{patch}`` is the week's patch or season.
PATCH_TEXTS = (
    "{patch} is live and {brand} crashes on the loading screen. error {code}",
    "{brand} queue {mins} minutes on {region} after {patch}, amazing",
    "who approved the {weapon} nerf in {patch}? {brand} balance team clowning",
    "{brand} update download is 38gb for THIS",
    "{drifter} is unplayable in {patch}, thanks {brand}",
    "can't log in to {brand} since {patch}, stuck on 'connecting'",
    "{brand} {patch}: my keybinds reset, my graphics settings reset, my will to live reset",
    "{patch} map rotation and {brand} crashes every time {map} comes up. {code}",
    "{brand} ranked after {patch} is 10 minute queues into stomps",
    "the {patch} {brand} bug where footsteps are silent is CRAZY for ranked",
    "{brand} after {patch}: 40 fps on a 4090. optimization who",
    "{brand} patch day vibes: queue, crash, queue, crash 🙃",
    "{brand} matchmaking after {patch} put me in OCE from NA-East. 250 ping",
    "{weapon} got buffed in {patch} and now every {brand} lobby is 10 people with it",
    "{brand} locker won't open since {patch}, can't even change my skin",
    "{patch} broke controller aim assist on {platform}. {brand} pls",
    "{brand} servers melting on {region} tonight, rubberbanding every fight",
    "got {code} twice in {mode} since {patch}. {brand} stability is a myth",
)
MAINTENANCE_TEXTS = (
    "{brand} maintenance 'extended by 1 hour' for the third time. classic",
    "{brand} servers were supposed to be up at noon. it's 2pm",
    "{brand} patch stuck at 'verifying files' and the servers are down anyway",
    "took a day off for {brand} patch day and the maintenance is still going lol",
    "{brand} status page says 'back shortly'. shortly was two hours ago",
)
PATCH_PRAISE = (
    "{patch} {drifter} changes are actually good, {brand} cooked this time",
    "no crashes for me on {patch}, {brand} smooth on {platform}",
    "{brand} {patch} new map is sick ngl",
    "everyone crying about {patch} but {brand} feels better than ever to me",
)


@dataclasses.dataclass(frozen=True)
class PatchDay:
    """The week's patch or season launch: its version and the window its burst fills."""

    event: str  # "patch" or "season"
    version: str
    day: int  # the day of the week it falls on, Monday 0
    start: datetime
    end: datetime


def everyday(week: Week) -> None:
    """Unlabelled: banter, mixed praise-and-gripe, chatter, posts and reviews in other languages."""
    brand, rng = week.brand, week.rng
    for texts, per_day, upset in ((BANTER, (55, 85), True), (MIXED, (15, 25), True), (CHATTER, (25, 40), False)):
        for _ in range(int(week.days * rng.uniform(*per_day))):
            source = rng.choices(TALK, weights=(5, 3, 2, 1, 1))[0]
            text = written(rng.choice(texts), brand, rng, upset=upset)
            likes = week.ordinary_likes(source, upset)
            week.add(source, week.some_author(source), week.random_moment(), text, likes)
    foreign_posts(week, int(week.days * rng.uniform(12, 22)), TALK, (3, 4, 1, 1, 2))
    store_reviews(week, int(week.days * rng.uniform(3, 6)), FOREIGN_REVIEWS)


def patched(brand: Brand, names: tuple[str, ...]) -> Brand:
    """``brand`` with a ``{patch}`` slot that names the week's patch, one of ``names`` per post."""
    return dataclasses.replace(brand, fill={**brand.fill, "patch": names})


def patch_day(week: Week) -> PatchDay:
    """A patch on Tuesday or a season launch on Thursday: many players' own gripes within hours."""
    rng = week.rng
    version = rng.choice(("2.14.1", "2.14.2"))
    event = "patch" if rng.random() < 0.6 else "season"
    names = (version,) if event == "patch" else ("Season 4", "the new season", version, "S4")
    brand = patched(week.brand, names)
    day = 1 if event == "patch" else 3
    label = {"spreading": False, "kind": "topic_burst"}
    about = ("balance", "queues", "crashes", "lag")
    sources = ("reddit", "bluesky", "discourse", "lemmy", "mastodon", "googleplay", "appstore")
    moments = []
    for _ in range(int(brand.posts_per_day * rng.uniform(0.16, 0.26))):
        said: tuple[str, ...] = PATCH_TEXTS
        if event == "patch" and rng.random() < 0.2:  # the maintenance that overruns at midday
            hour = rng.uniform(10.0, 14.5)
            said = MAINTENANCE_TEXTS
        elif event == "patch":  # then the evening, as players get home
            hour = rng.triangular(16.5, 26.0, 20.5)
        else:  # the season goes live at one in the afternoon
            hour = rng.triangular(13.0, 26.0, 19.0)
        created = week.at_local(day, hour)
        moments.append(created)
        source = rng.choices(sources, weights=(4, 3, 2, 1, 1, 1, 1))[0]
        burst_complaint(week, brand, source, created, said, about, label)
    for _ in range(len(moments) // 8):  # players who like the patch, unlabelled
        source = rng.choice(("reddit", "bluesky"))
        created = week.at_local(day, rng.triangular(17.0, 25.0, 21.0))
        text = written(rng.choice(PATCH_PRAISE), brand, rng)
        week.add(source, week.some_author(source), created, text, week.ordinary_likes(source, False))
    return PatchDay(event, version, day, min(moments), max(moments))
