"""Halden Hotels: a mid-size European hotel chain, 40 hotels in 12 cities (~450 posts a day).

A second held-out brand, written without reading the detector and never tuned on. A hotel chain's
day has its own rhythm (Central European Time, UTC+1): breakfast and check-out in the morning, the
check-in rush from three in the afternoon, noise at night; weekends are busier, as leisure guests
travel. Its traffic is review-heavy: app-store reviews of its booking and digital-key app, and
stay reports on a travellers' forum (Discourse) and on Lemmy besides Reddit, Bluesky and Mastodon.
Its everyday gripes are the hotel ones (room not ready at check-in, noise, breakfast, wifi,
cleanliness, parking fees, air conditioning and heating, surprise charges), guests quote booking
references (``HLD...``), room numbers and euro amounts, and many post in German, French, Spanish,
Italian or Dutch. "Halden" is also a Norwegian town with a famous prison and a football club, which
the config excludes. The week's shape (a trade-fair or strike day, the incidents) is in
``halden_week``; its stories in ``halden_stories``.
"""

from __future__ import annotations

from tools.crosscheck.brands import Brand, hours, words
from tools.crosscheck.halden_stories import ECHOES, WAVES

HALDEN = Brand(
    name="Halden Hotels",
    slug="halden",
    mentions=("Halden Hotels", "@haldenhotels", "Halden", "#HaldenHotels", "halden hotels", "Halden Hotel"),
    tz=1,
    hourly=hours(
        "0.8 0.55 0.3 0.18 0.14 0.2 0.5 1.0 1.3 1.3 1.2 1.05 1.0 1.0 1.2 1.6 1.7 1.6 1.4 1.4 1.5 1.6 1.45 1.1"
    ),
    posts_per_day=400,
    source_mix={
        "reddit": 0.20,
        "bluesky": 0.17,
        "mastodon": 0.06,
        "hackernews": 0.005,
        "lemmy": 0.035,
        "discourse": 0.13,
        "rss": 0.04,
        "appstore": 0.15,
        "googleplay": 0.21,
    },
    intervals={
        "reddit": 8,
        "bluesky": 3,
        "mastodon": 5,
        "hackernews": 15,
        "lemmy": 10,
        "discourse": 12,
        "rss": 30,
        "appstore": 60,
        "googleplay": 30,
    },
    fill={
        "city": words(
            "Amsterdam | Berlin | Munich | Vienna | Paris | Lyon | Barcelona | Madrid | Milan | Rome | "
            "Copenhagen | Brussels"
        ),
        "hotel": words(
            "Halden Amsterdam Centraal | Halden Amsterdam Zuid | Halden Berlin Mitte | Halden Berlin "
            "Ostbahnhof | Halden Munich Messe | Halden Vienna Naschmarkt | Halden Paris Gare de Lyon | "
            "Halden Paris Montparnasse | Halden Lyon Part-Dieu | Halden Barcelona Sants | Halden Madrid "
            "Atocha | Halden Milan Centrale | Halden Rome Termini | Halden Copenhagen Vesterbro | Halden "
            "Brussels Midi"
        ),
        "room": ("312", "418", "207", "1104", "526", "631", "209", "715", "840", "102", "903"),
        "thing": words(
            "the kettle | the safe | the shower | the TV | the minibar | the blackout blind | the desk lamp | "
            "the hairdryer | the door lock | the toilet flush"
        ),
        "price": ("€189", "€214", "€246", "€312", "€178", "€265"),
        "fee": ("€18", "€22", "€25", "€29", "€35", "€15", "€40"),
        "version": ("5.3.0", "5.3.1", "5.4.0", "5.4.2", "5.5.0"),
        "when": ("last night", "this morning", "on Friday", "yesterday", "tonight", "at 2am", "all weekend"),
        "who": ("my wife", "my husband", "the kids", "my mum", "my colleague", "my partner", "my dad"),
    },
    topics={
        "checkin": (
            "arrived at {hotel} at 3pm, check-in time, room not ready until {mins} minutes later",
            "{brand} check-in is 3pm but the room is never ready before 4. every single time",
            "sat in the {brand} lobby in {city} with {who} and our bags for an hour, room 'being cleaned'",
            "booked a double at {brand} {city}, got a twin, and the double 'won't be ready until tomorrow'",
            "{brand} in {city} put us in a room next to the lift after I asked for a quiet one",
            "queue at {hotel} reception was {mins} minutes long, two desks, one person working",
        ),
        "noise": (
            "room {room} at {hotel} is right above the bar, music till 1am",
            "paper thin walls at {brand} {city}. heard every word next door {when}",
            "{brand} {city}: a party in the corridor at 3am and night staff did nothing",
            "rubbish trucks under the window at 5am at {hotel}. earplugs next time",
            "the {brand} aircon unit rattles all night in room {room}",
            "building works next to {hotel} started at 7 sharp, nobody mentioned it at booking",
        ),
        "breakfast": (
            "{brand} breakfast at {fee} a head and the scrambled eggs were cold by 8",
            "breakfast room at {hotel} ran out of cups, coffee machine broken, again",
            "{brand} {city} breakfast queue out the door at 9 on a Sunday",
            "{fee} for {brand} breakfast and there was no bread left at half nine",
            "asked for gluten free at {brand} breakfast, got a shrug",
        ),
        "wifi": (
            "{brand} wifi in {city} drops every ten minutes, can't do a single video call",
            "the free wifi at {hotel} is free because it doesn't work",
            "{brand} wifi login page loops back to itself, tried three devices",
            "hotel wifi at {brand} {city} is fine in the lobby and dead in the rooms",
            "{brand} wants {fee} for 'premium wifi' and the basic one can't load email",
        ),
        "clean": (
            "hair in the shower at {hotel} room {room}. not mine",
            "{brand} {city} room smelled of smoke, non-smoking floor supposedly",
            "housekeeping at {brand} skipped our room two days running",
            "dusty skirting, stained carpet, {thing} sticky. {brand} {city}, do better",
            "found someone else's sock under the bed at {brand} {city}",
        ),
        "parking": (
            "{brand} {city} parking is {fee} a night and that wasn't on the booking page",
            "{hotel} garage full at 8pm, sent us to a public one 10 minutes' walk away",
            "charged {fee} parking at {brand} checkout for a car we didn't have",
            "{brand} car park barrier wouldn't read my ticket, waited {mins} minutes for someone",
        ),
        "climate": (
            "aircon in room {room} at {hotel} blows warm air, 27 degrees at midnight",
            "{brand} {city} heating stuck on full, window only opens 5cm",
            "the {brand} room was freezing, heating 'switched off for the season'",
            "thermostat at {brand} {city} is decorative, nothing changes whatever you set",
            "{thing} broken and the aircon dripping on the carpet in room {room}. {brand} {city}",
        ),
        "charges": (
            "{brand} added a {amount} 'service charge' at checkout nobody mentioned",
            "city tax at {brand} {city} wasn't in the price and reception acted surprised I asked",
            "{brand} billed the minibar {amount} for a water I didn't drink",
            "{brand} still holding the {amount} deposit a week after I checked out",
            "late checkout at {brand} {city} was {fee} for one hour. wow",
        ),
    },
    openers=(
        "Honestly.",
        "Well then.",
        "Update from our trip:",
        "Day 2 at the hotel:",
        "So.",
        "Small rant:",
        "Hotel life:",
        "Not again.",
        "Quick one:",
        "Travel diary:",
    ),
    endings=(
        "Not staying there again.",
        "Sort it out {brand}.",
        "Three stars is generous.",
        "Writing to guest relations.",
        "Disappointed.",
        "For what we paid!",
        "Expected better from {brand}.",
        "😑",
        "Last time I book {brand}.",
        "Booking elsewhere for the return leg.",
        "Terrible.",
        "Sigh.",
    ),
    mild=(
        "{brand} {city} was fine, bit tired round the edges",
        "the {brand} pillows are too soft for me, otherwise ok",
        "{brand} rooms are small but you're only sleeping there",
        "wish {brand} had a kettle in every room, not just the suites",
        "{brand} app asks me to rate my stay before I've even unpacked",
        "the {brand} lobby music is a bit much at breakfast",
        "{hotel} is nice, the lifts are slow though",
        "{brand} breakfast is decent, coffee could be stronger",
        "{brand} {city} gym is two bikes and a mat. it'll do",
        "the {brand} loyalty points take forever to show up",
    ),
    praise=(
        "{hotel} upgraded us for our anniversary without being asked. lovely people",
        "{brand} {city} staff remembered my name from last year",
        "really comfy beds at {brand}, best sleep of the trip",
        "{brand} breakfast in {city} is properly good, fresh pastries",
        "night porter at {hotel} found us a pharmacy open at midnight. thank you",
        "{brand} digital key worked first time, straight to the room, no queue",
        "{brand} {city} location is perfect, five minutes from the station",
        "booked {brand} for a work trip, spotless room, quiet, fast wifi. no notes",
        "{brand} let us check in at 10am after an overnight flight. heroes",
        "the rooftop bar at {hotel} is a gem",
    ),
    questions=(
        "does {brand} {city} have parking or do I need the public garage?",
        "is breakfast included on the {brand} flexible rate?",
        "anyone know if {brand} rooms have a kettle?",
        "can you store luggage at {brand} after checkout?",
        "{brand} {city} or somewhere nearer the old town?",
        "does the {brand} app digital key work on android?",
        "are {brand} rooms ok for a family of four?",
        "how early can you check in at {hotel} realistically?",
        "do {brand} loyalty nights count on the prepaid rate?",
        "is {hotel} walkable from the station with a suitcase?",
    ),
    news=(
        "Halden Hotels reports record summer occupancy across its {n} largest cities",
        "Halden Hotels to refurbish {hotel} over the winter",
        "Halden Hotels adds EV charging to hotel car parks in {city}",
        "Halden Hotels raises prices for the trade fair season",
        "Halden Hotels appoints new chief operating officer",
        "Halden Hotels signs lease for a second hotel in {city}",
    ),
    foreign={
        "de": (
            "Halden {city}: Zimmer um 15 Uhr noch nicht fertig. Wie immer.",
            "Frühstück bei Halden Hotels war echt gut, gerne wieder.",
            "Das WLAN im Halden {city} ist eine Katastrophe.",
            "Weiß jemand, ob das Halden {city} einen Parkplatz hat?",
        ),
        "fr": (
            "Halden Hotels {city} : chambre pas prête à 16h, on attend dans le hall.",
            "Très bon séjour au {hotel}, personnel adorable.",
            "La clim de ma chambre au Halden {city} ne marche pas.",
        ),
        "es": (
            "El wifi del Halden {city} no funciona en las habitaciones.",
            "Muy buen desayuno en Halden Hotels, repetiría.",
            "¿Alguien sabe si el Halden {city} tiene parking?",
        ),
        "it": (
            "Halden {city}: camera rumorosissima, musica fino all'una.",
            "Colazione ottima al {hotel}, consigliato.",
            "Hanno addebitato il minibar senza motivo, Halden Hotels.",
        ),
        "nl": (
            "Kamer bij Halden {city} was pas om vier uur klaar. Weer.",
            "Prima hotel, Halden {city}, vriendelijk personeel.",
            "Parkeren bij Halden Hotels kost {fee} per nacht, dat stond nergens.",
        ),
    },
    reviews_bad=(
        "digital key doesnt work half the time",
        "Cant log in to my account",
        "app forgets my booking",
        "check-in button greyed out",
        "slow and clunky",
        "points never show up",
        "crashes on the payment screen",
        "booking changes fail every time",
        "keeps asking me to verify my email",
        "worse since the redesign",
    ),
    reviews_good=(
        "Handy for check-in",
        "digital key is great",
        "Easy booking",
        "Does what it should",
        "Love skipping the reception queue",
        "Great app",
        "quick and simple",
        "5 stars",
        "Nice to have all my stays in one place",
        "Works well",
    ),
    burst_topic="checkin",
    burst_city="Milan",
    burst_texts=(),  # the trade-fair and strike days are in ``halden_stories``
    viral_complaints=(
        "Halden Hotels cancelled our room at {hotel} SIX HOURS before we arrived, on the night of my sister's "
        "wedding, because they'd 'overbooked'. They still took the non-refundable {price} a night for three nights and "
        "the only alternative they offered was 40 minutes away. Booking ref {order}. "
        "Guest relations won't reply. Absolutely disgraceful.",
        "My 79-year-old dad fell in the bathroom at {hotel} because the shower tray was cracked and slippery. "
        "Staff took 25 minutes to come up, nobody called an ambulance, and now Halden Hotels says it was 'his "
        "responsibility'. We have photos of the tray. Ref {order}. I am furious.",
    ),
    high_reach=(
        (
            "wanderwithines",
            186_000,
            "Checked into {hotel} for a review stay. Filthy carpet, a broken lock on the balcony door and a "
            "receptionist who told me it was 'normal for the price'. Halden Hotels, this is not ok. Full post "
            "tomorrow.",
        ),
        (
            "thecarryonchap",
            94_000,
            "Halden Hotels charged me twice for a stay at {hotel} and three emails later nobody has replied. "
            "If this is how they treat someone who writes about hotels for a living, how are they treating "
            "everyone else?",
        ),
    ),
    echoes=ECHOES,
    waves=WAVES,
    foreign_viral=(
        (
            "de",
            "Halden Hotels hat unser Zimmer in Berlin am Abend der Ankunft storniert, mit zwei kleinen Kindern "
            "um 23 Uhr. Keine Entschuldigung, kein Ersatz, und die Stornogebühr haben sie trotzdem abgebucht. "
            "Unfassbar. Bitte teilen.",
        ),
        (
            "fr",
            "Au Halden de Paris Gare de Lyon, on a refusé l'accès à ma mère en fauteuil roulant parce que "
            "« l'ascenseur est en panne depuis une semaine ». Personne ne nous a prévenus. Honteux, Halden Hotels.",
        ),
        (
            "es",
            "Halden Hotels nos cobró dos veces la estancia en Madrid y ahora dicen que el error es de nuestro "
            "banco. Tres semanas sin respuesta. Vergonzoso, no reservéis con ellos.",
        ),
        (
            "it",
            "Al Halden di Milano ci hanno dato una camera con muffa sulle pareti e mio figlio asmatico è stato "
            "male tutta la notte. Nessun cambio di camera, nessun rimborso. Vergogna, Halden Hotels.",
        ),
        (
            "nl",
            "Halden Hotels Amsterdam heeft onze kamer weggegeven terwijl we al betaald hadden. Om middernacht op "
            "straat met twee kinderen. Schandalig, en nog steeds geen reactie.",
        ),
    ),
    deadpan=(
        "Waited two hours in the lobby of {hotel} for the room I booked in March. It had been given to "
        "someone else. They offered me a voucher for a coffee.",
        "Halden Hotels sent me a survey asking how my stay was. The stay they cancelled the day before. "
        "Ten out of ten for confidence.",
        "Checked out of {hotel} this morning. The invoice has three nights on it. I stayed one. Reception "
        "say the system does that sometimes.",
        "Our room at {hotel} came with a view of the car park, a window that does not close, and a "
        "housekeeper who let herself in at 7am twice. Halden Hotels calls this the Superior Double.",
    ),
    viral_praise=(
        "Left my passport in the safe at {hotel} and only noticed at the airport. The night porter got in "
        "a taxi with it and made it to the gate check with ten minutes to spare. Halden Hotels, give that "
        "man a raise.",
        "Our daughter lost her cuddly rabbit at {hotel}. Halden Hotels found it, posted it to us with a "
        "little diary of its 'extra holiday' and photos in the breakfast room. She hasn't stopped smiling.",
    ),
    viral_news=(
        "Halden Hotels opens its 41st hotel, in a former tram depot in Lisbon",
        "Halden Hotels agrees to be bought by Nordic hotel group in €900m deal",
    ),
    angry=(
        "Halden Hotels are a bunch of crooks. Worst hotel chain in Europe. Disgusting. Never again.",
        "i HATE halden hotels. liars, thieves, useless. hope you all lose your jobs",
        "HALDEN HOTELS YOU ARE A JOKE. PATHETIC. SCAMMERS. GIVE ME MY MONEY.",
    ),
    repeats=(
        "@haldenhotels still no refund for booking {order}. day {n} of waiting. answer me",
        "Halden Hotels, booking {order}, refund promised, never arrived. Day {n}.",
        "still waiting on halden hotels for my refund on {order}, day {n}",
    ),
    offbrand=(
        "Halden prison in Norway has nicer rooms than my first flat, honestly",
        "Halden FK lost again at the weekend, rough season up north",
        "Walked up to Fredriksten fortress above Halden, gorgeous view of the fjord",
    ),
    currency="€",
    order_prefix="HLD",
    weekend=1.15,
    typos=0.03,
)
