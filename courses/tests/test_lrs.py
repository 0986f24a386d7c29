"""Forwarding statements to an external Learning Record Store, against a real HTTP server
started by the test: what arrives (headers, credentials, body), retries with backoff when the
LRS fails, and that a learner's request never waits for it nor fails because of it."""

import base64
import datetime
import io
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import lrs, services
from courses.models import LearningStatement
from courses.tests.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class FakeLRS:
    """An LRS on 127.0.0.1 that records what it receives and answers ``status``."""

    def __init__(self):
        self.requests = []
        self.status = 200
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = fake.status
                payload = b"[]" if status == 200 else b'{"error": "nope"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def statements(self):
        return [statement for request in self.requests for statement in json.loads(request["body"])]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_lrs():
    server = FakeLRS()
    yield server
    server.close()


def _closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/xapi"


def _lrs(url, **extra):
    return override_settings(
        XAPI_LRS_URL=url, XAPI_LRS_USERNAME="key", XAPI_LRS_PASSWORD="s3cret:ü", **extra
    )


@pytest.fixture
def lesson():
    course = CoursePageFactory()
    module = ModulePageFactory(parent=course)
    first = LessonPageFactory(parent=module)
    LessonPageFactory(parent=module)
    course.refresh_from_db()
    return first


def _learn(user, lesson):
    course = lesson.get_parent().get_parent().specific
    services.enrollment_create(user=user, course=course)
    services.lesson_open(user=user, lesson=lesson)
    services.lesson_complete(user=user, lesson=lesson)


