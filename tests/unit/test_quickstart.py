"""The 90-day quick start's downloadable examples (docs/guides/code/): each one does what the guide says."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import importlib.util
import inspect
import io
import json
import logging
import random
import re
import socket
import sqlite3
import sys
import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path
from types import ModuleType
from typing import Any

import kubernetes_validate
import promql_parser
import pytest
import yaml
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "docs" / "guides" / "code"
PAGE = ROOT / "docs" / "guides" / "quick-start.md"


def load(name: str) -> ModuleType:
    """Import docs/guides/code/<name>.py under a unique name, so it cannot clash with an installed package."""
    spec = importlib.util.spec_from_file_location(f"quickstart_{name}", CODE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


circuit_breaker = load("circuit_breaker")
retry = load("retry")
rate_limit = load("rate_limit")
health = load("health")
structured_logging = load("structured_logging")
cache = load("cache")
task_queue = load("task_queue")
tracing = load("tracing")


class FakeClock:
    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def boom(exc: BaseException) -> Callable[[], Any]:
    def fail() -> Any:
        raise exc

    return fail


def http_error(code: int, **headers: str) -> urllib.error.HTTPError:
    message = Message()
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return urllib.error.HTTPError("http://example.invalid/", code, "error", message, None)


# --------------------------------------------------------------------------- circuit breaker


def test_breaker_opens_after_the_threshold_and_then_rejects_without_calling() -> None:
    clock = FakeClock()
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=3, reset_timeout=10.0, clock=clock)
    for _ in range(2):
        with pytest.raises(ConnectionError):
            breaker.call(boom(ConnectionError()))
    assert breaker.state is circuit_breaker.State.CLOSED
    with pytest.raises(ConnectionError):
        breaker.call(boom(ConnectionError()))
    assert breaker.state is circuit_breaker.State.OPEN

    calls: list[int] = []
    with pytest.raises(circuit_breaker.CircuitOpenError):
        breaker.call(lambda: calls.append(1))
    assert calls == []


def test_a_success_resets_the_failure_count() -> None:
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=2, clock=FakeClock())
    with pytest.raises(ConnectionError):
        breaker.call(boom(ConnectionError()))
    assert breaker.call(lambda: "ok") == "ok"
    with pytest.raises(ConnectionError):
        breaker.call(boom(ConnectionError()))
    assert breaker.state is circuit_breaker.State.CLOSED


def test_breaker_half_opens_after_the_cool_down_and_closes_on_success() -> None:
    clock = FakeClock()
    changes: list[tuple[str, Any]] = []
    breaker = circuit_breaker.CircuitBreaker(
        "users",
        failure_threshold=1,
        reset_timeout=30.0,
        clock=clock,
        on_state_change=lambda n, s: changes.append((n, s)),
    )
    with pytest.raises(ConnectionError):
        breaker.call(boom(ConnectionError()))
    clock.advance(29.9)
    assert breaker.state is circuit_breaker.State.OPEN
    clock.advance(0.1)
    assert breaker.state is circuit_breaker.State.HALF_OPEN
    assert breaker.call(lambda: 42) == 42
    assert breaker.state is circuit_breaker.State.CLOSED
    s = circuit_breaker.State
    assert changes == [("users", s.OPEN), ("users", s.HALF_OPEN), ("users", s.CLOSED)]


def test_a_failed_trial_reopens_at_once_and_restarts_the_cool_down() -> None:
    clock = FakeClock()
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=5, reset_timeout=10.0, clock=clock)
    for _ in range(5):
        with pytest.raises(TimeoutError):
            breaker.call(boom(TimeoutError()))
    clock.advance(10.0)
    with pytest.raises(TimeoutError):
        breaker.call(boom(TimeoutError()))  # the single trial call
    assert breaker.state is circuit_breaker.State.OPEN
    clock.advance(9.0)
    assert breaker.state is circuit_breaker.State.OPEN


def test_half_open_lets_only_one_trial_through() -> None:
    clock = FakeClock()
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=1, reset_timeout=1.0, clock=clock)
    with pytest.raises(ConnectionError):
        breaker.call(boom(ConnectionError()))
    clock.advance(1.0)

    def trial() -> str:
        # A second caller arriving while the trial is in flight still fails fast.
        with pytest.raises(circuit_breaker.CircuitOpenError):
            breaker.call(lambda: "second")
        return "trial"

    assert breaker.call(trial) == "trial"
    assert breaker.state is circuit_breaker.State.CLOSED


def test_ignored_errors_do_not_trip_the_breaker() -> None:
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=1, ignore=(KeyError,), clock=FakeClock())
    for _ in range(3):
        with pytest.raises(KeyError):
            breaker.call(boom(KeyError("no such user")))
    assert breaker.state is circuit_breaker.State.CLOSED


def open_breaker(breaker: Any, failures: int) -> None:
    for _ in range(failures):
        with pytest.raises(ConnectionError):
            breaker.call(boom(ConnectionError()))


def test_a_late_success_from_before_the_breaker_opened_does_not_close_it() -> None:
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=2, reset_timeout=10.0, clock=FakeClock())

    def slow_success() -> str:
        open_breaker(breaker, 2)  # other requests fail while this one is still in flight
        assert breaker.state is circuit_breaker.State.OPEN
        return "late"

    assert breaker.call(slow_success) == "late"
    assert breaker.state is circuit_breaker.State.OPEN


def test_only_the_half_open_trial_can_close_the_breaker() -> None:
    clock = FakeClock()
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=1, reset_timeout=10.0, clock=clock)

    def admitted_while_closed() -> str:
        open_breaker(breaker, 1)
        clock.advance(10.0)
        assert breaker.state is circuit_breaker.State.HALF_OPEN
        return "stale"

    assert breaker.call(admitted_while_closed) == "stale"
    assert breaker.state is circuit_breaker.State.HALF_OPEN  # the stale success was ignored
    assert breaker.call(lambda: "trial") == "trial"  # and the trial slot is still free
    assert breaker.state is circuit_breaker.State.CLOSED


def test_a_late_failure_from_an_older_state_does_not_reopen_the_breaker() -> None:
    clock = FakeClock()
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=1, reset_timeout=10.0, clock=clock)

    def slow_failure() -> None:
        open_breaker(breaker, 1)
        clock.advance(10.0)
        assert breaker.call(lambda: "trial") == "trial"  # closes the breaker again
        raise TimeoutError("from before the breaker opened")

    with pytest.raises(TimeoutError):
        breaker.call(slow_failure)
    assert breaker.state is circuit_breaker.State.CLOSED


def test_a_trial_ended_by_a_base_exception_frees_the_trial_slot() -> None:
    class Cancelled(BaseException):
        pass

    clock = FakeClock()
    breaker = circuit_breaker.CircuitBreaker("users", failure_threshold=1, reset_timeout=10.0, clock=clock)
    open_breaker(breaker, 1)
    clock.advance(10.0)
    with pytest.raises(Cancelled):
        breaker.call(boom(Cancelled()))
    clock.advance(10.0)
    assert breaker.call(lambda: "next trial") == "next trial"
    assert breaker.state is circuit_breaker.State.CLOSED


def test_the_state_change_callback_runs_outside_the_lock_and_in_order() -> None:
    clock = FakeClock()
    seen: list[tuple[Any, Any]] = []
    breaker = circuit_breaker.CircuitBreaker(
        "users",
        failure_threshold=1,
        reset_timeout=10.0,
        clock=clock,
        on_state_change=lambda name, state: seen.append((state, breaker.state)),  # reads .state: no deadlock
    )

    def cycle() -> None:
        open_breaker(breaker, 1)
        clock.advance(10.0)
        breaker.call(lambda: None)

    worker = threading.Thread(target=cycle, daemon=True)
    worker.start()
    worker.join(5.0)
    assert not worker.is_alive(), "the callback deadlocked on the breaker's lock"
    s = circuit_breaker.State
    assert seen == [(s.OPEN, s.OPEN), (s.HALF_OPEN, s.HALF_OPEN), (s.CLOSED, s.CLOSED)]


def test_the_open_gauge_stays_at_1_while_a_dependency_stays_down() -> None:
    clock = FakeClock()
    gauge: list[int] = []
    breaker = circuit_breaker.CircuitBreaker(
        "users",
        failure_threshold=1,
        reset_timeout=10.0,
        clock=clock,
        on_state_change=lambda name, state: gauge.append(circuit_breaker.open_gauge_value(state)),
    )
    open_breaker(breaker, 1)
    for _ in range(2):  # open -> half-open -> failed trial -> open, twice
        clock.advance(10.0)
        open_breaker(breaker, 1)
    assert gauge == [1, 1, 1, 1, 1]  # never 0, so the alert's `for: 5m` keeps counting
    clock.advance(10.0)
    breaker.call(lambda: None)
    assert gauge[-1] == 0


def test_get_user_calls_a_valid_url_and_degrades_when_the_call_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    urls: list[str] = []

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        urls.append(url)
        assert timeout > 0
        if url.endswith("/7"):
            return io.BytesIO(b'{"id": 7, "name": "Ada"}')
        raise urllib.error.URLError("connection refused")

    monkeypatch.setattr(circuit_breaker, "users_breaker", circuit_breaker.CircuitBreaker("user-service"))
    monkeypatch.setattr(circuit_breaker.urllib.request, "urlopen", fake_urlopen)
    assert circuit_breaker.get_user(7) == {"id": 7, "name": "Ada"}
    assert circuit_breaker.get_user(8) == {"id": 8, "name": None, "degraded": True}
    assert urls == ["http://user-service:8080/users/7", "http://user-service:8080/users/8"]


def test_get_user_treats_4xx_as_an_answer_not_as_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    codes: list[int] = []

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        raise http_error(codes.pop(0))

    monkeypatch.setattr(circuit_breaker.urllib.request, "urlopen", fake_urlopen)
    breaker = circuit_breaker.users_breaker  # the module's own breaker, with its own `ignore`
    codes.extend([404] * 10)
    assert [circuit_breaker.get_user(1) for _ in range(10)] == [None] * 10  # missing, not degraded
    assert breaker.state is circuit_breaker.State.CLOSED  # ten 404s did not open it
    codes.append(403)
    with pytest.raises(circuit_breaker.ClientError):
        circuit_breaker.get_user(1)  # a bug on our side is not hidden behind a placeholder
    codes.extend([503, 429])
    assert circuit_breaker.get_user(1) == circuit_breaker.get_user(1) == {"id": 1, "name": None, "degraded": True}
    assert breaker.state is circuit_breaker.State.CLOSED
    assert breaker.call(lambda: "reset") == "reset"  # leave the shared breaker with no failures counted


# --------------------------------------------------------------------------- retry


def flaky(failures: list[Exception], result: Any = "done") -> Callable[[], Any]:
    calls = iter(failures)

    def fn() -> Any:
        exc = next(calls, None)
        if exc is not None:
            raise exc
        return result

    return fn


def test_retry_succeeds_after_transient_failures_with_jittered_delays() -> None:
    sleeps: list[float] = []
    policy = retry.RetryPolicy(max_attempts=3, base_delay=0.5, max_delay=10.0)
    wrapped = retry.retry(policy, sleep=sleeps.append, uniform=random.Random(7).uniform)(
        flaky([ConnectionError(), TimeoutError()])
    )
    assert wrapped() == "done"
    assert len(sleeps) == 2
    assert 0.0 <= sleeps[0] <= 0.5
    assert 0.0 <= sleeps[1] <= 1.0


def test_retry_delays_stay_within_the_capped_exponential_bounds() -> None:
    sleeps: list[float] = []
    policy = retry.RetryPolicy(max_attempts=8, base_delay=0.1, max_delay=1.0)
    error = ConnectionError("still down")
    wrapped = retry.retry(policy, sleep=sleeps.append, uniform=random.Random(42).uniform)(boom(error))
    with pytest.raises(ConnectionError) as raised:
        wrapped()
    assert raised.value is error  # the original error, not a wrapper
    assert len(sleeps) == 7  # no sleep after the last attempt
    for n, delay in enumerate(sleeps, start=1):
        assert 0.0 <= delay <= min(1.0, 0.1 * 2 ** (n - 1))
    assert len(set(sleeps)) == len(sleeps)  # jittered, not a fixed schedule


def test_the_jitter_range_is_zero_to_the_cap() -> None:
    ranges: list[tuple[float, float]] = []

    def upper(low: float, high: float) -> float:
        ranges.append((low, high))
        return high

    sleeps: list[float] = []
    policy = retry.RetryPolicy(max_attempts=6, base_delay=0.1, max_delay=1.0)
    with pytest.raises(TimeoutError):
        retry.retry(policy, sleep=sleeps.append, uniform=upper)(boom(TimeoutError()))()
    assert sleeps == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.0])
    assert all(low == 0.0 for low, _ in ranges)  # full jitter starts at zero


def test_retry_does_not_retry_other_errors() -> None:
    sleeps: list[float] = []
    calls: list[int] = []

    def bad_request() -> None:
        calls.append(1)
        raise ValueError("invalid currency")

    with pytest.raises(ValueError):
        retry.retry(retry.RetryPolicy(max_attempts=5), sleep=sleeps.append)(bad_request)()
    assert calls == [1]
    assert sleeps == []


def test_a_retry_after_from_the_server_sets_the_minimum_wait() -> None:
    sleeps: list[float] = []
    policy = retry.RetryPolicy(max_attempts=3, base_delay=0.1, max_delay=1.0, max_retry_after=10.0)
    too_many = retry.TransientHTTPError("rates-service answered 429", retry_after=3.0)
    wrapped = retry.retry(policy, sleep=sleeps.append, uniform=lambda low, high: high)(flaky([too_many]))
    assert wrapped() == "done"
    assert sleeps == [3.0]  # what the server asked for, not the 0.1 s backoff


def test_a_retry_after_longer_than_the_cap_is_not_waited_for() -> None:
    sleeps: list[float] = []
    policy = retry.RetryPolicy(max_attempts=5, max_retry_after=10.0)
    error = retry.TransientHTTPError("rates-service answered 503", retry_after=120.0)
    with pytest.raises(retry.TransientHTTPError) as raised:
        retry.retry(policy, sleep=sleeps.append)(boom(error))()
    assert raised.value is error
    assert sleeps == []  # gave up at once instead of holding the caller for two minutes


def test_parse_retry_after_reads_seconds_and_http_dates() -> None:
    now = 1_700_000_000.0  # 2023-11-14 22:13:20 UTC
    assert retry.parse_retry_after("120") == 120.0
    assert retry.parse_retry_after(" 2 ") == 2.0
    assert retry.parse_retry_after("Tue, 14 Nov 2023 22:13:50 GMT", now=lambda: now) == 30.0
    assert retry.parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now=lambda: now) == 0.0  # already past
    for unreadable in (None, "", "soon", "-5"):
        assert retry.parse_retry_after(unreadable) is None


def test_exchange_rate_classifies_http_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    undecorated = retry.get_exchange_rate.__wrapped__  # skip the real sleeps; the decorator is tested above
    urls: list[str] = []
    outcomes: list[Any] = [
        http_error(503),
        http_error(404),
        urllib.error.URLError("refused"),
        http_error(429, Retry_After="2"),
        b'{"EUR": 0.9}',
    ]

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        urls.append(url)
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return io.BytesIO(outcome)

    monkeypatch.setattr(retry.urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(retry.TransientHTTPError) as no_hint:
        undecorated("EUR")
    assert no_hint.value.retry_after is None
    with pytest.raises(urllib.error.HTTPError) as raised:
        undecorated("EUR")
    assert not isinstance(raised.value, ConnectionError)  # a 404 is not retried
    with pytest.raises(retry.TransientHTTPError):
        undecorated("EUR")
    with pytest.raises(retry.TransientHTTPError) as rate_limited:
        undecorated("EUR")
    assert rate_limited.value.retry_after == 2.0  # the 429's Retry-After reaches the retry loop
    assert undecorated("EUR") == {"EUR": 0.9}
    assert set(urls) == {"http://rates-service:8080/rates/EUR"}


# --------------------------------------------------------------------------- rate limiting


def test_token_bucket_allows_a_burst_then_refills_with_time() -> None:
    clock = FakeClock()
    bucket = rate_limit.TokenBucket(rate=1.0, capacity=3, clock=clock)
    assert [bucket.try_acquire()[0] for _ in range(3)] == [True, True, True]
    allowed, wait = bucket.try_acquire()
    assert not allowed and wait == pytest.approx(1.0)
    clock.advance(0.5)
    allowed, wait = bucket.try_acquire()
    assert not allowed and wait == pytest.approx(0.5)
    clock.advance(0.5)
    assert bucket.try_acquire() == (True, 0.0)
    assert not bucket.try_acquire()[0]


def test_token_bucket_never_holds_more_than_its_capacity() -> None:
    clock = FakeClock()
    bucket = rate_limit.TokenBucket(rate=10.0, capacity=2, clock=clock)
    clock.advance(3_600)
    assert [bucket.try_acquire()[0] for _ in range(3)] == [True, True, False]


def test_token_bucket_rejects_nonsense_settings() -> None:
    with pytest.raises(ValueError):
        rate_limit.TokenBucket(rate=0, capacity=5)


def test_rate_limiter_keeps_one_bucket_per_key_and_reports_retry_after() -> None:
    clock = FakeClock()
    limiter = rate_limit.RateLimiter(rate=0.5, burst=2, clock=clock)
    assert limiter.check("alice") == (True, 0)
    assert limiter.check("alice") == (True, 0)
    assert limiter.check("alice") == (False, 2)  # one token at 0.5/s takes 2 s
    assert limiter.check("bob") == (True, 0)
    clock.advance(2.0)
    assert limiter.check("alice") == (True, 0)


def test_a_refusal_never_says_retry_after_0_even_when_time_moves_on() -> None:
    class TickingClock(FakeClock):
        def __call__(self) -> float:
            self.now += 0.6  # time passes between any two looks at the clock, as it does under load
            return self.now

    limiter = rate_limit.RateLimiter(rate=1.0, burst=1, clock=TickingClock())
    assert limiter.check("k") == (True, 0)
    # Refused with 0.6 tokens; a second look 0.6 s later would find a full bucket and say "retry in 0 s".
    assert limiter.check("k") == (False, 1)


def test_rate_limiter_forgets_the_least_recently_seen_key_first() -> None:
    clock = FakeClock()
    limiter = rate_limit.RateLimiter(rate=0.001, burst=1, max_keys=2, clock=clock)
    assert limiter.check("a")[0] and limiter.check("b")[0]
    assert not limiter.check("a")[0]  # "a" is now the most recently seen
    assert limiter.check("c")[0]  # evicts "b"
    assert not limiter.check("a")[0]  # "a" kept its empty bucket
    assert limiter.check("b")[0]  # "b" starts again with a full bucket


def test_handle_answers_429_with_retry_after_once_the_burst_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "limiter", rate_limit.RateLimiter(rate=5.0, burst=20.0, clock=FakeClock()))
    assert all(rate_limit.handle("key-1") == (200, {}) for _ in range(20))
    assert rate_limit.handle("key-1") == (429, {"Retry-After": "1"})


# --------------------------------------------------------------------------- health checks


def call_wsgi(app: Callable[..., Any], path: str, **environ: str) -> tuple[int, dict[str, str], Any]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        seen["status"], seen["headers"] = status, dict(headers)
        return lambda data: None

    body = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": "GET", **environ}, start_response))
    return int(seen["status"].split()[0]), seen["headers"], json.loads(body) if body else None


def warm(app: Any) -> Any:
    app.mark_warmed_up()
    return app


def test_liveness_is_200_even_when_every_dependency_is_down() -> None:
    ran: list[str] = []

    def database_down() -> None:
        ran.append("db")
        raise ConnectionRefusedError

    app = health.HealthApp({"db": database_down})
    status, headers, body = call_wsgi(app, health.LIVENESS_PATH)
    assert status == 200
    assert body == {"status": "alive"}
    assert headers["Content-Type"] == "application/json"
    assert ran == []  # liveness checks no dependency


def test_readiness_is_200_when_every_check_passes() -> None:
    app = warm(health.HealthApp({"pool": lambda: None, "disk": lambda: None}))
    status, headers, body = call_wsgi(app, health.READINESS_PATH)
    assert status == 200
    assert body == {"ready": True, "warmed_up": True, "draining": False, "checks": {"pool": "ok", "disk": "ok"}}
    assert headers["Cache-Control"] == "no-store"


def test_readiness_is_503_when_a_check_fails_and_hides_the_error_message() -> None:
    def db() -> None:
        raise ConnectionRefusedError("postgres://admin:secret@db:5432")

    status, _, body = call_wsgi(warm(health.HealthApp({"db": db, "cache": lambda: None})), health.READINESS_PATH)
    assert status == 503
    assert body["checks"] == {"db": "failed: ConnectionRefusedError", "cache": "ok"}
    assert "secret" not in json.dumps(body)


def test_readiness_is_503_when_a_check_times_out_without_waiting_for_it() -> None:
    release = threading.Event()
    app = warm(health.HealthApp({"db": lambda: None, "slow": lambda: release.wait(5.0)}, timeout=0.05))
    try:
        started = time.monotonic()
        status, _, body = call_wsgi(app, health.READINESS_PATH)
        elapsed = time.monotonic() - started
    finally:
        release.set()  # let the hung check's thread finish
    assert status == 503
    assert body["checks"] == {"db": "ok", "slow": "timeout"}
    assert elapsed < 2.0


def test_readiness_is_503_until_warm_up_is_done() -> None:
    app = health.HealthApp({"pool": lambda: None})
    status, _, body = call_wsgi(app, health.READINESS_PATH)
    assert (status, body["warmed_up"], body["checks"]) == (503, False, {"pool": "ok"})
    assert call_wsgi(app, health.LIVENESS_PATH)[0] == 200  # not ready yet, but alive: no restart
    app.mark_warmed_up()
    assert call_wsgi(app, health.READINESS_PATH)[0] == 200


def test_draining_fails_readiness_but_not_liveness() -> None:
    app = warm(health.HealthApp({"db": lambda: None}))
    assert call_wsgi(app, health.READINESS_PATH)[0] == 200
    app.start_draining()
    assert call_wsgi(app, health.READINESS_PATH)[0] == 503
    assert call_wsgi(app, health.LIVENESS_PATH)[0] == 200


def test_unknown_paths_are_404() -> None:
    assert call_wsgi(health.HealthApp({}), "/health")[0] == 404


def test_capacity_check_fails_only_while_the_resource_is_used_up() -> None:
    in_use = [9]
    check = health.capacity_check(lambda: in_use[0], limit=10)
    check()
    in_use[0] = 10
    with pytest.raises(RuntimeError):
        check()


def test_the_example_app_reads_local_state_and_never_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readiness must not probe a shared database: one blip would take every pod out of the Service."""
    connections: list[Any] = []
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: connections.append(args))
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    app = warm(health.app)
    assert call_wsgi(app, health.READINESS_PATH)[:1] == (200,)
    monkeypatch.setattr(health.pool, "checked_out", health.pool.size)  # every pooled connection is busy
    status, _, body = call_wsgi(app, health.READINESS_PATH)
    assert (status, body["checks"]) == (503, {"db_pool": "failed: RuntimeError"})
    assert connections == []


