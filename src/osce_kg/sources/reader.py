"""Read data/*.csv into typed records and check every cross-file reference.

Each file is read on its own first (columns, keys, dates, URLs), then references between files
are resolved; a key that points nowhere is an InputError naming file, line, column and value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from osce_kg.countries import is_current_code, is_former_code
from osce_kg.errors import InputError
from osce_kg.iri import slug
from osce_kg.sources.isodate import IsoDate, may_precede
from osce_kg.sources.records import (
    Chairpersonship,
    Concept,
    FieldOperation,
    FormerState,
    MenuEntry,
    ParticipatingState,
    Partner,
    Person,
    Place,
    Provenance,
    Reference,
    Renaming,
    Structure,
    Tenure,
    Territory,
)
from osce_kg.sources.table import Row, check_unique, read_table

FILES = {
    "states": "participating_states.csv",
    "former_states": "former_states.csv",
    "partners": "partners.csv",
    "territories": "territories.csv",
    "places": "places.csv",
    "people": "people.csv",
    "chairpersonships": "chairpersonships.csv",
    "tenures": "posts.csv",
    "structures": "structures.csv",
    "field_operations": "field_operations.csv",
    "renamings": "renamings.csv",
    "fields_of_work": "fields_of_work.csv",
    "meeting_types": "meeting_types.csv",
    "content_types": "content_types.csv",
    "menu_entries": "menu_entries.csv",
}
"""Reference attribute -> file name in the data folder."""

STRUCTURE_CLASSES = (
    "Organization",
    "DecisionMakingBody",
    "Secretariat",
    "SecretariatUnit",
    "Institution",
    "ParliamentaryAssembly",
    "OtherStructure",
)
FIELD_OPERATION_CLASSES = (
    "Mission",
    "Presence",
    "Centre",
    "ProgrammeOffice",
    "ProjectCoordinator",
    "Office",
    "OtherFieldActivity",
)
ROLES = (
    "secretaryGeneralRole",
    "secretaryGeneralOfAssemblyRole",
    "headOfInstitutionRole",
    "headOfMissionRole",
    "presidentRole",
    "directorRole",
    "coordinatorRole",
    "specialRepresentativeRole",
)
"""The post roles of ontology/osce.ttl (org:Role individuals) a posts.csv row may name."""
CHAIR_TITLES = (
    "Chairman-in-Office of the CSCE Council",
    "Chairman-in-Office",
    "Chairperson-in-Office",
    "Chair-in-Office",
)
PARTNER_GROUPS = ("asian", "mediterranean")
MENU_LINKS = ("section", "class", "post", "group", "overview")
"""What a menu entry links to: a nested section, the list of a class's instances (the `target`
class of ontology/osce.ttl), a post (`target` structure.post of posts.csv), a group the ontology
has no class for, or an overview page that is no entity."""
MENU_TOP = "Main menu"
"""The section that holds the menu's top-level entries (a text rendering drops their heading)."""


def _prov(row: Row) -> Provenance:
    return Provenance(row.path.name, row.line, tuple(row.urls()), row.text("note"))


def _key(row: Row, column: str = "key") -> str:
    value = row.required(column)
    if value != slug(value):
        raise row.error(column, f"a key must be a lower-case slug such as {slug(value)!r}", value)
    return value


def _state_code(row: Row, column: str, *, former: bool = False) -> str:
    value = row.required(column)
    ok = is_former_code(value) if former else is_current_code(value)
    if not ok:
        kind = "ISO 3166-3 alpha-4" if former else "ISO 3166-1 alpha-2"
        raise row.error(column, f"not an {kind} code known to pycountry", value)
    return value


def _period(row: Row, start_col: str, end_col: str, start: IsoDate | None, end: IsoDate | None) -> None:
    if start is not None and end is not None and not may_precede(start, end):
        raise row.error(end_col, f"ends before {start_col} {start}", str(end))


