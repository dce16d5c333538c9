"""Documents printed in traditional characters are read in simplified characters.

"天水市幼兒園2017年度部門決算公開" is read as "天水市幼儿园2017年度部门决算公开", so that the same
vocabulary reads every document and names land as the national list spells them. Each converted
line keeps its printed text (``Line.printed``). Conversion is OpenCC's t2s table (shipped inside the
``opencc`` wheel: nothing is downloaded). A document is converted only when its text changes under
t2s noticeably: a simplified document that quotes a traditional name stays as printed.

Pages copied from mirror sites annotate characters with their pinyin in parentheses
("機構(gòu)設(shè)置", "預(yù)算"); the annotations are dropped, or they would split the words read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import numpy as np

from ingest.model import Line

# Share of CJK characters that t2s changes above which a document counts as traditional.
TRADITIONAL_SHARE = 0.01
CJK_FIRST, CJK_LAST = 0x4E00, 0x9FFF  # the CJK Unified Ideographs counted
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_ANNOTATION = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[" + _TONED + r"][a-zü" + _TONED + r"]*[)）]")


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported lazily: only documents with traditional characters need it

    return opencc.OpenCC("t2s")


def to_simplified(lines: list[Line]) -> tuple[list[Line], bool]:
    """The lines in simplified characters (each keeping its printed text) and whether any changed."""
    text = "\n".join(line.text for line in lines)
    points = _code_points(text)
    cjk = int(np.count_nonzero((points >= CJK_FIRST) & (points <= CJK_LAST)))
    if not cjk:
        return lines, False
    converted = _converter().convert(text)
    changed = _differing_characters(points, converted)
    if changed / cjk < TRADITIONAL_SHARE:
        return lines, False
    return [_simplified_line(line) for line in lines], True


def _code_points(text: str) -> np.ndarray:
    """The text's characters as code points (counted and compared as arrays: a document is tens of
    thousands of characters)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def _differing_characters(points: np.ndarray, converted: str) -> int:
    """How many positions of the common length hold different characters."""
    other = _code_points(converted)
    length = min(len(points), len(other))
    return int(np.count_nonzero(points[:length] != other[:length]))


def _simplified_line(line: Line) -> Line:
    convert = _converter().convert
    text = convert(PINYIN_ANNOTATION.sub("", line.text))
    cells = tuple(convert(PINYIN_ANNOTATION.sub("", c)) for c in line.cells) if line.cells is not None else None
    spans = tuple(s._replace(text=convert(s.text)) for s in line.spans) if line.spans is not None else None
    if text == line.text and cells == line.cells and spans == line.spans:
        return line
    return replace(line, text=text, cells=cells, spans=spans, printed=line.text)
