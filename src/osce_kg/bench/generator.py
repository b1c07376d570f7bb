"""Synthetic OSCE pages at scale, in the real layouts A (press release) and B (listing).

The benchmark needs tens of thousands of pages that the real parser ingests like harvested ones:
the real site menu, the metadata block with an often-empty Date, datelines with the separators and
multi-city forms of page_layouts.md, and listing pages of about ten items. Names of structures,
States, cities and fields come from the reference data (see vocabulary.py); people and all text
are invented. One seed gives byte-identical pages (random.Random(seed), sorted inputs).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from osce_kg.bench.vocabulary import City, Issuer, State, Vocabulary

YEARS = range(1995, 2027)
LAST_MONTH = 10
"""Releases of 2026 stop in October: the shapes reject a date in the future, and the output must
not depend on the day the generator runs."""
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

LISTING_SHARE = 0.05
"""Share of pages that are listings (layout B); each lists LISTING_ITEMS documents."""
LISTING_ITEMS = (8, 12)

_FIRST = ("Anna", "Boris", "Clara", "Dario", "Elena", "Filip", "Greta", "Hakan", "Irina", "Jonas",
          "Katja", "Luca", "Marta", "Nikola", "Olga", "Pavel", "Rasa", "Stefan", "Tamara", "Viktor",
          "Ines", "Mirko", "Lea", "Oskar", "Daria", "Emil", "Sanja", "Teodor", "Vera", "Arvid")
_LAST = ("Adler", "Berisha", "Castell", "Dragun", "Eklund", "Ferreira", "Gashi", "Horvat", "Ilves",
         "Jansen", "Kovac", "Lindqvist", "Marek", "Novak", "Orlov", "Petrescu", "Quist", "Rendal",
         "Sorensen", "Tamm", "Urban", "Varga", "Weller", "Yilmaz", "Zoric", "Baltic", "Moreau", "Halvorsen")
_TITLES = ("", "", "", "Ambassador ", "Dr. ")

_EVENTS = ("workshop", "training course", "round table", "conference", "seminar", "study visit",
           "expert meeting", "public discussion", "summer school", "regional meeting")
_AUDIENCES = ("police officers", "judges and prosecutors", "journalists", "civil society representatives",
              "border guards", "young people", "election officials", "parliamentarians", "teachers",
              "municipal officials", "customs officers", "women leaders")
_VERBS = ("supports", "organizes", "holds", "opens", "concludes", "launches", "hosts")
_QUOTES = (
    "Co-operation across borders is the only way to meet these challenges.",
    "This event shows what can be achieved when institutions work together.",
    "We will continue to support the authorities in this important work.",
    "Dialogue and trust are at the heart of our comprehensive approach to security.",
    "The participants have shown great commitment, and the results speak for themselves.",
    "Sharing good practices helps every participating State to do better.",
)


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class Release:
    """One invented document: what a page of layout A shows, or one item of a listing."""

    content_type: str
    title: str
    issuer: str
    where: str | None
    fields: tuple[str, ...]
    cities: tuple[str, ...]
    day: int
    month: int
    year: int
    paragraphs: tuple[str, ...]


def _topic(label: str) -> str:
    """A field's label inside a sentence: 'Rule of law' -> 'rule of law', 'Roma and Sinti' kept."""
    return label if any(c.isupper() for c in label[1:]) else label[0].lower() + label[1:]


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _display(issuer: Issuer) -> str:
    return issuer.name if issuer.name.startswith(("OSCE", "CSCE")) else f"OSCE {issuer.name}"