def read_states(path: Path) -> list[ParticipatingState]:
    rows = read_table(
        path, ["iso2", "osce_name", "former_names", "adjectives", "wikidata", "joined", "founding", "source", "note"]
    )
    check_unique(rows, "iso2")
    return [
        ParticipatingState(
            code=_state_code(r, "iso2"),
            osce_name=r.required("osce_name"),
            former_names=tuple(r.items("former_names")),
            adjectives=tuple(r.items("adjectives")),
            wikidata=r.wikidata(),
            joined=r.date("joined", required=True),
            founding=r.flag("founding"),
            prov=_prov(r),
        )
        for r in rows
    ]


def read_former_states(path: Path) -> list[FormerState]:
    rows = read_table(
        path, ["iso3166_3", "name", "other_names", "adjectives", "wikidata", "joined", "left", "successors", "source", "note"]
    )
    check_unique(rows, "iso3166_3")
    out = []
    for r in rows:
        joined, left = r.date("joined"), r.date("left")
        _period(r, "joined", "left", joined, left)
        out.append(
            FormerState(
                code=_state_code(r, "iso3166_3", former=True),
                name=r.required("name"),
                other_names=tuple(r.items("other_names")),
                adjectives=tuple(r.items("adjectives")),
                wikidata=r.wikidata(),
                joined=joined,
                left=left,
                successors=tuple(r.items("successors")),
                prov=_prov(r),
            )
        )
    return out


def read_partners(path: Path) -> list[Partner]:
    rows = read_table(
        path, ["iso2", "osce_name", "group", "since", "until", "adjectives", "wikidata", "source", "note"]
    )
    check_unique(rows, "iso2")
    out = []
    for r in rows:
        since, until = r.date("since", required=True), r.date("until")
        _period(r, "since", "until", since, until)
        out.append(
            Partner(
                code=_state_code(r, "iso2"),
                osce_name=r.required("osce_name"),
                group=r.choice("group", PARTNER_GROUPS),
                since=since,
                until=until,
                adjectives=tuple(r.items("adjectives")),
                wikidata=r.wikidata(),
                prov=_prov(r),
            )
        )
    return out


def read_territories(path: Path) -> list[Territory]:
    rows = read_table(path, ["key", "name", "code", "alt_names", "adjectives", "wikidata", "source", "note"])
    check_unique(rows, "key")
    return [
        Territory(
            key=_key(r),
            name=r.required("name"),
            code=r.optional("code"),
            alt_names=tuple(r.items("alt_names")),
            adjectives=tuple(r.items("adjectives")),
            wikidata=r.wikidata(),
            prov=_prov(r),
        )
        for r in rows
    ]


def read_places(path: Path) -> list[Place]:
    rows = read_table(path, ["key", "name", "within", "alt_names", "wikidata", "source", "note"])
    check_unique(rows, "key")
    return [
        Place(
            key=_key(r),
            name=r.required("name"),
            within=r.required("within"),
            alt_names=tuple(r.items("alt_names")),
            wikidata=r.wikidata(),
            prov=_prov(r),
        )
        for r in rows
    ]


def read_people(path: Path) -> list[Person]:
    rows = read_table(path, ["name", "alt_names", "nationality", "source", "note"])
    check_unique(rows, "name", key=lambda r: slug(r.required("name")))
    return [
        Person(
            key=slug(r.required("name")),
            name=r.required("name"),
            alt_names=tuple(r.items("alt_names")),
            nationality=r.optional("nationality"),
            prov=_prov(r),
        )
        for r in rows
    ]


def read_chairpersonships(path: Path) -> list[Chairpersonship]:
    rows = read_table(path, ["year", "state", "chairpersons", "title", "source", "note"])
    check_unique(rows, "year")
    out = []
    for r in rows:
        year = r.required("year")
        if not (len(year) == 4 and year.isdigit()):
            raise r.error("year", "expected a four-digit year", year)
        names = r.items("chairpersons")
        if not names:
            raise r.error("chairpersons", "at least one Chairperson-in-Office is required", "")
        out.append(
            Chairpersonship(
                year=int(year),
                state=r.required("state"),
                chairpersons=tuple(names),
                title=r.choice("title", CHAIR_TITLES),
                prov=_prov(r),
            )
        )
    return out


