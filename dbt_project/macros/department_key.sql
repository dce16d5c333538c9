{#- The contract's department_id: a stable key from the normalized department name and its
    jurisdiction (first 16 hex digits of an md5, computed by the cross-database hash macro). -#}
{% macro department_key(name_column, jurisdiction_column) -%}
    substr({{ dbt.hash(dbt.concat([
        "coalesce(" ~ name_column ~ ", '')", "'|'", "coalesce(" ~ jurisdiction_column ~ ", '')"
    ])) }}, 1, 16)
{%- endmacro %}
