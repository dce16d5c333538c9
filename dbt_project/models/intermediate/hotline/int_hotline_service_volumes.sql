-- The service volume each hotline spending line reports: one row per line that has one.
-- A volume read from an indicator row belongs to the evaluated project whose table states it;
-- a volume read from prose belongs to the only hotline line its document speaks of (a document
-- with two different hotline lines leaves its prose volumes unassigned: they cannot be told apart).
-- A hotline unit's line takes the volumes of its own documents of that year.
-- Staff numbers (measure operators) are not a service volume.
with volumes as (
    select * from {{ ref('stg_raw__service_volumes') }}
),

measures as (
    select * from {{ ref('hotline_volume_measures') }}
),

project_lines as (
    select * from {{ ref('int_hotline_project_lines') }}
),

department_totals as (
    select * from {{ ref('int_hotline_department_totals') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

service_volumes as (
    select volumes.*, measures.priority
    from volumes
    inner join measures
        on volumes.measure = measures.measure
    where measures.is_service_volume
),

from_indicators as (
    select distinct
        project_lines.line_id,
        service_volumes.*,
        0 as source_rank
    from service_volumes
    inner join project_lines
        on service_volumes.document_id = project_lines.document_id
        and service_volumes.project_key = project_lines.project_key
),

lines_per_document as (
    select document_id, min(line_id) as line_id
    from project_lines
    group by document_id
    having count(distinct line_id) = 1
),

from_prose as (
    select
        lines_per_document.line_id,
        service_volumes.*,
        1 as source_rank
    from service_volumes
    inner join lines_per_document
        on service_volumes.document_id = lines_per_document.document_id
    where service_volumes.project_key is null
),

from_unit_documents as (
    select
        department_totals.line_id,
        service_volumes.*,
        case when service_volumes.project_key is null then 1 else 0 end as source_rank
    from service_volumes
    inner join documents
        on service_volumes.document_id = documents.document_id
    inner join department_totals
        on documents.department_id = department_totals.department_id
        and documents.fiscal_year = department_totals.fiscal_year
),

candidates as (
    select * from from_indicators
    union all
    select * from from_prose
    union all
    select * from from_unit_documents
),

ranked as (
    select
        *,
        row_number() over (
            partition by line_id
            order by priority, source_rank, volume desc, document_id, line_no
        ) as volume_rank,
        count(distinct measure) over (partition by line_id) as measures_stated
    from candidates
),

final as (
    select
        line_id,
        volume as service_volume,
        unit as service_volume_unit,
        measure as service_volume_measure,
        label as service_volume_label,
        measures_stated,
        document_id as service_volume_document_id,
        source_ref as service_volume_source_ref
    from ranked
    where volume_rank = 1
)

select * from final
