"""Officials browsing the dashboards: sign in once, then open pages with a short pause between them.

Used by bench/load.py, against a server on this machine only (loopback).
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, events, task

PAGES = [
    "/",
    "/regions/13/",
    "/regions/13.02/",
    "/regions/13.02.10/",
    "/regions/13.11/",
    "/api/regions/13.02/coverage/",
]


# Every request's name, time (ms) and outcome, for bench/load.py to tell the pages from the sign-in exactly.
TIMES: list[tuple[str, float, bool]] = []


@events.request.add_listener
def remember(name: str, response_time: float, exception: object, **kwargs: object) -> None:
    TIMES.append((name, response_time, exception is None))


@events.quitting.add_listener
def write_times(**kwargs: object) -> None:
    if path := os.environ.get("LOAD_TIMES_FILE"):
        with open(path, "w") as handle:
            json.dump(TIMES, handle)


class Official(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.client.get("/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/login/",
            {
                "username": os.environ.get("LOAD_USER", "admin"),
                "password": os.environ.get("LOAD_PASSWORD", "demo-ucj-2025"),
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/login/"},
            name="login",
        )

    @task
    def browse(self) -> None:
        page = random.choice(PAGES)
        with self.client.get(page, name=page, catch_response=True) as response:
            if response.status_code != 200 or "/login/" in response.url:
                response.failure(f"{response.status_code} at {response.url}")
