-- The headline cross-city comparison: one row per jurisdiction and fiscal year, with the
-- unit cost only where one volume of one kind covers all of that year's hotline spending, and a
-- flag saying whether other jurisdiction-years count the same thing.
with lines as (
    select * from {{ ref('mart_hotline_spending') }}
),

measures as (
    select * from {{ ref('hotline_volume_measures') }}
),

per_year as (
    select
        province,
        jurisdiction_name,
        fiscal_year,
        sum(spending_yuan) as spending_yuan,
        count(*) as spending_lines,
        count(service_volume) as lines_with_volume,
        min(spending_basis) as first_basis,
        max(spending_basis) as last_basis,
        min(service_volume_measure) as first_measure,
        max(service_volume_measure) as last_measure,
        min(service_volume_unit) as first_unit,
        max(service_volume_unit) as last_unit,
        sum(service_volume) as volume_sum
    from lines
    group by province, jurisdiction_name, fiscal_year
),

with_volume as (
    select
        *,
        lines_with_volume = spending_lines
            and first_measure = last_measure
            and first_unit = last_unit as volume_covers_spending
    from per_year
),

comparable as (
    select
        with_volume.*,
        sum(case when volume_covers_spending then 1 else 0 end) over (partition by first_measure) - 1
            as others_counting_same
    from with_volume
),

final as (
    select
        {{ dbt.concat(["coalesce(comparable.province, '')", "'|'", "comparable.jurisdiction_name", "'|'",
            dbt.cast("comparable.fiscal_year", api.Column.translate_type("string"))]) }} as comparison_id,
        comparable.jurisdiction_name,
        comparable.province,
        cast(comparable.fiscal_year as integer) as fiscal_year,
        cast(comparable.spending_yuan as decimal(20, 2)) as spending_yuan,
        case when comparable.first_basis = comparable.last_basis then comparable.first_basis else 'mixed' end
            as spending_basis,
        cast(comparable.spending_lines as integer) as spending_lines,
        cast(case when comparable.volume_covers_spending then comparable.volume_sum end as decimal(20, 2))
            as service_volume,
        case when comparable.volume_covers_spending then comparable.first_unit end as service_volume_unit,
        case when comparable.volume_covers_spending then comparable.first_measure end as service_volume_measure,
        case when comparable.volume_covers_spending then measures.counts_zh end as service_volume_counts,
        cast(
            case when comparable.volume_covers_spending
                then comparable.spending_yuan / nullif(comparable.volume_sum, 0) end
            as decimal(20, 2)
        ) as unit_cost_yuan,
        coalesce(comparable.volume_covers_spending and comparable.others_counting_same > 0, false)
            as is_volume_comparable,
        case
            when comparable.lines_with_volume = 0 then 'no service volume stated: no unit cost'
            when not comparable.volume_covers_spending
                then 'volumes do not cover every spending line with one measure: no unit cost'
            when comparable.others_counting_same > 0
                then 'unit cost comparable with the other jurisdiction-years whose volume counts '
                    || measures.counts || ' (' || comparable.first_measure || ')'
            else 'the only jurisdiction-year whose volume counts ' || measures.counts
                || ' (' || comparable.first_measure || '): unit cost not comparable with the others'
        end as comparability_note
    from comparable
    left join measures
        on comparable.first_measure = measures.measure
)

select * from final
