with source as (
    select * from {{ source('raw', 'perf_projects') }}
)

select
    document_id,
    project_key,
    project_name,
    evaluation_kind,
    fiscal_year,
    department_name,
    {{ to_yuan('budget', 'unit') }} as budget_yuan,
    {{ to_yuan('executed', 'unit') }} as executed_yuan,
    execution_rate,
    total_weight,
    total_score,
    grade,
    score_bands,
    execution_weight,
    execution_score,
    unit,
    line_no,
    page_no,
    source_ref
from source
