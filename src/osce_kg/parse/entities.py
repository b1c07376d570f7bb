"""Entities named in a release's text: States, structures, people, quotations, funders, numbers.

Names of States and structures come from the gazetteer (the graph's own labels), so this module
holds no list of countries or operations; it holds the phrasing rules of press releases: who
"said" what, "funded with contributions from", "organized by", "more than 50 experts".
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from nameparser import HumanName

from osce_kg.countries import country_pattern
from osce_kg.gazetteer import Gazetteer, Match
from osce_kg.parse.ordinary_words import common_word, given_name, ordinary_phrase
from osce_kg.parse.records import BodyEntities, EntityRef, PersonRef, Quotation
from osce_kg.parse.world_cities import world_city

HONORIFIC = (
    r"(?:Ambassador|Amb\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Professor|Prof\.|Judge|Sir|Dame|Lord|Baroness|"
    r"His Excellency|Her Excellency|H\.E\.|General|Colonel|Major General|Lieutenant General|Minister|"
    # a British or Commonwealth parliamentarian's style: 'Rt. Hon. Ana Novak', 'The Honourable Ana Novak'
    r"(?:The\s+)?(?:Rt\.?|Right)\s+Hon(?:\.|ourable)|Hon\.|The Honourable)"
)
# Latin letters with diacritics: Latin-1 and Latin Extended-A (č, ć, ğ, ł, ő, ...).
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿĀ-ſ'’"
# 'O'Neill', 'D'Alema', 'Dall'Ora', 'McAllister', 'MacDonald' are one word
_NAME_WORD = rf"(?:(?:[OD]|Dal|Dall|Del|Dell)[’'](?=[{_UPPER}])|Ma?c(?=[{_UPPER}]))?(?:IJ|[{_UPPER}Ā-Ž])[{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)*(?![{_UPPER}{_LOWER}])"
_PARTICLE = r"(?:de|del|della|di|da|dos|van|von|der|den|la|le|du|bin|al|ter|zu)"
# one initial or several joined: 'J.', 'J.A.M.', 'J.-P.'
_INITIAL = rf"[{_UPPER}]\.(?:-?[{_UPPER}]\.)*"
# a patronymic word of Central Asia and the Caucasus, in lower case after the name: 'Nurlanbek Turgunbek uulu'
_PATRONYMIC = r"(?:\s+(?:uulu|kyzy|ogly|oglu|oğlu|qizi|gizi)(?![\w-]))?"
NAME = rf"{_NAME_WORD}(?:\s+(?:(?:{_PARTICLE}|{_INITIAL})\s+)*{_NAME_WORD}){{1,3}}{_PATRONYMIC}"
# A run of capitalised words that may hold a name after role words: 'Moldovan Foreign Minister Ana Novak's'
_CANDIDATE = re.compile(
    rf"(?<![^\W\d_]|[’'-])(?:{_INITIAL}\s*)?{_NAME_WORD}(?:\s+(?:(?:{_PARTICLE}|{_INITIAL})\s+)*{_NAME_WORD}){{1,7}}{_PATRONYMIC}")
SPEECH = r"(?:said|says|added|stated|noted|stressed|emphasized|emphasised|explained|underlined|commented|told|remarked|declared|pointed out)"
# a body of any State after a name: ' from the Ministry of Interior', ' of the State University of ...'
_BODY_AFTER = re.compile(
    r"\s+(?:from|of)\s+the\s+(?:[A-Z][\w’'-]*\s+){0,3}?(?:Ministry|Office|Agency|University|Institute|Centre|Center|Council|"
    r"Committee|Commission|Court|Parliament|Police|Academy|Association|Foundation|Department|Directorate|Service|"
    r"Embassy|Delegation|Government|Municipality|School|Faculty|Chamber|Ombudsman|Ombudsperson)\b")
_FROM = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?")
# also another organisation's credit: '(MFA Sweden/Ana Novak)'
_PHOTO_CREDIT = re.compile(rf"\((?:OSCE|Photo|Photos|Foto|[A-Z][\w .&-]{{1,30}}?)\s*[/:]\s*(?P<name>{NAME})\)")
# a caption's credit without brackets: 'Photo: Ana Novak/OSCE', 'Photo: OSCE/Ana Novak'
_PHOTO_CREDIT_BARE = re.compile(rf"\b(?:Photos?|Foto)\s*:\s*(?:OSCE\s*/\s*(?P<after>{NAME})\b|(?P<name>{NAME})\s*/\s*(?:OSCE|OSZE|ОБСЕ))")
# a credit in words: '(Photo by Ana Novak)', '(Photo courtesy of Ana Novak/Parliament of Utopia)'
_PHOTO_CREDIT_WORDS = re.compile(
    rf"\((?:(?i:photos?|foto)\s+(?i:by|courtesy(?:\s+of)?|credit:?)|(?i:courtesy\s+of))\s+(?P<name>{NAME})\s*(?:/[^()]{{1,60}})?\)")
# the name first: '(Lubomir Novak/OSCE)'
_PHOTO_CREDIT_FIRST = re.compile(rf"\((?P<name>{NAME})\s*/\s*(?:OSCE|OSZE|ОБСЕ|Photo|Foto)\)")
# a person's place in a photo: 'Ana Novak (r), a resident of ...', 'Ana Novak (left) congratulates ...'
_POSITION = re.compile(r"^\s*\((?:r|l|c|(?:(?:centre|center|second|far)[- ])?(?:right|left)|centre|center|front|back)\)", re.I)
_SPEECH_AFTER = re.compile(rf"\s+{SPEECH}\b")
_QUOTE = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")

# speaker first: 'Ambassador X, Head of ..., said: "..."' or 'X, Role, said'
_SAID_AFTER = re.compile(rf"(?:(?P<hon>{HONORIFIC})\s+)?(?P<name>{NAME})(?:,\s+(?P<role>[^\"“”]{{3,160}}?))?,?\s+{SPEECH}\b")
# quote first: '"...," said Ambassador X, Head of ...'
# a speech verb of a translated page, before the name: 'a déclaré Ana Novak', 'izjavila je Ana Novak'
_FOREIGN_SPEECH = (r"(?:a (?:déclaré|dit|souligné|ajouté|affirmé|expliqué)|sagte|betonte|erklärte|"
                   r"ha (?:dichiarato|detto|sottolineato|affermato)|afirmó|dijo|declaró|subrayó|señaló|tha|deklaroi|theksoi|"
                   r"(?:izjavio|izjavila|rekao|rekla|kazao|kazala|istakao|istakla|naglasio|naglasila) je|"
                   r"a declarat|a spus|a subliniat)")
_SAID_BEFORE = re.compile(rf"(?:{SPEECH}|{_FOREIGN_SPEECH})\s+(?:(?P<hon>{HONORIFIC})\s+)?(?P<name>{NAME})(?:,\s+(?P<role>[^\"“”]{{3,160}}?))?(?=[.\"”]|,\s+[\"“]|$)")
# apposition with an honorific: 'opened by Ambassador X, Head of the OSCE Mission to Y.'
_APPOSITION = re.compile(
    rf"(?P<hon>{HONORIFIC})\s+(?P<name>{NAME})"
    rf"(?:,\s+(?P<role>[^\"“”,;]{{3,160}}?)(?=[.,;]|$)|(?=[.,;]|\s+(?:and|who|at|in|on|of)\b|$))"
)
# a role phrase before the name: 'OSCE Secretary General Marc Perrin de Brichambaut said'
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:OSCE\s+)?(?:Secretary General|Chairperson-in-Office|Chairman-in-Office|High Commissioner on National Minorities|"
    rf"Representative on Freedom of the Media|ODIHR Director|Head of Mission|Head of the OSCE [A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|in|to|for|of|on))*?))"
    rf"\s+(?P<name>{NAME})"
)
# a role phrase, then the name between commas: 'The Maltese Foreign Minister, George Vella, opened'
# an abbreviation in brackets belongs to the post: 'Chief Monitor of the Special Monitoring Mission (SMM)'
_ROLE_WORD = r"(?:[A-Z][\w’'-]*|\([A-Z]{2,}\)|on|for|of|and|the|in|to)"
_ROLE_COMMA_NAME = re.compile(rf"(?P<role>{_ROLE_WORD}(?:\s+{_ROLE_WORD}){{0,14}}),\s+(?:{HONORIFIC}\s+)?(?P<name>{NAME})(?:[,;]|\.(?=\s|$))")
# a name, then a role that starts with a post: 'chaired by Terhi Hakala, Head of the OSCE Mission to Georgia.'
_NAME_COMMA_ROLE = re.compile(
    rf"(?P<name>{NAME}),\s+(?:the\s+)?(?P<role>(?:[A-Z]{{2,}}(?:/[A-Z]{{2,}})?(?:['’]s)? )?"
    # a State or body before the post: 'Swiss Foreign Minister', 'Poland’s Minister', 'United Nations Resident Co-ordinator',
    # 'Sub-Regional Coordinator'
    rf"(?:(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:['’]s)?|Foreign|Federal|Vice|Resident|Deputy|Senior|Special|Chief|Acting|Personal|Permanent) ){{0,3}}"
    rf"(?:(?:Vice|Deputy|Co|Under)-)?(?:Head|Co-ordinator|Coordinator|Director|Chairperson|Chairman|Chair|Representative|Ambassador|Minister|"
    rf"President|Secretary|Commissioner|Adviser|Advisor|Spokesperson|Officer|Treasurer|Rapporteur|Mayor|Speaker|Editor|Lead|"
    # an outlet's name in quotes may end the post: 'Chief Editor of “Utopia Today” newspaper'
    rf"Prosecutor|Ombudsperson|Ombudsman|Judge|Governor)\b(?:[^\"“”,;.]|[“\"][^\"“”]{{1,40}}[”\"]){{0,150}}?)(?=[,.;]|$)"
)
_NAME_AT_END = re.compile(rf"{NAME}$")
_NEXT_PAIR = re.compile(rf"\s+and\s+(?P<name>{NAME})$")
ROLE_NOUNS = re.compile(
    r"\b(Representative|Commissioner|Director|Secretary|Chairperson|Chairman|Co-ordinator|Coordinator|Head|"
    r"President|Minister|Ambassador|Adviser|Advisor|Officer|Chief|Spokesperson|Chair|Editor|Treasurer)\b"
)

# Words that name a post or an occupation ('Foreign Minister', 'journalist'). nameparser's title
# list was tried and is too wide for this ('his', 'met', 'judicial', 'state' are titles there).
ROLE_WORDS = frozenset("""
minister president vice-president premier ambassador director director-general secretary secretary-general
chairperson chairman chairwoman chair co-chair vice-chair chairperson-in-office chairman-in-office cio head
commissioner representative speaker mayor ombuds undersecretary under-secretary governor ombudsperson ombudsman envoy co-ordinator coordinator adviser
advisor deputy spokesperson spokesman spokeswoman prosecutor prosecutor-general judge professor senator mp mep
member counsellor counselor consul attaché king queen prince princess patriarch pope bishop mufti rabbi imam journalist
activist defender blogger reporter editor editor-in-chief correspondent photographer lawyer researcher expert founder
leader lead candidate nominee laureate chief commander colonel captain lieutenant inspector rapporteur delegate negotiator mediator facilitator
moderator manager analyst trainer lecturer writer author economist rector dean chancellor officer official
statesman stateswoman politician diplomat parliamentarian lawmaker treasurer councillor councilor
major sergeant admiral brigadier marshal congressman congresswoman congressperson assemblyman assemblywoman counterpart
student graduate teacher trainee participant volunteer survivor victim resident woman man mother father colleague
cardinal archbishop metropolitan presenter anchor host assistant scientist co-founder daughter son wife husband sister brother widow
""".split())
# Title words that qualify a post rather than name one: 'First', 'Foreign' alone make no role.
_QUALIFYING_TITLES = {"first", "foreign", "special", "high", "general", "senior", "vice", "acting", "the", "former", "federal",
                      "personal", "permanent", "executive", "chief"}
# a post fused with a rank or a status: 'General-Major', 'Secretary General-Elect', 'Vice-Chair'
_POST_PARTS = {"co", "under", "elect", "designate", "general", "vice", "deputy", "acting", "in", "office", "chief", "of"}


def post_word(word: str) -> bool:
    """A word that names a post: 'Minister', 'journalist', 'General-Major', 'Vice-Chair'."""
    key = word.lower().strip(",.;:")
    if key in ROLE_WORDS:
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in ROLE_WORDS or p in _POST_PARTS for p in parts)


# posts that are also surnames ('John Major', 'Stephen King'): a name may end in them
_SURNAME_POSTS = {"king", "queen", "prince", "bishop", "judge", "mayor", "dean", "speaker", "major", "marshal", "chancellor",
                  "chief", "captain", "governor", "pope", "rector", "writer", "leader", "member", "inspector", "consul"}


def _ends_in_post(words: list[str]) -> bool:
    """'Hate Crime Officer': a run of capitals that ends in a post is the post, not a name."""
    return post_word(words[-1]) and words[-1].lower() not in _SURNAME_POSTS


def _plural_post(word: str) -> bool:
    """'Captains', 'Heads': a post of several holders, so the words it stands in are no one's name."""
    key = word.lower()
    return key.endswith("s") and key[:-1] in ROLE_WORDS


_HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof.", "h.e.", "sir", "dame",
               "rt", "rt.", "hon", "hon.", "honourable"}
_ROLE_LINK = {"of", "for", "on", "to", "in", "and", "the", "at", "under"}
_POSSESSIVE = re.compile(r"['’]s?$")
# 'Environmental Activities', 'Combating Trafficking': capitalised common nouns, not a name
_COMMON_NOUN = re.compile(r"(?:ies|tions?|ments?|ity|ship|ism|ance|ence|ency|ices?|ees|istry|ology)$")
# 'Combating Trafficking'; given names that end so are no gerunds ('Flemming Hansen')
_GERUND = re.compile(r"^(?!(?:Flemming|Henning|Irving|Sterling|Channing|Manning)$).*[a-z]{3}ing$")
# Names in a list after a person or a meeting verb: ', Ben Smith and Carla Jones'
_LIST_LINK = re.compile(r"^(?:[,;]\s+(?:and\s+)?|\s+and\s+)")
# a parliament's own name of two words whose second may be a name's ('Rada'): 'Verkhovna Rada Speaker Ana Novak'
_PARLIAMENT = re.compile(r"^(?:Verkhovna\s+Rada|State\s+Duma)(?:['’]s)?\s+")
# the holders of a post named after it in the plural: 'two Utopian journalists, Ana Novak and Ben Smith,'
_PLURAL_POST_BEFORE = re.compile(r"(?<![\w-])(?P<qualifier>(?:[A-Z][\w’'-]*\s+)*)(?P<post>[a-z-]{4,}s),\s+$")
_LIST_AFTER = re.compile(rf"\s*,|\s+and\s+{NAME}")
# the holders of a post in the plural, listed right after it: 'journalists Ana Novak of the Daily Courier, Ben
# Smith and Carla Jones', 'members of the Parliament Ana Novak and Ben Smith', 'jailed journalists, including
# Ana Novak'; the words before the first name may end in a body's name ('of the Public Broadcaster Ana Novak')
_PLURAL_HOLDERS = re.compile(
    rf"(?<![\w’'-])(?P<post>[a-z][a-z-]{{3,}}s)(?=(?P<body>\s+(?:of|from|at|in)\s+(?:the\s+)?(?:[a-z-]+\s+){{0,8}}?)?"
    rf"(?:,?\s+(?:including|namely|such as)\s+|:\s*|\s+[–—-]\s+|(?<=\s)|\s+)(?P<names>)[{_UPPER}])")
# what may follow a listed holder's name before the next: 'of Gazeta Nowa', 'from Radio Utopia', '(Radio
# Utopia)' (an outlet the data does not know), then ', ' or ' and '
_HOLDER_OUTLET = re.compile(r"\s+(?:of|from|at|with)\s+(?:[^,;.!?\"“”()]|\.(?=\S)){1,60}?(?=,\s|\s+and\s+[A-Z]|[.;]|$)|\s*\([^()]{1,60}\)")
_HOLDER_LINK = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
# a nickname in brackets inside a name: 'Khayotkhan (Khan) Nasreddinov'
_NICKNAME = re.compile(rf"(?<=[{_LOWER}]) \([{_UPPER}][{_LOWER}]+\)(?= [{_UPPER}])")
# a list's heading that names the holders of a post: 'the cases involving the following journalists:'
_HOLDERS_HEADING = re.compile(r"(?<![\w-])(?P<post>[a-z][a-z-]{3,}s):$")
# a name of a list is a whole run of capitals: not 'Verkhovna Rada Speaker Volodymyr' of a longer run
# ('... Speaker Volodymyr Rybak'), which the run's last words give ('Rada Speaker Volodymyr Rybak')
_LIST_NAME = re.compile(rf"(?<![\w’'-]){NAME}(?!\s+{_NAME_WORD})")
_PLURAL_AFTER = re.compile(r",\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?P<post>[A-Za-z-]+s)\b")
_OBJECT_OF = re.compile(r"\b(?:of|on|to|for|in|at|by)\s+$")
_LIST_TRIGGER = re.compile(r"\b(?:met with|meetings? with|met|speakers (?:included|were)|included|featured?|features|joined by|addressed by|(?i:interview) with|contact|"
                           r"(?i:speakers|panell?ists|moderators?|trainers|facilitators|authors?|editors?):)\s+$")
# a roster's line in any language: 'Thomas Greminger (Svizzera): luglio 2017 - luglio 2020'
_ROSTER_LINE = re.compile(rf"^(?P<name>{NAME})\s*\([^()]{{2,60}}\)\s*:\s*\D{{0,20}}(?:19|20)\d\d\b")
# a paragraph or list item that opens with a name and its post: '• Ana Novak, Minister of Justice',
# 'Ana Novak – OSCE Special Representative for ...'
_OPENING_NAME = re.compile(rf"^\W{{0,3}}(?P<name>{NAME})(?:,|\s+[–—-])\s+(?P<role>[^,.;:()]{{2,160}})")
# a phone number or an e-mail address (the text renderings hide it as '[email protected]')
_PHONE_OR_MAIL = re.compile(r"\+\d[\d ()/-]{6,}\d|\S@\S|\[email")
_SEMICOLON = re.compile(r";\s+(?:and\s+)?")
_CONTACT_LINE = 300
"""Characters a contact's line holds at most: name, body, phone numbers and e-mail."""
# 'Head of Centre: Ana Novak', 'Spokesperson: Ambassador Ana Novak'
_POST_COLON_NAME = re.compile(rf"^(?P<role>[^:.]{{3,80}}):\s*(?:{HONORIFIC}\s+)?(?P<name>{NAME})\.?\s*$")
# a name, then its post after an article or a verb: 'Ana Novak, a journalist of ...', 'Ana Novak is currently Acting Head'
_NAME_THEN_POST = re.compile(
    rf"(?P<name>{NAME})(?:,\s+(?:a|an|the|former|now|then)\s+|,\s+(?=\w{{3,}}s\b|[a-z-]+\s+(?:of|at|for|in|to)\b)|\s+as\s+(?:the\s+)?|"
    rf",?\s+(?:is|was|has been|will be|became|becomes|remains|"
    rf"serves as|served as|serving as|acts as|acting as|took office as|took up (?:his|her|the) \w+ as)\s+"
    rf"(?:(?:currently|now|also|still|the|a|an|newly|recently|appointed|former|new)\s+)*)(?P<role>[^,.;:\"“”()]{{3,120}})")
# posts in the languages of translated pages, by their stems: 'Ambasadoarea', 'ambasadori', 'Посол', 'Начальник'
_FOREIGN_POST = re.compile(
    r"(?i)\b(?:ambasad|ambassad|embajad|ambasciat|botschaft|minist|prezident|präsident|presiden|predsjedni|predsedni|"
    r"направ|посол|министр|президент|председател|глава|начальник|руководител|директор|советник|координатор|"
    r"представител|пресс|sekretar|sekretär|generalsekret|segretari|secretari|secrétaire|direktor|directeur|directrice|diretto|šef|şef|șef|шеф)[\w-]*")
# English words of institutions that the stems above would take for posts: 'Ministerial', 'Secretariat'
_INSTITUTION_WORD = re.compile(r"(?i)(?:ial|ry|ries|iat|iats|ency|tial|ate|ates|ion|ions|ive|ives|ium|schaft|ство|ства)$")
# a body's name in a translated page, part of the post before a name: 'Šefica Misije Mariz Novak'
_FOREIGN_BODY = re.compile(r"(?i)(?:misij|misiun|мисси|ofis|офис|prezenc|присутстви|centr|центр)\w*")


def foreign_post(word: str) -> bool:
    """A post in a translated page's word: 'Ambasadoarea', 'ambasadori', 'Посол' (not 'Ministerial')."""
    word = word.strip(",.;:")
    return _FOREIGN_POST.fullmatch(word) is not None and not _INSTITUTION_WORD.search(word) and not _plural_post(word)


# a whole line that is a name: in Latin or in Cyrillic letters ('Ана Новак')
_CYRILLIC_NAME = r"[А-ЯЁЂ-Џ][а-яёђ-џ]+(?:-[А-ЯЁЂ-Џ][а-яёђ-џ]+)?(?:\s+[А-ЯЁЂ-Џ][а-яёђ-џ]+(?:-[А-ЯЁЂ-Џ][а-яёђ-џ]+)?){1,3}"
_LINE_NAME = re.compile(rf"(?:{NAME}|{_CYRILLIC_NAME})")
# words of bodies and places in Cyrillic: 'Президент Республики Казахстан' names no person
_CYRILLIC_BODY = re.compile(r"(?i)республик|федераци|королевств|организаци|министерств|комитет|совет|ассамбле|парламент|"
                            r"правительств|университет|мисси|офис|центр|миссиј|мисиј|місі|република|влад|скупштин|собрани")
# a post in the nominative, then a name in Cyrillic letters: 'Посол Ана Новак,', 'амбасадор Ана Новак.'
# (only the nominative: 'с Министром ... Асловым' puts the name in a case the data does not write)
_CYRILLIC_POST_NAME = re.compile(
    r"(?<![\w-])(?P<role>(?:[Пп]осол|[Гг]лава|[Мм]инистр|[Пп]резидент|[Пп]редседатель|[Кк]оординатор|[Дд]иректор|"
    r"[Пп]редставитель|[Рр]уководитель|[Сс]оветник|[Аа]мбасадор|[Шш]еф(?:ица)?|[Жж]урналист))\s+"
    r"(?P<name>[А-ЯЁЂ-Џ][а-яёђ-џ]+(?:-[А-ЯЁЂ-Џ][а-яёђ-џ]+)?\s+[А-ЯЁЂ-Џ][а-яёђ-џ]+(?:-[А-ЯЁЂ-Џ][а-яёђ-џ]+)?)(?=\s*[,.;:)]|\s+[а-яё])")
