"""What a new CRM database starts with: the eleven standard action types and an admin user."""

from __future__ import annotations

from crmsync.crm.models import ActionType, SyncSettings, User

#: Google Calendar's event colours: colorId → background, as the Calendar API lists them.
GOOGLE_EVENT_PALETTE: dict[str, str] = {
    "1": "#a4bdfc",  # Lavender
    "2": "#7ae7bf",  # Sage
    "3": "#dbadff",  # Grape
    "4": "#ff887c",  # Flamingo
    "5": "#fbd75b",  # Banana
    "6": "#ffb878",  # Tangerine
    "7": "#46d6db",  # Peacock
    "8": "#e1e1e1",  # Graphite
    "9": "#5484ed",  # Blueberry
    "10": "#51b749",  # Basil
    "11": "#dc2127",  # Tomato
}

#: The standard action types, (code, label), in the order the CRM lists them.
STANDARD_TYPES: list[tuple[str, str]] = [
    ("I", "Intervention"),
    ("TS", "Téléphone sortant"),
    ("TL", "Téléphone entrant"),
    ("R", "R.D.V."),
    ("F", "Formation"),
    ("RU", "Réunion"),
    ("E", "Evènement"),
    ("P", "Personnel"),
    ("CH", "Tchat"),
    ("CG", "Congés"),
    ("T", "Tâche"),
]

#: Each standard type's Google event colour; one colour per type, so a colour read back
#: from Google names its type without doubt.
STANDARD_TYPE_COLOUR_IDS: dict[str, str] = {
    "I": "11",  # Tomato: on-site work stands out
    "TS": "6",  # Tangerine
    "TL": "5",  # Banana
    "R": "9",  # Blueberry: Google's own default look for appointments
    "F": "3",  # Grape
    "RU": "1",  # Lavender
    "E": "7",  # Peacock
    "P": "2",  # Sage
    "CH": "4",  # Flamingo
    "CG": "10",  # Basil
    "T": "8",  # Graphite
}

#: The type given to actions created from Google when nothing better fits.
DEFAULT_TYPE_CODE = "R"

ADMIN_LOGIN = "admin"
ADMIN_NAME = "Administrateur"


def seed_defaults() -> None:
    """Add whichever standard types and admin user are missing; leave existing rows alone."""
    existing = {row.code for row in ActionType.select(ActionType.code)}
    has_default = ActionType.select().where(ActionType.is_default == True).exists()  # noqa: E712
    for code, label in STANDARD_TYPES:
        if code in existing:
            continue
        ActionType.create(
            code=code,
            label=label,
            colour=GOOGLE_EVENT_PALETTE[STANDARD_TYPE_COLOUR_IDS[code]],
            is_default=(code == DEFAULT_TYPE_CODE and not has_default),
        )
    admin = User.get_or_none(User.login == ADMIN_LOGIN)
    if admin is None:
        admin = User.create(login=ADMIN_LOGIN, name=ADMIN_NAME, is_admin=True)
    SyncSettings.for_user(admin)
