"""The static DTS API (``toolkit/publish/dts.py``), served over HTTP and walked as a client would.

The checks of required properties are written from the specification's text, Distributed Text Services 1.0
(``../shared/standards/dts/dts-1.0.md``); each names the section it follows.
"""

from __future__ import annotations

import functools
import http.server
import json
import pickle
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.error import HTTPError
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
import uritemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from toolkit.corpus import Document, load_document
from toolkit.publish.build import BuildOptions, build
from toolkit.publish.dts import CONTEXT, WRAPPER_NS, ResourceFiles, citation_trees

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "build" / "edition"
EDITION = ROOT / "tei"
SPEC_CONTEXT = ROOT.parent / "shared" / "standards" / "dts" / "context-v1.0.json"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
JSON_LD = "application/ld+json"
TEI_XML = "application/tei+xml"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: The shape of a BCP 47 language tag (language, then subtags), enough to catch a value that is not one.
BCP47 = r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*"


# ----- a static host and a client ------------------------------------------------------------------------------------


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """A plain static host: files by path, media types by suffix as IANA registers them (mime-db, Debian's
    media-types), query strings ignored."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".jsonld": JSON_LD,
        ".tei": TEI_XML,
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Host:
    """``folder`` served on 127.0.0.1 (a free port) by a thread."""

    folder: Path
    server: http.server.ThreadingHTTPServer = field(init=False)

    def __post_init__(self) -> None:
        handler = functools.partial(StaticHandler, directory=str(self.folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def get(url: str, media_type: str) -> bytes:
    with urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        assert response.headers["Content-Type"] == media_type, url
        return response.read()


def status(url: str) -> int:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status
    except HTTPError as error:
        return error.code


def expand(here: str, template: str, **values: str) -> str:
    """A template expanded (RFC 6570) and resolved against the response it came in."""
    return urljoin(here, uritemplate.expand(template, values))


@dataclass
class Walk:
    """Everything a client fetched, following the API from its Entry endpoint."""

    entry_url: str
    entry: dict[str, Any] = field(default_factory=dict)
    json: dict[str, dict[str, Any]] = field(default_factory=dict)  # url -> response
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)  # @id -> Collection/Resource response
    parents: dict[str, dict[str, Any]] = field(default_factory=dict)  # @id -> its nav=parents response
    units: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # resource -> units found going down
    whole: dict[str, bytes] = field(default_factory=dict)  # resource -> its Document response
    passages: dict[tuple[str, str], bytes] = field(default_factory=dict)  # (resource, ref) -> Document response
    down_all: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # resource -> members of down=-1

    def fetch(self, url: str) -> dict[str, Any]:
        if url not in self.json:
            self.json[url] = json.loads(get(url, JSON_LD))
        return self.json[url]


def walk(entry_url: str) -> Walk:
    """GET the Entry, follow the collections to every resource, its navigation down to every unit, and documents."""
    seen = Walk(entry_url)
    seen.entry = seen.fetch(entry_url)
    root_url = expand(entry_url, seen.entry["collection"])
    queue = [(root_url, seen.fetch(root_url))]
    assert seen.fetch(expand(entry_url, seen.entry["collection"], id=queue[0][1]["@id"]))["@id"] == queue[0][1]["@id"]
    while queue:
        url, collection = queue.pop(0)
        seen.collections[collection["@id"]] = collection
        parents_url = expand(url, collection["collection"], nav="parents")
        seen.parents[collection["@id"]] = seen.fetch(parents_url)
        if collection["@type"] == "Resource":
            walk_resource(seen, url, collection)
        for member in collection.get("member", []):
            member_url = expand(url, member["collection"])
            queue.append((member_url, seen.fetch(member_url)))
    return seen


def resolved(unit: dict[str, Any], url: str) -> dict[str, Any]:
    """A unit with its ``@id`` (a link to its place in the page, relative to the response) made absolute."""
    return {**unit, "@id": urljoin(url, unit["@id"])} if "@id" in unit else unit


def walk_resource(seen: Walk, url: str, resource: dict[str, Any]) -> None:
    name = resource["@id"]
    seen.whole[name] = get(expand(url, resource["document"]), TEI_XML)
    top_url = expand(url, resource["navigation"], down="1")
    found: list[dict[str, Any]] = []

    def down(nav_url: str, units: list[dict[str, Any]]) -> None:
        for unit in units:
            found.append(resolved(unit, nav_url))
            ref = unit["identifier"]
            alone_url = expand(nav_url, seen.fetch(nav_url)["resource"]["navigation"], ref=ref)
            alone = seen.fetch(alone_url)
            assert resolved(alone["ref"], alone_url) == found[-1] and "member" not in alone
            below_url = expand(nav_url, seen.fetch(nav_url)["resource"]["navigation"], ref=ref, down="1")
            below = seen.fetch(below_url)
            assert resolved(below["ref"], below_url) == resolved(below["member"][0], below_url) == found[-1]
            document_url = expand(below_url, below["resource"]["document"], ref=ref)
            seen.passages[name, ref] = get(document_url, TEI_XML)
            down(below_url, [u for u in below["member"][1:] if u["parent"] == ref])

    down(top_url, seen.fetch(top_url)["member"])
    seen.units[name] = found
    all_url = expand(url, resource["navigation"], down="-1")
    seen.down_all[name] = [resolved(u, all_url) for u in seen.fetch(all_url)["member"]]


# ----- the required properties, from the specification ---------------------------------------------------------------


def require(value: dict[str, Any], *names: str) -> None:
    missing = [name for name in names if name not in value]
    assert not missing, f"{missing} missing in {json.dumps(value)[:300]}"


def check_top(response: dict[str, Any]) -> None:
    # every response is JSON-LD with the specification's context ("Scheme for ... Responses": "@context provides DCT,
    # TEI and DTS namespace prefixes"; Navigation Object: "a @context property pointing to a DTS JSON-LD context")
    assert response["@context"] == CONTEXT
    assert response["dtsVersion"] == "1.0"


def check_entry(entry: dict[str, Any]) -> None:
    # "Entry Endpoint", "Scheme for Entry Endpoint Responses": @id, @type EntryPoint, dtsVersion, the three templates
    check_top(entry)
    require(entry, "@id", "@type", "dtsVersion", "collection", "navigation", "document")
    assert entry["@type"] == "EntryPoint"


def check_metadata(metadata: dict[str, Any]) -> None:
    # "MetadataObject Structure": a literal that cannot be localised, a URI, an array of objects with value and lang
    # (lang in BCP 47), or an array of URIs (the specification's own examples also give arrays of codes: "la", "en")
    for name, value in metadata.items():
        if isinstance(value, int | float | str):
            continue
        assert isinstance(value, list) and value, name
        for item in value:
            if isinstance(item, dict):
                assert set(item) == {"lang", "value"} and re.fullmatch(
                    r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", item["lang"]
                )
            else:
                assert isinstance(item, str), name


def check_member(value: dict[str, Any], top: bool) -> None:
    # "Scheme for Collection API Responses": @id, @type, title, totalParents, collection; totalChildren for a
    # Collection; navigation and document for a Resource; dtsVersion on the response itself
    require(value, "@id", "@type", "title", "totalParents", "collection")
    assert value["@type"] in ("Collection", "Resource")
    assert isinstance(value["title"], str) and isinstance(value["totalParents"], int)
    if top:
        check_top(value)
    if value["@type"] == "Collection":
        require(value, "totalChildren")
    else:
        require(value, "navigation", "document")
        check_citation_trees(value.get("citationTrees", []))
        assert all(isinstance(m, str) for m in value.get("mediaTypes", []))
    for name in ("dublinCore", "extensions"):
        if name in value:
            check_metadata(value[name])
    # nothing is paginated: "If a response is paginated the response object MUST include the view property"
    assert "view" not in value
    for member in value.get("member", []):
        check_member(member, top=False)


def check_citation_trees(trees: list[dict[str, Any]]) -> None:
    # Navigation, "CitationTree": @type CitationTree; "If a Resource has multiple CitationTrees, then the first listed
    # ... is the default CitationTree and cannot have an identifier"; "CiteStructure": citeType required
    for n, tree in enumerate(trees):
        assert tree["@type"] == "CitationTree"
        assert ("identifier" in tree) == (n > 0)
        structures = list(tree.get("citeStructure", []))
        while structures:
            structure = structures.pop()
            assert isinstance(structure["citeType"], str) and structure["citeType"]
            structures += structure.get("citeStructure", [])


def check_unit(unit: dict[str, Any]) -> None:
    # Navigation, "CitableUnit": identifier, @type CitableUnit, level (int), parent (nullable string)
    require(unit, "identifier", "@type", "level", "parent")
    assert unit["@type"] == "CitableUnit" and isinstance(unit["identifier"], str)
    assert isinstance(unit["level"], int) and unit["level"] >= 1
    assert unit["parent"] is None or isinstance(unit["parent"], str)
    assert (unit["parent"] is None) == (unit["level"] == 1)
    if "dublinCore" in unit:
        check_metadata(unit["dublinCore"])


def check_navigation(response: dict[str, Any]) -> None:
    # Navigation, "Navigation Object": @id, @type Navigation, dtsVersion, resource; "Resource": @id, @type Resource,
    # collection, navigation, document, citationTrees
    check_top(response)
    require(response, "@id", "@type", "dtsVersion", "resource")
    assert response["@type"] == "Navigation"
    resource = response["resource"]
    require(resource, "@id", "@type", "collection", "navigation", "document", "citationTrees")
    assert resource["@type"] == "Resource"
    check_citation_trees(resource["citationTrees"])
    for unit in [*response.get("member", []), *(response[k] for k in ("ref", "start", "end") if k in response)]:
        check_unit(unit)
    # "Unique identifiers": the identifier of a CitableUnit must be unique within a CitationTree
    identifiers = [u["identifier"] for u in response.get("member", [])]
    assert len(identifiers) == len(set(identifiers))


def keys(value: Any) -> Iterator[str]:
    """The JSON-LD keys of a response, not those inside dublinCore and extensions (which bring their own vocabulary)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            if key not in ("dublinCore", "extensions"):
                yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


