"""Platform rules: a reply must fit the platform, and must not offer DMs where there are none."""

from __future__ import annotations

import re

from alerts.tone.findings import NO_DMS, TOO_LONG, Finding
from alerts.tone.text import Sentence
from monitor.core.platforms import profile_for

_DM = re.compile(
    r"\b(?:DMs?|dm us|direct messages?|private messages?|PM us|inbox us|message us privately)\b", re.IGNORECASE
)


def platform_findings(reply: str, sentences: list[Sentence], platform: str, limit: int | None = None) -> list[Finding]:
    profile = profile_for(platform)
    limit = limit or profile.reply_limit
    findings: list[Finding] = []
    if len(reply) > limit:
        findings.append(
            Finding(
                TOO_LONG,
                f"{len(reply)} characters",
                f"{profile.display_name} replies take at most {limit} characters; a cut-off reply reads as careless.",
                "Keep the acknowledgement and the next step; shorten the explanation first.",
            )
        )
    if not profile.has_dms:
        for sentence in sentences:
            found = _DM.search(sentence.text)
            if found:
                step = profile.no_dm_step
                findings.append(
                    Finding(
                        NO_DMS,
                        found.group(0),
                        f"{profile.display_name} has no direct messages, so the customer has nowhere to go.",
                        f"Offer a step that exists there instead: {step}.",
                    )
                )
    return findings
