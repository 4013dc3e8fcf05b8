"""What a dashboard costs a phone: the bytes of its scripts and styles, and the first visit under Fast 3G in Chromium.

For two ways of serving the app on loopback, against the bench's own database
(ucj_bench_pages; national scale once bench/pages_bench.py has run):

- production: gunicorn (2 workers) with DEBUG off, static files collected
  (hashed, with the .gz and .br copies whitenoise serves);
- DEBUG, as `make run` serves it: `manage.py runserver` with DEBUG=true,
  whitenoise serving the source folders.

1. Bytes: every script and stylesheet the kabupaten page (/regions/13.02/)
   references, fetched raw, with Accept-Encoding gzip and with br; the sizes
   and the Content-Encoding the server answered with.
2. First visit: Chromium (Debian's, through Playwright) with an empty cache and
   a session cookie, network throttled with CDP Network.emulateNetworkConditions
   (1,6 Mbit/s down, 750 kbit/s up, 150 ms latency, no CPU throttling), opens
   the kabupaten page; the time until plotly has drawn a chart
   (`.js-plotly-plot .main-svg`) and until every chart the server embedded is
   drawn, and the bytes transferred. The page's own parts are warm in the
   server's cache (one request before): a first visit of a user, not of the server.

    .venv/bin/python bench/frontend_bench.py
    .venv/bin/python bench/frontend_bench.py --visits 5 --only production

Goals (issue 14): <= 500 KB compressed in both; charts drawn <= 3 s under Fast 3G.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# bench/ is not a package: its folder is on the path
from common import debug_env, start_gunicorn, stop, wait_for_quiet, wait_until_up, worker_env

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/regions/13.02/"
PORT = 8767
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Fast 3G as the issue states it; CDP takes bytes per second and milliseconds.
DOWN_BITS, UP_BITS, LATENCY_MS = 1_600_000, 750_000, 150
BYTES_GOAL, CHARTS_GOAL_S = 500_000, 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ucj_bench_pages")
    parser.add_argument("--only", choices=["production", "debug"])
    parser.add_argument("--visits", type=int, default=3, help="first visits per way of serving")
    args = parser.parse_args()
    results = {}
    for mode in ("production", "debug"):
        if args.only and mode != args.only:
            continue
        results[mode] = measure(mode, args.database_url, args.visits)
    print("\ngoals:")
    for mode, (compressed, charts) in results.items():
        weight = "met" if compressed <= BYTES_GOAL else "MISSED"
        drawn = "met" if charts <= CHARTS_GOAL_S else "MISSED"
        print(f"  {mode}: scripts and styles {compressed / 1000:,.0f} KB as served compressed: {weight} (goal 500 KB);")
        print(f"  {mode}: charts drawn under Fast 3G {charts:.2f} s: {drawn} (goal 3 s)")


def session_cookie(env: dict[str, str]) -> str:
    """A signed-in admin's session, made in a separate process on the same database."""
    code = (
        "import django; django.setup(); from django.test import Client; from django.contrib.auth.models import User; "
        "c = Client(); c.force_login(User.objects.get(username='admin')); print(c.cookies['sessionid'].value)"
    )
    found = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return found.stdout.strip().splitlines()[-1]


def fetch(url: str, cookie: str = "", encoding: str = "") -> tuple[bytes, str]:
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    if encoding:
        headers["Accept-Encoding"] = encoding
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:  # loopback
        return response.read(), response.headers.get("Content-Encoding", "")


def assets(html: str) -> list[str]:
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    styles = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    return scripts + styles


def measure_bytes(base: str, cookie: str) -> int:
    html, _ = fetch(base + PAGE, cookie)
    print(f"the page's HTML: {len(html):,} bytes")
    print(f"{'asset':<58}{'raw':>11}{'gzip':>15}{'br':>15}")
    totals = [0, 0, 0, 0]
    for path in assets(html.decode()):
        raw, _ = fetch(base + path)
        gzip, gzip_said = fetch(base + path, encoding="gzip")
        brotli, br_said = fetch(base + path, encoding="br, gzip")
        smallest = min(len(raw), len(gzip), len(brotli))
        for index, size in enumerate((len(raw), len(gzip), len(brotli), smallest)):
            totals[index] += size
        print(f"{path:<58}{len(raw):>11,}{len(gzip):>10,} {gzip_said or '-':<4}{len(brotli):>10,} {br_said or '-':<4}")
    print(f"{'total':<58}{totals[0]:>11,}{totals[1]:>10,}{totals[2]:>15,}")
    print(f"as served compressed to a browser asking for br and gzip: {totals[2]:,} bytes")
    return totals[2]


def first_visit(browser: object, base: str, cookie: str) -> tuple[float, float, int, int]:
    """Seconds until a chart and until every embedded chart are drawn; bytes transferred; requests."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    transferred = {"bytes": 0, "requests": 0}

    def finished(event: dict[str, float]) -> None:
        transferred["bytes"] += int(event["encodedDataLength"])
        transferred["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    conditions = {"offline": False, "latency": LATENCY_MS, "downloadThroughput": DOWN_BITS / 8}
    cdp.send("Network.emulateNetworkConditions", {**conditions, "uploadThroughput": UP_BITS / 8})
    started = time.perf_counter()
    page.goto(base + PAGE, wait_until="commit", timeout=120_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    first_chart = time.perf_counter() - started
    # Polled from here: the page's policy forbids the eval that wait_for_function needs.
    count = (
        "(() => { const charts = [...document.querySelectorAll('.chart[data-figure]')];"
        " return [charts.length, charts.filter((chart) => chart.querySelector('.main-svg')).length]; })()"
    )
    while (found := page.evaluate(count))[0] != found[1] and time.perf_counter() - started < 120:
        time.sleep(0.02)
    every_chart = time.perf_counter() - started
    page.wait_for_load_state("networkidle", timeout=120_000)
    context.close()
    return first_chart, every_chart, transferred["bytes"], transferred["requests"]


def measure(mode: str, database_url: str, visits: int) -> tuple[int, float]:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{PORT}"
    if mode == "production":
        env = {**worker_env(database_url), "DB_CONN_MAX_AGE": "60"}
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        server = start_gunicorn(env, PORT, workers=2)
    else:
        env = debug_env(database_url)
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"]
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(f"{base}/login/")
    try:
        cookie = session_cookie(env)
        print(f"\n== {mode}: {PAGE}", flush=True)
        compressed = measure_bytes(base, cookie)
        fetch(base + PAGE, cookie)  # the server's cache warm for the page's parts
        load = wait_for_quiet()
        print(f"first visits, Fast 3G ({DOWN_BITS / 1e6:.1f} Mbit/s down, {UP_BITS / 1e3:.0f} kbit/s up, "
              f"{LATENCY_MS} ms latency), empty browser cache ({load}):")  # fmt: skip
        firsts, everys = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(visits):
                    first, every, size, requests = first_visit(browser, base, cookie)
                    firsts.append(first)
                    everys.append(every)
                    print(f"  first chart drawn {first:.2f} s, every chart {every:.2f} s, "
                          f"{size:,} bytes transferred in {requests} requests", flush=True)  # fmt: skip
            finally:
                browser.close()
        print(f"  median: first chart {statistics.median(firsts):.2f} s, every chart {statistics.median(everys):.2f} s")
        return compressed, statistics.median(firsts)
    finally:
        stop(server)


if __name__ == "__main__":
    main()
