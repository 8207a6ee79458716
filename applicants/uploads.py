"""What an applicant may upload: PDF, JPEG or PNG, recognised by content, within the size limit.

The file name and the browser's content type are not trusted: the first bytes decide. Stored files
get a random name, so nothing about the applicant or the original name is in the storage path.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Content type -> (magic bytes at offset 0, extension for the stored name).
SIGNATURES: dict[str, tuple[bytes, str]] = {
    "application/pdf": (b"%PDF-", ".pdf"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "image/jpeg": (b"\xff\xd8\xff", ".jpg"),
}


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


def validate_upload(file: UploadedFile) -> File[bytes]:
    """Check size and type; return the same content under a random name with the right extension."""
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    if file.size is None or file.size == 0:
        raise ValidationError(_("The file is empty. Choose the file again."), code="empty")
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Scan at a lower resolution or split it.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    content_type = sniff(file)
    if content_type is None:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file. This file is none of these, whatever its name says."),
            code="wrong_type",
        )
    return File(file, name=f"{uuid.uuid4().hex}{SIGNATURES[content_type][1]}")
