"""Liveness and readiness endpoints as a framework-free WSGI app."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from wsgiref.types import StartResponse, WSGIEnvironment

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
PORT = 8080

Check = Callable[[], None]  # returns if the dependency is usable, raises if not


class HealthApp:
    def __init__(self, checks: Mapping[str, Check], timeout: float = 2.0) -> None:
        self._checks = dict(checks)
        self._timeout = timeout  # keep it below the probe's timeoutSeconds, or the kubelet gives up first
        self._draining = threading.Event()

    def start_draining(self) -> None:
        """Call on SIGTERM: readiness fails so traffic moves away while in-flight requests finish."""
        self._draining.set()

    # --8<-- [start:routes]
    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == LIVENESS_PATH:
            # Liveness answers "is this process stuck?" only. Checking the database here would make
            # Kubernetes restart every pod during a database outage, which fixes nothing.
            return self._reply(start_response, 200, {"status": "alive"})
        if path == READINESS_PATH:
            results = self._run_checks()
            ready = not self._draining.is_set() and all(r == "ok" for r in results.values())
            body = {"ready": ready, "draining": self._draining.is_set(), "checks": results}
            return self._reply(start_response, 200 if ready else 503, body)
        return self._reply(start_response, 404, {"error": "not found"})

    # --8<-- [end:routes]

    def _run_checks(self) -> dict[str, str]:
        # Run checks in parallel with one overall deadline, so a hung dependency costs `timeout`, not a sum.
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


def tcp_check(host: str, port: int, timeout: float = 1.0) -> Check:
    """A cheap dependency check: can we open a TCP connection? Give each check its own timeout too."""

    def check() -> None:
        with socket.create_connection((host, port), timeout=timeout):
            pass

    return check


# Usage: the readiness checks are the dependencies without which this instance cannot serve a request.
app = HealthApp({"postgres": tcp_check("postgres", 5432), "redis": tcp_check("redis", 6379)})

if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    with make_server("", PORT, app) as server:
        server.serve_forever()
