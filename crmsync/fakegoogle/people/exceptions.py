"""The People API's error bodies.

Google's People front end answers the google.rpc status (``code``, ``message``, ``status``,
optional typed ``details``) *and* the legacy ``errors[]`` list with a camel-case reason
(``badRequest``, ``failedPrecondition``, ``notFound``); client libraries read either, so
the emulator sends both (``GoogleAPIError`` renders that shape).
"""

from __future__ import annotations

from typing import Any

from crmsync.fakegoogle.exceptions import GoogleAPIError

DOMAIN = "people.googleapis.com"
DOCS = "https://developers.google.com/people/api/rest/v1/people"

_REASONS = {
    "INVALID_ARGUMENT": "badRequest",
    "FAILED_PRECONDITION": "failedPrecondition",
    "NOT_FOUND": "notFound",
    "ALREADY_EXISTS": "alreadyExists",
}


def people_error(
    code: int,
    status: str,
    message: str,
    *,
    error_info: dict[str, Any] | None = None,
) -> GoogleAPIError:
    """A People-shaped error; ``error_info`` becomes a google.rpc.ErrorInfo detail."""
    details = None
    if error_info is not None:
        details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", **error_info}]
    return GoogleAPIError(
        code, _REASONS.get(status, "badRequest"), message, status=status, details=details
    )


def invalid_argument(message: str = "Request contains an invalid argument.") -> GoogleAPIError:
    return people_error(400, "INVALID_ARGUMENT", message)


def not_found() -> GoogleAPIError:
    return people_error(404, "NOT_FOUND", "Requested entity was not found.")


def mask_required(mask: str, method: str = "get") -> GoogleAPIError:
    """A required field mask (``personFields``, ``updatePersonFields``, ``readMask``) is missing."""
    return invalid_argument(
        f"{mask} mask is required. Please specify one or more valid paths. "
        f"Valid paths are documented at {DOCS}/{method}."
    )


def invalid_mask_path(mask: str, path: str, method: str = "get") -> GoogleAPIError:
    return invalid_argument(
        f'Invalid {mask} mask path: "{path}". Valid paths are documented at {DOCS}/{method}.'
    )


def singleton_field(field: str) -> GoogleAPIError:
    return invalid_argument(
        f"Invalid person: the field '{field}' is a singleton field for contact sources and "
        "can only hold one value."
    )


def unknown_json_name(name: str, location: str) -> GoogleAPIError:
    """What Google's JSON front end says about a field the schema does not have."""
    where = f" at '{location}'" if location else ""
    return invalid_argument(
        f'Invalid JSON payload received. Unknown name "{name}"{where}: Cannot find field.'
    )


def etag_mismatch(source_etag: bool) -> GoogleAPIError:
    """The contact changed since the client read it (Google answers 400, not 412)."""
    what = "person.metadata.sources.etag" if source_etag else "person.etag"
    return people_error(
        400,
        "FAILED_PRECONDITION",
        f"Request {what} is different than the current {what}. "
        "Clear local cache and get the latest person.",
    )


def sources_missing() -> GoogleAPIError:
    """An update whose ``person.metadata.sources`` names no contact source of the person
    (the reference documents a 400; a plain invalid argument)."""
    return invalid_argument(
        "Request must set person.metadata.sources with the contact source that is being "
        "updated (its type CONTACT, id and etag)."
    )


def etag_missing() -> GoogleAPIError:
    return invalid_argument(
        "Request must set person.etag or person.metadata.sources.etag for the source that "
        "is being updated."
    )


def sync_token_expired() -> GoogleAPIError:
    return people_error(
        400,
        "FAILED_PRECONDITION",
        "Sync token is expired. Clear local cache and retry call without the sync token.",
        error_info={"reason": "EXPIRED_SYNC_TOKEN", "domain": DOMAIN},
    )


def too_many(what: str, limit: int, given: int) -> GoogleAPIError:
    return invalid_argument(
        f"Too many {what} in the request: {given} given, at most {limit} allowed."
    )


def bad_photo(detail: str) -> GoogleAPIError:
    return invalid_argument(f"Invalid photo bytes: {detail}. Only JPEG and PNG are supported.")


# --- contact groups --------------------------------------------------------------------


def group_name_taken(name: str) -> GoogleAPIError:
    """Google documents a duplicate user group name as a 409 on create and update."""
    return people_error(409, "ALREADY_EXISTS", f'Contact group name "{name}" already exists.')


def group_name_missing() -> GoogleAPIError:
    return invalid_argument("Contact group name must not be empty.")


def system_group_read_only(resource_name: str, action: str) -> GoogleAPIError:
    return invalid_argument(f"Cannot {action} system contact group {resource_name}.")


def deprecated_system_group(resource_name: str) -> GoogleAPIError:
    """Adding to a system group other than myContacts and starred (members.modify and
    updateContact memberships alike)."""
    return invalid_argument(
        f"Cannot add contacts to deprecated system contact group {resource_name}."
    )


def unknown_group_membership(resource_name: str) -> GoogleAPIError:
    return invalid_argument(f"Contact group {resource_name} does not exist.")


def group_etag_mismatch() -> GoogleAPIError:
    return people_error(
        400,
        "FAILED_PRECONDITION",
        "Request contactGroup.etag is different than the current contactGroup.etag. "
        "Clear local cache and get the latest contact group.",
    )


def group_etag_missing() -> GoogleAPIError:
    return invalid_argument("Request must set contactGroup.etag.")
