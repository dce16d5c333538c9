"""The analyst's way in: a static HTML report and exports of the marts."""
