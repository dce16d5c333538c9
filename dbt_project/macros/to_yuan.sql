{#- Convert an amount printed in `unit_column` (万元 or 元) to yuan as decimal(20,2). -#}
{% macro to_yuan(amount_column, unit_column) -%}
    cast(
        {{ amount_column }} * case when {{ unit_column }} = '万元' then 10000 else 1 end
        as decimal(20, 2)
    )
{%- endmacro %}
