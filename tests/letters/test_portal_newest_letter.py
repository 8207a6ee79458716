"""The newest released letter at the top of the portal home and the case page, marked new until the
applicant first downloads it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.letters.factories import applicant_client, ready_letter, released_letter

pytestmark = pytest.mark.django_db


def top_of(html: str) -> str:
    """The page's main content before its first case card or consultant box."""
    main = html.split("<main", 1)[1]
    ends = [main.find(marker) for marker in ('class="card mb-3 case-card"', 'class="card mb-4 consultant"')]
    return main[: min(end for end in ends if end >= 0)]


@pytest.mark.parametrize(("language", "new"), [("en", ">New</span>"), ("zh-hans", ">新</span>")])
def test_a_new_letter_is_at_the_top_of_the_home_and_the_case_page_marked_new(
    pdf: bytes, language: str, new: str
) -> None:
    letter = released_letter(pdf)
    client = applicant_client(letter)
    prefix = "" if language == "en" else f"/{language}"
    download = reverse("portal-letter-download", args=[letter.pk])
    for path in (
        reverse("applicants:portal-home"),
        reverse("applicants:portal-case", args=[letter.case.reference]),
    ):
        top = top_of(client.get(prefix + path).content.decode())
        assert f'href="{download}"' in top
        assert new in top


def test_downloading_the_letter_takes_the_new_marker_off(pdf: bytes) -> None:
    letter = released_letter(pdf)
    client = applicant_client(letter)
    assert client.get(reverse("portal-letter-download", args=[letter.pk])).status_code == 200
    letter.refresh_from_db()
    first = letter.applicant_downloaded_at
    assert first is not None
    html = client.get(reverse("applicants:portal-home")).content.decode()
    assert "letter-new" not in html
    assert reverse("portal-letter-download", args=[letter.pk]) in top_of(html)
    client.get(reverse("portal-letter-download", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.applicant_downloaded_at == first  # the first download is the one kept


def test_a_letter_not_released_is_not_at_the_top(pdf: bytes) -> None:
    letter = ready_letter(pdf)
    client = applicant_client(letter)
    html = client.get(reverse("applicants:portal-case", args=[letter.case.reference])).content.decode()
    assert "newest-letter" not in html
