{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents(unattached=true) }}"
) }}

-- dq.ingest_issues: every problem met while reading a document (contract table).
with issues as (
    select * from {{ ref('stg_raw__ingest_issues') }}
)

select
    document_id,
    source_path,
    stage,
    severity,
    message,
    line_no,
    page_no
from issues
{{ refreshed_documents_only(unattached=true) }}
