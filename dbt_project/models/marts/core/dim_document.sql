with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

source_files as (
    select * from {{ ref('stg_raw__source_files') }}
),

build_runs as (
    select * from {{ ref('stg_raw__build_runs') }}
),

-- documents with a figure read by OCR from a page image (a scan): their grade is a reading of
-- images, and a figure of theirs that breaks an identity is a probable misread
read_by_ocr as (
    select distinct document_id from {{ ref('stg_raw__fa_values') }} where is_ocr
    union
    select distinct document_id from {{ ref('stg_raw__narrative_figures') }} where is_ocr
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
        documents.quality_grade,
        read_by_ocr.document_id is not null as read_by_ocr
    from documents
    left join read_by_ocr on documents.document_id = read_by_ocr.document_id
    left join source_files on documents.source_path = source_files.source_path
    left join build_runs on true
)

select * from final