class PageGenerator:
    """Draws releases and renders them as pages; all randomness comes from one Random(seed)."""

    def __init__(self, vocabulary: Vocabulary, seed: int) -> None:
        self.v = vocabulary
        self.rng = random.Random(seed)
        self.seed = seed
        self.people = self._people()
        weights = [1.0 + 0.12 * (y - YEARS.start) for y in YEARS]
        self.year_weights = weights
        self.cities_by_state: dict[str, list[City]] = {}
        for city in vocabulary.cities:
            self.cities_by_state.setdefault(city.state, []).append(city)

    def _people(self) -> dict[str, list[Person]]:
        """An invented staff per issuer plus State delegates; names are first x last combinations."""
        rng = self.rng
        staff: dict[str, list[Person]] = {}
        for issuer in self.v.issuers:
            shown = _display(issuer)
            roles = (f"Head of the {shown}", f"Deputy Head of the {shown}", f"Senior Adviser at the {shown}",
                     f"Programme Officer at the {shown}")
            staff[issuer.name] = [
                Person(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", rng.choice(roles)) for _ in range(4)
            ]
        for state in self.v.states:
            staff[state.name] = [Person(
                f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                f"Head of the {state.adjective} Permanent Mission to the OSCE",
            )]
        return staff

    # drawing -----------------------------------------------------------------------------------

    def _issuer(self, year: int) -> Issuer:
        kind = self.rng.choices(("field", "secretariat", "institution"), weights=(6, 3, 2))[0]
        pool = [i for i in self.v.issuers if i.kind == kind and i.active(year)]
        pool = pool or [i for i in self.v.issuers if i.active(year)] or list(self.v.issuers)
        return self.rng.choice(pool)

    def _fields(self, issuer: Issuer) -> tuple[str, ...]:
        n = self.rng.choices((1, 2, 3), weights=(5, 4, 1))[0]
        chosen = self.rng.sample(self.v.fields, n)
        if self.v.subtopics and issuer.kind == "institution" and self.rng.random() < 0.3:
            chosen.append(self.rng.choice(self.v.subtopics))
        return tuple(chosen)

    def _cities(self, issuer: Issuer) -> tuple[str, ...]:
        rng = self.rng
        first = issuer.seat if issuer.seat and rng.random() < 0.6 else rng.choice(self.v.cities).name
        if rng.random() < 0.07:
            others = [c.name for c in rng.sample(self.v.cities, 2) if c.name != first]
            return (first, *others[: rng.choice((1, 2))])
        return (first,)

    def _state(self) -> State:
        return self.rng.choice(self.v.states)

    def release(self) -> Release:
        rng = self.rng
        year = rng.choices(YEARS, weights=self.year_weights)[0]
        month, day = rng.randint(1, LAST_MONTH if year == YEARS[-1] else 12), rng.randint(1, 28)
        issuer = self._issuer(year)
        shown = _display(issuer)
        fields = self._fields(issuer)
        cities = self._cities(issuer)
        city = cities[0]
        topic = _topic(fields[0])
        event, audience, verb = rng.choice(_EVENTS), rng.choice(_AUDIENCES), rng.choice(_VERBS)
        a, b = self._state(), self._state()
        funder = self._state()
        title = rng.choice((
            f"OSCE {verb} {event} on {topic} in {city}",
            f"{a.adjective} {audience} trained on {topic} with OSCE support",
            f"Experts meet in {city} to discuss {topic}",
            f"{shown} {verb} {event} for {audience}",
        ))
        count = rng.randint(8, 120)
        lead = (f"The {shown} {verb} {_a(event)} on {topic} for {count} {audience} from {a.name} and "
                f"{b.name}, which began in {city} today.")
        body = [
            lead,
            f"The {event} is part of a project of the {shown} funded by {funder.name}. "
            f"It focuses on {', '.join(_topic(f) for f in fields)} and brings together national and local institutions.",
        ]
        speakers = rng.sample(self.people[issuer.name], rng.choice((1, 1, 2)))
        if rng.random() < 0.4:
            speakers.append(self.people[funder.name][0])
        for p in speakers:
            body.append(f"{rng.choice(_TITLES)}{p.name}, {p.role}, said: \"{rng.choice(_QUOTES)}\"")
        if rng.random() < 0.5:
            body.append(f"The participants from {a.name} will present the results at a meeting in "
                        f"{rng.choice(self.v.cities).name} later this year.")
        content_type = rng.choices(self.v.content_types, weights=[
            12 if t == "Press release" else 1 for t in self.v.content_types
        ])[0]
        where = shown if issuer.kind == "field" else None
        if where and issuer.dissolved is not None:
            where += " (closed)"
        return Release(content_type, title, shown, where, fields, cities, day, month, year, tuple(body))

    # rendering ---------------------------------------------------------------------------------

    def _date(self, r: Release, capitals: bool = False) -> str:
        month = MONTHS[r.month - 1]
        return f"{r.day} {month.upper() if capitals else month} {r.year}"

    def _dateline(self, r: Release) -> str:
        rng = self.rng
        place = " / ".join(c.upper() for c in r.cities) if len(r.cities) > 1 else r.cities[0].upper()
        sep = rng.choices((" - ", " -- ", " – ", " — ", "- "), weights=(20, 2, 3, 3, 2))[0]
        return f"{place}, {self._date(r, capitals=rng.random() < 0.05)}{sep}"

    def press_release(self, r: Release) -> str:
        """Layout A: menu, content type, title, metadata block (Date often empty), dateline + body."""
        lines = [*self.v.menu, r.content_type, r.title, "- Date:"]
        if self.rng.random() < 0.3:
            lines.append(f"- {self._date(r)}")
        lines += ["- Place:", f"- {r.cities[0].upper()}", "- Source:", f"- {r.issuer}",
                  "- Fields of work:", f"- {', '.join(r.fields)}"]
        lines.append(self._dateline(r) + r.paragraphs[0])
        lines += r.paragraphs[1:]
        return "\n".join(lines) + "\n"

    def listing(self, releases: list[Release]) -> str:
        """Layout B: a newsroom listing with one compact record per document, leads cut with '...'."""
        lines = ["Newsroom", "News and press releases", "News and press releases from the OSCE's global activities."]
        for r in releases:
            lines += [r.title, f"Publishing date: {self._date(r)}", f"Content type: {r.content_type}"]
            if r.where and self.rng.random() < 0.9:
                lines.append(f"Where we are: {r.where}")
            if self.rng.random() < 0.9:
                lines.append(f"What we do: {', '.join(r.fields)}")
            lead = r.paragraphs[0]
            lines.append(self._dateline(r) + lead[: max(40, len(lead) * 2 // 3)].rstrip() + " ...")
        return "\n".join(lines) + "\n"

    def page(self) -> str:
        if self.rng.random() < LISTING_SHARE:
            return self.listing([self.release() for _ in range(self.rng.randint(*LISTING_ITEMS))])
        return self.press_release(self.release())


def page_name(seed: int, index: int) -> str:
    """A file name in the form of data/pages: index and a hash of a synthetic URL."""
    url = f"https://www.osce.org/synthetic/{seed}/{index}"
    return f"{index:06d}_{hashlib.sha1(url.encode()).hexdigest()[:16]}.txt"


def generate(out_dir: Path, n: int, vocabulary: Vocabulary, seed: int = 1) -> list[Path]:
    """Write `n` pages to `out_dir` and return their paths, in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    gen = PageGenerator(vocabulary, seed)
    paths = []
    for i in range(n):
        path = out_dir / page_name(seed, i)
        path.write_text(gen.page(), encoding="utf-8")
        paths.append(path)
    return paths
