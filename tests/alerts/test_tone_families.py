"""The tone check's word families, widened so replies for other brands and industries are judged too.

Each case is written for this test (not taken from any fixture batch): a trap in a new wording the
family should catch, and a kind reply using nearby words that it must leave alone.
"""

from __future__ import annotations

import pytest

from alerts.config import TopicFacts
from alerts.tone import check_tone
from alerts.tone import findings as trap

CAUGHT = [
    # blame: a counterfactual about what the customer did, or questioning them for going public
    ("If you'd picked the collection option, the locker would have held it for you.", trap.BLAME),
    ("Sorry. If you had only registered the boiler, the engineer could have come sooner.", trap.BLAME),
    ("Did you even open the welcome pack?", trap.BLAME),
    ("It would help to talk to us before tweeting about it.", trap.BLAME),
    # excuse: another team, someone else's responsibility, independent contractors
    ("Installations are run by the regional install team, not us.", trap.EXCUSE),
    ("Sorry! That's the warehouse, not us, so you'll need to chase them.", trap.EXCUSE),
    ("You'll need to take it up with the seller directly.", trap.EXCUSE),
    ("We aren't accountable for how the landlord set up the line.", trap.EXCUSE),
    ("The fitters are freelance contractors and set their own hours.", trap.EXCUSE),
    ("Repairs sit with a separate team in our Glasgow office.", trap.EXCUSE),
    # policy: clause numbers, reserved rights, obligations, conditions
    ("Under section 12.3(a) the tariff can change each April.", trap.POLICY),
    ("Paragraph 9 of your agreement covers early exits.", trap.POLICY),
    ("The company reserves the right to withdraw a promotion.", trap.POLICY),
    ("We are under no obligation to explain a closure.", trap.POLICY),
    ("Next-day slots are subject to availability.", trap.POLICY),
    # coercion: threats tied to what the customer keeps doing in public
    ("If you keep tagging our staff, we'll stop replying.", trap.COERCION),
    ("We would have no option but to suspend the membership.", trap.COERCION),
    ("Please stop messaging the shop, or we will report the account.", trap.COERCION),
    # sarcasm: mock praise for managing something
    ("Pleased to see you eventually found the on switch.", trap.SARCASM),
    ("You finally worked it out. Slow clap.", trap.SARCASM),
    ("Sure, the courier is always at fault 🙃", trap.SARCASM),
    # correcting / denial: our own records against their account
    ("Our GPS log shows the van stopped at your house.", trap.CORRECTING),
    ("Our system confirms the meter was read.", trap.CORRECTING),
    ("The van stopped at 2pm, which means the box was delivered.", trap.DENIAL),
    ("There's no problem with our exchange in your area.", trap.DENIAL),
    # promises of free things the facts don't back
    ("So sorry! We'll give you free installation on the next move.", trap.UNBACKED_PROMISE),
    ("I'm sorry. We'll make it three months on the house.", trap.UNBACKED_PROMISE),
]


@pytest.mark.parametrize(("text", "rule"), CAUGHT, ids=[f"{r}-{i}" for i, (_, r) in enumerate(CAUGHT)])
def test_the_wider_families_are_caught(text: str, rule: str) -> None:
    report = check_tone(text)
    assert rule in report.rules, report.lines()
    for finding in report.findings:
        assert finding.rule not in check_tone(finding.suggestion).rules, finding  # the rewrite is clean


KIND = [
    # "actually" siding with the customer is not correcting them
    "You're right, and I'm sorry: the form actually asks for something you couldn't have had.",
    "I agree with you, and we were in fact too slow to reply. I'm sorry.",
    # an empathetic judgement of what they went through acknowledges it, numbers and all
    "A boiler out for 6 days with a newborn at home is a frightening thing to live with. I'm sorry.",
    "Three hours on hold is exhausting, and I'd be livid too. Could you DM us?",
    # "if you'd like" and "been told" are no counterfactual blame
    "I'm so sorry. If you'd like, we could have a fitter call you tomorrow.",
    "I'm sorry: if you had been told about the works, you would have planned around them.",
    # nearby words that are fine
    "I'm sorry about the wait. Feel free to DM us and we'll sort it together.",
    "I'm sorry the van was late; our tracking now has it at the depot, and I'll keep you posted.",
    "So sorry it's taken this long. I've made sure your account is fine to use again.",
    "I'm glad you finally got to see the show after all that. Thanks for sticking with us!",
    "Thank you! Our branch team will be so pleased you took the time to write.",
]


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_with_nearby_words_pass(text: str) -> None:
    assert check_tone(text).ok, check_tone(text).lines()


def test_a_configured_free_offer_backs_the_promise() -> None:
    facts = {"delivery": TopicFacts(facts=[], goodwill="We'd like to add free delivery on your next order.")}
    assert check_tone("I'm so sorry. We'll add free delivery to your next order.", facts=facts).ok
    assert check_tone("I'm so sorry. We'll give you a free hamper.", facts=facts).rules == [trap.UNBACKED_PROMISE]


def test_a_reply_that_only_states_a_decision_owes_an_acknowledgment() -> None:
    report = check_tone("The closure of the depot was a commercial decision.")
    assert report.rules == [trap.NO_ACKNOWLEDGMENT]
    assert check_tone("I'm sorry; I know the depot closure has made things harder for you.").ok