def test_statements_arrive_with_the_right_headers_credentials_and_body(fake_lrs, learner, lesson):
    _learn(learner, lesson)
    stored = list(LearningStatement.objects.order_by("timestamp"))
    with _lrs(fake_lrs.url):
        result = lrs.forward_pending()
    assert result.sent == len(stored) and result.failed == 0
    [request] = fake_lrs.requests
    assert request["path"] == "/xapi/statements"
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["x-experience-api-version"] == "1.0.3"
    assert headers["content-type"] == "application/json"
    assert headers["authorization"] == "Basic " + base64.b64encode("key:s3cret:ü".encode()).decode(
        "ascii"
    )
    received = fake_lrs.statements()
    assert [s["id"] for s in received] == [str(s.statement_id) for s in stored]
    assert received[0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert not LearningStatement.objects.filter(forwarded_at__isnull=True).exists()
    # Nothing is sent twice.
    with _lrs(fake_lrs.url):
        assert lrs.forward_pending().sent == 0
    assert len(fake_lrs.requests) == 1


def test_a_failing_lrs_leaves_statements_pending_with_backoff(fake_lrs, learner, lesson):
    _learn(learner, lesson)
    count = LearningStatement.objects.count()
    fake_lrs.status = 503
    start = timezone.now()
    with _lrs(fake_lrs.url):
        result = lrs.forward_pending(now=start)
    assert result.failed == count and result.sent == 0
    assert "503" in result.error
    for statement in LearningStatement.objects.all():
        assert statement.forwarded_at is None
        assert statement.forward_attempts == 1
        assert "HTTP 503" in statement.last_error
        assert statement.next_attempt_at == start + datetime.timedelta(minutes=1)
    # Not due yet: nothing is tried again.
    with _lrs(fake_lrs.url):
        assert lrs.forward_pending(now=start + datetime.timedelta(seconds=30)).failed == 0
    assert len(fake_lrs.requests) == 1

    # Due: tried again, fails again, waits twice as long.
    later = start + datetime.timedelta(minutes=2)
    with _lrs(fake_lrs.url):
        lrs.forward_pending(now=later)
    statement = LearningStatement.objects.first()
    assert statement.forward_attempts == 2
    assert statement.next_attempt_at == later + datetime.timedelta(minutes=2)

    # The LRS is back: the next run sends them all.
    fake_lrs.status = 204
    with _lrs(fake_lrs.url):
        result = lrs.forward_pending(now=timezone.now() + datetime.timedelta(hours=1))
    assert result.sent == count
    assert not LearningStatement.objects.filter(forwarded_at__isnull=True).exists()
    assert LearningStatement.objects.filter(last_error="").count() == count


def test_a_conflict_means_the_lrs_has_them_already(fake_lrs, learner, lesson):
    _learn(learner, lesson)
    fake_lrs.status = 409
    with _lrs(fake_lrs.url):
        assert lrs.forward_pending().sent == LearningStatement.objects.count()
    assert not LearningStatement.objects.filter(forwarded_at__isnull=True).exists()


def test_backoff_doubles_up_to_six_hours():
    minutes = [lrs.backoff(n).total_seconds() / 60 for n in range(1, 12)]
    assert minutes[:5] == [1, 2, 4, 8, 16]
    assert minutes[-1] == 360
    assert lrs.backoff(1000) == datetime.timedelta(hours=6)


def test_batches_are_oldest_first_and_limited(fake_lrs, learner, lesson):
    _learn(learner, lesson)
    count = LearningStatement.objects.count()
    assert count >= 3
    with _lrs(fake_lrs.url):
        assert lrs.forward_pending(limit=2).sent == 2
        assert lrs.forward_all(limit=2).sent == count - 2
    oldest = list(
        LearningStatement.objects.order_by("timestamp", "id").values_list("statement_id", flat=True)
    )
    assert [s["id"] for s in fake_lrs.statements()] == [str(pk) for pk in oldest]


def test_the_learner_request_succeeds_when_the_lrs_is_down(
    learner, lesson, django_capture_on_commit_callbacks
):
    """The LRS refuses connections: completing a lesson still works and is recorded (even
    forwarding in the committing thread, XAPI_LRS_SYNC); the statements wait for the next
    run."""
    course = lesson.get_parent().get_parent().specific
    with _lrs(_closed_port_url(), XAPI_LRS_SYNC=True):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.enrollment_create(user=learner, course=course)
            progress = services.lesson_complete(user=learner, lesson=lesson)
    assert callbacks  # forwarding was attempted after each commit
    assert progress.is_completed
    statements = LearningStatement.objects.all()
    assert statements.count() == 2
    for statement in statements:
        assert statement.forwarded_at is None and statement.forward_attempts >= 1
        assert "refused" in statement.last_error.lower()


def test_statements_are_forwarded_after_the_learners_transaction_commits(
    fake_lrs, learner, lesson, django_capture_on_commit_callbacks
):
    course = lesson.get_parent().get_parent().specific
    with _lrs(fake_lrs.url, XAPI_LRS_SYNC=True):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.enrollment_create(user=learner, course=course)
        assert callbacks and fake_lrs.requests == []  # nothing before the commit
        with django_capture_on_commit_callbacks(execute=True):
            services.lesson_complete(user=learner, lesson=lesson)
    assert {s["id"] for s in fake_lrs.statements()} == {
        str(pk) for pk in LearningStatement.objects.values_list("statement_id", flat=True)
    }


def test_background_forwarding_queues_one_run_per_commit(
    monkeypatch, fake_lrs, learner, lesson, django_capture_on_commit_callbacks
):
    """Without XAPI_LRS_SYNC the run goes to the single background thread, and the statements
    of one transaction queue one run. (A fake executor stands in for the thread, which would
    use its own database connection, outside the test's transaction.)"""
    queued = []

    class Deferred:
        def submit(self, function):
            queued.append(function)

    monkeypatch.setattr(lrs, "_get_executor", lambda: Deferred())
    course = lesson.get_parent().get_parent().specific
    first, last = course.get_children().first().get_children().specific()
    services.enrollment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=first)
    with _lrs(fake_lrs.url), django_capture_on_commit_callbacks(execute=True) as callbacks:
        # The lesson, its module and the course complete: three statements, one transaction.
        services.lesson_complete(user=learner, lesson=last)
    assert len(callbacks) == 3
    assert len(queued) == 1 and fake_lrs.requests == []
    # The worker thread closes its own connection after a run; here it is the test's.
    monkeypatch.setattr(lrs.connections, "close_all", lambda: None)
    with _lrs(fake_lrs.url):
        queued[0]()
    assert not LearningStatement.objects.filter(forwarded_at__isnull=True).exists()
    assert not lrs._queued.is_set()


