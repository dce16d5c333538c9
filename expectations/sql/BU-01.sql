-- 收支预算总表 balances: 收入合计 / 收入总计 = 支出合计 / 支出总计
select * from dq_template_sums('BU-01')
