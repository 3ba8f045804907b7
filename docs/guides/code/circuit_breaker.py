"""A small circuit breaker: closed -> open after N failures in a row -> half-open after a cool-down."""

from __future__ import annotations

import enum
import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class State(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpenError(RuntimeError):
    """Raised instead of calling the dependency while the breaker is open."""


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        ignore: tuple[type[Exception], ...] = (),
        clock: Callable[[], float] = time.monotonic,
        on_state_change: Callable[[str, State], None] | None = None,
    ) -> None:
        self.name, self._threshold, self._reset_timeout = name, failure_threshold, reset_timeout
        # Errors that say "your request was wrong" (a 404, a validation error) prove the dependency is up.
        self._ignore = ignore
        self._clock = clock  # injected so tests can move time without sleeping
        self._on_state_change = on_state_change
        self._lock, self._notify_lock = threading.Lock(), threading.RLock()
        self._state, self._failures, self._opened_at = State.CLOSED, 0, 0.0
        self._generation = 0  # bumped on every state change; each call remembers the one it started in
        self._trial_running = False
        self._changes: deque[State] = deque()  # not yet passed to on_state_change; deques are thread-safe

    @property
    def state(self) -> State:
        with self._lock:
            state = self._current_state()
        self._notify()
        return state

    def call(self, fn: Callable[[], T]) -> T:
        with self._lock:
            state = self._current_state()
            # While half-open, let exactly one trial call through; everyone else still fails fast.
            rejected = state is State.OPEN or (state is State.HALF_OPEN and self._trial_running)
            if state is State.HALF_OPEN and not rejected:
                self._trial_running = True  # this caller is the trial
            generation = self._generation
        self._notify()
        if rejected:
            raise CircuitOpenError(f"circuit {self.name!r} is open")
        try:
            result = fn()
        except self._ignore:
            self._record(generation, success=True)
            raise
        except BaseException:  # BaseException too: a cancelled trial must still free the trial slot
            self._record(generation, success=False)
            raise
        self._record(generation, success=True)
        return result

    def _current_state(self) -> State:
        # Open turns into half-open lazily, on the first look after the cool-down: no timer thread needed.
        if self._state is State.OPEN and self._clock() - self._opened_at >= self._reset_timeout:
            self._set(State.HALF_OPEN)
        return self._state

    # --8<-- [start:transitions]
    def _record(self, generation: int, success: bool) -> None:
        with self._lock:
            # A call that started under an earlier state says nothing about this one (a slow success from
            # before the breaker opened must not close it). While half-open, only the trial is current.
            if generation == self._generation:
                if self._state is State.HALF_OPEN:
                    self._trial_running = False
                    self._set(State.CLOSED if success else State.OPEN)  # a failed trial re-opens at once
                elif success:
                    self._failures = 0
                else:
                    self._failures += 1
                    if self._failures >= self._threshold:
                        self._set(State.OPEN)
        self._notify()  # outside the lock, so a callback may read .state without deadlocking

    # --8<-- [end:transitions]

    def _set(self, state: State) -> None:  # caller holds self._lock
        self._state, self._generation, self._failures = state, self._generation + 1, 0
        if state is State.OPEN:
            self._opened_at = self._clock()
        self._changes.append(state)

    def _notify(self) -> None:
        # One thread delivers at a time, in the order the changes happened, so a gauge ends on the last state.
        with self._notify_lock:
            while self._changes:
                state = self._changes.popleft()
                if self._on_state_change:  # export it as a metric: an open breaker deserves an alert
                    self._on_state_change(self.name, state)


def open_gauge_value(state: State) -> int:
    """For the circuit_breaker_open gauge in prometheus/alerts.yaml: 1 in any state but closed, so the
    half-open trials of a dependency that stays down do not restart the alert's `for:` clock."""
    return 0 if state is State.CLOSED else 1


class ClientError(Exception):
    """A 4xx answer: our request was wrong but the dependency is up, so the breaker ignores it."""

    def __init__(self, code: int) -> None:
        super().__init__(f"HTTP {code}")
        self.code = code


# Usage: one breaker per dependency, shared by every request that calls it.
users_breaker = CircuitBreaker("user-service", failure_threshold=5, reset_timeout=30.0, ignore=(ClientError,))


def get_user(user_id: int) -> dict[str, Any] | None:
    def fetch() -> dict[str, Any]:
        # The timeout matters as much as the breaker: a hung call never counts as a failure without one.
        try:
            with urllib.request.urlopen(f"http://user-service:8080/users/{user_id}", timeout=2.0) as response:
                return json.load(response)
        except urllib.error.HTTPError as err:
            if 400 <= err.code < 500 and err.code != 429:  # a 429 means "overloaded": let it count
                raise ClientError(err.code) from err
            raise

    try:
        return users_breaker.call(fetch)
    except ClientError as err:
        if err.code != 404:
            raise  # 400, 401, 403: a bug on our side, which a placeholder would hide
        return None  # a real answer: there is no such user
    except (CircuitOpenError, OSError):
        # Degrade instead of failing the whole page: a placeholder the caller can render.
        return {"id": user_id, "name": None, "degraded": True}
