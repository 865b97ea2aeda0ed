"""Pennyworth's stories that spread, told the way a bank's customers tell them.

Unlike Basketly's and Lumen's, an echo here is retold by a good share of people who are not upset
themselves (a PSA, a question, "saw this thread"), some tellings quote a figure or an error code and
some only the story; the quick echo is small and fast and shares at most a hashtag. Review waves
are terse, lower-case and typo-ridden, some of them three stars and mild.
"""

from __future__ import annotations

from tools.crosscheck.brands import Story

ECHOES = (
    Story(
        "fx-fee",
        (
            "Pennyworth sold me the card on 'no fees abroad'. Three days in Malaga and every tap has a 2.99% "
            "fee on it. Not a word from them beforehand",
            "so @pennyworthbank now charges a foreign transaction fee?? on holiday in Lisbon and my statement is "
            "full of little non-sterling fees",
            "Checked my Pennyworth app after dinner in Paris: €38 meal, plus a fee I was promised I'd never pay. "
            "When did that change",
            "Pennyworth quietly started charging for spending in euros. Mine went from 0 to 2.99 on every "
            "transaction this week. Complaint in",
            "Been using Pennyworth abroad for years precisely because it was free. Not anymore apparently, fees "
            "on every coffee in Barcelona",
            "my pennyworth card literally says fee-free travel on the back of the envelope and i've paid about "
            "£14 in fx fees this week",
            "Anyone with Pennyworth in Spain right now - check the app, each card payment has a second line "
            "'non-sterling transaction fee'. Gutted",
            "Pennyworth are charging an overseas fee now and didn't tell a soul. My 'travel card' is now the "
            "worst card in my wallet",
            "Rang Pennyworth about the new fee on foreign spending. 50 min hold, then 'it's in the updated "
            "terms'. Which terms? When?",
            "Absolutely furious, took Pennyworth on honeymoon because no FX fees and we've been stung on every "
            "single payment in Crete",
            "pennyworth foreign fee thing is real btw, ATM in Dubrovnik + the fee on top. should've brought cash",
            "@pennyworthbank why does my statement from Amsterdam show a fee on every payment when your website "
            "still says 'no fees abroad'?",
        ),
        link="https://forums.moneysaving.example.co.uk/t/pennyworth-now-charging-fx-fees/6614207",
        hashtag="#PennyworthFees",
        ident="2.99%",
    ),
    Story(
        "pots-rate",
        (
            "Pennyworth just cut the rate on my savings pot from 4.1% to 1.5% without telling me. Found out "
            "from the interest payment",
            "so the Pennyworth 'boosted' pot I opened in January is now paying a third of what it did. no email, "
            "no notification, nothing",
            "Pennyworth savers: look at your pot's rate. Mine dropped overnight and the app just shows the new "
            "number like it was always there",
            "Moved my house deposit into Pennyworth for the rate. The rate is now 1.5. Lovely bait and switch",
            "Is it legal for Pennyworth to slash the interest on existing savings pots with zero notice? Asking "
            "for my £18k",
            "pennyworth interest this month was £9 instead of £24. turns out they cut the pot rate and buried "
            "it in a help article",
            "Complaint going in to Pennyworth: rate on my pot changed with no 14 days' notice, which I'm fairly "
            "sure they owe me",
            "The Pennyworth savings pot rate cut is shameless. Lured everyone in with 4.1 then quietly binned it",
            "Just noticed my Pennyworth pots are earning next to nothing now. they didn't even update the "
            "marketing page",
            "Pennyworth reduced savings interest on existing pots and I only know because of my spreadsheet. "
            "Moving it all tonight",
        ),
        link="https://www.thisismoney.example.co.uk/savings/pennyworth-cuts-pot-rate",
        hashtag="#PennyworthPots",
        ident="1.5%",
    ),
)
# Retellings by people who are not themselves upset: the story, passed on.
RETELLINGS: dict[str, tuple[str, ...]] = {
    "fx-fee": (
        "PSA if you're travelling with a Pennyworth card: looks like they've started charging on foreign "
        "spending, worth checking before you go",
        "Seeing a lot of people say Pennyworth now charges fees abroad. Anyone know if that applies to "
        "cash withdrawals too?",
        "Interesting thread on Pennyworth's new overseas fee, I'm off to Italy next week so glad I saw it",
        "Pennyworth appears to have introduced a foreign transaction fee. Their terms page was updated last "
        "month, for what it's worth",
        "If Pennyworth really is charging fees abroad now that changes which card I take to Berlin",
        "reading the replies on the Pennyworth fx fee thing. taking my other card to Portugal then",
    ),
    "pots-rate": (
        "PSA for Pennyworth savers: people are reporting their pot rate dropped. Worth a look at yours",
        "Hearing Pennyworth has cut rates on existing savings pots. Anyone had an email about it?",
        "Pennyworth seems to have changed its pot interest rates this week, lots of posts about it",
        "Worth knowing: Pennyworth's pot rate apparently isn't fixed, reports of cuts on existing pots",
        "Has anyone got the new Pennyworth pot rate in writing? Trying to decide whether to move mine",
    ),
}
# Small and fast: a handful of people within an hour or two, sharing a hashtag at most.
QUICK_ECHOES = (
    Story(
        "wrong-account",
        (
            "Opened the Pennyworth app and I'm looking at someone else's transactions. Someone called Gareth "
            "spends a lot at B&Q",
            "Pennyworth app is showing me a stranger's account?? different name, different balance, different payees",
            "uh @pennyworthbank I can see another customer's statements in my app. that seems bad",
            "logged into pennyworth and got a completely different person's account page. logged out, back in, "
            "still them",
            "Pennyworth is showing me somebody else's balance and their saved payees. Screenshotted in case",
            "My Pennyworth app shows a stranger's name at the top and their spending. How is this possible",
            "Not my account in the Pennyworth app right now. Whose is it? Why can I see it?",
        ),
        hashtag="#PennyworthLeak",
    ),
    Story(
        "atm-cards",
        (
            "The cash machine outside Pennyworth in Ludlow has eaten my card and the branch says it can't "
            "open it until Tuesday",
            "Ludlow Pennyworth ATM swallowed my card, the man behind me lost his too. No sign, no warning",
            "Pennyworth's ATM on Broad Street, Ludlow kept 3 cards in 10 minutes while I was standing there",
            "Don't use the Pennyworth cash machine in Ludlow, it keeps your card. Mine's gone, staff shrug",
            "Pennyworth Ludlow machine took my card and the cash. Branch closed for lunch. Brilliant",
            "anyone else lose a card to the pennyworth atm in ludlow today? my nan's in there too",
        ),
        hashtag="#LudlowATM",
    ),
)
WAVES = (
    Story(
        "zero-balance",
        (
            "shows £0.00 balance since update",
            "balance says 0 but my card works??",
            "Balance blank after updating",
            "says i have no money. i have money",
            "zero balance on every account since the update, pots too",
            "Cant see my balance anymore",
            "update wiped the balance display, everything £0.00",
            "panicked thinking i'd been robbed, app just shows 0",
            "balance screen broken",
            "all accounts show nothing",
            "its showing £0.00 on my current account and savings",
            "Balance loads then goes to zero",
            "shows zero then crashes",
            "balance gone after update, transactions still there",
        ),
        ident="8.14.0",
    ),
    Story(
        "faceid-loop",
        (
            "face id stopped working after update",
            "Asks for face id then passcode then face id forever",
            "cant log in with fingerprint anymore",
            "login loop since updating",
            "biometric login broken",
            "keeps asking me to re-register my face",
            "passcode not accepted after update, locked out",
            "logs out every time i switch apps since update",
            "Face ID fails every time now",
            "locked out of my own bank account thanks to the update",
            "stuck on the login screen",
            "fingerprint option vanished",
        ),
        ident="8.13.2",
    ),
)
# People passing on the wave's failure outside the stores (labelled with the wave).
WAVE_SOCIAL = (
    "is the Pennyworth app being weird for anyone else after updating? {problem}",
    "Pennyworth update has done something odd to my app, {problem}",
    "@pennyworthbank your latest app update: {problem}. Please fix",
    "PSA Pennyworth users: don't update the app yet, {problem}",
)
WAVE_PROBLEMS = {
    "zero-balance": "it says I have £0.00 everywhere",
    "faceid-loop": "Face ID just loops back to the login screen",
}
# One telling of each long echo in another language, by an expat or a Welsh speaker: (language, text).
FOREIGN_TELLINGS: dict[str, tuple[str, str]] = {
    "fx-fee": (
        "es",
        "Pennyworth ahora cobra una comisión en cada pago con tarjeta en euros, y prometían 'sin comisiones "
        "en el extranjero'. Nadie nos avisó.",
    ),
    "pots-rate": (
        "cy",
        "Mae Pennyworth wedi torri'r llog ar fy nghynilion heb ddweud gair. O 4.1% i 1.5% dros nos.",
    ),
}
# Replies under the non-English post that takes off, in its language: agreement, advice, no new story.
# Every reply names the bank, as a connector searching for the brand only finds those that do.
FOREIGN_REPLIES: dict[str, tuple[str, ...]] = {
    "cy": (
        "Yr un peth i fy nhad gyda Pennyworth yn Aberystwyth.",
        "Cwyna i'r Ombwdsmon am Pennyworth, mae'n werth e.",
        "Gwarthus, Pennyworth. Rhannwch hwn.",
    ),
    "pl": (
        "U mnie to samo z Pennyworth, czekam już dwa tygodnie.",
        "Napisz skargę na Pennyworth do Ombudsmana.",
        "Udostępniam, Pennyworth to skandal.",
    ),
    "ro": (
        "La fel și la mine cu Pennyworth, de o lună.",
        "Fă reclamație la Ombudsman împotriva Pennyworth.",
        "Distribui, Pennyworth e inadmisibil.",
    ),
}

