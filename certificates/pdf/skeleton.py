"""The byte skeleton of every document stamped from one master.

Parsing the master once yields the bytes of each of its objects (copied verbatim, found
through its classic cross-reference table) and the few facts the document structure needs:
which objects are the catalog, the info dictionary, the pages tree and the page, and what the
page dictionary holds. Writing a document is then concatenation: the static objects (with
their offsets known in advance), per page a content stream and a page object, the pages tree,
a cross-reference table and a trailer with the document's /ID.
"""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, IndirectObject

from .design import Layout
from .master import master_layout

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s")
_PAGE_KEYS_SKIPPED = {"/Type", "/Parent", "/Contents", "/PieceInfo", "/Annots"}


def _object_offsets(master: bytes) -> tuple[dict[int, int], int]:
    """Offsets of the in-use objects, read from the master's cross-reference table, and the
    offset of that table."""
    found = _STARTXREF.search(master[-64:])
    if found is None:
        raise ValueError("not a certificate master: no startxref")
    position = xref_at = int(found.group(1))
    if master[position : position + 4] != b"xref":
        raise ValueError("not a certificate master: cross-reference stream or damaged table")
    position += 4
    while master[position : position + 1].isspace():
        position += 1
    offsets = {}
    while not master.startswith(b"trailer", position):
        section = _SUBSECTION.match(master, position)
        if section is None:
            raise ValueError("not a certificate master: damaged cross-reference table")
        first, count = int(section.group(1)), int(section.group(2))
        position = section.end()
        for number in range(first, first + count):
            entry = master[position : position + 20]
            if entry[17:18] == b"n":
                offsets[number] = int(entry[:10])
            position += 20
        while master[position : position + 1].isspace():
            position += 1
    return offsets, xref_at


def _raw_objects(master: bytes) -> dict[int, bytes]:
    offsets, xref_at = _object_offsets(master)
    ends = sorted([*offsets.values(), xref_at])
    raw = {}
    for number, start in offsets.items():
        end = ends[ends.index(start) + 1]
        body = master[start:end].rstrip()
        if not body.startswith(b"%d 0 obj" % number) or not body.endswith(b"endobj"):
            raise ValueError(f"not a certificate master: object {number} is not where expected")
        raw[number] = body + b"\n"
    return raw


def _serialize(value) -> bytes:
    buffer = io.BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()


@dataclass
class Skeleton:
    """Everything static about the documents of one master, serialized once."""

    layout: Layout
    static: bytes  # header + every static object
    static_xref: dict[int, bytes]  # object number → its 20-byte xref entry
    first_free: int  # first object number for the documents' own objects
    root: int
    info: int | None
    pages: int
    first_page: int  # the master's page number, reused by the first page
    contents: bytes  # "a 0 R b 0 R c 0 R" — the static content streams of a page
    page_entries: bytes  # the rest of a page dictionary (/MediaBox, /Resources …)

    @classmethod
    def parse(cls, master: bytes, reader: PdfReader) -> "Skeleton":
        """The skeleton of a master, given its bytes and pypdf's reading of them."""
        if reader.is_encrypted or len(reader.pages) != 1:
            raise ValueError("not a certificate master: one unencrypted page expected")
        trailer = reader.trailer
        root = trailer.raw_get("/Root").idnum
        info = trailer.raw_get("/Info").idnum if "/Info" in trailer else None
        page = reader.pages[0]
        page_number = page.indirect_reference.idnum
        pages = page.raw_get("/Parent").idnum
        contents = page.raw_get("/Contents")
        if not isinstance(contents, ArrayObject):
            raise ValueError("not a certificate master: page contents not wrapped")
        entries = []
        for key, value in page.items():
            if key in _PAGE_KEYS_SKIPPED:
                continue
            if key in ("/Resources", "/Group") and not isinstance(value, IndirectObject):
                raise ValueError(f"not a certificate master: {key} is not an indirect object")
            entries.append(key.encode() + b" " + _serialize(value))
        raw = _raw_objects(master)
        if sorted(raw) != list(range(1, len(raw) + 1)):
            raise ValueError("not a certificate master: object numbers are not contiguous")
        static, xref = [HEADER], {}
        offset = len(HEADER)
        for number in sorted(raw):
            if number in (page_number, pages):
                continue
            xref[number] = b"%010d 00000 n \n" % offset
            static.append(raw[number])
            offset += len(raw[number])
        return cls(
            layout=master_layout(page),
            static=b"".join(static),
            static_xref=xref,
            first_free=len(raw) + 1,
            root=root,
            info=info,
            pages=pages,
            first_page=page_number,
            contents=b" ".join(b"%d 0 R" % ref.idnum for ref in contents),
            page_entries=b" ".join(entries),
        )

    def document(self, streams: list[bytes], doc_id: bytes) -> bytes:
        """A whole PDF: one page per content stream (already Flate-compressed)."""
        chunks = [self.static]
        offset = len(self.static)
        xref = dict(self.static_xref)
        number = self.first_free
        kids = []

        def add(obj_number: int, body: bytes) -> None:
            nonlocal offset
            xref[obj_number] = b"%010d 00000 n \n" % offset
            chunks.append(body)
            offset += len(body)

        for index, stream in enumerate(streams):
            content, number = number, number + 1
            if index == 0:
                page = self.first_page
            else:
                page, number = number, number + 1
            add(
                content,
                b"%d 0 obj\n<< /Filter /FlateDecode /Length %d >>\nstream\n%b\nendstream\nendobj\n"
                % (content, len(stream), stream),
            )
            add(
                page,
                b"%d 0 obj\n<< /Type /Page /Parent %d 0 R /Contents [%b %d 0 R] %b >>\nendobj\n"
                % (page, self.pages, self.contents, content, self.page_entries),
            )
            kids.append(b"%d 0 R" % page)
        add(
            self.pages,
            b"%d 0 obj\n<< /Type /Pages /Kids [%b] /Count %d >>\nendobj\n"
            % (self.pages, b" ".join(kids), len(kids)),
        )
        size = number
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        table.extend(xref[n] for n in range(1, size))
        info = b" /Info %d 0 R" % self.info if self.info else b""
        hex_id = doc_id.hex().encode()
        table.append(
            b"trailer\n<< /Size %d /Root %d 0 R%b /ID [<%b> <%b>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, self.root, info, hex_id, hex_id, offset)
        )
        chunks.extend(table)
        return b"".join(chunks)
