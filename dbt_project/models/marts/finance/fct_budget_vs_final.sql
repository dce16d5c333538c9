{#- Budget against final per expenditure category of a final account, from two kinds of source:

    - the department's budget document for the same year (a 部门预算's 支出预算表 or 收支预算总表),
      against the final account's 支出决算表, per 类 and in total (source 'budget_document');
    - the final account's narrative (情况说明), which states the 年初预算 of a category beside its
      决算数: the standard final-accounts tables print no budget per category (source 'narrative'; a
      category is a 类, or a 类/款/项 line where the narrative goes down to 项 level, as Shanghai's
      documents do).

    One row per document × category × source; budget_source and final_source say where each side
    was read. The rows belong to the final account (document_id); a budget's own figures are in the
    budget marts. -#}

with categories as (
    select * from {{ ref('int_finance_budget_vs_final') }}
),

budget_documents as (
    select * from {{ ref('int_budget_vs_final_by_class') }}
),

-- final-accounts figures only: a budget's figures never land here (they go to the budget marts)
documents as (
    select * from {{ ref('dim_document') }}
    where doc_type <> 'budget'
),

narrative as (
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
        cast('narrative' as varchar) as budget_source,
        cast('narrative' as varchar) as final_source,
        cast(null as varchar) as budget_document_id,
        categories.source_ref,
        categories.source_ref as budget_source_ref,
        categories.source_ref as final_source_ref,
        categories.is_ocr,
        categories.ocr_confidence
    from categories
    inner join documents
        on categories.document_id = documents.document_id
),

from_budget_documents as (
    select
        cast(budget_documents.document_id || '|budget_document|' || budget_documents.function_code as varchar)
            as budget_vs_final_key,
        budget_documents.document_id,
        documents.department_id,
        documents.fiscal_year,
        case when budget_documents.function_code <> 'TOTAL' then budget_documents.function_code end
            as function_code,
        case when budget_documents.function_code <> 'TOTAL' then budget_documents.function_code end
            as class_code,
        cast(case when budget_documents.function_code = 'TOTAL' then '合计' else '类' end as varchar)
            as category_level,
        budget_documents.function_name,
        cast(budget_documents.budget_yuan as decimal(20, 2)) as budget_initial_yuan,
        cast(null as decimal(20, 2)) as budget_full_yuan,
        cast(budget_documents.final_yuan as decimal(20, 2)) as final_yuan,
        cast(budget_documents.final_yuan / nullif(budget_documents.budget_yuan, 0) as decimal(18, 6))
            as completion_rate,
        cast(null as decimal(18, 6)) as share_of_total,
        cast(null as varchar) as stated_comparison,
        cast('budget_document' as varchar) as source,
        cast(case when budget_documents.budget_yuan is not null then 'budget_document' end as varchar)
            as budget_source,
        cast(case when budget_documents.final_yuan is not null then 'table' end as varchar) as final_source,
        budget_documents.budget_document_id,
        coalesce(budget_documents.final_source_ref, budget_documents.budget_source_ref) as source_ref,
        budget_documents.budget_source_ref,
        budget_documents.final_source_ref,
        budget_documents.is_ocr,
        cast(budget_documents.ocr_confidence as decimal(5, 4)) as ocr_confidence
    from budget_documents
    inner join documents
        on budget_documents.document_id = documents.document_id
),

final as (
    select * from narrative
    union all
    select * from from_budget_documents
)

select * from final
