"""Commands for the people who write replies: draft one for a post, check one before posting it."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from monitor.cli.common import ConfigOption, JsonOption, app, load_config
from monitor.core.platforms import known_platforms

TextArgument = Annotated[str, typer.Argument(help="The text, or - to read it from standard input.")]


def _platform(value: str) -> str:
    key = value.strip().lower()
    if key not in known_platforms():
        raise typer.BadParameter(f"unknown platform {value!r}; one of: {', '.join(known_platforms())}")
    return key


PlatformOption = Annotated[
    str,
    typer.Option(
        "--platform",
        "-p",
        callback=_platform,
        help=f"Where the reply goes: {', '.join(known_platforms())}.",
    ),
]


def _text(value: str) -> str:
    text = sys.stdin.read() if value == "-" else value
    if not text.strip():
        typer.echo("repmon: the text is empty", err=True)
        raise typer.Exit(2)
    return text


@app.command("draft")
def draft(
    text: TextArgument, platform: PlatformOption = "x", config: ConfigOption = None, json_out: JsonOption = False
) -> None:
    """The reply repmon would suggest for a post, or a note for a lead when it should not get one."""
    from alerts.drafting import compose_reply, length_limit
    from monitor.scoring.analyzer import Scorer
    from monitor.spread.complaint import reads_as_complaint

    post = _text(text)
    cfg = load_config(config)
    scorer = Scorer(cfg.scoring)
    score = scorer.score(post)
    names = [name for brand in cfg.brands for name in (brand.name, *brand.include) if not name.startswith("@")]
    result = compose_reply(
        post,
        source=platform,
        topics=score.topics,
        abusive=score.abusive,
        facts=cfg.facts,
        reply=cfg.reply,
        brand_names=names,
        complaint=reads_as_complaint(post, scorer, cfg.detection.upset_threshold, score=score),
    )
    if json_out:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"kind: {result.kind}   language: {result.language}   platform: {platform}")
    if result.text:
        typer.echo(f"\n{result.text}\n")
        typer.echo(f"({len(result.text)} of {length_limit(platform, cfg.reply)} characters)")
    if result.lead_note:
        typer.echo(f"\nnote: {result.lead_note}")
    for finding in result.findings:
        typer.echo(f"problem: {finding.line()}")


@app.command("check-reply")
def check_reply(
    text: TextArgument, platform: PlatformOption = "x", config: ConfigOption = None, json_out: JsonOption = False
) -> None:
    """Check a reply against the reply method; exit 0 when it is fine, 1 when it finds problems."""
    from alerts.drafting import length_limit
    from alerts.tone import check_tone

    reply = _text(text)
    cfg = load_config(config)
    report = check_tone(reply, facts=cfg.facts, platform=platform, limit=length_limit(platform, cfg.reply))
    if json_out:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    elif report.ok:
        typer.echo("ok: no problems found")
    else:
        for finding in report.findings:
            typer.echo(f"{finding.rule}: “{finding.words}”")
            typer.echo(f"  why: {finding.why}")
            typer.echo(f"  try: {finding.suggestion}")
    if not report.ok:
        raise typer.Exit(1)
