"""Pennyworth: a UK app-first bank (a former building society), a mid-sized brand (~800 posts a day).

Written after Basketly and Lumen as a held-out brand; the detector's third round was tuned on it. Money
has its own rhythm: balance checks on the commute, card declines at lunch, the evening scroll, and
quieter weekends (0.8x). Its everyday complaints are declined cards, pending transfers, the app's
log-in, support queues, fraud checks that freeze accounts and fees; people quote card last-4s,
transaction refs (``PWT...``), amounts and app versions, and write in British slang, deadpan and
with more typos than the other brands. Customers in Wales, the Polish and Romanian communities and
EU expats post in their own languages. "Pennyworth" is also Batman's butler, whom the config
excludes. The week's shape (payday burst, incidents) is in ``pennyworth_week``.
"""

from __future__ import annotations

from tools.crosscheck.brands import Brand, hours, words
from tools.crosscheck.pennyworth_stories import ECHOES, WAVES

PAYDAY_TEXTS = (
    "pay still not in my {brand} account and it's gone {n}am. every month",
    "{brand} app won't load this morning, of course, it's payday",
    "card declined at {shop} on PAYDAY. {brand} balance says pending",
    "salary shows as incoming in {brand} but I can't spend it. rent goes out at 9",
    "{brand} app spinning for everyone or just me? want to see if I've been paid",
    "{brand} put my wages in at 11am last month and it looks like the same again. skint till then",
    "payday and {brand} has my standing orders going out before my pay lands. love that",
    "can't get into {brand} this morning, just want to check my balance",
    "{brand} chat queue is {wait} this morning. people want their wages, who knew",
    "tried to pay {payee} and {brand} says insufficient funds. my pay hasn't arrived",
    "is {brand} having a moment? app keeps timing out",
    "my work says the money left on tuesday, {brand} says nothing's arrived",
    "every payday the {brand} app falls over. every single one",
    "{brand} showing my wages as pending since 6am. what is it waiting for",
    "direct debit to {payee} bounced because {brand} hadn't credited my salary yet. {amount} fee incoming no doubt",
    "got paid (apparently) but {brand} shows the old balance. refreshing like a maniac",
    "{brand} logged me out mid-transfer on payday morning, cheers",
    "anyone else with {brand} not been paid yet? others at work have",
    "sat in the car outside {shop} waiting for {brand} to show my pay",
    "{brand} balance jumping between two numbers this morning, not ideal on payday",
    "{brand} support line engaged three times, just trying to find out where my wages are",
    "still no salary in {brand} at lunchtime. my colleagues at other banks got theirs at midnight",
)

