"""The bag asks the edition model what a pointer, the driver and the reading order are (issue 9): the three places
where its own copies disagreed with the model, each fixed."""

from __future__ import annotations

from pathlib import Path

from toolkit.archive.bag import pointer_diagnostics
from toolkit.archive.package import reading_order
from toolkit.corpus import load

TEI = "http://www.tei-c.org/ns/1.0"


def tei(body: str, *, xml_id: str = "") -> str:
    ident = f' xml:id="{xml_id}"' if xml_id else ""
    return f'<TEI xmlns="{TEI}"{ident}><teiHeader/>{body}</TEI>'


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_pointer_attribute_the_bag_did_not_list_is_checked_inside_the_bag(tmp_path: Path) -> None:
    root = write(tmp_path, {"a.xml": tei('<text><body><p><seg select="gone.xml#x">s</seg></p></body></text>')})
    found = pointer_diagnostics(load([root]), root.resolve())
    assert [(d.code, d.message) for d in found] == [
        (
            "ARC010",
            "pointer does not resolve inside the bag: @select='gone.xml#x': gone.xml is not among the bagged files",
        )
    ]


def test_a_percent_encoded_file_name_reaches_the_bagged_file(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "a.xml": tei('<text><body><p><ref target="my%20list.xml#p1">p</ref></p></body></text>'),
            "my list.xml": tei('<text><body><p xml:id="p1">x</p></body></text>'),
        },
    )
    assert pointer_diagnostics(load([root]), root.resolve()) == []


def test_href_is_a_pointer_only_on_an_xinclude(tmp_path: Path) -> None:
    root = write(tmp_path, {"a.xml": tei('<text><body><p><ptr href="elsewhere.xml"/></p></body></text>')})
    assert pointer_diagnostics(load([root]), root.resolve()) == []


def test_without_a_driver_the_documents_with_a_text_are_texts_and_the_lists_authorities(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "a.xml": tei("<text><body><p>a</p></body></text>"),
            "persons.xml": tei("<standOff/>"),
        },
    )
    roles = [(role, doc.name) for role, doc in reading_order(load([root]).documents)]
    assert roles == [("text", "a.xml"), ("authority", "persons.xml")]
