-- Each standard table of the budget template (the national 部门预算 tables 01–08) is present in a budget,
-- or printed without figures (with its note)
select * from dq_template_tables_present('budget')
