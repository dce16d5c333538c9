with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

build_runs as (
    select * from {{ ref('stg_raw__build_runs') }}
),

final as (
    select
        documents.document_id,
        documents.source_path,
        documents.file_name,
        documents.doc_type,
        documents.department_id,
        documents.fiscal_year,
        documents.title,
        documents.title_year,
        documents.file_format,
        documents.money_unit,
        documents.is_template,
        documents.parse_status,
        source_files.content_sha256,
        source_files.byte_size,
        source_files.modified_at as file_modified_at,
        source_files.publication_url,
        source_files.publication_date,
        build_runs.built_at,
        build_runs.code_commit,
        documents.template_tables_found,
        documents.template_tables_missing,
        documents.table_rows_read,
        documents.identities_checked,
        documents.identities_closed,
        case
            when documents.identities_checked > 0
                then cast(cast(documents.identities_closed as decimal(10, 4)) / documents.identities_checked as decimal(5, 4))
        end as identities_closed_share,
        documents.quality_grade
    from documents
    left join source_files on documents.source_path = source_files.source_path
    left join build_runs on true
)

select * from final
