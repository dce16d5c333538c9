"""A table exported again beside its published export: the documents whose rows are unchanged are
copied from it, and the files are byte for byte those of an export written whole."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from report import export_files
from report.export_files import INDEX_FOLDER, write_table

HEADERS = {"amount": "金额"}  # a header of its own for one column


def _warehouse(path: Path, documents: dict[str | None, list[tuple[str, str, str]]]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema if not exists dq")
    con.execute(
        "create or replace table dq.identity_results (document_id varchar, rule_id varchar, message varchar, "
        "amount decimal(20, 2))"
    )
    for document, rows in documents.items():
        con.executemany("insert into dq.identity_results values (?, ?, ?, ?)", [(document, *row) for row in rows])
    con.close()
    return path


def _export(
    db: Path, out: Path, published: Path | None, csv_leaves_out: tuple[str, str] | None = None
) -> export_files.Written:
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return write_table(con, "dq.identity_results", out, "dq_identity_results", HEADERS, published, csv_leaves_out)
    finally:
        con.close()


def _rows(document: str, count: int) -> list[tuple[str, str, str]]:
    # a formula to neutralize, a line break inside a quoted value, Chinese text
    messages = ["=SUM(A1)", "两行\n第二行", "本年收入合计", "-5"]
    return [(f"R-{i:02d}", messages[i % len(messages)], f"{i}.{i:02d}") for i in range(count)]


@pytest.fixture
def small_row_groups(monkeypatch):
    monkeypatch.setattr(export_files, "ROW_GROUP_ROWS", 4)  # documents span row groups


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("line_breaks", [False, True])
def test_reexport_copies_unchanged_documents_and_matches_a_whole_export(tmp_path, small_row_groups, line_breaks):
    def rows(document: str, count: int) -> list[tuple[str, str, str]]:
        return [(r, m if line_breaks else m.replace("\n", " "), a) for r, m, a in _rows(document, count)]

    before = {"aaaa": rows("aaaa", 5), "bbbb": rows("bbbb", 3), "cccc": rows("cccc", 6), None: rows("x", 2)}
    published = tmp_path / "published"
    first = _export(_warehouse(tmp_path / "before.duckdb", before), published, None)
    assert (first.rows, first.documents_reused, first.documents_written) == (16, 0, 3)

    after = dict(before)
    after["bbbb"] = rows("bbbb", 3)[:2] + [("R-99", "changed", "1.00")]  # changed
    del after["cccc"]  # removed
    after["abcd"] = rows("abcd", 2)  # added, between two unchanged documents
    after["dddd"] = rows("dddd", 1)  # added, after every published document
    db = _warehouse(tmp_path / "after.duckdb", after)
    refreshed = _export(db, tmp_path / "refreshed", published)
    whole = _export(db, tmp_path / "whole", None)

    assert (refreshed.documents_reused, refreshed.documents_written) == (1, 3)  # aaaa copied
    assert (whole.documents_reused, whole.documents_written) == (0, 4)
    assert refreshed.rows == whole.rows == 5 + 3 + 2 + 1 + 2
    assert _files(tmp_path / "refreshed") == _files(tmp_path / "whole")
    assert pq.ParquetFile(tmp_path / "whole" / "dq_identity_results.parquet").metadata.num_row_groups == 4
    con = duckdb.connect()
    got = con.execute(f"select * from '{tmp_path / 'whole' / 'dq_identity_results.parquet'}'").fetchall()
    assert [r[0] for r in got] == ["aaaa"] * 5 + ["abcd"] * 2 + ["bbbb"] * 3 + ["dddd"] + [None] * 2
    index = con.execute(
        f"select document_id, rows, csv_offset, csv_length from '{tmp_path / 'whole' / INDEX_FOLDER}/*.parquet' "
        "order by 1"
    ).fetchall()
    csv = (tmp_path / "whole" / "dq_identity_results.csv").read_bytes()
    assert csv.startswith("\ufeffdocument_id,rule_id,message,金额\n".encode())
    bbbb = next(r for r in index if r[0] == "bbbb")
    assert csv[bbbb[2] : bbbb[2] + bbbb[3]].decode().startswith("bbbb,R-00,'=SUM(A1)")
    assert csv[bbbb[2] : bbbb[2] + bbbb[3]].decode().endswith("bbbb,R-99,changed,1.00\n")
    assert [r[:2] for r in index] == [("aaaa", 5), ("abcd", 2), ("bbbb", 3), ("dddd", 1)]


def test_a_csv_that_leaves_rows_out_is_copied_as_it_is_written_whole(tmp_path, small_row_groups):
    """The CSV lists only the rows not left out (a document may have none), the Parquet file every
    row; a refresh copies both as a whole export writes them, and a published export that left out
    other rows is not copied from."""
    leaves_out = ("message", "=SUM(A1)")  # every fourth row of a document, its first among them (_rows)
    before = {"aaaa": _rows("aaaa", 5), "bbbb": _rows("bbbb", 1), "cccc": _rows("cccc", 6), None: _rows("x", 2)}
    _export(_warehouse(tmp_path / "before.duckdb", before), tmp_path / "published", None, leaves_out)
    after = {**before, "cccc": _rows("cccc", 5), "dddd": _rows("dddd", 1)}
    db = _warehouse(tmp_path / "after.duckdb", after)
    refreshed = _export(db, tmp_path / "refreshed", tmp_path / "published", leaves_out)
    _export(db, tmp_path / "whole", None, leaves_out)

    assert (refreshed.documents_reused, refreshed.documents_written) == (2, 2)  # aaaa, bbbb copied
    assert _files(tmp_path / "refreshed") == _files(tmp_path / "whole")
    con = duckdb.connect()
    whole = tmp_path / "whole"
    assert con.execute(f"select count(*) from '{whole}/dq_identity_results.parquet'").fetchone() == (5 + 1 + 5 + 1 + 2,)
    listed = con.execute(f"select document_id, rule_id from read_csv('{whole}/dq_identity_results.csv') order by all")
    assert listed.fetchall() == [
        *(("aaaa", f"R-0{i}") for i in range(1, 4)),
        *(("cccc", f"R-0{i}") for i in range(1, 4)),
        (None, "R-01"),
    ]
    index = con.execute(f"select document_id, rows, csv_length from '{whole / INDEX_FOLDER}/*.parquet' order by 1")
    assert [(d, rows, length > 0) for d, rows, length in index.fetchall()] == [
        ("aaaa", 5, True),
        ("bbbb", 1, False),
        ("cccc", 5, True),
        ("dddd", 1, False),
    ]
    assert _export(db, tmp_path / "listing_all", tmp_path / "published").documents_reused == 0


def test_an_export_by_other_code_is_not_reused(tmp_path, small_row_groups, monkeypatch):
    documents = {"aaaa": _rows("aaaa", 5), "bbbb": _rows("bbbb", 3)}
    db = _warehouse(tmp_path / "w.duckdb", documents)
    _export(db, tmp_path / "published", None)
    assert _export(db, tmp_path / "again", tmp_path / "published").documents_reused == 2
    monkeypatch.setattr(export_files, "FORMAT", "other code")
    assert _export(db, tmp_path / "other", tmp_path / "published").documents_reused == 0


def test_row_groups_of_many_pages_are_the_same_bytes_when_pieced_together(tmp_path):
    """Row groups of several data pages (long text), made of reused and new rows in a refresh, are
    written as the rows written whole are."""
    db = tmp_path / "w.duckdb"
    text = "repeat('本年支出合计', 12) || i"  # about 200 bytes a row: 16,384 rows are several data pages
    con = duckdb.connect(str(db))
    con.execute("create schema dq")
    con.execute(
        "create table dq.identity_results as select (['aaaa', 'bbbb', 'cccc'])[i % 3 + 1] as document_id, "
        f"'R-' || i as rule_id, {text} as message, cast(i as decimal(20, 2)) as amount from range(36000) t(i)"
    )
    con.close()
    _export(db, tmp_path / "published", None)
    con = duckdb.connect(str(db))
    con.execute("update dq.identity_results set amount = amount + 1 where document_id = 'bbbb' and rule_id = 'R-1'")
    con.close()
    refreshed = _export(db, tmp_path / "refreshed", tmp_path / "published")
    _export(db, tmp_path / "whole", None)
    assert (refreshed.documents_reused, refreshed.documents_written) == (2, 1)
    assert _files(tmp_path / "refreshed") == _files(tmp_path / "whole")


def test_a_failure_while_copying_is_the_error_reported(tmp_path, small_row_groups, monkeypatch):
    """A write that fails (a full disk, say) stops the table with that error, not another one."""
    documents = {"aaaa": _rows("aaaa", 5), "bbbb": _rows("bbbb", 3)}
    db = _warehouse(tmp_path / "w.duckdb", documents)
    _export(db, tmp_path / "published", None)

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_files.os, "copy_file_range", no_space)
    with pytest.raises(OSError, match="No space left on device"):
        _export(db, tmp_path / "again", tmp_path / "published")
    assert not (tmp_path / "again" / INDEX_FOLDER / "dq_identity_results.parquet").exists()


def test_a_published_export_cut_short_is_not_copied_from(tmp_path, small_row_groups):
    documents = {"aaaa": _rows("aaaa", 5), "bbbb": _rows("bbbb", 3)}
    db = _warehouse(tmp_path / "w.duckdb", documents)
    _export(db, tmp_path / "published", None)
    csv = tmp_path / "published" / "dq_identity_results.csv"
    csv.write_bytes(csv.read_bytes()[:-10])  # the last document's lines cut short
    again = _export(db, tmp_path / "again", tmp_path / "published")
    assert (again.documents_reused, again.documents_written) == (0, 2)
    assert _files(tmp_path / "again") == _files(_export_dir(db, tmp_path / "whole"))
    (tmp_path / "published" / INDEX_FOLDER / "dq_identity_results.parquet").write_bytes(b"not parquet")
    assert _export(db, tmp_path / "damaged", tmp_path / "published").documents_reused == 0


def _export_dir(db: Path, out: Path) -> Path:
    _export(db, out, None)
    return out
