with source as (
    select * from {{ source('raw', 'source_files') }}
)

select
    document_id,
    source_path,
    content_sha256,
    byte_size,
    modified_at,
    publication_url,
    publication_date
from source
