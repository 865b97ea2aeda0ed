"""What makes two complaints one story: rare shared specifics, identifiers, links; and first-hand failure reports."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from monitor.spread.chance import poisson_tail, required_authors
from monitor.spread.content import TermCounts, baseline_rate, mark_start
from monitor.spread.failure import reports_failure, without_sign_off
from monitor.spread.identifiers import anchored, conflicting, identifier_terms, instance_terms
from monitor.spread.links import link_terms

NOW = datetime(2027, 1, 4, 12, tzinfo=UTC)


def traffic(words_per_post: list[set[str]]) -> TermCounts:
    counts = TermCounts(timedelta(days=3))
    for n, words in enumerate(words_per_post):
        counts.add_document(words, NOW - timedelta(minutes=len(words_per_post) - n))
    return counts


def test_words_much_of_the_traffic_uses_carry_no_weight() -> None:
    counts = traffic([{"delay", "flight", f"city{n}"} for n in range(200)] + [{"wheelchair"}])
    assert counts.weight("delay", NOW, 0.03, 50) == 0.0
    assert counts.weight("wheelchair", NOW, 0.03, 50) > 4.0
    # two independent delay complaints share only common words: no specificity, no similarity
    similarity, specificity = counts.similarity(
        frozenset({"delay", "flight", "city1"}), frozenset({"delay", "flight", "city2"}), NOW, 0.03, 50
    )
    assert similarity == 0.0 and specificity == 0


def test_a_new_brand_never_calls_a_handful_of_stories_common() -> None:
    counts = traffic([{"upgrade", "charged"} for _ in range(4)] + [{"other"} for _ in range(60)])
    assert counts.weight("upgrade", NOW, 0.03, 50) > 0  # 4 of 64 is over 3%, but 4 stories is not "common"


def test_word_frequencies_forget_with_a_half_life() -> None:
    counts = TermCounts(timedelta(hours=1))
    counts.add(["snow"], NOW)
    assert counts.counts["snow"][0] == 1.0
    assert abs(counts._decayed("snow", NOW + timedelta(hours=2)) - 0.25) < 1e-9


def test_a_count_is_the_same_whatever_order_its_uses_arrive_in() -> None:
    uses = [NOW - timedelta(hours=h) for h in (0, 5, 1, 3)]
    in_order, out_of_order = TermCounts(timedelta(hours=2)), TermCounts(timedelta(hours=2))
    for moment in sorted(uses):
        in_order.add(["refund"], moment)
    for moment in uses:  # the newest first: a backlog arriving after newer posts
        out_of_order.add(["refund"], moment)
    expected = sum(0.5 ** ((NOW - moment).total_seconds() / 7200) for moment in uses)
    assert math.isclose(in_order.count("refund", NOW), expected)
    assert math.isclose(out_of_order.count("refund", NOW), expected)  # was 4.0: old uses counted as new
    assert out_of_order.counts["refund"][1] == NOW


def test_identifiers_name_one_thing_and_count_double() -> None:
    ids = identifier_terms("Still at YYC gate D37, NW 1747 cancelled, charged $412.50 on v8.2.3 @sam.bsky.social")
    assert {"id:yyc", "id:d37", "id:nw1747", "id:$412.50", "id:@sam.bsky.social"} <= ids
    assert identifier_terms("@northwindair PSA", frozenset({"northwindair"})) == frozenset()
    # a word and a number are not a flight: two delay posts must not look anchored to "flight now20"
    assert identifier_terms("waited now 20 minutes, then on hold for 40 more; Now 20 of us") == frozenset()
    assert identifier_terms("nw1747 late again") == {"id:nw1747"}  # unspaced, any case, is still one
    counts = traffic([{f"w{n}"} for n in range(100)])
    _, specificity = counts.similarity(
        frozenset({"id:nw1747", "id:d37"}), frozenset({"id:nw1747", "id:d37", "hotel"}), NOW, 0.03, 50
    )
    assert specificity == 4


def test_different_flights_are_different_events_however_alike_the_words() -> None:
    one = frozenset({"id:nw418", "delayed", "gate"})
    assert conflicting(one, frozenset({"id:nw512", "delayed", "gate"}))
    assert not conflicting(one, frozenset({"id:nw418", "hotel"}))
    assert not conflicting(one, frozenset({"hotel"}))  # naming no flight is no contradiction
    assert anchored(one, frozenset({"id:nw418"})) and not anchored(one, frozenset({"gate"}))


def test_links_are_shared_content_but_a_bare_domain_is_not() -> None:
    assert link_terms("see https://www.example.com/story/123?utm=x") == frozenset({"link:example.com/story/123"})
    assert link_terms("https://northwindair.com") == frozenset()


def test_an_echo_must_outrun_coincidence() -> None:
    assert required_authors(0.0, 3, 3.0) == 3
    assert required_authors(2.0, 3, 3.0) == 7


def store_complaints(days: float, per_day: int, daily_gripe: str) -> TermCounts:
    """A store's one-star reviews: logins and crashes, one of them a day naming ``daily_gripe``."""
    counts = TermCounts(timedelta(days=3))
    start = NOW - timedelta(days=days)
    mark_start(counts, start)
    total = int(days * per_day)
    for n in range(total):
        words = {"login", "crash"} | ({daily_gripe} if n % per_day == 0 else set())
        counts.add_document(words, start + (NOW - start) * (n / total))
    return counts


