"""The vocabulary seeds the analyst marts read: every row carries a real example that it explains."""

from __future__ import annotations

import pytest

from ingest.seeds import read_seed

OPERATORS = read_seed("ref_indicator_operators")


@pytest.mark.parametrize("row", OPERATORS, ids=lambda r: r["printed_prefix"])
def test_every_operator_reads_its_example(row):
    """The example's target starts with the prefix, and no longer prefix takes it (the longest wins)."""
    target = row["example"].split(" (")[0].split(";")[0].strip()
    matching = [r for r in OPERATORS if target.startswith(r["printed_prefix"])]
    assert max(matching, key=lambda r: len(r["printed_prefix"])) == row


@pytest.mark.parametrize("row", read_seed("ref_indicator_default_operators"), ids=lambda r: r["name_fragment"])
def test_every_default_operator_names_its_example(row):
    assert row["name_fragment"] in row["why"].split(":")[0]
    assert row["comparison_operator"] in {">=", "<="}


def test_column_labels_are_one_per_column_and_say_their_unit():
    labels = {r["column_name"]: r["label_zh"] for r in read_seed("ref_column_labels")}
    assert len(labels) == len(read_seed("ref_column_labels"))
    assert len(set(labels.values())) == len(labels)
    money = [name for name in labels if name.endswith("_yuan")]
    assert money and all("元" in labels[name] for name in money)