def read_tenures(path: Path) -> list[Tenure]:
    rows = read_table(path, ["structure", "post", "post_label", "role", "person", "start", "end", "source", "note"])
    check_unique(
        rows,
        "start",
        key=lambda r: "|".join((r.text("structure"), r.text("post"), slug(r.required("person")), r.text("start"))),
    )
    out = []
    for r in rows:
        start, end = r.date("start", required=True), r.date("end")
        _period(r, "start", "end", start, end)
        out.append(
            Tenure(
                structure=r.required("structure"),
                post=_key(r, "post"),
                post_label=r.required("post_label"),
                role=r.choice("role", ROLES),
                person=r.required("person"),
                start=start,
                end=end,
                prov=_prov(r),
            )
        )
    return out


def read_structures(path: Path) -> list[Structure]:
    rows = read_table(
        path,
        [
            "key",
            "name",
            "class",
            "abbreviations",
            "alt_names",
            "parent",
            "seat",
            "founded",
            "dissolved",
            "successor",
            "fields",
            "source",
            "note",
        ],
    )
    check_unique(rows, "key")
    out = []
    for r in rows:
        founded, dissolved = r.date("founded"), r.date("dissolved")
        _period(r, "founded", "dissolved", founded, dissolved)
        out.append(
            Structure(
                key=_key(r),
                name=r.required("name"),
                kind=r.choice("class", STRUCTURE_CLASSES),
                abbreviations=tuple(r.items("abbreviations")),
                alt_names=tuple(r.items("alt_names")),
                parent=r.optional("parent"),
                seat=r.optional("seat"),
                founded=founded,
                dissolved=dissolved,
                successor=r.optional("successor"),
                fields=tuple(r.items("fields")),
                prov=_prov(r),
            )
        )
    return out


def read_field_operations(path: Path) -> list[FieldOperation]:
    rows = read_table(
        path,
        [
            "key", "name", "short_name", "class", "abbreviations", "hosts", "seat", "opened", "closed",
            "decided", "predecessor", "successor", "fields", "source", "note",
        ],
    )  # fmt: skip
    check_unique(rows, "key")
    out = []
    for r in rows:
        opened, closed = r.date("opened", required=True), r.date("closed")
        _period(r, "opened", "closed", opened, closed)
        hosts = r.items("hosts")
        if not hosts:
            raise r.error("hosts", "a field operation needs at least one host", "")
        out.append(
            FieldOperation(
                key=_key(r),
                name=r.required("name"),
                short_name=r.required("short_name"),
                kind=r.choice("class", FIELD_OPERATION_CLASSES),
                abbreviations=tuple(r.items("abbreviations")),
                hosts=tuple(hosts),
                seat=r.optional("seat"),
                opened=opened,
                closed=closed,
                decided=r.date("decided"),
                predecessor=r.optional("predecessor"),
                successor=r.optional("successor"),
                fields=tuple(r.items("fields")),
                prov=_prov(r),
            )
        )
    return out


def read_renamings(path: Path) -> list[Renaming]:
    rows = read_table(path, ["operation", "date", "old_name", "new_name", "source", "note"])
    check_unique(rows, "date", key=lambda r: f"{r.text('operation')}|{r.text('date')}")
    return [
        Renaming(
            operation=r.required("operation"),
            date=r.date("date", required=True),
            old_name=r.required("old_name"),
            new_name=r.required("new_name"),
            prov=_prov(r),
        )
        for r in rows
    ]


def read_concepts(path: Path, *, hierarchical: bool = False, translated: bool = False) -> list[Concept]:
    columns = ["key", "label", "alt_labels", "source", "note"] + (["broader"] if hierarchical else [])
    rows = read_table(path, columns + (["translated_labels"] if translated else []))
    check_unique(rows, "key")
    check_unique(rows, "label")
    out = []
    for r in rows:
        broader = r.optional("broader") if hierarchical else None
        labels = _translated_labels(r) if translated else ()
        out.append(
            Concept(_key(r), r.required("label"), tuple(r.items("alt_labels")), broader, broader is None, _prov(r), labels)
        )
    return out


