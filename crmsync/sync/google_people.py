"""The Google side of the contact sync: People v1 contacts, their label and their photos.

Google asks that the mutations of one user be sent one after the other: this client is
used from one thread and never overlaps two requests. Reads and writes are paced under
their own per-minute quotas (Google publishes separate read and write limits per user).
Creates and updates go 200 at a time through ``batchCreateContacts`` /
``batchUpdateContacts``; photos have no batch call and cost one write each.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from googleapiclient.errors import HttpError

from crmsync.google import pacing
from crmsync.google.paced import PacedClient, error_body, error_reasons
from crmsync.google.session import NetworkError
from crmsync.sync.contact_fields import LIST_FIELDS_READ, READ_FIELDS

log = logging.getLogger(__name__)

#: Google's published per-user limits (requests per minute) for the People API.
GOOGLE_PEOPLE_READS_PER_MINUTE = 180
GOOGLE_PEOPLE_WRITES_PER_MINUTE = 90
#: batchCreateContacts / batchUpdateContacts / getBatchGet take at most 200 people.
BATCH_SIZE = 200
PAGE_SIZE = 1000


class PeopleSyncTokenExpired(Exception):
    """Google refused the sync token (400 FAILED_PRECONDITION, EXPIRED_SYNC_TOKEN)."""


class StaleEtag(Exception):
    """A person changed on Google's side since it was read (400 FAILED_PRECONDITION)."""


class AmbiguousWrite(Exception):
    """A create whose answer was lost: Google may or may not have made the contacts."""


@dataclass
class Connections:
    people: list[dict[str, Any]] = field(default_factory=list)
    next_sync_token: str = ""


def _is_precondition(exc: HttpError) -> bool:
    return int(exc.resp.status) == 400 and (error_body(exc).get("status") == "FAILED_PRECONDITION")


