"""Driftborne: an online multiplayer game by the studio Ironleaf (~1,200 posts a day).

A third held-out brand, written blind to the detector and never tuned on. A game's players are
in the US, Canada and Australia, so its day follows US Eastern time (UTC-5): a late-night tail of
West Coast players, a small early-morning bump of Australians (OCE) in their evening, then a long
evening peak, and weekends far busier (1.3x) than weekdays.

Its world is deliberately hard for a complaint detector. Players' everyday tone is harsh and
sarcastic ("balance team smoking something again lol", "queue times are a joke", "classic
Ironleaf"), in slang, all caps and emoji, and a large share of everyday posts are negative without
being a spreading complaint. Its identifiers are its own: patch versions (``2.14.1``), server
regions (``NA-East``, ``OCE``), error codes (``0x3F-NET``), item, weapon and map names, support
tickets (``IL-...``), and prices in US, Canadian and Australian dollars. App-store reviews are of
Driftborne Mobile, the cross-play phone client. Brazilian, Spanish-speaking and Québécois players
post in their languages. "Driftborne" is also a surf shop in Byron Bay and a fantasy trilogy, and
"Ironleaf" a tea brand, which the config excludes. The week's shape (patch day, the incidents) is
in ``driftborne_week``; its stories in ``driftborne_stories``; its own everyday traffic and the
patch-day burst in ``driftborne_traffic``.
"""

from __future__ import annotations

from tools.crosscheck.brands import Brand, hours, words
from tools.crosscheck.driftborne_stories import (
    ACCOUNT_THEFT,
    DEADPAN,
    ECHOES,
    FOREIGN_VIRAL,
    STREAMERS,
    VIRAL_NEWS,
    VIRAL_PRAISE,
    WAVES,
)

