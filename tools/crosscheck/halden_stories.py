"""Halden Hotels' stories that spread, its busy days and its guests' stay reports.

A chain-wide story (a deposit taken twice, loyalty points wiped) is told by guests of different
hotels in different cities, each in their own words; a story of one hotel (bedbugs, a fire alarm
every night) is told by guests of that hotel over a day or two, in the languages they speak.
Slots in braces are filled per telling (``{city}``) or once per week (``{hotel}``, the week's hotel).
"""

from __future__ import annotations

from tools.crosscheck.brands import Story

ECHOES = (
    Story(
        "deposit-twice",
        (
            "Halden Hotels took the €150 deposit twice when I checked in at their {city} hotel. Two holds, "
            "one stay, and reception says it will 'drop off' in 10 days",
            "checked my banking app after checking in at Halden {city}: the deposit is on there two times. "
            "that's €300 of my holiday money frozen",
            "Anyone else had Halden charge the check-in deposit twice? Happened to me in {city} yesterday",
            "@haldenhotels you've blocked €300 on my card for a €150 deposit. Two identical lines. Fix it please",
            "Halden Hotels double deposit is apparently a thing now. My card was declined at dinner because of it",
            "Went to pay for the museum and my card bounced. Halden {city} had taken the deposit twice. Great "
            "start to the trip",
            "Front desk at Halden {city} says the duplicate deposit is 'the bank's fault'. My bank says it's "
            "two separate authorisations from the hotel",
            "so halden hotels took my deposit twice and the app shows only one. which one do I believe",
            "Two €150 holds from Halden Hotels for one room. Phoned the call centre, 40 minutes on hold, told "
            "to wait a week",
            "My colleague and I both checked in at Halden {city} and we both have the deposit taken twice. "
            "Not a one-off then",
            "Halden Hotels charged my debit card the deposit x2 at check-in and I'm now overdrawn. Brilliant",
            "Halden's new check-in system seems to take the deposit twice for everyone. Mine in {city} did",
        ),
        link="https://community.wayfarers.example/t/halden-deposit-taken-twice-at-check-in/48213",
        hashtag="#HaldenDeposit",
        ident="HALDEN*DEPOSIT",
    ),
    Story(
        "points-wiped",
        (
            "Logged into the Halden Circle app and my points balance is zero. I had 61,000. Where did they go",
            "Halden Hotels has wiped my loyalty points. Six years of stays, gone, and the app just says 0",
            "anyone else's halden circle points disappeared overnight? i had enough for two free nights",
            "@haldenhotels my Circle points are gone. Booked a reward night in {city} last week, now the "
            "booking says 'insufficient points'",
            "Halden Circle balance went from 48k to nothing after the app update. Support says 'we are "
            "aware'. Aware of what?",
            "The Halden loyalty programme just deleted my points and my gold status with it. Unreal",
            "My Halden points vanished and so did the free night I'd booked with them in {city}",
            "Called Halden about my missing Circle points, told to email, emailed, got an automatic reply. "
            "Fantastic loyalty scheme",
            "Halden Hotels zeroed out my points balance. Screenshot from last month shows 33,500",
            "So all of our Halden Circle points are gone? Me and my husband both, same day",
        ),
        link="https://www.reddit.com/r/awardtravel/comments/1k2halden/halden_circle_points_gone/",
        hashtag="#HaldenCircle",
        ident="error HC-409",
    ),
)
# Retellings by people who are not upset themselves: the chain-wide story, passed on.
RETELLINGS: dict[str, tuple[str, ...]] = {
    "deposit-twice": (
        "Heads up if you're staying with Halden Hotels this week: lots of people saying the deposit is "
        "being taken twice at check-in",
        "Seeing several reports of Halden taking the check-in deposit twice. Worth checking your card if "
        "you stayed recently",
        "If you're checking into a Halden hotel, maybe use a credit card rather than debit for now, the "
        "double deposit thing looks real",
        "Interesting thread about Halden Hotels' double deposits. Anyone know if it's all their hotels?",
        "Halden seems to have a glitch taking deposits twice, might be worth asking at the desk before you pay",
    ),
    "points-wiped": (
        "PSA for Halden Circle members: people are reporting their points balance showing zero. Screenshot yours now",
        "Lots of posts about Halden loyalty points disappearing. Mine look fine, but I've screenshotted them",
        "Is the Halden Circle points issue everyone or just some accounts? Trying to decide whether to book",
        "Halden seems to have a problem with its loyalty programme today, several people missing points",
    ),
}
# One telling in another language of each chain-wide story: (language, text).
FOREIGN_TELLINGS: dict[str, tuple[str, str]] = {
    "deposit-twice": (
        "de",
        "Halden Hotels hat beim Check-in die Kaution zweimal abgebucht, 300 statt 150 Euro. An der "
        "Rezeption zuckt man nur mit den Schultern.",
    ),
    "points-wiped": (
        "nl",
        "Al mijn Halden Circle punten zijn weg. Zes jaar sparen en de app zegt nul. Iemand anders ook?",
    ),
}
# Stories of one hotel (the week's ``{hotel}``), told by its guests over a day or two: (language, text).
LOCAL_ECHOES: dict[str, tuple[tuple[str, str], ...]] = {
    "bedbugs": (
        ("", "Woke up at {hotel} covered in bites. Lifted the mattress corner: bedbugs. We're packing now"),
        ("", "Bedbugs at {hotel}. Found two on the pillow at 3am. Reception offered us another room on the same floor"),
        (
            "",
            "Our whole family is covered in itchy red bites after two nights at {hotel}. Halden says it "
            "will 'investigate'",
        ),
        ("", "don't stay at {hotel} right now. we found bugs in the bed seams and they told us it was dust"),
        ("", "Third guest I've seen this week say it: {hotel} has bedbugs. We've got the bites to prove it"),
        ("", "Now bagging every item of clothing in the car park of {hotel}. Halden Hotels, you knew about this"),
        ("", "Is {hotel} being fumigated? We checked out early with bites all over our legs"),
        ("de", "Bettwanzen im {hotel}. Meine Tochter ist völlig zerstochen. Halden Hotels reagiert nicht."),
        (
            "fr",
            "Punaises de lit au {hotel}, on a des piqûres partout. Halden nous propose juste de changer de chambre.",
        ),
        ("es", "Chinches en el {hotel}. Nos vamos esta mañana y Halden no quiere devolver nada."),
        ("nl", "Bedwantsen in het {hotel}. Overal bulten, en de receptie doet alsof het niets is."),
    ),
    "fire-alarm": (
        ("", "Fire alarm at {hotel} at 3am again. Second night in a row standing in the street in pyjamas"),
        (
            "",
            "{hotel}: evacuated at 2:40am, false alarm, back in bed at 4. Breakfast staff said it happens "
            "'most nights' this week",
        ),
        (
            "",
            "Halden Hotels, your alarm system at {hotel} has gone off every night we've been here. Three "
            "nights. We have a toddler",
        ),
        (
            "",
            "Another 3am fire alarm at {hotel}. Nobody from Halden came out to explain, just a security "
            "guard shrugging",
        ),
        ("", "stood outside {hotel} at 3am for the second time this trip. the alarm is broken and they know it"),
        (
            "",
            "Asked for a discount after two night evacuations at {hotel}. Offered a free drink. Halden Hotels, come on",
        ),
        ("", "The fire alarm at {hotel} goes off nightly and Halden still sells the rooms. How is that safe"),
        ("de", "Feueralarm im {hotel}, jede Nacht um drei. Halden Hotels entschuldigt sich nicht einmal."),
        ("it", "Allarme antincendio al {hotel} alle tre di notte, per la seconda volta. Halden non dice niente."),
        ("fr", "Alarme incendie au {hotel} à 3h du matin, deux nuits de suite. Halden Hotels ne répond pas."),
    ),
}
LOCAL_SHARES: dict[str, tuple[str, str]] = {  # what a local echo's tellings may share: (hashtag, link)
    "bedbugs": ("#HaldenBedbugs", "https://imgur.example/a/Hd7bugsQ"),
    "fire-alarm": ("#HaldenAlarm", "https://www.youtube.com/watch?v=h4ldenAl4rm"),
}
WAVES = (
    Story(
        "digital-key",
        (
            "digital key stopped working after update",
            "Phone won't open the room door anymore",
            "key in app says 'activate' then nothing",
            "had to queue at reception for a plastic key, app key dead",
            "Bluetooth key fails every time since the update",
            "locked out of my room at midnight, app key useless",
            "Digital key greyed out",
            "mobile key broken, what is the point of the app",
            "door just blinks red with the app key",
            "Digitaler Schlüssel funktioniert seit dem Update nicht mehr",
            "La clé numérique ne marche plus depuis la mise à jour",
            "key worked yesterday, not since updating",
            "app key wont open the door or the lift",
        ),
        ident="5.5.0",
    ),
    Story(
        "stays-vanished",
        (
            "my upcoming stays disappeared from the app",
            "Booking not found after update",
            "app says I have no reservations. I have three",
            "Stays tab empty since updating",
            "can't see or change my booking anymore",
            "reservation vanished, panicked, it's still on the email",
            "Upcoming trips blank",
            "Meine Buchungen sind in der App verschwunden",
            "Mis reservas ya no aparecen en la app",
            "shows 'no upcoming stays' then crashes",
            "Lost all my bookings in the app",
            "check-in impossible, app can't find the booking",
        ),
        ident="5.4.2",
    ),
)
WAVE_SOCIAL = (
    "Is the Halden Hotels app broken for anyone else since the update? {problem}",
    "@haldenhotels your new app update: {problem}. Please sort it",
    "PSA if you're staying at a Halden hotel: hold off on updating the app, {problem}",
    "Halden app update has done something odd, {problem}",
)
WAVE_PROBLEMS = {
    "digital-key": "the digital room key just won't open the door",
    "stays-vanished": "all my upcoming stays have vanished from it",
}
# Replies under the non-English post that takes off, in its language; each names the chain.
FOREIGN_REPLIES: dict[str, tuple[str, ...]] = {
    "de": (
        "Genau das Gleiche bei Halden in München.",
        "Unmöglich, Halden Hotels. Geteilt.",
        "Beschwerde bei Halden Hotels schriftlich einreichen, und Kreditkarte zurückbuchen lassen.",
    ),
    "fr": (
        "Inadmissible, Halden Hotels. Je partage.",
        "Même chose pour nous au Halden de Lyon.",
        "Écrivez au service client de Halden Hotels et gardez toutes les preuves.",
    ),
    "es": (
        "A nosotros nos pasó lo mismo con Halden en Barcelona.",
        "Vergonzoso, Halden Hotels. Comparto.",
        "Reclama a Halden Hotels por escrito y pide el contracargo al banco.",
    ),
    "it": (
        "Anche a noi al Halden di Roma. Vergogna.",
        "Condivido, Halden Hotels deve rispondere.",
        "Fate reclamo scritto a Halden Hotels e conservate le foto.",
    ),
    "nl": (
        "Bij ons precies hetzelfde met Halden in Amsterdam.",
        "Schandalig, Halden Hotels. Gedeeld.",
        "Dien een klacht in bij Halden Hotels en bel je creditcardmaatschappij.",
    ),
}
# Replies under the engagement burst: a few upset, the rest advice and solidarity; each names the chain.
BURST_REPLIES_UPSET = (
    "Halden did nearly the same to us in Vienna last year. Never booked them again",
    "This is shameful. Halden Hotels need to make this right today",
    "Exactly why I stopped using Halden. They don't care once they have your money",
)
BURST_REPLIES_CALM = (
    "Chargeback through your card issuer, Halden can't ignore that one",
    "Commenting so Halden Hotels sees this",
    "Have you tried their guest relations email rather than the call centre? Halden answered me there",
    "Following, I've a Halden booking next month",
    "Take photos of everything and keep the Halden emails, you'll need them",
    "Post an update when Halden replies please",
)
CROSSPOSTS = (
    "Awful story about Halden Hotels on reddit {url}",
    "If you're booked with Halden Hotels read this first {url}",
    "Halden Hotels needs to answer this {url}",
)
REACH_UPDATES = (
    "Update: Halden Hotels' press team have been in touch and say they are 'investigating'. I'll share "
    "what they tell me.",
    "Update: my replies are full of people with the same story about Halden Hotels. Reading them all.",
)
# A blogger's write-up as it appears in the blog's feed (the high-reach story, sometimes).
BLOG_POSTS = (
    "Why I won't be staying at Halden Hotels again: a review stay at {hotel} that went badly wrong",
    "Halden Hotels owes me (and a lot of you) an explanation",
)
# The busy days: a trade fair fills one city, or a strike strands guests in it. (city, event, texts)
BUSY_DAYS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Milan",
        "fair",
        (
            "{brand} Milan during the fair: {mins} min check-in queue and the room still wasn't ready",
            "paying triple for {brand} in Milan this week and the breakfast room is standing only",
            "{brand} Milan Centrale reception is chaos tonight, every fair visitor arriving at once",
            "room not ready at 6pm at {brand} Milan. fair week, sure, but you knew we were coming",
            "{brand} gave away my booked double in Milan and offered a twin 'because of the fair'",
            "one lift working at {brand} Milan with 300 fair guests. took 20 mins to get to my floor",
            "Milan fair week: {brand} wifi has given up, everyone's on it doing emails",
            "{brand} in Milan charging {fee} for parking this week, last month it was half that",
            "queued for {mins} minutes at {brand} Milan to be told the card machine is down",
            "fair rates at {brand} Milan and the room hasn't been cleaned properly. hair in the sink",
            "{brand} Milan checkout at 8am: one desk open, queue to the door, and the fair opens at 9",
            "no coffee left in the {brand} Milan breakfast room by 7:45. fair week, you knew",
        ),
    ),
    (
        "Barcelona",
        "fair",
        (
            "{brand} Barcelona Sants is a zoo tonight, half the congress checking in at once",
            "congress week: {brand} Barcelona room rate tripled and the aircon doesn't work",
            "waited {mins} min at {brand} Barcelona for a key card, two staff on the desk",
            "{brand} Barcelona breakfast at 7:30 and there's nowhere to sit, congress crowd",
            "my room at {brand} Barcelona wasn't ready at 5pm. congress week is not a surprise, guys",
            "{brand} Barcelona moved my booking to their other hotel without asking, congress overbooking",
            "wifi at {brand} Barcelona can't cope with the conference lot. can't send a single slide",
            "{brand} Barcelona checkout queue is 40 people deep, going to miss my session",
            "paid a congress-week price at {brand} Barcelona for a room facing the bins",
        ),
    ),
    (
        "Paris",
        "strike",
        (
            "flights cancelled by the strike and {brand} Paris wants full price plus a 'late booking' fee "
            "for one more night",
            "stuck in Paris by the strike, {brand} reception queue is {mins} minutes of stranded people",
            "{brand} Paris Gare de Lyon refused a late checkout even though every train is cancelled",
            "strike day: {brand} Paris put the rate for an extra night up to {price}. shameless",
            "{brand} Paris Montparnasse says no rooms left for stranded guests, after we'd asked at noon",
            "strike in Paris and {brand} charged me a no-show for the hotel I couldn't reach",
            "no trains, no taxis, and {brand} Paris can't even keep the lobby coffee going",
            "{brand} call centre on hold {mins} min, want to extend my Paris stay because of the strike",
            "{brand} Paris told me to 'try another hotel' for an extra night. during a strike. thanks",
        ),
    ),
)
# Ordinary stay reports on the travellers' forum and Lemmy: mixed, long-ish, unlabelled.
STAY_REPORTS = (
    "Stayed {n} nights at {hotel}. Room small but clean, breakfast fine, wifi patchy. Would stay again "
    "for the location",
    "Trip report: {hotel}. Check-in took a while, the room was quiet, the bed was excellent. 4/5",
    "{hotel}, {n} nights on business. Nothing special, nothing wrong. Good shower, weak coffee",
    "Just back from {hotel}. Lovely staff, tired bathroom, noisy street side. Ask for the courtyard",
    "Review: {hotel}. Rooftop bar is worth it, the rooms are standard chain rooms. 3.5/5",
    "Halden Hotels in {city} for a long weekend: great location, overpriced breakfast, comfy beds",
    "{hotel} was our base for {n} nights. Parking expensive, rooms spotless, reception helpful",
    "Honest review of {hotel}: good value off-season, I'd avoid it when there's a fair on",
)
FOREIGN_REVIEWS = (  # app reviews in the guests' languages (the stores tag none): (rating, text)
    (5, "Sehr praktisch, Check-in in zwei Minuten"),
    (2, "App stürzt beim Bezahlen ab"),
    (4, "Pratique pour réserver, la clé numérique marche bien"),
    (1, "Impossible de me connecter, nul"),
    (5, "Muy útil, todo en un sitio"),
    (2, "No guarda mi número de socio"),
    (4, "Comoda per il check-in"),
    (1, "Non funziona mai la chiave digitale"),
    (5, "Handig, sleutel op de telefoon werkt prima"),
    (2, "Boekingen wijzigen lukt nooit"),
)