# ----- the editions built and walked --------------------------------------------------------------------------------


@dataclass
class Site:
    folder: Path  # the sources
    out: Path
    host: Host
    walk: Walk


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The edition (``tei/``), built without a base URL (links relative to each response), served and walked."""
    out = tmp_path_factory.mktemp("edition") / "out"
    assert build([EDITION], BuildOptions(out=out)).published
    host = Host(out / "html")
    yield Site(EDITION, out, host, walk(f"{host.url}/dts/index.jsonld"))
    host.close()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture edition (no citeStructure), built with the host's address as base URL (absolute links)."""
    out = tmp_path_factory.mktemp("fixture") / "out"
    host = Host(out / "html")
    assert build([FIXTURE], BuildOptions(out=out, base_url=host.url + "/")).published
    yield Site(FIXTURE, out, host, walk(f"{host.url}/dts/index.jsonld"))
    host.close()


@pytest.fixture(params=["edition", "fixture_site"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(request.param)


def source(name: str, folder: Path) -> etree._ElementTree:
    return etree.parse(str(folder / f"{name}.xml"))


def source_element(tree: etree._ElementTree, identifier: str) -> etree._Element:
    """The element a reference names, found in the TEI as our headers declare (and as the fallback numbers)."""
    number, _, seg = identifier.partition(".")
    [paragraph] = tree.xpath("//t:body//*[self::t:p or self::t:ab][@n = $n]", namespaces=NS, n=number)
    if not seg:
        return paragraph
    [element] = paragraph.xpath(".//t:seg[@xml:id = $id]", namespaces=NS, id=seg)
    return element


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


# ----- the tests -----------------------------------------------------------------------------------------------------


def test_the_entry_endpoint_has_the_required_properties_and_templates_that_expand_to_files(site: Site) -> None:
    check_entry(site.walk.entry)
    entry_url = site.walk.entry_url
    assert status(expand(entry_url, site.walk.entry["collection"])) == 200
    resource = next(c for c in site.walk.collections.values() if c["@type"] == "Resource" and c["citationTrees"])
    first = site.walk.units[resource["@id"]][0]["identifier"]
    navigation = expand(entry_url, site.walk.entry["navigation"], resource=resource["@id"], ref=first, down="0")
    document = expand(entry_url, site.walk.entry["document"], resource=resource["@id"], ref=first)
    assert status(navigation) == 200 and status(document) == 200


def test_every_collection_and_resource_response_has_the_required_properties(site: Site) -> None:
    collections = site.walk.collections
    for response in collections.values():
        check_member(response, top=True)
        if response["@type"] == "Collection":  # nothing paginated: every child is listed
            assert len(response["member"]) == response["totalChildren"]
    for name, parents in site.walk.parents.items():
        check_member(parents, top=True)
        assert [p["@id"] for p in parents["member"]] == [
            c["@id"] for c in collections.values() if name in [m["@id"] for m in c.get("member", [])]
        ]
        assert len(parents["member"]) == collections[name]["totalParents"]


def test_the_edition_has_its_texts_and_its_authority_files_as_collections(edition: Site) -> None:
    collections = edition.walk.collections
    root = collections["edition"]
    assert [m["@id"] for m in root["member"]] == ["texts", "authorities"]
    driver = etree.parse(str(EDITION / "edition.xml"))
    order = [
        Path(h).stem for h in driver.xpath("//xi:include/@href", namespaces={"xi": "http://www.w3.org/2001/XInclude"})
    ]
    assert [m["@id"] for m in collections["texts"]["member"]] == order
    assert {m["@id"] for m in collections["authorities"]["member"]} == {
        "bibliography", "orgs", "persons", "places", "taxonomy", "witnesses"
    }  # fmt: skip
    cable = collections["dobrynin-cable"]
    assert cable["title"] == "Dobrynin's Cable to the Soviet Foreign Ministry, 27 October 1962"
    assert cable["dublinCore"]["language"] == ["en"] and cable["mediaTypes"] == [TEI_XML]


def test_every_navigation_response_has_the_required_properties(site: Site) -> None:
    navigations = [r for r in site.walk.json.values() if r.get("@type") == "Navigation"]
    assert navigations
    for response in navigations:
        check_navigation(response)


def test_every_response_uses_the_specifications_context_and_its_terms(site: Site) -> None:
    responses = [site.walk.entry, *site.walk.json.values()]
    assert all(response["@context"] == CONTEXT for response in responses)
    if not SPEC_CONTEXT.is_file():
        pytest.skip(f"the specification's context is not at {SPEC_CONTEXT}")
    terms = set(json.loads(SPEC_CONTEXT.read_text(encoding="utf-8"))["@context"]) | {"@context", "@id", "@type"}
    used = {key for response in responses for key in keys(response)}
    assert used <= terms, used - terms


def test_going_down_the_navigation_reaches_every_paragraph_and_identified_seg(edition: Site) -> None:
    for name in [m["@id"] for m in edition.walk.collections["texts"]["member"]]:
        tree = source(name, EDITION)
        paragraphs = tree.xpath("//t:body//*[self::t:p or self::t:ab][@n]", namespaces=NS)
        segs = tree.xpath("//t:body//*[self::t:p or self::t:ab][@n]//t:seg[@xml:id]", namespaces=NS)
        units = edition.walk.units[name]
        level1 = [u["identifier"] for u in units if u["level"] == 1]
        assert level1 == [p.get("n") for p in paragraphs], name
        assert sorted(u["identifier"].partition(".")[2] for u in units if u["level"] == 2) == sorted(
            s.get(XML_ID) for s in segs
        ), name
        # "Order of CitableUnits in member": document order, pre-order depth first, as going down found them
        assert edition.walk.down_all[name] == units


def test_a_passage_is_a_tei_fragment_in_dts_wrapper_with_its_paragraphs_text(site: Site) -> None:
    folder = site.folder
    assert site.walk.passages
    for (name, identifier), data in site.walk.passages.items():
        # "XML/TEI encoding and sub-tree representation": the root is TEI in TEI's namespace; a chunk is "embedded in
        # the <wrapper> element of the DTS Namespace (https://w3id.org/api/dts#)"
        root = etree.fromstring(data)
        assert root.tag == f"{{{TEI_NS}}}TEI"
        [wrapper] = root.iter(f"{{{WRAPPER_NS}}}wrapper")
        [element] = list(wrapper)
        expected = source_element(source(name, folder), identifier)
        assert element.tag == expected.tag and element.get(XML_ID) == expected.get(XML_ID)
        assert text_of(element) == text_of(expected), (name, identifier)
        assert not (wrapper.text or "").strip() and not (element.tail or "").strip()


def test_the_document_of_a_whole_resource_is_its_tei_file(site: Site) -> None:
    folder = site.folder
    for name, data in site.walk.whole.items():
        assert data == (folder / f"{name}.xml").read_bytes()


def test_without_citestructure_the_citation_tree_is_the_paragraphs_in_document_order(fixture_site: Site) -> None:
    account = fixture_site.walk.collections["account"]
    assert account["citationTrees"] == [
        {"@type": "CitationTree", "citeStructure": [{"@type": "CiteStructure", "citeType": "paragraph"}]}
    ]
    units = fixture_site.walk.units["account"]
    assert [u["identifier"] for u in units] == ["1", "2", "3", "4"]
    assert {u["citeType"] for u in units} == {"paragraph"}


def test_with_a_base_url_every_link_is_absolute_and_served(fixture_site: Site) -> None:
    base = fixture_site.host.url + "/dts/"
    assert fixture_site.walk.entry["collection"].startswith(base)
    for response in fixture_site.walk.json.values():
        for resource in [response.get("resource"), *response.get("member", [])]:
            if resource and resource.get("@type") == "Resource":
                assert all(resource[k].startswith(base) for k in ("collection", "navigation", "document"))
    unit = fixture_site.walk.units["account"][0]
    assert unit["@id"] == fixture_site.host.url + "/account.html#account-p1"
    assert status(unit["@id"].partition("#")[0]) == 200


def test_what_a_static_host_cannot_answer_is_not_found(edition: Site) -> None:
    entry, url = edition.walk.entry, edition.walk.entry_url
    # a reference not in the tree, a depth beyond the tree's (the API offers -1 for the bottom), a tree not declared
    assert status(expand(url, entry["navigation"], resource="dobrynin-cable", ref="99")) == 404
    assert status(expand(url, entry["navigation"], resource="dobrynin-cable", down="3")) == 404
    assert status(expand(url, entry["document"], resource="dobrynin-cable", tree="pages", ref="1")) == 404
    # neither ref nor down ("400 Bad Request Error" in the specification's table; a static host has no such file)
    assert status(expand(url, entry["navigation"], resource="dobrynin-cable")) == 404


def test_two_builds_are_byte_identical_under_html_dts(edition: Site, tmp_path: Path) -> None:
    assert build([EDITION], BuildOptions(out=tmp_path / "again", clean=True)).published

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, second = files(edition.out / "html" / "dts"), files(tmp_path / "again" / "html" / "dts")
    assert first.keys() == second.keys() and first == second


def test_an_unchanged_edition_reuses_the_dts_files(tmp_path: Path) -> None:
    build([FIXTURE], BuildOptions(out=tmp_path / "out"))
    again = build([FIXTURE], BuildOptions(out=tmp_path / "out"))
    assert not [name for name in again.ran if name.startswith("html/dts")]
    assert (tmp_path / "out" / "html" / "dts" / "index.jsonld").is_file()


def test_a_resource_job_travels_without_its_tree_and_writes_the_same_files_there(tmp_path: Path) -> None:
    # what a worker of --jobs or --executor gets: the job without the parsed document, which it parses itself
    path = EDITION / "dobrynin-cable.xml"
    job = ResourceFiles(path, "dobrynin-cable", "The cable", "dobrynin-cable.html", "", load_document(path))
    sent = pickle.dumps(job)
    assert len(sent) < 1000
    _, here = job(tmp_path / "here")
    _, there = pickle.loads(sent)(tmp_path / "there")
    assert here == there and "html/dts/document/dobrynin-cable.tei" in here
    assert all((tmp_path / "here" / f).read_bytes() == (tmp_path / "there" / f).read_bytes() for f in here)


def test_citestructure_levels_delimiters_and_citedata_make_the_units(tmp_path: Path) -> None:
    path = tmp_path / "letters.xml"
    path.write_text(
        f"""<TEI xmlns="{TEI_NS}"><teiHeader><encodingDesc><refsDecl>
  <citeStructure unit="letter" match="//body/div" use="@n">
    <citeData property="http://purl.org/dc/terms/title" use="head"/>
    <citeStructure unit="line" match="l" use="count(preceding-sibling::l) + 1" delim=":"/>
  </citeStructure></refsDecl></encodingDesc></teiHeader>
<text><body><div n="a"><head>First</head><l>one</l><l>two</l></div><div n="b"><l>three</l></div></body></text></TEI>""",
        encoding="utf-8",
    )
    [tree] = citation_trees(Document(path, etree.parse(str(path))))
    assert [(u.identifier, u.level, u.parent and u.parent.identifier) for u in tree.walk()] == [
        ("a", 1, None), ("a:1", 2, "a"), ("a:2", 2, "a"), ("b", 1, None), ("b:1", 2, "b")
    ]  # fmt: skip
    assert tree.units[0].metadata == {"http://purl.org/dc/terms/title": ["First"]}
    assert tree.as_json()["citeStructure"][0]["citeStructure"][0]["citeType"] == "line"


# citeStructure's plain paths run on lxml's XPath 1.0 (elementpath's XPath 3.1 costs ~0.25 s to import): the same
# nodes as XPath 3.1 with TEI's namespace as the default element namespace, from the document and from an element

_NAMES = st.sampled_from(["TEI", "text", "body", "div", "p", "ab", "seg", "note", "head", "*"])
_PREDICATES = st.sampled_from(
    ["", "[@n]", "[@xml:id]", "[1]", "[2]", "[self::p or self::ab]", "[@n and @xml:id]", "[seg]", "[.//note]"]
)
_STEP = st.builds(
    lambda axis, name, predicate: axis + name + predicate,
    st.sampled_from(["", "", "self::", "descendant::", "parent::", "ancestor::"]),
    _NAMES,
    _PREDICATES,
)


def _path(start: str, steps: list[str], separators: list[str]) -> str:
    """``start`` (``//``, ``./``…) then the steps, joined by ``/`` or ``//``."""
    return start + steps[0] + "".join(sep + step for sep, step in zip(separators, steps[1:], strict=False))


_PATHS = st.builds(
    _path,
    st.sampled_from(["", "//", "/", "./", ".//"]),
    st.lists(_STEP, min_size=1, max_size=4),
    st.lists(st.sampled_from(["/", "//"]), min_size=3, max_size=3),
)


@functools.cache
def _cable() -> Document:
    return load_document(EDITION / "dobrynin-cable.xml")


@settings(max_examples=150, deadline=None)
@given(path=_PATHS)
def test_a_plain_path_selects_the_same_nodes_in_xpath_1_as_in_xpath_3_1(path: str) -> None:
    from elementpath import ElementPathError, XPathContext
    from elementpath.xpath31 import XPath31Parser

    from toolkit.publish.dts import path_as_xpath1

    document = _cable()
    namespaces = {"": "http://www.tei-c.org/ns/1.0", "tei": "http://www.tei-c.org/ns/1.0"}
    division = document.root.find(".//{http://www.tei-c.org/ns/1.0}div")
    order = {element: n for n, element in enumerate(document.root.iter())}
    for item in (None, division):
        fast = path_as_xpath1(path, from_document=item is None)
        if fast is None:
            continue  # not a plain path in lxml's reading: XPath 3.1 evaluates it
        context = XPathContext(document.tree, namespaces=namespaces)
        if item is not None:
            context.item = context.get_context_item(item)
        try:
            expected = XPath31Parser(namespaces=namespaces).parse(path).get_results(context)
        except ElementPathError:  # an expression XPath 3.1 rejects (self::x at the document node) is not compared
            continue
        expected = expected if isinstance(expected, list) else [expected]
        # the same nodes, in document order (elementpath 4 does not always sort a path's result; the build sorts)
        in_order = sorted(expected, key=order.__getitem__)
        assert list(fast(document.tree if item is None else item)) == in_order, (path, item)


def test_other_expressions_are_left_to_xpath_3_1() -> None:
    from toolkit.publish.dts import path_as_xpath1

    for path in ["string(@n)", '//p[@n = "1"]', "//p | //ab", "//div div p", "$x", "p[1 + 1]", "@foo:bar", "p]"]:
        assert path_as_xpath1(path) is None, path
    assert path_as_xpath1("//body/div/p").path == "//tei:body/tei:div/tei:p"
    assert path_as_xpath1(".//seg[@xml:id]").path == ".//tei:seg[@xml:id]"
    assert path_as_xpath1("TEI/text", from_document=True).path == "/tei:TEI/tei:text"
