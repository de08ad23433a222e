"""contactGroups (labels): list with sync tokens, get, batchGet, create, update, delete and
members.modify, plus the membership rules that contact writes share with them.

What Google shows, and the emulator with it:

- ``contactGroups.list`` gives the user's own groups first (newest first here), then the
  eight system groups (``chatBuddies``, ``all``, ``myContacts``, ``friends``, ``family``,
  ``coworkers``, ``blocked``, ``starred``). System groups carry no ``etag`` and no
  ``metadata``; user groups have both. ``memberCount`` is left out when it is zero (proto3
  JSON). The last page always carries ``nextSyncToken`` (there is no ``requestSyncToken``
  on this method); a sync token lists the user groups changed since, deleted ones as
  ``{"resourceName", "etag", "metadata": {"updateTime", "deleted": true}}``.
- Only ``myContacts`` and ``starred`` accept new members among system groups; the others are
  deprecated and answer 400 "Cannot add contacts to deprecated system contact group" to
  ``members.modify`` and to ``updateContact`` memberships alike. Members can be removed from
  any group, but never from their last one (``canNotRemoveLastContactGroupResourceNames``).
- Names are unique among the user's groups: a duplicate is 409 ALREADY_EXISTS. System
  groups cannot be renamed or deleted (400).
- A group's etag and ``updateTime`` move when the group itself (name, client data) changes;
  adding or removing members changes the *contacts* (their memberships and etags), not the
  group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crmsync.fakegoogle.clock import rfc3339
from crmsync.fakegoogle.http import Request, Response
from crmsync.fakegoogle.people import exceptions as errors
from crmsync.fakegoogle.people import tokens
from crmsync.fakegoogle.people.fields import check_schema
from crmsync.fakegoogle.people.models import (
    ADDABLE_SYSTEM_GROUPS,
    SYSTEM_GROUPS,
    AddressBook,
    Contact,
    Group,
    PeopleBackend,
    group_names_of,
    membership,
)
from crmsync.fakegoogle.state import EmulatorState

PREFIX = "contactGroups/"
GROUP_FIELDS = ("clientData", "groupType", "memberCount", "metadata", "name")
DEFAULT_READ_FIELDS = ["metadata", "groupType", "memberCount", "name"]  # list, get, batchGet
DEFAULT_MUTATE_READ_FIELDS = ["metadata", "groupType", "name"]  # create, update
CREATE_READ_FIELDS = ("clientData", "groupType", "metadata", "name")  # no memberCount there
UPDATE_GROUP_FIELDS = ("clientData", "name")
DEFAULT_PAGE_SIZE = 30
MAX_PAGE_SIZE = 1000
MAX_BATCH_GET = 200
MAX_MODIFY = 1000  # resourceNamesToAdd + resourceNamesToRemove
_CONTACT_NAME = re.compile(r"people/c\d{1,20}")
_OK_STATUS: dict[str, Any] = {}


@dataclass
class GroupView:
    """A group as requests see it: a stored user group, or a system group by id."""

    resource_name: str
    group: Group | None = None  # None for system groups

    @property
    def system_id(self) -> str:
        return self.resource_name.removeprefix(PREFIX)

    @property
    def is_system(self) -> bool:
        return self.group is None


# --- shared parsing --------------------------------------------------------------------


def _book(request: Request, state: EmulatorState) -> AddressBook:
    assert request.account is not None  # the dispatcher authenticated the request
    backend: PeopleBackend = state.backend("people")
    return backend.book(request.account.email)


def _resolve(book: AddressBook, group_id: str) -> GroupView:
    """The group a path names; 404 when no such group (or it was deleted)."""
    if group_id in SYSTEM_GROUPS:
        return GroupView(PREFIX + group_id)
    group = book.group(group_id)
    if group is None:
        raise errors.not_found()
    return GroupView(group.resource_name, group)


def _mask(raw: Any, name: str, allowed: tuple[str, ...], default: list[str]) -> list[str]:
    """A group field mask; the method's default when unset or empty (as documented)."""
    if raw is None or not str(raw).strip():
        return list(default)
    fields: list[str] = []
    for part in str(raw).split(","):
        path = part.strip().removeprefix("contactGroup.")
        camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), path)
        if camel not in allowed:
            raise errors.invalid_argument(
                f'Invalid {name} mask path: "{part.strip()}". Valid paths are: '
                + ", ".join(allowed)
                + "."
            )
        if camel not in fields:
            fields.append(camel)
    return fields


def _int_arg(raw: str | None, name: str) -> int:
    try:
        value = int(raw) if raw not in (None, "") else 0
    except ValueError:
        raise errors.invalid_argument(
            f"Invalid value at '{name}' (TYPE_INT32), \"{raw}\""
        ) from None
    if value < 0:
        raise errors.invalid_argument(f"{name} must not be negative; got {value}.")
    return value


