{#- Indicator rows with their level-1 category (seed ref_level1_categories) and the numbers in their
    target / actual texts (macros/performance_values.sql). One row per indicator. -#}

with indicators as (
    select * from {{ ref('stg_raw__perf_indicators') }}
),

categories as (
    select * from {{ ref('ref_level1_categories') }}
),

parsed as (
    select
        indicators.document_id,
        indicators.project_key,
        indicators.seq,
        indicators.level1_name,
        indicators.level2_name,
        indicators.level3_name,
        categories.level1_canonical,
        indicators.target_text,
        indicators.actual_text,
        {{ indicator_value('indicators.target_text') }} as target_value,
        {{ indicator_value('indicators.actual_text') }} as actual_value,
        {{ indicator_value_unit('indicators.target_text') }} as target_unit,
        {{ indicator_value_unit('indicators.actual_text') }} as actual_unit,
        indicators.weight,
        indicators.score,
        indicators.deviation_note,
        indicators.line_no,
        indicators.page_no,
        indicators.source_ref
    from indicators
    left join categories
        on indicators.level1_name = categories.level1_name
),

final as (
    select
        document_id,
        project_key,
        seq,
        level1_name,
        level2_name,
        level3_name,
        level1_canonical,
        target_text,
        actual_text,
        target_value,
        actual_value,
        coalesce(actual_unit, target_unit) as value_unit,
        weight,
        score,
        deviation_note,
        line_no,
        page_no,
        source_ref
    from parsed
)

select * from final
