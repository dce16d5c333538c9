{#- One row per document × expenditure category the narrative compares with its budget
    ("（一）一般公共服务支出年初预算数为 562.41 万元，决算数为 808.79 万元，完成年初预算的 143.81%")
    or lists with its final amount ("住房保障支出（类）1.83 万元，占 0.84%").

    A category is keyed by its name with full-width parentheses folded; a 类 (no 款/项 in the name)
    is keyed by its bare class name, so "住房保障支出（类）" and "住房保障支出(类)" and "住房保障支出"
    are one category, and "一般公共服务（类）支出" is the 类 一般公共服务. When a measure is stated twice
    for one category (a structure sentence and a budget-vs-final sentence), the later sentence wins:
    the template states the budget comparison after the structure. -#}

with figures as (
    select * from {{ ref('stg_raw__narrative_figures') }}
    where metric = 'category_budget_vs_final'
),

function_classes as (
    select
        cast(function_code as varchar) as function_code,
        function_name
    from {{ ref('ref_function_classes') }}
    where length(cast(function_code as varchar)) = 3
),

named as (
    select
        *,
        {{ folded_name('subject') }} as name_folded
    from figures
),

classified as (
    select
        *,
        {{ dbt.split_part('name_folded', "'(类)'", 1) }} as class_part,
        (name_folded like '%(款)%' or name_folded like '%(项)%') as is_below_class
    from named
),

with_class as (
    select
        *,
        case
            when {{ dbt.right('class_part', 2) }} = '支出' then substr(class_part, 1, length(class_part) - 2)
            else class_part
        end as class_base
    from classified
),

keyed as (
    select
        *,
        case when is_below_class then name_folded else class_base end as category_key
    from with_class
),

latest_per_measure as (
    select
        *,
        row_number() over (
            partition by document_id, category_key, measure order by line_no desc, source_ref desc
        ) as measure_rank,
        row_number() over (
            partition by document_id, category_key
            order by case when measure in ('budget_initial', 'budget_full', 'budget') then 0 else 1 end, line_no
        ) as name_rank
    from keyed
),

names as (
    select
        document_id,
        category_key,
        subject as function_name,
        source_ref
    from latest_per_measure
    where name_rank = 1
),

measures as (
    select
        document_id,
        category_key,
        max(class_base) as class_base,
        max(case when is_below_class then 1 else 0 end) as is_below_class,
        max(case when measure = 'budget_initial' then amount_yuan end) as budget_initial_yuan,
        max(case when measure = 'budget_full' then amount_yuan end) as budget_full_yuan,
        max(case when measure = 'final' then amount_yuan end) as final_yuan,
        max(case when measure = 'completion_rate' then rate end) as completion_rate,
        max(case when measure = 'share' then rate end) as share_of_total,
        max(case when measure = 'comparison' then printed end) as stated_comparison,
        min(line_no) as first_line_no,
        {{ dbt.bool_or('is_ocr') }} as is_ocr,
        min(ocr_confidence) as ocr_confidence
    from latest_per_measure
    where measure_rank = 1
    group by document_id, category_key
),

pivoted as (
    select
        measures.*,
        names.function_name,
        names.source_ref
    from measures
    inner join names
        on measures.document_id = names.document_id
        and measures.category_key = names.category_key
),

final as (
    select
        pivoted.document_id,
        pivoted.category_key,
        case when pivoted.is_below_class = 1 then '项' else '类' end as category_level,
        function_classes.function_code as class_code,
        case when pivoted.is_below_class = 0 then function_classes.function_code end as function_code,
        pivoted.function_name,
        pivoted.budget_initial_yuan,
        pivoted.budget_full_yuan,
        pivoted.final_yuan,
        pivoted.completion_rate,
        pivoted.share_of_total,
        pivoted.stated_comparison,
        pivoted.first_line_no,
        pivoted.source_ref,
        pivoted.is_ocr,
        pivoted.ocr_confidence
    from pivoted
    left join function_classes
        on pivoted.class_base = case
            when {{ dbt.right('function_classes.function_name', 2) }} = '支出'
                then substr(function_classes.function_name, 1, length(function_classes.function_name) - 2)
            else function_classes.function_name
        end
)

select * from final
