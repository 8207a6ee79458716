"""Whether an uploaded PDF carries active content, decided by parsing it, not by matching its bytes.

A payslip, a degree certificate or a scanned passport needs text, images and at most links. Anything
that runs or opens something is refused: scripts (JavaScript), actions that start programs, open
other files, submit or import forms, or run by themselves when the file is opened or a page is shown
(Launch, SubmitForm, ImportData, GoToR, GoToE, /AA, an /OpenAction other than "show this page"),
files carried inside the PDF (embedded files, file attachments) and interactive media or XFA forms.

Byte matching misses what the format allows to be written differently: names with #-escapes
(`/J#61vaScript` is `/JavaScript`) and objects inside compressed object streams. So the file is
parsed (pypdf), every object in its cross-reference tables is loaded (object streams are decoded
by the parser) and walked, and names are compared decoded. Objects the cross-reference tables do
not list are invisible to PDF readers too; the uncompressed parts of the file are still scanned for
such names with escapes decoded, which also catches files too broken for the parser to read.
Streams' content (page drawing, images) is not read: it cannot hold actions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import IO, Any

from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# A document with more objects than this is not a letter or a scan; parsing it would only cost time.
MAX_OBJECTS = 100_000


class Finding(Enum):
    """What was found, in the order it is reported (the most serious first)."""

    SCRIPT = "script"
    ACTION = "action"
    EMBEDDED_FILE = "embedded_file"
    MEDIA_OR_FORM = "media_or_form"


# Dictionary keys and name values (decoded, without the slash) that make a PDF active.
_KEYS = {
    "JS": Finding.SCRIPT,
    "JavaScript": Finding.SCRIPT,
    "AA": Finding.ACTION,
    "EmbeddedFile": Finding.EMBEDDED_FILE,
    "EmbeddedFiles": Finding.EMBEDDED_FILE,
    "EF": Finding.EMBEDDED_FILE,
    "RichMediaContent": Finding.MEDIA_OR_FORM,
    "RichMediaSettings": Finding.MEDIA_OR_FORM,
    "XFA": Finding.MEDIA_OR_FORM,
}
_NAMES = {
    "JavaScript": Finding.SCRIPT,
    "Launch": Finding.ACTION,
    "SubmitForm": Finding.ACTION,
    "ImportData": Finding.ACTION,
    "GoToR": Finding.ACTION,
    "GoToE": Finding.ACTION,
    "EmbeddedFile": Finding.EMBEDDED_FILE,
    "FileAttachment": Finding.EMBEDDED_FILE,
    "RichMedia": Finding.MEDIA_OR_FORM,
    "RichMediaExecute": Finding.MEDIA_OR_FORM,
    "Rendition": Finding.MEDIA_OR_FORM,
    "Movie": Finding.MEDIA_OR_FORM,
    "Sound": Finding.MEDIA_OR_FORM,
    "Screen": Finding.MEDIA_OR_FORM,
    "3D": Finding.MEDIA_OR_FORM,
}

# A name in the file's text: a slash, then regular characters or #xx escapes (PDF 32000-1, 7.3.5).
_RAW_NAME = re.compile(rb"/((?:[^\x00\t\n\x0c\r /<>\[\]()%{}#]|#[0-9A-Fa-f]{2})+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Stream contents (images, page drawing, compressed object streams the parser decodes itself).
_STREAM_BODY = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)


class UnreadablePdf(Exception):
    """The file is not a PDF the parser can read (or is too large a structure to bother)."""


class EncryptedPdf(Exception):
    """The file is protected by a password: its objects cannot be read, so they cannot be checked."""


def _decoded(raw: bytes) -> str:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _raw_findings(data: bytes) -> set[Finding]:
    """Names written outside streams anywhere in the file, with #-escapes decoded."""
    text = _STREAM_BODY.sub(b" ", data)
    found: set[Finding] = set()
    for match in _RAW_NAME.finditer(text):
        name = _decoded(match.group(1))
        finding = _KEYS.get(name) or _NAMES.get(name)
        if finding is not None:
            found.add(finding)
    return found


def _object_ids(reader: PdfReader) -> Iterator[tuple[int, int]]:
    """Every (object number, generation) the cross-reference tables list, compressed ones included."""
    xref: dict[int, dict[int, Any]] = getattr(reader, "xref", {})
    compressed: dict[int, Any] = getattr(reader, "xref_objStm", {})
    seen: set[int] = set()
    for generation, numbers in xref.items():
        for number in numbers:
            seen.add(number)
            yield number, generation
    for number in compressed:
        if number not in seen:
            yield number, 0


def _is_plain_destination(value: Any) -> bool:
    """An /OpenAction that only says which page to show: an array, or a GoTo action without more."""
    if isinstance(value, IndirectObject):
        value = value.get_object()
    if isinstance(value, ArrayObject):
        return True
    return isinstance(value, DictionaryObject) and value.get("/S") == "/GoTo" and "/Next" not in value


def _walk(root: Any) -> Iterator[Finding]:
    """Findings in one object and the direct objects nested in it (references are walked on their own)."""
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):  # streams are dictionaries too: their dictionary is read
            for key, value in item.items():
                name = str(key)[1:]
                if name == "OpenAction" and not _is_plain_destination(value):
                    yield Finding.ACTION
                finding = _KEYS.get(name)
                if finding is not None:
                    yield finding
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            finding = _NAMES.get(str(item)[1:])
            if finding is not None:
                yield finding


def _parsed_findings(file: IO[bytes]) -> set[Finding]:
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        # Many PDFs are "encrypted" only to restrict printing, with an empty password: those are read.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise EncryptedPdf
    except DependencyError:  # AES needs a cryptography library we do not ship: we cannot read it
        raise EncryptedPdf from None
    found = set(_walk(reader.trailer))
    for count, (number, generation) in enumerate(_object_ids(reader)):
        if count >= MAX_OBJECTS:
            raise UnreadablePdf
        found.update(_walk(reader.get_object(IndirectObject(number, generation, reader))))
    return found


def active_content(file: IO[bytes]) -> set[Finding]:
    """What active content the PDF in `file` carries (empty: none).

    Raises `EncryptedPdf` for a password-protected file and `UnreadablePdf` for one the parser cannot
    read. The file position is left anywhere.
    """
    file.seek(0)
    found = _raw_findings(file.read())
    try:
        found |= _parsed_findings(file)
    except EncryptedPdf:
        raise
    except Exception as error:  # a hostile file can make any parser step fail; each means "unreadable"
        if found:
            return found  # the names seen already are the better reason to give
        raise UnreadablePdf from error
    return found


def refusal_reason(finding: Finding) -> str:
    """The sentence the uploader reads, with what to do instead."""
    advice = _("Print it to a new PDF, or scan the paper again, and upload that file.")
    reasons = {
        Finding.SCRIPT: _("This PDF contains scripts (JavaScript)."),
        Finding.ACTION: _(
            "This PDF contains actions that start programs, open other files or forms, "
            "or run by themselves when it is opened."
        ),
        Finding.EMBEDDED_FILE: _("This PDF carries other files inside it (attachments or embedded files)."),
        Finding.MEDIA_OR_FORM: _("This PDF contains interactive media or an interactive (XFA) form."),
    }
    return f"{reasons[finding]} {advice}"
