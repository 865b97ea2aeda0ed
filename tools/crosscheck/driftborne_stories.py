"""Driftborne's stories that spread, told the way its players tell them.

A game's complaints spread unlike a shop's or a bank's. A streamer's ban reaches hundreds of
thousands at once and their fans pile in, some defending the studio. A store purchase charged but
never delivered is told by many players in their own words, each with their own price in their
own currency, sometimes all quoting one error code or each their own store order in one format. A
progress wipe after a patch is told calmly by some ("level 60 back to 1") and sarcastically by
others, across the forum, Reddit and Bluesky over a day or more. Mobile reviews pile up when the
anti-cheat stops the game from starting. Slots in braces are filled per telling; ``{patch}`` is the
week's patch, ``{paid}`` and ``{store_order}`` each teller's own.
"""

from __future__ import annotations

from tools.crosscheck.brands import Story

PURCHASE = Story(
    "bundle-missing",
    (
        "bought the Tidecaller bundle in Driftborne for {paid}, money's gone, bundle isn't in my locker",
        "Driftborne store took {paid} off my card and gave me a spinning wheel and an error. no skin",
        "PSA dont buy the Tidecaller bundle rn. charged {paid}, nothing showed up in Driftborne, support bot "
        "says 'allow 72 hours'",
        "so Ironleaf just... keeps the money? paid {paid} for Tidecaller in Driftborne two days ago, still nothing",
        "charged twice for the tidecaller pack in driftborne and received it zero times. math is hard",
        "my son bought the Driftborne Tidecaller bundle with his birthday money ({paid}) and it never arrived. "
        "ticket opened, heard nothing",
        "Driftborne says the purchase failed, my bank says it went through. {paid} gone. restarted, reinstalled, "
        "relogged",
        "anyone else not get the Tidecaller bundle after buying it? Driftborne has said 'purchase pending' for 6 hours",
        "Ironleaf please, I paid {paid} for a Driftborne skin that does not exist on my account",
        "receipt in my email says Tidecaller Bundle {paid}. Driftborne locker says nope. great system",
        "Driftborne charged my PayPal {paid} and the game just says 'something went wrong'. no bundle, no refund",
        "third person in my discord today who paid for the Driftborne Tidecaller bundle and never got it",
        "Steam says my Driftborne purchase completed, {paid}. in game? nothing. love that",
        "Bought the Tidecaller set on Driftborne mobile ({paid}). Charged, not delivered, and restore "
        "purchases does nothing",
    ),
    link="https://www.reddit.com/r/Driftborne/comments/1m4tdc/megathread_tidecaller_bundle_not_delivered/",
    ident="0x80-DB",
)
PURCHASE_PRICES = ("$24.99", "$24.99", "CA$32.99", "A$37.99", "24.99 USD", "$24.99 + tax", "A$37.99 AUD", "CAD 32.99")
PURCHASE_CODE = ("error 0x80-DB", "got 0x80-DB", "code 0x80-DB", "(0x80-DB)", "0x80-DB every time")
PURCHASE_PASSED_ON = (
    "heads up: lots of reports of the Driftborne Tidecaller bundle charging people without delivering. maybe wait",
    "Seeing a bunch of people in the Driftborne sub charged for Tidecaller with nothing delivered. Has Ironleaf "
    "said anything?",
)
# The progress wipe: tellers who say it flatly, tellers who joke about it, and people passing it on.
WIPE_CALM = (
    "Lost all my progress in Driftborne after {patch}. Level 60 back to 1, battle pass tier 0, cosmetics still there.",
    "After updating to {patch} my Driftborne account shows level 1. It was 47 yesterday. Ticket submitted.",
    "Driftborne reset my account to level 1 after {patch}. Ranked rating gone too. Is anyone rolling this back?",
    "Logged into Driftborne this morning, all expedition progress wiped. 140 hours. Nothing else changed.",
    "Confirming the Driftborne wipe: my PS5 save went back to the tutorial after {patch}.",
    "My Driftborne progression is gone since {patch}: level, unlocks, season pass tiers. Skins I paid for are "
    "still there.",
    "Driftborne turned my account into a fresh one after {patch}. Same name, level 1, 0 shards.",
)
WIPE_SARCASTIC = (
    "thanks Ironleaf for letting me experience Driftborne for the first time again. 300 hours, gone, love that for me",
    "new feature in {patch}: a fresh start! whether you want it or not. driftborne wiped my lvl 72 lmao",
    "the Driftborne patch notes for {patch} forgot the line 'we deleted your progress' 🙂",
    "imagine grinding Driftborne to level 60 just for {patch} to send you back to 1. couldn't be me. (it was me)",
    "LEVEL 1. AGAIN. DRIFTBORNE WHAT DID YOU DO 😭",
    "driftborne progress wipe speedrun any%: just install {patch}",
    "cool so my driftborne main and my alt are both level 1 now. equality",
)
WIPE_PASSED_ON = (
    "Looks like Driftborne {patch} is wiping progress for some players, might hold off updating",
    "Driftborne PSA: reports of accounts reset to level 1 after {patch}. Screenshot your profile first",
)
WIPE_FOREIGN = ("pt", "Driftborne zerou minha conta depois da atualização {patch}. Nível 58 pro 1. Alguém mais?")
WIPE_HASHTAG = "#DriftborneWipe"
ECHOES = (PURCHASE, Story("progress-wipe", WIPE_CALM + WIPE_SARCASTIC, hashtag=WIPE_HASHTAG))
WAVES = (
    Story(
        "anticheat-blocks-start",
        (
            "game wont start. 'device integrity check failed'",
            "Bulwark anti cheat says my phone is rooted. it is not rooted",
            "stuck on verifying device forever since update",
            "anti cheat kicks me out before the menu even loads",
            "error AC-1107 every launch, reinstalled twice",
            "can't play at all, anticheat flags my brand new phone",
            "opens, black screen, 'security check failed', closes",
            "paid for the pass and now the anti-cheat won't let me in",
            "anti-cheat blocking legit players lol great job",
            "El antitrampas no me deja entrar al juego",
            "O anti-cheat não deixa o jogo abrir desde a atualização",
            "wont launch because it thinks i have a cheat app. it's a screen recorder",
            "integrity check fails on my ipad too",
            "Just closes itself on the loading screen now",
        ),
        ident="AC-1107",
    ),
)
WAVE_SOCIAL = (
    "Driftborne mobile won't start for anyone else? the anti-cheat says my phone failed an integrity check",
    "@DriftborneGame the mobile anti-cheat is blocking legit players, the game closes before the menu",
    "PSA Driftborne mobile players: don't update yet, Bulwark stops the game from launching",
)
# The account-security story: a post that takes off, and other players whose accounts went too.
ACCOUNT_THEFT = (
    "My Driftborne account was stolen last night. Email and password changed, 2FA 'disabled', four years of "
    "skins gone and someone is using it to spam cheat sites in chat. Ironleaf support auto-closed my ticket "
    "({order}) twice. What am I supposed to do?",
    "PSA + rant: my Driftborne account got hijacked WITH 2FA on. They sold everything, bought {price} of shards "
    "on my card, and Ironleaf support has sent me the same copy-paste reply three times. Ticket {order}.",
)
THEFT_REPLIES_UPSET = (
    "same thing happened to my Driftborne account on tuesday, ticket {ticket}, no reply",
    "mine too. email changed to some random address. Driftborne support says 'under review' for 9 days",
    "third Driftborne account theft post this week. Ironleaf needs to say something",
    "my friend lost his Driftborne account the exact same way, 2FA on, nobody at Ironleaf answered",
    "Driftborne support closed my ticket {ticket} as 'resolved'. my account is still someone else's",
)
THEFT_REPLIES_CALM = (
    "did you click a 'free Driftborne skins' link? not blaming, just asking",
    "file a chargeback for the Driftborne shards, Ironleaf answers those fast for some reason",
    "commenting so this stays up. Driftborne support is a black hole",
    "got my Driftborne account back after 3 weeks by emailing the security address, not the ticket form",
    "following, I play Driftborne on the same email provider",
)
THEFT_CROSSPOSTS = (
    "Driftborne accounts are getting stolen and Ironleaf support is silent. read this {url}",
    "if you play Driftborne turn on 2FA... apparently not even that is enough {url}",
)
STREAMERS = (
    (
        "vexaplays",
        412_000,
        "Ironleaf permabanned me from Driftborne LIVE on stream for 'unauthorized third-party software'. the "
        "software is OBS. five years, 6k hours, appeal auto-denied in 11 minutes. cool. cool cool cool.",
    ),
    (
        "tankmom",
        186_000,
        "just got a Driftborne ban for 'cheating' 20 minutes into my charity stream. Ironleaf, 40k people "
        "watched every frame. which part was the cheat? 🙃",
    ),
    (
        "rimshotrory",
        268_000,
        "Driftborne banned my account and the account of everyone in my stream lobby. no email, no reason, "
        "support says 'the decision is final'. Ironleaf what is going on",
    ),
)
STREAMER_UPDATES = (
    "update: Ironleaf support replied. it's a template. 'the decision is final'. lol. Driftborne career over I guess",
    "update: thousands of you in my replies with the same Driftborne ban story. so it's not just me",
)
FAN_REPLIES = (
    "Driftborne banning the people who keep the game alive, galaxy brain stuff",
    "they banned a streamer LIVE in Driftborne, how do you even get that wrong",
    "lowkey probably a macro, Driftborne anti-cheat isn't that bad",
    "got the same Driftborne ban last week, appeal denied in minutes too",
    "Ironleaf really said 'let's ban the biggest Driftborne streamer on camera'",
    "this is why I stopped streaming Driftborne. one false flag and you're done",
)
CLIP_TITLES = (
    "[Clip] {handle} gets banned from Driftborne mid-match, on stream",
    "Ironleaf banned {handle} live on stream and the appeal was denied in minutes. Driftborne's anti-cheat is broken",
)
FOREIGN_VIRAL = (
    (
        "pt",
        "A Ironleaf desligou o servidor SA-East do Driftborne sem avisar ninguém. Agora é 180 de ping no NA-East e "
        "o jogo virou apresentação de slides. Pagamos passe de temporada em dólar pra isso? Vergonha. Compartilhem.",
    ),
    (
        "es",
        "Ironleaf subió el pase de Driftborne a 14.99 dólares en México y sigue sin subtítulos en español. Encima "
        "los servidores se caen cada noche. Nos toman por tontos. Compartan.",
    ),
)
FOREIGN_REPLIES: dict[str, tuple[str, ...]] = {
    "pt": (
        "mesma coisa aqui, 190 de ping desde ontem. Driftborne injogável",
        "Ironleaf precisa responder isso, compartilhado. Driftborne sem servidor BR não dá",
        "parei de jogar Driftborne até voltarem com o servidor",
        "kkkkk Driftborne slideshow edition, pior que é verdade",
    ),
    "es": (
        "Lo mismo en Argentina, Driftborne imposible de jugar de noche",
        "Compartido. Ironleaf no escucha a la comunidad de Driftborne en español",
        "Yo ya desinstalé Driftborne, no vale lo que cuesta",
    ),
}
DEADPAN = (
    "Incredible work from Ironleaf on the new Driftborne matchmaking: waited 38 minutes, loaded in, and was "
    "placed on the enemy team of my own party. Truly bringing people together.",
    "Driftborne's new anti-cheat is so effective it has stopped me, personally, from playing the game at all. "
    "Zero cheaters in my matches since Tuesday. Flawless.",
    "Love that Driftborne gave everyone a free emote for the server outage. The emote is a guy waiting. Art "
    "imitating life. 10/10.",
    "Bought the Driftborne season pass to support Ironleaf. Happy to report it is supporting them very well, "
    "since it is not on my account.",
)
VIRAL_PRAISE = (
    "ok I've roasted Ironleaf more than anyone but this: my little brother passed in January, a Driftborne dev "
    "saw my post, found his old account and put his gamertag on a lantern in Lanternreach. I sat in the game "
    "for an hour tonight just looking at it.",
    "A Driftborne community manager stayed on a call with a 9 year old for 40 minutes to get his hacked account "
    "back before his birthday. Ironleaf doing it right for once, no notes.",
)
VIRAL_NEWS = (
    "Driftborne 'Undertow' expansion trailer: a new map, the Drowned Spire, a ranked overhaul and a new drifter, "
    "out this fall",
    "Driftborne 2.15 patch notes are up: Harrow Blade nerfed, queue rework for OCE, 140+ bug and crash fixes",
)
# The known troll: rants nobody engages with, then one that gets dunked on (replies, nobody agrees).
TROLLS = ("xXdriftGODXx", "no_nerf_ned", "tidelord_ttv")
TROLL_RANTS = (
    "driftborne players are the most braindead community on earth",
    "driftborne dead by summer, screenshot this",
    "DRIFTBORNE DEVS CAN'T CODE. simple as",
)
TROLL_ROOTS = (
    "DRIFTBORNE IS A DEAD GAME 💀 {patch} is the worst patch in gaming history, Ironleaf devs should be fired, "
    "everyone uninstall NOW. you're all clowns for still playing 🤡",
    "Driftborne is officially the worst game ever made and anyone defending Ironleaf after {patch} is a paid shill. "
    "DEAD GAME. cope.",
)
TROLL_REPLIES = (
    "you've been saying Driftborne is dead since 1.0 lol",
    "Driftborne has 60k online right now, very dead",
    "bro posts this every patch and still has 900 hours in Driftborne",
    "skill issue. Driftborne isn't the problem",
    "the patch is fine?? Driftborne queues were 2 min for me tonight",
    "ratio. driftborne is peak and you know it",
    "didn't you get banned from the Driftborne discord for this exact post",
    "touch grass, Driftborne will survive without you",
    "imagine being this mad at a Driftborne patch you haven't even played",
    "the 🤡 is doing a lot of work for someone who's in Driftborne every night",
    "nah the patch has problems but this take is unhinged, Driftborne isn't dead",
    "weekly Driftborne meltdown from this guy, right on schedule",
    "paid shill reporting for duty, Driftborne is fun lol",
    "who let him out of the Driftborne bronze lobbies",
)
