-- “三公”经费预算表, every measure: 合计 = 因公出国（境）费 + 公务用车购置及运行（维护）费 + 公务接待费; 公务用车 =
-- 购置费 + 运行（维护）费; a 合计 printed beside 会议费 and 培训费 = “三公” + 会议费 + 培训费; no figure is negative
select * from dq_template_three_public('BU-08')
