with source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        document_id,
        source_path,
        file_name,
        file_format,
        byte_size,
        line_count,
        page_count,
        coalesce(doc_type, 'unknown') as doc_type,
        title,
        department_name,
        jurisdiction_name,
        jurisdiction_code,
        province_name,
        fiscal_year,
        title_year,
        money_unit,
        coalesce(is_template, false) as is_template,
        printed_title,
        parse_status,
        template_tables_found,
        template_tables_missing,
        table_rows_read,
        identities_checked,
        identities_closed,
        quality_grade,
        -- no department name (the blank template, an unreadable file): no department
        case when department_name is not null then {{ department_key('department_name', 'jurisdiction_name') }} end
            as department_id
    from source
)

select * from renamed
