"""The replies scorecard: repmon's drafts and tone check against the library in tests/fixtures/replies/.

    python bench/replies_scorecard.py [--show] [LIBRARY]

Drafts every post in posts.toml (each on its own platform) and checks every reply in replies.toml,
both read from LIBRARY (a folder; default tests/fixtures/replies, the library; the unseen batches
are in its unseen/ folder), then prints:

- kinds read right: the draft's kind equals the post's expected kind;
- specific acknowledgements: for English complaints and mixed posts, the draft's acknowledgement
  (its first sentence; for a mixed post, the sentence after the thanks) names at least one of the
  post's ``detail`` words (the words a person reading the post would pick as what the customer
  went through, written with the post, not tuned to the drafts);
- distinct drafts, and the most-used opening (the first three words after any greeting);
- drafts that pass the tone check;
- bad replies caught (any finding) and caught by the expected rule, and good replies wrongly flagged.

A library's posts.toml may name its brands (``brands = [...]``, what a team configures); without it
the library's own brand list is used. ``--show`` prints every draft and every finding too. Figures
are printed, not asserted; tests/alerts/test_library.py and test_unseen_batches.py hold the floors.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alerts.config import ReplyConfig, TopicFacts
from alerts.drafting import Draft, compose_reply
from alerts.tone import check_tone, split_sentences

LIBRARY = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "replies"
BRANDS = (
    "SkyLark",
    "Fernbank",
    "Cloudpile",
    "Parcelly",
    "StreamBox",
    "Voltline",
    "FitHaus",
    "Brightrail",
    "OrbitBank",
    "DataNest",
    "Nimbus",
)
REPLY = ReplyConfig(team_name="Maya at SkyLark", private_channel="a DM", support_email="help@skylark.example")


def load(name: str, library: Path = LIBRARY) -> dict[str, Any]:
    return tomllib.loads((library / f"{name}.toml").read_text(encoding="utf-8"))


def library_facts(library: Path = LIBRARY) -> dict[str, TopicFacts]:
    return {topic: TopicFacts(**entry) for topic, entry in load("replies", library)["facts"].items()}


def opening(text: str) -> str:
    """The first three words of a draft, after any greeting."""
    first = re.sub(r"^(?:Hi|Hello|Hi there|Hola) [^,]+, ", "", text.strip())
    return " ".join(first.split()[:3]).lower()


def names_detail(draft: str, details: list[str], mixed: bool = False) -> bool:
    """Whether the acknowledgement sentence names one of ``details``."""
    sentences = split_sentences(re.sub(r"^(?:Hi|Hello|Hi there|Hola) [^,]+,\s*", "", draft))
    ack = " ".join(sentences[: 2 if mixed else 1]).lower()
    return any(d.lower() in ack for d in details)


@dataclass
class Scorecard:
    drafts: list[tuple[dict[str, Any], Draft]]
    replies: list[tuple[dict[str, Any], list[str]]]

    def figures(self) -> dict[str, tuple[int, int]]:
        """Each figure as (count, out of), for the tests that hold the floors."""
        drafted = [(p, d) for p, d in self.drafts if d.text]
        complaints = [(p, d) for p, d in drafted if p.get("detail") and p.get("language", "en") == "en"]
        bad = [(r, rules) for r, rules in self.replies if r["expect"]]
        good = [(r, rules) for r, rules in self.replies if not r["expect"]]
        return {
            "kinds": (sum(d.kind == p["kind"] for p, d in self.drafts), len(self.drafts)),
            "specific": (
                sum(names_detail(d.text, p["detail"], p["kind"] == "mixed") for p, d in complaints),
                len(complaints),
            ),
            "clean": (sum(not d.findings for _, d in drafted), len(drafted)),
            "caught": (sum(bool(rules) for _, rules in bad), len(bad)),
            "right_rule": (sum(set(r["expect"]) <= set(rules) for r, rules in bad), len(bad)),
            "wrongly_flagged": (sum(bool(rules) for _, rules in good), len(good)),
        }

    def lines(self) -> list[str]:
        f = {name: f"{n}/{of}" for name, (n, of) in self.figures().items()}
        texts = [d.text for _, d in self.drafts if d.text]
        openings = Counter(opening(t) for t in texts)
        top, top_count = openings.most_common(1)[0] if openings else ("", 0)
        return [
            f"posts: {len(self.drafts)}; replies: {len(self.replies)}",
            f"kinds read right: {f['kinds']}",
            f"English complaint/mixed drafts naming the customer's detail in the first sentence: {f['specific']}",
            f"distinct drafts: {len(set(texts))}/{len(texts)}",
            f"most-used opening: {top_count}x ({top!r})",
            f"drafts passing the tone check: {f['clean']}",
            f"bad replies caught: {f['caught']} (with the expected rule: {f['right_rule']})",
            f"good replies wrongly flagged: {f['wrongly_flagged']}",
        ]


def run(library: Path = LIBRARY) -> Scorecard:
    facts = library_facts(library)
    posts = load("posts", library)
    brands = tuple(posts.get("brands", BRANDS))
    drafts = [
        (
            post,
            compose_reply(
                post["text"],
                source=post["platform"],
                author_handle="sam_r",
                facts=facts,
                reply=REPLY,
                brand_names=brands,
            ),
        )
        for post in posts["post"]
    ]
    replies = [
        (reply, check_tone(reply["text"], facts=facts, platform=reply.get("platform")).rules)
        for reply in load("replies", library)["reply"]
    ]
    return Scorecard(drafts, replies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every draft and finding")
    parser.add_argument(
        "library", nargs="?", type=Path, default=LIBRARY, help="folder with posts.toml and replies.toml"
    )
    args = parser.parse_args()
    card = run(args.library)
    if args.show:
        for post, draft in card.drafts:
            print(f"--- {post['id']} [{post['platform']}] expected {post['kind']}, got {draft.kind}")
            print(draft.text or "(no reply)")
            if draft.lead_note:
                print(f"NOTE: {draft.lead_note}")
            for finding in draft.findings:
                print(f"FINDING: {finding.line()}")
        for reply, rules in card.replies:
            right = set(reply["expect"]) <= set(rules) if reply["expect"] else not rules
            mark = "ok " if right else "MISS"  # a good reply flagged is a miss too
            print(f"{mark} {reply['id']}: expected {reply['expect']}, got {rules}")
    print("\n".join(card.lines()))


if __name__ == "__main__":
    main()
