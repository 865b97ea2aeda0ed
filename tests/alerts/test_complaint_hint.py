"""A post repmon's scorer read as upset, or as a failure report, is never only thanked.

The drafts weigh sentences with plain VADER, which reads a savings rate cut "without telling me"
as +0.23 and "lovely bait and switch" as praise. The pipeline passes the scorer's verdict along.
"""

from __future__ import annotations

from alerts.drafting import compose_reply, draft_reply
from alerts.drafting.kinds import Kind
from monitor.config import ReplyConfig

RATE_CUT = (
    "Voltra just cut the rate on my savings from 4.1% to 1.5% without telling me. Found out from the interest payment"
)
SARCASTIC = "moved my house deposit into voltra for the rate. the rate is now 1.5. lovely bait and switch"
POLISH = (
    "Voltra zablokował mi konto na trzy tygodnie. Nie mam dostępu do pensji, a infolinia każe czekać. "
    "Ktoś miał to samo?"
)
REPLY = ReplyConfig(team_name="Jo at Voltra")


def test_a_complaint_plain_vader_reads_positive_is_never_thanked_and_with_the_hint_gets_an_apology() -> None:
    for text in (RATE_CUT, SARCASTIC):
        # without the hint too: a post with no praise in it (or only mock praise) is not thanked for
        assert compose_reply(text, source="reddit", reply=REPLY, brand_names=["Voltra"]).kind != Kind.PRAISE
        draft = compose_reply(text, source="reddit", reply=REPLY, brand_names=["Voltra"], complaint=True)
        assert draft.kind == Kind.COMPLAINT, text
        assert "sorry" in draft.text.lower() and "thank" not in draft.text.lower(), draft.text


def test_real_praise_beside_a_complaint_is_still_thanked_as_a_mixed_post() -> None:
    text = "The staff at the Leeds branch were lovely but my new card still hasn't arrived after three weeks"
    draft = compose_reply(text, source="reddit", reply=REPLY, brand_names=["Voltra"], complaint=True)
    assert draft.kind == Kind.MIXED


def test_a_complaint_in_a_language_the_drafts_dont_read_is_not_answered_as_a_question() -> None:
    note = draft_reply(
        text=POLISH,
        author_handle="ola",
        source="mastodon",
        topics=(),
        perceptions=(),
        abusive=False,
        facts={},
        reply=REPLY,
        complaint=True,
    )
    assert "Good question" not in note and "sorry" in note.lower(), note
