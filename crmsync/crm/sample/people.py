"""Sample people: the CRM's users, its companies ("tiers") and their contacts, as table rows.

Everything here is pure: rows are dictionaries ready for ``insert_many``, drawn from a
``random.Random`` handed in, so a seed gives the same people every time.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass

from crmsync.crm.sample import names
from crmsync.crm.sample.photos import PhotoPool

_REGION_DEPARTMENTS: dict[str, str] = {
    "01": "75 77 78 91 92 93 94 95",
    "02": "14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85",
    "03": "02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90",
    "04": "01 03 04 05 06 07 11 13 15 20 26 30 34 38 42 43 48 63 66 69 73 74 83 84",
}
#: Mainland landline prefix by department; "05" (south-west) for the rest.
_REGION_OF_DEPARTMENT: dict[str, str] = {
    department: region
    for region, departments in _REGION_DEPARTMENTS.items()
    for department in departments.split()
}
_OVERSEAS_MOBILE = {"972": "06 96", "974": "06 92"}
_LEGAL_FORMS = re.compile(r"\b(SARL|SAS|EARL|GAEC|Frères|Fils)\b")


@dataclass(frozen=True)
class Place:
    """A postal address: street lines, postal code and commune."""

    line1: str
    line2: str
    line3: str
    postal_code: str
    city: str

    @property
    def one_line(self) -> str:
        """The address as a calendar location: "12 rue de la République, 44000 Nantes"."""
        return f"{self.line1}, {self.postal_code} {self.city}"


@dataclass
class CompanyDraft:
    """A company being made: its row plus what its contacts and actions borrow from it."""

    row: dict[str, object]
    place: Place
    domain: str
    id: int | None = None


@dataclass
class ContactDraft:
    """A contact being made: its row plus what the agenda needs to mention it."""

    row: dict[str, object]
    company: CompanyDraft | None
    place: Place
    id: int | None = None

    def title_name(self, rng: random.Random) -> str:
        """How an agenda title names the person: "Mme Dupont" or "Élodie Dupont"."""
        civility, first, last = (self.row[k] for k in ("civility", "first_name", "last_name"))
        if civility and rng.random() < 0.5:
            return f"{civility} {last}"
        return " ".join(str(part) for part in (first, last) if part)


def ascii_fold(text: str) -> str:
    """``text`` without accents, lower case: "Lætitia Lefèvre" → "laetitia lefevre"."""
    text = text.replace("æ", "ae").replace("Æ", "Ae").replace("œ", "oe").replace("Œ", "Oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def email_part(text: str) -> str:
    """A name as it goes into an e-mail address: "Le Gall" → "le-gall", "N'Diaye" → "ndiaye"."""
    folded = ascii_fold(text).replace("'", "").replace(" ", "-")
    return re.sub(r"[^a-z0-9.-]", "", folded)


def login_for(first: str, last: str) -> str:
    """The login office tools give people: first initial and last name, "jdupont"."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(first[0] + last))


def stamp_before(rng: random.Random, moment: dt.datetime, max_days: int) -> dt.datetime:
    """A time up to ``max_days`` before ``moment``, to the second."""
    return moment - dt.timedelta(seconds=rng.randrange(60, max_days * 86400))


