{#- Budget against final per expenditure category, as the narrative (情况说明) states it: the
    standard tables print no 年初预算 per category (公开05 has only the final), so the narrative is
    the source. One row per document × category (a 类, or a 类/款/项 line where the narrative goes down
    to 项 level, as Shanghai's documents do). -#}

with categories as (
    select * from {{ ref('int_finance_budget_vs_final') }}
),

-- final-accounts figures only: a budget's figures never land here (they go to the budget marts)
documents as (
    select * from {{ ref('dim_document') }}
    where doc_type <> 'budget'
),

final as (
    select
        cast(categories.document_id || '|' || categories.category_key as varchar) as budget_vs_final_key,
        categories.document_id,
        documents.department_id,
        documents.fiscal_year,
        categories.function_code,
        categories.class_code,
        categories.category_level,
        categories.function_name,
        cast(categories.budget_initial_yuan as decimal(20, 2)) as budget_initial_yuan,
        cast(categories.budget_full_yuan as decimal(20, 2)) as budget_full_yuan,
        cast(categories.final_yuan as decimal(20, 2)) as final_yuan,
        cast(categories.completion_rate as decimal(18, 6)) as completion_rate,
        cast(categories.share_of_total as decimal(18, 6)) as share_of_total,
        categories.stated_comparison,
        cast('narrative' as varchar) as source,
        categories.source_ref,
        categories.is_ocr,
        categories.ocr_confidence
    from categories
    inner join documents
        on categories.document_id = documents.document_id
)

select * from final
