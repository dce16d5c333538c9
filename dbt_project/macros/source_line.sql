{#- The file and line part of a source_ref ("000.txt | line 76 | 三、… | 一般公共服务支出" -> "000.txt | line 76";
    "a.pdf | p.3 | line 12 | …" -> "a.pdf | p.3 | line 12"): what two figures printed on the same line share.
    Null when the source_ref names no line. -#}
{% macro source_line(source_ref) -%}
    nullif(regexp_extract({{ source_ref }}, '^[^|]*[|]( *p[.][0-9]+ *[|])? *line [0-9]+', 0), '')
{%- endmacro %}
