"""Routes of the People v1 service, named by their discovery method ids."""

from __future__ import annotations

from crmsync.fakegoogle.http import Handler, Route
from crmsync.fakegoogle.people import groups, photos
from crmsync.fakegoogle.people import responses as r

SCOPE = "https://www.googleapis.com/auth/"
WRITE_SCOPES = (SCOPE + "contacts",)
READ_SCOPES = (SCOPE + "contacts", SCOPE + "contacts.readonly")
# people.get also answers for the signed-in user's own profile with the profile scopes.
GET_SCOPES = READ_SCOPES + (
    SCOPE + "contacts.other.readonly",
    SCOPE + "directory.readonly",
    SCOPE + "user.addresses.read",
    SCOPE + "user.birthday.read",
    SCOPE + "user.emails.read",
    SCOPE + "user.gender.read",
    SCOPE + "user.organization.read",
    SCOPE + "user.phonenumbers.read",
    SCOPE + "userinfo.email",
    SCOPE + "userinfo.profile",
)


def _read(
    method: str, pattern: str, handler: Handler, name: str, scopes: tuple[str, ...] = READ_SCOPES
) -> Route:
    return Route(method, pattern, handler, "people.people." + name, "people", "read", scopes)


def _write(method: str, pattern: str, handler: Handler, name: str) -> Route:
    return Route(method, pattern, handler, "people.people." + name, "people", "write", WRITE_SCOPES)


def _group_read(method: str, pattern: str, handler: Handler, name: str) -> Route:
    return Route(
        method, pattern, handler, "people.contactGroups." + name, "people", "read", READ_SCOPES
    )


def _group_write(method: str, pattern: str, handler: Handler, name: str) -> Route:
    return Route(
        method, pattern, handler, "people.contactGroups." + name, "people", "write", WRITE_SCOPES
    )


ROUTES = [
    _read("GET", "/v1/people:batchGet", r.batch_get, "getBatchGet", GET_SCOPES),
    _write("POST", "/v1/people:createContact", r.create_contact, "createContact"),
    _write("POST", "/v1/people:batchCreateContacts", r.batch_create, "batchCreateContacts"),
    _write("POST", "/v1/people:batchUpdateContacts", r.batch_update, "batchUpdateContacts"),
    _write("POST", "/v1/people:batchDeleteContacts", r.batch_delete, "batchDeleteContacts"),
    _read("GET", "/v1/people/{person_id}/connections", r.list_connections, "connections.list"),
    _read("GET", "/v1/people/{person_id}", r.get_person, "get", GET_SCOPES),
    _write("PATCH", "/v1/people/{person_id}:updateContact", r.update_contact, "updateContact"),
    _write("DELETE", "/v1/people/{person_id}:deleteContact", r.delete_contact, "deleteContact"),
    _write(
        "PATCH", "/v1/people/{person_id}:updateContactPhoto", r.update_photo, "updateContactPhoto"
    ),
    _write(
        "DELETE", "/v1/people/{person_id}:deleteContactPhoto", r.delete_photo, "deleteContactPhoto"
    ),
    # Contact groups: reads and writes count against the same People quotas as contacts.
    _group_read("GET", "/v1/contactGroups", groups.list_groups, "list"),
    _group_write("POST", "/v1/contactGroups", groups.create_group, "create"),
    _group_read("GET", "/v1/contactGroups:batchGet", groups.batch_get_groups, "batchGet"),
    _group_read("GET", "/v1/contactGroups/{group_id}", groups.get_group, "get"),
    _group_write("PUT", "/v1/contactGroups/{group_id}", groups.update_group, "update"),
    _group_write("DELETE", "/v1/contactGroups/{group_id}", groups.delete_group, "delete"),
    _group_write(
        "POST",
        "/v1/contactGroups/{group_id}/members:modify",
        groups.modify_members,
        "members.modify",
    ),
    # Google's photo host: no token, not API traffic (kept out of the request log).
    Route("GET", photos.PHOTO_PATH + "{key}", photos.serve_photo, "emulator.people.photo"),
    Route("GET", photos.DEFAULT_PATH + "/{letter}", photos.serve_default, "emulator.people.photo"),
]
