with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

jurisdictions as (
    select * from {{ ref('ref_jurisdictions') }}
    where jurisdiction_level <> 'province'
),

hotline_rules as (
    select * from {{ ref('hotline_unit_name_patterns') }}
),

departments as (
    select distinct
        department_id,
        department_name,
        jurisdiction_name,
        province_name
    from documents
    where department_name is not null
),

-- A name printed in two provinces (普陀区) is resolved by the province the text prints.
matched as (
    select
        departments.department_id,
        departments.department_name,
        departments.jurisdiction_name,
        coalesce(departments.province_name, jurisdictions.province) as province,
        jurisdictions.city as seed_city,
        jurisdictions.jurisdiction_level,
        row_number() over (
            partition by departments.department_id
            order by case when jurisdictions.province = departments.province_name then 0 else 1 end
        ) as match_rank
    from departments
    left join jurisdictions
        on departments.jurisdiction_name = jurisdictions.jurisdiction_name
),

final as (
    select
        department_id,
        department_name,
        province,
        case
            when jurisdiction_level = 'prefecture' then jurisdiction_name
            else nullif(seed_city, '')
        end as city,
        case when jurisdiction_level = 'county' then jurisdiction_name end as county,
        jurisdiction_name,
        jurisdiction_level,
        exists (
            select 1 from hotline_rules
            where strpos(matched.department_name, hotline_rules.name_fragment) > 0
        ) as is_hotline_unit
    from matched
    where match_rank = 1
)

select * from final
