-- Departments that are themselves hotline units (天门市12345公共服务热线中心) with their
-- 本年支出合计 per fiscal year: the table figure when there is one, else the narrative's.
with departments as (
    select * from {{ ref('dim_department') }}
),

finance as (
    select * from {{ ref('fct_department_finance') }}
),

stated as (
    select
        departments.department_id,
        departments.department_name,
        departments.jurisdiction_name,
        departments.province,
        finance.fiscal_year,
        finance.document_id,
        finance.source,
        finance.amount_yuan,
        finance.source_ref,
        row_number() over (
            partition by departments.department_id, finance.fiscal_year
            order by case finance.source when 'table' then 0 else 1 end, finance.document_id, finance.source_ref
        ) as source_rank
    from departments
    inner join finance
        on departments.department_id = finance.department_id
    where departments.is_hotline_unit
        and finance.metric = 'current_expenditure'
        and finance.amount_yuan is not null
),

final as (
    select
        {{ dbt.concat(["'department_total|'", "department_id", "'|'", dbt.cast("fiscal_year", api.Column.translate_type("string"))]) }}
            as line_id,
        department_id,
        department_name,
        jurisdiction_name,
        province,
        fiscal_year,
        document_id,
        source as amount_source,
        cast(amount_yuan as decimal(20, 2)) as spending_yuan,
        source_ref
    from stated
    where source_rank = 1
)

select * from final
