"""Logs carry ids, not personal data, and are one JSON object per line in production."""

from __future__ import annotations

import io
import json
import logging

import pytest

from consultancy.logging import RedactPersonalData, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sent to wei.zhang+cases@mail.example.cn", "sent to [redacted-email]"),
        ("passport E12345678 checked", "passport [redacted-id] checked"),
        ("passport K1234567X checked", "passport [redacted-id] checked"),
        ("case TP-7K3M9Q moved to in_review", "case TP-7K3M9Q moved to in_review"),
        ("consultant 42 has 3 cases", "consultant 42 has 3 cases"),
        ("login from 203.0.113.7 failed", "login from [redacted-ip] failed"),
        ("login from 2001:db8::8a2e:370:7334 failed", "login from [redacted-ip] failed"),
        ("renders at 12:30:45 on 2026-11-24", "renders at 12:30:45 on 2026-11-24"),
    ],
)
def test_redact_masks_emails_addresses_and_passport_numbers_but_keeps_ids(text: str, expected: str) -> None:
    assert redact(text) == expected


def _logger(formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RedactPersonalData())
    logger = logging.getLogger(f"test-redaction-{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    return logger, stream


def test_log_arguments_are_redacted_before_formatting() -> None:
    logger, stream = _logger(logging.Formatter("%(message)s"))

    logger.warning("Applicant %s failed to log in", "ana@example.com")

    assert stream.getvalue().strip() == "Applicant [redacted-email] failed to log in"


def test_exception_messages_that_quote_personal_data_are_dropped() -> None:
    logger, stream = _logger(logging.Formatter("%(message)s"))

    try:
        raise ValueError("duplicate key ana@example.com")
    except ValueError:
        logger.exception("Saving the applicant failed")

    output = stream.getvalue()
    assert "ana@example.com" not in output
    assert "ValueError: [redacted]" in output


def test_production_log_lines_are_json_objects() -> None:
    from pythonjsonlogger.json import JsonFormatter

    logger, stream = _logger(
        JsonFormatter(fmt=["levelname", "name", "message"], rename_fields={"levelname": "level"})
    )

    logger.info("Case %s assigned", "TP-7K3M9Q")

    line = json.loads(stream.getvalue())
    assert line["message"] == "Case TP-7K3M9Q assigned"
    assert line["level"] == "INFO"
