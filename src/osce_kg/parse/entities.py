"""Entities named in a release's text: States, structures, people, quotations, funders, numbers.

Names of States and structures come from the gazetteer (the graph's own labels), so this module
holds no list of countries or operations; it holds the phrasing rules of press releases: who
"said" what, "funded with contributions from", "organized by", "more than 50 experts".
"""

from __future__ import annotations

import re

from osce_kg.countries import country_pattern
from osce_kg.gazetteer import Gazetteer, Match
from osce_kg.parse.records import BodyEntities, EntityRef, PersonRef, Quotation

HONORIFIC = (
    r"(?:Ambassador|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Professor|Prof\.|Judge|Sir|Dame|Lord|Baroness|"
    r"His Excellency|Her Excellency|H\.E\.|General|Colonel|Major General|Lieutenant General|Minister)"
)
# Latin letters with diacritics: Latin-1 and Latin Extended-A (č, ć, ğ, ł, ő, ...).
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿĀ-ſ'’"
_NAME_WORD = rf"[{_UPPER}Ā-Ž][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)*"
_PARTICLE = r"(?:de|del|della|di|da|dos|van|von|der|den|la|le|du|bin|al|ter|zu)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}"
SPEECH = r"(?:said|says|added|stated|noted|stressed|emphasized|emphasised|explained|underlined|commented|told|remarked|declared|pointed out)"
_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")

# speaker first: 'Ambassador X, Head of ..., said: "..."' or 'X, Role, said'
_SAID_AFTER = re.compile(rf"(?:(?P<hon>{HONORIFIC})\s+)?(?P<name>{NAME})(?:,\s+(?P<role>[^\"“”]{{3,160}}?))?,?\s+{SPEECH}\b")
# quote first: '"...," said Ambassador X, Head of ...'
_SAID_BEFORE = re.compile(rf"{SPEECH}\s+(?:(?P<hon>{HONORIFIC})\s+)?(?P<name>{NAME})(?:,\s+(?P<role>[^\"“”]{{3,160}}?))?(?=[.\"”]|,\s+[\"“]|$)")
# apposition with an honorific: 'opened by Ambassador X, Head of the OSCE Mission to Y.'
_APPOSITION = re.compile(
    rf"(?P<hon>{HONORIFIC})\s+(?P<name>{NAME})"
    rf"(?:,\s+(?P<role>[^\"“”,;]{{3,160}}?)(?=[.,;]|$)|(?=[.,;]|\s+(?:and|who|at|in|on|of)\b|$))"
)
# a role phrase before the name: 'OSCE Secretary General Marc Perrin de Brichambaut said'
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:OSCE\s+)?(?:Secretary General|Chairperson-in-Office|Chairman-in-Office|High Commissioner on National Minorities|"
    rf"Representative on Freedom of the Media|ODIHR Director|Head of Mission|Head of the OSCE [A-Z][\w ]+?))\s+(?P<name>{NAME})"
)
# a role phrase, then the name between commas: 'The Maltese Foreign Minister, George Vella, opened'
_ROLE_WORD = r"(?:[A-Z][\w’'-]*|on|for|of|and|the|in|to)"
_ROLE_COMMA_NAME = re.compile(rf"(?P<role>{_ROLE_WORD}(?:\s+{_ROLE_WORD}){{0,14}}),\s+(?:{HONORIFIC}\s+)?(?P<name>{NAME}),")
# a name, then a role that starts with a post: 'chaired by Terhi Hakala, Head of the OSCE Mission to Georgia.'
_NAME_COMMA_ROLE = re.compile(
    rf"(?P<name>{NAME}),\s+(?:the\s+)?(?P<role>(?:[A-Z]{{2,}} )?(?:Deputy |Senior |Special |Chief |Acting |Personal |Permanent )?"
    rf"(?:Head|Co-ordinator|Coordinator|Director|Chairperson|Chairman|Chair|Representative|Ambassador|Minister|"
    rf"President|Secretary|Commissioner|Adviser|Advisor|Spokesperson|Officer)\b[^\"“”,;.]{{0,150}}?)(?=[,.;]|$)"
)
ROLE_NOUNS = re.compile(
    r"\b(Representative|Commissioner|Director|Secretary|Chairperson|Chairman|Co-ordinator|Coordinator|Head|"
    r"President|Minister|Ambassador|Adviser|Advisor|Officer|Chief|Spokesperson|Chair)\b"
)