class PeopleClient(PacedClient):
    """One user's People API: contacts, contact groups and photos, paced and counted."""

    def __init__(self, *args: Any, reads: pacing.RateLimiter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads = reads

    @property
    def api(self) -> Any:
        """The ``people`` resource of this thread's People v1 service."""
        return self.session.people().people()

    @property
    def api_groups(self) -> Any:
        """The ``contactGroups`` resource."""
        return self.session.people().contactGroups()

    # --- reading ------------------------------------------------------------------------

    def connections(self, sync_token: str | None) -> Connections:
        """Every contact (no token) or those changed since ``sync_token``, with a new token."""
        found = Connections()
        page_token: str | None = None
        while True:
            args: dict[str, Any] = {
                "resourceName": "people/me",
                "personFields": LIST_FIELDS_READ,
                "pageSize": PAGE_SIZE,
                "requestSyncToken": True,
            }
            if sync_token:
                args["syncToken"] = sync_token
            if page_token:
                args["pageToken"] = page_token
            try:
                answer = self._execute(self.api.connections().list(**args), limiter=self.reads)
            except HttpError as exc:
                if (
                    sync_token
                    and _is_precondition(exc)
                    and "EXPIRED_SYNC_TOKEN" in error_reasons(exc)
                ):
                    raise PeopleSyncTokenExpired() from None
                raise
            found.people.extend(answer.get("connections") or [])
            page_token = answer.get("nextPageToken")
            if not page_token:
                found.next_sync_token = answer.get("nextSyncToken", "")
                return found

    def get_people(self, resource_names: list[str]) -> dict[str, dict[str, Any]]:
        """The people by resource name (those Google no longer has are left out)."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(resource_names, BATCH_SIZE):
            answer = self._execute(
                self.api.getBatchGet(resourceNames=chunk, personFields=READ_FIELDS),
                limiter=self.reads,
            )
            for response in answer.get("responses") or []:
                person = response.get("person")
                if person and not (person.get("metadata") or {}).get("deleted"):
                    found[str(response.get("requestedResourceName") or person["resourceName"])] = (
                        person
                    )
        return found

    # --- contact groups -----------------------------------------------------------------

    def find_group(self, name: str) -> str | None:
        """The resource name of the user's contact group called ``name``, if there is one."""
        page_token: str | None = None
        wanted = name.strip().casefold()
        while True:
            args: dict[str, Any] = {"pageSize": 1000, "groupFields": "name,groupType"}
            if page_token:
                args["pageToken"] = page_token
            answer = self._execute(self.api_groups.list(**args), limiter=self.reads)
            for group in answer.get("contactGroups") or []:
                if (
                    group.get("groupType") == "USER_CONTACT_GROUP"
                    and str(group.get("name", "")).strip().casefold() == wanted
                ):
                    return str(group["resourceName"])
            page_token = answer.get("nextPageToken")
            if not page_token:
                return None

    def create_group(self, name: str) -> str:
        answer = self._execute(self.api_groups.create(body={"contactGroup": {"name": name}}))
        return str(answer["resourceName"])

    def modify_members(
        self,
        group: str,
        *,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
    ) -> set[str]:
        """Add and remove members of ``group``; returns the resource names Google did not
        find (deleted on the phone)."""
        missing: set[str] = set()
        add, remove = list(add), list(remove)
        while add or remove:
            body: dict[str, Any] = {}
            if add:
                body["resourceNamesToAdd"], add = add[:1000], add[1000:]
            if remove:
                body["resourceNamesToRemove"], remove = remove[:1000], remove[1000:]
            answer = self._execute(self.api_groups.members().modify(resourceName=group, body=body))
            missing.update(answer.get("notFoundResourceNames") or [])
        return missing

    # --- writing ------------------------------------------------------------------------

    def create_people(self, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Create ≤ 200 people in one request; the created people, in order.

        A create is not safe to send twice: when its answer is lost (a dropped connection,
        a 5xx) Google may have made the contacts, so :class:`AmbiguousWrite` is raised and
        the caller looks before trying again. A 429 is a refusal and is retried.
        """
        body = {
            "contacts": [{"contactPerson": person} for person in people],
            "readMask": READ_FIELDS,
        }
        request = self.api.batchCreateContacts(body=body)
        try:
            answer = self._send(1, lambda: self._once(request))
        except _Ambiguous as exc:
            raise AmbiguousWrite(str(exc)) from None
        return [item.get("person") or {} for item in answer.get("createdPeople") or []]

    def _once(self, request: Any) -> Any:
        try:
            return self.session.execute(request, num_retries=0)
        except HttpError as exc:
            if int(exc.resp.status) >= 500:
                raise _Ambiguous(f"HTTP {exc.resp.status}") from None
            raise
        except NetworkError as exc:
            raise _Ambiguous(str(exc)) from None

    def update_people(
        self, people: dict[str, dict[str, Any]], fields: list[str]
    ) -> dict[str, dict[str, Any]]:
        """Update ≤ 200 people in one request: ``resourceName → person``, each carrying the
        version it was read as (its etag and its contact source in ``metadata.sources``, see
        :func:`crmsync.sync.contact_fields.version`), without which Google refuses it.

        Raises :class:`StaleEtag` when one of them changed on Google's side meanwhile.
        """
        body = {
            "contacts": people,
            "updateMask": ",".join(fields),
            "readMask": READ_FIELDS,
        }
        try:
            answer = self._execute(self.api.batchUpdateContacts(body=body))
        except HttpError as exc:
            if _is_precondition(exc):
                raise StaleEtag(error_body(exc).get("message", "")) from None
            raise
        results: dict[str, dict[str, Any]] = {}
        for name, result in (answer.get("updateResult") or {}).items():
            if result.get("person"):
                results[name] = result["person"]
        return results

    def update_photo(self, resource_name: str, data: bytes) -> dict[str, Any]:
        answer = self._execute(
            self.api.updateContactPhoto(
                resourceName=resource_name,
                body={
                    "photoBytes": base64.b64encode(data).decode("ascii"),
                    "personFields": READ_FIELDS,
                },
            )
        )
        return dict(answer.get("person") or {})

    def delete_photo(self, resource_name: str) -> dict[str, Any]:
        answer = self._execute(
            self.api.deleteContactPhoto(resourceName=resource_name, personFields=READ_FIELDS)
        )
        return dict(answer.get("person") or {})


class _Ambiguous(Exception):
    pass


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
