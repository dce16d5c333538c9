{#- Data tests in a refresh: a test of a relation whose rows are kept per document sees only the
    refreshed documents' rows, so that what a refresh costs follows what changed, not the size of
    the warehouse. A full build (--full-refresh) runs every test on whole relations.

    Why a scoped test cannot pass a wrong warehouse: a refresh runs with the dbt project that built
    the published warehouse (warehouse_build/refresh.py: other models, tests or macros make the
    build a full one), and that build passed every test. A relation scoped here holds, for a
    document that was not refreshed, the very rows that passed then: an incremental model keeps
    them as they were (refreshed_documents.sql), and a model declaring `meta: {rows_of_own_document:
    true}` computes them from that document's raw rows (carried over unchanged) and the seeds
    (unchanged) alone. So only the refreshed documents' rows can be new, and a test whose verdict
    on a row depends on the rows of the same document sees all of them:
    - a row test (not_null, not_null_columns, accepted_values): on the refreshed documents' rows;
    - unique_key_columns with document_id in the key: two rows of one key are of one document;
    - unique: on the rows that share a value with a refreshed document's row (a duplicate among
      the others' rows would have failed the build that published them);
    - relationships: on the refreshed documents' rows, when the parent cannot lose a key an
      unchanged document refers to: a seed or a model of seeds alone (unchanged), a relation
      scoped here, or a model declaring `meta: {keys_of_own_document: true}` (each document's
      own rows put its keys there, whatever the other documents hold);
    - rows without a document (document_id null: issues about a file that could not be read)
      belong to every refresh and are always tested.
    Every other test, and every test of a relation without those guarantees (tables that compare
    documents, the seeds), runs on the whole relation. The test's own `where` config still applies.

    dbt wraps the relation of every generic test in get_where_subquery; this project's version
    replaces dbt's. -#}

{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where %}{% do conditions.append('(' ~ where ~ ')') %}{% endif -%}
    {%- set scope = refreshed_test_scope(relation) -%}
    {%- if scope %}{% do conditions.append('(' ~ scope ~ ')') %}{% endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{#- The condition that keeps a test to the refreshed documents' rows, or '' when it runs whole. -#}
{% macro refreshed_test_scope(relation) -%}
    {%- if flags.FULL_REFRESH or not reads_refreshed_documents() or model.resource_type != 'test' -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set tested = graph.nodes.get(model.attached_node) if model.attached_node else none -%}
    {%- if tested is none or not rows_are_kept_per_document(tested) -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set test_name = model.test_metadata.name if model.test_metadata else '' -%}
    {%- set kwargs = model.test_metadata.kwargs if model.test_metadata else {} -%}
    {%- set refreshed = refreshed_documents_condition(unattached=true) -%}
    {%- if test_name in ('not_null', 'not_null_columns', 'accepted_values') -%}
        {%- do return(refreshed) -%}
    {%- elif test_name == 'unique_key_columns' and 'document_id' in kwargs.get('columns', []) -%}
        {%- do return(refreshed) -%}
    {%- elif test_name == 'unique' -%}
        {%- set column = kwargs.get('column_name') -%}
        {%- do return(column ~ ' in (select ' ~ column ~ ' from ' ~ relation ~ ' where ' ~ refreshed ~ ')') -%}
    {%- elif test_name == 'relationships' and parent_keeps_keys(model) -%}
        {%- do return(refreshed) -%}
    {%- endif -%}
    {%- do return('') -%}
{%- endmacro %}

{#- Whether a refresh leaves a document's rows of this model as the published build had them. -#}
{% macro rows_are_kept_per_document(node) -%}
    {%- do return(
        node.resource_type == 'model' and 'document_id' in node.columns
        and (node.config.materialized == 'incremental' or node.config.meta.get('rows_of_own_document', false))
    ) -%}
{%- endmacro %}

{#- Whether the parent of a relationships test holds every key an unchanged document refers to. -#}
{% macro parent_keeps_keys(test) -%}
    {%- set parents = test.depends_on.nodes | reject('equalto', test.attached_node) | list -%}
    {%- if parents | length != 1 or parents[0] not in graph.nodes -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- set parent = graph.nodes[parents[0]] -%}
    {%- do return(
        parent.resource_type == 'seed'
        or rows_are_kept_per_document(parent)
        or (parent.resource_type == 'model' and (
            parent.config.meta.get('keys_of_own_document', false) or made_of_seeds_alone(parent)))
    ) -%}
{%- endmacro %}

{% macro made_of_seeds_alone(node) -%}
    {%- set others = [] -%}
    {%- for input in node.depends_on.nodes if not input.startswith('seed.') %}{% do others.append(input) %}{% endfor -%}
    {%- do return(node.depends_on.nodes | length > 0 and not others) -%}
{%- endmacro %}
