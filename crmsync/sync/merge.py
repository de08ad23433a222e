"""The three-way merge of one item changed on both sides since the last sync.

Each field is taken from the side that changed it. A field changed on both sides to
different values is a conflict, settled by the user's policy: ``latest`` (the side whose
item changed last wins; a tie goes to the CRM, whose user is the one at the keyboard),
``crm`` or ``google``. Without a base (a link found again through Google's extended
properties) every differing field is a conflict.

On the Google side a ``type_code`` of ``None`` says nothing (no mapped colour) and never
counts as a change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crmsync.sync.items import FIELDS, AgendaItem


@dataclass(frozen=True)
class Conflict:
    field: str
    crm_value: Any
    google_value: Any
    winner: str  # "crm" or "google"


@dataclass
class Merged:
    item: AgendaItem
    crm_changed: list[str] = field(default_factory=list)
    google_changed: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def effective_google(google: AgendaItem, reference: AgendaItem | None) -> AgendaItem:
    """``google`` with a silent type (``None``) read as unchanged from ``reference``."""
    if google.type_code is None and reference is not None:
        return google.with_values(type_code=reference.type_code)
    return google


def merge(
    base: AgendaItem | None,
    crm: AgendaItem,
    google: AgendaItem,
    *,
    policy: str,
    crm_updated: dt.datetime | None,
    google_updated: dt.datetime | None,
) -> Merged:
    google = effective_google(google, base if base is not None else crm)
    values: dict[str, Any] = {}
    merged = Merged(item=crm)
    for name in FIELDS:
        c, g = crm.value(name), google.value(name)
        b = base.value(name) if base is not None else None
        values[name], conflict = merge_field(
            name,
            b,
            c,
            g,
            has_base=base is not None,
            policy=policy,
            crm_updated=crm_updated,
            google_updated=google_updated,
        )
        if conflict is not None:
            merged.conflicts.append(conflict)
        if base is not None:
            if c != b:
                merged.crm_changed.append(name)
            if g != b:
                merged.google_changed.append(name)
    merged.item = AgendaItem(**values)
    return merged


def merge_field(
    name: str,
    base: Any,
    crm: Any,
    google: Any,
    *,
    has_base: bool = True,
    policy: str,
    crm_updated: dt.datetime | None,
    google_updated: dt.datetime | None,
) -> tuple[Any, Conflict | None]:
    """One field's three-way merge: the value to keep on both sides, and the conflict when
    both sides changed it to different values (settled by ``policy``).

    The agenda merges every field of an event with it; the contact sync its one two-way
    field, the comment.
    """
    if crm == google:
        return crm, None
    crm_changed = not has_base or crm != base
    google_changed = not has_base or google != base
    if crm_changed and google_changed:
        winner = _winner(policy, crm_updated, google_updated)
        conflict = Conflict(name, _show(crm), _show(google), winner)
        return (crm if winner == "crm" else google), conflict
    return (crm if crm_changed else google), None


def _winner(
    policy: str, crm_updated: dt.datetime | None, google_updated: dt.datetime | None
) -> str:
    if policy == "crm":
        return "crm"
    if policy == "google":
        return "google"
    if crm_updated is None or google_updated is None:
        return "crm" if google_updated is None else "google"
    return "google" if google_updated > crm_updated else "crm"


def _show(value: Any) -> Any:
    """A JSON-friendly form of a field value, for the log."""
    if hasattr(value, "to_json"):
        return value.to_json()
    return value
