"""Google Play in the shared suite: the unofficial batchexecute endpoint, answered by POST."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "googleplay"

CASE = SuiteCase(
    type="googleplay",
    config={"app_id": "com.northwind.app", "brand": "Northwind Air"},
    listing_path="/_/PlayStoreUi/data/batchexecute",
    listing_method="POST",
    page=lambda: (OWN / "reviews_page1.txt").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "googleplay", "appvox-review_relevant.batchexecute.txt").read_bytes(),
    cursor_key=lambda cursor: sorted(str(mark.get("moment")) for mark in cursor.get("feeds", {}).values()),
    bad_config=[({"app_id": "not a package"}, "app_id"), ({"country": "USA"}, "country")],
)
