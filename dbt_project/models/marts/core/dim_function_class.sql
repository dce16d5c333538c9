with seeded as (
    select * from {{ ref('ref_function_classes') }}
),

final as (
    select
        cast(function_code as varchar) as function_code,
        cast(case length(cast(function_code as varchar)) when 3 then 1 when 5 then 2 else 3 end as integer)
            as function_level,
        function_name,
        cast(case length(cast(function_code as varchar))
            when 5 then substr(cast(function_code as varchar), 1, 3)
            when 7 then substr(cast(function_code as varchar), 1, 5)
        end as varchar) as parent_code
    from seeded
)

select * from final