# Replies under the engagement burst: a third upset, the rest advice, solidarity and bookmarks.
BURST_REPLIES_UPSET = (
    "Same happened to me with Pennyworth in the spring, took 9 weeks and the ombudsman to get my money",
    "This is appalling. Pennyworth need to answer for this",
    "Pennyworth did this to my brother. They never explained it either",
)
BURST_REPLIES_CALM = (
    "Commenting for visibility so Pennyworth see it",
    "Formal complaint to Pennyworth in writing, then the Financial Ombudsman after 8 weeks. Keep every letter",
    "Following. I bank with Pennyworth too",
    "Ask Pennyworth for a final response letter, that starts the ombudsman clock",
    "Your MP's caseworker can sometimes get Pennyworth to respond faster, worth a try",
    "RemindMe! 3 days (with Pennyworth too)",
    "Post an update if Pennyworth get back to you please",
)
CROSSPOSTS = (
    "Grim thread about Pennyworth on reddit this morning {url}",
    "If you bank with Pennyworth, read this {url}",
    "worth a read if you're with Pennyworth: {url}",
)
# What a high-reach author posts under their own post once replies come in.
REACH_UPDATES = (
    "Update: Pennyworth's press office says it is 'looking into' the cases I sent. I'll post what I hear.",
    "Update: lots of replies from people in the same position. Pennyworth, please get in touch.",
)
# Payday posts from the relieved, left unlabelled: ordinary posts that happen to fall on payday.
RELIEF = (
    "pay's in. {brand} you had me worried there",
    "finally, {brand} wages landed. breakfast is on me (it's toast)",
    "ok {brand} app is back and I've been paid. panic over",
)
