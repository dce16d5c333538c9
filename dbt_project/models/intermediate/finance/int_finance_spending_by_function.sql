{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- The figures of mart_department_spending_by_function, one row per document × funding scope ×
    function code: the table figures of fct_expenditure_by_function (支出决算表 for all_sources,
    一般公共预算财政拨款支出决算表 for general_public_budget) and the narrative's budget-against-final
    sentences (fct_budget_vs_final, source narrative) joined on the general_public_budget rows of the
    same code. A narrative 项 line printed by name ("一般公共服务支出(类)财政事务(款)行政运行(项)") is
    coded through the names of dim_function_class within its 类 and 款.

    Kept per document: both sides are rows of the document's own tables and narrative, coded by the
    seeds alone, so a refresh joins only the refreshed documents (the join over every document is
    most of what the mart's view costs to read). -#}

-- the refreshed documents are selected in each input, not after the full outer join, whose
-- coalesced document_id DuckDB cannot filter the inputs by
with expenditure as (
    select * from {{ ref('fct_expenditure_by_function') }}
    {{ refreshed_documents_only() }}
),

budget_vs_final as (
    select * from {{ ref('fct_budget_vs_final') }}
    {{ refreshed_documents_only() }}
),

function_classes as (
    select
        *,
        {{ folded_name('function_name') }} as name_folded
    from {{ ref('dim_function_class') }}
),

narrative_named as (
    select
        *,
        {{ folded_name('function_name') }} as name_folded
    from budget_vs_final
    where source = 'narrative'
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
    where function_code <> 'TOTAL'
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

final as (
    select
        combined.document_id,
        combined.funding_scope,
        combined.function_code,
        cast(combined.function_level as integer) as function_level,
        combined.class_code,
        class_names.function_name as class_name,
        coalesce(function_classes.function_name, combined.printed_name) as function_name,
        combined.printed_name,
        cast(combined.total_yuan as decimal(20, 2)) as total_yuan,
        cast(combined.basic_yuan as decimal(20, 2)) as basic_yuan,
        cast(combined.project_yuan as decimal(20, 2)) as project_yuan,
        cast(combined.budget_initial_yuan as decimal(20, 2)) as budget_initial_yuan,
        cast(combined.budget_full_yuan as decimal(20, 2)) as budget_full_yuan,
        cast(combined.narrative_final_yuan as decimal(20, 2)) as narrative_final_yuan,
        cast(combined.completion_rate as decimal(18, 6)) as completion_rate,
        combined.has_table_figures,
        combined.has_narrative_figures,
        combined.source_ref,
        combined.narrative_source_ref
    from combined
    left join function_classes on combined.function_code = function_classes.function_code
    left join function_classes as class_names on combined.class_code = class_names.function_code
)

select * from final
