"""App Store in the shared suite: the public customer-reviews JSON feed of one app in one country."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "appstore"
APP = "284815942"  # the real feed's app; our own fixture answers on the same path

CASE = SuiteCase(
    type="appstore",
    config={"app_id": APP, "countries": ["us"], "brand": "Northwind Air"},
    listing_path=f"/us/rss/customerreviews/page=1/id={APP}/sortby=mostrecent/json",
    page=lambda: (OWN / "reviews_page1.json").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "appstore", "appvox-itunes_rss_reviews.json").read_bytes(),
    cursor_key=lambda cursor: sorted(str(mark.get("moment")) for mark in cursor.get("feeds", {}).values()),
    bad_config=[({"app_id": "com.northwind"}, "app_id"), ({"countries": []}, "countries")],
)
