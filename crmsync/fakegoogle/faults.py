"""Faults injected on purpose: errors, dropped connections and latency, by route and rate.

A fault matches a request by its Google method id (``calendar.events.insert``, or a glob such
as ``calendar.events.*``) or its path. Each call inside a batch is matched on its own, so a
fault can fail one part of a batch while the other parts succeed; ``in_batch`` narrows a
fault to batch parts (true) or to requests sent alone (false), and the batch envelope
itself is matched as ``batch.calendar`` / ``batch.people``. ``skip`` lets the first N
matching requests through, ``count`` stops the fault after N hits, ``rate`` fires it at
random (seeded, so runs repeat).

Kinds: ``500`` and ``503`` (backendError), ``429`` (rate limit, with ``retry_after``
seconds), ``403rate`` / ``403userRate`` (rateLimitExceeded / userRateLimitExceeded),
``403quota`` (quotaExceeded), ``drop`` (the connection closes unanswered; a batch part
answers 500), ``latency`` (``latency_ms`` more), and ``500after`` / ``dropAfter``, which
carry the call out first and then lose its answer.
"""

from __future__ import annotations

import fnmatch
import random
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = (
    "500",
    "503",
    "drop",
    "latency",
    "429",
    "403rate",
    "403userRate",
    "403quota",
    "500after",
    "dropAfter",
)
# Kinds that let the call be carried out and then lose its answer (a 500 instead of it, or
# a dropped connection; a batch part answers 500): a retried insert then meets its own id.
AFTER_KINDS = ("500after", "dropAfter")


@dataclass
class Fault:
    """Applies to requests whose Google method id (or path) matches ``match`` (fnmatch)."""

    match: str = "*"
    kind: str = "500"
    rate: float = 1.0  # probability per matching request
    count: int | None = None  # stop after this many hits (None: forever)
    latency_ms: int = 0
    retry_after: int = 1  # the Retry-After seconds of a 429
    in_batch: bool | None = None  # True: batch parts only; False: lone requests only
    skip: int = 0  # let this many matching requests through first
    hits: int = 0
    seen: int = 0  # matching requests so far, skipped ones included

    def applies(self, method_name: str, path: str, in_batch: bool = False) -> bool:
        if self.count is not None and self.hits >= self.count:
            return False
        if self.in_batch is not None and self.in_batch != in_batch:
            return False
        return fnmatch.fnmatchcase(method_name, self.match) or fnmatch.fnmatchcase(path, self.match)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FaultBook:
    faults: list[Fault] = field(default_factory=list)
    latency_ms: int = 0  # added to every HTTP request (a batch: once, not per part)
    batch_part_latency_ms: int = 0  # added to each call inside a batch
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def add(self, spec: dict[str, Any]) -> Fault:
        kind = str(spec.get("kind", "500"))
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {', '.join(KINDS)}")
        in_batch = spec.get("in_batch")
        if in_batch is not None and not isinstance(in_batch, bool):
            raise ValueError("in_batch is true, false or absent")
        fault = Fault(
            match=str(spec.get("match", "*")),
            kind=kind,
            rate=float(spec.get("rate", 1.0)),
            count=None if spec.get("count") is None else int(spec["count"]),
            latency_ms=int(spec.get("latency_ms", 0)),
            retry_after=int(spec.get("retry_after", 1)),
            in_batch=in_batch,
            skip=int(spec.get("skip", 0)),
        )
        self.faults.append(fault)
        return fault

    def pick(self, method_name: str, path: str, in_batch: bool = False) -> list[Fault]:
        """The faults that fire for this request (their counters move on)."""
        fired = []
        for fault in self.faults:
            if not fault.applies(method_name, path, in_batch):
                continue
            fault.seen += 1
            if fault.seen > fault.skip and self.rng.random() < fault.rate:
                fault.hits += 1
                fired.append(fault)
        return fired

    def reset(self) -> None:
        self.faults.clear()
        self.latency_ms = 0
        self.batch_part_latency_ms = 0
        self.rng = random.Random(0)
