with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

jurisdictions as (
    select * from {{ ref('ref_jurisdictions') }}
),

hotline_rules as (
    select * from {{ ref('hotline_unit_name_patterns') }}
),

-- ingest resolved each department's jurisdiction to a division of the national list (its code)
departments as (
    select distinct
        department_id,
        department_name,
        jurisdiction_code
    from documents
    where department_name is not null
),

final as (
    select
        departments.department_id,
        departments.department_name,
        nullif(jurisdictions.province, '') as province,
        case
            when jurisdictions.jurisdiction_level = 'prefecture' then jurisdictions.jurisdiction_name
            else nullif(jurisdictions.city, '')
        end as city,
        case when jurisdictions.jurisdiction_level = 'county' then jurisdictions.jurisdiction_name end as county,
        jurisdictions.jurisdiction_name,
        jurisdictions.division_code as jurisdiction_code,
        jurisdictions.jurisdiction_level,
        exists (
            select 1 from hotline_rules
            where strpos(departments.department_name, hotline_rules.name_fragment) > 0
        ) as is_hotline_unit
    from departments
    left join jurisdictions
        on departments.jurisdiction_code = jurisdictions.division_code
)

select * from final
