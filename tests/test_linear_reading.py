"""Reading takes time in proportion to the text: a very long line or paragraph never stalls ingest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from ingest.layout.text_flow import flow_paragraphs
from ingest.loading.text import text_to_lines

SENTENCE = "本部门2022年度收入总计902.93万元，较 2021 年增加 165.64 万元，"
# Quadratic reading takes minutes on a 1 MB line; linear reading about a second.
PARSE_ONE = "import sys; from pathlib import Path; from ingest.pipeline import process_document; process_document(Path(sys.argv[1]))"


def test_a_one_megabyte_line_is_parsed_well_within_a_minute(tmp_path: Path):
    document = tmp_path / "one_line.txt"
    document.write_text("一、收入决算情况说明\n" + SENTENCE * (1_000_000 // len(SENTENCE.encode())), encoding="utf-8")
    subprocess.run([sys.executable, "-c", PARSE_ONE, str(document)], cwd=ROOT, check=True, timeout=60)


def test_a_long_paragraph_keeps_every_character_and_its_line():
    lines = text_to_lines("\n".join([SENTENCE] * 2000))
    (paragraph,) = flow_paragraphs(lines)
    compact = SENTENCE.replace(" ", "")
    assert paragraph.text == compact * 2000
    assert len(paragraph.origins) == len(paragraph.text)
    assert paragraph.line_at(len(compact) * 1500).line_no == 1501
