"""Liveness and readiness endpoints as a framework-free WSGI app."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from wsgiref.types import StartResponse, WSGIEnvironment

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
PORT = 8080

Check = Callable[[], None]  # returns if this instance can serve, raises if not


class HealthApp:
    def __init__(self, checks: Mapping[str, Check], timeout: float = 2.0) -> None:
        self._checks = dict(checks)
        self._timeout = timeout  # keep it below the probe's timeoutSeconds, or the kubelet gives up first
        self._warmed_up = threading.Event()
        self._draining = threading.Event()

    def mark_warmed_up(self) -> None:
        """Call once start-up work (pools opened, caches loaded) is done: until then the pod gets no traffic."""
        self._warmed_up.set()

    def start_draining(self) -> None:
        """Call on SIGTERM. Kubernetes takes a terminating pod out of the Service by itself; this is for
        load balancers outside the cluster that decide by polling /readyz."""
        self._draining.set()

    # --8<-- [start:routes]
    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == LIVENESS_PATH:
            # Liveness: "is this process stuck?" A database check here would restart every pod in an outage.
            return self._reply(start_response, 200, {"status": "alive"})
        if path == READINESS_PATH:
            # Readiness reads this pod's own state only: probing the shared database would mark every
            # pod unready in one blip and empty the Service, so clients would get no fast 503 or fallback.
            results = self._run_checks()
            warm, draining = self._warmed_up.is_set(), self._draining.is_set()
            ready = warm and not draining and all(r == "ok" for r in results.values())
            body = {"ready": ready, "warmed_up": warm, "draining": draining, "checks": results}
            return self._reply(start_response, 200 if ready else 503, body)
        return self._reply(start_response, 404, {"error": "not found"})

    # --8<-- [end:routes]

    def _run_checks(self) -> dict[str, str]:
        # Local checks are quick, but one stuck on a deadlocked lock must not hang the probe: one deadline.
        pool = ThreadPoolExecutor(max_workers=max(1, len(self._checks)), thread_name_prefix="readyz")
        futures = {name: pool.submit(check) for name, check in self._checks.items()}
        done, _ = wait(futures.values(), timeout=self._timeout)
        results: dict[str, str] = {}
        for name, future in futures.items():
            if future not in done:
                results[name] = "timeout"
            elif (exc := future.exception()) is not None:
                results[name] = f"failed: {type(exc).__name__}"  # no message: it may hold hosts or secrets
            else:
                results[name] = "ok"
        pool.shutdown(wait=False, cancel_futures=True)  # never block the probe on a hung check
        return results

    @staticmethod
    def _reply(start_response: StartResponse, status: int, body: dict[str, object]) -> list[bytes]:
        payload = json.dumps(body).encode()
        reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
        start_response(
            f"{status} {reason}",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [payload]


def capacity_check(in_use: Callable[[], int], limit: int) -> Check:
    """Fails while a local resource is used up, such as every connection of this instance's pool being
    checked out. It reads a counter and never contacts the shared database: that is the breaker's job."""

    def check() -> None:
        if in_use() >= limit:
            raise RuntimeError("no free capacity")

    return check


class Pool:
    """Stands in for your database pool; most pools report how many connections are checked out."""

    size, checked_out = 10, 0


# Usage: readiness depends on this instance's pool, its warm-up and draining, never on a shared dependency.
pool = Pool()
app = HealthApp({"db_pool": capacity_check(lambda: pool.checked_out, pool.size)})

if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    app.mark_warmed_up()  # in a real service: after opening pools and loading caches
    with make_server("", PORT, app) as server:
        server.serve_forever()