def test_three_reviewers_within_the_hour_naming_a_new_feature_are_a_wave_a_daily_gripe_is_not() -> None:
    counts = store_complaints(2, 25, "lose")
    bar, hour = 1e-5, 1.0  # echo_review_chance; the wave's reviewers arrived within the hour
    assert poisson_tail(3, baseline_rate(counts, "board", NOW, 0) * hour) < bar  # never named: a wave
    assert poisson_tail(3, baseline_rate(counts, "lose", NOW, 0) * hour) > bar  # named daily: a gripe
    assert poisson_tail(3, baseline_rate(counts, "board", NOW, 0) * 5 * hour) > bar  # ...or over an afternoon
    # the wave's own reviews, once counted, are set aside: they are not the feature's usual pace
    counts.add_document({"board", "pass"}, NOW)
    counts.add_document({"board", "pass"}, NOW)
    assert baseline_rate(counts, "board", NOW, 2) == baseline_rate(counts, "never-named", NOW, 0)
    # once a day, whether the baseline is two days old or twenty (not two days' count over the counter's memory)
    for days in (2, 20):
        assert 0.8 < baseline_rate(store_complaints(days, 25, "lose"), "lose", NOW, 0) * 24 < 1.3


def test_poisson_tail() -> None:
    assert poisson_tail(0, 2.0) == 1.0
    assert abs(poisson_tail(1, 0.5) - (1 - math.exp(-0.5))) < 1e-12
    assert abs(poisson_tail(3, 0.1) - (1 - math.exp(-0.1) * (1 + 0.1 + 0.005))) < 1e-12


def test_failure_reports_in_any_words() -> None:
    assert reports_failure(
        "Great, another 3 hour delay with Northwind, love spending my birthday at gate B12", "en", 0.8
    )
    assert reports_failure("Waited 3 hours for the wheelchair assistance I booked. It never came.", "en", 0.0)
    assert reports_failure("Northwind Air hat meinen Flug gestrichen, kein Hotel.", "de", None)
    assert reports_failure("Northwind canceló mi vuelo, no hay hotel ni reembolso.", None, None)
    assert not reports_failure("Northwind Air IT outage grounds flights for two hours", "en", -0.4)  # news
    assert not reports_failure(
        "Our flight sat on the tarmac for two hours so the captain handed out cookies. Best delay ever", "en", 0.9
    )


