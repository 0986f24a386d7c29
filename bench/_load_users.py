"""The people of bench/load.py, as locust users (run by locust, never by `make bench`).

    BENCH_LOAD_PLAN=/tmp/plan.json .venv/bin/python -m locust -f bench/_load_users.py --headless

The plan (written by bench/load.py after seeding) names the two servers, the pages and the
accounts. Each user is given one of the servers in turn, so the users are spread over both
Daphne processes without a proxy. Every request states the status it expects (redirects are
not followed): anything else, a JSON answer that says no, or a websocket error is a failure,
and failures are what load.py counts as errors.

- Reader (anonymous): home, the case-study index (with or without a facet), case-study pages,
  the curricula, a curriculum, the course page, the forums and a topic page.
- Searcher (anonymous): the search page and the search API, and search-as-you-type.
- Learner: signs in through the allauth form (with its CSRF token), then works through the
  course: opens the next lesson, sends a progress heartbeat, marks it complete, or answers its
  quiz (wrong now and then, then right) as static/js/lesson.js does (the form's fields,
  ``Accept: application/json``); now and then the dashboard and the course page.
- Forum user: signs in, reads a topic page, keeps that topic's websocket open (the session
  cookie, an Origin matching the host, ``?after=<data-last-seq>``, a ping every 25 s as
  static/js/forum-live.js does) and posts replies over it, at most one every 7 s (the
  production limit is 10 a minute). ``ws post → ack`` (until the ``posted`` answer) and
  ``ws post → event`` (until the broadcast event carrying the post) are reported as requests.
"""

import itertools
import json
import os
import random
import re
import time
import uuid

import gevent
import websocket
from gevent.event import AsyncResult
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_LOAD_PLAN"]).read())  # noqa: SIM115, PTH123
_host_turn = itertools.count()
_account_turn = itertools.count()
LAST_SEQ = re.compile(r'data-last-seq="(\d+)"')
ALERT = re.compile(r'role="alert">(.*?)</div>', re.S)
POST_EVERY = 7.0  # seconds between one user's posts
ACK_TIMEOUT = 15.0
PING_EVERY = 25.0

# Websocket counts no single request shows, written out when locust stops.
WS = {
    "connections": 0,
    "connect_errors": 0,
    "unexpected_closes": 0,
    "events_received": 0,
    "error_messages": 0,
    "ack_timeouts": 0,
}


# The page cache's answers (X-Page-Cache: hit, miss...) to the GETs that went through it.
PAGE_CACHE = {}


@events.quitting.add_listener
def _write_counts(**kwargs):
    path = os.environ.get("BENCH_LOAD_WS_STATS")
    if path:
        with open(path, "w") as out:  # noqa: PTH123
            json.dump({**WS, "page_cache": PAGE_CACHE}, out)


def _fire(user, name, started, exception=None, length=0):
    user.environment.events.request.fire(
        request_type="WS",
        name=name,
        response_time=(time.perf_counter() - started) * 1000,
        response_length=length,
        exception=exception,
        context={},
    )


