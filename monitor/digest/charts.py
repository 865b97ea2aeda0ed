"""The digest's charts, drawn with matplotlib's Agg backend into PNG bytes (no display needed).

Every chart has a title, labelled axes and text legible on a phone; the sentiment series differ
by hatching and lightness as well as hue, so they survive greyscale printing and colour blindness.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# label: (face colour, hatch): lightness steps apart, so greyscale prints keep them distinct
STYLE = {
    "negative": ("#b2182b", "///"),
    "neutral": ("#d9d9d9", ""),
    "positive": ("#2166ac", "..."),
    "unscored": ("#ffffff", "xx"),
}
DPI = 110
OUTLINE: dict[str, Any] = {"edgecolor": "#333333", "linewidth": 0.6}  # bars stay apart in greyscale
FONT = 11


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _day_label(day: str) -> str:
    parsed = date.fromisoformat(day)
    return f"{parsed:%a}\n{parsed.day}"


WIDE, COMPACT = 8.0, 4.6  # inches: a laptop column, and a phone screen (same font, so larger on it)


def _figure(compact: bool, height: float) -> Figure:
    """A new figure; matplotlib (a second of imports) is loaded here, by the first chart drawn."""
    import matplotlib

    matplotlib.use("Agg")  # before anything imports pyplot: never look for a display
    from matplotlib.figure import Figure

    figure = Figure(figsize=(COMPACT if compact else WIDE, height))
    figure.set_layout_engine("constrained")
    return figure


def sentiment_by_day(digest: dict[str, Any], compact: bool = False) -> bytes:
    """The main chart: posts per day, stacked by sentiment."""
    figure = _figure(compact, 4.0)
    axes = figure.add_subplot()
    by_day = digest["sentiment"]["by_day"]
    days = list(by_day)
    bottom = [0] * len(days)
    for label in ("negative", "neutral", "positive", "unscored"):
        values = [by_day[d][label] for d in days]
        colour, hatch = STYLE[label]
        axes.bar(
            range(len(days)),
            values,
            bottom=bottom,
            color=colour,
            hatch=hatch,
            **OUTLINE,
            label=label,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(range(len(days)), [_day_label(d) for d in days], fontsize=FONT)
    axes.set_title(f"Posts per day by sentiment, {digest['week']}", fontsize=FONT + 2)
    axes.set_xlabel(f"Day ({digest['timezone']})", fontsize=FONT)
    axes.set_ylabel("Posts", fontsize=FONT)
    axes.tick_params(axis="y", labelsize=FONT)
    figure.legend(fontsize=FONT - 1, ncols=2 if compact else 4, loc="outside lower center", frameon=False)
    axes.grid(axis="y", color="#cccccc", linewidth=0.5)
    axes.set_axisbelow(True)
    return _png(figure)


def net_sentiment(digest: dict[str, Any], compact: bool = False) -> bytes:
    """Net sentiment per weekday: this week (solid) against the previous week (dashed)."""
    figure = _figure(compact, 3.6)
    axes = figure.add_subplot()
    this = list(digest["sentiment"]["net_by_day"].values())
    before = list(digest["previous_week"]["sentiment"]["net_by_day"].values())
    names = [date.fromisoformat(d).strftime("%a") for d in digest["sentiment"]["net_by_day"]]
    x = list(range(len(names)))
    axes.plot(
        x,
        [float("nan") if v is None else v for v in this],
        color="#111111",
        marker="o",
        linewidth=2,
        label=digest["week"],
    )
    axes.plot(
        x,
        [float("nan") if v is None else v for v in before],
        color="#777777",
        marker="s",
        linestyle="--",
        linewidth=1.5,
        label=digest["previous_week"]["week"],
    )
    axes.axhline(0, color="#999999", linewidth=0.8)
    axes.set_xticks(x, names, fontsize=FONT)
    axes.set_ylim(-100, 100)
    axes.set_title("Net sentiment by day", fontsize=FONT + 2)
    axes.set_xlabel("Day of the week", fontsize=FONT)
    axes.set_ylabel("Positive \u2212 negative (% of scored)", fontsize=FONT)
    axes.tick_params(axis="y", labelsize=FONT)
    figure.legend(fontsize=FONT - 1, ncols=2, loc="outside lower center", frameon=False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.5)
    return _png(figure)


def volume_by_source(digest: dict[str, Any], compact: bool = False) -> bytes:
    """Posts per source: this week, the previous week and the four-week average."""
    this = digest["volume"]["by_source"]
    before = digest["previous_week"]["volume"]["by_source"]
    average = digest["four_week_average"]["volume"]["by_source"]
    sources = sorted({*this, *before, *average}) or ["(no posts)"]
    figure = _figure(compact, max(2.4, 0.7 * len(sources) + 1.4))
    axes = figure.add_subplot()
    height = 0.27
    series = [
        (digest["week"], this, "#111111", ""),
        (digest["previous_week"]["week"], before, "#999999", "//"),
        ("4-week average", average, "#ffffff", ".."),
    ]
    for offset, (name, values, colour, hatch) in enumerate(series):
        axes.barh(
            [i + (offset - 1) * height for i in range(len(sources))],
            [values.get(s, 0) for s in sources],
            height=height,
            color=colour,
            hatch=hatch,
            **OUTLINE,
            label=name,
        )
    axes.set_yticks(range(len(sources)), sources, fontsize=FONT)
    axes.invert_yaxis()
    axes.set_title("Posts by source", fontsize=FONT + 2)
    axes.set_xlabel("Posts", fontsize=FONT)
    axes.set_ylabel("Source", fontsize=FONT)
    axes.tick_params(axis="x", labelsize=FONT)
    figure.legend(fontsize=FONT - 1, ncols=1 if compact else 3, loc="outside lower center", frameon=False)
    return _png(figure)


CHARTS = {"sentiment_by_day": sentiment_by_day, "net_sentiment": net_sentiment, "volume_by_source": volume_by_source}


def all_charts(digest: dict[str, Any]) -> dict[str, tuple[bytes, bytes]]:
    """Each chart drawn twice: wide for a laptop or print, compact (larger text) for a phone."""
    return {name: (draw(digest, False), draw(digest, True)) for name, draw in CHARTS.items()}
