"""A second, independently written generator of realistic weeks, for other brands and industries.

repmon's detector was tuned on ``tools.simulator``'s weeks of one airline. This package was written
without reading that simulator or the detection code, from the issue's description of a realistic
week and the observation format alone, to learn how the detector does on weeks generated
differently: a UK grocery delivery app (``basketly``, ~300 posts a day) and a US broadband and
mobile provider (``lumen``, ~1,800 a day), each with its own vocabulary, rhythm and polling.

A third brand was held out: ``pennyworth``, a UK app-first bank (~800 posts a day, quieter
weekends, Welsh, Polish and Romanian posts, card last-4s and transaction refs), written after the
detector was tuned on the other two; the detector's third round was tuned on it, so it is held out
no longer. Its week has its own shapes
(``pennyworth_week``): a payday burst of independent complaints labelled as a topic burst, a long
echo partly retold by people who are not upset, a small fast echo inside the payday burst, a typo-
ridden review wave that leaks onto social sites, non-English posts tagged "en", a rewording repeater.

A fourth brand, held out the same way: ``halden``, Halden Hotels, a European hotel chain (~450
posts a day, UTC+1, busier weekends, stay reports on a travellers' forum and Lemmy, guests writing in
German, French, Spanish, Italian and Dutch, booking refs and room numbers); it has since been
studied, so it is held out no longer. Its week
(``halden_traffic``, ``halden_week``) holds a trade-fair or strike day in one city labelled as a
topic burst, a chain-wide echo told by guests of different hotels, a one-hotel echo told over a day
or two in several languages, and a flatly told failure that half the weeks falls inside the burst.

A fifth brand, written blind to the detector and held out until the detector's fourth round was
tuned on it: ``driftborne``, Driftborne, an online multiplayer
game by the studio Ironleaf (~1,200 posts a day, US Eastern evenings and weekends, players in the
US, Canada and Australia writing harsh, sarcastic, meme-ridden posts, in Portuguese, Spanish and
French too; patch versions, server regions, error codes, support tickets, prices in US, Canadian and
Australian dollars; reviews of its mobile client). Its week (``driftborne_traffic``,
``driftborne_week``) holds patch day or a season launch labelled as a topic burst, a streamer's ban,
a bundle charged and never delivered told by many players in their own words and currencies, a
progress wipe after the patch told calmly and sarcastically, a one-star wave when the anti-cheat
stops the mobile game starting, a viral post in Portuguese or Spanish, an account-theft thread,
a deadpan post, and besides the usual hard negatives a known troll dunked on by hundreds.

Layout: ``model`` (posts, growth curves, sightings, ids), ``brands`` (what a brand is, slot
filling), ``basketly`` and ``lumen`` (the brands), ``week`` (ordinary traffic and the topic burst),
``incidents`` (spreading complaints and hard negatives), ``pennyworth``, ``pennyworth_stories`` and
``pennyworth_week`` (the first held-out brand), ``halden``, ``halden_stories``, ``halden_traffic`` and
``halden_week`` (the second held-out brand, since studied), ``driftborne``, ``driftborne_stories``,
``driftborne_traffic`` and ``driftborne_week`` (the third held-out brand, since studied), ``generate`` (one week),
``scorecard``, ``explain``.
"""
