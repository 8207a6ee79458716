"""Language choice where Django's LocaleMiddleware leaves gaps.

English pages have no URL prefix (`prefix_default_language=False`), so LocaleMiddleware serves every
unprefixed URL in English whatever the browser asks for. That leaves two gaps:

1. A first-time visitor whose browser prefers Chinese would land on English pages. A GET of a page
   that exists under a language prefix, from a visitor with no language cookie (nobody has chosen
   yet), is redirected to the preferred language's URL. Once the visitor picks a language with the
   switcher, the cookie decides and nothing is redirected.
2. The admin is not under the language prefixes; there the cookie or Accept-Language decides.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

ADMIN_PREFIX = "/admin/"


def _exists_in(language: str, path: str) -> bool:
    # The language prefix a URL pattern accepts is the active language's, hence the override.
    with translation.override(language):
        return bool(is_valid_path(path))


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(ADMIN_PREFIX):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
            return response
        if (
            request.method in {"GET", "HEAD"}
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and translation.get_language_from_path(path) is None
        ):
            preferred = translation.get_language_from_request(request)
            localized = f"/{preferred}{path}"
            if preferred != settings.LANGUAGE_CODE and _exists_in(preferred, localized):
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(
                    f"{request.META.get('SCRIPT_NAME', '')}{localized}" + (f"?{query}" if query else "")
                )
                patch_vary_headers(response, ["Accept-Language", "Cookie"])
                return response
        return self.get_response(request)
