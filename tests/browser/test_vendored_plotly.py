"""The vendored plotly.js bundle draws the dashboards' traces and a map of our boundaries with nothing from outside.

The page is served by the browser context itself from static/ and data/: any other request is refused
and recorded, so a CDN fetch cannot hide behind a working network.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import OUTPUT

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "http://ucj.test"
CONFIG = {"displaylogo": False, "responsive": True, "topojsonURL": "/static/vendor/plotly/topojson/"}
GEO = {"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}}


def kab_solok_kecamatan() -> dict:
    with gzip.open(ROOT / "data" / "boundaries" / "kecamatan.geojson.gz", "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {"type": "FeatureCollection", "features": [f for f in features if f["properties"]["kode"][:6] == "13.02."]}


def page_html(config: dict) -> str:
    geojson = kab_solok_kecamatan()
    codes = [f["properties"]["kode"] for f in geojson["features"]]
    names = [f["properties"]["nama"] for f in geojson["features"]]
    bars = [
        {"type": "bar", "x": names[:4], "y": [1200, 3400, 2800, 2100], "name": "Peserta aktif"},
        {"type": "scatter", "x": names[:4], "y": [9.5, 14.2, 12.1, 11.0], "yaxis": "y2", "name": "Cakupan"},
    ]
    bar_layout = {"separators": ",.", "yaxis2": {"overlaying": "y", "side": "right"}}
    choropleth = {
        "type": "choropleth",
        "geojson": geojson,
        "featureidkey": "properties.kode",
        "locations": codes,
        "z": [5 + 1.5 * i for i in range(len(codes))],
        "text": names,
        "hovertemplate": "%{text}: %{z:.2f} %<extra></extra>",
    }
    map_layout = {"separators": ",.", "height": 380, "margin": {"l": 0, "r": 0, "t": 30, "b": 0}, "geo": GEO}
    return f"""<!doctype html><html><head><meta charset="utf-8">
<script src="/static/vendor/plotly/plotly-ucj.min.js"></script></head><body>
<div id="bars" style="height:380px"></div><div id="map"></div>
<script>
window.clicks = [];
Promise.all([
  Plotly.newPlot("bars", {json.dumps(bars)}, {json.dumps(bar_layout)}, {json.dumps(config)}),
  Plotly.newPlot("map", [{json.dumps(choropleth)}], {json.dumps(map_layout)}, {json.dumps(config)}),
]).then(function () {{
  document.getElementById("map").on("plotly_click", function (event) {{
    window.clicks.push(event.points[0].location);
  }});
  window.drawn = "yes";
}}).catch(function (error) {{ window.drawn = String(error); }});
</script></body></html>"""


class OfflinePage:
    """A phone-sized tab that gets the test page and files from the repository, and nothing else."""

    def __init__(self, page: object, html: str) -> None:
        self.page = page
        self.html = html
        self.refused: list[str] = []
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._serve)

    def _serve(self, route: object) -> None:
        url = route.request.url
        if url == f"{ORIGIN}/":
            route.fulfill(body=self.html, content_type="text/html; charset=utf-8")
        elif url.startswith(f"{ORIGIN}/static/") and (ROOT / "static" / url[len(ORIGIN) + 8 :]).is_file():
            route.fulfill(path=str(ROOT / "static" / url[len(ORIGIN) + 8 :]))
        else:
            self.refused.append(url)
            route.abort()

    def draw(self) -> str:
        self.page.goto(f"{ORIGIN}/")
        self.page.wait_for_function("window.drawn !== undefined", timeout=20_000)
        return self.page.evaluate("window.drawn")


@pytest.fixture
def offline_page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    yield lambda config: OfflinePage(context.new_page(), page_html(config))
    context.close()


def test_bars_with_a_line_and_a_map_of_kab_solok_draw_with_no_request_outside_the_app(offline_page):
    tab = offline_page(CONFIG)

    assert tab.draw() == "yes"

    page = tab.page
    assert tab.refused == []
    assert tab.errors == []
    assert page.evaluate("document.getElementById('bars').data.length") == 2
    assert page.locator("#map .choroplethlocation").count() == 14
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "vendored-plotly-kab-solok-390px.png"), full_page=True)


def test_a_click_on_a_kecamatan_reports_its_code_and_hovering_names_it(offline_page):
    tab = offline_page(CONFIG)
    assert tab.draw() == "yes"
    page = tab.page
    # The middle of the largest kecamatan's outline on the screen.
    x, y = page.evaluate(
        """() => {
          let best = null;
          document.querySelectorAll('#map .choroplethlocation').forEach((path) => {
            const box = path.getBoundingClientRect();
            if (!best || box.width * box.height > best.width * best.height) best = box;
          });
          return [best.x + best.width / 2, best.y + best.height / 2];
        }"""
    )

    page.mouse.move(x, y)
    page.wait_for_selector("#map .hoverlayer .hovertext")
    label = page.evaluate("document.querySelector('#map .hoverlayer').textContent")
    page.mouse.click(x, y)
    page.wait_for_function("window.clicks.length > 0")

    code = page.evaluate("window.clicks[0]")
    names = {f["properties"]["kode"]: f["properties"]["nama"] for f in kab_solok_kecamatan()["features"]}
    assert code in names
    assert names[code] in label
    assert " %" in label
    assert "," in label  # the Indonesian decimal comma


def test_without_topojson_url_plotly_fetches_its_world_map_from_a_cdn_and_draws_no_map(offline_page):
    tab = offline_page({key: value for key, value in CONFIG.items() if key != "topojsonURL"})

    outcome = tab.draw()

    assert "topojson" in outcome
    assert [url for url in tab.refused if "cdn.plot.ly" in url]
    assert tab.page.locator("#map .choroplethlocation").count() == 0
