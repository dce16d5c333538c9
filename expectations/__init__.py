"""Accounting identities (勾稽关系) checked on a built candidate warehouse, and its publication."""
