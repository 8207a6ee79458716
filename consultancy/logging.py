"""Logging helpers: logs carry ids, never personal data.

Code logs primary keys and case references, not names or e-mail addresses. `RedactPersonalData` is
the safety net for what slips through (an exception message quoting a form value, a third-party
library logging a request): it masks e-mail addresses, passport-like numbers and IP addresses before
any handler sees the record.
"""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Passport numbers: a letter or two and 6+ digits, or 8+ mixed capitals and digits with a digit.
_PASSPORT = re.compile(r"\b(?=[A-Z0-9]*\d)(?:[A-Z]{1,2}\d{6,9}|[A-Z0-9]{8,12})\b")
# Client addresses are personal data too: IPv4, and IPv6 written in full or with "::".
_IP = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b"
    r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
    r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:)*[0-9A-Fa-f]{0,4}::(?:[0-9A-Fa-f]{1,4}:?)*(?![\w:])"
)


def redact(text: str) -> str:
    text = _EMAIL.sub("[redacted-email]", text)
    text = _IP.sub("[redacted-ip]", text)
    return _PASSPORT.sub("[redacted-id]", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            # The traceback text is formatted later; keep the type, drop a message that may quote input.
            exc = record.exc_info[1]
            if redact(str(exc)) != str(exc):
                record.exc_text = f"{type(exc).__name__}: [redacted]"
                record.exc_info = None
        return True
