{#- Models keyed by document are incremental: a refresh rebuilds only the rows of the documents
    ingest landed or removed (raw.refreshed_documents), leaving every other document's rows as the
    published warehouse had them. A model's rows must depend on its own document's raw rows only
    (and on seeds): a model that compares documents stays a table, rebuilt whole.

    Before the insert, the refreshed documents' rows go (pre_hook delete_refreshed_documents): so a
    removed document, or one that now yields no row, leaves nothing behind. The insert selects the
    same documents (refreshed_documents_only). A build into a new database (a full refresh) finds
    no table yet and builds each model whole. `unattached`: rows without a document (an issue about
    a file that could not be identified) belong to every refresh. -#}

{#- The refreshed documents are written into the statement as a list of constants: DuckDB then
    filters every raw table of the model's lineage by them (a subquery would be a join after the
    windows and aggregates, which would run over every document). -#}
{% macro refreshed_documents_condition(unattached=false) -%}
    {%- set ids = refreshed_document_ids() if execute else [] -%}
    document_id in (
        {%- for id in ids %}'{{ id | replace("'", "''") }}'{% if not loop.last %}, {% endif %}{% endfor -%}
        {%- if not ids %}null{% endif -%}
    )
    {%- if unattached %} or document_id is null{% endif %}
{%- endmacro %}

{#- The ids are read once per dbt invocation, not by each of the two hundred tests and models that
    list them: each query costs dbt's bookkeeping of a statement, many times DuckDB's time. `graph`
    is the one object every node of an invocation shares; dbt builds it anew when it starts, so the
    ids are never those of an earlier invocation. -#}
{% macro refreshed_document_ids() -%}
    {%- if 'refreshed_document_ids' not in graph -%}
        {%- set query = "select document_id from " ~ source('raw', 'refreshed_documents') ~ " order by 1" -%}
        {%- do graph.update({'refreshed_document_ids': run_query(query).columns[0].values()}) -%}
    {%- endif -%}
    {%- do return(graph['refreshed_document_ids']) -%}
{%- endmacro %}

{#- Only the commands that build or test the warehouse read the refreshed documents. docs generate
    (and compile) describe the models, not the rows: their SQL is a full build's, the same whatever
    the refresh, and does not list every document of a full build in every test and model. -#}
{% macro reads_refreshed_documents() -%}
    {%- do return(execute and flags.WHICH in ('build', 'run', 'test')) -%}
{%- endmacro %}

{% macro refreshed_documents_only(unattached=false) -%}
    {%- if is_incremental() and reads_refreshed_documents() %}
where {{ refreshed_documents_condition(unattached) }}
    {%- endif %}
{%- endmacro %}

{% macro delete_refreshed_documents(unattached=false) -%}
    {%- if is_incremental() and reads_refreshed_documents() %}
delete from {{ this }} where {{ refreshed_documents_condition(unattached) }}
    {%- endif %}
{%- endmacro %}
