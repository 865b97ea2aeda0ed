"""The HTML digest in a real browser: headless Chromium at laptop and phone widths, and printed to PDF.

Checks that the screenshots are real pages with the charts drawn: the images decode (natural
size > 0), the page does not overflow a phone's width, the pixels vary, and the chart's own
colour (the negative bars) is on screen. Skipped, saying why, when Chromium is not installed.

Headless Chromium will not make a window narrower than 500 px, so the page is shown in an
iframe of exactly the width under test (its own viewport: media queries apply as on a phone)
and the screenshot is cropped to it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine

from monitor.digest import charts, output
from monitor.digest.render import to_html
from monitor.digest.weeks import Week
from tests.builders import config
from tests.monitor.digest import week_fixture as fx

if TYPE_CHECKING:  # numpy and matplotlib load when a browser test runs, not when the suite is collected
    import numpy as np

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1"]  # fmt: skip
PROBE = """<script>
window.addEventListener("load", () => {
  const images = [...document.images].map(i => ({complete: i.complete, w: i.naturalWidth, h: i.naturalHeight,
                                                 shown: i.getBoundingClientRect().width}));
  const probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({images, scroll: document.documentElement.scrollWidth, inner: innerWidth});
  document.body.appendChild(probe);
  parent.postMessage(probe.textContent, "*");
});
</script></body>"""
HARNESS = """<!doctype html><html><body style="margin:0">
<pre id="probe"></pre>
<script>addEventListener("message", e => { document.getElementById("probe").textContent = e.data; });</script>
<iframe src="{src}" style="border:0;display:block;width:{width}px;height:{height}px"></iframe>
</body></html>"""
NEGATIVE_RGB = tuple(int(charts.STYLE["negative"][0][i : i + 2], 16) / 255 for i in (1, 3, 5))


def chromium(args: list[str], tmp_path: Path) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    process = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        out, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert process.returncode == 0, f"chromium exited with {process.returncode}"
    return out


@pytest.fixture
def page(engine: Engine, sqlite_url: str, tmp_path: Path) -> Path:
    fx.build(engine)
    cfg = config(sqlite_url, brands=[{"name": fx.BRAND, "include": ["northwind air"]}],
                 sources=[{"type": "replay", "name": "feed", "path": "f.jsonl", "interval": "1h"}])  # fmt: skip
    digest = output.build(engine, cfg, Week.parse(fx.WEEK), fx.BRAND, datetime(2026, 11, 30, tzinfo=UTC))
    path = tmp_path / "digest.html"
    path.write_text(to_html(digest), encoding="utf-8")
    return path


@pytest.fixture
def engine(sqlite_url: str) -> Any:
    from monitor.store.database import open_database

    eng = open_database(sqlite_url)
    yield eng
    eng.dispose()


def framed(src: Path, width: int, height: int, tmp_path: Path) -> Path:
    harness = tmp_path / f"frame-{width}-{height}.html"
    harness.write_text(
        HARNESS.replace("{src}", src.as_uri()).replace("{width}", str(width)).replace("{height}", str(height)),
        encoding="utf-8",
    )
    return harness


def probe(page: Path, width: int, tmp_path: Path) -> dict[str, Any]:
    probed = tmp_path / f"probe-{width}.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8")
    harness = framed(probed, width, 900, tmp_path)
    window = f"--window-size={max(width, 500)},900"
    dom = chromium([window, "--virtual-time-budget=10000", "--dump-dom", harness.as_uri()], tmp_path)
    found = re.search(r'<pre id="probe">(.+?)</pre>', dom, re.S)
    assert found, "the page's load event never fired"
    result: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"'))
    return result


def screenshot(page: Path, width: int, tmp_path: Path) -> np.ndarray[Any, Any]:
    from matplotlib import image as mpimg

    shot = tmp_path / f"shot-{width}.png"
    harness = framed(page, width, 2400, tmp_path)
    chromium([f"--window-size={max(width, 500)},2400", f"--screenshot={shot}", harness.as_uri()], tmp_path)
    pixels: np.ndarray[Any, Any] = mpimg.imread(shot)[:, :width, :3]
    return pixels


@pytest.mark.parametrize("width", [1280, 390], ids=["laptop", "phone"])
def test_the_page_renders_with_its_charts(page: Path, tmp_path: Path, width: int) -> None:
    found = probe(page, width, tmp_path)
    images = found["images"]
    assert len(images) == 3
    assert all(i["complete"] and i["w"] > 0 and i["h"] > 0 for i in images), images
    assert all(0 < i["shown"] <= width for i in images), f"a chart is wider than the screen: {found}"
    assert found["inner"] == width and found["scroll"] <= width, "the page scrolls sideways"

    import numpy as np

    pixels = screenshot(page, width, tmp_path)
    assert pixels.shape[1] == width
    assert float(pixels.std()) > 0.05, "the screenshot is (nearly) blank"
    assert float((pixels.mean(axis=2) < 0.5).mean()) > 0.01, "no text or drawing on the page"
    negative_bars = np.all(np.abs(pixels - np.array(NEGATIVE_RGB)) < 0.04, axis=2)
    assert int(negative_bars.sum()) > 50, "the sentiment chart's bars are not on screen"


def test_the_page_prints_to_pdf(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "digest.pdf"
    chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000  # the charts are in it, not just text
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2
