"""Concurrent sibling saves: N officers saving villages of the same kecamatan for 60 s, then every total checked.

    .venv/bin/python bench/sibling_saves.py                       # 10 clients, 60 s, gunicorn, PostgreSQL
    .venv/bin/python bench/sibling_saves.py --clients 10 --seconds 60 --workers 5

Loopback only, bounded in time. It creates its own PostgreSQL database
(ucj_bench_saves), loads the demo, starts gunicorn on 127.0.0.1 and runs N
client threads. Each signs in and, in a loop, opens the entry grid of a
kecamatan of Kab. Solok or Kota Binjai and saves one village (its own, so the
villages are siblings whose parents every client recomputes). Afterwards it
compares every stored total with a recomputation from the raw rows and prints
saves per second and how many totals are wrong (the answer must be 0).
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the project, for the check at the end
from common import (  # bench/ is not a package: its folder is on the path
    recreate_postgres_database,
    wait_until_up,
    worker_env,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "ucj_bench_saves"
PASSWORD = "demo-ucj-2025"
# Kecamatan whose villages the clients save, alternately: Kab. Solok's and Kota Binjai's.
KECAMATAN = ["13.02.10", "12.75.01"]


class Officer:
    """One client with its own session, saving one village over and over with values 10 % apart."""

    def __init__(self, base: str, kecamatan: str, village: str, month: datetime.date) -> None:
        self.base, self.kecamatan, self.village, self.month = base, kecamatan, village, month
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.saves = self.errors = self.conflicts = 0

    def _open(self, path: str, data: dict[str, str] | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=60) as response:  # our own server, on loopback
            return response.read().decode()

    def _csrf(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            raise RuntimeError("no CSRF token on the page")
        return found.group(1)

    def sign_in(self) -> None:
        page = self._open("/login/")
        self._open("/login/", {"csrfmiddlewaretoken": self._csrf(page), "username": "admin", "password": PASSWORD})

    def save_until(self, deadline: float) -> None:
        path = f"/entry/{self.month:%Y-%m}/?region={self.kecamatan}"
        value = 100
        while time.monotonic() < deadline:
            try:
                page = self._open(path)
                found = re.search(rf'name="{re.escape(self.village)}-version" value="(\d+)"', page)
                if found is None:
                    raise RuntimeError(f"no row for {self.village} on the grid")
                version = found.group(1)
                value = 110 if value == 100 else 100
                answer = self._open(
                    path,
                    {
                        "csrfmiddlewaretoken": self._csrf(page),
                        f"{self.village}-version": version,
                        f"{self.village}-participants": str(value),
                    },
                )
                if "perlu perhatian" in answer or "need your attention" in answer:
                    self.conflicts += 1
                else:
                    self.saves += 1
            except Exception:  # counted, and the loop goes on: the bench measures, the check below judges
                self.errors += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    database_url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    recreate_postgres_database(DATABASE)
    env = {**worker_env(database_url), "DB_CONN_MAX_AGE": "60"}
    for command in (["collectstatic", "--noinput"], ["demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    os.environ.update(env)
    import django

    django.setup()
    from regions.models import Region

    villages = {
        kecamatan: list(Region.objects.filter(parent_id=kecamatan).order_by("code").values_list("code", flat=True))
        for kecamatan in KECAMATAN
    }
    month = datetime.date.today().replace(day=1)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "ucj.wsgi:application", "--bind", f"127.0.0.1:{args.port}", "--workers",
         str(args.workers), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(base + "/login/")
        officers = []
        for index in range(args.clients):
            kecamatan = KECAMATAN[index % len(KECAMATAN)]
            village = villages[kecamatan][index // len(KECAMATAN)]
            officer = Officer(base, kecamatan, village, month)
            officer.sign_in()
            officers.append(officer)
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=officer.save_until, args=(deadline,)) for officer in officers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    wrong = totals_wrong()
    saves = sum(officer.saves for officer in officers)
    print(f"{args.clients} clients, {args.seconds} s, gunicorn with {args.workers} workers, database {DATABASE}")
    print(f"saves: {saves}, per second: {saves / args.seconds:.1f}")
    print(f"rows needing attention: {sum(o.conflicts for o in officers)}, errors: {sum(o.errors for o in officers)}")
    print(f"totals wrong after the run: {wrong}")


def totals_wrong() -> int:
    """Every stored month total and baseline total set against a recomputation from the raw rows."""
    from regions import rollups
    from regions.models import BaselineTotal, Enrolment, RollupTotal

    wrong = 0
    for month in Enrolment.objects.values_list("month", flat=True).distinct():
        expected = {
            code: tuple(getattr(rollups.row_from_total(code, month, total), name) for name in rollups.TOTAL_FIELDS)
            for code, total in rollups.expected_month_totals(month).items()
        }
        stored = {
            row[0]: row[1:]
            for row in RollupTotal.objects.filter(month=month).values_list("region_id", *rollups.TOTAL_FIELDS)
        }
        wrong += sum(1 for code in set(expected) | set(stored) if expected.get(code) != stored.get(code))
    baselines = {(code, year): value.count for (code, year), value in rollups.expected_baseline_totals().items()}
    stored_baselines = {
        (code, year): count for code, year, count in BaselineTotal.objects.values_list("region_id", "year", "count")
    }
    wrong += sum(1 for key in set(baselines) | set(stored_baselines) if baselines.get(key) != stored_baselines.get(key))
    return wrong


if __name__ == "__main__":
    main()
