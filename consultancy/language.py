"""The language switcher: back to the same page, in the chosen language.

Django's `set_language` translates the `next` URL by resolving it in the *active* language. The switcher
posts to `/i18n/setlang/`, which is not under the language prefixes, so the active language there is
always English (`prefix_default_language=False`); a Chinese URL such as `/zh-hans/portal/` does not
resolve in English and the visitor was sent back to it unchanged. Here the `next` URL is resolved in
the language its own prefix names, then reversed in the chosen one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views import i18n


def language_of(url: str) -> str:
    """The language a URL of this site is in: its prefix's, else the unprefixed default."""
    return translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE


def set_language(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or request.META.get("HTTP_REFERER") or "/"
    with translation.override(language_of(next_url)):
        return i18n.set_language(request)
