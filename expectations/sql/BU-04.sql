-- Every row of a budget table: 合计 = Σ its parts (收入预算表: 收入来源; 支出预算表, 一般公共预算支出表,
-- 财政拨款支出预算表, fund tables: 基本支出 + 项目支出 (+ 单位预留机动经费); 基本支出表: 人员经费 + 公用经费;
-- a 单位预算's 收支预算总表: 人员经费 + 公用经费 + 项目支出)
select * from dq_template_row_sums('BU-04')