# a run of capitalised Cyrillic words that may end in a name, and what marks it as a person's: the
# State in brackets ('Ана Новак (Швеция)'), a post after a comma ('Ана Новак, Руководитель ...'), or a
# verb or other lower-case word after it when a post comes before ('Министр ... Литвы Ана Новак сегодня')
_CYRILLIC_WORD = r"[А-ЯЁЂ-Џ][а-яёђ-џ]+(?:-[А-ЯЁЂ-Џ][а-яёђ-џ]+)?"
_CYRILLIC_RUN = re.compile(
    rf"(?<![\w.-])(?P<run>{_CYRILLIC_WORD}(?:\s+{_CYRILLIC_WORD}){{1,4}})"
    r"(?:\s*\((?P<state>[^()]{2,40})\)|,\s+(?P<post>[\w-]+)|(?=\s+[а-яёђ-џґ]|\s*[.,;:!?»”\"]|\s*$))")
# a post, then at most four words of its body before the run: 'Министр иностранных дел '
# (in the nominative only: 'с министром ... Асловым' puts the name in a case the data does not write)
_CYRILLIC_POST_BEFORE = re.compile(r"(?i)(?<![\w-])(?P<role>(?:министр|міністр|посол|президент|председатель|глава|голова|руководитель|"
                                   r"керівник|директор|координатор|представитель|представник|советник|радник|депутат|амбасадор|"
                                   r"шеф|шефица|шефот|шефицата|амбасадорот|претседател|претседателот|секретарь|секретар|комиссар|комісар|заместитель|заступник|спикер|мэр|губернатор|"
                                   r"журналист|журналіст|эксперт|експерт|судья|суддя|прокурор)(?![\w-])"
                                   # the body may name the OSCE or the media by its capitals: 'комиссар ОБСЕ по делам ...',
                                   # 'Представник ОБСЄ з питань свободи ЗМІ'
                                   r"(?:\s+(?:[а-яёђ-џґ]+|(?-i:[А-ЯЁЂ-ЏҐ]{2,}))){0,6})\s+$")
# a Russian full name with its patronymic, which tells the order and the case: 'Аслов Сироджидин
# Мухридинович' (official order), 'с Министром ... Асловым Сироджидином Мухридиновичем' (instrumental),
# 'Сироджидин Мухридинович Аслов'
_RU_FULL_NAME = re.compile(rf"(?<![\w-])(?P<a>{_CYRILLIC_WORD})\s+(?P<b>{_CYRILLIC_WORD})\s+(?P<c>{_CYRILLIC_WORD})(?![\w-])")
_RU_PATRONYMIC = re.compile(r"^[А-ЯЁ][а-яё]+(?:(?P<male>ович|евич|ьич)(?P<m>а|у|ем|ом|е|)|(?P<female>овн|евн|ичн)(?P<f>а|ы|е|у|ой))$")
_RU_VOWELS = "аеёиоуыэюя"


def _ru_given(word: str, case: str, male: bool) -> str:
    """A Russian given name in the nominative, from the case its patronymic shows: 'Сироджидином',
    'Алексеем', 'Томашем' -> 'Сироджидин', 'Алексей', 'Томаш'; 'Анной', 'Марии' -> 'Анна', 'Мария'."""
    if male and case in ("а", "у") and word.endswith(("я", "ю")):
        return word[:-1] + "й"
    if male and case in ("а", "у", "е"):
        return word[:-1] if word.endswith(case) else word
    if male:  # the instrumental
        if word.endswith("ем") and word[-3:-2] in _RU_VOWELS:
            return word[:-2] + "й"
        return word[:-2] if word.endswith(("ем", "ом")) else word
    soft = {"ы": "и", "у": "ю", "ой": "ей", "е": "е"}[case]
    if word.endswith(soft) and case != "е":
        return word[: -len(soft)] + "я"
    return word[: -len(case)] + "а" if word.endswith(case) else word


def _ru_surname(word: str, male: bool) -> str:
    """A Russian surname in -ов, -ев, -ин in the nominative ('Асловым' -> 'Аслов', 'Ивановой' ->
    'Иванова'); a surname that does not decline so stays as written ('Юрьёля')."""
    m = re.fullmatch(r"(.+(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е)" if male else r"(.+(?:ов|ев|ёв|ин|ын))(?:ой|у)", word)
    if m:
        return m[1] if male else m[1] + "а"
    # a man's surname declined as a noun: 'Новаком', 'Новака' -> 'Новак' (not 'Гамсахурдиа')
    noun = re.fullmatch(rf"(.+[^{_RU_VOWELS}ь])(?:ом|ем|а|у|е)", word) if male else None
    return noun[1] if noun else word


# a speech verb before or after a Cyrillic name: '- сказала Ана Новак', 'Ана Новак заявила'
_CYRILLIC_SPEECH = re.compile(r"(?:сказал|заявил|отметил|подчеркнул|добавил|сообщил|пояснил|сказав|заявив|зазначив|наголосив|"
                              r"изјавио|изјавила|рекао|рекла|изјави|рече)\w{0,2}")
# a word in an oblique case ends a body's or a place's name, not a name in the nominative: 'Европе', 'Восточной'
_OBLIQUE = re.compile(r"(?:е|ой|ии|ого|ому|ых|ым|ская|ской)$")
_CONTACT_HEADING = re.compile(r"(?i)^(?:media\s+)?contacts?:?$|^(?:kontakt\w*|контакт\w*|for further information\W*)$")
# 'Isabel Santos (MP, Portugal)': the role in brackets after the name
_BRACKET_ROLE = re.compile(r"^\s*\((?P<role>[^()]{2,80})\)")
# a body's kind in brackets after its own name: 'Jogorku Kenesh (Parliament)', 'Milli Mejlis (National Assembly)'
_BODY_GLOSS = re.compile(r"\s*\((?:the\s+)?(?:[A-Z]?[a-z]+\s+){0,2}(?:[Pp]arliament|[Aa]ssembly|[Ss]enate|[Cc]hamber|[Hh]ouse|"
                         r"[Gg]overnment|[Cc]ouncil|[Cc]ongress|[Cc]ourt|[Mm]inistry|[Mm]unicipality)\)")

# a sentence's first word, an adverb or a determiner written with a capital, that is no name's:
# 'Then Ana Novak said', 'Today Ambassador ...', 'Several Ministers'
SENTENCE_ADVERBS = frozenset({
    "Then", "Now", "Also", "Meanwhile", "Later", "However", "Tomorrow", "Earlier", "Here", "There", "Thus", "Finally",
    "Moreover", "Furthermore", "Additionally", "Subsequently", "Recently", "Currently", "Previously", "Afterwards",
    "Together", "During", "Since", "Until", "When", "While", "Where", "Once", "Instead", "Likewise", "Similarly",
    "Nevertheless", "Initially", "Eventually", "Indeed", "Besides", "Accordingly", "Consequently", "Today", "Yesterday",
    "Last", "Next", "Tonight", "This", "Every", "Each", "Such", "Some", "Many", "Other", "Several", "Most", "All"})
_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "ten", "bin"}
NOT_NAME_WORDS = {
    "The", "This", "That", "These", "OSCE", "Head", "Mission", "Office", "Centre", "Presence", "Programme",
    "Permanent", "Council", "Forum", "Secretary", "General", "Senior", "Deputy", "Minister", "Foreign",
    "Ambassador", "Representative", "Co-ordinator", "Coordinator", "Director", "Chairperson", "Chairman",
    "Department", "Unit", "Police", "Adviser", "Advisor", "Experts", "Participants", "In", "On", "At", "For",
    "According", "Speaking", "Today", "Yesterday", "Republic", "Kingdom", "United", "States", "Union",
    "European", "Assembly", "Parliamentary", "Commissioner", "High", "President", "Prime", "Special",
    "Annual", "Session", "Summit",
    "National", "International", "Ministry", "Government", "Conference", "Meeting", "Project", "Both",
    "Affairs", "Justice", "Interior", "Defence", "Defense", "Parliament", "Committee", "Commission", "Human", "Rights",
    "Democratic", "Institutions", "Media", "Freedom", "Security", "Co-operation", "Cooperation", "Europe", "State",
    "Federation", "Court", "Supreme", "Constitutional", "Agency", "Center", "Institute", "University",
    "School", "Academy", "Network", "Association", "Foundation", "Law", "Week", "Day", "Prize", "Award", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "July", "September", "October", "November", "December", "Chairmanship",
    "Chairpersonship", "Presidency", "Delegation", "Embassy", "Mr", "Ms", "Mrs", "Dr", "Mr.", "Ms.", "Mrs.", "Dr.",
    "Youth", "Women", "Roma", "Sinti", "Anti-Terrorism", "Strategy", "Plan", "Action",
    "Bay", "Island", "Islands", "Lake", "River", "Sea", "Mountains", "Valley", "Gulf", "Region", "Province", "Oblast",
    "District", "Square", "Street", "Avenue", "Asia", "Caucasus", "Balkans", "Africa", "America", "Contacts",
    # function words written capitalised in a heading's style: 'the Conflict Dealt With by ...'
    "With", "By", "From", "Of", "And", "To", "Under", "Against", "Between", "About", "Into", "Over", "After",
    "Before", "Through", "Within", "Without", "Upon", "Towards",
    # pronouns and forms of address: 'Contact Us', 'Dear Colleagues'
    "Us", "We", "Our", "You", "Your", "My", "Dear", "Colleagues", "Friends", "Ladies", "Gentlemen", "Excellencies",
    # parties and movements are named like people: 'Green Party'
    "Party", "Movement", "Coalition", "Alliance", "Front", "Bloc", "Partido", "Partei", "Parti", "Partia", "Partija", "Stranka",
    # a body's name ends in its kind, as a person's never does: 'International Monetary Fund', 'Task Force',
    # 'Ecosystems Division', 'Mediterranean Partners', 'Border Troops', 'Ad Hoc Committee'
    "Fund", "Force", "Forces", "Division", "Partners", "Troops", "Group", "Bank", "Board", "Bureau", "Corps", "Army",
    "Service", "Services", "Secretariat", "Initiative", "Organization", "Organisation", "Society", "Team", "Section",
    "Panel", "Directorate", "Administration", "Authority", "Authorities", "Company", "Corporation", "Ad", "Hoc", "Stiftung",
    "Survey", "Times", "Journal", "Gazette", "Herald", "Tribune", "Review", "Foundations", "Funds", "Groups", "Networks",
    "Associations", "Committees", "Councils", "Agencies", "Organizations", "Organisations", "Unions", "Parties",
    "Radio", "Television", "TV", "Welle", "Press", "News", "Gesellschaft", "Meetings", "Sessions", "Conferences",
    # and a building's or a venue's: 'hosted by Hotel Europa', 'the Border Management Staff College'
    "Hotel", "Palace", "Library", "Museum", "Theatre", "Theater", "Airport", "Station", "Building", "House", "Mosque",
    "Cathedral", "Monastery", "Stadium", "Arena", "Prison", "Hospital", "Clinic", "Club", "College", "Centres", "Centers",
    # an ordinal numbers an event: 'the Tenth Fall Meetings'
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth",
    "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth", "Twentieth",
    # and a document's or a process's: 'Helsinki Final Act', 'Normandy Format', 'Parliamentary Web Dialogues'
    "Act", "Document", "Charter", "Guidelines", "Format", "Process", "Talks", "Discussions", "Platform", "Pact", "Treaty",
    "Protocol", "Dialogue", "Dialogues",
    # the words of a region or of a standing phrase: 'South Ossetian', 'Trafficking in Human Beings'
    "South", "Southern", "Northern", "Eastern", "Western", "Central", "Mediterranean", "Beings",
    # the own words of parliaments, which English pages keep ('the Verkhovna Rada Speaker', 'the State
    # Great Hural'); not those that are also given names or surnames ('Rada', 'Duma')
    "Kenesh", "Jogorku", "Zhogorku", "Majlis", "Majilis", "Mazhilis", "Mejlis", "Majlisi", "Hural", "Khural",
    "Sejm", "Seimas", "Saeima", "Riigikogu", "Storting", "Stortinget", "Folketing", "Folketinget", "Althingi", "Eduskunta",
    "Knesset", "Bundestag", "Bundesrat", "Nationalrat", "Skupstina", "Skupština", "Sobranie", "Sobranje", "Kuvendi",
    "Oireachtas", "Riksdag", "Riksdagen", "Sabor", "Namoyandagon", "Senat", "Sénat",
    *SENTENCE_ADVERBS,
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
# 'Roma, Ashkali and Egyptian communities': the name of a community listed with others, not of a State
_COMMUNITY_LIST = re.compile(r"\b(?:Roma|Ashkali|Sinti|RAE)(?:\s*,\s*|\s+and\s+)(?:(?:Ashkali|Roma)(?:\s*,\s*|\s+and\s+))?$")
# 'ethnic Russian', 'non-Albanian communities': a people, not the State
_ETHNIC = re.compile(r"(?:\bethnic\s+|\bnon-)$")
# 'US$236 billion': a currency, not the State
_CURRENCY = re.compile(r"^(?:\$|\s+dollars?\b)")
# "Estonian language", "Russian-speaking": the adjective names a language, not the State.
_LANGUAGE_USE = re.compile(r"^(?:\s+languages?|-speaking|-language)\b", re.I)
# "Kazakhstan Street", "Ukraina Avenue": a State's name in an address names the street, not the State.
_STREET = re.compile(r"^\s+(?:Street|St\.|Avenue|Ave\.|Boulevard|Square|Road|Lane|Prospekt|Prospect|Embankment)\b")
_TRIBUNAL = re.compile(r"\b(?:Tribunal|Court)\s+(?:for|of)\s+(?:the\s+)?(?:former\s+)?$")
# a broadcaster named after a State and its channel's number: 'France 2 reporters', 'Ukraine 24' (not a
# date after a State: 'Armenia 12 May')
_CHANNEL = re.compile(r"^ \d{1,2}(?![\d.,:/])(?! (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))")
# capitalised words right before a State's name: 'Northern Ireland'
_QUALIFIER = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+$")
_NOT_QUALIFIERS = {"The", "In", "At", "To", "For", "From", "With", "And", "Of", "On", "By", "As", "Both", "Including", "While"}
# an adjective used as a noun, in a body's name after a capitalised word: 'the Supreme Soviet in ...'
_NOUN_USE = re.compile(r"^\s+(?:in|of|at|on|for|to|was|is|has|had)\b")
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?!(?:The|A|An|In|At|On|For|Of|By)\b)[A-Z][a-z]+\s+$")
_ADJECTIVE_LINK = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s*and\s+)")
_PHRASE_END = re.compile(r"^\s*(?:[.;:!?)]|,\s+(?![A-Z])|$)")
POST_STRUCTURES = {
    "Secretary General": "Secretariat",
    "Secretary-General": "Secretariat",
}
SHORT_REFERENCES = ("Mission", "Presence", "Centre", "Office", "Programme Office", "Project Co-ordinator")