# --------------------------------------------------------------------------- structured logging


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    stream = io.StringIO()
    structured_logging.configure_logging(stream)
    yield stream
    root.handlers[:], root.level = saved


def records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]  # every line must be valid JSON


def test_logs_are_json_with_the_correlation_id_and_fields(log_stream: io.StringIO) -> None:
    with structured_logging.correlation_scope("req-42") as cid:
        assert cid == "req-42"
        structured_logging.place_order("o-1", 1999)
    logging.getLogger("orders").warning("outside any request")
    first, second = records(log_stream)
    assert first["message"] == "order placed"
    assert first["level"] == "info"
    assert first["logger"] == "orders"
    assert (first["correlation_id"], first["order_id"], first["total_cents"]) == ("req-42", "o-1", 1999)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", first["ts"])
    assert second["correlation_id"] is None


def test_exceptions_are_logged_inside_the_json(log_stream: io.StringIO) -> None:
    try:
        raise RuntimeError("card declined")
    except RuntimeError:
        logging.getLogger("orders").exception("charge failed")
    (entry,) = records(log_stream)
    assert "RuntimeError: card declined" in entry["exception"]


def test_unsafe_incoming_ids_are_replaced() -> None:
    for bad in ("a\nfake log line", "x" * 65, "", None):
        with structured_logging.correlation_scope(bad) as cid:
            assert re.fullmatch(r"[0-9a-f]{32}", cid)


