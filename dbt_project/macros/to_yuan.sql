{#- Convert an amount printed in `unit_column` (万元 or 元) to yuan as decimal(20,2).

    The amounts land as decimal(24,6), which DuckDB computes with 128-bit integers: rounding those
    to decimal(20,2) takes most of the time of the models that read every figure. Below 10^8 (in
    either unit) the amount fits decimal(18,6), computed with 64-bit integers, about five times
    faster, to the same value; a larger amount takes the 128-bit way. -#}
{% macro to_yuan(amount_column, unit_column) -%}
    case
        when abs({{ amount_column }}) < 100000000 then {{ yuan_of('cast(' ~ amount_column ~ ' as decimal(18, 6))', unit_column) }}
        else {{ yuan_of(amount_column, unit_column) }}
    end
{%- endmacro %}

{% macro yuan_of(amount, unit_column) -%}
    cast({{ amount }} * case when {{ unit_column }} = '万元' then 10000 else 1 end as decimal(20, 2))
{%- endmacro %}
