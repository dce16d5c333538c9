{{ config(materialized='view') }}

{#- What each department spent per 支出功能分类 code and year, table and narrative figures side by side:
    one row per document × funding scope × function code. The table figures are those of
    fct_expenditure_by_function (支出决算表 for all_sources, 一般公共预算财政拨款支出决算表 for
    general_public_budget); the narrative's budget-against-final sentences (fct_budget_vs_final, the
    情况说明 of 一般公共预算财政拨款支出) join the general_public_budget rows of the same code. A narrative
    项 line printed by name ("一般公共服务支出(类)财政事务(款)行政运行(项)") is coded through the names of
    dim_function_class within its 类 and 款.

    A view: its data-quality flag reads dq.identity_results, which the expectations step writes after
    dbt. A row has an acknowledged source error when an acknowledged identity result cites a line one
    of its figures was read from. -#}

with expenditure as (
    select * from {{ ref('fct_expenditure_by_function') }}
    where function_code <> 'TOTAL'
),

budget_vs_final as (
    select * from {{ ref('fct_budget_vs_final') }}
    where source = 'narrative'
),

function_classes as (
    select
        *,
        replace(replace(replace(function_name, '（', '('), '）', ')'), ' ', '') as name_folded
    from {{ ref('dim_function_class') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

departments as (
    select * from {{ ref('dim_department') }}
),

acknowledged_lines as (
    select distinct document_id, {{ source_line('source_ref') }} as cited_line
    from {{ source('dq', 'identity_results') }}
    where status = 'acknowledged' and {{ source_line('source_ref') }} is not null
),

narrative_named as (
    select
        *,
        replace(replace(replace(function_name, '（', '('), '）', ')'), ' ', '') as name_folded
    from budget_vs_final
),

narrative_parts as (
    select
        *,
        nullif(regexp_extract(name_folded, '[(]类[)](.+?)[(]款[)]', 1), '') as item_class_name,
        nullif(regexp_extract(name_folded, '[(]款[)](.+?)[(]项[)]', 1), '') as item_name
    from narrative_named
),

narrative_coded as (
    select
        narrative_parts.*,
        coalesce(narrative_parts.function_code, items.function_code) as mapped_code
    from narrative_parts
    left join function_classes as item_classes
        on item_classes.function_level = 2
        and item_classes.parent_code = narrative_parts.class_code
        and item_classes.name_folded = narrative_parts.item_class_name
    left join function_classes as items
        on items.function_level = 3
        and items.parent_code = item_classes.function_code
        and items.name_folded = narrative_parts.item_name
),

narrative as (
    select
        document_id,
        cast('general_public_budget' as varchar) as funding_scope,
        mapped_code as function_code,
        case category_level when '类' then 1 else 3 end as function_level,
        class_code,
        function_name as printed_name,
        budget_initial_yuan,
        budget_full_yuan,
        final_yuan,
        completion_rate,
        source_ref
    from narrative_coded
),

tables as (
    select
        document_id,
        funding_scope,
        function_code,
        function_level,
        substr(function_code, 1, 3) as class_code,
        function_name as printed_name,
        total_yuan,
        basic_yuan,
        project_yuan,
        source_ref
    from expenditure
),

combined as (
    select
        coalesce(tables.document_id, narrative.document_id) as document_id,
        coalesce(tables.funding_scope, narrative.funding_scope) as funding_scope,
        coalesce(tables.function_code, narrative.function_code) as function_code,
        coalesce(tables.function_level, narrative.function_level) as function_level,
        coalesce(tables.class_code, narrative.class_code) as class_code,
        coalesce(tables.printed_name, narrative.printed_name) as printed_name,
        tables.total_yuan,
        tables.basic_yuan,
        tables.project_yuan,
        narrative.budget_initial_yuan,
        narrative.budget_full_yuan,
        narrative.final_yuan as narrative_final_yuan,
        narrative.completion_rate,
        tables.source_ref,
        narrative.source_ref as narrative_source_ref,
        tables.document_id is not null as has_table_figures,
        narrative.document_id is not null as has_narrative_figures
    from tables
    full outer join narrative
        on tables.document_id = narrative.document_id
        and tables.funding_scope = narrative.funding_scope
        and tables.function_code = narrative.function_code
),

flagged as (
    select
        combined.*,
        exists (
            select 1 from acknowledged_lines
            where acknowledged_lines.document_id = combined.document_id
                and acknowledged_lines.cited_line in (
                    {{ source_line('combined.source_ref') }}, {{ source_line('combined.narrative_source_ref') }}
                )
        ) as has_acknowledged_source_error,
        -- figures read by OCR are not landed yet: no row is OCR'd
        cast(false as boolean) as is_ocr
    from combined
),

final as (
    select
        flagged.document_id,
        documents.department_id,
        departments.department_name,
        departments.jurisdiction_name,
        departments.province,
        documents.fiscal_year,
        flagged.funding_scope,
        flagged.function_code,
        cast(flagged.function_level as integer) as function_level,
        flagged.class_code,
        class_names.function_name as class_name,
        coalesce(function_classes.function_name, flagged.printed_name) as function_name,
        flagged.printed_name,
        cast(coalesce(flagged.total_yuan, flagged.narrative_final_yuan) as decimal(20, 2)) as final_yuan,
        cast(flagged.total_yuan as decimal(20, 2)) as table_total_yuan,
        cast(flagged.basic_yuan as decimal(20, 2)) as basic_yuan,
        cast(flagged.project_yuan as decimal(20, 2)) as project_yuan,
        cast(flagged.budget_initial_yuan as decimal(20, 2)) as budget_initial_yuan,
        cast(flagged.budget_full_yuan as decimal(20, 2)) as budget_full_yuan,
        cast(flagged.narrative_final_yuan as decimal(20, 2)) as narrative_final_yuan,
        cast(flagged.completion_rate as decimal(18, 6)) as completion_rate,
        cast(
            case
                when flagged.has_table_figures and flagged.has_narrative_figures then 'table_and_narrative'
                when flagged.has_table_figures then 'table'
                else 'narrative'
            end as varchar
        ) as figure_source,
        not flagged.has_table_figures as is_narrative_only,
        flagged.has_acknowledged_source_error,
        flagged.is_ocr,
        cast(
            coalesce(
                nullif(
                    concat_ws(
                        ', ',
                        case when flagged.has_acknowledged_source_error then 'acknowledged_source_error' end,
                        case when flagged.is_ocr then 'ocr' end,
                        case when not flagged.has_table_figures then 'narrative_only' end
                    ),
                    ''
                ),
                'ok'
            ) as varchar
        ) as quality_flag,
        flagged.source_ref,
        flagged.narrative_source_ref
    from flagged
    inner join documents on flagged.document_id = documents.document_id
    left join departments on documents.department_id = departments.department_id
    left join function_classes on flagged.function_code = function_classes.function_code
    left join function_classes as class_names on flagged.class_code = class_names.function_code
)

select * from final
