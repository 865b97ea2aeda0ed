"""Basketly: a UK grocery and takeaway delivery app, a small brand (about 300 posts a day).

Dinner time is its busy hour; its everyday complaints are late orders, missing or substituted
items, refunds, rider behaviour, fees and the app's log-in and checkout.
"""

from __future__ import annotations

from tools.crosscheck.brands import Brand, Story, hours, words

BASKETLY = Brand(
    name="Basketly",
    slug="basketly",
    mentions=("Basketly", "@basketly", "basketly", "#basketly", "the Basketly app", "Basketly UK"),
    tz=0,
    hourly=hours("0.5 0.3 0.15 0.1 0.1 0.15 0.3 0.6 0.9 1.0 1.0 1.2 1.6 1.5 1.1 1.0 1.1 1.5 2.2 2.6 2.3 1.7 1.2 0.8"),
    posts_per_day=300,
    source_mix={
        "reddit": 0.22,
        "mastodon": 0.08,
        "bluesky": 0.26,
        "hackernews": 0.02,
        "rss": 0.04,
        "appstore": 0.17,
        "googleplay": 0.21,
    },
    intervals={"reddit": 6, "mastodon": 3, "bluesky": 2, "hackernews": 10, "rss": 30, "appstore": 45, "googleplay": 20},
    fill={
        "city": words(
            "Leeds | Bristol | Glasgow | Croydon | Nottingham | Cardiff | Brighton | Sheffield | Hackney | "
            "Leicester | Newcastle | Reading"
        ),
        "item": words(
            "milk | eggs | bananas | the bread | oat milk | chicken thighs | nappies | a bag of rice | "
            "the birthday cake | tomatoes | coffee | yoghurt | ice cream | the pizza | a curry | toilet roll | "
            "cat food | the wine | avocados"
        ),
        "item2": words(
            "a single lemon | a jar of pickles | sparkling water | low fat instead of whole | a random brand | "
            "frozen peas | a smaller pack | decaf | a bottle of bleach"
        ),
        "store": words(
            "the Co-op | Tesco Express | the corner shop partner | Sainsbury's Local | the pizza place | "
            "Wok Express | the dark store"
        ),
        "rider": ("the rider", "the driver", "my courier", "the delivery guy", "the bike courier"),
        "screen": words(
            "the checkout screen | the login page | the basket | the payment step | order tracking | the promo code box"
        ),
        "day": ("Monday", "yesterday", "last night", "this morning", "on Saturday", "tonight"),
    },
    topics={
        "late": (
            "{brand} order said 20 mins, it's been {mins} and {rider} is still 'nearby'",
            "{mins} minutes late again {brand}. Food arrived stone cold",
            "why does {brand} keep saying 'arriving now' for {mins} minutes",
            "ordered dinner from {brand} at 7, it turned up at 9. {rider} went the wrong way twice",
            "{brand} tracking has shown the same dot for half an hour. Starving",
            "Late delivery from {brand} {day}, {mins} mins past the promised slot",
        ),
        "missing": (
            "{brand} forgot {item} AGAIN",
            "half my {brand} order missing {day}, no {item} and no {item}",
            "{brand} substituted {item} with {item2}. Who picks these",
            "got someone else's bag from {brand}. mine had {item} in it",
            "{brand} marked {item} as delivered but it was never in the bag",
            "asked for {item}, {brand} sent {item2}. Every single week",
        ),
        "refund": (
            "still waiting on a {brand} refund for {amount} from {day}",
            "{brand} refund 'approved' {hours} days ago and nothing on my card",
            "{brand} support offered me 50p credit for a missing {item}. Keep it",
            "got charged twice for one {brand} order, {amount} each. Support chat just loops",
            "{brand} refunded me in credit instead of money. I want my {amount} back",
        ),
        "rider": (
            "{rider} left my {brand} order on the pavement in the rain",
            "{brand} {rider} rang the bell once and drove off with my shopping",
            "{rider} from {brand} was rude when I asked him to come up the stairs",
            "my {brand} bag arrived crushed, eggs everywhere",
            "{brand} says delivered. Photo shows a door that isn't mine",
        ),
        "fees": (
            "{brand} service fee went up again. {amount} for a {amount} shop is silly",
            "small basket fee on {brand} is a joke",
            "{brand} 'free delivery' but somehow a {amount} busy fee",
            "{brand} prices are higher than in the actual shop, noticed {item} was double",
        ),
        "app": (
            "{brand} app logged me out again and the reset code never arrives",
            "{screen} in the {brand} app just spins",
            "{brand} app crashed at {screen}, lost my whole basket",
            "can't add a card in {brand}, {screen} says 'something went wrong'",
            "{brand} won't accept my promo code, says expired. It's not",
        ),
    },
    openers=(
        "Honestly.",
        "Ugh.",
        "Third time this month:",
        "Not again.",
        "Seriously,",
        "PSA:",
        "Well.",
        "lol",
        "Cool cool cool.",
        "Rant:",
    ),
    endings=(
        "Not impressed.",
        "Sort it out {brand}.",
        "🙄",
        "Never again.",
        "Fuming.",
        "Switching to the competition.",
        "Absolute joke.",
        "Meh.",
        "Disappointed tbh.",
        "Why do I keep using this.",
        "#fail",
        "Great start to the evening.",
    ),
    mild=(
        "{brand} packaging is a lot of plastic for three apples",
        "the {brand} rider couldn't find my building, took a while, no biggie",
        "{brand} search never finds what I type first time",
        "would be nice if {brand} showed the use-by dates",
        "{brand} minimum basket went up, slightly irritating",
        "{brand} notifications are a bit much, 5 texts per order",
        "{brand} ran out of {item} again, had to pop to the shop",
        "{brand} tip screen feels a bit pushy",
        "{brand} was a bit slow tonight but fine",
        "wish {brand} had more veggie options near {city}",
        "{brand} delivery slots all gone for tomorrow, bit annoying",
        "the new {brand} app icon is ugly imo",
        "{brand} bananas always a bit green, minor gripe",
        "{brand} sent {item2} instead of {item}, not the end of the world",
        "bit pricey {brand} but convenient",
    ),
    praise=(
        "{brand} saved my dinner party, {item} at the door in 15 mins",
        "the {brand} weekly shop is cheaper than I expected tbh",
        "{brand} customer chat sorted my missing {item} in two minutes",
        "{brand} remembered my usual order, handy",
        "got {item} and {item2} from {brand} at midnight, living the dream",
        "{brand} rider in {city} always says hi to my dog",
        "{brand} rider was so lovely today, carried everything up {n} floors",
        "ok {brand} came in 12 minutes flat, impressive",
        "{brand} refunded a missing {item} instantly, no questions. Nice",
        "shoutout to {brand} for the 2am ice cream run",
        "love that {brand} lets me leave notes for the rider",
        "{brand} in {city} is genuinely quick these days",
        "first {brand} order and it was perfect, everything there",
        "{brand} subs were actually better than what I ordered lol",
    ),
    questions=(
        "does {brand} do alcohol delivery in {city}?",
        "what's the {brand} cut-off for same day?",
        "anyone got a {brand} referral code?",
        "does {brand} deliver to {city} after 10pm?",
        "anyone know if {brand} Plus is worth it?",
        "how do I change my address in {brand}?",
        "is {brand} down or is it just me?",
        "can you tip the rider after delivery on {brand}?",
        "{brand} or the competition for a big weekly shop in {city}?",
    ),
    news=(
        "Basketly expands rapid grocery delivery to {city}",
        "Basketly partners with {store} for 20-minute delivery",
        "Delivery apps including Basketly face questions over rider pay",
        "Basketly trials drone drops in {city} suburbs",
        "Basketly reports growth in weekly orders, eyes profitability",
    ),
    foreign={
        "de": (
            "Basketly-Lieferung heute wieder {mins} Minuten zu spät.",
            "Basketly ist echt praktisch, danke!",
            "Weiß jemand, ob Basketly auch in Leeds liefert?",
        ),
        "es": (
            "Basketly se olvidó de la leche otra vez.",
            "Me encanta Basketly, rapidísimo.",
            "¿Basketly funciona en Glasgow?",
        ),
        "pl": ("Basketly znowu spóźnione o {mins} minut.", "Dostawa Basketly super szybka, polecam."),
        "fr": ("Commande Basketly arrivée froide, dommage.", "Basketly livre enfin à Brighton, top !"),
    },
    reviews_bad=(
        "keeps logging me out",
        "Checkout crashes every time",
        "Orders always late",
        "Missing items, no refund",
        "Support is a bot that goes in circles",
        "fees keep going up",
        "Slots never available",
        "Substitutions are terrible",
        "App is slow and buggy since the update",
        "Stopped accepting my card",
    ),
    reviews_good=(
        "Quick and easy",
        "Great app, riders are lovely",
        "Love it",
        "Never had a problem",
        "Handy for late night snacks",
        "Good selection, fast delivery",
        "Works well",
        "5 stars",
        "Better than the others",
        "Saves me so much time",
    ),
    burst_topic="late",
    burst_city="Leeds",
    burst_texts=(
        "{mins} mins and counting for my {brand} order in {burst_city}, guess the rain has everyone ordering in",
        "{brand} in this weather is hopeless, food arrived cold after {mins} minutes",
        "Rainy Friday + {brand} = 'your order is running late' for the third time",
        "{brand} tracking frozen, rider probably sheltering from the storm. Fair but I'm hungry",
        "{burst_city} is flooded and {brand} still promised 25 minutes. It's been {mins}",
        "Waited {mins} mins for {brand} tonight, cold chips. Rain is no excuse for no updates",
        "{brand} cancelled my order after {mins} minutes 'due to high demand'. Thanks",
        "anyone else's {brand} order stuck tonight? {mins} min late here",
        "{brand} rider soaked and apologising, order {mins} mins late, not his fault honestly",
        "{brand} 'delayed due to weather' is doing a lot of work tonight",
    ),
    viral_complaints=(
        "{Brand} delivered my weekly shop to the wrong flat, the rider photographed my neighbour's door as "
        "proof, and support has now closed my case three times saying the photo shows it was delivered. "
        "{amount} gone and I'm told to 'check with neighbours'. Is this how it works now?",
        "My mum is 84 and ordered through {Brand}. The order never came, they kept the {amount}, and when "
        "she called the number in the app she got a recording telling her to use the app. She can't. "
        "Shameful.",
    ),
    high_reach=(
        (
            "foodwriter_hannah",
            182_000,
            "Ordered from {Brand} for a recipe test tonight: 7 of 12 items substituted with things that are not "
            "even the same food (ground almonds -> almond milk??) and a {amount} refund is 'under review' for 5 "
            "days. Not good enough.",
        ),
        (
            "tomreviewsthings",
            96_000,
            "{Brand} charged me {amount} for an order the app says was cancelled, support says it wasn't, the "
            "bank says it was. Three days of this. Anyone at @basketly actually read DMs?",
        ),
    ),
    echoes=(
        Story(
            "plus-fee",
            (
                "Basketly Plus is meant to mean free delivery. Paid the £7.99 monthly and every order this week "
                "still has a delivery fee on it",
                "so the Basketly subscription I pay for doesn't actually waive the delivery charge anymore? "
                "checked my last 4 receipts, all charged",
                "Anyone else on Basketly Plus getting billed delivery anyway? support told me it's 'a display issue' "
                "but the money left my account",
                "cancelled my Basketly membership today. they've quietly started charging members for delivery "
                "and calling it a service fee",
                "Basketly members: look at your receipts. The 'free delivery' you're paying a subscription for "
                "has been charged on every order since the weekend",
                "Paying monthly for Basketly's free-delivery plan and being charged for delivery anyway is a "
                "choice. Ticket open 4 days",
                "my partner noticed our Basketly plus account has been paying delivery on every shop. we're "
                "supposed to be exempt. support chat ended on me",
                "the Basketly subscription scandal in one line: you pay them monthly so they can charge you "
                "delivery anyway",
                "Not just me then - Basketly has been taking delivery fees off subscribers for a week, mine "
                "adds up to about 20 quid",
            ),
            link="https://www.moneysavingforum.co.uk/t/basketly-plus-charging-delivery/88213",
            hashtag="#BasketlyPlus",
            ident="£7.99",
        ),
        Story(
            "cold-chain",
            (
                "Basketly delivered my frozen stuff fully thawed, the ice cream was soup and the fish smelled. "
                "Rider said their freezer bags ran out",
                "Two Basketly orders in a row with the frozen food defrosted. Chicken was warm. That's a food "
                "safety thing not a 'sorry for the inconvenience' thing",
                "PSA if you use Basketly: check your frozen items, mine were all defrosted and the driver told me "
                "they stopped using cool bags",
                "Basketly sent warm prawns. WARM PRAWNS. Apparently no insulated bags this week at the {city} hub",
                "got my Basketly shop and the frozen peas were a bag of water. rider shrugged and said the cool "
                "boxes are gone",
                "Reporting Basketly to trading standards: meat arrived above fridge temperature, twice, and they "
                "just offer credit",
                "is Basketly not using cold bags anymore? everything frozen in my order arrived melted",
                "Basketly: your riders are carrying frozen food in a normal backpack for 40 minutes. I had to bin "
                "half my shop",
            ),
            link="https://www.reddit.com/r/CasualUK/comments/1cz8k2p/basketly_frozen/",
            hashtag="#BasketlyMelted",
            ident="HUB-LDS-2",
        ),
    ),
    waves=(
        Story(
            "checkout-crash",
            (
                "App closes as soon as I press pay",
                "crashes at payment since the update",
                "Can't pay. Just can't.",
                "Basket empties itself when I try to check out",
                "Payment screen freezes then the app shuts",
                "update broke card payments",
                "Stuck on 'placing order' forever, then it crashes",
                "Won't let me complete any order since yesterday",
                "Apple Pay option vanished and card fails",
                "Three tries to order, three crashes at the last step",
                "Useless after 6.4.0, crashes at checkout",
                "Order button does nothing",
                "lost my basket twice trying to pay",
                "Total waste since the update",
            ),
            ident="6.4.0",
        ),
        Story(
            "login-loop",
            (
                "Logged out and the code never arrives",
                "can't sign in, verification text never comes",
                "Stuck in a login loop",
                "Keeps asking me to verify my phone then fails",
                "Locked out of my account",
                "Sign in broken for days",
                "No SMS code, no way in",
                "It says my number is already in use. It's MY number",
                "Can't log in after the update",
                "Verification email link expired instantly",
                "Reinstalled twice, still can't log in",
                "Login just spins",
            ),
            ident="6.3.9",
        ),
    ),
    foreign_viral=(
        (
            "es",
            "Basketly me cobró {amount} por un pedido que nunca llegó, el repartidor marcó 'entregado' y "
            "soporte dice que no pueden hacer nada. Tengo captura de la ubicación: estaba a 3 km de mi casa.",
        ),
        (
            "de",
            "Basketly hat meiner Oma {amount} abgebucht, die Lieferung kam nie an, und der Kundendienst "
            "verweist sie seit einer Woche nur auf die App. Sie hat kein Smartphone mehr. Unglaublich.",
        ),
        (
            "pl",
            "Basketly pobrało ode mnie {amount} dwa razy za jedno zamówienie, a obsługa klienta od pięciu "
            "dni odpowiada tylko automatycznymi wiadomościami. Czy ktoś miał to samo?",
        ),
    ),
    deadpan=(
        "Ordered a birthday cake on Basketly for my daughter's party at 3. It arrived at 6:40, after everyone "
        "had gone home. Support offered a voucher for my next cake. Wonderful.",
        "Basketly delivered my shopping to me, then the rider came back 10 minutes later and took it away "
        "again saying it was for someone else. It was mine. Order still shows delivered.",
        "Love how Basketly's 20 minute delivery is now 2 hours and 20 minutes. Truly innovative stuff",
        "My Basketly order of 14 items arrived as 1 item: a single lime. Refund says 'processing'. Great stuff",
    ),
    viral_praise=(
        "Basketly rider noticed my grandad had fallen when he delivered his shopping, called an ambulance and "
        "waited with him until it came. Please find this man and give him a raise. Thank you {rider}.",
        "A Basketly rider in {city} has been dropping free bread to the night shelter every evening with the "
        "unsold stock, and the company now matches it. Lovely thing to see.",
    ),
    viral_news=(
        "Basketly to be acquired by supermarket group in £400m deal",
        "Basketly announces it will pay riders the real living wage from January",
    ),
    angry=(
        "Basketly is the WORST company I have ever dealt with. Thieves. Liars. I hope you go bust.",
        "absolutely furious with basketly, they are useless, disgusting service, never again, pathetic",
        "Basketly you are a disgrace. Stole my money and laughed about it. Hate this company.",
    ),
    repeats=(
        "@basketly where is my refund for order {order}? 9 days now. Answer me.",
        "Basketly still hasn't refunded order {order}. Day 9. I will keep posting until you do.",
    ),
    offbrand=(
        "Basketly Weaving Co has new willow baskets at the {city} market this weekend",
        "Basketly Weaving Co workshop on Saturday, terrible parking though, avoid",
    ),
)
