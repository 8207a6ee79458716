"""What an applicant (or staff) may upload: PDF, JPEG or PNG, recognised by content, within the size limit.

The file name and the browser's content type are never trusted: the bytes decide. A PDF must parse
as one from end to end (header, end-of-file marker) and carry no active content (scripts, actions,
embedded files, media: `pdf_inspection`, which says why in the refusal); an image must decode. Stored files get a random name with the extension
of the type found, so nothing about the person or the original name is in the storage path, and
they are only ever served as downloads through permission-checked views.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .pdf_inspection import EncryptedPdf, Finding, UnreadablePdf, active_content, refusal_reason

# Content type -> (magic bytes at offset 0, extension for the stored name).
SIGNATURES: dict[str, tuple[bytes, str]] = {
    "application/pdf": (b"%PDF-", ".pdf"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "image/jpeg": (b"\xff\xd8\xff", ".jpg"),
}
_PDF_TAIL_BYTES = 2048
_CHUNK = 1024 * 1024


def content_type_of(head: bytes) -> str | None:
    for content_type, (magic, _extension) in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def sniff(file: File[bytes]) -> str | None:
    """The content type the file's first bytes prove, or None; the file position is restored."""
    position = file.tell()
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    return content_type_of(head)


def _pdf_problem(file: File[bytes]) -> str | None:
    file.seek(0)
    tail = b""
    while chunk := file.read(_CHUNK):
        tail = (tail + chunk)[-_PDF_TAIL_BYTES:]
    damaged = _("This PDF is incomplete or damaged. Save or scan it again and upload the new file.")
    try:
        found = active_content(file)
    except EncryptedPdf:
        return _(
            "This PDF is protected with a password, so we cannot check it. "
            "Save a copy without the password and upload that."
        )
    except UnreadablePdf:
        return damaged
    if found:
        return refusal_reason(min(found, key=list(Finding).index))
    return None if b"%%EOF" in tail else damaged


def _image_problem(file: File[bytes]) -> str | None:
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return _("This image is damaged or not really a JPEG or PNG. Take the photo or scan again.")
    return None


def validate_upload(file: File[bytes]) -> File[bytes]:
    """Check size, type and content; return the same content under a random name with the right
    extension. Raises ValidationError with a message the uploader can act on."""
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty. Choose the file again."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Scan at a lower resolution or split it.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    content_type = sniff(file)
    if content_type is None:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file. This file is none of these, whatever its name says."),
            code="wrong_type",
        )
    problem = _pdf_problem(file) if content_type == "application/pdf" else _image_problem(file)
    file.seek(0)
    if problem:
        raise ValidationError(problem, code="bad_content")
    return File(file, name=f"{uuid.uuid4().hex}{SIGNATURES[content_type][1]}")


def download_response(stored: FieldFile, *, name: str) -> FileResponse:
    """A stored upload as a download (never shown inline: an upload must not render in our origin),
    named `name` plus the extension of the type its bytes prove. The caller checked access and logs it."""
    handle = stored.open("rb")
    content_type = sniff(handle) or "application/octet-stream"
    extension = SIGNATURES[content_type][1] if content_type in SIGNATURES else ""
    response = FileResponse(
        handle, as_attachment=True, filename=f"{name[:80]}{extension}", content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