def read_fields_of_work(path: Path) -> list[Concept]:
    """The scheme of fields of work: concepts with a broader field and labels in other languages."""
    return read_concepts(path, hierarchical=True, translated=True)


_TRANSLATED_LABEL = re.compile(r"^([a-z]{2,3}):\s*(\S.*)$")


def _translated_labels(row: Row) -> tuple[tuple[str, str], ...]:
    """'ru:Права человека;sq:Të drejtat e njeriut': a language code (ISO 639-1), a colon, the label."""
    out = []
    for item in row.items("translated_labels"):
        m = _TRANSLATED_LABEL.match(item)
        if not m or m[1] == "en":
            raise row.error("translated_labels", "write each as 'xx:label' (ISO 639 code of a language other than English)", item)
        out.append((m[1], m[2].strip()))
    if len({lang for lang, _ in out}) != len(out):
        raise row.error("translated_labels", "one label per language", row.text("translated_labels"))
    return tuple(out)


def read_menu_entries(path: Path) -> list[MenuEntry]:
    rows = read_table(path, ["section", "entry", "links_to", "target", "source", "note"])
    check_unique(rows, "entry", key=lambda r: f"{r.text('section')}|{r.text('entry')}".lower())
    out = []
    for r in rows:
        links_to = r.choice("links_to", MENU_LINKS)
        target = r.optional("target")
        if (target is None) != (links_to in ("section", "group", "overview")):
            article = "an" if links_to == "overview" else "a"  # the only kind that starts with a vowel
            need = "needs a" if target is None else "takes no"
            raise r.error("target", f"{article} {links_to} entry {need} target", target)
        out.append(MenuEntry(r.required("section"), r.required("entry"), links_to, target, _prov(r)))
    return out


def read_reference(data_dir: Path) -> Reference:
    """Read every reference file of `data_dir` and check the references between them."""
    p = {name: data_dir / file for name, file in FILES.items()}
    ref = Reference(
        states=read_states(p["states"]),
        former_states=read_former_states(p["former_states"]),
        partners=read_partners(p["partners"]),
        territories=read_territories(p["territories"]),
        places=read_places(p["places"]),
        people=read_people(p["people"]),
        chairpersonships=read_chairpersonships(p["chairpersonships"]),
        tenures=read_tenures(p["tenures"]),
        structures=read_structures(p["structures"]),
        field_operations=read_field_operations(p["field_operations"]),
        renamings=read_renamings(p["renamings"]),
        fields_of_work=read_fields_of_work(p["fields_of_work"]),
        meeting_types=read_concepts(p["meeting_types"]),
        content_types=read_concepts(p["content_types"]),
        menu_entries=read_menu_entries(p["menu_entries"]),
    )
    _check_references(ref, data_dir)
    return ref