# a title-case headline's verb or a document's word after a name is no part of it: 'President Severin
# Addresses Eighth Ministerial Council', 'President Pia Kauma Report to the Plenary', 'Ertugrul Interview'
_HEADLINE_WORDS = {
    "addresses", "calls", "urges", "meets", "visits", "welcomes", "opens", "says", "concludes", "stresses",
    "praises", "presents", "launches", "discusses", "condemns", "expresses", "underlines", "receives",
    "report", "reports", "conclusions", "interview", "remarks", "statement", "speech", "address", "message",
    # round 7: more of the site's headline verbs ('High Commissioner Concludes Visit to ...')
    "hosts", "holds", "signs", "trains", "supports", "celebrates", "honours", "honors", "hails", "deplores",
    "regrets", "appoints", "elects", "warns", "announces", "publishes", "adopts", "approves", "endorses", "attends",
    "joins", "chairs", "completes", "highlights", "emphasizes", "emphasises", "reiterates", "reaffirms", "commends",
    "congratulates", "thanks", "mourns", "assesses", "reviews", "promotes", "encourages", "strengthens", "notes"}


def _before_headline_word(words: list[str]) -> list[str]:
    """The words of a name up to a headline's verb or document word written in capitals; also up to
    any common verb in the third person before more words ('Special Representative Novak Examines
    Cross-Cutting Issues'): a word in -s whose stem is a common word and no given name (not
    'Peters', 'Wells'), with words after it (a surname in -s ends the name: 'Ana Fields')."""
    cut = next((k for k, w in enumerate(words) if k and w[:1].isupper() and (
        w.lower() in _HEADLINE_WORDS or (k < len(words) - 1 and _verb_in_s(w)))), len(words))
    return words[:cut]


