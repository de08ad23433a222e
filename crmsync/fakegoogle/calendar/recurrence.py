"""RRULE/EXRULE/RDATE/EXDATE lines of an event, expanded into instance start times.

Expansion happens in the event's wall-clock time (its ``timeZone``, else the calendar's),
so a weekly 09:00 meeting stays at 09:00 across daylight-saving changes, as on Google.
All arithmetic is on naive local datetimes; instants are made aware only at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rruleset, rrulestr

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar.times import zone

# How far an unbounded series is expanded when the request gives no timeMax.
DEFAULT_HORIZON = timedelta(days=730)
# A hard stop so one pathological rule (FREQ=SECONDLY...) cannot stall the emulator.
MAX_INSTANCES = 5000

_ALLOWED_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


@dataclass
class Series:
    """A parsed recurrence: the set of local start times and whether it ends."""

    rules: rruleset
    infinite: bool
    tz: ZoneInfo
    all_day: bool


def parse(lines: list[str], first_local: datetime, all_day: bool, tz: ZoneInfo) -> Series:
    """Parse an event's ``recurrence`` lines; 400 invalid when Google would refuse them."""
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise errors.invalid_recurrence()
    dtstart = first_local.replace(tzinfo=None)
    rules = rruleset()
    infinite = False
    has_rule = False
    for raw in lines:
        name, params, value = _split_line(raw)
        try:
            if name in ("RRULE", "EXRULE"):
                rule, bounded = _parse_rule(value, dtstart, all_day, tz)
                if name == "RRULE":
                    rules.rrule(rule)
                    has_rule = True
                    infinite = infinite or not bounded
                else:
                    rules.exrule(rule)
            elif name in ("RDATE", "EXDATE"):
                for moment in _parse_dates(params, value, dtstart, all_day, tz):
                    (rules.rdate if name == "RDATE" else rules.exdate)(moment)
                has_rule = has_rule or name == "RDATE"
            else:
                raise errors.invalid_recurrence()
        except (ValueError, TypeError, KeyError, OverflowError, IndexError):
            raise errors.invalid_recurrence() from None
    if not has_rule:
        raise errors.invalid_recurrence()
    # The first instance is the event's own start even when the rule would skip it
    # (RFC 5545 counts DTSTART as the first occurrence).
    rules.rdate(dtstart)
    return Series(rules, infinite, tz, all_day)


def starts(
    series: Series,
    duration: timedelta,
    time_min: datetime | None,
    time_max: datetime | None,
    horizon_from: datetime,
) -> list[datetime]:
    """Aware instance starts whose end is after ``time_min`` and start before ``time_max``."""
    upper = time_max
    if upper is None:
        upper = horizon_from + DEFAULT_HORIZON if series.infinite else None
    lo = None if time_min is None else _local(time_min - duration - timedelta(days=2), series.tz)
    hi = None if upper is None else _local(upper + timedelta(days=2), series.tz)
    found: list[datetime] = []
    iterator = series.rules.xafter(lo, inc=True) if lo is not None else iter(series.rules)
    for naive in iterator:
        if hi is not None and naive > hi:
            break
        moment = naive.replace(tzinfo=series.tz)
        if time_min is not None and moment + duration <= time_min:
            continue  # timeMin is an exclusive bound on the instance's end
        if upper is not None and moment >= upper:
            break
        found.append(moment)
        if len(found) >= MAX_INSTANCES:
            break
    return found


def occurs_at(series: Series, moment: datetime) -> bool:
    """Whether ``moment`` (aware) is one of the series' instance starts."""
    naive = moment.astimezone(series.tz).replace(tzinfo=None)
    found = series.rules.after(naive - timedelta(seconds=1), inc=False)
    return found == naive


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz).replace(tzinfo=None)


def _split_line(raw: str) -> tuple[str, dict[str, str], str]:
    head, sep, value = raw.strip().partition(":")
    if not sep:
        raise errors.invalid_recurrence()
    name, *param_parts = head.split(";")
    params = {}
    for part in param_parts:
        key, _, val = part.partition("=")
        params[key.upper()] = val
    return name.upper(), params, value.strip()


def _parse_rule(value: str, dtstart: datetime, all_day: bool, tz: ZoneInfo) -> tuple[rrule, bool]:
    fields = dict(p.split("=", 1) for p in value.upper().split(";") if p)
    if fields.get("FREQ") not in _ALLOWED_FREQ:
        raise ValueError("Google Calendar repeats daily, weekly, monthly or yearly only")
    if "COUNT" in fields and "UNTIL" in fields:
        raise ValueError("COUNT and UNTIL are exclusive")
    # dateutil wants UNTIL in the same (naive, local) terms as DTSTART: convert it here.
    until = None
    if "UNTIL" in fields:
        until = _until_local(fields["UNTIL"], dtstart, all_day, tz)
        value = ";".join(p for p in value.split(";") if p and not p.upper().startswith("UNTIL="))
    rule = rrulestr(value, dtstart=dtstart)
    if not isinstance(rule, rrule):
        raise ValueError("not a single rule")
    if until is not None:
        rule = rule.replace(until=until)
    return rule, ("COUNT" in fields or until is not None)


def _until_local(text: str, dtstart: datetime, all_day: bool, tz: ZoneInfo) -> datetime:
    if len(text) == 8:  # a DATE: the whole day is included
        day = datetime.strptime(text, "%Y%m%d")
        return day if all_day else day.replace(hour=23, minute=59, second=59)
    if text.endswith("Z"):
        moment = datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return _local(moment, tz)
    return datetime.strptime(text, "%Y%m%dT%H%M%S")


def _parse_dates(
    params: dict[str, str], value: str, dtstart: datetime, all_day: bool, tz: ZoneInfo
) -> list[datetime]:
    source_tz = zone(params.get("TZID")) if params.get("TZID") else None
    if params.get("TZID") and source_tz is None:
        raise ValueError("unknown TZID")
    out = []
    for text in (v.strip().upper() for v in value.split(",") if v.strip()):
        if len(text) == 8:  # VALUE=DATE: that day's instance
            day = datetime.strptime(text, "%Y%m%d")
            out.append(day if all_day else datetime.combine(day.date(), dtstart.time()))
        elif text.endswith("Z"):
            moment = datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            out.append(_date_or_local(moment, all_day, tz))
        else:
            naive = datetime.strptime(text, "%Y%m%dT%H%M%S")
            moment = naive.replace(tzinfo=source_tz or tz)
            out.append(_date_or_local(moment, all_day, tz))
    return out


def _date_or_local(moment: datetime, all_day: bool, tz: ZoneInfo) -> datetime:
    local = _local(moment, tz)
    return datetime.combine(local.date(), time()) if all_day else local