def test_a_flight_an_amount_or_a_link_names_one_instance_an_airport_or_a_gate_only_where() -> None:
    words = identifier_terms("Double charged $653 on NW 608 at gate B12 in KEF, see @frequentflyer") | link_terms(
        "https://example.org/thread/42"
    )
    assert instance_terms(words) == {"id:$653", "id:nw608", "id:@frequentflyer", "link:example.org/thread/42"}
    assert instance_terms(identifier_terms("Every board at KEF says delayed, gate B12 is packed")) == frozenset()
    # a version says which release: on patch day every gripe names it
    assert instance_terms(identifier_terms("can't log in since 2.14.2, the maul got buffed")) == frozenset()
    # ...but in the store's reviews of the app a version is what broke
    assert instance_terms(identifier_terms("usage doubled since 9.1.3"), releases=True) == {"id:9.1.3"}
    assert conflicting(identifier_terms("crashes on 2.14.2"), identifier_terms("crashes on 2.13.1"))  # two releases


def test_a_failure_is_read_in_words_of_any_service_and_in_languages_without_spaces() -> None:
    assert reports_failure("The engineer never turned up and my broadband is still not working", "en", 0.0)
    assert reports_failure("My parcel was never delivered and they billed me twice", None, -0.1)
    assert reports_failure("Der Techniker kam nie an und mein Internet funktioniert nicht", "de", None)
    assert reports_failure("我的包裹一直没收到 客服也不回", "zh-CN", None)
    assert reports_failure("注文した荷物が届かない。私は三日も待たされた", "ja", None)
    assert not reports_failure("今天的服务很好 谢谢", "zh", None)  # praise: no failure word
    assert not reports_failure(
        "Nationwide outage hits thousands of broadband customers", "en", -0.4
    )  # news: nobody's own


def test_something_gone_or_nobody_answering_is_a_failure_in_any_language() -> None:
    assert reports_failure("They wiped my points and my status, six years gone", "en", 0.2)
    assert reports_failure("My saved cards vanished from the app overnight", "en", 0.0)
    assert reports_failure("Nous avons été réveillés à 3h par l'alarme et l'hôtel ne répond pas", "fr", None)
    assert reports_failure("Meine Punkte sind verschwunden und ich bekomme keine Entschuldigung", "de", None)
    assert reports_failure("I miei punti sono spariti, e nessuno mi risponde: nessuna risposta", "it", None)
    assert not reports_failure("Hotel chain says loyalty points will be wiped for inactive accounts", "en", 0.0)  # news
    assert not reports_failure("The queue vanished in minutes, my check-in was a breeze, thank you!", "en", 0.8)


def test_an_amount_in_any_currency_names_one_instance() -> None:
    found = identifier_terms("They kept £105.07 of my money, and €125 from my sister")
    assert {"id:£105.07", "id:€125"} <= found
    assert instance_terms(found) == found  # amounts say what happened, not where
    # a small round price is one many people pay ("going £3 over", "a $5 fee"): no instance
    # nor is a list price every buyer pays ("the bundle is $9.99")
    assert identifier_terms("the bundle is $9.99, the pass £24.95, and they took €1,299.99 twice") == frozenset()
    assert identifier_terms("charged £99.83 interest for going £3 over, plus a $5 fee and $1,200,") == {
        "id:£99.83",
        "id:$1,200",
    }


def test_capitals_that_are_words_name_no_instance() -> None:
    found = identifier_terms("My PIN was reset by support, SOS only on the SIM, still at BOS on NW 608")
    assert found == {"id:bos", "id:nw608"}  # an airport and a flight; PIN, SOS and SIM are words
    assert identifier_terms("Evening speeds are unusable. Calling the FCC next!") == frozenset()  # a regulator


