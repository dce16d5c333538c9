"""The acknowledgement registry: reviewed source errors become `acknowledged`; stale entries are found."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SAMPLES

from expectations.acknowledgements import REGISTRY, Acknowledgement, apply_acknowledgements, load_registry
from expectations.rules import RULES_BY_ID
from ingest.loading import document_id_for


def _results(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"document_id": d, "rule_id": r, "subject": s, "status": st, "message": "m"} for d, r, s, st in rows]
    )


def test_a_listed_failure_becomes_acknowledged_with_its_reason():
    entry = Acknowledgement("doc1", "PE-06", "#3 x / 8 rate", "line 449 prints 1000%", 2)
    results, stale = apply_acknowledgements(_results(("doc1", "PE-06", "#3 x / 8 rate", "fail")), [entry])
    assert results["status"].tolist() == ["acknowledged"]
    assert "line 449 prints 1000%" in results["message"].iloc[0]
    assert stale == []


def test_an_entry_matching_no_failure_is_stale_and_a_pass_stays_a_pass():
    entry = Acknowledgement("doc1", "FA-01", "收入总计", "was wrong once", 2)
    results, stale = apply_acknowledgements(_results(("doc1", "FA-01", "收入总计", "pass")), [entry])
    assert results["status"].tolist() == ["pass"]
    assert stale == [entry]


def test_entries_for_documents_outside_the_build_are_not_stale():
    entry = Acknowledgement("other", "FA-01", "收入总计", "reviewed", 2)
    _, stale = apply_acknowledgements(_results(("doc1", "FA-01", "收入总计", "fail")), [entry])
    assert stale == []


def test_an_unlisted_failure_stays_a_failure():
    entry = Acknowledgement("doc1", "FA-01", "收入总计", "reviewed", 2)
    results, _ = apply_acknowledgements(_results(("doc1", "FA-02", "支出总计", "fail")), [entry])
    assert results["status"].tolist() == ["fail"]


def test_an_entry_without_a_reason_is_refused(tmp_path):
    registry = tmp_path / "acknowledgements.csv"
    registry.write_text("document,rule_id,subject,reason\ndoc1,FA-01,收入总计,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="reason"):
        load_registry(registry)


def test_the_project_registry_names_sample_documents_and_real_rules():
    samples = {document_id_for(p.read_bytes()) for p in SAMPLES.iterdir()}
    entries = load_registry(REGISTRY)
    assert entries
    for entry in entries:
        assert entry.document in samples, entry
        assert entry.rule_id in RULES_BY_ID, entry
        assert len(entry.reason) > 20, entry
    assert len({e.key for e in entries}) == len(entries)
