{#- A department's budget against its final accounts for the same year, by 支出功能分类 类 and in
    total: one row per final-accounts document × 类 (and TOTAL) that the budget or the final account
    prints. The budget side is the all_sources figure of the department's budget document
    (int_budget_function_rows: its 支出预算表, or its 收支预算总表's 类); the final side is the final
    account's 支出决算表. Where a department publishes two budget documents for the year with figures
    (a re-issue), the one printing more 类 is used. -#}

with documents as (
    select * from {{ ref('dim_document') }}
    where department_id is not null and fiscal_year is not null and not is_template
),

budget_rows as (
    select * from {{ ref('int_budget_function_rows') }}
    where funding_scope = 'all_sources' and function_level <= 1 and total_yuan is not null
),

function_classes as (
    select * from {{ ref('dim_function_class') }}
),

final_rows as (
    select * from {{ ref('int_finance_function_rows_pivoted') }}
    where table_key = 'expenditure' and function_level <= 1
),

budget_documents as (
    select
        documents.department_id,
        documents.fiscal_year,
        documents.document_id as budget_document_id,
        row_number() over (
            partition by documents.department_id, documents.fiscal_year
            order by count(*) desc, documents.document_id
        ) as preference
    from documents
    inner join budget_rows on documents.document_id = budget_rows.document_id
    where documents.doc_type = 'budget'
    group by documents.department_id, documents.fiscal_year, documents.document_id
),

pairs as (
    select
        finals.document_id,
        finals.department_id,
        finals.fiscal_year,
        budget_documents.budget_document_id
    from documents as finals
    inner join budget_documents
        on finals.department_id = budget_documents.department_id
        and finals.fiscal_year = budget_documents.fiscal_year
        and budget_documents.preference = 1
    where finals.doc_type = 'final_accounts'
),

budget_side as (
    select
        pairs.document_id,
        budget_rows.function_code,
        budget_rows.function_level,
        budget_rows.function_name,
        budget_rows.total_yuan,
        budget_rows.source_table,
        budget_rows.source_ref,
        budget_rows.is_ocr,
        budget_rows.ocr_confidence
    from pairs
    inner join budget_rows on pairs.budget_document_id = budget_rows.document_id
),

final_side as (
    select final_rows.*
    from final_rows
    inner join pairs on final_rows.document_id = pairs.document_id
),

keys as (
    select document_id, function_code from budget_side
    union
    select document_id, function_code from final_side
),

final as (
    select
        pairs.document_id,
        pairs.department_id,
        pairs.fiscal_year,
        pairs.budget_document_id,
        keys.function_code,
        coalesce(final_side.function_level, budget_side.function_level) as function_level,
        coalesce(nullif(final_side.function_name, ''), function_classes.function_name, budget_side.function_name)
            as function_name,
        budget_side.total_yuan as budget_yuan,
        final_side.total_yuan as final_yuan,
        budget_side.source_table as budget_source_table,
        budget_side.source_ref as budget_source_ref,
        final_side.source_ref as final_source_ref,
        coalesce(budget_side.is_ocr, false) or coalesce(final_side.is_ocr, false) as is_ocr,
        least(budget_side.ocr_confidence, final_side.ocr_confidence) as ocr_confidence
    from keys
    inner join pairs on keys.document_id = pairs.document_id
    left join budget_side
        on keys.document_id = budget_side.document_id and keys.function_code = budget_side.function_code
    left join final_side
        on keys.document_id = final_side.document_id and keys.function_code = final_side.function_code
    left join function_classes on keys.function_code = function_classes.function_code
)

select * from final
