"""Renderer details that protect readers: spreadsheet formulas, Markdown tables, HTML escaping."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from monitor.digest.outline import Link
from monitor.digest.render import _html_cell, _md_cell, write_csv
from monitor.digest.themes import phrases_of, scan


def test_csv_never_hands_a_spreadsheet_a_formula() -> None:
    post = {
        "source": "reddit", "post_id": "1", "created_at": datetime(2026, 11, 16, tzinfo=UTC), "brand": "B",
        "author_handle": "@evil", "author_followers": 3, "label": "negative", "compound": -0.5, "topics": "",
        "engagement": 1, "url": "https://example.test/1", "text": '=HYPERLINK("http://x.test","click")',
    }  # fmt: skip
    out = io.StringIO()
    assert write_csv(out, [post], []) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["text"] == "'" + post["text"] and row["author"] == "'@evil" and row["compound"] == "-0.5"


def test_markdown_and_html_cells_escape_user_text() -> None:
    assert _md_cell("a | b *c*") == "a \\| b \\*c\\*"
    assert _md_cell(Link("x", "https://e.test/a b)")) == "[x](https://e.test/a%20b%29)"
    assert _html_cell(Link("<b>hi</b>", 'https://e.test/?a=1&b="2"')) == (
        '<a href="https://e.test/?a=1&amp;b=&quot;2&quot;">&lt;b&gt;hi&lt;/b&gt;</a>'
    )


def test_phrases_stop_at_punctuation_and_skip_stopword_edges() -> None:
    found = phrases_of("Lost my luggage, again! The agent laughed at me")
    assert "lost my luggage" in found and "agent laughed" in found
    assert "luggage again" not in found  # the comma ends the phrase
    assert not any(p.split()[0] in {"the", "my", "at"} or p.split()[-1] in {"the", "my", "at", "me"} for p in found)


def test_scan_keeps_the_first_most_engaged_example_and_drops_brand_words() -> None:
    posts = [("b", str(n), f"Northwind lost my luggage again #{n}", "delivery" if n else "") for n in range(5)]
    found = scan(posts, excluded=["Northwind"])
    assert found.phrases[0] == "lost my luggage" and found.examples["phrase:lost my luggage"] == ("b", "0")
    assert found.examples["topic:delivery"] == ("b", "1")
    assert not any("northwind" in p for p in found.phrases)
