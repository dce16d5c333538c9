{#- The rules of the hotline comparison (mart_hotline_spending), in one place.

    Which rows count:
      - a department is a hotline unit when its name contains a fragment of the seed
        hotline_unit_name_patterns (天门市12345公共服务热线中心): it counts with its 本年支出合计;
      - a project is a hotline project when its name contains a fragment of the seed
        hotline_project_patterns (“12345”政务服务热线运营费, 热线办理工作经费): it counts with its
        executed amount, unless its department is a hotline unit with a 本年支出合计 that year.
    Which rows are the same money (int_hotline_project_lines):
      - within a jurisdiction and fiscal year, evaluations whose names are equal after
        hotline_name_key() are one project;
      - then, projects whose executed amounts are equal to the fen are one project (景德镇市 2022:
        “12345”政务服务热线运营费 in the self-evaluation table and “12345”热线运行经费 in the
        department evaluation, both 194.59 万元);
      - of each group the line keeps the row ranked first by hotline_line_order().
-#}

{#- Compare names the way a reader would: no whitespace, no quotes, half-width parentheses. -#}
{% macro hotline_name_key(column) -%}
    {%- set dropped = [' ', '　', '"', "''", '“', '”', '‘', '’', '「', '」', '『', '』', '《', '》'] -%}
    {#- a namespace: a plain `set` inside the loop would not outlive one iteration -#}
    {%- set name = namespace(expr=column) -%}
    {%- for ch in dropped -%}
        {%- set name.expr = "replace(" ~ name.expr ~ ", '" ~ ch ~ "', '')" -%}
    {%- endfor -%}
    replace(replace({{ name.expr }}, '（', '('), '）', ')')
{%- endmacro %}

{#- True when `column` contains one of the name fragments of the seed relation `patterns`. -#}
{% macro matches_hotline_pattern(column, patterns) -%}
    exists (
        select 1 from {{ patterns }} as hotline_pattern
        where {{ dbt.position('hotline_pattern.name_fragment', column) }} > 0
    )
{%- endmacro %}

{#- Which evaluation of a project a spending line keeps: a self-evaluation (it carries the
    indicator table and the volume) before a department evaluation, a row with an executed amount
    first, then a row that states its total score (子洲县 2021: the report's target table comes
    before its scored table), then a stable order. -#}
{% macro hotline_line_order() -%}
    case evaluation_kind when 'self_evaluation' then 0 when 'department_evaluation' then 1 else 2 end,
    case when executed_yuan is null then 1 else 0 end,
    case when total_score is null then 1 else 0 end,
    document_id,
    project_name,
    evaluation_id
{%- endmacro %}
