"""The CRM's tables: users and their rights, action types, actions and series, companies,
contacts, the per-user list of contacts to sync, per-user sync settings, folder settings.

Every model binds to :data:`database_proxy`; :func:`crmsync.crm.db.open_database` points it at
a real SQLite or PostgreSQL database. Times are always timezone-aware and stored in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import peewee
from dateutil.rrule import rrulestr

database_proxy = peewee.DatabaseProxy()

#: The sync pushes at most this many contacts per user (the sync enforces it, not the store).
MAX_CONTACTS_PER_USER = 2000
#: Longest reminder Google accepts on an event: four weeks, in minutes.
MAX_REMINDER_MINUTES = 40320
#: Widest sync period on either side of today, in months.
MAX_SYNC_MONTHS = 120
DEFAULT_TIME_ZONE = "Europe/Paris"
CONFLICT_POLICIES = ("latest", "crm", "google")
STATUS_LIGHTS = ("grey", "green", "orange", "red")

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class ValidationError(ValueError):
    """A value the CRM refuses to store; the message says which field and why."""


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def new_sync_uid() -> str:
    """A fresh action identity: 128 random bits, in hex."""
    return secrets.token_hex(16)


def validate_time_zone(name: str) -> str:
    """Return ``name`` if it is a known IANA time zone, else raise :class:`ValidationError`."""
    try:
        ZoneInfo(name)
    # A region name such as "Europe" is a folder of the zone database: an OSError, not a
    # ZoneInfoNotFoundError.
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise ValidationError(
            f"Unknown time zone {name!r}: use an IANA name such as 'Europe/Paris'."
        ) from None
    return name


class UTCDateTimeField(peewee.Field):
    """An aware datetime stored as fixed-width ISO-8601 UTC text, so text order is time order.

    Text rather than a native type keeps SQLite and PostgreSQL identical and avoids each
    driver's own idea of time zones. Naive datetimes are refused: their zone is a guess.
    """

    field_type = "TEXT"
    _FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"{self.name}: expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"{self.name}: naive datetime {value.isoformat()} refused; "
                "give a timezone-aware datetime"
            )
        return value.astimezone(dt.UTC).strftime(self._FORMAT)

    def python_value(self, value: Any) -> dt.datetime | None:
        if value is None:
            return None
        parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)


class BaseModel(peewee.Model):
    id = peewee.AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class StampedModel(BaseModel):
    """A row that records when it was created and last changed."""

    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)

    def validate(self) -> None:
        """Raise :class:`ValidationError` if the row may not be stored as it is."""

    def save(self, *args: Any, touch: bool = True, **kwargs: Any) -> int:
        """Validate and store; ``touch=False`` keeps ``updated_at`` (e.g. when the sync copies
        a change made elsewhere at a known time)."""
        self.validate()
        if touch:
            self.updated_at = utc_now()
        return super().save(*args, **kwargs)


class User(StampedModel):
    """A CRM user: who owns actions and who syncs with a Google account."""

    login = peewee.CharField(unique=True)
    name = peewee.CharField(default="")
    email = peewee.CharField(null=True)
    google_email = peewee.CharField(null=True)
    is_admin = peewee.BooleanField(default=False)
    time_zone = peewee.CharField(default=DEFAULT_TIME_ZONE)
    active = peewee.BooleanField(default=True)

    class Meta:
        table_name = "users"

    def validate(self) -> None:
        if not (self.login or "").strip():
            raise ValidationError("A user needs a login.")
        validate_time_zone(self.time_zone)

    @property
    def zone(self) -> ZoneInfo:
        """The user's time zone, for showing and entering times."""
        return ZoneInfo(self.time_zone)

    def __str__(self) -> str:
        return self.name or self.login


class UserRight(BaseModel):
    """What ``viewer`` may see of ``target``: the user itself (``visible``) and its agenda.

    ``agenda`` implies ``visible``; a user always sees himself without any row here.
    """

    viewer = peewee.ForeignKeyField(User, backref="rights_given", on_delete="CASCADE")
    target = peewee.ForeignKeyField(User, backref="rights_received", on_delete="CASCADE")
    visible = peewee.BooleanField(default=True)
    agenda = peewee.BooleanField(default=False)

    class Meta:
        table_name = "user_rights"
        indexes = ((("viewer", "target"), True),)

    def save(self, *args: Any, **kwargs: Any) -> int:
        if self.agenda:
            self.visible = True
        return super().save(*args, **kwargs)