def test_ids_do_not_leak_between_threads(log_stream: io.StringIO) -> None:
    barrier = threading.Barrier(2)

    def request(cid: str) -> None:
        with structured_logging.correlation_scope(cid):
            barrier.wait()  # both requests are inside their scopes at the same time
            logging.getLogger("orders").info("handled", extra={"fields": {"expected": cid}})
            barrier.wait()

    threads = [threading.Thread(target=request, args=(cid,)) for cid in ("t-1", "t-2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    entries = records(log_stream)
    assert len(entries) == 2
    assert all(e["correlation_id"] == e["expected"] for e in entries)
    assert structured_logging.correlation_id.get() is None


def test_ids_do_not_leak_between_asyncio_tasks(log_stream: io.StringIO) -> None:
    async def request(cid: str) -> None:
        with structured_logging.correlation_scope(cid):
            await asyncio.sleep(0)  # let the other task run in between
            logging.getLogger("orders").info("handled", extra={"fields": {"expected": cid}})

    async def main() -> None:
        await asyncio.gather(request("a-1"), request("a-2"), request("a-3"))

    # In a thread of its own: when the browser tests ran first, Playwright's loop runs in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()
    entries = records(log_stream)
    assert sorted(e["correlation_id"] for e in entries) == ["a-1", "a-2", "a-3"]
    assert all(e["correlation_id"] == e["expected"] for e in entries)


def test_middleware_reuses_or_mints_the_id_and_echoes_it(log_stream: io.StringIO) -> None:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        logging.getLogger("orders").info("in handler")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    wrapped = structured_logging.CorrelationIdMiddleware(app)
    _, headers, _ = call_wsgi_text(wrapped, HTTP_X_CORRELATION_ID="from-gateway")
    assert headers["X-Correlation-ID"] == "from-gateway"
    _, minted_headers, _ = call_wsgi_text(wrapped)
    minted = minted_headers["X-Correlation-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", minted)
    assert [e["correlation_id"] for e in records(log_stream)] == ["from-gateway", minted]
    assert structured_logging.correlation_id.get() is None  # nothing left behind after the request


class StreamingBody:
    """A WSGI response body that logs while it streams and records whether close() was called."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = iter(chunks)
        self.produced: list[bytes] = []
        self.closed = False

    def __iter__(self) -> StreamingBody:
        return self

    def __next__(self) -> bytes:
        chunk = next(self._chunks)
        logging.getLogger("orders").info("streamed", extra={"fields": {"chunk": chunk.decode()}})
        self.produced.append(chunk)
        return chunk

    def close(self) -> None:
        logging.getLogger("orders").info("closed")
        self.closed = True


def test_middleware_streams_the_body_and_closes_it(log_stream: io.StringIO) -> None:
    body = StreamingBody([b"a", b"b", b"c"])

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> StreamingBody:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return body

    seen: dict[str, Any] = {}
    response: Any = structured_logging.CorrelationIdMiddleware(app)(
        {"PATH_INFO": "/export", "HTTP_X_CORRELATION_ID": "req-9"},
        lambda status, headers, exc_info=None: seen.update(headers=dict(headers)),
    )
    assert seen["headers"]["X-Correlation-ID"] == "req-9"
    assert body.produced == []  # nothing buffered: the server pulls chunks as it sends them
    chunks = iter(response)
    assert next(chunks) == b"a"
    assert body.produced == [b"a"]
    assert structured_logging.correlation_id.get() is None  # the id does not leak between chunks
    assert list(chunks) == [b"b", b"c"]
    response.close()  # the server's duty under WSGI
    assert body.closed
    entries = records(log_stream)
    assert [e["message"] for e in entries] == ["streamed"] * 3 + ["closed"]
    assert {e["correlation_id"] for e in entries} == {"req-9"}


def test_middleware_closes_a_body_the_client_abandoned(log_stream: io.StringIO) -> None:
    body = StreamingBody([b"first", b"never sent"])
    response: Any = structured_logging.CorrelationIdMiddleware(lambda environ, start_response: body)(
        {"PATH_INFO": "/export"}, lambda *args: None
    )
    assert next(iter(response)) == b"first"
    response.close()  # the client went away: the server stops early
    assert body.closed and body.produced == [b"first"]


def test_a_thread_pool_needs_copy_context_to_see_the_id() -> None:
    """What the page says: asyncio tasks inherit the id, a ThreadPoolExecutor task does not."""
    with structured_logging.correlation_scope("req-7"), concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(structured_logging.correlation_id.get).result() is None
        context = contextvars.copy_context()
        assert pool.submit(context.run, structured_logging.correlation_id.get).result() == "req-7"


def call_wsgi_text(app: Callable[..., Any], **environ: str) -> tuple[str, dict[str, str], bytes]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"PATH_INFO": "/orders", **environ}, start_response))
    return seen["status"], seen["headers"], body


# --------------------------------------------------------------------------- cache-aside


class CountingLoader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.calls: list[str] = []

    def __call__(self, key: str) -> Any:
        self.calls.append(key)
        return self.data.get(key)


def test_cache_misses_once_then_hits_until_the_ttl_expires() -> None:
    clock = FakeClock()
    loader = CountingLoader({"p1": {"price": 10}})
    c = cache.CacheAside(loader, ttl=60.0, clock=clock)
    assert c.get("p1") == {"price": 10}
    assert c.get("p1") == {"price": 10}
    assert (c.misses, c.hits, loader.calls) == (1, 1, ["p1"])
    loader.data["p1"] = {"price": 12}
    clock.advance(59.9)
    assert c.get("p1") == {"price": 10}  # still fresh: the stale value is the price of a TTL
    clock.advance(0.1)
    assert c.get("p1") == {"price": 12}
    assert loader.calls == ["p1", "p1"]


def test_cache_remembers_missing_keys_for_the_shorter_negative_ttl() -> None:
    clock = FakeClock()
    loader = CountingLoader({})
    c = cache.CacheAside(loader, ttl=60.0, negative_ttl=5.0, clock=clock)
    assert c.get("nope") is None
    assert c.get("nope") is None
    assert loader.calls == ["nope"]
    clock.advance(5.0)
    loader.data["nope"] = "created"
    assert c.get("nope") == "created"


def test_invalidate_forces_a_reload() -> None:
    loader = CountingLoader({"k": 1})
    c = cache.CacheAside(loader, clock=FakeClock())
    c.get("k")
    loader.data["k"] = 2
    c.invalidate("k")
    assert c.get("k") == 2


def test_cache_stays_within_max_entries() -> None:
    loader = CountingLoader({k: k.upper() for k in "abc"})
    c = cache.CacheAside(loader, max_entries=2, clock=FakeClock())
    for key in "abc":
        c.get(key)
    c.get("c")
    c.get("a")  # "a" was the oldest and was dropped
    assert loader.calls == ["a", "b", "c", "a"]


def test_concurrent_misses_on_one_key_load_it_once() -> None:
    release = threading.Event()
    loading = threading.Event()
    calls: list[str] = []

    def slow_loader(key: str) -> str:
        calls.append(key)
        loading.set()
        release.wait(5.0)
        return "value"

    c = cache.CacheAside(slow_loader, clock=FakeClock())
    # Count the readers that have missed and reached the key's lock, so the test knows (without a
    # timed wait) that all of them are past the cache check before the first load finishes.
    arrived = threading.Semaphore(0)
    lock_for = c._lock_for

    @contextlib.contextmanager
    def counted(key: str):
        arrived.release()
        with lock_for(key):
            yield

    c._lock_for = counted  # type: ignore[method-assign]
    results: list[Any] = []
    first = threading.Thread(target=lambda: results.append(c.get("hot")))
    first.start()
    assert loading.wait(5.0)
    others = [threading.Thread(target=lambda: results.append(c.get("hot"))) for _ in range(8)]
    for t in others:
        t.start()
    for _ in range(9):  # the first reader and the eight others have all missed
        assert arrived.acquire(timeout=5.0)
    release.set()
    for t in [first, *others]:
        t.join(5.0)
    assert results == ["value"] * 9
    assert calls == ["hot"]


def test_an_invalidate_during_a_load_is_not_overwritten_by_that_load() -> None:
    data = {"p1": "old price"}

    def loader(key: str) -> str:
        value = data[key]  # the reader has read the row...
        data[key] = "new price"  # ...then a writer commits and invalidates before the reader stores
        c.invalidate(key)
        return value

    c: Any = cache.CacheAside(loader, clock=FakeClock())
    assert c.get("p1") == "old price"  # this caller read before the write, which is fine once
    assert c.get("p1") == "new price"  # but the old value was not cached for a whole TTL
    assert c.misses == 2


def test_an_invalidate_from_another_thread_during_a_load_wins() -> None:
    data = {"k": 1}
    loading, written = threading.Event(), threading.Event()

    def slow_loader(key: str) -> int:
        value = data[key]
        loading.set()
        assert written.wait(5.0)
        return value

    c: Any = cache.CacheAside(slow_loader, clock=FakeClock())
    reader = threading.Thread(target=c.get, args=("k",))
    reader.start()
    assert loading.wait(5.0)
    data["k"] = 2
    c.invalidate("k")  # the writer, while the reader is still inside the loader
    written.set()
    reader.join(5.0)
    assert c.get("k") == 2


def test_a_failed_load_caches_nothing_and_the_next_get_retries() -> None:
    calls: list[str] = []

    def flaky_loader(key: str) -> str:
        calls.append(key)
        if len(calls) == 1:
            raise ConnectionError("database restarting")
        return "value"

    c: Any = cache.CacheAside(flaky_loader, clock=FakeClock())
    with pytest.raises(ConnectionError):
        c.get("k")
    assert c.get("k") == "value"
    assert c.get("k") == "value"
    assert calls == ["k", "k"]  # loaded again after the failure, then cached


@pytest.fixture
def products_db(tmp_path: Path) -> str:
    path = str(tmp_path / "products.db")
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE products (id TEXT PRIMARY KEY, name TEXT, price_cents INTEGER)")
        db.execute("INSERT INTO products VALUES ('p-1', 'Kettle', 2500)")
    return path


def test_product_cache_uses_a_parameterised_query(products_db: str) -> None:
    products = cache.product_cache(products_db)
    assert products.get("p-1") == {"id": "p-1", "name": "Kettle", "price_cents": 2500}
    assert products.get("p-2") is None
    assert products.get("x' OR '1'='1") is None  # treated as a value, not as SQL


def test_product_cache_can_load_from_any_thread(products_db: str) -> None:
    """sqlite3 refuses a connection used outside the thread that opened it; get() runs in any thread."""
    products = cache.product_cache(products_db)
    assert products.get("p-2") is None  # first load in this thread
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(products.get, ["p-1", "p-1", "p-3"]))
    assert results == [{"id": "p-1", "name": "Kettle", "price_cents": 2500}] * 2 + [None]


# --------------------------------------------------------------------------- task queue


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "tasks.db")


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {status: n for status, n in counts.items() if n}


def test_enqueue_claim_complete(db_path: str) -> None:
    q = task_queue.TaskQueue(db_path, clock=FakeClock())
    task_id = q.enqueue("send_email", {"to": "o'brien@example.com", "order": 7})
    task = q.claim()
    assert task == task_queue.Task(task_id, "send_email", {"to": "o'brien@example.com", "order": 7}, 1)
    assert q.claim() is None  # running tasks are not handed out twice
    q.complete(task)
    assert nonzero(q.counts()) == {"done": 1}


def test_failed_tasks_retry_with_backoff_then_go_dead(db_path: str) -> None:
    clock = FakeClock()
    q = task_queue.TaskQueue(db_path, clock=clock)
    q.enqueue("charge", {"order": 1}, max_attempts=3)
    for attempt, backoff in ((1, 4.0), (2, 8.0)):
        task = q.claim()
        assert task is not None and task.attempts == attempt
        q.fail(task, "gateway timeout")
        assert nonzero(q.counts()) == {"ready": 1}
        clock.advance(backoff - 0.1)
        assert q.claim() is None  # not before its backoff is over
        clock.advance(0.1)
    task = q.claim()
    assert task is not None and task.attempts == 3
    q.fail(task, "gateway timeout")
    clock.advance(10_000)
    assert q.claim() is None
    assert nonzero(q.counts()) == {"dead": 1}
    assert q.dead_letters() == [(task.id, "charge", "gateway timeout")]

    assert q.retry_dead(task.id)  # replay after fixing the cause
    assert not q.retry_dead(task.id)  # no longer dead
    replayed = q.claim()
    assert replayed is not None and replayed.attempts == 1


def test_a_dead_task_can_be_discarded_and_the_dead_count_drops_to_zero(db_path: str) -> None:
    q = task_queue.TaskQueue(db_path, clock=FakeClock())
    dead_id = q.enqueue("refund", {"order": 3}, max_attempts=1)
    live_id = q.enqueue("refund", {"order": 4})
    task = q.claim()
    assert task is not None and task.id == dead_id
    q.fail(task, "order was cancelled")
    assert not q.discard_dead(live_id)  # only dead tasks can be discarded
    assert q.discard_dead(dead_id)
    assert q.dead_letters() == []
    # The gauge the dead-letter alert reads goes back to 0 (a missing key would leave it at its last value).
    assert q.counts() == {"ready": 1, "running": 0, "done": 0, "dead": 0}


def test_backoff_is_capped(db_path: str) -> None:
    clock = FakeClock()
    q = task_queue.TaskQueue(db_path, clock=clock)
    q.enqueue("charge", {}, max_attempts=50)
    for _ in range(12):
        task = q.claim()
        assert task is not None
        q.fail(task, "down")
        clock.advance(task_queue.BACKOFF_CAP)
    assert q.claim() is not None


def test_an_expired_lease_is_reclaimed_and_the_stale_worker_cannot_finish_it(db_path: str) -> None:
    clock = FakeClock()
    worker_a = task_queue.TaskQueue(db_path, lease_seconds=30.0, clock=clock)
    worker_b = task_queue.TaskQueue(db_path, lease_seconds=30.0, clock=clock)
    worker_a.enqueue("resize", {"image": 9})
    stale = worker_a.claim()
    assert stale is not None
    clock.advance(29.0)
    assert worker_b.claim() is None
    clock.advance(2.0)  # worker A died or hung: its lease runs out
    fresh = worker_b.claim()
    assert fresh is not None and fresh.id == stale.id and fresh.attempts == 2
    worker_a.complete(stale)
    assert nonzero(worker_b.counts()) == {"running": 1}
    worker_b.complete(fresh)
    assert nonzero(worker_b.counts()) == {"done": 1}


def test_a_lease_that_expires_on_the_last_attempt_dead_letters_the_task(db_path: str) -> None:
    clock = FakeClock()
    q = task_queue.TaskQueue(db_path, lease_seconds=10.0, clock=clock)
    q.enqueue("crashes_the_worker", {}, max_attempts=1)
    assert q.claim() is not None
    clock.advance(11.0)
    assert q.claim() is None
    assert q.dead_letters()[0][1:] == ("crashes_the_worker", "lease expired on the last attempt")


def test_two_claimers_never_get_the_same_task(db_path: str) -> None:
    setup = task_queue.TaskQueue(db_path)
    ids = {setup.enqueue("job", {"n": n}) for n in range(150)}
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    errors: list[BaseException] = []

    def worker(name: str) -> None:
        q = task_queue.TaskQueue(db_path)  # one connection per worker, as separate processes would have
        start.wait()
        try:
            while (task := q.claim()) is not None:
                claimed[name].append(task.id)
                q.complete(task)
        except BaseException as exc:  # a "database is locked" error would otherwise vanish with the thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(name,)) for name in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30.0)
    assert errors == []
    all_claims = claimed["a"] + claimed["b"]
    assert len(all_claims) == len(set(all_claims)) == 150
    assert set(all_claims) == ids
    assert nonzero(setup.counts()) == {"done": 150}


def test_work_once_completes_or_fails_tasks(db_path: str) -> None:
    q = task_queue.TaskQueue(db_path, clock=FakeClock())
    seen: list[dict[str, Any]] = []

    def broken(payload: dict[str, Any]) -> None:
        raise RuntimeError("template missing")

    q.enqueue("ok", {"n": 1})
    q.enqueue("broken", {"n": 2}, max_attempts=1)
    handlers = {"ok": seen.append, "broken": broken}
    assert task_queue.work_once(q, handlers) and task_queue.work_once(q, handlers)
    assert not task_queue.work_once(q, handlers)
    assert seen == [{"n": 1}]
    assert nonzero(q.counts()) == {"done": 1, "dead": 1}
    assert "template missing" in q.dead_letters()[0][2]


# --------------------------------------------------------------------------- tracing


@pytest.fixture
def traced() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = tracing.make_tracer_provider("checkout", exporter)
    yield provider, exporter
    provider.shutdown()


def finished(provider: TracerProvider, exporter: InMemorySpanExporter) -> dict[str, Any]:
    provider.force_flush()  # the batch processor exports in the background
    return {span.name: span for span in exporter.get_finished_spans()}


def test_checkout_creates_parent_and_child_spans_and_injects_traceparent(
    traced: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, exporter = traced
    sent: list[dict[str, str]] = []
    status = tracing.checkout(provider.get_tracer("test"), "o-1", send=lambda headers: sent.append(headers) or 201)
    assert status == 201
    spans = finished(provider, exporter)
    assert set(spans) == {"checkout", "load_cart", "POST /charges"}
    root, cart, client = spans["checkout"], spans["load_cart"], spans["POST /charges"]
    assert root.parent is None
    assert cart.parent.span_id == root.context.span_id
    assert client.parent.span_id == root.context.span_id
    assert client.kind is SpanKind.CLIENT
    assert {s.context.trace_id for s in spans.values()} == {root.context.trace_id}
    assert root.attributes["app.order_id"] == "o-1"
    assert root.resource.attributes["service.name"] == "checkout"

    match = re.fullmatch(r"00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})", sent[0]["traceparent"])
    assert match is not None
    assert int(match[3], 16) & 0x01  # the "sampled" flag: the callee records its spans too
    assert int(match[1], 16) == root.context.trace_id
    assert int(match[2], 16) == client.context.span_id  # the callee's parent is the client span


def test_the_next_service_continues_the_trace_from_the_headers(
    traced: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, exporter = traced
    sent: list[dict[str, str]] = []
    tracing.checkout(provider.get_tracer("test"), "o-2", send=lambda headers: sent.append(headers) or 201)
    client = finished(provider, exporter)["POST /charges"]

    # The payment service: its own provider, linked to checkout only through the headers.
    payments_exporter = InMemorySpanExporter()
    payments = tracing.make_tracer_provider("payments", payments_exporter)
    headers = {"Traceparent": sent[0]["traceparent"]}  # header names arrive in any case
    assert tracing.handle_charge(payments.get_tracer("test"), headers, "o-2") == "charged"
    server = finished(payments, payments_exporter)["POST /charges"]
    payments.shutdown()
    assert server.kind is SpanKind.SERVER
    assert server.context.trace_id == client.context.trace_id
    assert server.parent.span_id == client.context.span_id
    assert server.parent.is_remote


def test_a_request_without_traceparent_starts_a_new_trace(
    traced: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, exporter = traced
    tracing.handle_charge(provider.get_tracer("test"), {}, "o-3")
    assert finished(provider, exporter)["POST /charges"].parent is None


def test_an_error_inside_a_server_span_is_recorded(traced: tuple[TracerProvider, InMemorySpanExporter]) -> None:
    provider, exporter = traced
    with pytest.raises(ValueError), tracing.server_span(provider.get_tracer("test"), "POST /refunds", {}):
        raise ValueError("unknown order")
    span = finished(provider, exporter)["POST /refunds"]
    assert span.status.status_code is StatusCode.ERROR
    assert [event.name for event in span.events] == ["exception"]


def test_post_json_sends_the_trace_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    requests: list[Any] = []

    class Response(io.BytesIO):
        status = 201

    def fake_urlopen(request: Any, timeout: float) -> Response:
        requests.append(request)
        return Response()

    monkeypatch.setattr(tracing.urllib.request, "urlopen", fake_urlopen)
    send = tracing.post_json("http://payment-service:8080/charges", {"order_id": "o-4"})
    assert send({"traceparent": "00-" + "a" * 32 + "-" + "b" * 16 + "-01"}) == 201
    (request,) = requests
    assert request.full_url == "http://payment-service:8080/charges"
    assert request.get_method() == "POST"
    assert request.get_header("Traceparent").startswith("00-aaaa")
    assert json.loads(request.data) == {"order_id": "o-4"}


# --------------------------------------------------------------------------- YAML: Kubernetes and Prometheus


def yaml_docs(relative: str) -> list[dict[str, Any]]:
    docs = [d for d in yaml.safe_load_all((CODE / relative).read_text(encoding="utf-8")) if d is not None]
    assert docs, relative
    return docs


def one(docs: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    (found,) = [d for d in docs if d.get("kind") == kind]
    return found


def test_every_yaml_example_loads() -> None:
    files = sorted(CODE.rglob("*.yaml"))
    assert [f.relative_to(CODE).as_posix() for f in files] == [
        "kubernetes/deployment.yaml",
        "kubernetes/hpa.yaml",
        "prometheus/alerts.yaml",
    ]
    for f in files:
        assert all(isinstance(d, dict) for d in yaml_docs(f.relative_to(CODE).as_posix()))


@pytest.mark.parametrize("relative", ["kubernetes/deployment.yaml", "kubernetes/hpa.yaml"])
def test_kubernetes_manifests_match_the_api_schema(relative: str) -> None:
    for doc in yaml_docs(relative):
        kubernetes_validate.validate(doc, kubernetes_validate.latest_version(), strict=True)


def test_deployment_probes_point_at_the_health_endpoints() -> None:
    docs = yaml_docs("kubernetes/deployment.yaml")
    deployment = one(docs, "Deployment")
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert health.PORT in ports.values()

    def probe(name: str) -> tuple[str, int]:
        get = container[name]["httpGet"]
        return get["path"], ports.get(get["port"], get["port"])

    assert probe("livenessProbe") == (health.LIVENESS_PATH, health.PORT)
    assert probe("startupProbe") == (health.LIVENESS_PATH, health.PORT)
    assert probe("readinessProbe") == (health.READINESS_PATH, health.PORT)
    # The app's own readiness deadline must run out before the kubelet's probe timeout.
    app_timeout = inspect.signature(health.HealthApp).parameters["timeout"].default
    assert container["readinessProbe"]["timeoutSeconds"] > app_timeout
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(container["resources"][kind])
    assert "replicas" not in deployment["spec"]  # the HPA owns the replica count
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()

    service = one(docs, "Service")
    assert service["spec"]["selector"].items() <= pod["metadata"]["labels"].items()
    assert all(ports.get(p["targetPort"], p["targetPort"]) == health.PORT for p in service["spec"]["ports"])


def test_a_stopping_pod_keeps_serving_until_the_endpoints_update() -> None:
    pod = one(yaml_docs("kubernetes/deployment.yaml"), "Deployment")["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    pause = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    # The sleep counts against the grace period, and the app still needs time to finish requests after it.
    assert 0 < pause < pod["terminationGracePeriodSeconds"] / 2


def test_hpa_targets_the_deployment() -> None:
    deployment = one(yaml_docs("kubernetes/deployment.yaml"), "Deployment")
    hpa = one(yaml_docs("kubernetes/hpa.yaml"), "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == (
        deployment["apiVersion"],
        "Deployment",
        deployment["metadata"]["name"],
    )
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    # A CPU utilisation target is a percentage of the container's CPU request, so the request must exist.
    assert any(m["resource"]["name"] == "cpu" for m in hpa["spec"]["metrics"] if m["type"] == "Resource")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert "cpu" in container["resources"]["requests"]


def test_every_alert_rule_is_complete_and_its_expression_parses() -> None:
    (rule_file,) = yaml_docs("prometheus/alerts.yaml")
    assert set(rule_file) == {"groups"}
    rules = [rule for group in rule_file["groups"] for rule in group["rules"]]
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names))
    for rule in rules:
        assert {"alert", "expr", "for", "labels", "annotations"} <= set(rule), rule.get("alert")
        assert re.fullmatch(r"\d+[smhd]", rule["for"])
        assert rule["labels"]["severity"] in {"page", "ticket"}
        assert rule["annotations"]["summary"].strip()
        promql_parser.parse(rule["expr"])  # raises ValueError on invalid PromQL
    exprs = " ".join(rule["expr"] for rule in rules)
    for metric in ("http_requests_total", "http_request_duration_seconds_bucket", "circuit_breaker_open"):
        assert metric in exprs
    assert 'status="ready"' in exprs and 'status="dead"' in exprs


def alert(name: str) -> dict[str, Any]:
    (rule_file,) = yaml_docs("prometheus/alerts.yaml")
    (found,) = [rule for group in rule_file["groups"] for rule in group["rules"] if rule["alert"] == name]
    return found


def test_the_dead_letter_alert_says_how_to_clear_it() -> None:
    text = alert("TaskQueueDeadLetters")["annotations"]["description"]
    methods = re.findall(r"(\w+)\(", text)
    assert {"dead_letters", "retry_dead", "discard_dead"} <= set(methods)
    assert all(hasattr(task_queue.TaskQueue, method) for method in methods)


def test_the_breaker_alert_reads_the_gauge_the_example_exports() -> None:
    source = (CODE / "prometheus" / "alerts.yaml").read_text(encoding="utf-8")
    assert "open_gauge_value" in source and "circuit_breaker_open" in alert("CircuitBreakerOpen")["expr"]
    s = circuit_breaker.State
    assert {state: circuit_breaker.open_gauge_value(state) for state in s} == {s.CLOSED: 0, s.OPEN: 1, s.HALF_OPEN: 1}


def test_the_plan_introduces_prerequisites_before_the_patterns_that_need_them() -> None:
    page = PAGE.read_text(encoding="utf-8")
    linked = list(dict.fromkeys(re.findall(r"\]\(\.\./patterns/([a-z0-9-]+)\.md\)", page)))
    for pattern in linked:
        data = yaml.safe_load((ROOT / "roadmap_data" / "patterns" / f"{pattern}.yml").read_text(encoding="utf-8"))
        for needed in data.get("prerequisites") or []:
            assert needed in linked[: linked.index(pattern)], f"{pattern} needs {needed} first"
    # The catalog's reliability pack order: retry before the circuit breaker; metrics from week 1.
    assert linked.index("retry-with-backoff") < linked.index("circuit-breaker")
    week_1 = page.split("## Week 1", 1)[1].split("\n## ", 1)[0]
    assert "](../patterns/observability.md)" in week_1


def test_the_page_includes_and_links_every_example() -> None:
    page = PAGE.read_text(encoding="utf-8")
    examples = sorted(p.relative_to(CODE).as_posix() for p in CODE.rglob("*") if p.suffix in {".py", ".yaml"})
    assert len(examples) == 11
    # The page shows one named section of each file (the whole files would make the page too heavy);
    # the download link serves the complete file.
    included = dict(re.findall(r'^--8<-- "docs/guides/code/([^":]+):([a-z][-a-z]*)"$', page, flags=re.MULTILINE))
    assert sorted(included) == examples
    for example, section in included.items():
        source = (CODE / example).read_text(encoding="utf-8")
        start, end = source.find(f"# --8<-- [start:{section}]"), source.find(f"# --8<-- [end:{section}]")
        assert 0 <= start < end, f"{example}: no section {section!r}"
        assert f"](code/{example})" in page