def test_nothing_happens_without_an_lrs(learner, lesson, django_capture_on_commit_callbacks):
    with override_settings(XAPI_LRS_URL=""):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            _learn(learner, lesson)
        assert callbacks == []
        assert lrs.forward_pending().sent == 0
        with pytest.raises(CommandError):
            call_command("xapi_forward", "--once")


def test_a_broken_address_is_reported_not_raised(learner, lesson):
    _learn(learner, lesson)
    with override_settings(XAPI_LRS_URL="ftp://lrs.example.org"):
        result = lrs.forward_pending()
    assert result.failed and "http" in result.error
    assert LearningStatement.objects.filter(forward_attempts=1).exists()


def test_the_worker_command_sends_and_reports(fake_lrs, learner, lesson):
    _learn(learner, lesson)
    count = LearningStatement.objects.count()
    out = io.StringIO()
    with _lrs(fake_lrs.url):
        call_command("xapi_forward", "--once", "--batch", "2", stdout=out)
        assert f"{count} sent, 0 still pending" in out.getvalue()
        out = io.StringIO()
        call_command("xapi_forward", "--once", stdout=out)
        assert "Nothing to send." in out.getvalue()
    fake_lrs.status = 500
    _learn(learner, LessonPageFactory(parent=lesson.get_parent()))
    out = io.StringIO()
    with _lrs(fake_lrs.url):
        call_command("xapi_forward", "--once", stdout=out)
    assert "0 sent" in out.getvalue() and "HTTP 500" in out.getvalue()


def test_the_background_thread_forwards_after_the_commit(
    monkeypatch, fake_lrs, lesson, django_capture_on_commit_callbacks
):
    """The real thing, but for the connection: the learner's transaction commits, the
    background thread sends the statements a moment later. (On the site the thread has a
    connection of its own; here it borrows the test's, which alone sees the test's data.)"""
    from concurrent.futures import ThreadPoolExecutor

    main = connections["default"]
    main.inc_thread_sharing()
    threads = []

    def borrow():
        connections["default"] = main
        threads.append(threading.current_thread().name)

    executor = ThreadPoolExecutor(max_workers=1, initializer=borrow)
    monkeypatch.setattr(lrs, "_get_executor", lambda: executor)
    monkeypatch.setattr(lrs.connections, "close_all", lambda: None)
    learner = UserFactory()
    try:
        with _lrs(fake_lrs.url):
            with django_capture_on_commit_callbacks(execute=True):
                _learn(learner, lesson)
            executor.shutdown(wait=True)  # the runs queued by the commits are done
    finally:
        main.dec_thread_sharing()
    assert threads and threads[0] != threading.current_thread().name
    assert {s["id"] for s in fake_lrs.statements()} == {
        str(pk) for pk in LearningStatement.objects.values_list("statement_id", flat=True)
    }
    assert not LearningStatement.objects.filter(forwarded_at__isnull=True).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks (SKIP LOCKED) need PostgreSQL"
)
def test_workers_lock_their_batch_and_skip_the_others(fake_lrs, learner, lesson):
    """Several workers may run at once: each takes its batch with FOR UPDATE SKIP LOCKED and
    keeps it locked while sending, so no two send the same statement."""
    _learn(learner, lesson)
    with _lrs(fake_lrs.url), CaptureQueriesContext(connection) as queries:
        lrs.forward_pending(limit=2)
    [select] = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert "SKIP LOCKED" in select and "LIMIT 2" in select


def test_the_worker_runs_until_stopped(monkeypatch, fake_lrs, learner, lesson):
    from courses.management.commands import xapi_forward

    naps = []

    def nap(seconds):
        naps.append(seconds)
        raise KeyboardInterrupt  # stop the loop after its first round

    monkeypatch.setattr(xapi_forward, "time", SimpleNamespace(sleep=nap))
    monkeypatch.setattr(xapi_forward, "close_old_connections", lambda: None)
    _learn(learner, lesson)
    out = io.StringIO()
    with _lrs(fake_lrs.url), pytest.raises(KeyboardInterrupt):
        call_command("xapi_forward", "--interval", "5", stdout=out)
    assert naps == [5.0]
    assert "sent, 0 still pending" in out.getvalue()
    assert not LearningStatement.objects.filter(forwarded_at__isnull=True).exists()
