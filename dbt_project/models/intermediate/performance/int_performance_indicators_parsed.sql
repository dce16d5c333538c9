{#- Indicator rows with their level-1 category (seed ref_level1_categories), the comparison their
    target states, the numbers in their target / actual texts (macros/performance_values.sql) and
    whether the target was met. One row per indicator.

    - Operator: the longest prefix of the target in seed ref_indicator_operators ("≤49万元" -> <=);
      printed without one, the seed ref_indicator_default_operators by name (a 成本 target is a
      ceiling), else >= (a level to reach). comparison_operator_basis says which.
    - Units: a number printed without a unit takes the unit the table's header prints for the cell
      (000 prints "42" under 项目资金（万元）: 420000 元).
    - target_met: the actual against the target with that operator, when both are numbers in the same
      unit ("≤49万元" against "48.83万元": met); an actual that is itself a bound ("≤49万元") or an
      approximate target (约) tells nothing. Texts that are not numbers: met when the actual is the
      target word for word ("按计划完成"); otherwise unknown. -#}

with indicators as (
    select * from {{ ref('stg_raw__perf_indicators') }}
),

categories as (
    select * from {{ ref('ref_level1_categories') }}
),

operators as (
    select * from {{ ref('ref_indicator_operators') }}
),

default_operators as (
    select * from {{ ref('ref_indicator_default_operators') }}
),

target_operators as (
    select
        indicators.document_id,
        indicators.project_key,
        indicators.seq,
        operators.printed_prefix,
        operators.comparison_operator
    from indicators
    inner join operators
        on substr(trim(indicators.target_text), 1, length(operators.printed_prefix)) = operators.printed_prefix
    qualify row_number() over (
        partition by indicators.document_id, indicators.project_key, indicators.seq
        order by length(operators.printed_prefix) desc
    ) = 1
),

actual_operators as (
    select distinct
        indicators.document_id,
        indicators.project_key,
        indicators.seq
    from indicators
    inner join operators
        on substr(trim(indicators.actual_text), 1, length(operators.printed_prefix)) = operators.printed_prefix
),

named_defaults as (
    select
        indicators.document_id,
        indicators.project_key,
        indicators.seq,
        default_operators.comparison_operator
    from indicators
    inner join default_operators
        on {{ dbt.position('default_operators.name_fragment', "coalesce(indicators.level2_name, '')") }} > 0
        or {{ dbt.position('default_operators.name_fragment', "coalesce(indicators.level3_name, '')") }} > 0
    qualify row_number() over (
        partition by indicators.document_id, indicators.project_key, indicators.seq
        order by default_operators.name_fragment
    ) = 1
),

with_operators as (
    select
        indicators.*,
        categories.level1_canonical,
        -- the number after a worded operator ("不低于95%" -> "95%"); symbols are read by the macros too
        case
            when target_operators.printed_prefix is not null
                then trim(substr(trim(indicators.target_text), length(target_operators.printed_prefix) + 1))
            else indicators.target_text
        end as target_number_text,
        coalesce(target_operators.comparison_operator, named_defaults.comparison_operator, '>=')
            as comparison_operator,
        case when target_operators.comparison_operator is not null then 'printed' else 'assumed' end
            as comparison_operator_basis,
        actual_operators.seq is not null as actual_is_bound
    from indicators
    left join categories
        on indicators.level1_name = categories.level1_name
    left join target_operators
        on indicators.document_id = target_operators.document_id
        and indicators.project_key = target_operators.project_key
        and indicators.seq = target_operators.seq
    left join named_defaults
        on indicators.document_id = named_defaults.document_id
        and indicators.project_key = named_defaults.project_key
        and indicators.seq = named_defaults.seq
    left join actual_operators
        on indicators.document_id = actual_operators.document_id
        and indicators.project_key = actual_operators.project_key
        and indicators.seq = actual_operators.seq
),

numbers as (
    select
        *,
        {{ indicator_value('target_number_text') }} as target_printed_value,
        {{ indicator_value('actual_text') }} as actual_printed_value,
        {{ indicator_value_unit('target_number_text') }} as target_printed_unit,
        {{ indicator_value_unit('actual_text') }} as actual_printed_unit
    from with_operators
),

-- a number printed without a unit is in the unit of its header: 万元 is multiplied out to 元
in_header_units as (
    select
        *,
        target_printed_value * case when target_printed_unit is null and header_unit = '万元' then 10000 else 1 end
            as target_value,
        actual_printed_value * case when actual_printed_unit is null and header_unit = '万元' then 10000 else 1 end
            as actual_value,
        coalesce(
            target_printed_unit,
            case when target_printed_value is not null and header_unit in ('万元', '元') then '元' end
        ) as target_unit,
        coalesce(
            actual_printed_unit,
            case when actual_printed_value is not null and header_unit in ('万元', '元') then '元' end
        ) as actual_unit
    from numbers
),

judged as (
    select
        *,
        case
            when actual_is_bound or comparison_operator = '≈' then null
            when target_value is not null and actual_value is not null
                and coalesce(target_unit, '') = coalesce(actual_unit, '')
                then case comparison_operator
                    when '>=' then actual_value >= target_value
                    when '<=' then actual_value <= target_value
                    when '>' then actual_value > target_value
                    when '<' then actual_value < target_value
                    when '=' then actual_value = target_value
                end
            when target_value is null and actual_value is null
                and replace(target_text, ' ', '') = replace(actual_text, ' ', '')
                then true
        end as target_met,
        case
            when actual_is_bound or comparison_operator = '≈' then null
            when target_value is not null and actual_value is not null
                and coalesce(target_unit, '') = coalesce(actual_unit, '')
                then 'numbers'
            when target_value is null and actual_value is null
                and replace(target_text, ' ', '') = replace(actual_text, ' ', '')
                then 'same_text'
        end as target_met_basis
    from in_header_units
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
        cast(target_value as decimal(24, 6)) as target_value,
        cast(actual_value as decimal(24, 6)) as actual_value,
        coalesce(actual_unit, target_unit) as value_unit,
        comparison_operator,
        comparison_operator_basis,
        target_met,
        target_met_basis,
        weight,
        score,
        deviation_note,
        line_no,
        page_no,
        source_ref
    from judged
)

select * from final
