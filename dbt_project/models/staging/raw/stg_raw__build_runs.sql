with source as (
    select * from {{ source('raw', 'build_runs') }}
)

select
    built_at,
    code_commit,
    raw_dir
from source