def _verb_in_s(word: str) -> bool:
    """'Examines', 'Visits', 'Pledges': a common word in -s whose stem is a common word, not a given name."""
    if not word.endswith("s") or not common_word(word):
        return False
    stems = [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
    return any(common_word(stem) and not given_name(stem) for stem in stems)


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
        # where a city the graph does not hold may be (world_cities.py): the graph's States, and Kosovo
        codes = {iri.rsplit("/", 1)[-1] for iri in gazetteer.by_kind.get("state", {}).values()}
        self.regions = frozenset(c for c in codes if len(c) == 2) | {"XK"}

    def read(self, title: str | None, paragraphs: list[str], issuer: str | None, language: str | None = None) -> BodyEntities:
        """The entities of a text; States are also found by their names in the text's language."""
        out = BodyEntities()
        texts = ([title] if title else []) + paragraphs
        matches = [m for text in texts
                   for m in _without_longer_names(_without_languages(
                       self.gazetteer.find(text, ("state", "structure", "territory")), text), text)]
        if language and language != "en":
            matches += [m for text in texts for m in self.gazetteer.find_states(text, language)]
        out.states = _refs([m for m in matches if m.kind == "state"])
        out.territories = _refs([m for m in matches if m.kind == "territory"])
        structures = [m for m in matches if m.kind == "structure"]
        out.structures = _refs(structures)
        if issuer and self._short_reference(issuer, texts):
            if all(r.iri != issuer for r in out.structures):
                out.structures.append(EntityRef(issuer, "structure", self.gazetteer.label(issuer)))
        # a caption taken for the title may hold the photo's credit
        for person in self._credited(paragraphs + ([title] if title else [])) + (self._title_people(title, issuer) if title else []):
            self._merge(out.people, person)
        # a headline's spelling gives way to the text's: 'President Rosa X' over '... President Roza X'
        headline = {p.name for p in out.people}
        for person in self._line_people(paragraphs, issuer) + self._headed_list(paragraphs):
            self._merge(out.people, person)
        last_speaker: str | None = None
        for index, paragraph in enumerate(paragraphs):
            # the page's text may stop mid-word: 'Speaker of the Parliament David Us'
            people = self._people(_without_cut_word(paragraph) if index == len(paragraphs) - 1 else paragraph, issuer, out.people)
            for person in people:
                self._merge(out.people, person, respell=headline)
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
        for person in out.people:
            person.name = self.gazetteer.person_name(person.name)
        for quotation in out.quotations:
            quotation.speaker = self.gazetteer.person_name(quotation.speaker) if quotation.speaker else None
        for paragraph in paragraphs:
            out.funders += self._funders(paragraph)
            out.organisers += self._organisers(paragraph, issuer)
            out.partners += self._partners(paragraph)
            if out.participants is None:
                out.participants = self._participants(paragraph)
        out.funders, out.organisers, out.partners = _unique(out.funders), _unique(out.organisers), _unique(out.partners)
        return out

    # people -----------------------------------------------------------------------------------

    def _people(self, paragraph: str, issuer: str | None, page: list[PersonRef] | None = None) -> list[PersonRef]:
        """The people of a paragraph; `page`, the people found before it, may head its lists (a
        caption's 'Ana Novak, Ben Smith and Carla Jones in Vienna' after a text naming two of them)."""
        found: list[tuple[int, PersonRef]] = []
        for pattern in (_SAID_AFTER, _SAID_BEFORE, _APPOSITION):
            for m in pattern.finditer(paragraph):
                name = self._clean_name(m["name"])
                if not name or (pattern is _SAID_AFTER and not m["hon"] and not m["role"] and not _looks_personal(name, paragraph, m.start())):
                    continue
                role = m["role"].strip() if m["role"] and _reads_as_role(m["role"]) and not _is_clause(m["role"]) else None
                if role and self._ends_in_named_post(role):
                    if pattern is _SAID_AFTER:
                        continue  # 'the fall of the Iron Curtain, OSCE PA President Ana Novak said': she speaks
                    role = None  # the next person's post
                role = _role_with_title(m["hon"], role)
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        for m in _ROLE_BEFORE.finditer(paragraph):
            name = self._clean_name(m["name"])
            if name:
                role = m["role"].strip()
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        pending = list(_NAME_COMMA_ROLE.finditer(paragraph))
        seen = {m.start() for m in pending}  # each name once: a chain through a long list is linear
        while pending:
            m = pending.pop(0)
            name = self._clean_name(m["name"])
            if name:
                # 'Dunja Mijatović, OSCE Representative on Freedom of the Media said today'
                role = _SPEECH_AFTER.split(m["role"])[0].strip()
                # the next pair of a list: 'Ana Novak, Head of the Mission and Ben Smith, State Prosecutor, signed'
                if (pair := _NEXT_PAIR.search(role)) and (nxt := _NAME_COMMA_ROLE.match(paragraph, m.start("role") + pair.start("name"))):
                    role = role[:pair.start()]
                    if nxt.start() not in seen:
                        seen.add(nxt.start())
                        pending.insert(0, nxt)
                if self._ends_in_named_post(role) or _is_clause(role):
                    # a list of posts and names: 'President Ana Novak, Prime Minister Ben Smith, ...'
                    continue
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        for m in _ROLE_COMMA_NAME.finditer(paragraph):
            name = self._clean_name(m["name"])
            role = re.sub(r"^(?:(?:and|[Tt]he|[Aa]n?)\s+)+", "", m["role"].strip())  # a list's last: 'and the Deputy ...'
            if self._ends_in_named_post(role):
                continue  # the previous post and name of a list, not this name's role
            if name and ROLE_NOUNS.search(role):
                found.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        if (roster := _ROSTER_LINE.match(paragraph)) and (name := self._clean_name(roster["name"])):
            found.append((0, PersonRef(name)))
        # the looser rules name only people the rules above did not find
        found += [(at, p) for at, p in self._opening_name(paragraph, issuer) + self._semicolon_items(paragraph, issuer)
                  + self._name_then_post(paragraph, issuer) + self._known(paragraph)
                  + self._cyrillic(paragraph, issuer)
                  if not any(_same_person(p.name, q.name) for _, q in found)]
        found += self._named_after_role(paragraph, issuer) + self._plural_holders(paragraph)
        found += self._listed(paragraph, [p for _, p in found] + (page or []))
        found = self._not_cities(_article_free(found, paragraph))
        found.sort(key=lambda t: t[0])
        people: list[PersonRef] = []
        for _, person in found:
            self._merge(people, person)
        return people

    def _title_people(self, title: str, issuer: str | None) -> list[PersonRef]:
        """People a title names: after their post, at its start, or known to the data."""
        found = self._named_after_role(title, issuer) + self._opening_name(title, issuer) + self._known(title)
        return [p for _, p in self._not_cities(_article_free(found, title))]

    def _not_cities(self, found: list[tuple[int, PersonRef]]) -> list[tuple[int, PersonRef]]:
        """'the attacks on Banja Luka': a run GeoNames knows as a city is no one's name unless a
        role says it is a person's (a personal context alone does not: cities are attacked too)."""
        return [(at, p) for at, p in found if p.role or not world_city(p.name, self.regions)]

    def _opening_name(self, paragraph: str, issuer: str | None) -> list[tuple[int, PersonRef]]:
        """A list's item or a paragraph that opens with a name and its post, in any language:
        'Lamberto Zannier, quinto Segretario generale dell’OSCE (2011-2017)', '• Ana Novak, Minister
        of Justice': the text after the comma opens with a post (a few words in) or is a State."""
        if (colon := _POST_COLON_NAME.match(paragraph)) and _post_line(colon["role"]) and (name := self._clean_name(colon["name"])):
            return [(colon.start("name"), PersonRef(name, colon["role"], self._affiliation(colon["role"], issuer)))]
        m = _OPENING_NAME.match(paragraph)
        if not m or not (name := self._clean_name(m["name"])):
            return []
        role = m["role"].strip()
        if len(paragraph) <= _CONTACT_LINE and _PHONE_OR_MAIL.search(paragraph, m.end()) and _post_at(role.split()) is None:
            # a contact's line: 'Ana Novak, OSCE/ODIHR, +43 1 514 36 0000, ana.novak@...': the body, not a post
            return [(m.start("name"), PersonRef(name, None, self._affiliation(role, issuer)))]
        # a State's word first: 'Poland’s Minster of Foreign Affairs' (sic), 'Italian State Prosecutor'
        if _post_at(role.split()) is None and not self._only_a_state(role) and not self._state_word(role.split()[0]):
            return []
        return [(m.start("name"), PersonRef(name, role, self._affiliation(role, issuer)))]

    def _semicolon_items(self, paragraph: str, issuer: str | None) -> list[tuple[int, PersonRef]]:
        """The items of a list separated by semicolons, each a name and its post: '...; Ana Novak, Climate
        and Migration Team Leader at ...; and Ben Smith, Co-founder of ...' (the post may come eight words in)."""
        out: list[tuple[int, PersonRef]] = []
        for sep in _SEMICOLON.finditer(paragraph):
            m = _OPENING_NAME.match(paragraph[sep.end():])
            if m and (name := self._clean_name(m["name"])) and _post_at(m["role"].split(), within=8) is not None:
                role = m["role"].strip()
                out.append((sep.end() + m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        return out

    def _name_then_post(self, paragraph: str, issuer: str | None) -> list[tuple[int, PersonRef]]:
        """A name, then a post written in lower case or after a verb: 'Ana Novak, a journalist of
        the ...', 'Ana Novak, former presidential candidate', 'Ana Novak is currently Acting Head
        of Centre', 'Ana Novak, is the newly appointed Head of Mission'."""
        out: list[tuple[int, PersonRef]] = []
        # overlapping: a post's text may end in the next name ('Ana Novak, sister of Ben Smith, former ...')
        pos = 0
        while m := _NAME_THEN_POST.search(paragraph, pos):
            tail = _NAME_AT_END.search(m["role"])
            pos = m.start("role") + tail.start() if tail else m.end()
            # a relative clause after the post is no part of it: 'a student who is president of ...'
            role_text = _RELATIVE.split(m["role"])[0]
            words = role_text.split()
            # a plural post for the last name of a list only ('X and Y, members of'; not 'OSCE Ministerial
            # Troika, the Foreign Ministers of ...'); a clause is no post ('Ana Novak, the Representative asked')
            listed = paragraph[:m.start("name")].endswith(" and ")
            at = _post_at(words, plural=listed)
            link = paragraph[m.end("name"):m.start("role")]
            if at is not None and _is_clause(role_text) and (listed or _APPOSITION_ONLY.fullmatch(link)):
                # an apposition ends at the verb: 'Ana Novak, former presidential candidate currently imprisoned
                # in ...', '... and Ana Novak, the Deputy Minister delivered speeches' (the list's verb)
                cut = next(k for k in range(at + 1, len(words)) if _VERB.fullmatch(words[k]))
                words = [w for w in words[:cut] if not w.endswith("ly")]
                role_text = " ".join(words)
            # 'Golden Sands, was opened by Mayor ...': a passive's agent holds the post, not the name
            if at is None or "by" in words[:at] or _is_clause(role_text) or not (name := self._clean_name(m["name"])):
                continue
            role = " ".join(words)
            out.append((m.start("name"), PersonRef(name, role, self._affiliation(role, issuer))))
        return out

    def _only_a_state(self, text: str) -> bool:
        """'Croatia', 'Repubblica Slovacca': the text is a State's name and nothing else."""
        found = self.gazetteer.find(text, ("state",))
        return len(found) == 1 and found[0].start == 0 and found[0].end == len(text)

    def _cyrillic(self, paragraph: str, issuer: str | None) -> list[tuple[int, PersonRef]]:
        """A name in Cyrillic letters after a post in the nominative: 'Посол Ана Новак, Глава ...'; and
        one written as Russian pages name people, in the nominative with their State in brackets
        ('Ана Новак (Швеция)'), their post after a comma ('Ана Новак, Руководитель Отдела'), or after
        their post and its body ('Министр иностранных дел Литвы Ана Новак сегодня ...')."""
        out = [(m.start("name"), PersonRef(m["name"], m["role"], self._affiliation(m["role"], issuer)))
               for m in _CYRILLIC_POST_NAME.finditer(paragraph)
               if not _CYRILLIC_BODY.search(m["name"]) and not self.gazetteer.find_states(m["name"], "ru")]
        out += self._russian_full_names(paragraph)
        for m in _CYRILLIC_RUN.finditer(paragraph):
            words = m["run"].split()
            if any(_RU_PATRONYMIC.match(w) for w in words):
                continue  # a name with its patronymic: _russian_full_names
            # the run may start with the end of a body's or a State's name: 'Европе', 'Литвы'
            while words and (_OBLIQUE.search(words[0]) or _CYRILLIC_BODY.search(words[0]) or foreign_post(words[0])
                             or self.gazetteer.find_states(words[0], "ru")):
                words = words[1:]
            name = " ".join(words)
            # a given name in '-ю' is in the accusative ('премьер-министра Наталью X'): no nominative to write
            if not 2 <= len(words) <= 3 or _CYRILLIC_BODY.search(name) or self.gazetteer.find_states(name, "ru") \
                    or words[0].endswith("ю"):
                continue
            role: str | None = None
            if m["state"]:
                if not self.gazetteer.find_states(m["state"], "ru"):
                    continue
                before = _CYRILLIC_POST_BEFORE.search(paragraph, 0, m.start())
                role = before["role"] if before else None
            elif m["post"] and foreign_post(m["post"]):
                role = re.split(r"[,.;:]", paragraph[m.start("post"):])[0].strip()
            else:
                before = _CYRILLIC_POST_BEFORE.search(paragraph, 0, m.start())
                if before:
                    role = before["role"]
                elif not (_CYRILLIC_SPEECH.match(paragraph, m.end() + 1) or re.search(
                        rf"{_CYRILLIC_SPEECH.pattern}\s+$", paragraph[max(0, m.start() - 20):m.start()])):
                    continue
            at = m.start() + m["run"].index(name)
            out.append((at, PersonRef(name, role, self._affiliation(role, issuer))))
        return out

    def _russian_full_names(self, paragraph: str) -> list[tuple[int, PersonRef]]:
        """A Russian name written with its patronymic, in any case, written as the nominative given
        name and surname: 'Асловым Сироджидином Мухридиновичем' -> 'Сироджидин Аслов'."""
        out: list[tuple[int, PersonRef]] = []
        pos = 0
        # overlapping, a word at a time: the run may open with a body's or a State's words
        while m := _RU_FULL_NAME.search(paragraph, pos):
            pos = m.start("b")
            if (pat := _RU_PATRONYMIC.match(m["c"])) and not _RU_PATRONYMIC.match(m["b"]):
                given, surname, at = m["b"], m["a"], m.start("b")  # official order: surname first
            elif (pat := _RU_PATRONYMIC.match(m["b"])):
                given, surname, at = m["a"], m["c"], m.start("a")
            else:
                continue
            male = pat["male"] is not None
            case = pat["m"] if male else pat["f"]
            # the nominative: a man's patronymic without ending, a woman's in -а
            name = f"{given} {surname}" if case == ("" if male else "а") else \
                f"{_ru_given(given, case, male)} {_ru_surname(surname, male)}"
            if not _CYRILLIC_BODY.search(name) and not self.gazetteer.find_states(name, "ru"):
                post = _CYRILLIC_POST_BEFORE.search(paragraph, 0, m.start())
                out.append((at, PersonRef(name, post["role"] if post else None)))
        return out

    def _known(self, paragraph: str) -> list[tuple[int, PersonRef]]:
        """People the reference data knows, wherever the text names them in full ('the mandate of
        Ana Novak'), also misspelt ('Knut Vollebeak'); not a longer name that holds theirs ('Max van
        der Stoel Award'): the name ends the run of capitalised words."""
        out: list[tuple[int, PersonRef]] = []
        for m in _CANDIDATE.finditer(paragraph):
            words = m[0].split()
            for a in range(max(0, len(words) - 5), len(words) - 1):
                name = _POSSESSIVE.sub("", " ".join(words[a:]))
                if self.gazetteer.known_person(name):
                    out.append((m.start() + len(" ".join(words[:a])) + (1 if a else 0), PersonRef(name)))
                    break
        return out

    def _line_people(self, paragraphs: list[str], issuer: str | None) -> list[PersonRef]:
        """A name on a line of its own in a contact block: under 'Contacts' / 'Media contact', or
        over a line naming the post ('Ana Novak' / 'Spokesperson'), in Latin or Cyrillic letters."""
        out: list[PersonRef] = []
        for index, line in enumerate(paragraphs):
            if not _LINE_NAME.fullmatch(line.strip()) or not (name := self._clean_name(line.strip())):
                continue
            before = paragraphs[index - 1].strip() if index else ""
            after = paragraphs[index + 1].strip() if index + 1 < len(paragraphs) else ""
            # the post under the name (a contact block), or over it (an overview's 'Head of Mission')
            role = next((line for line in (after, before) if _post_line(line)), None)
            if role or _CONTACT_HEADING.match(before):
                out.append(PersonRef(name, role, self._affiliation(role, issuer)))
        return out

    def _origin(self, paragraph: str, end: int) -> str | None:
        """'Ilina Dimovska from North Macedonia', 'Sintija Oškalne of the OSCE Conflict Prevention
        Centre': the State or structure right after 'from' or 'of' (the person's affiliation)."""
        link = _FROM.match(paragraph, end)
        if not link:
            return None
        head = paragraph[link.end():link.end() + 120]
        for m in sorted(self.gazetteer.find(head, ("state", "structure")), key=lambda m: m.start):
            # 'of the OSCE Conflict Prevention Centre', 'from the Delegation of San Marino to ...'
            if m.iri not in self.osce:
                return m.iri if _BODY_NAME_RUN.fullmatch(head[:m.start]) else None
        return None

    def _credited(self, paragraphs: list[str]) -> list[PersonRef]:
        """Photographers credited under a photo: '(OSCE/Oksana Polyuga)', '(Photo: Ana Novak)'."""
        return [PersonRef(name, "photographer") for paragraph in paragraphs
                for pattern in (_PHOTO_CREDIT, _PHOTO_CREDIT_FIRST, _PHOTO_CREDIT_BARE, _PHOTO_CREDIT_WORDS) for m in pattern.finditer(paragraph)
                if (name := self._clean_name(m.groupdict().get("after") or m["name"] or ""))]

    def credited(self, name: str, role: str) -> PersonRef | None:
        """A person the page credits on a line of their own (a byline, a photo's credit), when the
        line is a person's name."""
        words = name.split()
        if not all(w[:1].isupper() or w in _NAME_PARTICLES for w in words):
            return None  # a line of the page's chrome ('Subscribe now'), not a name
        clean = self._clean_name(name.strip())
        return PersonRef(clean, role) if clean else None

    def add_person(self, people: list[PersonRef], person: PersonRef) -> None:
        self._merge(people, person)

    def _named_after_role(self, paragraph: str, issuer: str | None) -> list[tuple[int, PersonRef]]:
        """Names written after their role without a comma: 'Moldovan Foreign Minister Ana Novak's
        visit', 'the Minister of Foreign Affairs Rashid Meredov', 'journalist Ana Novak',
        'Mr. John Q. Smith'; a role in brackets after the name: 'Isabel Santos (MP, Portugal)'."""
        out: list[tuple[int, PersonRef]] = []
        for m in _CANDIDATE.finditer(paragraph):
            words = m[0].split()
            i = 0
            while i < len(words) - 2 and (self._role_word(words[i]) or self._state_word(words[i])
                                          or words[i].lower() in _QUALIFYING_TITLES):
                i += 1
            if i and not (self._role_word(words[i - 1]) or self._state_word(words[i - 1])):
                i = 0
            # a post word further in ends the role: 'Deputy Public Defender Paata Beltadze'
            i = next((k + 1 for k in range(len(words) - 3, i - 1, -1)
                      if words[k][:1].isupper() and post_word(words[k])), i)
            # the role is the few words before the name: searching the whole paragraph before each
            # candidate was quadratic (a 340 kB line of names took a minute)
            before = paragraph[max(0, m.start() - _ROLE_CONTEXT):m.start()]
            name = self._clean_name(" ".join(words[i:]))
            role = _role_before(before, " ".join(words[:i])) if name else None
            if role is None and not before.endswith(" to "):
                # the run starts with the end of a post's name: 'Minister of Education and Science
                # Tamar Sanikidze', 'Senior Adviser on Gender Issues Ana Novak'; the shortest name
                # wins, as nothing tells 'Issues Ana Novak' from a three-word name ('to Address
                # Transnational Threats' is a post's verb, not the end of its name)
                for k in range(len(words) - 2, max(i, 1) - 1, -1):
                    if not words[k][:1].isupper() or not (split := self._clean_name(" ".join(words[k:]))):
                        continue
                    if found := _role_before(before, " ".join(words[:k])):
                        name, role, i = split, found, k
                        break
            if not name or _BODY_GLOSS.match(paragraph, m.end()):
                continue  # 'the State Great Hural (Parliament)': the body's own name, glossed
            start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
            prefix = " ".join(words[:i])
            after = _BRACKET_ROLE.match(paragraph[m.end():])
            if role is None and _POSITION.match(paragraph[m.end():]):
                out.append((start, PersonRef(name)))  # named in a photo's caption by their place in it
                continue
            if role is None and after and self._role_text(after["role"]):
                role = after["role"].strip()
            if role is None and (origin := self._origin(paragraph, m.end())):
                out.append((start, PersonRef(name, None, origin)))
                continue
            if role is None and _BODY_AFTER.match(paragraph, m.end()):
                out.append((start, PersonRef(name)))  # 'Ana Novak from the Ministry of Interior': a body the data lacks
                continue
            if role is None and _APPOSITION_END.match(paragraph, m.end()) and paragraph[:m.start()].endswith(", "):
                role = _role_in_apposition(paragraph[:m.start() - 2])
            if role is None and (plural := _PLURAL_POST_BEFORE.search(paragraph, max(0, m.start() - 80), m.start())) \
                    and _plural_post(plural["post"]) and _LIST_AFTER.match(paragraph, m.end()):
                # 'two Utopian journalists, Ana Novak and Ben Smith, ...': the first of the holders named
                role = f"{plural['qualifier'] or ''}{plural['post'][:-1]}"
            if role is None and (hon := _HONORIFIC_BEFORE.search(paragraph[max(0, m.start() - 120):m.start()])):
                role = _role_before(hon["role"] + " ", "") if hon["role"] else None
            elif role is None and not _is_honorific(prefix):
                # a common word that is no given name opens no name the context alone vouches for: 'Read
                # Ana Novak's remarks here' (an imperative at a link)
                first = name.split()[0]
                if _personal_context(paragraph, start, m.end()) and not _AFTER_ARTICLE.search(paragraph[max(0, m.start() - 4):m.start()]) \
                        and (not common_word(first) or given_name(first) or self.gazetteer.known_person(name)):
                    out.append((start, PersonRef(name)))  # no post, but the text speaks of a person
                continue
            out.append((start, PersonRef(name, role, self._affiliation(role, issuer))))
        return out

    def _plural_holders(self, paragraph: str) -> list[tuple[int, PersonRef]]:
        """The holders of a post named in the plural right before them, each with the post: 'journalists
        Ana Novak of Gazeta Nowa, Ben Smith and Carla Jones', 'members of the Parliament Ana Novak and Ben
        Smith', 'other jailed journalists, including Ana Novak and Ben (Benny) Smith'."""
        text = _NICKNAME.sub(lambda m: " " * len(m[0]), paragraph)
        out: list[tuple[int, PersonRef]] = []
        for m in _PLURAL_HOLDERS.finditer(text):
            if not _plural_post(m["post"]) or not (run := _CANDIDATE.match(text, m.end("names"))):
                continue
            words = run[0].split()
            name = self._clean_name(" ".join(words))
            start = run.start()
            if m["body"]:
                # the run opens with the body's name: its person is the shortest name at its end; a run
                # with no body before the name is what the holders hold ('representatives of North Ossetian
                # and Russian sides')
                k = next((k for k in range(len(words) - 2, 0, -1) if self._clean_name(" ".join(words[k:]))), 0)
                if not k:
                    continue
                name, start = self._clean_name(" ".join(words[k:])), start + len(" ".join(words[:k])) + 1
            if not name or world_city(name, self.regions):
                continue
            body = " ".join((m["body"] or "").split() + run[0][:start - run.start()].split())
            role = " ".join([m["post"][:-1], body]).strip()
            out.append((start, PersonRef(name, role)))
            end = run.end()
            while True:
                outlet = _HOLDER_OUTLET.match(text, end)
                link = _HOLDER_LINK.match(text, outlet.end() if outlet else end)
                nxt = _CANDIDATE.match(text, link.end()) if link else None
                if not nxt or not (name := self._clean_name(nxt[0])) or name != " ".join(nxt[0].split()) \
                        or world_city(name, self.regions):
                    break
                out.append((nxt.start(), PersonRef(name, m["post"][:-1])))
                end = nxt.end()
        return [(at, PersonRef(" ".join(p.name.split()), p.role)) for at, p in out]

    def _headed_list(self, paragraphs: list[str]) -> list[PersonRef]:
        """The items under a heading that names the holders of a post, each opening with a name:
        'the cases involving the following journalists:' / 'Ana Novak of Radio Utopia was attacked ...'."""
        out: list[PersonRef] = []
        post: str | None = None
        for paragraph in paragraphs:
            run = _CANDIDATE.match(paragraph) if post else None
            if post and run:
                words = run[0].split()
                name = next((n for k in (2, 3) if len(words) >= k and (n := self._clean_name(" ".join(words[:k])))
                             and len(words) == k), None)
                if name and not world_city(name, self.regions):
                    out.append(PersonRef(name, post))
                    continue
            heading = _HOLDERS_HEADING.search(paragraph.rstrip())
            post = heading["post"][:-1] if heading and _plural_post(heading["post"]) else None
        return out

    def _listed(self, paragraph: str, known: list[PersonRef]) -> list[tuple[int, PersonRef]]:
        """Names listed with a person found by another rule, or after a meeting verb: 'met with Ana
        Novak, Ben Smith and Carla Jones'."""
        out: list[tuple[int, PersonRef]] = []
        # by surname: variants of one person share it, and a page's people are many
        names: dict[str, set[str]] = {}
        for p in known:
            names.setdefault(_folded(p.name).split()[-1], set()).add(p.name)
        candidates = [(m.start(), m.end(), self._clean_name(m[0])) for m in _LIST_NAME.finditer(paragraph)]
        people = [name is not None and any(_same_person(name, n) for n in names.get(_folded(name).split()[-1], ()))
                  for _, _, name in candidates]
        linked = [k > 0 and _LIST_LINK.fullmatch(paragraph[candidates[k - 1][1]:candidates[k][0]]) is not None
                  for k in range(len(candidates))]
        # forwards ('met with Ana Novak, Ben Smith and ...'), then backwards ('Ana Novak and Ben Smith from ...')
        order = [(k, k - 1) for k in range(len(candidates))] + [(k, k + 1) for k in range(len(candidates) - 2, -1, -1)]
        for k, other in order:
            start, _, name = candidates[k]
            if not name or people[k]:
                continue
            neighbour = 0 <= other < len(candidates) and people[other] and linked[max(k, other)]
            if other > k:
                # backwards only over 'and', or over a comma of a list that 'and' ends ('Ana Novak, Ben
                # Smith and Carla Jones, members of ...'), and not from a post's name: 'on Gender Issues, Ana Novak'
                between = paragraph[candidates[k][1]:candidates[other][0]].strip()
                serial = between == "," and other + 1 < len(candidates) and linked[other + 1] \
                    and re.search(r"\band\b", paragraph[candidates[other][1]:candidates[other + 1][0]]) is not None
                # after 'of' only when a plural post follows the list: 'the homes of Ana Novak and Ben
                # Smith, the Deputy Chairpersons of ...'
                plural = _PLURAL_AFTER.match(paragraph, candidates[other][1])
                neighbour = neighbour and (between == "and" or serial) \
                    and (not _OBJECT_OF.search(paragraph[max(0, start - 4):start]) or (plural is not None and _plural_post(plural["post"])))
            if neighbour or (other < k and _LIST_TRIGGER.search(paragraph[max(0, start - 30):start])):
                out.append((start, PersonRef(name)))
                people[k] = True
        return out

    def _ends_in_named_post(self, text: str) -> bool:
        """'President Ana Novak': a post and the name of its holder end the text (a list of posts and
        names, so the text is not one role)."""
        tail = _NAME_AT_END.search(text)
        if not tail:
            return False
        words = tail[0].split()
        # the name may be the run's last two or three words ('... and Science Tamar Sanikidze')
        for k in range(len(words) - 2, -1, -1):
            name = " ".join(words[k:])
            if self._clean_name(name) == name:
                before = text[:tail.start()] + " ".join(words[:k]) + " "
                last = before.split()[-2:]
                # not 'Co-ordinator of Activities to Address Transnational Threats': a verb after 'to'
                if last and (post_word(last[-1]) or (last[0] != "to" and _role_before(before, ""))):
                    return True
        return False

    @staticmethod
    def _role_word(word: str) -> bool:
        return post_word(word) or foreign_post(word) or _FOREIGN_BODY.fullmatch(word) is not None or word in NOT_NAME_WORDS or _POSSESSIVE.search(word) is not None \
            or word.lower() in _HONORIFICS

    @lru_cache(maxsize=4096)  # noqa: B019 - one reader per gazetteer, kept for the process
    def _state_word(self, word: str) -> bool:
        """A State's name or adjective, possibly possessive: 'Moldovan', 'Serbia's', 'Turkmenistan'."""
        return bool(self.gazetteer.find(_POSSESSIVE.sub("", word), ("state",)))

    def _role_text(self, text: str) -> bool:
        """Text that names a role: a role word, or a State or structure ('MP, Portugal')."""
        return any(post_word(w) for w in text.split()) or bool(self.gazetteer.find(text, ("state", "structure")))

    def _clean_name(self, name: str) -> str | None:
        words = _before_headline_word(_PARLIAMENT.sub("", name).split())
        while words and (words[0] in NOT_NAME_WORDS or words[0].lower() in _HONORIFICS or post_word(words[0]) or _plural_post(words[0])
                         or foreign_post(words[0])):
            words = words[1:]
        if words and words[0].lower() in _HEADLINE_WORDS:
            return None  # a headline's verb after a post: 'High Commissioner Concludes Visit to ...'
        # a post's name is not part of the name after it: 'Public Defender Paata Beltadze'
        posts = [k for k in range(len(words) - 2) if words[k][:1].isupper() and post_word(words[k])]
        words = words[posts[-1] + 1:] if posts else words
        # a body's common words before a name of two: 'Police Headquarters Ana Novak' (a given name first,
        # 'Mark Stone Smith', stays whole)
        while len(words) > 2 and common_word(words[0]) and not given_name(words[0]) and words[0].lower() not in _NAME_PARTICLES \
                and not _GERUND.search(words[0]):  # 'Visiting Ana Novak' is a clause, no name's run
            words = words[1:]
        if words:
            words[-1] = _POSSESSIVE.sub("", words[-1]) if words[-1].endswith(("'s", "’s")) else words[-1]
        if len(words) < 2 or len(words) > 5 or not words[0][:1].isupper() or _ends_in_post(words) or any(
                w in NOT_NAME_WORDS or _POSSESSIVE.search(w) or _plural_post(w) or w.lower() in _HONORIFICS for w in words) \
                or any(_COMMON_NOUN.search(w) for w in words) or _GERUND.search(words[0]):
            return None
        candidate = " ".join(words)
        if self._not_a_person(candidate):
            return None
        return candidate

    @lru_cache(maxsize=4096)  # noqa: B019 - one reader per gazetteer, kept for the process
    def _not_a_person(self, candidate: str) -> bool:
        """A State, structure, city or territory, a phrase of common words ('Global Health',
        ordinary_words.py) that the data knows as no one's name, or a role with no name left (nameparser)."""
        if self.gazetteer.find(candidate, ("state", "structure", "city", "territory")):
            return True
        if any(w.lower().endswith("stan") and len(w) > 6 and not given_name(w) for w in candidate.split()):
            return True  # a land's name, as the data's States in '-stan' are: 'Karakalpakstan', 'Tatarstan' (not 'Tristan')
        if ordinary_phrase(candidate.split()) and not self.gazetteer.known_person(candidate):
            return True
        parsed = HumanName(candidate)
        return not parsed.last or not parsed.first or bool(parsed.title)

    @staticmethod
    def _merge(people: list[PersonRef], person: PersonRef, respell: set[str] | frozenset[str] = frozenset()) -> None:
        """One person per name variant: the same name, a shorter form of it ('Novak', 'A. Novak'),
        the same letters with or without diacritics ('Lajcak', 'Lajčák'), or a first name spelt with
        one letter changed ('Rosa'/'Roza'); the fullest form wins, with diacritics, and a spelling
        of `respell` (a headline's) gives way to the new one."""
        surname = _surname(person.name)
        for known in people:
            # every variant keeps the surname: a cheap test first, as a page's people are many
            if _surname(known.name) == surname and (_same_person(known.name, person.name) or _respelt(known.name, person.name)):
                if len(person.name) > len(known.name) or (len(person.name) == len(known.name) and not person.name.isascii()) \
                        or (known.name in respell and _respelt(known.name, person.name)):
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
            dropped.update(chain)  # 'in the Russian and Polish languages': each adjective names a language
        elif _COMMUNITY_LIST.search(text[max(0, m.start - 30):m.start]) or _ETHNIC.search(text[max(0, m.start - 8):m.start]):
            dropped.add(m)
        elif _PHRASE_END.match(after):
            dropped.update(chain)
        elif _NOUN_USE.match(after) and _NAME_BEFORE.search(text[max(0, m.start - 30):m.start]):
            dropped.add(m)  # a body's name: 'the Supreme Soviet in Tiraspol'
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
            if _STREET.match(text[m.end:]) or _TRIBUNAL.search(text[max(0, m.start - 60):m.start]) or _CURRENCY.match(text[m.end:]) \
                    or (m.form == "name" and _CHANNEL.match(text[m.end:])):
                continue
            if m.form == "name" and (before := _QUALIFIER.search(text[max(0, m.start - 40):m.start])) \
                    and before[1] not in _NOT_QUALIFIERS:
                pattern = country_pattern(m.iri.rsplit("/", 1)[1])
                if pattern and pattern.search(m.text) and not pattern.search(f"{before[1]} {m.text}"):
                    continue
        kept.append(m)
    return kept


# 'congratulated Ana Novak on her election': his/her within the few words after the name
_PRONOUN_AFTER = re.compile(r"^\s+(?:[a-z]+\s+){0,3}(?:his|her)\b")
# 'Ana Novak welcomed the law. She said ...': a sentence's subject with a verb, a he/she later on
_SUBJECT_VERB = re.compile(r"^\s+(?:[a-z]+ed|met|spoke|took|gave|held|led|made|went|began|sent|wrote|urged|thanked)\b")
_PRONOUN_LATER = re.compile(r"\b(?:[Hh]e|[Ss]he|his|her)\b")
# what happens to a person, in the statements of the media freedom office: 'the release of Ana Novak'
_DONE_TO = re.compile(
    r"\b(?:release|arrest|detention|killing|murder|sentencing|imprisonment|conviction|trial|disappearance|abduction|"
    r"beating|harassment|expulsion|deportation|extradition|funeral|death|case)\s+of\s+$|"
    r"\b(?:attacks?|assaults?|threats?|violence)\s+(?:on|against)\s+$")
# 'Ana Novak’s imprisonment'
# what is a person's after their name's possessive: 'Ana Novak’s substantive contribution', '... visit'
_PERSONAL_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:contribution|leadership|efforts|visit|remarks|speech|appointment|election|re-election|"
    r"resignation|tenure|statement|words|role as)\b")
_RELATIVE = re.compile(r"\s+(?:who|which|whose|that)\b")
_DONE_TO_AFTER = re.compile(
    r"^\s+(?:release|arrest|detention|killing|murder|sentencing|imprisonment|conviction|trial|disappearance|abduction|"
    r"beating|harassment|expulsion|deportation|extradition|funeral|death)\b")
_LED_BY = re.compile(
    rf"\b(?:headed|led|chaired|co-chaired|moderated|presided over|opened|facilitated|written|edited|authored|presented|"
    rf"delivered|given|signed|hosted|conducted|welcomed|introduced|accompanied|received|greeted|interviewed|elected|"
    rf"appointed|nominated|represented|joined|co-ordinated|coordinated|prepared|addressed)\s+by\s+(?:{HONORIFIC}\s+)?(?P<name>{NAME})")
# what the text says of a person right after the name: 'Ana Novak, who heads ...', 'Ana Novak, 34, a lawyer'
_PERSON_AFTER = re.compile(r"^(?:(?:\s+(?:of|from)\s+[A-Z][^,;.!?\"“”()]{1,60})?,?\s+who\b|,\s+\d{1,3},)")
# what a person suffers, told after the name and their outlet: 'Ana Novak of Radio Utopia was attacked',
# 'Ana Novak from utopia.tv were detained' (the last of a list), the RFoM's releases
_HARMED_AFTER = re.compile(
    r"^(?:\s+(?:of|from)\s+(?:[^,;.!?\"“”()]|\.(?=\S)){1,60}?)?\s+(?:was|were|has been|have been|had been)\s+(?:[a-z]+ly\s+)?"
    r"(?:attacked|arrested|detained|beaten|injured|wounded|killed|murdered|shot|stabbed|sentenced|convicted|jailed|imprisoned|"
    r"released|assaulted|threatened|harassed|obstructed|kidnapped|abducted|deported|expelled|fined|charged|summoned|"
    r"questioned|interrogated|prosecuted|acquitted|pardoned|hindered|banned|tortured|intimidated)\b")
# a common noun after the run makes it a thing's name: 'the OSCE's Silk Road project' (not '... Ana Novak explained')
_NOUN_AFTER = re.compile(r"^\s+(?![a-z]*(?:ed|s)\b)(?!(?:met|spoke|said|told|gave|led|made|took|went|wrote|won|began|sent|held|can|will|would)\b)[a-z]+\b")
# and right before it: '18-year-old Ana Novak', 'according to Ana Novak', 'the OSCE’s Ana Novak', 'the Mission's Ana Novak'
_PERSON_BEFORE = re.compile(r"(?:\b\d{1,3}-year-old|\b[Aa]ccording to|\b(?:[A-Z]{2,}|Mission|Office|Centre|Center|Presence|Secretariat|Assembly)['’]s)\s+$")


def _personal_context(paragraph: str, start: int, end: int) -> bool:
    """A name the text treats as a person's: 'on her election' right after it, a subject whose
    sentence goes on with he or she, one who led or chaired something ('chaired by Ana Novak'), or
    one something was done to ('the release of Ana Novak', 'an attack on Ana Novak')."""
    after = paragraph[end:]
    if _DONE_TO.search(paragraph[max(0, start - 40):start]) or (
            paragraph[:end].endswith(("'s", "’s")) and (_DONE_TO_AFTER.match(after) or _PERSONAL_AFTER.match(after))):
        return True
    if _PRONOUN_AFTER.match(after) or any(m.start("name") == start for m in _LED_BY.finditer(paragraph, max(0, start - 80), end)):
        return True
    if _PERSON_AFTER.match(after) or _HARMED_AFTER.match(after) or (_PERSON_BEFORE.search(paragraph[max(0, start - 30):start]) and not _NOUN_AFTER.match(after)):
        return True
    sentence_start = not paragraph[:start].strip() or paragraph[:start].rstrip().endswith((".", "!", "?"))
    # the next few sentences only: a page-long search for each name would be quadratic
    return sentence_start and _SUBJECT_VERB.match(after) is not None and _PRONOUN_LATER.search(after, 0, _ROLE_CONTEXT * 2) is not None


def _post_line(line: str) -> bool:
    """A short line naming a post: 'Head of Mission', 'National Political and Press Affairs Officer',
    'Начальник отдела прессы'; not a heading that names one in passing ('Statement by the Chairperson')."""
    words = line.split()
    return 0 < len(line) <= 120 and not line.endswith(".") and "by" not in words and _post_at(words, within=6) is not None


# not a compound's adjective: 'the UK-based network'
_VERB = re.compile(rf"(?<!-)\b(?:[a-z]{{3,}}ed|is|was|were|are|has|have|had|will|would|{SPEECH})\b")
_CLAUSE_WORDS = {"whose", "which", "that", "where", "who", "when"}
# what opens an apposition and never a clause: ', former ', ', a '
_APPOSITION_ONLY = re.compile(r",\s+(?:a|an|former)\s+")


def _is_clause(role: str) -> bool:
    """'the Representative asked for an investigation': a verb after the post makes a clause, not a post."""
    words = role.split()
    at = _post_at(words)
    return _VERB.search(" ".join(words[(at or 0) + 1:])) is not None


def _post_at(words: list[str], *, plural: bool = False, within: int = 5) -> int | None:
    """Where a post opens a role text, a few words in ('terzo Segretario generale', 'a TV journalist
    from'); None when a clause comes first ('a city whose mayor ...')."""
    for k, word in enumerate(words[:within]):
        if word.lower() in _CLAUSE_WORDS:
            return None
        if (post_word(word) or foreign_post(word) or (plural and _plural_post(word))) and word.lower() not in _QUALIFYING_TITLES:
            return k
    return None


def _article_free(found: list[tuple[int, PersonRef]], text: str) -> list[tuple[int, PersonRef]]:
    """'the Iron Curtain', 'the Armed Forces of ...': a name right after the article is a thing's."""
    return [(at, p) for at, p in found if not _AFTER_ARTICLE.search(text[max(0, at - 4):at])]


_CUT_SENTENCE = 60
"""Characters from which a last paragraph without a full stop is a sentence the page's end cut off."""
_ENDS_WHOLE = re.compile(r"[.!?…:;\"”’)\]\d]\s*$")


def _without_cut_word(paragraph: str) -> str:
    """The text without its last word when a sentence stops without a full stop: a page cut
    mid-word ('... opened by Special Representative Ana Nov'); a short line ('Head of Office: Ana
    Novak') is whole."""
    if _ENDS_WHOLE.search(paragraph) or len(paragraph) < _CUT_SENTENCE or len(re.findall(r"\b[a-z]+\b", paragraph)) < 3:
        return paragraph
    return paragraph.rstrip().rsplit(None, 1)[0] if " " in paragraph.strip() else paragraph


def _speaker_by_surname(paragraph: str, people: list[PersonRef]) -> str | None:
    """'"...," Zannier said.': a speaker named by surname alone after an earlier paragraph gave the full name."""
    for person in people:
        surname = re.escape(person.name.split()[-1])
        if re.search(rf"\b{surname}\s+{SPEECH}\b|\b{SPEECH}\s+{surname}\b", paragraph):
            return person.name
    return None


@lru_cache(maxsize=16384)  # a page's names are compared pairwise when merged
def _folded(name: str) -> str:
    return anyascii(name).lower()


@lru_cache(maxsize=16384)
def _surname(name: str) -> str:
    return _folded(name).rsplit(None, 1)[-1] if name.strip() else ""


def _same_person(a: str, b: str) -> bool:
    fa, fb = _folded(a), _folded(b)
    if fa == fb or fa.endswith(" " + fb) or fb.endswith(" " + fa):
        return True
    wa, wb = fa.split(), fb.split()
    # 'J. Smith' / 'John Q. Smith': one surname, the initials agree; 'John Smith' / 'John Q. Smith',
    # 'Helga Schmid' / 'Helga Maria Schmid': one first name and surname, a middle name or not
    return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and wa[0][0] == wb[0][0] and (
        wa[0].endswith(".") or wb[0].endswith(".") or wa[0] == wb[0])


def _respelt(a: str, b: str) -> bool:
    """'Rosa Otunbayeva' / 'Roza Otunbayeva': one surname, first names of four letters or more that
    differ in one letter after the first (a transliteration's variant on one page)."""
    wa, wb = _folded(a).split(), _folded(b).split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[1:] != wb[1:] or len(wa[0]) != len(wb[0]) or len(wa[0]) < 4:
        return False
    return wa[0][0] == wb[0][0] and sum(x != y for x, y in zip(wa[0], wb[0], strict=True)) == 1


# '..., the Speaker of Parliament, Mr. Matti Vanhanen': an honorific right before the name, and the role before it
_HONORIFIC_BEFORE = re.compile(r"(?:(?P<role>[A-Z][^,.;:\"“”]*?),\s+)?\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s+$")


# the capitalised words of a body's name before the State or structure it belongs to: 'Delegation of '
_BODY_NAME_RUN = re.compile(r"(?:(?:[A-Z][\w’'-]*|of|to|for|the|in)\s+)*")
_AFTER_ARTICLE = re.compile(r"\b[Tt]he\s+$")
_CLAUSE_START = re.compile(r".*(?:[.;:“\"]\s|^)", re.S)


# the name ends its apposition: ', Ana Novak,', ', Ana Novak.', ', Ana Novak...' or the text's end
_APPOSITION_END = re.compile(r"[,.;…]|\s*$")


def _role_in_apposition(before: str) -> str | None:
    """The role a name stands in apposition to: 'the Mayor of The Hague, Jan van Zanen,' -> 'Mayor
    of The Hague'; the clause before the comma must hold a post word written as a post (capitalised),
    else the last post word in lower case ('the Norwegian member of Parliament, Ana Novak,', 'le
    ministre d'Etat de Monaco, Ana Novak.')."""
    clause = before[_CLAUSE_START.match(before).end():][-160:]  # type: ignore[union-attr]
    # the nearest of a list's posts: 'the Speaker, Ana Novak, and the First Deputy Minister, Ben Smith'
    # (and the body after it: 'the Director, Department of Human Rights')
    parts = clause.split(", ")
    clause = ", ".join(parts[next((k for k in range(len(parts) - 1, -1, -1) if any(
        w[:1].isupper() and post_word(w) and w.lower() not in _QUALIFYING_TITLES for w in parts[k].split())), 0):])
    words = clause.split()
    posts = [i for i, word in enumerate(words)
             if word[:1].isupper() and (post_word(word) or foreign_post(word)) and word.lower() not in _QUALIFYING_TITLES]
    if not posts:
        posts = [i for i, word in enumerate(words)
                 if word[:1].islower() and (post_word(word) or foreign_post(word)) and word not in _QUALIFYING_TITLES
                 # the head noun, not a noun's modifier: 'four student teams from ..., Banja Luka'
                 and (i + 1 == len(words) or not words[i + 1][:1].islower() or words[i + 1] in _ROLE_LINK)][-1:]
    if not posts:
        return None
    start = posts[0]
    while start > 0 and (words[start - 1][:1].isupper() or words[start - 1] in _QUALIFYING_TITLES - {"the"}):
        start -= 1
    return re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", " ".join(words[start:]).strip(",")) or None


def _reads_as_role(text: str) -> bool:
    """'Head of ...', 'the Mission's ...', 'former Minister': a role; 'met today in Belgrade': a clause."""
    first = text.split()[:3]
    return bool(first) and (first[0][:1].isupper() or first[0] in ("the", "a", "an", "former")
                            or any(post_word(w) for w in first))


def _is_honorific(prefix: str) -> bool:
    return any(w.lower() in _HONORIFICS for w in prefix.split())


_ROLE_CONTEXT = 250
"""Characters before a name searched for its role: a role is a phrase, not a paragraph."""
_ROLE_RUN = re.compile(rf"(?:(?:[{_UPPER}ĀĂĄĆĈĊČĎĐĒĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ][\w’'.-]*|\([A-Z][A-Za-z/]+\)|of|for|on|to|in|and|the|at|under)\s+)+$")
# a body's name may list its fields inside a run: 'Chair of the Committee on Human Rights, Media and Culture Ana Novak'
_ROLE_RUN_LISTED = re.compile(rf"(?:(?:[{_UPPER}ĀĂĄĆĈĊČĎĐĒĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ][\w’'.-]*,?|\([A-Z][A-Za-z/]+\)|of|for|on|to|in|and|the|at|under)\s+)+$")
_TAIL_LINKS = {"of", "for", "on", "to"}
_LOWER_BODY_ROLE = re.compile(
    r"(?<![\w-])(?P<role>(?P<post>[A-Z][\w-]+)\s+(?:of|for)\s+(?:the\s+)?(?:(?!(?:its|his|her|their|our|this|that)\s)[a-z][a-z-]+\s+){1,3})$")
_STOP_WORDS = {"by", "of", "the", "a", "an", "and", "or", "to", "with", "was", "were", "is", "are", "as", "from", "said",
               "met", "told", "for", "in", "on", "at", "that", "who", "his", "her", "their", "its"}


def _role_before(before: str, prefix: str) -> str | None:
    """The role written before a name, or None: the role words stripped from the name's run
    ('Moldovan Foreign Minister'), with the capitalised words and links before it ('Minister of
    Foreign Affairs'), or a lower-case role ('journalist', 'human rights defender'). The last role
    word must be followed by nothing or by an 'of/for ...' phrase ('Center for Judicial and' is no role)."""
    if not prefix:
        lower = re.search(r"(?<![\w’'-])((?:[a-z-]+\s+){0,2}([a-z-]+))\s+$", before)
        if lower and (post_word(lower[2]) or foreign_post(lower[2])) and lower[2] not in _QUALIFYING_TITLES:
            words = lower[1].split()
            # 'human rights defender' yes, 'received by journalist' no
            while len(words) > 1 and (words[0] in _STOP_WORDS or words[0].endswith(("ed", "ing"))):
                words = words[1:]
            return " ".join(words)
    run = _ROLE_RUN_LISTED.search(before)
    if run and run[0].rstrip().endswith(","):
        run = _ROLE_RUN.search(before)  # the name after a comma stands in apposition: no run of the role
    words = ((run[0] if run else "") + prefix).split()
    posts = [i for i, w in enumerate(words)
             if (post_word(w) or foreign_post(w) or (i == len(words) - 1 and _plural_post(w)))
             and w.lower() not in _QUALIFYING_TITLES | _HONORIFICS]
    if not posts and run and words and "," not in run[0] and (lower := _LOWER_BODY_ROLE.search(before, 0, run.start())) \
            and post_word(lower["post"]):
        # a body written in lower case between the post and the run: 'President of the parliamentary
        # assembly of the OSCE Ana Novak' (a translated news agency's English)
        return " ".join([*lower["role"].split(), *words]) or None
    if not posts:
        return None
    last = posts[-1]
    # a rank after the post is part of it: 'Inspector General', 'Prosecutor General', 'President-elect'
    while last + 1 < len(words) and words[last + 1].lower() in ("general", "elect", "designate"):
        last += 1
    # a gloss in brackets is no body: 'Human Rights Defender (Ombudsman)'
    tail = [w for w in words[last + 1:] if not w.startswith("(")]
    # a translated post's body follows in the genitive, without a link word: 'Šefica Misije OEBS-a'
    foreign_body = foreign_post(words[last]) and all(w[:1].isupper() for w in tail)
    if tail and not foreign_body and (tail[0] not in _TAIL_LINKS or tail[-1] in _ROLE_LINK
                                      or any(w[:1].islower() and w not in _ROLE_LINK for w in tail)):
        return None
    start = last
    while start > 0 and (words[start - 1][:1].isupper() or words[start - 1] in _ROLE_LINK - {"and"}) \
            and words[start - 1] not in SENTENCE_ADVERBS and not words[start - 1].endswith(","):
        start -= 1
    words = words[start:]
    while words and (words[0].lower() in _ROLE_LINK or words[0].lower() in _HONORIFICS):
        words = words[1:]
    while words and words[-1].lower() in _HONORIFICS:
        words = words[:-1]  # '... on the Arctic and High North Rt. Hon.': the style goes with the name
    return " ".join(words).strip(",") or None


def _role_with_title(honorific: str | None, role: str | None) -> str | None:
    if honorific and honorific.rstrip(".") in ("Ambassador", "Minister", "Judge", "General", "Colonel", "Professor"):
        return f"{honorific}, {role}" if role else honorific
    return role


def _looks_personal(name: str, paragraph: str, start: int) -> bool:
    """A bare 'Name Surname said' counts when the name is not the start of a sentence's noun phrase."""
    before = paragraph[max(0, start - 2):start]
    return not before.strip() or before.endswith((". ", ", ", '" ', "” "))