def make_users(
    rng: random.Random,
    count: int,
    reference: dt.datetime,
    taken_logins: set[str],
) -> list[dict[str, object]]:
    """``count`` user rows with French names, unique logins and one firm's e-mail domain."""
    domain = rng.choice(names.USER_DOMAINS)
    rows: list[dict[str, object]] = []
    used_names: set[tuple[str, str]] = set()
    for index in range(count):
        first, last = _person_name(rng)
        while (first, last) in used_names:
            first, last = _person_name(rng)
        used_names.add((first, last))
        login = _unique(login_for(first, last), taken_logins)
        local = f"{email_part(first)}.{email_part(last)}"
        if login != login_for(first, last):
            local += login[len(login_for(first, last)) :]
        email = f"{local}@{domain}"
        created = stamp_before(rng, reference, 900)
        rows.append(
            {
                "login": login,
                "name": f"{first} {last}",
                "email": email,
                "google_email": email,
                "is_admin": False,
                "time_zone": _time_zone(index),
                "active": True,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


def _time_zone(index: int) -> str:
    # Mostly Paris; every fourth user, from the third on, works overseas or in Belgium.
    if index % 4 != 2:
        return "Europe/Paris"
    return names.OTHER_TIME_ZONES[(index // 4) % len(names.OTHER_TIME_ZONES)]


def _unique(login: str, taken: set[str]) -> str:
    candidate, number = login, 1
    while candidate in taken:
        number += 1
        candidate = f"{login}{number}"
    taken.add(candidate)
    return candidate


def _person_name(rng: random.Random, female: bool | None = None) -> tuple[str, str]:
    if female is None:
        female = rng.random() < 0.5
    pool = names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES
    return rng.choice(pool), rng.choice(names.LAST_NAMES)


def make_place(rng: random.Random) -> Place:
    """A street address in one of the shipped communes."""
    postal_code, city = rng.choice(names.COMMUNES)
    number = rng.randint(1, 148)
    suffix = rng.choices(("", " bis", " ter"), weights=(90, 7, 3))[0]
    line2 = rng.choice(names.ADDRESS_SECOND_LINES) if rng.random() < 0.25 else ""
    line3 = rng.choice(names.ADDRESS_THIRD_LINES) if rng.random() < 0.05 else ""
    return Place(f"{number}{suffix} {rng.choice(names.STREETS)}", line2, line3, postal_code, city)


def phone_number(rng: random.Random, postal_code: str) -> str:
    """A landline written the French way, its prefix matching the region: "02 40 12 34 56"."""
    prefix = names.OVERSEAS_PHONE_PREFIXES.get(postal_code[:3])
    if prefix is None:
        region = _REGION_OF_DEPARTMENT.get(postal_code[:2], "05")
        prefix = f"{region} {rng.randint(10, 99)}"
    return f"{prefix} {_pairs(rng, 3)}"


def mobile_number(rng: random.Random, postal_code: str) -> str:
    """A mobile: "06 12 34 56 78", "07 …", sometimes international "+33 6 12 34 56 78"."""
    overseas = _OVERSEAS_MOBILE.get(postal_code[:3])
    if overseas is not None:
        return f"{overseas} {_pairs(rng, 3)}"
    digit = rng.choices("67", weights=(70, 30))[0]
    if rng.random() < 0.15:
        return f"+33 {digit} {_pairs(rng, 4)}"
    return f"0{digit} {_pairs(rng, 4)}"


def _pairs(rng: random.Random, count: int) -> str:
    return " ".join(f"{rng.randrange(100):02d}" for _ in range(count))


def make_companies(
    rng: random.Random, count: int, first_number: int, reference: dt.datetime
) -> list[CompanyDraft]:
    """``count`` companies coded "C0001"… from ``first_number``, with French trade names."""
    drafts: list[CompanyDraft] = []
    used: set[str] = set()
    kinds, weights = zip(*((kind, weight) for weight, kind in names.COMPANY_KINDS), strict=True)
    for offset in range(count):
        place = make_place(rng)
        name = _company_name(rng)
        if name in used:
            name = f"{name} ({place.city})"
        used.add(name)
        created = stamp_before(rng, reference, 2000)
        row = {
            "code": f"C{first_number + offset:04d}",
            "name": name,
            "kind": rng.choices(kinds, weights=weights)[0],
            "created_at": created,
            "updated_at": created if rng.random() < 0.6 else stamp_before(rng, reference, 60),
        }
        drafts.append(CompanyDraft(row, place, _company_domain(name)))
    return drafts


def _company_name(rng: random.Random) -> str:
    pattern = rng.choice(names.COMPANY_PATTERNS)
    return pattern.format(
        last=rng.choice(names.LAST_NAMES),
        tree=rng.choice(names.TREES),
        place=rng.choice(names.PLACES),
        square=rng.choice(names.SQUARES),
    )


def _company_domain(name: str) -> str:
    words = email_part(_LEGAL_FORMS.sub("", name).replace("&", " ")).replace(".", "")
    slug = re.sub(r"-+", "-", words.replace("(", "").replace(")", "")).strip("-")
    return f"{slug[:40].strip('-')}.fr"


def make_contacts(
    rng: random.Random,
    count: int,
    companies: list[CompanyDraft],
    reference: dt.datetime,
    photos: PhotoPool | None,
) -> list[ContactDraft]:
    """``count`` contacts; each company gets at least one, about one in ten works alone."""
    drafts: list[ContactDraft] = []
    for index in range(count):
        if index < len(companies):
            company: CompanyDraft | None = companies[index]
        elif companies and rng.random() < 0.9:
            company = rng.choice(companies)
        else:
            company = None
        drafts.append(_contact(rng, company, reference, photos))
    return drafts


def _contact(
    rng: random.Random,
    company: CompanyDraft | None,
    reference: dt.datetime,
    photos: PhotoPool | None,
) -> ContactDraft:
    female = rng.random() < 0.5
    first, last = _person_name(rng, female)
    function = rng.choice(names.FUNCTIONS)[1 if female else 0] if company else ""
    civility = "Mme" if female else "M."
    if function == "Vétérinaire" and rng.random() < 0.3:
        civility = "Dr"
    if company is not None and rng.random() < 0.02:
        # A department rather than a person, as CRMs hold: no first name, no civility.
        first, civility, last = "", "", rng.choice(("Service comptabilité", "Accueil"))
    place = company.place if company is not None else make_place(rng)
    created = stamp_before(rng, reference, 1500)
    row: dict[str, object] = {
        "company": None,  # set once the company has its id
        "civility": civility,
        "last_name": last,
        "first_name": first,
        "function": function,
        "email": _contact_email(rng, first, last, company),
        "phone": phone_number(rng, place.postal_code) if rng.random() < 0.8 else "",
        "mobile": mobile_number(rng, place.postal_code) if rng.random() < 0.7 else "",
        "address1": place.line1,
        "address2": place.line2,
        "address3": place.line3,
        "postal_code": place.postal_code,
        "city": place.city,
        "country": "France" if rng.random() < 0.85 else "",
        "comment": _comment(rng),
        "photo": None,
        "photo_updated_at": None,
        "deleted_at": None,
        "created_at": created,
        "updated_at": created if rng.random() < 0.5 else stamp_before(rng, reference, 90),
    }
    if row["updated_at"] < created:  # type: ignore[operator]
        row["updated_at"] = created
    # Roll even without photos, so asking for photos changes nothing else.
    gets_photo = rng.random() < 0.7
    if photos is not None and gets_photo:
        initials = "".join(part[0] for part in (first, last) if part).upper()
        row["photo"] = photos.photo_for(initials)
        row["photo_updated_at"] = row["updated_at"]
    return ContactDraft(row, company, place)


def _contact_email(rng: random.Random, first: str, last: str, company: CompanyDraft | None) -> str:
    roll = rng.random()
    if roll < 0.1:
        return ""
    if not first:
        return f"{email_part(last)}@{company.domain}" if company else ""
    if company is None:
        number = f"{rng.randint(1, 99)}" if rng.random() < 0.4 else ""
        domain = rng.choice(names.PERSONAL_MAIL_DOMAINS)
        return f"{email_part(first)}.{email_part(last)}{number}@{domain}"
    if roll < 0.25:
        return f"{email_part(first)[0]}.{email_part(last)}@{company.domain}"
    if roll < 0.3:
        return f"contact@{company.domain}"
    return f"{email_part(first)}.{email_part(last)}@{company.domain}"


def _comment(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.65:
        return ""
    if roll < 0.9:
        return rng.choice(names.CONTACT_COMMENTS)
    return "\n".join(rng.sample(names.CONTACT_COMMENTS, 2))
