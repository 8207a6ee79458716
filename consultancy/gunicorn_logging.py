"""gunicorn's access log without the secrets some URLs carry.

The e-mailed links (sign-in, resume, confirmation, password reset) hold their token in the path, and
a page opened from one may be the Referer of the next request. Whoever reads the access log must not
be able to use them, so every logged value (request line, path, query, Referer, any header or
environment atom a format may name) has those path segments replaced by "[redacted]".
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

_TOKEN_IN_LINK = re.compile(
    r"(/portal/(?:sign-in|welcome|confirm)/)[^/?#\s\"]+"
    r"|(/portal/password-reset/)(?!sent/|done/)[^/?#\s\"]+/(?:(?!set-password/)[^/?#\s\"]+/)?"
)


def redact(value: str) -> str:
    """`value` with the token of every e-mailed link in it replaced."""

    def replace(match: re.Match[str]) -> str:
        prefix = match.group(1) or match.group(2)
        return f"{prefix}[redacted]/" if match.group(2) else f"{prefix}[redacted]"

    return _TOKEN_IN_LINK.sub(replace, value)


class RedactingLogger(Logger):  # type: ignore[misc]
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
