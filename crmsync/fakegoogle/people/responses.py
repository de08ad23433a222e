"""People v1 handlers: parse the request, apply the model's rules, answer Google's shapes.

Handlers run under the state lock (the dispatcher takes it), after authentication, scope
and quota checks, so each one sees and leaves a consistent address book.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from crmsync.fakegoogle.http import Request, Response
from crmsync.fakegoogle.people import exceptions as errors
from crmsync.fakegoogle.people import groups, photos, tokens
from crmsync.fakegoogle.people.fields import (
    READ_FIELDS,
    WRITE_FIELDS,
    check_schema,
    parse_mask,
    writable_fields,
)
from crmsync.fakegoogle.people.models import AddressBook, Contact, PeopleBackend
from crmsync.fakegoogle.people.render import render_contact, render_deleted, render_profile
from crmsync.fakegoogle.state import Account, EmulatorState

MAX_BATCH_GET = 200
MAX_BATCH_CREATE = 200
MAX_BATCH_UPDATE = 200
MAX_BATCH_DELETE = 500
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
SORT_ORDERS = (
    "LAST_MODIFIED_ASCENDING",
    "LAST_MODIFIED_DESCENDING",
    "FIRST_NAME_ASCENDING",
    "LAST_NAME_ASCENDING",
)
_CONTACT_ID = re.compile(r"c\d{1,20}")
_OK_STATUS: dict[str, Any] = {}  # google.rpc.Status of a success renders as {}


# --- shared parsing --------------------------------------------------------------------


def _account(request: Request) -> Account:
    assert request.account is not None  # the dispatcher authenticated the request
    return request.account


def _book(request: Request, state: EmulatorState) -> AddressBook:
    backend: PeopleBackend = state.backend("people")
    return backend.book(_account(request).email)


def _read_fields(request: Request, *, required: bool = True) -> list[str] | None:
    """``personFields``, or the deprecated ``requestMask.includeField`` (``person.x`` paths)."""
    raw = request.arg("personFields")
    if raw is None and request.arg("requestMask.includeField"):
        return parse_mask(request.arg("requestMask.includeField"), "requestMask", READ_FIELDS)
    return parse_mask(raw, "personFields", READ_FIELDS, required=required)


def _person_id(resource_name: str) -> str:
    """``c123`` from ``people/c123``; 400 for anything that cannot name a contact."""
    person_id = resource_name.removeprefix("people/")
    if not _CONTACT_ID.fullmatch(person_id):
        raise errors.invalid_argument(f'Resource name "{resource_name}" is not a valid contact.')
    return person_id


def _live(book: AddressBook, person_id: str) -> Contact:
    contact = book.get(person_id)
    if contact is None:
        raise errors.not_found()
    return contact


def _is_me(request: Request, person_id: str) -> bool:
    return person_id in ("me", _account(request).sub)


def _check_etag(person: dict[str, Any], contact: Contact) -> None:
    """A write must name the contact source it changes and the version it was based on.

    Google's updateContact reference: a 400 when ``person.metadata.sources`` does not name
    the contact being updated (or names no contact source), and a 400 "failedPrecondition"
    when that source's etag is not the contact's current one — the contact changed since it
    was read. The person etag, when sent, is held to the same rule. batchUpdateContacts
    takes the same Person for each entry, so it checks each one alike.
    """
    sources = (person.get("metadata") or {}).get("sources") or []
    ours = [
        s
        for s in sources
        if isinstance(s, dict) and s.get("type") == "CONTACT" and s.get("id") == contact.source_id
    ]
    if not ours:
        raise errors.sources_missing()
    if not ours[0].get("etag"):
        raise errors.etag_missing()
    if ours[0]["etag"] != contact.source_etag:
        raise errors.etag_mismatch(source_etag=True)
    if person.get("etag") and person["etag"] != contact.etag:
        raise errors.etag_mismatch(source_etag=False)


def _check_memberships(update: list[str], data: dict[str, list[dict[str, Any]]]) -> None:
    if "memberships" in update and not data.get("memberships"):
        raise errors.invalid_argument(
            "Invalid person: updating memberships requires at least one contact group membership."
        )


def _changed(state: EmulatorState) -> None:
    state.dirty = True


# --- reads -----------------------------------------------------------------------------


def get_person(request: Request, state: EmulatorState) -> Response:
    """people.get: a contact, or the signed-in user's profile for ``people/me``."""
    fields = _read_fields(request) or []
    person_id = request.params["person_id"]
    if _is_me(request, person_id):
        return Response(200, render_profile(_account(request), fields, state.base_url))
    contact = _live(_book(request, state), _person_id(person_id))
    return Response(200, render_contact(contact, fields, state.base_url))


