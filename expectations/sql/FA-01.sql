-- 收入支出决算总表: 收入 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
select * from dq_summary_total(
    'income',
    'income_total',
    ['current_income', 'non_fiscal_balance_used', 'carryover_begin'],
    '收入支出决算总表: 收入总计',
    '本年收入合计 + 使用非财政拨款结余 + 年初结转和结余'
)
