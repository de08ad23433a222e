"""Calendar v3 error bodies (classic ``errors[]`` with domain and reason).

Messages follow what Google's Calendar front end answers; where Google's exact wording is
not documented, the message is a plain description and the reason/status are Google's.
"""

from __future__ import annotations

from crmsync.fakegoogle.exceptions import GoogleAPIError


def not_found() -> GoogleAPIError:
    return GoogleAPIError(404, "notFound", "Not Found")


def deleted() -> GoogleAPIError:
    """410 for deleting (or changing) an event that is already deleted."""
    return GoogleAPIError(410, "deleted", "Resource has been deleted")


def duplicate() -> GoogleAPIError:
    return GoogleAPIError(409, "duplicate", "The requested identifier already exists.")


def cannot_move_instance() -> GoogleAPIError:
    """400 for events.move on one instance of a series (only whole events change organizer)."""
    return GoogleAPIError(
        400, "cannotChangeOrganizerOfInstance", "Cannot change the organizer of an instance."
    )


def cannot_move_event_type() -> GoogleAPIError:
    """400 for events.move on a birthday, focusTime, outOfOffice... event (default only)."""
    return GoogleAPIError(
        400, "eventTypeRestriction", "Only default events can be moved.", domain="calendar"
    )


def precondition_failed() -> GoogleAPIError:
    return GoogleAPIError(
        412,
        "conditionNotMet",
        "Precondition Failed",
        location="If-Match",
        location_type="header",
    )


def full_sync_required() -> GoogleAPIError:
    error = GoogleAPIError(
        410,
        "fullSyncRequired",
        "Sync token is no longer valid, a full sync is required.",
        domain="calendar",
    )
    error.status = None  # Google's body for this one carries no google.rpc status
    return error


def invalid(message: str, location: str | None = None) -> GoogleAPIError:
    return GoogleAPIError(400, "invalid", message, location=location)


def invalid_parameter(name: str, value: str) -> GoogleAPIError:
    """400 for a query parameter whose value cannot be used."""
    return GoogleAPIError(
        400, "invalid", f"Invalid value '{value}' for parameter '{name}'.", location=name
    )


def not_with_sync_token(name: str) -> GoogleAPIError:
    """400 for a parameter that cannot be combined with ``syncToken``."""
    return GoogleAPIError(
        400,
        "invalid",
        f"The parameter '{name}' cannot be used together with a sync token.",
        location=name,
    )


def required(message: str, location: str | None = None) -> GoogleAPIError:
    return GoogleAPIError(400, "required", message, location=location)


def time_range_empty(location: str | None = None) -> GoogleAPIError:
    return GoogleAPIError(
        400,
        "timeRangeEmpty",
        "The specified time range is empty.",
        domain="calendar",
        location=location,
    )


def bad_request(message: str = "Bad Request") -> GoogleAPIError:
    return GoogleAPIError(400, "badRequest", message)


def ordering_not_available() -> GoogleAPIError:
    return bad_request("The requested ordering is not available for the particular query.")


def invalid_recurrence() -> GoogleAPIError:
    return invalid("Invalid recurrence rule.")


def default_reminders_and_overrides() -> GoogleAPIError:
    return GoogleAPIError(
        400,
        "cannotUseDefaultRemindersAndSpecifyOverride",
        "Cannot specify both default reminders and overrides at the same time.",
    )


def writer_access_required() -> GoogleAPIError:
    return GoogleAPIError(
        403, "requiredAccessLevel", "You need to have writer access to this calendar."
    )


def reader_access_required() -> GoogleAPIError:
    return GoogleAPIError(
        403, "requiredAccessLevel", "You need to have reader access to this calendar."
    )


def owner_access_required() -> GoogleAPIError:
    """403 for changing or deleting a calendar one may use but does not own."""
    return GoogleAPIError(
        403, "requiredAccessLevel", "You need to have owner access to this calendar."
    )


def cannot_delete_primary() -> GoogleAPIError:
    """403 for calendars.delete on a primary calendar (calendars.clear empties one)."""
    return GoogleAPIError(
        403, "cannotDeletePrimaryCalendar", "Cannot delete primary calendar.", domain="calendar"
    )


def cannot_clear_secondary() -> GoogleAPIError:
    """400 for calendars.clear on a secondary calendar: Google's message really says
    "primary" for this one."""
    return invalid("Cannot clear primary calendar.")


def forbidden_for_non_organizer() -> GoogleAPIError:
    """403 for an attendee changing the shared extended properties of their copy."""
    return GoogleAPIError(
        403,
        "forbiddenForNonOrganizer",
        "Shared properties can only be changed by the organizer of the event.",
        domain="calendar",
    )