def batch_get(request: Request, state: EmulatorState) -> Response:
    """people.getBatchGet: per-name answers; a missing contact is a 404 entry, not an error."""
    fields = _read_fields(request) or []
    names = request.args("resourceNames")
    if not names:
        raise errors.invalid_argument("Request must contain at least one resource name.")
    if len(names) > MAX_BATCH_GET:
        raise errors.too_many("resource names", MAX_BATCH_GET, len(names))
    book = _book(request, state)
    answers = []
    for name in names:
        answer: dict[str, Any] = {"requestedResourceName": name}
        raw_id = name.removeprefix("people/")
        person: dict[str, Any] | None
        if _is_me(request, raw_id):
            person = render_profile(_account(request), fields, state.base_url)
        else:
            contact = book.get(raw_id) if _CONTACT_ID.fullmatch(raw_id) else None
            person = render_contact(contact, fields, state.base_url) if contact else None
        if person is None:
            answer.update(
                httpStatusCode=404, status={"code": 5, "message": "Requested entity was not found."}
            )
        else:
            answer.update(httpStatusCode=200, person=person, status=_OK_STATUS)
        answers.append(answer)
    return Response(200, {"responses": answers})


def list_connections(request: Request, state: EmulatorState) -> Response:
    """people.connections.list: full listing, paging, and incremental sync by token."""
    if request.params["person_id"] != "me":
        raise errors.invalid_argument("Only people/me is valid for connections.list.")
    fields = _read_fields(request) or []
    page_size = _page_size(request.arg("pageSize"))
    sort = request.arg("sortOrder") or SORT_ORDERS[0]
    if sort not in SORT_ORDERS:
        raise errors.invalid_argument(f"Invalid value for sortOrder: {sort}")
    want_token = (request.arg("requestSyncToken") or "").lower() == "true"
    account, book, now = _account(request), _book(request, state), state.clock.time()
    me = tokens.account_tag(account.email)
    params = tokens.params_tag(
        [
            request.arg("personFields"),
            request.arg("requestMask.includeField"),
            request.arg("sortOrder"),
            request.arg("requestSyncToken"),
            request.arg("syncToken"),
            ",".join(request.args("sources")),
        ]
    )

    since, started = 0, now
    sync_token = request.arg("syncToken")
    if sync_token:
        since, started = tokens.read_sync_token(
            sync_token, "sync", me=me, epoch=book.epoch, seq=book.seq, now=now
        )

    snapshot, cursor = book.seq, 0
    page_token = request.arg("pageToken")
    if page_token:
        snapshot, cursor, started = tokens.read_page_token(
            page_token, "page", me=me, epoch=book.epoch, params=params
        )

    if sync_token or sort == "LAST_MODIFIED_ASCENDING":
        # Cursor = change number of the last contact sent: a contact changed while the
        # client pages comes again at the end, never vanishes from the listing.
        chunk = list(
            itertools.islice(
                book.after(cursor, since=since, include_deleted=bool(sync_token)), page_size + 1
            )
        )
        more = len(chunk) > page_size
        chunk = chunk[:page_size]
        next_cursor = chunk[-1].seq if chunk else cursor
        total = book.count_changed_since(since) if sync_token else book.live
    else:
        ordered = _sorted(book, sort)
        chunk = ordered[cursor : cursor + page_size]
        more = cursor + page_size < len(ordered)
        next_cursor = cursor + page_size
        total = len(ordered)

    body: dict[str, Any] = {}
    if chunk:
        body["connections"] = [
            render_deleted(c) if c.deleted else render_contact(c, fields, state.base_url)
            for c in chunk
        ]
    if more:
        body["nextPageToken"] = tokens.encode(
            {
                "k": "page",
                "a": me,
                "e": book.epoch,
                "s": snapshot,
                "c": next_cursor,
                "h": params,
                "t": started,
            }
        )
    elif want_token:
        # The token stands for the state when the listing began, so whatever changed
        # while the client paged comes back in its next incremental sync.
        body["nextSyncToken"] = tokens.encode(
            {"k": "sync", "a": me, "e": book.epoch, "s": snapshot, "t": started}
        )
    if total:  # proto3 JSON leaves zero counts out
        body["totalPeople"] = total
        body["totalItems"] = total
    return Response(200, body)


