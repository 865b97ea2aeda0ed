"""Lumen Mobile: a US broadband and mobile provider, a busy brand (about 1,800 posts a day).

Evenings are its busy hours (streaming, gaming); its everyday complaints are slow speeds, outages,
billing, support queues, roaming and the account app. Hacker News talks about it more than about
a grocery app, and its own app is reviewed on both stores.
"""

from __future__ import annotations

from tools.crosscheck.brands import Brand, Story, hours, words

LUMEN = Brand(
    name="Lumen Mobile",
    slug="lumen",
    mentions=("Lumen Mobile", "@lumenmobile", "lumen mobile", "#LumenMobile", "LumenMobile"),
    tz=-5,
    hourly=hours("1.0 0.6 0.35 0.2 0.15 0.2 0.4 0.7 1.0 1.1 1.1 1.1 1.2 1.2 1.1 1.1 1.2 1.3 1.5 1.8 2.1 2.2 1.9 1.4"),
    posts_per_day=1800,
    source_mix={
        "reddit": 0.30,
        "mastodon": 0.10,
        "bluesky": 0.22,
        "hackernews": 0.05,
        "rss": 0.03,
        "appstore": 0.12,
        "googleplay": 0.18,
    },
    intervals={"reddit": 15, "mastodon": 5, "bluesky": 1, "hackernews": 5, "rss": 60, "appstore": 60, "googleplay": 30},
    fill={
        "city": words(
            "Denver | Austin | Columbus | Tampa | Sacramento | Raleigh | Pittsburgh | Kansas City | Boise | "
            "Richmond | Omaha | Tucson | St. Louis"
        ),
        "speed": ("3 Mbps", "0.8 Mbps", "12 down", "5 down 1 up", "under 10 megs", "2 megabits"),
        "plan": words(
            "the 1 gig plan | the 500 meg plan | unlimited plus | the family plan | the prepaid plan | fiber 300"
        ),
        "device": ("the router", "my modem", "the gateway", "the new eero", "my phone", "the set-top box"),
        "thing": ("Netflix", "Zoom", "my work VPN", "Xbox Live", "Twitch", "Teams calls", "FaceTime"),
        "wait": ("2 hours", "45 minutes", "an hour and a half", "3 hours", "90 minutes"),
        "day": ("Monday", "yesterday", "last night", "this morning", "all weekend", "tonight"),
    },
    topics={
        "slow": (
            "paying for {plan} with {brand} and getting {speed}. cool",
            "{brand} speeds in the evening are unusable, {thing} keeps buffering",
            "{brand} internet drops to {speed} every night around 8",
            "speed test on {brand} says {speed}. I pay for {plan}",
            "{thing} unusable on {brand} {day}, latency through the roof",
        ),
        "outage": (
            "{brand} down again in {city}?",
            "{brand} outage {day}, no internet for {hours} hours, no ETA",
            "{device} blinking orange, {brand} status page says everything is fine",
            "lost signal completely on {brand} {day}. SOS only",
            "{brand} internet out for the {n}th time this month",
        ),
        "billing": (
            "{brand} charged me {amount} for a plan I cancelled",
            "my {brand} bill went up {amount} with no notice",
            "{brand} promo price ended and nobody told me. bill is {amount} now",
            "{brand} billed me an equipment fee for {device} I returned in March",
            "autopay discount disappeared from my {brand} bill",
        ),
        "support": (
            "on hold with {brand} for {wait}. third transfer",
            "{brand} support chat bot can't understand 'my internet is down'",
            "{brand} tech no-showed the install window {day}. took a day off for it",
            "{brand} rep hung up on me after {wait}",
            "{brand} support promised a callback {day}. nothing",
        ),
        "roaming": (
            "{brand} roaming in Mexico didn't work at all, paid the daily pass anyway",
            "no data abroad on {brand} despite the travel pass",
            "{brand} charged me {amount} roaming for a day I was in airplane mode",
        ),
        "app": (
            "{brand} app logs me out every time I open it",
            "can't pay my bill in the {brand} app, 'error 500'",
            "{brand} app won't show my usage since the update",
            "two factor code from {brand} never arrives so I can't get into my account",
        ),
    },
    openers=(
        "smh",
        "ugh",
        "lmao",
        "Of course.",
        "Day 3:",
        "Reminder:",
        "Again.",
        "Every. Single. Night.",
        "Fun fact:",
        "Can't make this up:",
    ),
    endings=(
        "switching to fiber the second it's available.",
        "do better {brand}.",
        "🙃",
        "unreal.",
        "anyone else?",
        "#fail",
        "this is why people hate ISPs",
        "zero stars.",
        "so tired of this.",
        "thanks for nothing.",
        "monopoly behavior.",
        "calling the FCC next.",
    ),
    mild=(
        "{brand} upload speed could be better for video calls",
        "{brand} router lights are so bright, had to tape them",
        "{brand} autopay email comes a day late every month",
        "the {brand} store in {city} always has a queue",
        "{brand} hold music is stuck in my head now",
        "{brand} 5G icon shows but it's basically LTE here",
        "{brand} setup app asked for my location three times",
        "{brand} price is fine, the contract length less so",
        "{brand} a bit slow tonight, whatever",
        "wish {brand} had a cheaper plan without the streaming bundle",
        "{brand} coverage at my parents' place in {city} is meh",
        "{brand} app redesign is fine I guess, harder to find the bill",
        "{brand} router is ugly but it works",
        "minor gripe: {brand} texts me ads twice a week",
    ),
    praise=(
        "{brand} tech in {city} explained everything, great guy",
        "{brand} fiber hasn't dropped once since March",
        "{brand} port-in took 5 minutes, easiest switch ever",
        "{brand} international pass worked fine in Toronto",
        "shoutout to {brand} for the free router upgrade",
        "{brand} bill actually went down this month, wild",
        "{brand} fiber install was quick, tech was great",
        "been on {brand} {plan} for a year, zero issues",
        "{brand} support actually fixed my issue in 10 minutes?? nice",
        "switched to {brand} and my bill dropped {amount}. happy",
        "{brand} 5G in {city} is honestly fast",
        "credit where due, {brand} refunded the outage day automatically",
    ),
    questions=(
        "does {brand} have a senior discount?",
        "how long is the {brand} fiber install wait in {city}?",
        "can I pause my {brand} line while abroad?",
        "is {brand} down in {city} right now?",
        "anyone using {brand} {plan} for gaming? latency ok?",
        "does {brand} let you use your own modem?",
        "{brand} vs the cable company in {city}?",
        "how do I get {brand} to unlock my phone?",
        "does the {brand} travel pass work in Canada?",
    ),
    news=(
        "Lumen Mobile expands fiber footprint to 40,000 homes in {city}",
        "Lumen Mobile raises prices on legacy plans by $5",
        "Lumen Mobile Q3: subscriber growth slows as competition heats up",
        "FCC map shows Lumen Mobile coverage gains in rural areas",
        "Lumen Mobile to retire 3G network next year",
    ),
    foreign={
        "es": (
            "Lumen Mobile sin internet otra vez en {city}.",
            "Lumen Mobile funciona bien en mi casa, contento.",
            "¿Alguien sabe si Lumen Mobile tiene roaming en México?",
            "Lumen Mobile me cobró de más este mes.",
        ),
        "pt": ("Lumen Mobile muito lento hoje à noite.", "Gostei do atendimento da Lumen Mobile."),
        "zh": ("Lumen Mobile 今晚网速好慢。", "Lumen Mobile 的套餐还不错。"),
        "vi": ("Lumen Mobile mất mạng cả buổi tối.",),
    },
    reviews_bad=(
        "Can't log in",
        "Bill pay broken",
        "Useless app",
        "Usage never loads",
        "Logs me out constantly",
        "Chat support is a bot",
        "Slow and crashes",
        "Why does it need my location",
        "Can't change my plan",
    ),
    reviews_good=(
        "Easy to pay my bill",
        "Works fine",
        "Good app",
        "Nice redesign",
        "Handy usage tracker",
        "Love it",
        "Quick way to reach support",
        "Does what it says",
    ),
    burst_topic="slow",
    burst_city="Denver",
    burst_texts=(
        "{brand} in {burst_city} crawling tonight, {speed} on a speed test",
        "is {brand} slow for everyone in {burst_city} right now or just me",
        "{thing} won't load on {brand} tonight. {speed}. great",
        "{brand} evening slowdown hitting hard, {speed} here",
        "whole street on {brand} is slow tonight, neighbor says same",
        "{brand} latency 400ms tonight, can't play anything",
        "{brand} throttling or just overloaded? {speed} since 8pm",
        "Family of 5 on {brand} and nobody can stream tonight. {speed}",
    ),
    viral_complaints=(
        "{Brand} cut off my internet for 'non-payment' while I was on autopay. I work from home. Three calls, "
        "three different stories, and now they want a $150 reconnection fee. I have the autopay receipts.",
        "My dad has been a {Brand} customer for 19 years. They just told him his 'grandfathered' plan is ending "
        "and the replacement is $60 more a month, or he can leave. He's 77 and on a fixed income.",
    ),
    high_reach=(
        (
            "kaylatech",
            410_000,
            "{Brand} just billed my account {amount} for 'international usage' - I haven't left Ohio in two "
            "years. Support says it can't be reversed. Anyone else?",
        ),
        (
            "dan_builds",
            58_000,
            "Day 4 of no internet from {Brand}. Tech appointment cancelled twice with no notice. I run a "
            "business from home and they offered me a $10 credit.",
        ),
    ),
    echoes=(
        Story(
            "data-cap",
            (
                "Lumen Mobile quietly added a 1.2TB data cap to 'unlimited' home internet and started charging "
                "overage. Got a $50 bill for going over",
                "wait, is Lumen Mobile home internet capped now? got an overage warning and I'm on the unlimited plan",
                "Lumen Mobile sent me an email saying I'm at 90% of my data allowance. I didn't know I had an "
                "allowance. Since when?",
                "So Lumen Mobile's 'unlimited' now has a limit. Support confirmed it, said it was in the terms update",
                "PSA for Lumen Mobile home customers: check your usage page. There's a cap now and they're "
                "billing overage in 50GB blocks",
                "Lumen Mobile charging overage fees on unlimited plans should be illegal. $30 extra this month",
                "How does Lumen Mobile get to call it unlimited when there's a cap and fees? asking for the FTC",
                "just got hit with a Lumen Mobile data overage. never had one in 6 years. apparently new policy",
                "Lumen Mobile changed the unlimited plan to capped without telling anyone, my bill has a new line "
                "'data usage overage'",
                "friends on Lumen Mobile: the unlimited internet isn't. I'm being charged for extra data",
            ),
            link="https://www.dslreports-forum.example.com/lumen-mobile-data-cap-2026",
            hashtag="#LumenCap",
            ident="1.2TB",
        ),
        Story(
            "esim-swap",
            (
                "Someone ported my number out of Lumen Mobile to their own phone. Lumen Mobile's store did it "
                "without any ID check",
                "Lumen Mobile let a stranger move my phone number to a new eSIM. My bank account got drained "
                "through SMS codes",
                "SIM swap through Lumen Mobile chat support - the attacker just asked nicely and they moved my line",
                "Lumen Mobile customers, set a port-out PIN now. My line was hijacked via their online chat",
                "Third person I know with a Lumen Mobile account takeover this week. Their support hands over eSIMs",
                "my phone went to 'no service', turns out Lumen Mobile transferred my number to someone else's "
                "eSIM. took 6 hours to get back",
                "Lumen Mobile gave my number to a scammer. They reset my email and crypto wallet. Lumen says "
                "'we followed process'",
                "reporting Lumen Mobile to the FCC. They swapped my SIM for someone else with zero verification",
            ),
            link="https://krebs-like-security-blog.example.org/2026/lumen-mobile-sim-swaps",
            hashtag="#LumenSIMSwap",
            ident="port-out PIN",
        ),
    ),
    waves=(
        Story(
            "billpay-error",
            (
                "Payment fails every time",
                "Error 402 when paying my bill",
                "Can't pay, says card declined but bank says fine",
                "Bill pay broken since update",
                "Autopay setup errors out",
                "Charged but says payment failed",
                "Trying to pay for 2 days",
                "Now I have a late fee because the app wouldn't take my payment",
                "Pay button spins forever",
                "Paid twice because first one 'failed'",
                "Can't add new card",
                "Payment section blank after 9.2",
                "useless, can't even pay",
            ),
            ident="9.2",
        ),
        Story(
            "usage-wrong",
            (
                "Shows I used 800GB, router says 200",
                "Usage numbers are nonsense now",
                "Data meter wrong since update",
                "Says I'm over my limit, I was on vacation",
                "Usage page doubled overnight",
                "Counting usage twice?",
                "Warns me I'm out of data, I'm on wifi",
                "Usage tracker totally broken",
                "Fake usage numbers",
                "Meter says 3x what I used",
                "Telling me to buy more data when I haven't used any",
            ),
            ident="9.1.3",
        ),
    ),
    foreign_viral=(
        (
            "es",
            "Lumen Mobile me cortó la línea sin aviso y ahora me cobran {amount} por reconectarla. Llevo 8 "
            "años con ellos y nadie en atención al cliente habla español. Vergonzoso.",
        ),
        (
            "pt",
            "A Lumen Mobile cobrou {amount} de roaming da minha mãe enquanto ela estava internada no hospital "
            "com o celular desligado. Ninguém resolve nada.",
        ),
        ("zh", "Lumen Mobile 把我的号码转给了别人，银行账户被盗刷 {amount}，客服说这是正常流程。大家小心！"),  # noqa: RUF001
    ),
    deadpan=(
        "Lumen Mobile tech came to fix my internet, unplugged it to test something, and left. It's been "
        "unplugged since Tuesday and the next appointment is in 9 days.",
        "Love that Lumen Mobile's outage map shows my whole neighborhood as 'all good' while none of us have "
        "had internet since lunch. Great map!",
        "Lumen Mobile emailed to thank me for my payment. Then they disconnected me for non-payment. Same day.",
        "Fantastic job Lumen Mobile, I've now spent more time on hold with you this month than I've spent "
        "actually using the internet I pay you for",
    ),
    viral_praise=(
        "Lumen Mobile tech stayed 3 hours after his shift to get internet working for my son's chemo-at-home "
        "video appointments. Didn't charge us anything. Thank you Marcus.",
        "Lumen Mobile just waived the bill for everyone in the hurricane zone for two months, without anyone "
        "asking. Didn't expect that from a telco.",
    ),
    viral_news=(
        "Lumen Mobile agrees to merge with regional fiber provider in $2.1B deal",
        "Lumen Mobile to build open-access fiber network with state broadband funds",
    ),
    angry=(
        "LUMEN MOBILE IS A SCAM COMPANY. Thieves and liars, every single one of you. I hope you go bankrupt.",
        "i hate lumen mobile so much. garbage company. garbage service. disgusting.",
        "Lumen Mobile you are pathetic and incompetent. Worst ISP in the country, hands down. Disgraceful.",
    ),
    repeats=(
        "@lumenmobile ticket {order} still not resolved. Day 11 without internet. Respond.",
        "Lumen Mobile, fix ticket {order}. I'll post this every hour until someone answers.",
    ),
    offbrand=(
        "Lumen Technologies reports Q3 earnings, enterprise segment down",
        "this 1200 lumen flashlight is ridiculous, lit up the whole yard",
    ),
    currency="$",
    order_prefix="LM-",
)
