{#- dq.identity_results is written by the expectations step, after dbt. The analyst views read it at
    query time (DuckDB binds a view when it is queried), so the table must exist when they are
    created: an empty one with the contract's columns, described by the source in
    models/dq/_dq__sources.yml; the expectations step fills it. -#}
{% macro create_identity_results_if_missing() -%}
    create schema if not exists {{ target.database }}.dq;
    create table if not exists {{ target.database }}.dq.identity_results (
        document_id varchar, rule_id varchar, severity varchar, subject varchar,
        lhs_value decimal(24, 6), rhs_value decimal(24, 6), difference decimal(24, 6), tolerance decimal(24, 6),
        status varchar, finding varchar, message varchar, source_ref varchar
    );
    {%- if execute %}
        {%- set described = graph.sources['source.finance_warehouse.dq.identity_results'] %}
    comment on table {{ target.database }}.dq.identity_results is {{ duckdb_escape_comment(described.description) }};
        {%- for name, column in described.columns.items() %}
    comment on column {{ target.database }}.dq.identity_results.{{ name }} is {{ duckdb_escape_comment(column.description) }};
        {%- endfor %}
    {%- endif %}
{%- endmacro %}
