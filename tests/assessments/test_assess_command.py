"""`python manage.py assess`: profiles in as JSON, assessments out as JSON, exit 2 on bad input."""

from __future__ import annotations

import io
import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from assessments.management.commands.assess import days_asked, parts, to_json
from bench.bench_engine import random_profile
from tests.assessments.profiles import senior_engineer

pytestmark = pytest.mark.django_db
# A large array is assessed by forked workers after the command closes the database connections, which a
# test's transaction would not survive: those tests run in real transactions, and the rows of the data
# migrations (exchange rates) are restored after the flush that follows each.
with_workers = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run(
    *args: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        call_command("assess", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_one_profile_in_gives_one_assessment_out(tmp_path: Path) -> None:
    status, out, _ = run(write(tmp_path, senior_engineer()))

    assert status == 0
    assessment = json.loads(out)
    assert len(assessment["results"]) == 8


def test_an_array_in_gives_an_array_out_in_the_same_order(tmp_path: Path) -> None:
    first, second = senior_engineer(), senior_engineer()
    second["as_of"] = "2027-03-01"

    status, out, _ = run(write(tmp_path, [first, second]))

    assert status == 0
    assert [a["as_of"] for a in json.loads(out)] == ["2026-11-24", "2027-03-01"]


def test_reads_standard_input_when_given_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, _ = run("-", stdin=json.dumps(senior_engineer()), monkeypatch=monkeypatch)

    assert status == 0
    assert json.loads(out)["as_of"] == "2026-11-24"


def test_as_of_option_overrides_every_profile(tmp_path: Path) -> None:
    status, out, _ = run(write(tmp_path, [senior_engineer(), senior_engineer()]), "--as-of", "2027-01-01")

    assert status == 0
    assessments = json.loads(out)
    assert {a["as_of"] for a in assessments} == {"2027-01-01"}
    tech_pass = assessments[0]["results"][0]
    assert tech_pass["outcome"] == "not_open"


def test_invalid_profile_exits_2_with_one_line_per_problem_naming_the_path(tmp_path: Path) -> None:
    good, bad = senior_engineer(), senior_engineer()
    bad["roles"][1]["start"] = "yesterday"
    bad["hsk_level"] = 9

    status, out, err = run(write(tmp_path, [good, bad]))

    assert status == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert any(line.startswith("[1].roles[1].start: ") for line in lines), lines
    assert any(line.startswith("[1].hsk_level: ") for line in lines), lines
    assert not any(line.startswith("[0]") for line in lines)


def test_invalid_single_profile_lines_have_no_index_prefix(tmp_path: Path) -> None:
    bad = senior_engineer()
    bad["nationality"] = "India"

    status, _, err = run(write(tmp_path, bad))

    assert status == 2
    assert err.startswith("nationality: ")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{oops", "(input): not valid JSON"),
        ("42", "(input): expected a profile"),
        ("[1]", "[0]: expected a profile"),
    ],
)
def test_malformed_input_exits_2_with_a_clear_line(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content)

    status, _, err = run(str(path))

    assert status == 2
    assert err.startswith(expected)


def test_missing_file_exits_2(tmp_path: Path) -> None:
    status, _, err = run(str(tmp_path / "absent.json"))

    assert status == 2
    assert "cannot read the file" in err


def test_bad_as_of_option_exits_2(tmp_path: Path) -> None:
    status, _, err = run(write(tmp_path, senior_engineer()), "--as-of", "31/12/2026")

    assert status == 2
    assert err.startswith("--as-of: ")


def test_explanations_can_be_in_chinese(tmp_path: Path) -> None:
    status, out, _ = run(write(tmp_path, senior_engineer()), "--language", "zh-hans")

    assert status == 0
    summaries = " ".join(r["summary"] for r in json.loads(out)["results"])
    assert any("\u4e00" <= char <= "\u9fff" for char in summaries)


@with_workers
def test_handles_ten_thousand_profiles_in_one_call(tmp_path: Path) -> None:
    profiles = []
    for index in range(10_000):
        profile = senior_engineer()
        profile["monthly_fixed_salary"] = {"amount": str(5000 + index * 3), "currency": "SGD"}
        profiles.append(profile)

    status, out, _ = run(write(tmp_path, profiles))

    assert status == 0
    assessments = json.loads(out)
    assert len(assessments) == 10_000
    assert all(len(a["results"]) == 8 for a in assessments)


ODD_TEXT = {
    "text": 'tab\t quote" back\\ slash/ </b> \u2028 \u00e9 中文 😀 \x00\x1f\x7f',
    "numbers": [0, -7, 10**20],
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("indent", [0, 2])
def test_the_json_written_is_byte_for_byte_what_the_standard_library_writes(
    tmp_path: Path, language: str, indent: int
) -> None:
    _, out, _ = run(write(tmp_path, senior_engineer()), "--language", language)
    documents: list[Any] = [json.loads(out), ODD_TEXT, [True, None, {}, []]]
    for document in documents:
        assert to_json(document, indent=indent) == json.dumps(
            document, ensure_ascii=False, indent=indent or None
        )


def varied_profiles(count: int) -> list[dict[str, Any]]:
    """Valid profiles with varied, partly unknown facts, on several `as_of` days."""
    rng = random.Random(20261124)
    return [random_profile(rng) for _ in range(count)]


def test_a_small_array_is_one_part_and_a_large_one_is_cut_in_order() -> None:
    assert parts(1, 8) == [(0, 1)]
    assert parts(10_000, 1) == [(0, 10_000)]
    assert parts(0, 8) == [(0, 0)]
    cut = parts(10_000, 2)
    assert len(cut) == 8
    assert [start for start, _stop in cut] == [0, *(stop for _start, stop in cut[:-1])]
    assert cut[-1][1] == 10_000


def test_rates_are_read_for_every_day_a_profile_may_be_assessed_on() -> None:
    today = date(2026, 11, 24)
    items: list[Any] = [{"as_of": "2024-03-01"}, {}, {"as_of": None}, {"as_of": "someday"}, "not a profile"]

    assert days_asked(items, as_of=None, today=today) == {date(2024, 3, 1), today}
    assert days_asked(items, as_of=date(2027, 1, 1), today=today) == {date(2027, 1, 1)}


@with_workers
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_large_array_assessed_by_worker_processes_prints_the_bytes_one_process_prints(
    tmp_path: Path, language: str
) -> None:
    profiles = varied_profiles(700)
    del profiles[400]["as_of"]  # assessed on today
    path = write(tmp_path, profiles)
    assert len(parts(700, 2)) > 1

    alone = run(path, "--jobs", "1", "--language", language)
    workers = run(path, "--jobs", "2", "--language", language)

    assert alone[0] == 0
    assert len(json.loads(alone[1])) == 700
    assert workers == alone


@with_workers
def test_invalid_profiles_anywhere_in_a_large_array_are_reported_alike_by_workers_and_one_process(
    tmp_path: Path,
) -> None:
    profiles: list[Any] = varied_profiles(700)
    profiles[3]["hsk_level"] = 9
    profiles[350] = "not a profile"
    profiles[699]["as_of"] = "someday"
    path = write(tmp_path, profiles)

    alone = run(path, "--jobs", "1")
    workers = run(path, "--jobs", "2")

    status, out, err = alone
    assert status == 2
    assert out == ""
    assert [line.split(":")[0].split(".")[0] for line in err.splitlines()] == ["[3]", "[350]", "[699]"]
    assert workers == alone


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--jobs"):
        call_command("assess", write(tmp_path, [senior_engineer()]), "--jobs", "0")
