"""OpenTelemetry tracing: nested spans in one service, and W3C `traceparent` propagation between services."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace import Span, SpanKind, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

T = TypeVar("T")

# W3C Trace Context: the `traceparent` header that OpenTelemetry SDKs, service meshes and most proxies share.
PROPAGATOR = TraceContextTextMapPropagator()


def make_tracer_provider(service_name: str, exporter: SpanExporter) -> TracerProvider:
    """In production pass an OTLP exporter (package opentelemetry-exporter-otlp) aimed at your collector,
    for example OTLPSpanExporter(endpoint="http://otel-collector:4317", insecure=True), and call
    opentelemetry.trace.set_tracer_provider(provider) once at startup."""
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    # Batching exports spans off the request path: a slow collector never slows a user request down.
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


# --8<-- [start:propagation]
def call_downstream(tracer: Tracer, name: str, send: Callable[[dict[str, str]], T]) -> T:
    """Client side: open a CLIENT span and hand its context to `send` as headers."""
    with tracer.start_as_current_span(name, kind=SpanKind.CLIENT):
        headers: dict[str, str] = {}
        PROPAGATOR.inject(headers)  # adds `traceparent` (and `tracestate` if set) for the current span
        return send(headers)


@contextlib.contextmanager
def server_span(tracer: Tracer, name: str, headers: Mapping[str, str]) -> Iterator[Span]:
    """Server side: continue the caller's trace, or start a new one if the request carries none."""
    # HTTP header names are case-insensitive; the propagator looks up the lower-case name.
    context = PROPAGATOR.extract({key.lower(): value for key, value in headers.items()})
    # An exception escaping the block is recorded on the span and marks it as an error.
    with tracer.start_as_current_span(name, context=context, kind=SpanKind.SERVER) as span:
        yield span


# --8<-- [end:propagation]


def post_json(url: str, body: dict[str, Any]) -> Callable[[dict[str, str]], int]:
    def send(headers: dict[str, str]) -> int:
        request = urllib.request.Request(
            url, data=json.dumps(body).encode(), method="POST", headers={**headers, "Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=2.0) as response:
            return int(response.status)

    return send


# Usage: the checkout service traces its own steps and passes the trace on to the payment service.
def checkout(tracer: Tracer, order_id: str, send: Callable[[dict[str, str]], int] | None = None) -> int:
    with tracer.start_as_current_span("checkout") as span:
        span.set_attribute("app.order_id", order_id)  # ids, not personal data: traces are widely readable
        with tracer.start_as_current_span("load_cart"):
            pass  # the database read would go here, as a child of "checkout"
        charge = send or post_json("http://payment-service:8080/charges", {"order_id": order_id})
        return call_downstream(tracer, "POST /charges", charge)


# In the payment service, for each incoming request:
def handle_charge(tracer: Tracer, headers: Mapping[str, str], order_id: str) -> str:
    with server_span(tracer, "POST /charges", headers) as span:
        span.set_attribute("app.order_id", order_id)
        return "charged"