def _page_size(raw: str | None) -> int:
    return groups.page_size(raw, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _sorted(book: AddressBook, sort: str) -> list[Contact]:
    live = list(book.live_contacts())
    if sort == "LAST_MODIFIED_DESCENDING":
        return live[::-1]
    key = "givenName" if sort == "FIRST_NAME_ASCENDING" else "familyName"

    def name_of(contact: Contact) -> tuple[bool, str]:
        names = contact.fields.get("names") or [{}]
        value = str(names[0].get(key) or "").casefold()
        return (value == "", value)  # contacts without that name come last

    return sorted(live, key=name_of)


# --- writes ----------------------------------------------------------------------------


def create_contact(request: Request, state: EmulatorState) -> Response:
    fields = _read_fields(request, required=False) or list(READ_FIELDS)
    person = check_schema(request.json(), "Person", "person")
    data = writable_fields(person)
    book = _book(request, state)
    groups.check_memberships(book, data, None)
    contact = book.create(data, state.clock.time())
    _changed(state)
    return Response(200, render_contact(contact, fields, state.base_url))


def update_contact(request: Request, state: EmulatorState) -> Response:
    update = (
        parse_mask(
            request.arg("updatePersonFields"),
            "updatePersonFields",
            WRITE_FIELDS,
            method="updateContact",
        )
        or []
    )
    fields = _read_fields(request, required=False) or list(READ_FIELDS)
    person = check_schema(request.json(), "Person", "person")
    data = writable_fields(person, only=update)
    _check_memberships(update, data)
    book = _book(request, state)
    contact = _live(book, _person_id(request.params["person_id"]))
    _check_etag(person, contact)
    groups.check_memberships(book, data, contact)
    book.update(contact, data, state.clock.time())
    _changed(state)
    return Response(200, render_contact(contact, fields, state.base_url))


def delete_contact(request: Request, state: EmulatorState) -> Response:
    book = _book(request, state)
    contact = _live(book, _person_id(request.params["person_id"]))
    book.delete(contact, state.clock.time())
    _changed(state)
    return Response(200, {})


def batch_create(request: Request, state: EmulatorState) -> Response:
    """All or nothing: every contact is checked before any is created."""
    body = check_schema(request.json(), "BatchCreateContactsRequest", "")
    read = parse_mask(body.get("readMask"), "readMask", READ_FIELDS, required=False)
    contacts = body.get("contacts") or []
    if not contacts:
        raise errors.invalid_argument("Request must contain at least one contact.")
    if len(contacts) > MAX_BATCH_CREATE:
        raise errors.too_many("contacts", MAX_BATCH_CREATE, len(contacts))
    prepared = [writable_fields(c.get("contactPerson") or {}) for c in contacts]
    book, now = _book(request, state), state.clock.time()
    for data in prepared:
        groups.check_memberships(book, data, None)
    created = [book.create(data, now) for data in prepared]
    _changed(state)
    if read is None:  # "if read mask is left empty, the post-mutate-get is skipped"
        return Response(200, {})
    return Response(
        200,
        {
            "createdPeople": [
                {
                    "httpStatusCode": 200,
                    "person": render_contact(c, read, state.base_url),
                    "status": _OK_STATUS,
                }
                for c in created
            ]
        },
    )


def batch_update(request: Request, state: EmulatorState) -> Response:
    """All or nothing: a missing contact or a stale etag fails the whole request."""
    body = check_schema(request.json(), "BatchUpdateContactsRequest", "")
    update = (
        parse_mask(body.get("updateMask"), "updateMask", WRITE_FIELDS, method="batchUpdateContacts")
        or []
    )
    read = parse_mask(body.get("readMask"), "readMask", READ_FIELDS, required=False)
    contacts: dict[str, dict[str, Any]] = body.get("contacts") or {}
    if not contacts:
        raise errors.invalid_argument("Request must contain at least one contact.")
    if len(contacts) > MAX_BATCH_UPDATE:
        raise errors.too_many("contacts", MAX_BATCH_UPDATE, len(contacts))
    book = _book(request, state)
    plan: list[tuple[str, Contact, dict[str, list[dict[str, Any]]]]] = []
    for name, person in contacts.items():
        data = writable_fields(person, only=update)
        _check_memberships(update, data)
        contact = _live(book, _person_id(name))
        _check_etag(person, contact)
        groups.check_memberships(book, data, contact)
        plan.append((name, contact, data))
    now = state.clock.time()
    for _name, contact, data in plan:
        book.update(contact, data, now)
    _changed(state)
    if read is None:
        return Response(200, {})
    result = {
        name: {
            "httpStatusCode": 200,
            "person": render_contact(contact, read, state.base_url),
            "requestedResourceName": name,
            "status": _OK_STATUS,
        }
        for name, contact, _data in plan
    }
    return Response(200, {"updateResult": result})


def batch_delete(request: Request, state: EmulatorState) -> Response:
    body = check_schema(request.json(), "BatchDeleteContactsRequest", "")
    names = list(dict.fromkeys(body.get("resourceNames") or []))
    if not names:
        raise errors.invalid_argument("Request must contain at least one resource name.")
    if len(names) > MAX_BATCH_DELETE:
        raise errors.too_many("resource names", MAX_BATCH_DELETE, len(names))
    book = _book(request, state)
    doomed = [_live(book, _person_id(name)) for name in names]
    now = state.clock.time()
    for contact in doomed:
        book.delete(contact, now)
    _changed(state)
    return Response(200, {})


def update_photo(request: Request, state: EmulatorState) -> Response:
    body = check_schema(request.json(), "UpdateContactPhotoRequest", "")
    read = parse_mask(body.get("personFields"), "personFields", READ_FIELDS, required=False)
    data = photos.decode_photo_bytes(body.get("photoBytes"))
    mime = photos.validate(data)
    backend: PeopleBackend = state.backend("people")
    book = _book(request, state)
    contact = _live(book, _person_id(request.params["person_id"]))
    book.set_photo(contact, backend.new_photo(data, mime), state.clock.time())
    _changed(state)
    if read is None:  # "otherwise this will be unset"
        return Response(200, {})
    return Response(200, {"person": render_contact(contact, read, state.base_url)})


def delete_photo(request: Request, state: EmulatorState) -> Response:
    read = _read_fields(request, required=False)
    book = _book(request, state)
    contact = _live(book, _person_id(request.params["person_id"]))
    if contact.photo is not None:
        book.set_photo(contact, None, state.clock.time())
        _changed(state)
    if read is None:
        return Response(200, {})
    return Response(200, {"person": render_contact(contact, read, state.base_url)})
