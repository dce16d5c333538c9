{#- A model's key spanning several columns: no two rows share the same values in `columns`. -#}
{% test unique_key_columns(model, columns) %}
select {{ columns | join(', ') }}, count(*) as duplicate_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
