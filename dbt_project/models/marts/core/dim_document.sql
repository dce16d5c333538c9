with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

final as (
    select
        document_id,
        source_path,
        file_name,
        doc_type,
        department_id,
        fiscal_year,
        title,
        title_year,
        file_format,
        money_unit,
        is_template,
        parse_status
    from documents
)

select * from final
