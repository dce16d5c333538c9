{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- "三公"经费 (因公出国（境）费, 公务用车购置及运行维护费 and its two parts, 公务接待费, and their 合计)
    per document: budget, final, completion rate and the change on the previous year, each with
    its basis.

    The table (公开09 财政拨款“三公”经费支出决算表) wins over the narrative (情况说明) where both print
    a figure; the narrative is the only source of the change on the previous year and of a stated
    completion rate. The budget is the 全年预算数 (预算数 where the table prints one budget column) and,
    where only a 年初预算数 is printed, that one: budget_basis says which. -#}

with items as (
    select metric as item, metric_label as item_name
    from {{ ref('ref_finance_metrics') }}
    where metric_family = 'three_public'
),

table_values as (
    select * from {{ ref('stg_raw__fa_values') }}
    where table_key = 'three_public'
        and column_key in ('budget', 'budget_initial', 'final')
        and amount_yuan is not null
),

narrative as (
    select * from {{ ref('stg_raw__narrative_figures') }}
    where measure in ('budget', 'budget_full', 'budget_initial', 'amount', 'completion_rate')
),

changes as (
    select * from {{ ref('int_finance_prior_year_changes') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

-- one figure per document × item × measure: the table's first, then the narrative's first
candidates as (
    select
        table_values.document_id,
        table_values.row_key as item,
        case table_values.column_key when 'final' then 'final' when 'budget' then 'budget_full' else 'budget_initial' end
            as measure,
        table_values.amount_yuan as amount,
        cast('table' as varchar) as source,
        0 as source_rank,
        table_values.page_no,
        table_values.line_no,
        table_values.source_ref,
        table_values.is_ocr,
        table_values.ocr_confidence
    from table_values
    inner join items on table_values.row_key = items.item
    union all
    select
        narrative.document_id,
        narrative.metric as item,
        case narrative.measure
            when 'amount' then 'final'
            when 'budget' then 'budget_full'
            when 'completion_rate' then 'stated_completion_rate'
            else narrative.measure
        end as measure,
        coalesce(narrative.amount_yuan, narrative.rate) as amount,
        cast('narrative' as varchar) as source,
        1 as source_rank,
        narrative.page_no,
        narrative.line_no,
        narrative.source_ref,
        narrative.is_ocr,
        narrative.ocr_confidence
    from narrative
    inner join items on narrative.metric = items.item
),

chosen as (
    select *
    from candidates
    where amount is not null
    qualify row_number() over (
        partition by document_id, item, measure order by source_rank, page_no, line_no, source_ref
    ) = 1
),

pivoted as (
    select
        document_id,
        item,
        max(case when measure = 'budget_full' then amount end) as budget_full_yuan,
        max(case when measure = 'budget_full' then source end) as budget_full_source,
        max(case when measure = 'budget_full' then source_ref end) as budget_full_source_ref,
        max(case when measure = 'budget_initial' then amount end) as budget_initial_yuan,
        max(case when measure = 'budget_initial' then source end) as budget_initial_source,
        max(case when measure = 'budget_initial' then source_ref end) as budget_initial_source_ref,
        max(case when measure = 'final' then amount end) as final_yuan,
        max(case when measure = 'final' then source end) as final_source,
        max(case when measure = 'final' then source_ref end) as final_source_ref,
        max(case when measure = 'stated_completion_rate' then amount end) as stated_completion_rate,
        max(case when measure = 'stated_completion_rate' then source_ref end) as stated_completion_rate_source_ref,
        {{ dbt.bool_or('is_ocr') }} as is_ocr,
        min(ocr_confidence) as ocr_confidence
    from chosen
    group by document_id, item
),

first_change as (
    select *
    from changes
    qualify row_number() over (partition by document_id, metric order by page_no, line_no, source_ref) = 1
),

final as (
    select
        cast(pivoted.document_id || '|' || pivoted.item as varchar) as three_public_key,
        pivoted.document_id,
        documents.department_id,
        documents.fiscal_year,
        pivoted.item,
        items.item_name,
        cast(coalesce(pivoted.budget_full_yuan, pivoted.budget_initial_yuan) as decimal(20, 2)) as budget_yuan,
        cast(
            case
                when pivoted.budget_full_yuan is not null then 'full_year'
                when pivoted.budget_initial_yuan is not null then 'initial'
            end as varchar
        ) as budget_basis,
        cast(pivoted.budget_initial_yuan as decimal(20, 2)) as budget_initial_yuan,
        cast(pivoted.final_yuan as decimal(20, 2)) as final_yuan,
        cast(
            pivoted.final_yuan / nullif(coalesce(pivoted.budget_full_yuan, pivoted.budget_initial_yuan), 0)
            as decimal(18, 6)
        ) as completion_rate,
        cast(pivoted.stated_completion_rate as decimal(18, 6)) as stated_completion_rate,
        first_change.change_yuan,
        first_change.change_rate,
        cast(pivoted.final_yuan - first_change.change_yuan as decimal(20, 2)) as previous_year_yuan,
        cast(
            case when first_change.document_id is not null
                then coalesce(first_change.compared_year_stated, documents.fiscal_year - 1) end as integer
        ) as compared_year,
        coalesce(pivoted.budget_full_source, pivoted.budget_initial_source) as budget_source,
        pivoted.final_source,
        coalesce(pivoted.budget_full_source_ref, pivoted.budget_initial_source_ref) as budget_source_ref,
        pivoted.final_source_ref as source_ref,
        pivoted.stated_completion_rate_source_ref,
        first_change.source_ref as change_source_ref,
        pivoted.is_ocr or coalesce(first_change.is_ocr, false) as is_ocr,
        cast(least(pivoted.ocr_confidence, first_change.ocr_confidence) as decimal(5, 4)) as ocr_confidence
    from pivoted
    inner join items on pivoted.item = items.item
    inner join documents on pivoted.document_id = documents.document_id
    left join first_change
        on pivoted.document_id = first_change.document_id
        and pivoted.item = first_change.metric
)

select * from final
{{ refreshed_documents_only() }}
