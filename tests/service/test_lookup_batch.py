"""Batch lookup: many numbers, written as loosely as people write them, in one request
(API) or one command (CLI, from a file or standard input); each as GET /api/lookup."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.conftest import SEED

SLOPPY = ["342 - cv/tu", "Số 342-CV/TU", "1767/CV-TU", "1767-cv/tu", "342-CV/TU", "99/XYZ"]


def test_batch_lookup_answers_each_number_as_sent_like_the_get_lookup(client):
    response = client.post("/api/lookup", json={"numbers": SLOPPY + ["342 - cv/tu"]})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert list(results) == SLOPPY  # keys are the numbers as sent, once each, in order
    found = {number: [hit["id"] for hit in hits] for number, hits in results.items()}
    one_by_one = {}
    for number in SLOPPY:
        single = client.get("/api/lookup", params={"number": number})
        one_by_one[number] = (
            [h["id"] for h in single.json()["results"]] if single.is_success else []
        )
    assert found == one_by_one
    assert found["342 - cv/tu"] == found["342-CV/TU"] == [SEED["000"]]
    assert found["1767/CV-TU"] == found["1767-cv/tu"] == [SEED["002"]]
    assert found["99/XYZ"] == []
    assert results["342-CV/TU"][0]["number"] == "342-CV/TU"


def test_batch_lookup_takes_a_thousand_numbers(client):
    numbers = [f"{n}-CV/TU" for n in range(1, 1000)] + ["1767 - cv/tu"]
    response = client.post("/api/lookup", json={"numbers": numbers})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 1000
    assert {n for n, hits in results.items() if hits} == {"342-CV/TU", "1767 - cv/tu"}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"numbers": [f"{n}" for n in range(1001)]}, "numbers: List should have at most 1000"),
        ({"numbers": []}, "numbers: List should have at least 1 item"),
        ({"numbers": ["342-CV/TU", ""]}, "numbers.1: String should have at least 1 character"),
        ({"numbers": ["342-CV/TU", "   "]}, "numbers[1] ('   '): number must be 1 to 100"),
        ({"numbers": ["x" * 101]}, "numbers.0: String should have at most 100 characters"),
        ({"numbers": "342-CV/TU"}, "numbers: Input should be a valid list"),
        ({"number": ["342-CV/TU"]}, "numbers: Field required"),
    ],
)
def test_bad_batch_lookups_are_400_with_a_detail(client, body, detail):
    response = client.post("/api/lookup", json=body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail), response.json()


def test_cli_lookup_reads_numbers_from_a_file(sample_index, tmp_path):
    numbers = tmp_path / "so-hieu.txt"
    numbers.write_text("\ufeff342 - cv/tu\n# Thanh Hóa\n\n1767/CV-TU\n99/XYZ\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["lookup", "--file", str(numbers), "--index-dir", str(sample_index)]
    )
    assert result.exit_code == 1  # one number names no document
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["342 - cv/tu", "1767/CV-TU", "99/XYZ"]
    assert lines[0].split("\t")[1].startswith(f"{SEED['000']}  342-CV/TU  Công văn  2021-07-22")
    assert lines[1].split("\t")[1].startswith(f"{SEED['002']}  1767-CV/TU  Công văn")
    assert lines[2] == "99/XYZ\tnot found"
    assert result.stderr == "3 numbers: 2 found, 1 not found\n"


def test_cli_lookup_reads_standard_input_and_prints_the_api_json(sample_index, client):
    result = CliRunner().invoke(
        main,
        ["lookup", "-", "--json", "--index-dir", str(sample_index)],
        input="342 - cv/tu\n99/XYZ\n",
    )
    assert result.exit_code == 1
    api = client.post("/api/lookup", json={"numbers": ["342 - cv/tu", "99/XYZ"]}).json()
    assert result.stderr == "", result.stderr
    printed = json.loads(result.stdout)
    assert {n: [h["id"] for h in hits] for n, hits in printed["results"].items()} == {
        n: [h["id"] for h in hits] for n, hits in api["results"].items()
    }


def test_cli_lookup_of_one_number_is_unchanged(sample_index):
    result = CliRunner().invoke(main, ["lookup", "342 - cv/tu", "--index-dir", str(sample_index)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{SEED['000']}  342-CV/TU  Công văn  2021-07-22  ")
    empty = CliRunner().invoke(main, ["lookup", "--file", "-", "--index-dir", str(sample_index)])
    assert empty.exit_code == 2 and "give a NUMBER" in empty.stderr