class ActionType(BaseModel):
    """A kind of action (meeting, call, task…) with the colour it shows in the agenda."""

    code = peewee.CharField(unique=True)
    label = peewee.CharField(default="")
    colour = peewee.CharField(default="#5484ed")
    is_default = peewee.BooleanField(default=False)

    class Meta:
        table_name = "action_types"

    def save(self, *args: Any, **kwargs: Any) -> int:
        if not (self.code or "").strip():
            raise ValidationError("An action type needs a code.")
        if not isinstance(self.colour, str) or not _COLOUR.match(self.colour):
            raise ValidationError(
                f"Action type {self.code}: colour {self.colour!r} is not of the form #RRGGBB."
            )
        self.colour = self.colour.lower()
        with self._meta.database.atomic():
            result = super().save(*args, **kwargs)
            if self.is_default:
                # Only one type can be the one given to actions that come from Google.
                ActionType.update(is_default=False).where(
                    ActionType.id != self.id,
                    ActionType.is_default == True,  # noqa: E712
                ).execute()
        return result

    @classmethod
    def default(cls) -> ActionType | None:
        """The type given to actions created from Google when nothing better fits."""
        found = cls.select().where(cls.is_default == True).first()  # noqa: E712
        return found or cls.select().order_by(cls.id).first()

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Series(StampedModel):
    """A recurrence: ``rrule`` is RFC 5545 RRULE text without the ``RRULE:`` prefix."""

    owner = peewee.ForeignKeyField(User, backref="series", on_delete="CASCADE")
    rrule = peewee.TextField()
    exdates = peewee.TextField(default="")

    class Meta:
        table_name = "series"

    def validate(self) -> None:
        rule = (self.rrule or "").strip()
        if rule.upper().startswith("RRULE:"):
            raise ValidationError("Series rrule is stored without the 'RRULE:' prefix.")
        if "FREQ=" not in rule.upper() or not _parses_as_rrule(rule):
            raise ValidationError(f"Series rrule {rule!r} is not a valid RFC 5545 rule.")
        self.rrule = rule

    @property
    def exdate_list(self) -> list[str]:
        """The excluded occurrences, as the ISO texts stored."""
        return [part.strip() for part in (self.exdates or "").split(",") if part.strip()]


def _parses_as_rrule(rule: str) -> bool:
    # UNTIL must be UTC with an aware start and floating with a naive one; try both.
    for start in (dt.datetime(2000, 1, 1), dt.datetime(2000, 1, 1, tzinfo=dt.UTC)):
        try:
            rrulestr(rule, dtstart=start)
        except (ValueError, TypeError):
            continue
        return True
    return False


class Company(StampedModel):
    """A company ("tiers"): a client, a prospect, a supplier…"""

    code = peewee.CharField(unique=True)
    name = peewee.CharField(default="")
    kind = peewee.CharField(default="Client")

    class Meta:
        table_name = "companies"

    def __str__(self) -> str:
        return self.name or self.code