class _Resolver:
    """Checks that a key read from one file exists in another, and says where it failed."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def need(
        self,
        value: str | None,
        known: Iterable[str],
        what: str,
        record_prov: Provenance,
        column: str,
        key: Callable[[str], str] = str,
    ) -> None:
        """`value` (compared as key(value), reported as written) must be one of `known`."""
        if value is not None and key(value) not in set(known):
            raise InputError(
                f"column {column!r}: unknown {what}",
                path=self.data_dir / record_prov.file,
                line=record_prov.line,
                value=value,
            )


def _check_references(ref: Reference, data_dir: Path) -> None:
    need = _Resolver(data_dir).need
    participating = {s.code for s in ref.states}
    former = {s.code for s in ref.former_states}
    partners = {p.code for p in ref.partners}
    territories = {t.key for t in ref.territories}
    states = participating | former | partners
    places = {p.key for p in ref.places}
    people = {p.key for p in ref.people}
    structures = {s.key for s in ref.structures}
    operations = {o.key for o in ref.field_operations}
    fields = {f.key for f in ref.fields_of_work}
    top_fields = {f.key for f in ref.fields_of_work if f.top}

    for fs in ref.former_states:
        for code in fs.successors:
            need(code, participating, "successor (not in participating_states.csv)", fs.prov, "successors")
    for pl in ref.places:
        need(
            pl.within,
            states | territories,
            "State or territory (not in any States file or territories.csv)",
            pl.prov,
            "within",
        )
    for person in ref.people:
        need(person.nationality, states, "State (not in any States file)", person.prov, "nationality")
    for ch in ref.chairpersonships:
        need(ch.state, participating | former, "chairing State (not a participating or former State)", ch.prov, "state")
        for name in ch.chairpersons:
            need(name, people, "person (not in people.csv)", ch.prov, "chairpersons", key=slug)
    for t in ref.tenures:
        need(t.structure, structures, "structure (not in structures.csv)", t.prov, "structure")
        need(t.person, people, "person (not in people.csv)", t.prov, "person", key=slug)
    clash = structures & operations
    for op in ref.field_operations:
        if op.key in clash:
            raise InputError(
                "column 'key': key already used in structures.csv",
                path=data_dir / op.prov.file,
                line=op.prov.line,
                value=op.key,
            )
    for s in ref.structures:
        need(s.parent, structures, "parent structure (not in structures.csv)", s.prov, "parent")
        need(s.seat, places, "place (not in places.csv)", s.prov, "seat")
        need(s.successor, structures, "successor structure (not in structures.csv)", s.prov, "successor")
        for f in s.fields:
            need(f, fields, "field of work (not in fields_of_work.csv)", s.prov, "fields")
    for op in ref.field_operations:
        for h in op.hosts:
            need(
                h,
                participating | former | territories,
                "host (not a participating or former State or territory)",
                op.prov,
                "hosts",
            )
        need(op.seat, places, "place (not in places.csv)", op.prov, "seat")
        need(op.predecessor, operations, "field operation (not in field_operations.csv)", op.prov, "predecessor")
        need(op.successor, operations, "field operation (not in field_operations.csv)", op.prov, "successor")
        for f in op.fields:
            need(f, fields, "field of work (not in fields_of_work.csv)", op.prov, "fields")
    for concept in ref.fields_of_work:
        need(concept.broader, top_fields, "top-level field of work (not a top row of fields_of_work.csv)", concept.prov, "broader")
    _check_renamings(ref, data_dir, need, operations)
    posts = {f"{t.structure}.{t.post}" for t in ref.tenures}
    sections = {MENU_TOP} | {m.entry for m in ref.menu_entries if m.links_to == "section"}
    for m in ref.menu_entries:
        need(m.section, sections, f"menu section (neither {MENU_TOP!r} nor a section row's entry)", m.prov, "section")
        if m.links_to == "post":
            need(m.target, posts, "post (no structure.post of posts.csv)", m.prov, "target")


def _check_renamings(ref: Reference, data_dir: Path, need: Callable[..., None], operations: set[str]) -> None:
    """Each operation's renamings must chain old -> new and end at the name in field_operations.csv."""
    by_key = {op.key: op for op in ref.field_operations}
    chains: dict[str, list[Renaming]] = {}
    for r in ref.renamings:
        need(r.operation, operations, "field operation (not in field_operations.csv)", r.prov, "operation")
        chains.setdefault(r.operation, []).append(r)
    for key, chain in chains.items():
        chain.sort(key=lambda r: r.date.first)
        op = by_key[key]
        for before, after in zip(chain, chain[1:], strict=False):
            if before.new_name != after.old_name:
                raise InputError(
                    f"column 'old_name': does not continue the renaming of {before.date} (new name {before.new_name!r})",
                    path=data_dir / after.prov.file,
                    line=after.prov.line,
                    value=after.old_name,
                )
        last = chain[-1]
        if last.new_name != op.name:
            raise InputError(
                f"column 'new_name': the last renaming must give the name in field_operations.csv ({op.name!r})",
                path=data_dir / last.prov.file,
                line=last.prov.line,
                value=last.new_name,
            )
        for r in chain:
            if not may_precede(op.opened, r.date) or (op.closed is not None and not may_precede(r.date, op.closed)):
                raise InputError(
                    f"column 'date': outside the operation's lifetime {op.opened}..{op.closed or ''}",
                    path=data_dir / r.prov.file,
                    line=r.prov.line,
                    value=str(r.date),
                )
