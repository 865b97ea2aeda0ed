"""The digest as sections of sentences and tables, shared by the HTML and Markdown renderers.

Both formats show the same content; only the markup differs. Cells are plain text (or a link),
and "not recorded" marks a figure the database cannot know yet, never a made-up zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Cell = str | Link


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    numeric: set[int] = field(default_factory=set)  # right-aligned columns


@dataclass
class Section:
    title: str
    key: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: str | None = None  # name of a chart in charts.all_charts


def number(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "n/a"
    text = f"{value:,.1f}".removesuffix(".0") if isinstance(value, float) else f"{value:,}"
    return text + unit


def signed(value: float | None, unit: str = "%") -> str:
    if value is None:
        return "n/a"
    return ("+" if value > 0 else "") + number(value, unit)


def minutes(value: float | None, recorded: bool = True) -> str:
    if not recorded:
        return NOT_RECORDED
    if value is None:
        return "none"
    if value < 90:
        return f"{value:.0f} min"
    return f"{value / 60:.1f} h"


def when(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value.replace("Z", "+00:00")).strftime("%a %d %b %H:%M UTC")


def _post_cell(post: dict[str, Any] | None) -> Cell:
    if not post:
        return ""
    text = f"{post['text']} ({post['source']}, @{post['author'] or 'unknown'})"
    return Link(text, post["url"]) if post.get("url") else text


def _headline(d: dict[str, Any]) -> Section:
    change, prev = d["change"], d["previous_week"]
    s = d["sentiment"]
    lines = [
        f"{number(d['volume']['total'])} posts ({signed(change['volume_pct'])} on {prev['week']}, "
        f"{signed(change['volume_vs_average_pct'])} on the four-week average).",
        f"Net sentiment {signed(s['net'], '')} ({signed(change['net_points'], ' points')} on last week); "
        f"{number(s['negative'])} negative posts ({signed(change['negative_pct'])}).",
        f"{d['response']['incidents_raised']} incident(s) raised, {d['response']['critical']} critical.",
    ]
    avg = d["four_week_average"]
    rows: list[list[Cell]] = [
        [label, number(s[label]), number(prev["sentiment"][label]), number(avg["sentiment"][label])]
        for label in ("positive", "neutral", "negative", "unscored")
    ]
    rows.append(
        [
            "net sentiment",
            signed(s["net"], ""),
            signed(prev["sentiment"]["net"], ""),
            signed(avg["sentiment"]["net"], ""),
        ]
    )
    rows.append(
        ["all posts", number(d["volume"]["total"]), number(prev["volume"]["total"]), number(avg["volume"]["total"])]
    )
    table = Table(["Sentiment", d["week"], prev["week"], "4-week avg"], rows, {1, 2, 3})
    return Section("The week at a glance", "summary", lines, [table], chart="sentiment_by_day")


def _volume(d: dict[str, Any]) -> Section:
    by_day = d["sentiment"]["by_day"]
    rows: list[list[Cell]] = [
        [
            day,
            number(d["volume"]["by_day"][day]),
            number(m["positive"]),
            number(m["neutral"]),
            number(m["negative"]),
            signed(d["sentiment"]["net_by_day"][day], ""),
        ]
        for day, m in by_day.items()
    ]
    days = Table(["Day", "Posts", "Positive", "Neutral", "Negative", "Net"], rows, {1, 2, 3, 4, 5})
    sources = sorted({*d["volume"]["by_source"], *d["previous_week"]["volume"]["by_source"]})
    src_rows: list[list[Cell]] = [
        [
            s,
            number(d["volume"]["by_source"].get(s, 0)),
            number(d["previous_week"]["volume"]["by_source"].get(s, 0)),
            number(d["four_week_average"]["volume"]["by_source"].get(s, 0)),
        ]
        for s in sources
    ]
    by_source = Table(["Source", d["week"], d["previous_week"]["week"], "4-week avg"], src_rows, {1, 2, 3})
    return Section("Volume and sentiment by day", "volume", [], [days, by_source], chart="net_sentiment")


def _incidents(d: dict[str, Any]) -> Section:
    if not d["incidents"]:
        return Section("Incidents", "incidents", ["No incident was raised this week."])
    rows: list[list[Cell]] = []
    for i in d["incidents"]:
        where = ", ".join(f"{s['source']} ({s['posts']})" for s in i["sources"]) or i["root"]["source"] or ""
        ack = (
            NOT_RECORDED
            if not i["recorded"]["acknowledged"]
            else (
                f"@{i['acknowledged_by']} after {minutes(i['minutes_to_acknowledge'])}"
                if i["acknowledged_at"]
                else "not acknowledged"
            )
        )
        root = i["root"]
        what: Cell = Link(root["text"], root["url"]) if root.get("url") else root["text"]
        rows.append(
            [
                what,
                f"{i['level']}; " + "; ".join(i["reasons"][:2]),
                where,
                f"{i['posts']} posts, {i['authors']} authors, {number(i['engagement'])} interactions, "
                f"reach {number(i['reach'])}; alert {minutes(i['minutes_post_to_alert'])} after the post",
                ack,
                i["outcome"],
                Link("alert", i["slack_link"]) if i["slack_link"] else when(i["first_alert_at"]),
            ]
        )
    table = Table(["What spread", "Why", "Where", "How far and fast", "Acknowledged", "Outcome", "Link"], rows)
    return Section("Incidents", "incidents", [], [table])


def _themes(title: str, key: str, themes: list[dict[str, Any]], empty: str) -> Section:
    if not themes:
        return Section(title, key, [empty])
    rows: list[list[Cell]] = [
        [
            t["name"].replace("_", " "),
            t["kind"],
            number(t["posts"]),
            signed(float(t["change"]), ""),
            _post_cell(t["example"]),
        ]
        for t in themes
    ]
    return Section(title, key, [], [Table(["Theme", "Kind", "Posts", "vs last week", "For example"], rows, {2, 3})])


def _top_posts(d: dict[str, Any]) -> Section:
    tables = []
    for label in ("negative", "positive"):
        rows: list[list[Cell]] = [
            [_post_cell(p), number(p["engagement"]), when(p["created_at"])] for p in d["top_posts"][label]
        ]
        if rows:
            tables.append(Table([f"Most engaging {label} posts", "Interactions", "Written"], rows, {1}))
    lines = [] if tables else ["No scored posts this week."]
    return Section("Posts that drew the most engagement", "top-posts", lines, tables)


def _response(d: dict[str, Any]) -> Section:
    r = d["response"]
    rec = r["recorded"]
    share = "n/a" if r["share_resolved"] is None else f"{100 * r['share_resolved']:.0f}%"
    rows: list[list[Cell]] = [
        ["Incidents raised", number(r["incidents_raised"])],
        ["Median time to acknowledge", minutes(r["median_minutes_to_acknowledge"], rec["acknowledged"])],
        ["Median time to first reply", minutes(r["median_minutes_to_first_reply"], rec["replied"])],
        ["Resolved", f"{number(r['resolved'])} ({share})"],
        ["Alerts held (budget or quiet hours)", number(r["alerts_held"])],
        ["Marked not relevant", number(r["not_relevant"]) if rec["feedback"] else NOT_RECORDED],
    ]
    return Section("What the team did", "response", [], [Table(["Figure", "This week"], rows, {1})])


def _sources(d: dict[str, Any]) -> Section:
    if not d["sources"]:
        return Section("Source health", "sources", ["No sources are configured or recorded."])
    rows: list[list[Cell]] = []
    for s in d["sources"]:
        if not s["recorded"]:
            rows.append([s["source"], NOT_RECORDED, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED, ""])
            continue
        gaps = f"{len(s['gaps'])} (longest {number(s['longest_gap_hours'])} h)" if s["gaps"] else "none"
        rows.append(
            [
                s["source"],
                number(s["polls"]),
                number(s["failures"]),
                gaps,
                number(s["items_fetched"]),
                s["last_error"] or "",
            ]
        )
    table = Table(["Source", "Polls", "Failures", "Gaps", "Items fetched", "Last error"], rows, {1, 2, 4})
    lines = [
        f"{s['source']}: a quiet week may be a broken connector (check it)."
        for s in d["sources"]
        if s["recorded"] and not s["healthy"]
    ]
    return Section("Source health", "sources", lines, [table], chart="volume_by_source")


def outline(d: dict[str, Any]) -> list[Section]:
    return [
        _headline(d),
        _volume(d),
        _incidents(d),
        _themes("Complaint themes", "complaints", d["themes"]["complaints"], "No recurring complaint this week."),
        _themes("Praise themes", "praise", d["themes"]["praise"], "No recurring praise this week."),
        _top_posts(d),
        _response(d),
        _sources(d),
    ]


def title(d: dict[str, Any]) -> str:
    return f"Weekly digest {d['week']}" + (f": {d['brand']}" if d["brand"] else "")


def subtitle(d: dict[str, Any]) -> str:
    return f"{when(d['start'])} to {when(d['end'])} ({d['timezone']} days)" + (
        "" if d["complete"] else "; the week is not over yet"
    )
