"""Build and publish the warehouse: ``python -m warehouse_build build`` (what ``make build`` runs)."""
