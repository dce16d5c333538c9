"""The families of standard tables the reader knows, and which one a table or document belongs to.

A document's kind decides which family's tables are looked for in it: a budget (部门预算 / 单位预算)
is read with the budget vocabulary (budget_patterns.py), every other document with the
final-accounts one (fa_patterns.py). Table keys are unique across families, so a table's key
names its family and kind.
"""

from __future__ import annotations

from ingest.parsers import budget_patterns, fa_patterns
from ingest.parsers.template_vocabulary import TableSpec, TemplateVocabulary

FAMILIES: dict[str, TemplateVocabulary] = {
    fa_patterns.VOCABULARY.family: fa_patterns.VOCABULARY,
    budget_patterns.VOCABULARY.family: budget_patterns.VOCABULARY,
}
SPECS: dict[str, TableSpec] = {spec.key: spec for family in FAMILIES.values() for spec in family.tables}
_VOCABULARY_OF = {spec.key: FAMILIES[spec.family] for spec in SPECS.values()}


def family_for(doc_type: str) -> TemplateVocabulary:
    """The family of tables a document of this kind publishes."""
    return FAMILIES.get(doc_type, fa_patterns.VOCABULARY)


def vocabulary_of(table_key: str) -> TemplateVocabulary:
    return _VOCABULARY_OF.get(table_key, fa_patterns.VOCABULARY)


def kind_of(table_key: str) -> str | None:
    spec = SPECS.get(table_key)
    return spec.kind if spec else None
