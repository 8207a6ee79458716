"""The public JSON API of the assessment contract: evaluate a profile, publish the profile schema and the
OpenAPI document (`openapi.py`).

Anonymous and stateless: nothing a caller sends is stored. Rate-limited per client address.
Errors are always JSON of the shape `{"errors": {"<field path>": ["message", ...]}}`; the path ""
stands for the request body as a whole.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from consultancy.ratelimits import over_limit

from . import evaluation
from .engine import ProfileError, profile_json_schema
from .openapi import openapi_document


def _errors(errors: dict[str, list[str]], *, status: int) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


@csrf_exempt  # anonymous, cookie-less JSON API: there is no session for a forged request to ride on
@never_cache
@require_POST
def evaluate(request: HttpRequest) -> JsonResponse:
    """POST /api/v1/assessments/evaluate: a profile in, the assessment out (200), or 400/413/429."""
    if over_limit(request, group="assessments-api", rate=settings.ASSESSMENT_API_RATE):
        response = _errors(
            {"": ["Too many requests from your address. Please wait a minute and try again."]}, status=429
        )
        response["Retry-After"] = "60"
        return response
    try:
        body = request.body
    except RequestDataTooBig:
        return _errors({"": ["The request body is too large for one profile."]}, status=413)
    try:
        data: Any = json.loads(body)
    except RecursionError:  # the parser recurses per level: "[[[[…" a hundred thousand deep ends here
        return _errors({"": ["The request body is nested too deeply to be a profile."]}, status=400)
    except (UnicodeDecodeError, ValueError) as exc:
        return _errors({"": [f"The request body is not valid JSON: {exc}."]}, status=400)
    if not isinstance(data, dict):
        return _errors({"": ["The request body must be one JSON object (a profile)."]}, status=400)
    try:
        profile = evaluation.parse(data)
    except ProfileError as exc:
        return _errors(exc.errors, status=400)
    # The API sits outside the language-prefixed URLs, so its language comes from Accept-Language.
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = JsonResponse(evaluation.evaluate(profile), json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = language
    return response


@csrf_exempt  # read-only: without it, an unknown method gets the CSRF 403 instead of 405
@require_GET
@cache_control(public=True, max_age=3600)
def schema(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/assessments/schema: the JSON Schema of the profile, generated from the engine."""
    return JsonResponse(profile_json_schema(), json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # read-only, as above
@require_GET
@cache_control(public=True, max_age=3600)
def openapi(request: HttpRequest) -> JsonResponse:
    """GET /api/v1/openapi.json: the OpenAPI 3.1 document of this API, generated from its models."""
    return JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