NOT_NAME_WORDS = {
    "The", "This", "That", "These", "OSCE", "Head", "Mission", "Office", "Centre", "Presence", "Programme",
    "Permanent", "Council", "Forum", "Secretary", "General", "Senior", "Deputy", "Minister", "Foreign",
    "Ambassador", "Representative", "Co-ordinator", "Coordinator", "Director", "Chairperson", "Chairman",
    "Department", "Unit", "Police", "Adviser", "Advisor", "Experts", "Participants", "In", "On", "At", "For",
    "According", "Speaking", "Today", "Yesterday", "Republic", "Kingdom", "United", "States", "Union",
    "European", "Assembly", "Parliamentary", "Commissioner", "High", "President", "Prime", "Special",
    "National", "International", "Ministry", "Government", "Conference", "Meeting", "Project", "Both",
}
PARTICIPANT_WORDS = (
    r"experts|participants|officials|representatives|journalists|students|delegates|observers|"
    r"police officers|officers|judges|prosecutors|women|young people|members|practitioners|"
    r"professionals|teachers|lawyers|activists|trainees|border guards|customs officers|people|"
    r"civil servants|parliamentarians|academics|leaders|volunteers|staff|specialists|diplomats"
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# 'Thirty-five officers' is one number: the lookbehind keeps 'five' alone from matching inside it.
_PARTICIPANTS = re.compile(
    rf"(?<![\w-])(?:(?:more than|over|some|about|around|nearly|almost|up to|at least|approximately)\s+)?"
    rf"(?P<n>\d[\d,]*|(?:{_TENS})-(?:{'|'.join(_UNITS)})|{'|'.join(NUMBER_WORDS)})\s+"
    rf"(?:[a-z][a-z-]+\s+){{0,3}}?(?:{PARTICIPANT_WORDS})\b",
    re.I,
)
_FUNDING = re.compile(
    r"\b(?:funded|financed|sponsored|supported financially|made possible)\s+(?:with contributions\s+|through contributions\s+|"
    r"jointly\s+|in part\s+)?(?:by|from)\s+(?P<who>[^.;]{2,160})|"
    r"\bwith (?:the )?(?:financial support|funding|contributions|funds|a contribution|financial contributions?) (?:of|from) (?P<who2>[^.;]{2,160})",
    re.I,
)
# A funder or organiser clause ends where the sentence moves on: ', aimed to', ' to train', ' which'.
_CLAUSE_END = re.compile(r",\s+(?!and\b|[A-Z])|\s+(?:to|for|which|that|who|in order|aimed|as part)\b")
_ORGANISED = re.compile(r"\b(?:organized|organised|hosted|convened|co-organized|co-organised)\s+by\s+(?P<who>[^.;]{2,160})", re.I)
_ORGANISER_SUBJECT = re.compile(r"^\W{0,3}(?:has\s+|have\s+)?(?:organized|organised|hosted|held|convened|is organizing|is organising)\b", re.I)
_PARTNERS = re.compile(
    r"\b(?:in (?:close )?co-?operation with|in partnership with|jointly with|together with|in collaboration with)\s+"
    r"(?:the\s+)?(?P<who>[^.;]{2,160})",
    re.I,
)
_PARTNER_NAME = re.compile(r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’()-]*|of|for|and|on|the|in|de))*)")
# "Estonian language", "Russian-speaking": the adjective names a language, not the State.
_LANGUAGE_USE = re.compile(r"^(?:\s+language|-speaking|-language)\b", re.I)
# "Kazakhstan Street", "Ukraina Avenue": a State's name in an address names the street, not the State.
_STREET = re.compile(r"^\s+(?:Street|St\.|Avenue|Ave\.|Boulevard|Square|Road|Lane|Prospekt|Prospect|Embankment)\b")
_TRIBUNAL = re.compile(r"\b(?:Tribunal|Court)\s+for\s+(?:the\s+)?(?:former\s+)?$")
# capitalised words right before a State's name: 'Northern Ireland'
_QUALIFIER = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+$")
_NOT_QUALIFIERS = {"The", "In", "At", "To", "For", "From", "With", "And", "Of", "On", "By", "As", "Both", "Including", "While"}
_ADJECTIVE_LINK = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s*and\s+)")
_PHRASE_END = re.compile(r"^\s*(?:[.;:!?)]|,\s+(?![A-Z])|$)")
POST_STRUCTURES = {
    "Secretary General": "Secretariat",
    "Secretary-General": "Secretariat",
}
SHORT_REFERENCES = ("Mission", "Presence", "Centre", "Office", "Programme Office", "Project Co-ordinator")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _refs(matches: list[Match]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for m in matches:
        seen.setdefault(m.iri, EntityRef(m.iri, m.kind, m.text))
    return list(seen.values())


class EntityReader:
    """Reads the entities of one release's text with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.osce = {iri for name, iri in gazetteer.by_kind.get("structure", {}).items()
                      if name in ("osce", "organization for security and co-operation in europe")}

    def read(self, title: str | None, paragraphs: list[str], issuer: str | None) -> BodyEntities:
        out = BodyEntities()
        texts = ([title] if title else []) + paragraphs
        matches = [m for text in texts
                   for m in _without_longer_names(_without_languages(self.gazetteer.find(text, ("state", "structure")), text), text)]
        out.states = _refs([m for m in matches if m.kind == "state"])
        structures = [m for m in matches if m.kind == "structure"]
        out.structures = _refs(structures)
        if issuer and self._short_reference(issuer, texts):
            if all(r.iri != issuer for r in out.structures):
                out.structures.append(EntityRef(issuer, "structure", self.gazetteer.label(issuer)))
        last_speaker: str | None = None
        for paragraph in paragraphs:
            people = self._people(paragraph, issuer)
            for person in people:
                self._merge(out.people, person)
            quotes = [q.group(1).strip().rstrip(",") for q in _QUOTE.finditer(paragraph)]
            speaker = people[0].name if people else None
            if speaker is None and quotes:
                pronoun = re.search(rf"\b(?:he|she|they)\s+{SPEECH}|{SPEECH}\s+(?:he|she)\b", paragraph)
                speaker = _speaker_by_surname(paragraph, out.people) or (last_speaker if pronoun else None)
            for quote in quotes:
                if len(quote.split()) >= 4:
                    out.quotations.append(Quotation(quote, speaker))
            if people:
                last_speaker = people[0].name
        for paragraph in paragraphs:
            out.funders += self._funders(paragraph)
            out.organisers += self._organisers(paragraph, issuer)
            out.partners += self._partners(paragraph)
            if out.participants is None:
                out.participants = self._participants(paragraph)
        out.funders, out.organisers, out.partners = _unique(out.funders), _unique(out.organisers), _unique(out.partners)
        return out

    # people -----------------------------------------------------------------------------------

    def _people(self, paragraph: str, issuer: str | None) -> list[PersonRef]:
        found: list[tuple[int, PersonRef]] = []
        for pattern in (_SAID_AFTER, _SAID_BEFORE, _APPOSITION):
            for m in pattern.finditer(paragraph):
                name = self._clean_name(m["name"])
                if not name or (pattern is _SAID_AFTER and not m["hon"] and not m["role"] and not _looks_personal(name, paragraph, m.start())):
                    continue
                role = m["role"].strip() if m["role"] else None
                role = _role_with_title(m["hon"], role)
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        for m in _ROLE_BEFORE.finditer(paragraph):
            name = self._clean_name(m["name"])
            if name:
                role = m["role"].strip()
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        for m in _NAME_COMMA_ROLE.finditer(paragraph):
            name = self._clean_name(m["name"])
            if name:
                role = m["role"].strip()
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        for m in _ROLE_COMMA_NAME.finditer(paragraph):
            name = self._clean_name(m["name"])
            role = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", m["role"].strip())
            if name and ROLE_NOUNS.search(role):
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        found.sort(key=lambda t: t[0])
        people: list[PersonRef] = []
        for _, person in found:
            self._merge(people, person)
        return people

    def _clean_name(self, name: str) -> str | None:
        words = name.split()
        while words and words[0] in NOT_NAME_WORDS:
            words = words[1:]
        if len(words) < 2 or any(w in NOT_NAME_WORDS for w in words):
            return None
        candidate = " ".join(words)
        if self.gazetteer.find(candidate, ("state", "structure", "city", "territory")):
            return None
        return candidate

    @staticmethod
    def _merge(people: list[PersonRef], person: PersonRef) -> None:
        for known in people:
            if known.name == person.name or known.name.endswith(" " + person.name) or person.name.endswith(" " + known.name):
                if len(person.name) > len(known.name):
                    known.name = person.name
                if person.role and (not known.role or known.role in person.role):
                    known.role = person.role
                known.affiliation = known.affiliation or person.affiliation
                return
        people.append(person)

    def _affiliation(self, role: str | None, issuer: str | None) -> str | None:
        """The State or structure a role text names first ('Head of Spain's Permanent Mission')."""
        if not role:
            return None
        candidates: list[tuple[int, str]] = []
        for m in self.gazetteer.find(role, ("state", "structure")):
            if m.iri not in self.osce:
                candidates.append((m.start, m.iri))
        for post, structure_name in POST_STRUCTURES.items():
            at = role.find(post)
            iri = self.gazetteer.lookup(structure_name, "structure", cutoff=100)
            if at >= 0 and iri:
                candidates.append((at, iri))
        if issuer and self._short_reference(issuer, [role]):
            short = re.search(r"\bthe (Mission|Presence|Centre|Office)\b", role)
            candidates.append((short.start() if short else len(role), issuer))
        if not candidates:
            return None
        return min(candidates)[1]

    def _short_reference(self, issuer: str, texts: list[str]) -> bool:
        """'the Mission' and the like, when the issuer is a field operation of that kind."""
        label = self.gazetteer.label(issuer)
        for noun in SHORT_REFERENCES:
            if noun in label and any(re.search(rf"\b[Tt]he {noun}\b(?! (?:to|in|of|for) [A-Z])", t) for t in texts):
                return True
        return False

    # funders, organisers, partners, numbers ------------------------------------------------------

    def _funders(self, paragraph: str) -> list[str]:
        out: list[str] = []
        for m in _FUNDING.finditer(paragraph):
            clause = _CLAUSE_END.split(m["who"] or m["who2"])[0]
            out += [x.iri for x in self.gazetteer.find(clause, ("state",))]
        return out

    def _organisers(self, paragraph: str, issuer: str | None) -> list[str]:
        out: list[str] = []
        for m in _ORGANISED.finditer(paragraph):
            clause = _CLAUSE_END.split(m["who"])[0]
            found = [x for x in self.gazetteer.find(clause, ("structure",)) if x.iri not in self.osce]
            if found:
                out.append(found[0].iri)
            elif issuer and self._short_reference(issuer, [clause]):
                out.append(issuer)
        for x in self.gazetteer.find(paragraph, ("structure",)):
            if x.iri not in self.osce and _ORGANISER_SUBJECT.match(paragraph[x.end:]):
                out.append(x.iri)
        if issuer and re.search(r"\b[Tt]he (?:Mission|Presence|Centre|Office)\s+(?:has\s+)?(?:organized|organised|hosted|held)\b", paragraph) \
                and self._short_reference(issuer, [paragraph]):
            out.append(issuer)
        return out

    def _partners(self, paragraph: str) -> list[str]:
        out: list[str] = []
        for m in _PARTNERS.finditer(paragraph):
            clause = m["who"]
            found = self.gazetteer.find(clause, ("structure", "state"))
            if found and found[0].start < 5:
                if found[0].iri not in self.osce:
                    out.append(found[0].iri)
                continue
            name = _PARTNER_NAME.match(clause)
            if name and name.group(1) not in ("OSCE", "OSCE's") and len(name.group(1).split()) >= 2:
                out.append(name.group(1).strip())
        return out

    @staticmethod
    def _participants(paragraph: str) -> int | None:
        m = _PARTICIPANTS.search(paragraph)
        if not m:
            return None
        n = m["n"].lower()
        if "-" in n:
            tens, unit = n.split("-")
            return NUMBER_WORDS[tens] + _UNITS[unit]
        if n in NUMBER_WORDS:
            return NUMBER_WORDS[n]
        return int(n.replace(",", ""))


def _without_languages(matches: list[Match], text: str) -> list[Match]:
    """Drop adjectives used as the name of a language: 'Estonian language', 'Russian-speaking', and
    a list of adjectives that ends the phrase ('study in Latvian and Russian.'), where an adjective
    of a State would be followed by its noun ('Latvian and Estonian officials')."""
    adjectives = sorted((m for m in matches if m.kind == "state" and m.form == "adjective"), key=lambda m: m.start)
    starts = {m.start for m in adjectives}
    dropped: set[Match] = set()
    chain: list[Match] = []
    for m in adjectives:
        chain.append(m)
        after = text[m.end:]
        link = _ADJECTIVE_LINK.match(after)
        if link and m.end + link.end() in starts:
            continue
        if _LANGUAGE_USE.match(after):
            dropped.add(m)
        elif _PHRASE_END.match(after):
            dropped.update(chain)
        chain = []
    return [m for m in matches if m not in dropped]


def _without_longer_names(matches: list[Match], text: str) -> list[Match]:
    """Drop a State whose name is only part of a longer proper name (docs/pages.md, 'States'):
    a street or square ('Kazakhstan Street'), a tribunal ('Tribunal for the former Yugoslavia'),
    and a place whose capitalised words before the name make it another place, as
    country_converter's pattern for the State tells ('Northern Ireland', 'South Georgia')."""
    kept = []
    for m in matches:
        if m.kind == "state":
            if _STREET.match(text[m.end:]) or _TRIBUNAL.search(text[max(0, m.start - 60):m.start]):
                continue
            if m.form == "name" and (before := _QUALIFIER.search(text[max(0, m.start - 40):m.start])) \
                    and before[1] not in _NOT_QUALIFIERS:
                pattern = country_pattern(m.iri.rsplit("/", 1)[1])
                if pattern and pattern.search(m.text) and not pattern.search(f"{before[1]} {m.text}"):
                    continue
        kept.append(m)
    return kept


def _speaker_by_surname(paragraph: str, people: list[PersonRef]) -> str | None:
    """'"...," Zannier said.': a speaker named by surname alone after an earlier paragraph gave the full name."""
    for person in people:
        surname = re.escape(person.name.split()[-1])
        if re.search(rf"\b{surname}\s+{SPEECH}\b|\b{SPEECH}\s+{surname}\b", paragraph):
            return person.name
    return None


def _role_with_title(honorific: str | None, role: str | None) -> str | None:
    if honorific and honorific.rstrip(".") in ("Ambassador", "Minister", "Judge", "General", "Colonel", "Professor"):
        return f"{honorific}, {role}" if role else honorific
    return role


def _looks_personal(name: str, paragraph: str, start: int) -> bool:
    """A bare 'Name Surname said' counts when the name is not the start of a sentence's noun phrase."""
    before = paragraph[max(0, start - 2):start]
    return not before.strip() or before.endswith((". ", ", ", '" ', "” "))
