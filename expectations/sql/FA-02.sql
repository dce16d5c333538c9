-- 收入支出决算总表: 支出 总计 = 本年支出合计 + 结余分配 + 年末结转和结余
select * from dq_summary_total(
    'expenditure',
    'expenditure_total',
    ['current_expenditure', 'balance_distribution', 'carryover_end'],
    '收入支出决算总表: 支出总计',
    '本年支出合计 + 结余分配 + 年末结转和结余'
)