DRIFTBORNE = Brand(
    name="Driftborne",
    slug="driftborne",
    mentions=("Driftborne", "driftborne", "#Driftborne", "@DriftborneGame", "DRIFTBORNE", "Ironleaf's Driftborne"),
    tz=-5,
    hourly=hours(
        "1.35 1.05 0.75 0.5 0.5 0.6 0.62 0.52 0.45 0.5 0.6 0.7 0.8 0.85 0.9 1.0 1.2 1.45 1.7 1.95 2.1 2.1 1.9 1.6"
    ),
    posts_per_day=950,
    source_mix={
        "reddit": 0.34,
        "bluesky": 0.15,
        "mastodon": 0.05,
        "lemmy": 0.06,
        "discourse": 0.12,
        "rss": 0.02,
        "appstore": 0.09,
        "googleplay": 0.17,
    },
    intervals={
        "reddit": 6,
        "bluesky": 3,
        "mastodon": 5,
        "lemmy": 10,
        "discourse": 8,
        "rss": 30,
        "appstore": 60,
        "googleplay": 30,
    },
    fill={
        "weapon": words("Harrow Blade | Tidebreaker | the Gullwing bow | Brineshot | the Anchor Maul | Reefpiercer"),
        "drifter": words("Keel | Marrow | Sable | Wick | Ondine | Brasshook | Pell"),
        "map": words("Saltmarsh | Brinewood | Sunken Causeway | Kelpfall | Lanternreach | Driftyards"),
        "mode": words("ranked | Drift Royale | Expeditions | quick play | the raid"),
        "region": words("NA-East | NA-West | NA-Central | OCE | EU-West | SA-East"),
        "code": words("0x3F-NET | LZ-0442 | 0xC5-GPU | E-2209 | 0x11-AUTH | DS-503 | 0x7A-MEM"),
        "item": words(
            "Tidecaller skin | Gullwing glider | Founder's Bundle | season pass | Coral Crown emote | "
            "Wraithsail | 2,800 Shards | Abyssal Lantern skin"
        ),
        "price": words("$9.99 | $19.99 | $24.99 | $4.99 | CA$13.99 | CA$32.99 | A$15.99 | A$37.99 | 24.99 USD"),
        "version": ("2.13.1", "2.13.2", "2.14.0"),  # the week's own patch comes after these
        "platform": words("PC | PS5 | Xbox | Steam Deck | my phone | Switch"),
        "when": words("last night | tonight | just now | all weekend | since the patch | this morning"),
        "rank": words("Silver 2 | Gold 1 | Plat 3 | Diamond | Tidelord | Bronze 4"),
        "who": words("my duo | the squad | my little brother | my gf | the randoms | my whole discord"),
    },
    topics={
        "balance": (
            "{weapon} nerf is a joke, {brand} balance team smoking something again lol",
            "who at Ironleaf thought {drifter} needed a BUFF. {brand} balance is a meme",
            "{drifter} mains eating good while the rest of us suffer. {brand} balance 🤡",
            "nerfed the only fun weapon in {brand}, as is tradition",
            "{weapon} one-shots through shields in {mode}. {brand} pls",
            "every {brand} patch: nerf what's fun, buff what's annoying",
            "{brand} {mode} is just {drifter} mirror matches now. who tested this",
        ),
        "queues": (
            "{brand} queue times are a joke, {mins} minutes for {mode} on {region}",
            "queued {mins} min in {brand} to get put with a {rank} vs diamonds. cool matchmaking",
            "{brand} {region} queue at 8pm on a friday is {mins} minutes. dead game? no, dead servers",
            "sat in {brand} queue so long i made dinner AND ate it",
            "{brand} matchmaking put my {rank} duo vs a 5-stack of streamers. fair and balanced",
            "{mins} minute {brand} queue, 4 minute match, back to the queue. this is the game now",
        ),
        "crashes": (
            "{brand} crashed on loading into {map} again. error {code}. love it",
            "another patch another bug, classic Ironleaf. {brand} crashing on {platform} since {version}",
            "{brand} crashes every time i open the store lmao",
            "got {code} three times in one {mode} match. {brand} stability everyone",
            "{brand} froze mid-fight, came back to a loss and a leaver penalty",
            "{brand} on {platform} hard crashes to desktop after every match since {version}",
        ),
        "lag": (
            "{brand} {region} servers running on a potato tonight",
            "rubberbanding all over {map}. {brand} servers are hamster powered",
            "200 ping on {region} in {brand} and i live 30 miles from the datacenter",
            "desync in {brand} so bad i died behind a wall. twice",
            "{brand} servers down AGAIN. status page says all good 🙂",
        ),
        "cheaters": (
            "{brand} {mode} is full of aimbotters and the anti-cheat is asleep",
            "reported the same cheater in {brand} four times, he's still top of the {region} leaderboard",
            "spinbotter in my {brand} lobby on {map}. bulwark anti-cheat doing nothing as usual",
            "{brand} cheaters flying around {map}, nobody banned. classic",
        ),
        "store": (
            "{item} is {price} in {brand}? for a recolor? lmao",
            "{brand} battle pass got worse AND more expensive, impressive",
            "{brand} store rotation has been the same 4 skins for a month",
            "{price} for a glider in {brand}. Ironleaf has lost it",
            "{brand} bundle is {price} and half of it is stuff i already own",
        ),
    },
    openers=(
        "bruh.",
        "ok so",
        "lmao",
        "not gonna lie",
        "PSA:",
        "day 3 of this:",
        "rant:",
        "cool.",
        "yikes.",
        "ngl",
        "every. single. time.",
    ),
    endings=(
        "classic Ironleaf",
        "fix your game {brand}",
        "💀",
        "🤡",
        "uninstalling (again)",
        "L patch",
        "Ironleaf pls",
        "#FixDriftborne",
        "still playing tho",
        "ggs i guess",
        "😭",
        "touch grass Ironleaf",
    ),
    mild=(
        "{brand} menu music slaps but why is it so loud",
        "wish {brand} had a replay mode",
        "the {brand} {map} rework is ok i guess, miss the old one",
        "{brand} needs a practice range that isn't 2 bots",
        "{brand} loading screens are long but the art is nice",
        "{brand} daily challenges are kinda samey",
        "{brand} ui is cluttered, takes 4 clicks to change loadout",
        "{drifter} voice lines are cringe, still my {brand} main",
        "{brand} friends list shows people online who aren't",
        "wish the {brand} battle pass had more emotes and fewer sprays",
    ),
    praise=(
        "{brand} {map} sunsets are unreal 😍",
        "ok the {brand} {drifter} changes actually cooked",
        "hit {rank} in {brand} tonight, LETS GOOO",
        "{brand} devs actually reading the subreddit, respect",
        "3am {brand} {mode} with {who} >>> sleep",
        "the {item} is the best thing Ironleaf ever made. {brand} W",
        "{brand} community on {region} is lowkey wholesome",
        "{brand} is peak when it works",
        "{brand} netcode feels way better since {version}, gg Ironleaf",
        "clutched a 1v3 on {map}, {brand} moments",
    ),
    questions=(
        "is {brand} down or is it just me?",
        "{brand} best {drifter} build after {version}?",
        "anyone on {region} want to duo {brand} {mode} tonight?",
        "does {brand} have crossplay between {platform} and PC?",
        "how do you unlock the {item} in {brand}?",
        "is {brand} worth getting in 2026?",
        "{brand} ranked reset when?",
        "what's {brand} error {code}? google gives nothing",
        "does the {brand} season pass carry over?",
        "{brand} LFG {region}, {rank}, mic, chill vibes",
    ),
    news=(
        "Driftborne passes {n} million players as its new season launches",
        "Ironleaf confirms Driftborne {region} server expansion",
        "Driftborne esports league announces {region} qualifiers",
        "Ironleaf hiring for a new Driftborne live team in Austin",
        "Driftborne comes to Switch this spring, Ironleaf says",
        "Driftborne developers outline anti-cheat roadmap in new dev blog",
    ),
    foreign={
        "pt": (
            "Driftborne travando de novo no {region}, que fase",
            "alguém pra jogar Driftborne ranked hoje? sou {rank}",
            "o {item} do Driftborne tá lindo demais",
            "ping de 180 no Driftborne, cadê o servidor brasileiro Ironleaf?",
        ),
        "es": (
            "Driftborne se cae cada partida desde el parche {version}",
            "¿alguien para jugar Driftborne esta noche? {region}",
            "el nuevo mapa de Driftborne está increíble",
            "{price} por una skin en Driftborne, están locos",
        ),
        "fr": (
            "Driftborne plante encore au chargement, merci Ironleaf",
            "quelqu'un pour une partie de Driftborne ce soir?",
            "la nouvelle saison de Driftborne est vraiment bonne",
        ),
    },
    reviews_bad=(
        "wont even load",
        "crashes every match",
        "battery drain is insane",
        "pay to win trash",
        "controls are awful on phone",
        "lag lag lag",
        "keeps logging me out",
        "9gb download for a phone game??",
        "matchmaking is broken",
        "way worse since the update",
    ),
    reviews_good=(
        "best mobile shooter",
        "crossplay with my pc friends is great",
        "love it",
        "addicted lol",
        "smooth on my phone",
        "5 stars",
        "fun with friends",
        "great graphics",
        "peak",
        "better than the pc version honestly",
    ),
    burst_topic="queues",
    burst_city="NA-East",
    burst_texts=(),  # patch day is in ``driftborne_traffic``
    viral_complaints=ACCOUNT_THEFT,
    high_reach=STREAMERS,
    echoes=ECHOES,
    waves=WAVES,
    foreign_viral=FOREIGN_VIRAL,
    deadpan=DEADPAN,
    viral_praise=VIRAL_PRAISE,
    viral_news=VIRAL_NEWS,
    angry=(
        "DRIFTBORNE IS GARBAGE AND IRONLEAF ARE THIEVES. WORST DEVS IN GAMING. HOPE THE STUDIO CLOSES",
        "i hate driftborne so much. trash game trash devs trash patches. uninstalled. never again",
        "Ironleaf are frauds and Driftborne is a scam. refund my 300 hours you clowns 🤬",
    ),
    repeats=(
        "@DriftborneGame ticket {order}. day {n} of my ban appeal. I did not cheat. answer me",
        "Driftborne support, ticket {order}, day {n}. still banned, still no reply",
        "day {n} waiting on my driftborne appeal {order}. anyone at ironleaf reading this??",
    ),
    offbrand=(
        "Picked up a new board from Driftborne Surf Co in Byron, lovely people",
        "Finished book two of the Driftborne trilogy and I need the third one NOW",
        "Ironleaf Tea's smoky oolong is my whole personality this winter",
    ),
    currency="$",
    order_prefix="IL-",
    weekend=1.3,
    typos=0.05,
)