def test_someone_getting_into_an_account_or_a_regulator_called_is_a_failure() -> None:
    # told calmly, these read neutral or even positive ("the attacker just asked nicely")
    assert reports_failure("The attacker just asked nicely and they moved my line to his SIM", "en", 0.23)
    assert reports_failure("They gave my number to a scammer without any ID check", "en", 0.08)
    assert reports_failure("Reporting them to the FCC. Someone hijacked my account", "en", 0.0)
    assert reports_failure("Alguien hackeó mi cuenta y nadie contesta", "es", None)
    assert not reports_failure("Regulator fines the carrier over SIM-swap fraud", "en", -0.3)  # news: nobody's own


SIMILARITY_UNDER_SEED = """
from datetime import UTC, datetime, timedelta
from monitor.spread.content import TermCounts
now = datetime(2027, 1, 4, tzinfo=UTC)
counts = TermCounts(timedelta(days=3))
for n in range(300):
    counts.add_document({f"w{n % 37}", f"v{n % 11}", f"u{n % 7}", "id:nw608"}, now - timedelta(minutes=n))
a = frozenset({*(f"w{n}" for n in range(30)), *(f"v{n}" for n in range(9)), "id:nw608"})
b = frozenset({*(f"w{n}" for n in range(5, 37)), *(f"u{n}" for n in range(7)), "id:nw608"})
print(repr(counts.similarity(a, b, now, 0.5, 50)))
"""


