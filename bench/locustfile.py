"""Locust users for bench/load.py: one class per kind of visitor, run one phase at a time.

The run's data (session cookies, URLs, codes) comes from the JSON file named by LOAD_DATA.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, constant, task

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text())


class Baseline(HttpUser):
    """The trivial view every page's throughput is compared with."""

    wait_time = constant(0)

    @task
    def ping(self):
        self.client.get("/ping", name="ping (baseline)")


class SignedIn(HttpUser):
    abstract = True
    wait_time = constant(0)
    role = ""

    def on_start(self):
        person = random.choice(DATA[self.role])
        self.person = person
        self.client.cookies.set("sessionid", person["session"])


class PeerDashboard(SignedIn):
    role = "peers"

    @task
    def dashboard(self):
        self.client.get("/learn/", name="dashboard")


class PeerLesson(SignedIn):
    role = "peers"

    @task
    def lesson(self):
        self.client.get(random.choice(self.person["lessons"]), name="lesson page")


class PeersReading(SignedIn):
    """20 peers at a reader's pace (2-5 s between pages) rather than back-to-back: the same
    pages, to show what people waiting on them see at realistic concurrency."""

    role = "peers"
    wait_time = between(2, 5)

    @task(3)
    def lesson(self):
        self.client.get(random.choice(self.person["lessons"]), name="lesson page (reading pace)")

    @task(1)
    def dashboard(self):
        self.client.get("/learn/", name="dashboard (reading pace)")


class PublicVerification(HttpUser):
    wait_time = constant(0)

    @task
    def verify(self):
        self.client.get(f"/verify/{random.choice(DATA['codes'])}/", name="verification")


class SupervisorDashboard(SignedIn):
    role = "supervisors"

    @task
    def dashboard(self):
        self.client.get("/supervision/", name="supervisor dashboard")


class HRMatrix(SignedIn):
    role = "hr"

    @task
    def matrix(self):
        self.client.get("/hr/", name="HR matrix")


class QuizSpike(SignedIn):
    """Each simulated peer starts the same quiz once, then answers it."""

    role = "spike_peers"

    def wait_time(self):
        # Once its peer is done the user idles: looping with no wait would spin a CPU core
        # in locust, taken from the server on this 2-core machine, and skew the spike.
        return 3600 if self.done else 0

    def on_start(self):
        self.person = DATA["spike_peers"].pop() if DATA["spike_peers"] else None
        if self.person:
            self.client.cookies.set("sessionid", self.person["session"])
            self.client.cookies.set("csrftoken", self.person["csrf"])
        self.done = self.person is None

    @task
    def start_and_submit(self):
        if self.done:
            return
        self.done = True
        headers = {"X-CSRFToken": self.person["csrf"], "Referer": self.host + "/"}
        start = self.client.post(
            f"/learn/quizzes/{DATA['spike_quiz']}/start/",
            headers=headers,
            name="quiz start",
            allow_redirects=False,
        )
        if start.status_code != 302:
            return
        attempt_url = start.headers["Location"]
        self.client.get(attempt_url, name="quiz attempt page")
        self.client.post(
            attempt_url,
            data={f"q_{qid}": choices[0] for qid, choices in DATA["spike_answers"].items()},
            headers=headers,
            name="quiz submit",
            allow_redirects=False,
        )
