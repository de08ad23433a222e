"""A sample agenda for one user: actions of every type over a year on either side of today.

Timed actions fall in working hours (8:00–19:00 in the user's time zone, stored in UTC) and
mostly on weekdays; each type has its usual length. Series are stored the way the sync reads
them: a :class:`~crmsync.crm.models.Series` row holding the RRULE and one action per
occurrence, linked to the series, with ``series_start`` = the occurrence's original start.
The first occurrence's start is the rule's DTSTART. Pure: rows come back as dictionaries.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from crmsync.crm.sample import names
from crmsync.crm.sample.people import ContactDraft, stamp_before

#: Actions spread this many days before and after today.
WINDOW_DAYS = 365
DAY_START = dt.time(8, 0)
DAY_END = dt.time(19, 0)
#: Share of a user's actions that belong to series.
SERIES_SHARE = 0.03

_UTC = dt.UTC


@dataclass(frozen=True)
class SeriesTemplate:
    """A kind of recurring action: its type, title, rule, time and length."""

    type_code: str
    title: str
    rule: str  # without its end: COUNT=… or UNTIL=… is added
    ends_with_until: bool
    time: dt.time
    minutes: int
    weeks_per_occurrence: float  # to keep every occurrence inside the window


SERIES_TEMPLATES: tuple[SeriesTemplate, ...] = (
    SeriesTemplate("RU", "Réunion d'équipe", "FREQ=WEEKLY;BYDAY=MO", False,
                   dt.time(9, 0), 60, 1),
    SeriesTemplate("RU", "Point mensuel", "FREQ=MONTHLY;BYDAY=1TU", True,
                   dt.time(14, 0), 90, 4.5),
    SeriesTemplate("T", "Rapport d'activité", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", False,
                   dt.time(16, 0), 30, 2),
    SeriesTemplate("F", "Cours d'anglais", "FREQ=WEEKLY;BYDAY=TU,TH", False,
                   dt.time(18, 0), 60, 0.5),
    SeriesTemplate("TS", "Appel hebdo fournisseur", "FREQ=WEEKLY;BYDAY=WE", False,
                   dt.time(10, 30), 15, 1),
    SeriesTemplate("R", "Visite mensuelle {company}", "FREQ=MONTHLY;BYDAY=-1TH", False,
                   dt.time(10, 0), 60, 4.5),
)  # fmt: skip


@dataclass
class AgendaPlan:
    """One user's sample agenda: series rows, and action rows whose ``series`` holds the
    index of their series in :attr:`series` until the series have ids."""

    series: list[dict[str, object]] = field(default_factory=list)
    actions: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Agenda:
    """What one user's agenda is drawn from."""

    rng: random.Random
    owner_id: int
    zone: ZoneInfo
    today: dt.date
    type_ids: dict[str, int]
    contacts: Sequence[ContactDraft]
    _templates: list[SeriesTemplate] = field(default_factory=list, init=False)

    @property
    def reference(self) -> dt.datetime:
        """Midnight UTC of today: creation stamps are drawn before it."""
        return dt.datetime.combine(self.today, dt.time(0), tzinfo=_UTC)

    def plan(self, count: int) -> AgendaPlan:
        """``count`` actions: about 3 % in series, the rest single, every type at least once
        when there are enough."""
        plan = AgendaPlan()
        budget = max(3, round(count * SERIES_SHARE)) if count >= 20 else 0
        while budget >= 3:
            occurrences = self._series(plan, budget)
            budget -= occurrences
            count -= occurrences
        codes = [code for _, code in names.TYPE_WEIGHTS] if count >= len(self.type_ids) else []
        weights, population = zip(*names.TYPE_WEIGHTS, strict=True)
        codes += self.rng.choices(population, weights=weights, k=count - len(codes))
        self.rng.shuffle(codes)
        plan.actions.extend(self._single(code) for code in codes)
        return plan

    # --- single actions -------------------------------------------------------------------

    def _single(self, code: str) -> dict[str, object]:
        rng = self.rng
        title, contact = self._title(code)
        row = self._blank(code, title, contact)
        all_day_days = self._all_day_length(code)
        if all_day_days:
            first = self._day(weekday_only=code != "E", margin=all_day_days)
            if code == "CG" and all_day_days >= 5:
                first -= dt.timedelta(days=first.weekday())  # holidays start on a Monday
            row.update(all_day=True, start_date=first)
            row["end_date"] = first + dt.timedelta(days=all_day_days - 1)
        else:
            start, end = self._times(code)
            row.update(start=start, end=end)
        row["location"] = self._location(code, contact, title)
        row["private"] = rng.random() < (0.8 if code == "P" else 0.06)
        self._reminder(row)
        row["description"] = self._description(code)
        self._stamps(row)
        return row

    def _blank(self, code: str, title: str, contact: ContactDraft | None) -> dict[str, object]:
        company = contact.company if contact is not None else None
        return {
            "owner": self.owner_id,
            "action_type": self.type_ids[code],
            "title": title,
            "location": "",
            "all_day": False,
            "start": None,
            "end": None,
            "start_date": None,
            "end_date": None,
            "private": False,
            "reminder": False,
            "reminder_minutes": 15,
            "description": "",
            "series": None,
            "series_start": None,
            "deleted_at": None,
            "contact": contact.id if contact is not None else None,
            "company": company.id if company is not None else None,
            "created_at": None,
            "updated_at": None,
        }

    def _title(self, code: str) -> tuple[str, ContactDraft | None]:
        rng = self.rng
        if rng.random() < 0.01:
            title = rng.choice(names.EMOJI_TITLES)
            return title, None
        patterns = names.TITLES[code]
        if not self.contacts:
            patterns = (_plain_title(code),)
        pattern = rng.choice(patterns)
        contact = None
        if "{contact}" in pattern:
            contact = rng.choice(self.contacts)
        elif "{company}" in pattern:
            contact = self._contact_with_company()
            if contact is None:
                pattern = _plain_title(code)
        elif code in names.CUSTOMER_TYPES and self.contacts and rng.random() < 0.3:
            contact = rng.choice(self.contacts)
        company = contact.company if contact is not None else None
        title = pattern.format(
            contact=contact.title_name(rng) if contact is not None else "",
            company=company.row["name"] if company is not None else "",
        )
        return title, contact

    def _contact_with_company(self) -> ContactDraft | None:
        for _ in range(5):
            contact = self.rng.choice(self.contacts)
            if contact.company is not None:
                return contact
        return None

    def _all_day_length(self, code: str) -> int:
        """How many days an all-day action lasts; 0 for a timed one."""
        rng = self.rng
        if code == "CG":
            return rng.choice((1, 1, 4, 5, 5, 12))
        if code == "F" and rng.random() < 0.25:
            return rng.choice((1, 2, 3))
        if code == "E" and rng.random() < 0.4:
            return rng.choice((1, 2, 3, 4))
        if code == "T" and rng.random() < 0.05:
            return 1
        return 0

    def _day(self, *, weekday_only: bool = True, margin: int = 1) -> dt.date:
        """A day in the window, on a weekday in nine cases out of ten or more."""
        rng = self.rng
        while True:
            day = self.today + dt.timedelta(days=rng.randint(-WINDOW_DAYS, WINDOW_DAYS - margin))
            if day.weekday() < 5 or (not weekday_only and rng.random() < 0.3):
                return day
            if rng.random() < 0.1:
                return day

    def _times(self, code: str) -> tuple[dt.datetime, dt.datetime]:
        """Start and end, in UTC, of a timed action of this type, in working hours."""
        rng = self.rng
        day = self._day(margin=2)
        if code == "F":
            return self._utc(day, dt.time(9, 0)), self._utc(day, dt.time(17, 30))
        if code == "E" and rng.random() < 0.15:
            # A two-day trade fair: afternoon of one day to noon of the next.
            start = self._utc(day, dt.time(14, 0))
            return start, self._utc(day + dt.timedelta(days=1), dt.time(12, 0))
        minutes = self._duration(code)
        latest = (DAY_END.hour * 60 - minutes) // 15
        quarter = rng.randint(DAY_START.hour * 4, max(DAY_START.hour * 4, latest))
        start_local = dt.datetime.combine(day, dt.time(quarter // 4, quarter % 4 * 15))
        start = start_local.replace(tzinfo=self.zone)
        end = start + dt.timedelta(minutes=minutes)
        return start.astimezone(_UTC), end.astimezone(_UTC)

    def _duration(self, code: str) -> int:
        rng = self.rng
        choices: dict[str, tuple[int, ...]] = {
            "TS": (15, 15, 20, 30),
            "TL": (15, 15, 20, 30),
            "CH": (10, 15, 15, 20),
            "R": (60, 60, 60, 30, 90, 120),
            "I": (60, 90, 120, 180, 240),
            "RU": (30, 60, 60, 90, 120),
            "E": (120, 180, 240),
            "P": (30, 45, 60, 90),
            "T": (15, 30, 30, 45, 60),
        }
        return rng.choice(choices.get(code, (60,)))

    def _utc(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.zone).astimezone(_UTC)

    def _location(self, code: str, contact: ContactDraft | None, title: str) -> str:
        rng = self.rng
        if code in ("I", "R") and contact is not None:
            return contact.place.one_line
        if code == "R":
            return rng.choice(names.LOCATIONS_VISIO) if rng.random() < 0.3 else ""
        if code == "RU":
            return rng.choice(names.LOCATIONS_VISIO + names.MEETING_ROOMS)
        if code == "F":
            if rng.random() < 0.4:
                return rng.choice(names.LOCATIONS_VISIO)
            return f"Centre de formation, {rng.choice(names.COMMUNES)[1]}"
        if code == "E":
            return f"{rng.choice(names.EVENT_VENUES)}, {rng.choice(names.COMMUNES)[1]}"
        if title.startswith("🚗"):
            return "Lyon"
        return ""

    def _reminder(self, row: dict[str, object]) -> None:
        if self.rng.random() >= 0.3:
            return
        row["reminder"] = True
        if row["all_day"]:
            row["reminder_minutes"] = self.rng.choice((1440, 1440, 60))
        else:
            row["reminder_minutes"] = self.rng.choices(
                names.REMINDER_MINUTES, weights=(10, 25, 30, 20, 10, 5)
            )[0]

    def _description(self, code: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.03:
            return _report(rng, target=rng.randint(2000, 5000))
        if roll < 0.55:
            return rng.choice(names.DESCRIPTIONS[code])
        return ""

    def _stamps(self, row: dict[str, object]) -> None:
        """Created before the action (or today, if later), sometimes edited since."""
        rng = self.rng
        begin = row["start"]
        if not isinstance(begin, dt.datetime):
            day = row["start_date"]
            assert isinstance(day, dt.date)
            begin = dt.datetime.combine(day, dt.time(8), tzinfo=_UTC)
        created = stamp_before(rng, min(begin, self.reference), 45)
        updated = created
        if rng.random() < 0.4:
            span = int((self.reference - created).total_seconds())
            updated = created + dt.timedelta(seconds=rng.randrange(max(span, 1)))
        row["created_at"], row["updated_at"] = created, updated

    # --- series ---------------------------------------------------------------------------

    def _series(self, plan: AgendaPlan, budget: int) -> int:
        """Add one series of at most ``budget`` occurrences; return how many actions it adds."""
        rng = self.rng
        if not self._templates:
            # Deal the kinds of series out in turn, so one agenda is not all "Point mensuel".
            self._templates = rng.sample(SERIES_TEMPLATES, len(SERIES_TEMPLATES))
        template = self._templates.pop()
        if "{company}" in template.title and not any(c.company for c in self.contacts):
            template = SERIES_TEMPLATES[0]
        wanted = min(rng.randint(4, 10), budget)
        span = dt.timedelta(weeks=template.weeks_per_occurrence * (wanted + 1))
        latest = self.today + dt.timedelta(days=WINDOW_DAYS) - span
        anchor = self.today + dt.timedelta(days=rng.randint(-WINDOW_DAYS, WINDOW_DAYS - span.days))
        anchor = min(anchor, latest)
        first = self._first_occurrence(template.rule, anchor, template.time)
        rule = f"{template.rule};COUNT={wanted}"
        if template.ends_with_until:
            until = dt.datetime.combine(anchor + span, dt.time(22, 59, 59), tzinfo=_UTC)
            with_until = f"{template.rule};UNTIL={until.strftime('%Y%m%dT%H%M%SZ')}"
            if 2 <= len(list(rrulestr(with_until, dtstart=first))) <= budget:
                rule = with_until
        occurrences: list[dt.datetime] = list(rrulestr(rule, dtstart=first))
        skipped = self._skipped(occurrences)
        index = len(plan.series)
        plan.series.append(
            {
                "owner": self.owner_id,
                "rrule": rule,
                "exdates": ",".join(_utc_text(o) for o in skipped),
            }
        )
        contact = self._contact_with_company() if "{company}" in template.title else None
        title = template.title.format(
            company=contact.company.row["name"] if contact and contact.company else ""
        )
        shared = self._blank(template.type_code, title, contact)
        shared["location"] = self._location(template.type_code, contact, title)
        shared["private"] = rng.random() < 0.06
        self._reminder(shared)
        shared["description"] = self._description(template.type_code)
        moved = rng.choice(occurrences[1:]) if rng.random() < 0.3 else None
        stamps = min(occurrences[0].astimezone(_UTC), self.reference)
        created = stamp_before(rng, stamps, 30)
        added = 0
        for occurrence in occurrences:
            if occurrence in skipped:
                continue
            start = occurrence
            if moved is not None and occurrence is moved:
                start = self._moved(occurrence, template.minutes)
            row = dict(shared)
            row.update(
                series=index,
                series_start=occurrence.astimezone(_UTC),
                start=start.astimezone(_UTC),
                end=(start + dt.timedelta(minutes=template.minutes)).astimezone(_UTC),
                created_at=created,
                updated_at=created,
            )
            plan.actions.append(row)
            added += 1
        plan.series[index]["created_at"] = plan.series[index]["updated_at"] = created
        return added

    def _first_occurrence(self, rule: str, anchor: dt.date, time: dt.time) -> dt.datetime:
        """The rule's first occurrence on or after ``anchor``: the series' DTSTART, so that
        RFC 5545 (which counts DTSTART) and dateutil (which does not) agree."""
        start = dt.datetime.combine(anchor, time, tzinfo=self.zone)
        return rrulestr(rule, dtstart=start)[0]

    def _skipped(self, occurrences: list[dt.datetime]) -> list[dt.datetime]:
        """Sometimes one occurrence (never the first) is cancelled: an EXDATE, no action."""
        if len(occurrences) < 5 or self.rng.random() >= 0.25:
            return []
        return [self.rng.choice(occurrences[1:])]

    def _moved(self, occurrence: dt.datetime, minutes: int) -> dt.datetime:
        """An occurrence moved by an hour, earlier or later, staying in working hours."""
        for hours in self.rng.sample((-1, 1), 2):
            start = occurrence + dt.timedelta(hours=hours)
            end = start + dt.timedelta(minutes=minutes)
            if start.time() >= DAY_START and end.time() <= DAY_END and end.date() == start.date():
                return start
        return occurrence


def _plain_title(code: str) -> str:
    """The type's first title that names no contact or company."""
    return next(title for title in names.TITLES[code] if "{" not in title)


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _report(rng: random.Random, target: int) -> str:
    """A long meeting report of about ``target`` characters."""
    parts: list[str] = []
    length = 0
    while length < target:
        paragraph = rng.choice(names.REPORT_PARAGRAPHS)
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)