def page_size(raw: str | None, default: int, maximum: int) -> int:
    """``pageSize``: 0 or unset is the default; above the documented maximum is served as
    the maximum (long-lived clients ask for more, e.g. goobook's 2000, and Google serves
    them); a negative size is a 400."""
    size = _int_arg(raw, "page_size")
    if size == 0:
        return default
    return min(size, maximum)


def _client_data(items: list[dict[str, Any]] | None) -> list[dict[str, str]]:
    """GroupClientData entries as stored: key and value strings (duplicates allowed)."""
    return [
        {k: str(item[k]) for k in ("key", "value") if item.get(k) is not None}
        for item in items or []
    ]


def _timestamp(seconds: float) -> str:
    return rfc3339(datetime.fromtimestamp(seconds, tz=UTC))


# --- rendering -------------------------------------------------------------------------


def render_group(
    view: GroupView,
    fields: list[str],
    counts: dict[str, int],
    members: list[str] | None = None,
) -> dict[str, Any]:
    """A ContactGroup with the requested fields (resourceName always, etag for user groups)."""
    group = view.group
    out: dict[str, Any] = {"resourceName": view.resource_name}
    if group is not None:
        out["etag"] = group.etag
        if "metadata" in fields:
            out["metadata"] = {"updateTime": _timestamp(group.update_time)}
    if "groupType" in fields:
        out["groupType"] = "SYSTEM_CONTACT_GROUP" if group is None else "USER_CONTACT_GROUP"
    if "name" in fields:
        if group is None:
            out["name"] = view.system_id
            out["formattedName"] = SYSTEM_GROUPS[view.system_id]
        else:
            out["name"] = group.name
            out["formattedName"] = group.name
    if members:
        out["memberResourceNames"] = members
    count = counts.get(view.resource_name, 0)
    if "memberCount" in fields and count:  # proto3 JSON leaves zero out
        out["memberCount"] = count
    if "clientData" in fields and group is not None and group.client_data:
        out["clientData"] = [dict(item) for item in group.client_data]
    return out


def render_deleted_group(group: Group) -> dict[str, Any]:
    return {
        "resourceName": group.resource_name,
        "etag": group.etag,
        "metadata": {"updateTime": _timestamp(group.update_time), "deleted": True},
    }


def _views(book: AddressBook, cursor: int) -> list[GroupView]:
    """The full listing after ``cursor``: 0 is the start, n > 0 follows user group number
    n, -(i + 1) follows system group i. Groups made while a client pages are left to its
    next incremental sync rather than shifting the pages."""
    systems = [GroupView(PREFIX + gid) for gid in SYSTEM_GROUPS]
    users = [GroupView(g.resource_name, g) for g in book.live_groups()]
    if cursor > 0:
        return [v for v in users if v.group is not None and v.group.number < cursor] + systems
    if cursor < 0:
        return systems[-cursor:]
    return users + systems


def _cursor_after(view: GroupView) -> int:
    if view.group is not None:
        return view.group.number
    return -(list(SYSTEM_GROUPS).index(view.system_id) + 1)


# --- reads -----------------------------------------------------------------------------


