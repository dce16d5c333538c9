{#- A model's columns that must hold a value, tested together: one query (and one node of dbt's, at
    its fixed cost) per model instead of one per column. A failing row is returned whole, so the
    quarantine can match it to its document, with `null_columns` naming the columns it lacks. -#}
{% test not_null_columns(model, columns) %}
select
    *,
    concat_ws(', ', {% for column in columns %}case when {{ column }} is null then '{{ column }}' end{% if not loop.last %}, {% endif %}{% endfor %}) as null_columns
from {{ model }}
where {% for column in columns %}{{ column }} is null{% if not loop.last %} or {% endif %}{% endfor %}
{% endtest %}
