"""The Google side of the agenda sync: listing changes, reading and writing events.

Every HTTP request goes through one place, which paces it under the user's quota (each
request inside a batch counts, as Google counts them), counts it, and retries what Google
says to retry: 403 rateLimitExceeded/userRateLimitExceeded, 429, 5xx and dropped
connections, with exponential backoff, full jitter and Retry-After honoured. The library's
own retries are off (``num_retries=0``) so that every request sent is counted.

Writes go in batches of at most :data:`BATCH_SIZE`; inside a batch each part succeeds or
fails alone, and only the parts that may be retried are sent again. A :class:`Pipeline`
keeps up to :data:`PIPELINE_DEPTH` batches in flight at once, each on its own worker
thread and connection, so that one batch's round trip and the server's work hide the
building and reading of the others (Google serves a user's batches in parallel; the
limiter still counts every call of every batch before it goes). Batches are encoded by
:class:`~crmsync.google.batch_codec.LeanBatchHttpRequest`.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from typing import Any, Protocol

from googleapiclient.errors import BatchError, HttpError

from crmsync.google import pacing
from crmsync.google.batch_codec import LeanBatchHttpRequest
from crmsync.google.paced import (
    DAILY_QUOTA_REACHED,
    GoogleUnavailable,
    PacedClient,
    error_message,
)
from crmsync.google.session import GoogleSession, NetworkError

log = logging.getLogger(__name__)

#: Google advises at most 50 calls in a Calendar batch.
BATCH_SIZE = 50
PAGE_SIZE = 2500
#: Batches in flight at once in a :class:`Pipeline` (one worker thread and connection each).
PIPELINE_DEPTH = 3


class Window(Protocol):
    """The period a full listing covers: aware UTC instants (the sync's window is one)."""

    @property
    def start(self) -> dt.datetime: ...

    @property
    def end(self) -> dt.datetime: ...


class SyncTokenExpired(Exception):
    """Google answered 410 to a sync token: a full listing is due."""


@dataclass
class Call:
    """One Calendar call: ``insert``, ``update``, ``delete``, ``move`` or ``get``.

    ``update`` changes an existing event with only the fields its body holds (events.patch).
    """

    method: str
    calendar_id: str
    event_id: str = ""
    body: dict[str, Any] | None = None
    etag: str = ""
    destination: str = ""
    tag: Any = None


@dataclass
class CallResult:
    call: Call
    status: int
    event: dict[str, Any] | None = None
    kind: str | None = None  # pacing's error class, None on success
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.kind is None


@dataclass
class Listing:
    events: list[dict[str, Any]] = field(default_factory=list)
    next_sync_token: str = ""
    calendar_time_zone: str = ""
    #: The calendar's default popup reminder, in minutes (``None`` when it has none).
    default_popup: int | None = None


class CalendarClient(PacedClient):
    """One user's Calendar API, paced and counted (see :class:`PacedClient`)."""

    def __init__(self, session: GoogleSession, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self._local = threading.local()

    # --- reading ------------------------------------------------------------------------

    def list_events(
        self, calendar_id: str, *, sync_token: str | None, window: Window, time_zone: str
    ) -> Listing:
        """All events changed since ``sync_token``, or every event meeting ``window`` when
        there is none; raises :class:`SyncTokenExpired` on 410."""
        service = self.session.calendar()
        listing = Listing()
        page_token: str | None = None
        while True:
            args: dict[str, Any] = {
                "calendarId": calendar_id,
                "singleEvents": True,
                "showDeleted": True,
                "maxResults": PAGE_SIZE,
                "timeZone": time_zone,
            }
            if sync_token:
                args["syncToken"] = sync_token
            else:
                args["timeMin"] = _rfc3339(window.start)
                args["timeMax"] = _rfc3339(window.end)
            if page_token:
                args["pageToken"] = page_token
            try:
                answer = self._execute(service.events().list(**args))
            except HttpError as exc:
                if exc.resp.status == 410:
                    raise SyncTokenExpired(calendar_id) from None
                raise
            listing.events.extend(answer.get("items", []))
            listing.calendar_time_zone = answer.get("timeZone", listing.calendar_time_zone)
            listing.default_popup = default_popup(answer)
            page_token = answer.get("nextPageToken")
            if not page_token:
                listing.next_sync_token = answer.get("nextSyncToken", "")
                return listing

    def get_events(
        self, calendar_id: str, event_ids: list[str]
    ) -> dict[str, dict[str, Any] | None]:
        """The events by id (``None`` for one Google does not know), batched."""
        calls = [Call("get", calendar_id, event_id) for event_id in event_ids]
        found: dict[str, dict[str, Any] | None] = {}
        for result in self.run(calls):
            found[result.call.event_id] = result.event if result.ok else None
        return found

    def calendar_entry(self, calendar_id: str) -> dict[str, Any] | None:
        try:
            return self._execute(self.session.calendar().calendarList().get(calendarId=calendar_id))
        except HttpError as exc:
            if exc.resp.status == 404:
                return None
            raise

    # --- batches ------------------------------------------------------------------------

    def run(
        self, calls: list[Call], on_batch: Callable[[list[CallResult]], None] | None = None
    ) -> list[CallResult]:
        """Send ``calls`` in batches; ``on_batch`` gets each batch's final results as soon
        as they are known (the engine commits them batch by batch)."""
        results: list[CallResult] = []
        for start in range(0, len(calls), BATCH_SIZE):
            if self.cancelled():
                break
            done = self._run_batch(calls[start : start + BATCH_SIZE])
            if on_batch is not None:
                on_batch(done)
            results.extend(done)
        return results

    def _run_batch(self, calls: list[Call]) -> list[CallResult]:
        final: dict[int, CallResult] = {}
        pending = list(range(len(calls)))
        attempt = 0
        while pending:
            answers, retry_after = self._send_batch([calls[i] for i in pending])
            retry: list[int] = []
            for index, answer in zip(pending, answers, strict=True):
                if answer.kind in (pacing.RATE_LIMIT, pacing.RETRY):
                    retry.append(index)
                final[index] = answer
            if not retry:
                break
            if not self.backoff.should_retry(attempt):
                log.warning("Google still refused %d calls after %d retries", len(retry), attempt)
                break
            self._wait(attempt, retry_after)
            attempt += 1
            pending = retry
        return [final[i] for i in range(len(calls))]

    def _send_batch(self, calls: list[Call]) -> tuple[list[CallResult], float | None]:
        answers: dict[str, CallResult] = {}
        retry_after: list[float] = []

        def on_answer(request_id: str, response: Any, exception: Exception | None) -> None:
            call = calls[int(request_id)]
            if exception is None:
                answers[request_id] = CallResult(call, 200, response if response else None)
                return
            answers[request_id] = self._failure(call, exception, retry_after)

        batch = LeanBatchHttpRequest(
            callback=on_answer, batch_uri=self.session.endpoints.calendar_batch_uri
        )
        events = self._events()
        for index, call in enumerate(calls):
            batch.add(self._request(call, events), request_id=str(index))
        try:
            self._send(len(calls), lambda: self.session.execute_batch(batch))
        except BatchError as exc:
            # An answer that is not a readable batch: every part may be sent again.
            failure = [CallResult(c, 0, kind=pacing.RETRY, message=str(exc)) for c in calls]
            return failure, None
        except (HttpError, NetworkError) as exc:
            # The batch itself failed (after retries): every part fails with it.
            failure = [self._failure(call, exc, retry_after) for call in calls]
            return failure, (max(retry_after) if retry_after else None)
        results = [
            answers.get(str(i)) or CallResult(c, 0, kind=pacing.RETRY, message="no answer")
            for i, c in enumerate(calls)
        ]
        return results, (max(retry_after) if retry_after else None)

    def _events(self) -> Any:
        """This thread's ``events`` resource (~5 ms to build: once per thread)."""
        found = getattr(self._local, "events", None)
        if found is None:
            found = self._local.events = self.session.calendar().events()
        return found

    def pipeline(self, depth: int = PIPELINE_DEPTH) -> Pipeline:
        """Up to ``depth`` batches in flight at once; use it in a ``with`` block."""
        return Pipeline(self, depth)

    def _failure(self, call: Call, exc: Exception, retry_after: list[float]) -> CallResult:
        if isinstance(exc, HttpError):
            status = int(exc.resp.status)
            kind = pacing.classify_google_error(status, exc.content)
            wait = pacing.parse_retry_after(exc.resp.get("retry-after"))
            if wait is not None:
                retry_after.append(wait)
            if kind == pacing.QUOTA_EXCEEDED:
                raise GoogleUnavailable(DAILY_QUOTA_REACHED) from None
            return CallResult(call, status, kind=kind, message=error_message(exc))
        return CallResult(call, 0, kind=pacing.RETRY, message=str(exc))

    def _request(self, call: Call, events: Any) -> Any:
        if call.method == "insert":
            request = events.insert(calendarId=call.calendar_id, body=call.body, sendUpdates="none")
        elif call.method == "update":
            # A PATCH, never a PUT: the body holds only the fields we own and change, and
            # Google keeps the rest (guests, "show as", other apps' properties...). The
            # reference says a patch costs three quota units where a get and an update cost
            # two requests; one round trip that cannot wipe a field added meanwhile is
            # worth it (If-Match still refuses an event changed since it was read).
            request = events.patch(
                calendarId=call.calendar_id,
                eventId=call.event_id,
                body=call.body,
                sendUpdates="none",
            )
        elif call.method == "delete":
            request = events.delete(
                calendarId=call.calendar_id, eventId=call.event_id, sendUpdates="none"
            )
        elif call.method == "move":
            request = events.move(
                calendarId=call.calendar_id,
                eventId=call.event_id,
                destination=call.destination,
                sendUpdates="none",
            )
        elif call.method == "get":
            request = events.get(calendarId=call.calendar_id, eventId=call.event_id)
        else:  # pragma: no cover - the engine only builds the calls above
            raise ValueError(call.method)
        if call.etag and call.method in ("update", "delete"):
            # The library never sends If-Match by itself.
            request.headers["If-Match"] = call.etag
        return request


class Pipeline:
    """Batches sent by worker threads, up to ``depth`` at once, answered in the order sent.

    ``submit`` hands a batch over (the caller has recorded whatever must precede the
    request, such as its intents); ``ready`` yields the oldest batches' results once they
    are in, waiting only while the pipeline is full; ``drain`` waits for all. Each result
    is a :class:`Future`: ``result()`` gives the batch's :class:`CallResult` list (empty
    when the run was cancelled before the batch went: nothing of it was sent) or raises
    what sending it raised.

    The first batch goes alone, and one more may be in flight after each batch answered,
    up to ``depth``: a run Google refuses (a daily quota reached, an access revoked) or one
    cancelled right away learns it from one batch, not ``depth``. Worker threads each use
    their own connection (the session's, per thread), closed when the pipeline ends;
    leaving the ``with`` block waits for the batches still in flight, so none is left
    half-sent.
    """

    def __init__(self, client: CalendarClient, depth: int) -> None:
        if depth < 1:
            raise ValueError(f"depth must be at least 1, not {depth}")
        self.client = client
        self.depth = depth
        self._jobs: queue.Queue[tuple[list[Call], Future[list[CallResult]]] | None] = queue.Queue()
        self._in_flight: deque[Future[list[CallResult]]] = deque()
        self._threads: list[threading.Thread] = []
        self._room = 1  # batches allowed in flight now; grows to depth

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, calls: list[Call]) -> Future[list[CallResult]]:
        """Send ``calls`` (at most :data:`BATCH_SIZE`) on a worker; its results come later."""
        if len(calls) > BATCH_SIZE:
            raise ValueError(f"a pipeline sends batches of at most {BATCH_SIZE} calls")
        future: Future[list[CallResult]] = Future()
        if len(self._threads) < min(self._room, self.depth):
            thread = threading.Thread(target=self._work, name="calendar-batch", daemon=True)
            thread.start()
            self._threads.append(thread)
        self._in_flight.append(future)
        self._jobs.put((calls, future))
        return future

    def ready(self) -> Iterator[Future[list[CallResult]]]:
        """The oldest batches that are answered, waiting for the oldest while the pipeline
        is full."""
        while self._in_flight and (len(self._in_flight) >= self._room or self._in_flight[0].done()):
            future = self._in_flight.popleft()
            if _settled(future):
                self._room = min(self.depth, self._room + 1)
            yield future

    def drain(self) -> Iterator[Future[list[CallResult]]]:
        """Every batch still in flight, oldest first, once answered (or cancelled)."""
        while self._in_flight:
            future = self._in_flight.popleft()
            _settled(future)
            yield future

    def cancel_pending(self) -> None:
        """Withdraw the batches no worker has started sending (their futures end
        cancelled: nothing of them went)."""
        for future in self._in_flight:
            future.cancel()

    def close(self) -> None:
        """Withdraw the batches not started, wait for those being sent, stop the workers."""
        self.cancel_pending()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._threads = []

    def _work(self) -> None:
        try:
            while (job := self._jobs.get()) is not None:
                calls, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(self.client.run(calls))
                except BaseException as exc:  # handed to the thread that reads the result
                    future.set_exception(exc)
        finally:
            self.client.session.release_thread()  # its connection, if it opened one


def _settled(future: Future[list[CallResult]]) -> bool:
    """Wait for ``future``; whether it ended with results (not an error, not cancelled)."""
    try:
        return future.exception() is None
    except CancelledError:
        return False


def _rfc3339(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_popup(answer: dict[str, Any] | None) -> int | None:
    """The calendar's default popup reminder (``defaultReminders`` of an events listing or
    a calendar-list entry), if any."""
    for reminder in (answer or {}).get("defaultReminders") or []:
        if reminder.get("method") == "popup":
            return int(reminder.get("minutes", 0))
    return None