def list_groups(request: Request, state: EmulatorState) -> Response:
    """contactGroups.list: full listing or changes since a sync token, paged."""
    fields = _mask(request.arg("groupFields"), "groupFields", GROUP_FIELDS, DEFAULT_READ_FIELDS)
    size = page_size(request.arg("pageSize"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    assert request.account is not None
    book, now = _book(request, state), state.clock.time()
    me = tokens.account_tag(request.account.email)
    params = tokens.params_tag([request.arg("groupFields"), request.arg("syncToken")])

    since: int | None = None
    started = now
    sync_token = request.arg("syncToken")
    if sync_token:
        since, started = tokens.read_sync_token(
            sync_token, "groupsync", me=me, epoch=book.epoch, seq=book.group_seq, now=now
        )

    snapshot, cursor = book.group_seq, 0
    page_token = request.arg("pageToken")
    if page_token:
        snapshot, cursor, started = tokens.read_page_token(
            page_token, "grouppage", me=me, epoch=book.epoch, params=params
        )

    body: dict[str, Any] = {}
    if since is not None:
        # Cursor = change number of the last group sent, so a group changed while the
        # client pages comes again at the end instead of being skipped.
        changed = book.groups_changed_since(max(since, cursor))
        chunk_groups = changed[:size]
        more = len(changed) > size
        next_cursor = chunk_groups[-1].seq if chunk_groups else cursor
        total = len(book.groups_changed_since(since))
        if chunk_groups:
            counts = book.member_counts() if "memberCount" in fields else {}
            body["contactGroups"] = [
                render_deleted_group(g)
                if g.deleted
                else render_group(GroupView(g.resource_name, g), fields, counts)
                for g in chunk_groups
            ]
    else:
        views = _views(book, cursor)
        chunk = views[:size]
        more = len(views) > size
        next_cursor = _cursor_after(chunk[-1]) if chunk else cursor
        total = len(book.live_groups()) + len(SYSTEM_GROUPS)
        counts = book.member_counts() if "memberCount" in fields else {}
        body["contactGroups"] = [render_group(v, fields, counts) for v in chunk]
    if total:
        body["totalItems"] = total
    if more:
        body["nextPageToken"] = tokens.encode(
            {
                "k": "grouppage",
                "a": me,
                "e": book.epoch,
                "s": snapshot,
                "c": next_cursor,
                "h": params,
                "t": started,
            }
        )
    else:
        body["nextSyncToken"] = tokens.encode(
            {"k": "groupsync", "a": me, "e": book.epoch, "s": snapshot, "t": started}
        )
    return Response(200, body)


def _members(book: AddressBook, view: GroupView, max_members: int) -> list[str] | None:
    if not max_members:
        return None
    return [c.resource_name for c in book.members(view.resource_name)[:max_members]]


def get_group(request: Request, state: EmulatorState) -> Response:
    """contactGroups.get: one group; ``maxMembers`` > 0 lists that many member names."""
    fields = _mask(request.arg("groupFields"), "groupFields", GROUP_FIELDS, DEFAULT_READ_FIELDS)
    max_members = _int_arg(request.arg("maxMembers"), "max_members")
    book = _book(request, state)
    view = _resolve(book, request.params["group_id"])
    counts = book.member_counts() if "memberCount" in fields else {}
    return Response(200, render_group(view, fields, counts, _members(book, view, max_members)))


def batch_get_groups(request: Request, state: EmulatorState) -> Response:
    """contactGroups.batchGet: one answer per name; an unknown group is a 404 entry."""
    fields = _mask(request.arg("groupFields"), "groupFields", GROUP_FIELDS, DEFAULT_READ_FIELDS)
    max_members = _int_arg(request.arg("maxMembers"), "max_members")
    names = request.args("resourceNames")
    if not names:
        raise errors.invalid_argument("Request must contain at least one resource name.")
    if len(names) > MAX_BATCH_GET:
        raise errors.too_many("resource names", MAX_BATCH_GET, len(names))
    book = _book(request, state)
    counts = book.member_counts() if "memberCount" in fields else {}
    answers = []
    for name in names:
        answer: dict[str, Any] = {"requestedResourceName": name}
        group_id = name.removeprefix(PREFIX)
        if not name.startswith(PREFIX) or not group_id or "/" in group_id:
            answer["status"] = {"code": 3, "message": f'Invalid resource name "{name}".'}
        elif group_id in SYSTEM_GROUPS or book.group(group_id) is not None:
            view = _resolve(book, group_id)
            answer["contactGroup"] = render_group(
                view, fields, counts, _members(book, view, max_members)
            )
            answer["status"] = _OK_STATUS
        else:
            answer["status"] = {"code": 5, "message": "Requested entity was not found."}
        answers.append(answer)
    return Response(200, {"responses": answers})


# --- writes ----------------------------------------------------------------------------


def _new_name(raw: Any) -> str:
    name = str(raw or "").strip()
    if not name:
        raise errors.group_name_missing()
    return name


def create_group(request: Request, state: EmulatorState) -> Response:
    body = check_schema(request.json(), "CreateContactGroupRequest", "")
    fields = _mask(
        body.get("readGroupFields"),
        "readGroupFields",
        CREATE_READ_FIELDS,
        DEFAULT_MUTATE_READ_FIELDS,
    )
    wanted = body.get("contactGroup") or {}
    name = _new_name(wanted.get("name"))
    book = _book(request, state)
    if book.group_named(name) is not None:
        raise errors.group_name_taken(name)
    group = book.create_group(name, _client_data(wanted.get("clientData")), state.clock.time())
    state.dirty = True
    return Response(200, render_group(GroupView(group.resource_name, group), fields, {}))


def update_group(request: Request, state: EmulatorState) -> Response:
    """contactGroups.update: replaces the masked fields (``name`` by default); the body
    must carry the etag the client read, as contact updates must."""
    body = check_schema(request.json(), "UpdateContactGroupRequest", "")
    update = _mask(
        body.get("updateGroupFields"), "updateGroupFields", UPDATE_GROUP_FIELDS, ["name"]
    )
    fields = _mask(
        body.get("readGroupFields"), "readGroupFields", GROUP_FIELDS, DEFAULT_MUTATE_READ_FIELDS
    )
    book = _book(request, state)
    view = _resolve(book, request.params["group_id"])
    if view.group is None:
        raise errors.system_group_read_only(view.resource_name, "update")
    group = view.group
    wanted = body.get("contactGroup") or {}
    if not wanted.get("etag"):
        raise errors.group_etag_missing()
    if wanted["etag"] != group.etag:
        raise errors.group_etag_mismatch()
    name = None
    if "name" in update:
        name = _new_name(wanted.get("name"))
        other = book.group_named(name)
        if other is not None and other is not group:
            raise errors.group_name_taken(name)
    client_data = _client_data(wanted.get("clientData")) if "clientData" in update else None
    book.update_group(group, name, client_data, state.clock.time())
    state.dirty = True
    counts = book.member_counts() if "memberCount" in fields else {}
    return Response(200, render_group(view, fields, counts))


def delete_group(request: Request, state: EmulatorState) -> Response:
    """contactGroups.delete: members lose the label, or are deleted with ``deleteContacts``."""
    book = _book(request, state)
    view = _resolve(book, request.params["group_id"])
    if view.group is None:
        raise errors.system_group_read_only(view.resource_name, "delete")
    delete_contacts = (request.arg("deleteContacts") or "").lower() == "true"
    book.delete_group(view.group, state.clock.time(), delete_contacts=delete_contacts)
    state.dirty = True
    return Response(200, {})


def modify_members(request: Request, state: EmulatorState) -> Response:
    """contactGroups.members.modify: adds, then removes; names that match no contact come
    back in ``notFoundResourceNames``, contacts that would be left in no group at all in
    ``canNotRemoveLastContactGroupResourceNames`` (and keep their membership)."""
    body = check_schema(request.json(), "ModifyContactGroupMembersRequest", "")
    to_add = list(dict.fromkeys(body.get("resourceNamesToAdd") or []))
    to_remove = list(dict.fromkeys(body.get("resourceNamesToRemove") or []))
    if len(to_add) + len(to_remove) > MAX_MODIFY:
        raise errors.too_many("resource names", MAX_MODIFY, len(to_add) + len(to_remove))
    for name in to_add + to_remove:
        if not _CONTACT_NAME.fullmatch(name):
            raise errors.invalid_argument(f'Resource name "{name}" is not a valid contact.')
    book = _book(request, state)
    view = _resolve(book, request.params["group_id"])
    if to_add and view.is_system and view.system_id not in ADDABLE_SYSTEM_GROUPS:
        raise errors.deprecated_system_group(view.resource_name)
    target, now = view.resource_name, state.clock.time()
    not_found: list[str] = []
    last_group: list[str] = []
    for name in to_add:
        contact = book.get(name.removeprefix("people/"))
        if contact is None:
            not_found.append(name)
        elif target not in group_names_of(contact):
            book.set_memberships(contact, [*group_names_of(contact), target], now)
    for name in to_remove:
        contact = book.get(name.removeprefix("people/"))
        if contact is None:
            if name not in not_found:
                not_found.append(name)
            continue
        current = group_names_of(contact)
        if target not in current:
            continue
        rest = [n for n in current if n != target]
        if not rest:
            last_group.append(name)
        else:
            book.set_memberships(contact, rest, now)
    state.dirty = True
    answer: dict[str, Any] = {}
    if not_found:
        answer["notFoundResourceNames"] = not_found
    if last_group:
        answer["canNotRemoveLastContactGroupResourceNames"] = last_group
    return Response(200, answer)


# --- memberships written through contacts ----------------------------------------------


def check_memberships(
    book: AddressBook,
    data: dict[str, list[dict[str, Any]]],
    contact: Contact | None,
    *,
    allow_deprecated: bool = False,
) -> None:
    """Validate (and de-duplicate) the ``memberships`` a contact write sets, in place.

    Every group must exist; a deprecated system group may be kept but not newly added
    through the API, as with members.modify. ``contact`` is the contact being updated
    (None on create). ``allow_deprecated`` is for the phone side: Google's own apps can
    still put contacts in family, friends or coworkers.
    """
    if not data.get("memberships"):
        return
    before = group_names_of(contact) if contact is not None else []
    names = list(
        dict.fromkeys(
            str(m["contactGroupMembership"]["contactGroupResourceName"])
            for m in data["memberships"]
        )
    )
    for name in names:
        group_id = name.removeprefix(PREFIX)
        if group_id in SYSTEM_GROUPS:
            if group_id == "all":  # every contact is in it; it is never a membership
                raise errors.deprecated_system_group(name)
            if group_id not in ADDABLE_SYSTEM_GROUPS and name not in before:
                if allow_deprecated:
                    continue
                raise errors.deprecated_system_group(name)
        elif book.group(group_id) is None:
            raise errors.unknown_group_membership(name)
    data["memberships"] = [membership(name) for name in names]
