{#-
    Numbers in the target / actual text of a performance indicator.

    A text is a number when it is, as a whole, an optional comparison sign (≥ ≤ > < 约), a number and an
    optional short unit: "100000个" -> 100000 个, "99.30%" -> 0.993 %, "≥300件" -> 300 件,
    "≤49万元" -> 490000 元, "0.3万件" -> 3000 件, "32 人" -> 32 人, "42" -> 42 (no unit).
    Anything else is not a number: "较好", "按计划完成", "2021年12月底前", "24小时电话接通率" -> null.
    Percentages become fractions; a 万 prefix is multiplied out so that a target and an actual printed
    in 万件 and 件 (001: 1万件 / 13382件) compare in one unit.
-#}

{#- Whole-string regex match: regexp_full_match on DuckDB; other engines get their own implementation
    (Spark: `expr rlike '^…$'`). regexp_extract / regexp_replace have the same signature on both. -#}
{% macro regex_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro spark__regex_full_match(expression, pattern) -%}
    ({{ expression }} rlike {{ pattern }})
{%- endmacro %}

{% macro indicator_number_pattern() -%}
    '^(≥|≤|>|<|＞|＜|约)?=?\s*[0-9]+(\.[0-9]+)?\s*[^0-9\s.]{0,4}$'
{%- endmacro %}

{% macro indicator_value(text_column) -%}
    case
        when {{ regex_full_match('trim(' ~ text_column ~ ')', indicator_number_pattern()) }}
            then cast(
                cast(regexp_extract(trim({{ text_column }}), '[0-9]+(\.[0-9]+)?', 0) as decimal(24, 6))
                * case when {{ regex_full_match('trim(' ~ text_column ~ ')', "'.*[0-9]\\s*万.*'") }} then 10000 else 1 end
                / case when trim({{ text_column }}) like '%\%' escape '\' then 100 else 1 end
                as decimal(24, 6)
            )
    end
{%- endmacro %}

{% macro indicator_value_unit(text_column) -%}
    case
        when {{ regex_full_match('trim(' ~ text_column ~ ')', indicator_number_pattern()) }}
            then nullif(
                regexp_replace(
                    regexp_extract(trim({{ text_column }}), '[0-9]\s*([^0-9\s.]{0,4})$', 1), '^万', ''
                ),
                ''
            )
    end
{%- endmacro %}
