"""One document under many URLs: host, language prefix, path alias, tracking parameters, case."""

from __future__ import annotations

from pathlib import Path

from osce_kg.parse.urls import canonical_url, file_key, item_key, url_key


def test_variants_of_one_node_give_one_key():
    variants = [
        "https://www.osce.org/cio/86290",
        "http://osce.org/node/86290",
        "https://www.osce.org/de/cio/86290",
        "https://osce.org/sq/node/86290/",
        "https://www.osce.org/cio/86290?fbclid=IwAR0abc&utm_source=twitter",
        "https://WWW.OSCE.ORG/CIO/86290#top",
    ]
    assert {url_key(canonical_url(u)[0]) for u in variants} == {"node-86290"}


def test_language_prefix_is_reported_and_removed():
    assert canonical_url("https://www.osce.org/it/odihr/12345") == ("https://osce.org/node/12345", "it")
    assert canonical_url("https://www.osce.org/it/odihr/elections") == ("https://osce.org/odihr/elections", "it")
    # two-letter sections that are not languages stay in the path
    assert canonical_url("https://www.osce.org/pc/annual-report") == ("https://osce.org/pc/annual-report", None)


def test_urls_without_node_number():
    a = canonical_url("https://www.osce.org/press-Releases?page=2&utm_medium=x")[0]
    b = canonical_url("http://osce.org/press-releases/?page=2")[0]
    assert a == b == "https://osce.org/press-releases?page=2"
    assert url_key(a).startswith("url-") and len(url_key(a)) == 20
    assert url_key(a) != url_key(canonical_url("https://osce.org/press-releases?page=3")[0])


def test_keys_of_files_and_listing_items():
    assert file_key(Path("data/pages/000_edd890b92ae4faef.txt"), b"x") == "file-edd890b92ae4faef"
    assert file_key(Path("page.txt"), b"x") == file_key(Path("other.txt"), b"x") != file_key(Path("page.txt"), b"y")
    assert item_key("Title", "2003-05-14") == item_key(" title ", "2003-05-14") != item_key("Title", "2003-05-15")


def test_site_sections_name_the_structure_a_page_lives_under():
    from osce_kg.parse.urls import site_sections

    assert site_sections("https://odihr.osce.org/ru/node/1") == ["odihr"]
    assert site_sections("https://www.oscepa.org/en/news") == ["OSCE PA"]
    assert site_sections("https://www.osce.org/pa/111157") == ["OSCE PA"]
    assert site_sections("https://www.osce.org/sq/albania/95137") == ["albania"]
    assert site_sections("https://www.osce.org/bih/213746") == ["Bosnia and Herzegovina"]
    assert site_sections("https://www.osce.org/ukraine-smm/reports") == ["ukraine smm", "ukraine", "smm"]
    assert site_sections("https://www.osce.org/fom/statements", path=False) == []
    assert site_sections("https://www.osce.org/node/86290") == []


def test_osce_org_sections_resolve_to_their_structure_in_the_reference_data():
    # a page without issuer metadata is credited to the section it lives in; these sections'
    # names are spelt differently from any name or abbreviation the reference data holds
    from osce_kg.parse.urls import site_sections
    from pages_support import gazetteer_of, reference_store

    gaz = gazetteer_of(reference_store())
    expected = {
        "https://osce.org/representative-on-freedom-of-media/510988": "rfom",
        "https://www.osce.org/fom/56079": "rfom",
        "https://osce.org/eea/60007": "oceea",
        "http://www.osce.org/gender/44841": "gender-issues-programme",
        "https://www.osce.org/sg/100": "office-of-the-secretary-general",
        "https://www.osce.org/secretary-general/373312": "office-of-the-secretary-general",
        "https://osce.org/forum-for-security-cooperation/398312": "forum-for-security-co-operation",
        "https://www.osce.org/ukraine/97350": "project-co-ordinator-in-ukraine",
        "https://www.osce.org/ukraine-smm/reports": "special-monitoring-mission-to-ukraine",
        "http://old.oscepa.org/meetings/autumn-meetings/2016-skopje": "parliamentary-assembly",
    }
    for url, key in expected.items():
        found = [iri for s in site_sections(url) if (iri := gaz.structure_of_section(s))]
        assert found and found[0].endswith("/" + key), (url, found)


def test_a_blank_parameter_is_a_parameter():
    # docs/pages.md keeps every parameter but the tracking ones: '?b=' is not the page without it
    assert canonical_url("https://www.osce.org/search?b=&a=1&utm_source=x")[0] == "https://osce.org/search?a=1&b="
    assert canonical_url("https://osce.org/search?b=")[0] != canonical_url("https://osce.org/search")[0]


def test_keys_have_the_documented_form_so_they_stay_stable():
    """Keys name documents in the graph (their IRIs): the rule of the module docstring, digit for digit."""
    import hashlib

    def sha(text: bytes) -> str:
        return hashlib.sha1(text).hexdigest()[:16]

    assert url_key("https://osce.org/press-releases?page=2") == "url-" + sha(b"https://osce.org/press-releases?page=2")
    assert file_key(Path("page.txt"), b"x") == "file-" + sha(b"x")
    assert item_key(" Head of Mission Visits ", "2003-05-14") == "item-" + sha(b"head of mission visits|2003-05-14")
    assert item_key("Head of Mission visits", None) == "item-" + sha(b"head of mission visits|")


def test_which_links_can_stand_as_a_page_url():
    from osce_kg.parse.urls import is_web_url

    assert is_web_url("http://www.osce.org/node/86290") and is_web_url("HTTPS://www.osce.org/node/86290")
    assert not is_web_url("ftp://www.osce.org/node/86290")
    assert not is_web_url("mailto:press@osce.org")
    assert not is_web_url("https://[::1/node/1")  # a damaged IPv6 host: urlsplit raises
    assert not is_web_url("https:///node/1")


def test_a_subdomain_and_a_path_section_both_name_the_site():
    from osce_kg.parse.urls import site_sections

    assert site_sections("https://odihr.osce.org/odihr-elections/1") == ["odihr", "odihr elections", "odihr", "elections"]
