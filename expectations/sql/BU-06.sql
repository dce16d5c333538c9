-- Across budget tables: 支出预算表 / 收入预算表 合计 = 收支预算总表; each 类 of 支出预算表 = its row in the
-- 收支预算总表; 一般公共预算支出表 合计 = 财政拨款收支预算总表 一般公共预算; its 基本支出 = 一般公共预算基本
-- 支出表 合计; 财政拨款支出预算表 合计 = 财政拨款收支预算总表 收入合计
select * from dq_template_sums('BU-06')
union all
select * from dq_template_class_matches('BU-06')