class _User(HttpUser):
    abstract = True

    def __init__(self, environment):
        # Before HttpUser makes its session: this user's server, in turn.
        turn = next(_host_turn)
        self.host = PLAN["hosts"][turn % len(PLAN["hosts"])]
        super().__init__(environment)
        if PLAN["client_addresses"]:
            # Each person from an address of their own, as the production proxy reports it
            # (the servers run with DJANGO_NUM_PROXIES=1): per-address limits apply per person.
            self.client.headers["X-Forwarded-For"] = f"10.77.{turn // 250}.{turn % 250 + 1}"

    def get(self, path, name, expect=200, **kwargs):
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            status = response.headers.get("X-Page-Cache")
            if status:
                PAGE_CACHE[status] = PAGE_CACHE.get(status, 0) + 1
            if response.status_code != expect:
                where = response.headers.get("Location", "")
                response.failure(f"{response.status_code} (expected {expect}) {where}".strip())
            return response

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def sign_in(self):
        self.account = PLAN["accounts"][next(_account_turn) % len(PLAN["accounts"])]
        self.get(PLAN["login"], "sign in (form)")
        with self.client.post(
            PLAN["login"],
            data={
                "login": self.account,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.csrf(),
            },
            headers={"Referer": self.host + PLAN["login"]},
            name="sign in (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/accounts/" in response.headers.get("Location", ""):
                found = ALERT.search(response.text or "")
                why = re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""
                response.failure(f"sign-in refused: {response.status_code} {why}".strip())

    def post_json(self, path, name, data):
        """A form posted as lesson.js does: the form's fields, answered in JSON."""
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": self.csrf()},
            headers={
                "Accept": "application/json",
                "X-CSRFToken": self.csrf(),
                "Referer": self.host + path,
            },
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            try:
                payload = response.json()
            except ValueError:
                payload = None
            if response.status_code != 200 or not isinstance(payload, dict) or not payload["ok"]:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            return payload


class Reader(_User):
    weight = 10
    wait_time = between(1, 4)

    @task(3)
    def home(self):
        self.get("/en/", "/en/ (home)")

    @task(3)
    def case_study_index(self):
        facet = random.choice(PLAN["facets"])
        name = "/en/case-studies/?<facet>" if facet else "/en/case-studies/"
        self.get(PLAN["case_study_index"] + facet, name)

    @task(4)
    def case_study(self):
        self.get(random.choice(PLAN["case_studies"]), "case-study page")

    @task(1)
    def curricula(self):
        self.get(PLAN["curriculum_index"], "/en/curricula/")

    @task(1)
    def curriculum(self):
        self.get(PLAN["curriculum"], "curriculum page")

    @task(2)
    def course(self):
        self.get(PLAN["course"], "course page")

    @task(1)
    def forums(self):
        self.get(PLAN["forum_index"], "/en/forums/")

    @task(2)
    def topic(self):
        self.get(random.choice(PLAN["topics"])["url"], "forum topic page")


class Searcher(_User):
    weight = 3
    wait_time = between(2, 6)

    @task(2)
    def page(self):
        self.get(f"/en/search/?q={random.choice(PLAN['words'])}", "/en/search/?q=")

    @task(2)
    def api(self):
        response = self.get(f"/api/search/?q={random.choice(PLAN['words'])}", "/api/search/?q=")
        if response.status_code == 200 and "results" not in response.text[:2000]:
            response.failure("no results key")

    @task(1)
    def suggest(self):
        self.get(
            f"/api/search/suggest/?q={random.choice(PLAN['words'])[:3]}", "/api/search/suggest/"
        )


class Learner(_User):
    weight = 4
    wait_time = between(3, 8)  # reading a lesson

    def on_start(self):
        self.sign_in()
        self.position = random.randrange(len(PLAN["lessons"]))

    @task(6)
    def study(self):
        lesson = PLAN["lessons"][self.position % len(PLAN["lessons"])]
        self.position += 1
        self.get(lesson["url"], "lesson page")
        self.post_json(lesson["progress"], "lesson progress (heartbeat)", {"seconds": "30"})
        quiz = lesson["quiz"]
        if quiz is None:
            payload = self.post_json(lesson["complete"], "lesson complete", {})
            if payload is not None and not payload["lesson_completed"]:
                self.environment.events.request.fire(
                    request_type="CHECK",
                    name="lesson complete",
                    response_time=0,
                    response_length=0,
                    exception=AssertionError("the lesson was not completed"),
                    context={},
                )
            return
        if random.random() < 0.3:
            self.post_json(quiz["submit"], "quiz submit", quiz["wrong"])
        payload = self.post_json(quiz["submit"], "quiz submit", quiz["right"])
        if payload is not None and not payload["passed"]:
            self.environment.events.request.fire(
                request_type="CHECK",
                name="quiz submit",
                response_time=0,
                response_length=0,
                exception=AssertionError("right answers did not pass"),
                context={},
            )

    @task(1)
    def dashboard(self):
        self.get("/en/me/learning/", "/en/me/learning/ (dashboard)")

    @task(1)
    def course(self):
        self.get(PLAN["course"], "course page (signed in)")


class ForumUser(_User):
    weight = 3
    wait_time = between(2, 6)

    def on_start(self):
        self.sign_in()
        self.topic = PLAN["topics"][random.randrange(len(PLAN["topics"]))]
        self.ws = None
        self.last_seq = 0
        self.last_post = 0.0
        self.waiting = {}  # client_key -> (AsyncResult for the ack, started, event seen)
        self.reader = None
        self.pinger = None
        response = self.get(self.topic["url"], "forum topic page (signed in)")
        found = LAST_SEQ.search(response.text or "")
        self.last_seq = int(found.group(1)) if found else 0
        self.connect()

    def on_stop(self):
        for greenlet in (self.pinger, self.reader):
            if greenlet is not None:
                greenlet.kill(block=False)
        ws, self.ws = self.ws, None  # first: the reader must not count this close
        if ws is not None:
            ws.close()

    def connect(self):
        url = (
            self.host.replace("http://", "ws://")
            + f"/ws/forums/topics/{self.topic['id']}/?after={self.last_seq}&lang=en"
        )
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.client.cookies)
        started = time.perf_counter()
        try:
            ws = websocket.create_connection(
                url, cookie=cookies, origin=self.host, timeout=30, enable_multithread=True
            )
            # Connected means replayed up to now: the server says "synced".
            while True:
                message = json.loads(ws.recv())
                if message.get("type") == "event":
                    self.last_seq = max(self.last_seq, message["seq"])
                elif message.get("type") == "synced":
                    break
        except Exception as error:  # noqa: BLE001 (every failure is counted)
            WS["connect_errors"] += 1
            _fire(self, "ws connect (until synced)", started, exception=error)
            self.ws = None
            return
        ws.settimeout(None)
        WS["connections"] += 1
        _fire(self, "ws connect (until synced)", started)
        self.ws = ws
        self.reader = gevent.spawn(self.read, ws)
        if self.pinger is None:
            self.pinger = gevent.spawn(self.ping)

    def read(self, ws):
        while True:
            try:
                text = ws.recv()
            except Exception:  # noqa: BLE001 (the socket is gone)
                text = None
            if not text:
                if self.ws is ws:  # not closed by us
                    WS["unexpected_closes"] += 1
                    self.ws = None
                return
            message = json.loads(text)
            kind = message.get("type")
            if kind == "event":
                WS["events_received"] += 1
                self.last_seq = max(self.last_seq, message["seq"])
                for key, (_ack, started, seen) in list(self.waiting.items()):
                    if not seen.ready() and key in text:
                        _fire(self, "ws post → event", started, length=len(text))
                        seen.set(True)
            elif kind == "posted":
                waiting = self.waiting.get(message.get("client_key"))
                if waiting:
                    waiting[0].set(message)
            elif kind == "error":
                WS["error_messages"] += 1
                waiting = self.waiting.get(message.get("client_key"))
                if waiting:
                    waiting[0].set(message)

    def ping(self):
        while True:
            gevent.sleep(PING_EVERY)
            if self.ws is not None:
                try:
                    self.ws.send(json.dumps({"type": "ping"}))
                except Exception:  # noqa: BLE001, S110 (the reader counts the close)
                    pass

    @task(3)
    def read_topic(self):
        self.get(self.topic["url"], "forum topic page (signed in)")

    @task(4)
    def post(self):
        if time.monotonic() - self.last_post < POST_EVERY:
            return self.read_topic()
        if self.ws is None:
            self.connect()
            if self.ws is None:
                return None
        self.last_post = time.monotonic()
        key = uuid.uuid4().hex[:16]
        word = random.choice(PLAN["words"])
        body = f"On {word}: what worked for us ({key}) was talking to the farmers first."
        ack, seen = AsyncResult(), AsyncResult()
        started = time.perf_counter()
        self.waiting[key] = (ack, started, seen)
        try:
            self.ws.send(json.dumps({"type": "post", "body": body, "client_key": key}))
            message = ack.get(timeout=ACK_TIMEOUT)
        except gevent.Timeout:
            WS["ack_timeouts"] += 1
            _fire(self, "ws post → ack", started, exception=TimeoutError("no ack"))
            return None
        except Exception as error:  # noqa: BLE001
            _fire(self, "ws post → ack", started, exception=error)
            return None
        if message.get("type") != "posted":
            _fire(self, "ws post → ack", started, exception=RuntimeError(str(message)[:200]))
            self.waiting.pop(key, None)
            return None
        _fire(self, "ws post → ack", started)
        try:
            seen.get(timeout=ACK_TIMEOUT)
        except gevent.Timeout:
            _fire(self, "ws post → event", started, exception=TimeoutError("no event"))
        self.waiting.pop(key, None)
        return None