class Contact(StampedModel):
    """A person, usually at a company; pushed to Google Contacts by the users who list it."""

    company = peewee.ForeignKeyField(Company, null=True, backref="contacts", on_delete="SET NULL")
    civility = peewee.CharField(default="")
    last_name = peewee.CharField(default="")
    first_name = peewee.CharField(default="")
    function = peewee.CharField(default="")
    email = peewee.CharField(default="")
    phone = peewee.CharField(default="")
    mobile = peewee.CharField(default="")
    address1 = peewee.CharField(default="")
    address2 = peewee.CharField(default="")
    address3 = peewee.CharField(default="")
    postal_code = peewee.CharField(default="")
    city = peewee.CharField(default="")
    country = peewee.CharField(default="")
    comment = peewee.TextField(default="")
    #: Raw image bytes as imported; the sync normalises them before sending.
    photo = peewee.BlobField(null=True)
    photo_updated_at = UTCDateTimeField(null=True)
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        table_name = "contacts"

    @property
    def display_name(self) -> str:
        """ "First Last", or whichever part is known."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def set_photo(self, data: bytes | None) -> None:
        """Replace (or with ``None`` remove) the photo and remember when it changed."""
        self.photo = data
        self.photo_updated_at = utc_now()

    @classmethod
    def live(cls) -> peewee.ModelSelect[Contact]:
        """Contacts not deleted."""
        return cls.select().where(cls.deleted_at.is_null())

    def soft_delete(self) -> None:
        """Mark the contact deleted; the row stays so the sync can see it went."""
        self.deleted_at = utc_now()
        self.save()

    def __str__(self) -> str:
        return self.display_name


class Site(StampedModel):
    """A site of a multi-site business (a clinic, an agency): its actions may go to a Google
    calendar of their own."""

    code = peewee.CharField(unique=True)
    name = peewee.CharField(default="")

    class Meta:
        table_name = "sites"

    def validate(self) -> None:
        if not (self.code or "").strip():
            raise ValidationError("A site needs a code.")

    def __str__(self) -> str:
        return self.name or self.code


class Action(StampedModel):
    """An agenda entry: a meeting, a call, a task…

    A timed action uses ``start``/``end`` (aware, stored in UTC). An all-day action uses
    ``start_date``/``end_date`` where ``end_date`` is the INCLUSIVE last day, as the CRM shows
    it (Google's all-day end date is exclusive: the sync adds one day). Saving clears the pair
    the action does not use. A deleted action keeps its row with ``deleted_at`` set until the
    sync has seen it.
    """

    owner = peewee.ForeignKeyField(User, backref="actions", on_delete="CASCADE")
    owner_id: int
    action_type = peewee.ForeignKeyField(ActionType, backref="actions")
    action_type_id: int | None
    title = peewee.CharField(default="")
    location = peewee.CharField(default="")
    all_day = peewee.BooleanField(default=False)
    start = UTCDateTimeField(null=True, index=True)
    end = UTCDateTimeField(null=True)
    start_date = peewee.DateField(null=True, index=True)
    end_date = peewee.DateField(null=True)
    private = peewee.BooleanField(default=False)
    reminder = peewee.BooleanField(default=False)
    reminder_minutes = peewee.IntegerField(default=15)
    description = peewee.TextField(default="")
    series = peewee.ForeignKeyField(Series, null=True, backref="actions", on_delete="SET NULL")
    series_id: int | None
    #: The occurrence's original start in its series (what Google calls originalStartTime).
    series_start = UTCDateTimeField(null=True)
    deleted_at = UTCDateTimeField(null=True, index=True)
    contact = peewee.ForeignKeyField(Contact, null=True, backref="actions", on_delete="SET NULL")
    company = peewee.ForeignKeyField(Company, null=True, backref="actions", on_delete="SET NULL")
    #: The site the action belongs to: it syncs to that site's calendar (none: the default).
    site = peewee.ForeignKeyField(Site, null=True, backref="actions", on_delete="SET NULL")
    site_id: int | None
    #: The UID of the iCalendar event it was imported from, given back on export.
    ical_uid = peewee.CharField(null=True)
    #: Who this action is, for Google's events that name it: restoring an older backup gives
    #: the ids of actions made since to new actions, never their uid. Set at creation and
    #: never changed (a copy of an action is a new action: leave it out of the copied
    #: values). The store fills it in for rows inserted without one.
    sync_uid = peewee.CharField(max_length=32, null=True, unique=True, default=new_sync_uid)

    class Meta:
        table_name = "actions"

    def validate(self) -> None:
        if self.all_day:
            self._validate_dates()
            self.start = self.end = None
        else:
            self._validate_times()
            self.start_date = self.end_date = None
        minutes = self.reminder_minutes
        if not isinstance(minutes, int) or not 0 <= minutes <= MAX_REMINDER_MINUTES:
            raise ValidationError(
                f"Reminder delay {minutes!r} must be 0 to {MAX_REMINDER_MINUTES} minutes."
            )
        if self.action_type_id is None:
            default = ActionType.default()
            if default is None:
                raise ValidationError("An action needs a type and no action type exists.")
            self.action_type = default

    def _validate_dates(self) -> None:
        first, last = self.start_date, self.end_date
        if first is None or last is None:
            raise ValidationError("An all-day action needs dates: start_date and end_date.")
        if isinstance(first, dt.datetime) or isinstance(last, dt.datetime):
            raise ValidationError("An all-day action takes dates, not datetimes.")
        if last < first:
            raise ValidationError(f"An action cannot end ({last}) before it starts ({first}).")

    def _validate_times(self) -> None:
        first, last = self.start, self.end
        if first is None or last is None:
            raise ValidationError("A timed action needs start and end.")
        for value in (first, last):
            if not isinstance(value, dt.datetime):
                raise ValidationError("A timed action takes datetimes, not dates.")
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValidationError(
                    f"Naive datetime {value.isoformat()} refused: give a timezone-aware one."
                )
        if last < first:
            raise ValidationError(
                f"An action cannot end ({last.isoformat()}) before it starts ({first.isoformat()})."
            )

    @classmethod
    def live(cls) -> peewee.ModelSelect[Action]:
        """Actions not deleted."""
        return cls.select().where(cls.deleted_at.is_null())

    def soft_delete(self) -> None:
        """Mark the action deleted; the row stays until the sync has seen it."""
        self.deleted_at = utc_now()
        self.save()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def __str__(self) -> str:
        return self.title


class ContactToSync(BaseModel):
    """A contact in a user's list of contacts to push to his Google Contacts."""

    user = peewee.ForeignKeyField(User, backref="contacts_to_sync", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, backref="synced_by", on_delete="CASCADE")
    added_at = UTCDateTimeField(default=utc_now)

    class Meta:
        table_name = "contacts_to_sync"
        indexes = ((("user", "contact"), True),)


class SyncSettings(BaseModel):
    """A user's Google sync options, connection state and contact-sync summary."""

    user = peewee.ForeignKeyField(
        User, unique=True, backref="sync_settings_rows", on_delete="CASCADE"
    )
    calendar_name = peewee.CharField(null=True)
    months_before = peewee.IntegerField(default=3)
    months_after = peewee.IntegerField(default=12)
    auto_push = peewee.BooleanField(default=True)  # "Automatique"
    pull_on_startup = peewee.BooleanField(default=True)  # "Au démarrage"
    sync_series = peewee.BooleanField(default=False)  # "Actions séries"
    transfer_colours = peewee.BooleanField(default=True)  # "Transfert couleur Actions"
    conflict_policy = peewee.CharField(default="latest")
    first_sync_days = peewee.IntegerField(default=30)
    google_account_email = peewee.CharField(null=True)
    connected_at = UTCDateTimeField(null=True)
    status = peewee.CharField(default="grey")
    status_message = peewee.TextField(default="")
    contacts_synced_at = UTCDateTimeField(null=True)
    contacts_synced_count = peewee.IntegerField(default=0)
    #: The default calendar's Google id, kept once found by name: a calendar renamed on the
    #: phone still syncs. Cleared when the user picks another calendar.
    calendar_id = peewee.CharField(null=True)

    class Meta:
        table_name = "sync_settings"

    def save(self, *args: Any, **kwargs: Any) -> int:
        for name in ("months_before", "months_after"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= MAX_SYNC_MONTHS:
                raise ValidationError(
                    f"{name.replace('_', ' ').capitalize()} must be a whole number "
                    f"from 0 to {MAX_SYNC_MONTHS}, not {value!r}."
                )
        if not isinstance(self.first_sync_days, int) or self.first_sync_days < 0:
            raise ValidationError(
                f"First sync days must be 0 or more, not {self.first_sync_days!r}."
            )
        if self.conflict_policy not in CONFLICT_POLICIES:
            raise ValidationError(
                f"Conflict policy {self.conflict_policy!r} must be one of "
                f"{', '.join(CONFLICT_POLICIES)}."
            )
        if self.status not in STATUS_LIGHTS:
            raise ValidationError(
                f"Status {self.status!r} must be one of {', '.join(STATUS_LIGHTS)}."
            )
        forget_calendar_id_on_rename(self)
        return super().save(*args, **kwargs)

    @classmethod
    def for_user(cls, user: User) -> SyncSettings:
        """The user's settings, created with the defaults on first use."""
        found = cls.get_or_none(cls.user == user)
        if found is None:
            found = cls.create(user=user)
        return found


class SiteCalendar(BaseModel):
    """The Google calendar a user's actions of one site go to (VetoPartner multi-site)."""

    user = peewee.ForeignKeyField(User, backref="site_calendars", on_delete="CASCADE")
    site = peewee.ForeignKeyField(Site, backref="calendars", on_delete="CASCADE")
    site_id: int
    calendar_name = peewee.CharField(default="")
    #: The calendar's Google id once found by name (kept across renames).
    calendar_id = peewee.CharField(null=True)

    class Meta:
        table_name = "site_calendars"
        indexes = ((("user", "site"), True),)

    def save(self, *args: Any, **kwargs: Any) -> int:
        forget_calendar_id_on_rename(self)
        return super().save(*args, **kwargs)


def forget_calendar_id_on_rename(row: SyncSettings | SiteCalendar) -> None:
    """Another calendar chosen by name: the Google id found for the old one no longer holds."""
    dirty: set[str] = getattr(row, "_dirty", set())  # peewee's set of fields assigned since loading
    if row.id is not None and "calendar_name" in dirty and "calendar_id" not in dirty:
        row.calendar_id = None


class FolderSettings(BaseModel):
    """Folder-wide settings as key/value text (Google client id, API key…; never a secret)."""

    key = peewee.CharField(unique=True)
    value = peewee.TextField(default="")

    class Meta:
        table_name = "folder_settings"

    @classmethod
    def get_value(cls, key: str, default: str | None = None) -> str | None:
        row = cls.get_or_none(cls.key == key)
        return default if row is None else row.value

    @classmethod
    def set_value(cls, key: str, value: str) -> None:
        cls.insert(key=key, value=value).on_conflict(
            conflict_target=[cls.key], update={cls.value: value}
        ).execute()


class SchemaVersion(BaseModel):
    """The schema version of this database: one row."""

    version = peewee.IntegerField()

    class Meta:
        table_name = "schema_version"


#: Every table of the store, in creation order (each after those it refers to).
ALL_MODELS: list[type[BaseModel]] = [
    User,
    UserRight,
    ActionType,
    Series,
    Company,
    Contact,
    Site,
    Action,
    ContactToSync,
    SyncSettings,
    SiteCalendar,
    FolderSettings,
    SchemaVersion,
]
