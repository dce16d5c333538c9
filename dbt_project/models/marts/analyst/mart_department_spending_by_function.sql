{{ config(materialized='view') }}

{#- What each department spent per 支出功能分类 code and year, table and narrative figures side by side:
    one row per document × funding scope × function code. The figures, and where each comes from,
    are int_finance_spending_by_function's (kept per document); this view adds the department and
    year and the data-quality flag.

    A view: its data-quality flag reads dq.identity_results, which the expectations step writes after
    dbt. A row has an acknowledged source error when an acknowledged identity result cites a line one
    of its figures was read from. -#}

-- not materialized: read twice (the rows, and the flag's lookup of their lines), a copy of every row
-- would cost more than the second scan of the table
with spending as not materialized (
    select * from {{ ref('int_finance_spending_by_function') }}
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

flagged as (
    select
        spending.*,
        exists (
            select 1 from acknowledged_lines
            where acknowledged_lines.document_id = spending.document_id
                and acknowledged_lines.cited_line in (
                    {{ source_line('spending.source_ref') }}, {{ source_line('spending.narrative_source_ref') }}
                )
        ) as has_acknowledged_source_error,
        -- figures read by OCR are not landed yet: no row is OCR'd
        cast(false as boolean) as is_ocr
    from spending
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
        flagged.function_level,
        flagged.class_code,
        flagged.class_name,
        flagged.function_name,
        flagged.printed_name,
        cast(coalesce(flagged.total_yuan, flagged.narrative_final_yuan) as decimal(20, 2)) as final_yuan,
        flagged.total_yuan as table_total_yuan,
        flagged.basic_yuan,
        flagged.project_yuan,
        flagged.budget_initial_yuan,
        flagged.budget_full_yuan,
        flagged.narrative_final_yuan,
        flagged.completion_rate,
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
)

select * from final