def test_similarity_does_not_depend_on_the_hash_seed() -> None:
    """Sets are walked in an order that changes with PYTHONHASHSEED; the weights' sum must not."""
    import os
    import subprocess
    import sys

    outputs = {
        subprocess.run(
            [sys.executable, "-c", SIMILARITY_UNDER_SEED],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(outputs) == 1, outputs


def test_seeing_someone_elses_account_or_terms_changed_without_a_word_is_a_failure() -> None:
    # told calmly or with a question, these read neutral or positive and name no failure VADER knows
    assert reports_failure("Opened the app and I'm looking at someone else's transactions", "en", 0.0)
    assert reports_failure(
        "My app shows a stranger's name at the top and their spending. How is this possible", "en", 0.2
    )
    assert reports_failure("They cut the rate on my savings without telling me", "en", 0.1)
    assert reports_failure("Ich sehe im App ein fremdes Konto, nicht mein Geld", "de", None)
    assert not reports_failure("Bank fined after a data breach exposed customer records", "en", -0.4)  # news


def test_an_account_closed_or_money_held_without_a_reason_is_a_failure() -> None:
    assert reports_failure("They closed my account and won't say why, rent is due Friday", "en", 0.0)
    assert reports_failure("Bank is holding my wages since Monday, no explanation", "en", 0.0)
    assert reports_failure("Pennyworth zablokował mi konto. Nie mam dostępu do pensji", None, None)


def test_a_team_named_after_a_failure_reports_none() -> None:
    assert not reports_failure("The fraud team called me within a minute of a dodgy payment", "en", 0.1)
    assert not reports_failure("Got a scam warning from my bank before I paid, good stuff", "en", 0.3)
    assert reports_failure("Nobody at the fraud team answers and my card was stolen", "en", -0.2)
    assert not reports_failure("Lumen hold music is stuck in my head now", "en", -0.25)  # an idiom
    assert reports_failure("Stuck in my car on the hard shoulder, the recovery van never came", "en", -0.25)


def test_a_hashtag_coined_for_one_story_names_it_a_brand_or_generic_tag_does_not() -> None:
    brand = frozenset({"pennyworth", "pennyworthbank"})
    assert identifier_terms("The cash machine in Ludlow ate my card #LudlowATM", brand) == {"id:#ludlowatm"}
    assert identifier_terms("seeing a stranger's account #pennyworthleak", brand) == {"id:#pennyworthleak"}
    assert identifier_terms("card declined again #Pennyworth #fail #NeverAgain #banking", brand) == frozenset()
    assert identifier_terms("on hold again #PennyworthFail #pennyworthsupport", brand) == frozenset()
    assert identifier_terms("on hold again #FixPennyworth #BoycottPennyworth", brand) == frozenset()  # rallying
    assert identifier_terms("leaked my data #FixPennyworthLeak", brand) == {"id:#fixpennyworthleak"}
    assert instance_terms(identifier_terms("kept 3 cards in 10 minutes #LudlowATM", brand)) == {"id:#ludlowatm"}


def test_money_taken_twice_is_a_failure_and_a_closing_very_thoughtful_is_a_sarcastic_sign_off() -> None:
    assert reports_failure("I am overdrawn by the £17,158 they took twice and nobody calls back", "en", 0.0)
    assert without_sign_off("They took the payment twice and I am overdrawn. Very thoughtful.") == (
        "They took the payment twice and I am overdrawn."
    )


def test_a_short_closing_line_of_praise_is_a_sign_off_however_it_is_worded() -> None:
    """Sarcastic sign-offs are a handful of words of praise, not one list of phrases."""
    report = "I have been caller number 4 since 11 and my card is still not blocked."
    for closer in ("Lovely hold music though.", "Flawless.", "Truly excellent service!", "Brilliant stuff as always."):
        assert without_sign_off(f"{report} {closer}") == report
    # a long closing line, or one that is not praise, is part of the post
    assert without_sign_off(f"{report} Great to know the bank cares about its customers this much.") is None
    assert without_sign_off(f"{report} Calling again tomorrow.") is None


def test_praise_framing_a_failure_is_sarcasm_unless_it_was_put_right() -> None:
    """'Love how ...' before a first-hand failure reads positive to VADER and is a complaint."""
    assert reports_failure("Love how my refund has been 'processing' for six weeks", "en", 0.64)
    assert reports_failure("Nice of them to cancel my flight by text at 3am.", "en", 0.42)
    # the same opener with the trouble put right is praise, and so is an opener in mid-sentence
    assert not reports_failure("Love how quickly they sorted my cancelled booking, new room in ten minutes!", "en", 0.8)
    assert not reports_failure("I love that the crew stayed late after our delayed flight to help us.", "en", 0.85)
    assert not reports_failure("My flight was delayed but I love how the crew kept us laughing", "en", 0.7)


def test_an_error_code_names_one_failure_and_two_codes_are_two() -> None:
    """Customers quote the code the app showed them ("error HC-409"): it names the failure like a flight."""
    assert identifier_terms("my points are gone (error HC-409)") == {"id:hc-409"}
    assert identifier_terms("stuck on verifying device, AC_1107 again") == {"id:ac_1107"}
    assert identifier_terms("paid and got nothing, code 0x80-DB") == {"id:0x80-db"}
    assert instance_terms(frozenset({"id:hc-409", "point"})) == {"id:hc-409"}
    assert conflicting(frozenset({"id:hc-409", "error"}), frozenset({"id:ac-1107", "error"}))
    # words with a hyphen are words, and a long name with a number is not a code
    assert identifier_terms("Wi-Fi down again, COVID-19 rules at the desk") == frozenset()


def test_a_sentence_that_leaves_out_its_i_is_still_the_writer_speaking() -> None:
    """Posts drop the "I" as diaries do ("Bought the bundle. Charged, not delivered."); headlines
    open with who did it, and a failure named in one is still news, not the writer's own."""
    for told in (
        "Bought the Tidecaller set on the mobile app. Charged, not delivered, restore does nothing",
        "Paid for priority boarding, waited two hours at the gate anyway",
        "Ordered at 7. Still nothing, never delivered.",
        "Been on hold 50 minutes now. Outage day apparently",
    ):
        assert reports_failure(told, "en", 0.0), told
    for news in (
        "Cancelled flights pile up at Heathrow as the storm moves east",
        "Players report progress wiped after the patch",
        "Airline paid out refunds to stranded passengers, regulator says",
    ):
        assert not reports_failure(news, "en", 0.0), news