PENNYWORTH = Brand(
    name="Pennyworth",
    slug="pennyworth",
    mentions=("Pennyworth", "@pennyworthbank", "pennyworth", "Pennyworth Bank", "#Pennyworth", "PennyworthBank"),
    tz=0,
    hourly=hours("0.7 0.5 0.25 0.15 0.12 0.2 0.5 1.3 1.7 1.3 1.0 1.1 1.6 1.5 1.1 1.0 1.1 1.3 1.5 1.8 2.0 1.9 1.5 1.0"),
    posts_per_day=800,
    source_mix={
        "reddit": 0.30,
        "mastodon": 0.07,
        "bluesky": 0.22,
        "hackernews": 0.015,
        "rss": 0.035,
        "appstore": 0.16,
        "googleplay": 0.20,
    },
    intervals={
        "reddit": 10,
        "mastodon": 4,
        "bluesky": 2,
        "hackernews": 15,
        "rss": 45,
        "appstore": 90,
        "googleplay": 40,
    },
    fill={
        "city": words(
            "Harrogate | Kendal | Truro | Stirling | Ludlow | Hexham | Barnstaple | Wrexham | Aberystwyth | "
            "Carlisle | Bury St Edmunds | Dumfries"
        ),
        "shop": words(
            "Tesco | the big Sainsbury's | Greggs | Aldi | a petrol station | Boots | the chippy | Lidl | Pret | "
            "the pub | the self checkout | a taxi"
        ),
        "payee": words(
            "my landlord | the council tax | British Gas | my mum | the nursery | the car finance | my mate | "
            "a builder | HMRC | the gym"
        ),
        "feature": words(
            "Face ID login | the savings pots | Apple Pay | the card freeze button | round-ups | the spending "
            "chart | the cheque scanner | the salary sorter | bill splitting"
        ),
        "version": ("8.12.3", "8.13.0", "8.13.1", "8.13.2", "8.14.0"),
        "wait": ("40 minutes", "an hour", "2 hours", "55 minutes", "1h20", "forever"),
        "day": ("Monday", "yesterday", "last night", "this morning", "on Saturday", "tonight"),
    },
    topics={
        "declined": (
            "card ending {last4} declined at {shop} again. plenty of money in {brand}",
            "{brand} card declined for a {amount} shop, app shows nothing wrong",
            "stood at {shop} like a lemon while my {brand} card got declined twice",
            "{brand} declines my card abroad every single trip despite the travel notice",
            "apple pay with {brand} just stopped working {day}. 'card not supported'",
            "{brand} declined my card at {shop} then let the exact same payment through 10 mins later",
            "card got knocked back at {shop} again, {brand} app says all fine. mortifying",
        ),
        "transfer": (
            "sent {amount} to {payee} from {brand} {day} and it's still pending",
            "{brand} 'faster payment' taking {hours} hours. faster than what",
            "transfer ref {order} stuck in 'processing' at {brand}",
            "{brand} held my transfer to {payee} for 'checks'. it's my rent",
            "{brand} bounced a standing order to {payee} with no reason given",
        ),
        "login": (
            "{brand} app logged me out and the verification text never arrives",
            "face id on {brand} broken again, passcode not accepted either",
            "{brand} app on {version} takes a full minute to open",
            "{brand} wants me to re-verify with a selfie every week. why",
            "locked out of {brand} online banking after one wrong passcode",
        ),
        "support": (
            "{brand} chat queue says {wait}. it's been double that",
            "on hold to {brand} for {wait} to ask one question",
            "{brand} support bot keeps sending me the same help article",
            "{brand} support closed my ticket without replying. ref {order}",
            "rang {brand}, got cut off after {wait}, rang back, back of the queue",
            "{brand} chat bot is having a laugh. asked for a human, got a link to the FAQ",
        ),
        "blocked": (
            "{brand} froze my account for a 'security review' and won't say why",
            "{brand} blocked a {amount} payment to {payee} as 'suspicious'. it was me. it's always me",
            "{brand} wants proof of where my {amount} came from. it was my own savings",
            "card ending {last4} frozen by {brand} fraud team, nobody answers the fraud line",
            "{brand} flagged my own transfer between my own accounts. make it make sense",
        ),
        "fees": (
            "{brand} charged me {amount} overdraft interest for going £3 over for one day",
            "{brand} savings rate down again. what's the point",
            "unpaid item fee from {brand}, {amount}, because they paid something late themselves",
            "{brand} cash withdrawal fee in {city}? since when",
            "{brand} monthly fee on the 'premium' account for perks I never use",
            "{brand} stung me 25 quid for going a fiver overdrawn. daylight robbery innit",
        ),
    },
    openers=(
        "Brilliant.",
        "Cracking start to the day:",
        "Right.",
        "ffs",
        "Day 2:",
        "Not being funny but",
        "Classic.",
        "Oh good.",
        "Sigh.",
        "Every month:",
        "Genuine question:",
    ),
    endings=(
        "Sort it out {brand}.",
        "Absolute shambles.",
        "Not impressed.",
        "Moving my salary elsewhere.",
        "🙃",
        "Cheers for that.",
        "Complaint going in.",
        "FOS next.",
        "Gutted.",
        "Rubbish.",
        "ta very much",
        "Lovely stuff.",
        "Proper fuming.",
        "Can't be doing with this.",
    ),
    mild=(
        "{brand} app redesign moved the balance, took me ages to find it",
        "wish {brand} did joint accounts properly",
        "{brand} notifications are a bit much, 3 for one coffee",
        "{brand} savings rate a bit behind the others tbh",
        "the {brand} branch in {city} only opens 3 days a week now, bit of a pain",
        "{brand} card is lovely but the new colour is a bit meh",
        "{brand} spending categories put my gym under 'entertainment' lol",
        "{brand} took a while to update my address, got there in the end",
        "{brand} app is fine, just slow on my old phone",
        "would be nice if {brand} showed pending payments in the balance",
        "{brand} round-ups are a nice idea, mine add up to 40p a week",
        "minor gripe: {brand} cheque scanner never focuses first time",
    ),
    praise=(
        "{brand} fraud team called me within a minute of a dodgy payment. brilliant",
        "{brand} instant notifications are the best thing about the account",
        "the staff at {brand} in {city} sorted my mum's power of attorney in one visit",
        "{brand} salary sorter is genuinely useful, bills pot fills itself",
        "switched to {brand} last year and no regrets",
        "{brand} refunded a scam payment in two days. proper service",
        "{brand} card replacement arrived next day, nice one",
        "credit where it's due, {brand} support answered in 2 mins",
        "{brand} pots have actually got me saving, {amount} so far",
        "{brand} app is so much better than my old bank's",
        "{brand} froze my card from the app in seconds when I lost it, then found it, unfroze. lovely",
    ),
    questions=(
        "does {brand} do a cash ISA?",
        "how long does a CHAPS take with {brand}?",
        "can you pay in cash at the post office with {brand}?",
        "is {brand} down or is it my phone?",
        "anyone know {brand}'s overdraft rate?",
        "does {brand} charge for using the card in the EU?",
        "{brand} or one of the big banks for a first account?",
        "is the {brand} branch in {city} still open on saturdays?",
        "anyone got a {brand} switching bonus code?",
        "does {brand} report to the credit agencies monthly?",
    ),
    news=(
        "Pennyworth to close {n} branches including {city} as customers move to app",
        "Pennyworth reports rise in current account switchers",
        "Pennyworth raises easy access savings rate by 0.25 points",
        "Pennyworth joins banking hub scheme for {city}",
        "Pennyworth names new chief executive",
        "Got a text claiming to be Pennyworth asking me to 'confirm my details'? It's a scam",
    ),
    foreign={
        "cy": (
            "Ap Pennyworth wedi rhewi eto bore 'ma.",
            "Diolch Pennyworth, gwasanaeth da yn {city} heddiw.",
            "Oes rhywun yn gwybod pryd mae cangen Pennyworth {city} ar agor?",
        ),
        "pl": (
            "Pennyworth znowu odrzucił moją kartę w sklepie.",
            "Aplikacja Pennyworth działa bez zarzutu, polecam.",
            "Czy Pennyworth ma konto po polsku?",
        ),
        "ro": ("Pennyworth mi-a blocat iar cardul, nu înțeleg de ce.", "Aplicația Pennyworth e foarte bună."),
        "es": ("Pennyworth me cobró una comisión otra vez.", "¿Alguien usa Pennyworth en España?"),
    },
    reviews_bad=(
        "keeps logging me out",
        "face id never works",
        "cant see pending payments",
        "Slow to open",
        "support is a bot",
        "blocked my own payments",
        "verification text never comes",
        "crashes when i scan a cheque",
        "froze my account for no reason",
        "worse since the redesign",
    ),
    reviews_good=(
        "Great banking app",
        "Easy to use",
        "Love the pots",
        "Best bank app I've used",
        "Instant notifications are great",
        "Never had a problem",
        "Does everything I need",
        "5 stars",
        "Quick and simple",
        "Much better than my old bank",
    ),
    burst_topic="transfer",
    burst_city="Harrogate",
    burst_texts=PAYDAY_TEXTS,
    viral_complaints=(
        "Pennyworth closed my account with no reason and are holding my wages. £{big} sitting there since "
        "{day}, a letter says 'we are unable to discuss'. I have rent, a kid, and a ref number ({order}) that "
        "nobody on the phone can look up. What do I even do?",
        "My dad (81) was scammed out of £{big} by someone pretending to be Pennyworth's fraud team. He rang "
        "Pennyworth twice during it and they let both payments through. Now they say he 'authorised' it and "
        "won't refund. Ref {order}.",
    ),
    high_reach=(
        (
            "moneywithmeera",
            241_000,
            "Fourth reader this week telling me Pennyworth has frozen their account after a salary payment and "
            "won't say why. Everyone gets the same letter. I've asked their press office for an explanation.",
        ),
        (
            "jackconsumer",
            138_000,
            "Pennyworth customer (card ending {last4}) has been waiting 7 weeks for a £{big} scam refund that "
            "the bank agreed to in writing. If you work at Pennyworth, my DMs are open.",
        ),
    ),
    echoes=ECHOES,
    waves=WAVES,
    foreign_viral=(
        (
            "cy",
            "Mae Pennyworth wedi cau cangen Aberystwyth heb rybudd ac mae fy nain, sy'n 86, wedi colli'r unig ffordd "
            "i dalu arian parod i mewn. Mae'r llinell ffôn Gymraeg wedi'i diffodd hefyd. Cywilyddus.",
        ),
        (
            "pl",
            "Pennyworth zablokował mi konto na trzy tygodnie, bo dostałem przelew od własnej matki z Polski. "
            "Nie mam dostępu do pensji, a infolinia każe czekać. Ktoś miał to samo?",
        ),
        (
            "ro",
            "Pennyworth mi-a blocat contul de salariu fără nicio explicație și nu pot plăti chiria. Am sunat de "
            "cinci ori și de fiecare dată mi se spune să aștept. Rușinos.",
        ),
    ),
    deadpan=(
        "Pennyworth have frozen my account for unusual activity. The unusual activity was me getting paid. Cheers.",
        "Rang Pennyworth at 9am to report my card stolen. It is now 2:40pm and I am caller number 4. I have "
        "been caller number 4 since 11. Lovely hold music though.",
        "Nice of Pennyworth to text me a reminder that I'm overdrawn, caused by the £{big} they took twice. "
        "Very thoughtful.",
        "Pennyworth sent me a new card because my old one was compromised. They sent it to my old address. "
        "The one I told them about in 2023. Absolutely top work.",
    ),
    viral_praise=(
        "A woman at the Pennyworth branch in {city} spotted my nan was being coached over the phone by a "
        "scammer, stopped the withdrawal and sat with her until I got there. £{big} saved. Thank you.",
        "Pennyworth refunded all £{big} after my mum was scammed, no fight, apologised, and rang her every day "
        "for a week to check she was ok. That's how it should be done.",
    ),
    viral_news=(
        "Pennyworth to close 14 branches as 90% of customers now bank in the app",
        "Pennyworth agrees takeover by European digital bank in £1.2bn deal",
    ),
    angry=(
        "Pennyworth are an absolute shower. Thieving useless clowns, the lot of you. Hope you go under.",
        "i hate pennyworth so much. worst bank in britain. disgusting. pathetic. never again",
        "PENNYWORTH YOU ARE A DISGRACE. CROOKS. LIARS. CLOSE MY ACCOUNT.",
    ),
    repeats=(
        "@pennyworthbank where is my money? ref {order}. day {n}. answer me",
        "Pennyworth, ref {order}. Still waiting. Day {n}.",
        "still nothing from pennyworth on ref {order}. day {n} of asking",
    ),
    offbrand=(
        "Alfred Pennyworth is the real hero of every Batman film and I will not be taking questions",
        "Alfred Pennyworth deserved so much better in that film, awful writing",
    ),
    order_prefix="PWT",
    weekend=0.8,
    typos=0.05,
)
