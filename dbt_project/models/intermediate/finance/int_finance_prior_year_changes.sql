{#- One row per change on the previous year the narrative states ("年初结转和结余0万元，较2021年减少
    11.15万元，下降100%"; 000 line 44): the change in money and in percent, paired within their
    sentence, with the figure of this year the same sentence states for the same metric and subject.

    Figures pair by document, metric, subject and sentence; the k-th change amount of a sentence goes
    with its k-th change rate. Either may be missing ("增加4.23万元，增长%", 000 line 176: no rate).
    Nothing is computed across sentences: a change whose sentence states no figure of this year has
    no current amount, so no previous-year amount. -#}

with figures as (
    select * from {{ ref('stg_raw__narrative_figures') }}
    where measure in ('change_amount', 'change_rate', 'amount', 'final')
),

keyed as (
    select
        *,
        coalesce(subject, '') as subject_key,
        row_number() over (
            partition by document_id, metric, coalesce(subject, ''), context, measure
            order by page_no, line_no, source_ref
        ) as ordinal
    from figures
),

amounts as (
    select * from keyed where measure = 'change_amount'
),

rates as (
    select * from keyed where measure = 'change_rate'
),

-- this year's figure of the sentence: 'final' for an expenditure category, 'amount' otherwise
current_figures as (
    select * from keyed
    where (metric = 'category_budget_vs_final' and measure = 'final')
        or (metric <> 'category_budget_vs_final' and measure = 'amount')
),

paired as (
    select
        coalesce(amounts.document_id, rates.document_id) as document_id,
        coalesce(amounts.metric, rates.metric) as metric,
        coalesce(amounts.subject_key, rates.subject_key) as subject_key,
        coalesce(amounts.context, rates.context) as context,
        amounts.amount_yuan as change_yuan,
        amounts.printed as change_printed,
        amounts.unit as change_unit,
        amounts.source_ref as change_source_ref,
        rates.rate as change_rate,
        rates.source_ref as rate_source_ref,
        coalesce(amounts.page_no, rates.page_no) as page_no,
        coalesce(amounts.line_no, rates.line_no) as line_no,
        coalesce(amounts.source_ref, rates.source_ref) as source_ref,
        coalesce(amounts.is_ocr, false) or coalesce(rates.is_ocr, false) as is_ocr,
        least(amounts.ocr_confidence, rates.ocr_confidence) as ocr_confidence
    from amounts
    full outer join rates
        on amounts.document_id = rates.document_id
        and amounts.metric = rates.metric
        and amounts.subject_key = rates.subject_key
        and amounts.context = rates.context
        and amounts.ordinal = rates.ordinal
),

with_current as (
    select
        paired.*,
        current_figures.amount_yuan as current_yuan,
        current_figures.source_ref as current_source_ref,
        coalesce(current_figures.is_ocr, false) as current_is_ocr,
        current_figures.ocr_confidence as current_ocr_confidence,
        row_number() over (
            partition by paired.document_id, paired.metric, paired.subject_key, paired.context, paired.line_no,
                paired.page_no, paired.source_ref
            order by current_figures.page_no, current_figures.line_no
        ) as current_rank
    from paired
    left join current_figures
        on paired.document_id = current_figures.document_id
        and paired.metric = current_figures.metric
        and paired.subject_key = current_figures.subject_key
        and paired.context = current_figures.context
),

final as (
    select
        document_id,
        metric,
        nullif(subject_key, '') as subject,
        cast(current_yuan as decimal(20, 2)) as current_yuan,
        cast(change_yuan as decimal(20, 2)) as change_yuan,
        cast(change_rate as decimal(18, 6)) as change_rate,
        cast(current_yuan - change_yuan as decimal(20, 2)) as previous_year_yuan,
        -- "较2021年" names the year compared with; "较上年" / "同比" say the year before
        cast(nullif(regexp_extract(context, '(?:较|比|与)(20[0-9][0-9])年', 1), '') as integer) as compared_year_stated,
        change_printed,
        change_unit,
        page_no,
        line_no,
        source_ref,
        rate_source_ref,
        current_source_ref,
        is_ocr or current_is_ocr as is_ocr,
        cast(least(ocr_confidence, current_ocr_confidence) as decimal(5, 4)) as ocr_confidence
    from with_current
    where current_rank = 1
)

select * from final
