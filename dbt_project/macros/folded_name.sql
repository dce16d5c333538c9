{#- A printed name as names are compared: full-width parentheses made half-width, spaces removed
    ("住房保障支出（类）" and "住房保障支出 (类)" are one name). -#}
{% macro folded_name(expression) -%}
    replace(replace(replace({{ expression }}, '（', '('), '）', ')'), ' ', '')
{%- endmacro %}
