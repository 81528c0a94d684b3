"""Terms of 03 root cause: output columns, coded values and texts, each {"zh": ..., "en": ...}.

TEXTS holds, in this order: the headline labels of :func:`sqmkit.rootcause.findings`, the notes of
:func:`sqmkit.rootcause.section_status` / :func:`~sqmkit.rootcause.pareto_options`, the conclusion
sentences of :func:`sqmkit.rootcause.findings` (``rc_f_…``), the chart texts of
:mod:`sqmkit.rootcause.plots` (``rc_chart_…``), the check-list notes of
:func:`~sqmkit.rootcause.why_checklist` (``rc_check_…``) and the validation messages that
``sqmkit validate`` shows for the ``causes`` and ``whys`` tables (``rc_err_…``).
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}
TEXTS: dict[str, dict[str, str]] = {
    # the editors of 03 (sqmkit.rootcause.widgets) and the charts (sqmkit.rootcause.plots): what cannot be added or drawn
    "rc_widget_problem_incomplete": {"zh": "表 'problems'：新问题需要编号（如 PR01）和问题陈述；请两项都填写。",
                                     "en": "Table 'problems': the new problem needs an id (such as PR01) and a "
                                           "statement; write both."},
    "rc_widget_problem_exists": {"zh": "表 'problems' 已有 problem_id {pid}；请另选一个编号。",
                                 "en": "Table 'problems' already has the problem_id {pid}; pick another id."},
    "rc_widget_cause_blank": {"zh": "新原因没有内容；请写明原因是什么。", "en": "The new cause has no text; write what the cause is."},
    "rc_widget_parent_unknown": {"zh": "表 'causes' 的 'parent_id' 列：上级 {parent} 不是表中的 cause_id（现有 {ids}）；"
                                       "请选择已有的原因，或留空。",
                                 "en": "Table 'causes', column 'parent_id': the parent {parent} is not a cause_id of "
                                       "the table (it has {ids}); pick an existing cause or leave it blank."},
    "rc_widget_category_blank": {"zh": "新的主要原因没有类别；请选择一根鱼骨，如 人 机 料 法 环 测。",
                                 "en": "The new main cause has no category; pick a bone such as 人 机 料 法 环 测."},
    "rc_widget_step_incomplete": {"zh": "为什么步骤需要 chain_id 和回答（`because`）。",
                                  "en": "A why-step needs a chain_id and an answer (`because`)."},
    "rc_widget_chain_ended": {"zh": "表 'whys'：链 {chain} 已在根因处结束（第 {step} 步）；添加步骤前请先清除它的 root_cause 标记。",
                              "en": "Table 'whys': chain {chain} already ends at a root cause (step {step}); clear its "
                                    "root_cause flag before adding a step."},
    "rc_widget_first_why": {"zh": "链 {chain} 的第一步需要写出问题（`why`）。",
                            "en": "The first step of chain {chain} needs its question (`why`)."},
    "rc_plot_no_causes": {"zh": "没有可画的内容：causes 表为空，也没有给出 `categories`；请添加原因，或传入 "
                                "categories=preset_categories('6m')。",
                          "en": "There is nothing to draw: the causes table is empty and no `categories` were given; "
                                "add causes or pass categories=preset_categories('6m')."},
    "rc_plot_no_whys": {"zh": "没有可画的内容：whys 表为空；请添加一条链的各个步骤。",
                        "en": "There is nothing to draw: the whys table is empty; add the steps of a chain."},
    "rc_err_impact_effort": {"zh": "影响/投入矩阵需要同时给出 `impact` 和 `effort` 两个列名，或都不给（impact={impact}，effort={effort}）。",
                             "en": "Give both `impact` and `effort` column names for the impact/effort matrix, or "
                                   "neither (impact={impact}, effort={effort})."},
    "rc_why_default": {"zh": "为什么{because}？", "en": "Why {because}?"},   # the next 5-Why question, by default
    "rc_err_no_rows": {"zh": "表 '{table}' 没有数据行，无可排序；请先载入记录，再画帕累托图。",
                       "en": "Table '{table}' has no rows, so there is nothing to rank; load records before drawing a "
                             "Pareto chart."},
    # headline labels (results.json, index page)
    "complaints_total": {"zh": "投诉总量", "en": "Total complaints"},
    "weight_total": {"zh": "{weight} 合计", "en": "Total {weight}"},
    "vital_few_n": {"zh": "关键少数类别数", "en": "Vital-few categories"},
    "vital_few_categories": {"zh": "关键少数类别", "en": "The vital few"},
    "vital_few_share_pct": {"zh": "关键少数占比", "en": "Share of the vital few"},
    "category_change": {"zh": "{category} 变化", "en": "Change of {category}"},
    "causes_n": {"zh": "鱼骨图原因数", "en": "Causes on the fishbone"},
    "causes_verified_n": {"zh": "已验证原因数", "en": "Verified causes"},
    "why_chains_n": {"zh": "5-Why 链数", "en": "5-Why chains"},
    "root_causes_n": {"zh": "根因数", "en": "Root causes"},
    "chains_flagged": {"zh": "需复核的链", "en": "Chains flagged for review"},
    "root_causes_covered": {"zh": "已有对策的根因数", "en": "Root causes with an action"},
    "countermeasures_new": {"zh": "待制定对策数", "en": "Countermeasures still to define"},
    "largest_category": {"zh": "最大的投诉类别", "en": "Largest complaint category"},
    "workshop_on_largest": {"zh": "研讨的问题针对最大类别", "en": "Workshop studies the largest category"},
    "complaints_change_pct": {"zh": "分界日前后{what}变化", "en": "Change of {what} across the split"},
    "top_category_share_change_pts": {"zh": "{category} 占比变化（百分点）", "en": "Change of the share of {category} (points)"},
    "top_category_share_p": {"zh": "{category} 占比变化的 p 值（{test}）", "en": "{category}: p of the share change ({test})"},
    "top_cause": {"zh": "得分最高的原因", "en": "Highest-scored cause"},
    # notes of section_status and pareto_options (shown where a section cannot run)
    "rc_no_problem": {"zh": "工作簿没有列出研究的问题：在 `problems` 表中添加一行（problem_id、statement），鱼骨图的鱼头就是它。",
                      "en": "The workbook names no problem under study: add a row to the `problems` table (problem_id, "
                            "statement); it becomes the head of the fishbone."},
    "rc_no_pareto_column": {"zh": "投诉表没有 `{column}` 列（参数 `pareto_by`），帕累托图改按 `category` 排序。",
                            "en": "The complaints table has no `{column}` column (parameter `pareto_by`), so the "
                                  "Pareto "
                                  "ranks `category` instead."},
    "rc_no_weight_column": {"zh": "投诉表没有 `{column}` 列（参数 `pareto_weight`），帕累托图改按投诉件数排序。",
                            "en": "The complaints table has no `{column}` column (parameter `pareto_weight`), so the "
                                  "Pareto "
                                  "counts complaints instead."},
    "rc_weight_empty": {"zh": "`{column}` 列没有可加总的正数，帕累托图改按投诉件数排序。",
                        "en": "The `{column}` column holds no positive numbers to add up, so the Pareto counts "
                              "complaints "
                              "instead."},
    "rc_pooled": {"zh": "共 {total} 个类别；最小的 {n} 个合并为“(其他)”，以便图表可读（参数 `max_categories`），完整排名见导出的表格。",
                  "en": "{total} categories; the smallest {n} are pooled into “(other)” so the chart stays readable "
                        "(parameter `max_categories`); the exported table has the full ranking."},
    "rc_vital_pooled": {"zh": "关键少数共 {n} 个类别，其中 {hidden} 个在“(其他)”中。",
                        "en": "The vital few are {n} categories, {hidden} of them inside “(other)”."},
    "rc_no_split": {"zh": "没有分界日期：在 sqmkit.yaml 中设置 `intervention_date`，或传入参数 `split_date`，即可比较两个时期。",
                    "en": "No split date: set `intervention_date` in sqmkit.yaml or pass `split_date` to compare two "
                          "periods."},
    "rc_split_empty": {"zh": "{date} 之前有 {before} 条、之后有 {after} 条投诉；两个时期都要有记录才能比较。",
                       "en": "{before} complaint(s) fall before {date} and {after} on or after it; both periods need "
                             "records to be compared."},
    "rc_no_causes_for": {"zh": "`causes` 表中没有问题 {problem} 的原因：为它添加原因（problem_id = {problem}），"
                               "或用参数 `problem_id` 选择另一个问题。",
                         "en": "The `causes` table has no cause for problem {problem}: add causes with problem_id "
                               "{problem}, "
                               "or pick another problem with the parameter `problem_id`."},
    "rc_no_whys_for": {"zh": "`whys` 表中没有问题 {problem} 的 5-Why 链。",
                       "en": "The `whys` table has no 5-Why chain for problem {problem}."},
    "rc_no_roots": {"zh": "还没有已验证的原因，也没有 5-Why 链到达根因：先验证原因（`verified` 列）或完成 5-Why 链，再制定对策。",
                    "en": "No cause is verified and no 5-Why chain reaches a root yet: verify causes (the `verified` "
                          "column) or finish a 5-Why chain before planning countermeasures."},
    "rc_problem_header": {"zh": "**{client}** · {title} · 研究的问题：**{problem_id} {statement}**",
                          "en": "**{client}** · {title} · problem under study: **{problem_id} {statement}**"},
    # conclusion sentences of findings (templates; lists are joined with rc_sep)
    "rc_f_then": {"zh": "{first}{second}", "en": "{first} {second}"},
    "rc_what_count": {"zh": "投诉", "en": "complaints"},
    "rc_what_weight": {"zh": "{weight} 合计", "en": "total {weight}"},
    "rc_f_more": {"zh": "另外 {k} 个", "en": "{k} more"},
    "rc_f_item_pct": {"zh": "{category}（{pct:.0f}%）", "en": "{category} ({pct:.0f} %)"},
    "rc_f_vital": {"zh": "{n_total} 个类别中的 {n} 个——{items}——合计占全部{what}（{total:,.0f}）的 {share:.0f}%，是关键少数。",
                   "en": "{n} of {n_total} categories — {items} — make {share:.0f} % of the {total:,.0f} {what}; these "
                         "are the vital few."},
    "rc_f_one_category": {"zh": "全部 {total:,.0f} 条{what}都属于同一个类别“{category}”，帕累托图无法排序：改按更细的列排序"
                                "（参数 pareto_by，例如 subcategory）。",
                          "en": "All {total:,.0f} {what} fall in one category, {category}, so a Pareto cannot rank "
                                "them: "
                                "rank a finer column (parameter pareto_by, e.g. subcategory)."},
    "rc_f_largest": {"zh": "最大的类别是“{category}”（{value:,.0f}，占 {pct:.0f}%）。",
                     "en": "The largest category is {category} ({value:,.0f}, {pct:.0f} %)."},
    "rc_f_largest_tie": {"zh": "{items} 并列最大类别（各 {value:,.0f}，各占 {pct:.0f}%）。",
                         "en": "{items} tie as the largest category ({value:,.0f} each, {pct:.0f} % each)."},
    "rc_f_largest_blank": {"zh": "最大的一组是未填写类别的{what}（{value:,.0f}，占 {pct:.0f}%）：先补填它们的类别，"
                                 "否则帕累托图无法指出从哪里着手。",
                           "en": "The largest group is {what} without a category ({value:,.0f}, {pct:.0f} %): fill in "
                                 "their category, or the Pareto cannot say where to start."},
    "rc_f_few_records": {"zh": "只有 {total:,.0f} 条记录（少于 {min_records} 条）：再多几条记录排名就可能改变，请把它当作初步结果。",
                         "en": "Only {total:,.0f} records (fewer than {min_records}): a few more could change the "
                               "ranking, so read it as a first look."},
    "rc_f_workshop_matches": {"zh": "下面的根因研讨针对问题 {problem_id}“{statement}”，它对应的正是最大的类别“{category}”。",
                              "en": "The root-cause workshop below studies problem {problem_id} “{statement}”, which "
                                    "addresses the largest category, {category}."},
    "rc_f_workshop_other": {"zh": "下面的根因研讨针对问题 {problem_id}“{statement}”（{reason}），它对应的投诉类别是“{linked}”"
                                  "（{where}），而不是最大的类别“{category}”。要研讨最大的类别，请为它添加一个问题，"
                                  "或用参数 problem_id 选择对应的问题。",
                            "en": "The root-cause workshop below studies problem {problem_id} “{statement}” ({reason}),"
                                  " "
                                  "which addresses complaint category {linked} ({where}), not the largest category, "
                                  "{category}. To take the largest category into a workshop, add a problem for it or "
                                  "pick that problem with the parameter problem_id."},
    "rc_f_workshop_unlinked": {"zh": "下面的根因研讨针对问题 {problem_id}“{statement}”（{reason}）。问题表没有写明它对应哪个投诉类别，"
                                     "因此本报告不断定它就是最大的类别“{category}”；在 problems 表中加一列 category 即可把两者关联起来。",
                               "en": "The root-cause workshop below studies problem {problem_id} “{statement}” "
                                     "({reason}). "
                                     "The problems table does not say which complaint category it addresses, so this "
                                     "report does not claim it is the largest category, {category}; a category column "
                                     "in problems links the two."},
    "rc_f_rank_of": {"zh": "排名第 {rank}/{n}，占 {pct:.0f}%", "en": "ranked {rank} of {n}, {pct:.0f} %"},
    "rc_f_not_ranked": {"zh": "不在投诉类别中", "en": "not among the complaint categories"},
    "rc_reason_parameter": {"zh": "由参数 problem_id 选定", "en": "chosen with the parameter problem_id"},
    "rc_reason_worked": {"zh": "团队已为它列出原因或 5-Why 链", "en": "the problem the team listed causes or 5-Why chains for"},
    "rc_reason_first": {"zh": "问题表中的第一个问题", "en": "the first problem of the problems table"},
    "rc_reason_causes": {"zh": "取自原因表", "en": "named in the causes table"},
    "rc_dir_fell": {"zh": "下降", "en": "fell"},
    "rc_dir_rose": {"zh": "上升", "en": "rose"},
    "rc_f_total_moved": {"zh": "以 {date} 为分界：{what}从 {before:,.0f} {direction}到 {after:,.0f}（{change:+.0f}%）。",
                         "en": "Split at {date}: {what} {direction} from {before:,.0f} to {after:,.0f} "
                               "({change:+.0f} %)."},
    "rc_f_total_same": {"zh": "以 {date} 为分界：{what}前后都是 {before:,.0f}，没有变化。",
                        "en": "Split at {date}: {what} stayed at {before:,.0f} in both periods."},
    "rc_f_top_moved": {"zh": "原最大类别“{category}”从 {before:,.0f} {direction}到 {after:,.0f}（{change:+.0f}%）。",
                       "en": "The former top category, {category}, {direction} from {before:,.0f} to {after:,.0f} "
                             "({change:+.0f} %)."},
    "rc_f_top_same": {"zh": "原最大类别“{category}”前后都是 {before:,.0f}。",
                      "en": "The former top category, {category}, stayed at {before:,.0f}."},
    "rc_f_share_changed": {"zh": "它在全部{what}中的占比从 {s1:.1f}% 变为 {s2:.1f}%（{diff:+.1f} 个百分点，{test}，{p}）：占比确有{direction}。",
                           "en": "Its share of all {what} went from {s1:.1f} % to {s2:.1f} % ({diff:+.1f} points, "
                                 "{test}, {p}): the share {direction}."},
    "rc_f_share_no_evidence": {"zh": "它在全部{what}中的占比从 {s1:.1f}% 变为 {s2:.1f}%（{diff:+.1f} 个百分点，{test}，{p}）："
                                     "没有证据表明占比发生了变化。",
                               "en": "Its share of all {what} went from {s1:.1f} % to {s2:.1f} % ({diff:+.1f} points, "
                                     "{test}, {p}): no evidence that the share changed."},
    "rc_f_share_untested": {"zh": "它在全部{what}中的占比从 {s1:.1f}% 变为 {s2:.1f}%（{diff:+.1f} 个百分点；按权重合计时不做检验）。",
                            "en": "Its share of all {what} went from {s1:.1f} % to {s2:.1f} % ({diff:+.1f} points; "
                                  "weighted totals are not tested)."},
    "rc_test_chi2": {"zh": "χ² 检验", "en": "χ² test"},
    "rc_test_fisher": {"zh": "Fisher 精确检验", "en": "Fisher's exact test"},
    "rc_f_fishbone": {"zh": "团队在 {bones} 根大骨上列出了 {n} 个原因（其中 {sub} 个为子原因，最深 {depth} 层）。",
                      "en": "The team listed {n} causes on {bones} bones ({sub} of them sub-causes, deepest level "
                            "{depth})."},
    "rc_f_item_votes": {"zh": "{cause}（{votes:g} 票）", "en": "{cause} ({votes:g})"},
    "rc_f_top_voted": {"zh": "得票最高：{items}。", "en": "Top-voted: {items}."},
    "rc_f_no_votes": {"zh": "还没有原因得到投票：先请团队投票（多重投票法）再做选择。",
                      "en": "No cause has votes yet: let the team vote (multivoting) before choosing."},
    "rc_f_item_bone": {"zh": "{cause}（{bone}）", "en": "{cause} ({bone})"},
    "rc_f_verified": {"zh": "已用证据验证：{items}。", "en": "Verified by evidence: {items}."},
    "rc_f_none_verified": {"zh": "还没有原因经过验证——先验证，再行动。", "en": "No cause is verified yet — verify before acting."},
    "rc_f_chains": {"zh": "{n} 条 5-Why 链（每条 {lo}–{hi} 步）到达 {roots} 个根因：{items}。",
                    "en": "The 5-Why chains ({n}, {lo}–{hi} steps each) reach {roots} root causes: {items}."},
    "rc_f_chains_no_root": {"zh": "{n} 条 5-Why 链（每条 {lo}–{hi} 步），还没有一条到达根因。",
                            "en": "The 5-Why chains ({n}, {lo}–{hi} steps each) reach no root cause yet."},
    "rc_f_item_root": {"zh": "{root}（{cause_id}）", "en": "{root} ({cause_id})"},
    "rc_f_item_note": {"zh": "{chain}：{note}", "en": "{chain}: {note}"},
    "rc_f_flagged": {"zh": "{k} 条链需要主持人复核：{items}。", "en": "{k} chain(s) flagged for the facilitator: {items}."},
    "rc_f_none_flagged": {"zh": "没有需要复核的链：每一步都有证据，每个根因都已关联并验证。",
                          "en": "No chain is flagged: every step has evidence and every root is linked and verified."},
    "rc_f_top_score": {"zh": "得分最高的原因：{cause}（{score:g} 分）。", "en": "Highest score: {cause} ({score:g})."},
    "rc_f_top_score_tie": {"zh": "{items} 并列得分最高（各 {score:g} 分）。",
                           "en": "{items} share the highest score ({score:g} each)."},
    "rc_f_next_verify": {"zh": "下一个最值得验证的未验证原因：{cause}（{score:g} 分）。",
                         "en": "Best unverified candidate to check next: {cause} (score {score:g})."},
    "rc_f_all_verified": {"zh": "列出的原因都已验证。", "en": "Every cause on the list is verified."},
    "rc_f_item_actions": {"zh": "{cause} → {actions}", "en": "{cause} → {actions}"},
    "rc_f_covered": {"zh": "{n} 个根因中有 {done} 个已在措施表中有对策（{items}）。",
                     "en": "{done} of {n} root causes are addressed by the action register ({items})."},
    "rc_f_none_covered": {"zh": "{n} 个根因都还没有对应的措施。", "en": "None of the {n} root causes is addressed by the action "
                                                           "register yet."},
    "rc_f_drafts": {"zh": "还有 {k} 个根因需要制定对策：{items}。", "en": "{k} still need a countermeasure: {items}."},
    "rc_f_all_covered": {"zh": "每个根因在措施表中都已有对策。下一步：笔记本 04 检验这些措施是否改善了 KPI。",
                         "en": "Every root cause already has an action in the register. Next: notebook 04 checks "
                               "whether these actions moved the KPI."},
    "rc_f_no_root_causes": {"zh": "还没有确认的根因，暂时没有可制定对策的对象：先验证原因或完成 5-Why 链。",
                            "en": "No root cause is identified yet, so there is nothing to act on: verify causes or "
                                  "finish a 5-Why chain first."},
    # charts (sqmkit.rootcause.plots)
    "rc_chart_pareto_title": {"zh": "帕累托图", "en": "Pareto chart"},
    "rc_chart_count": {"zh": "件数", "en": "Number of records"},
    "rc_chart_cum_pct": {"zh": "累计占比（%）", "en": "Cumulative share (%)"},
    "rc_chart_category": {"zh": "类别", "en": "Category"},
    "rc_chart_cutoff": {"zh": "{t:g}% 分界线", "en": "{t:g}% cut-off"},
    "rc_chart_vital": {"zh": "关键少数", "en": "Vital few"},
    "rc_chart_useful": {"zh": "次要多数", "en": "Useful many"},
    "rc_chart_compare_title": {"zh": "改进前后帕累托对比", "en": "Pareto before and after"},
    "rc_chart_fishbone_title": {"zh": "鱼骨图（因果图）", "en": "Fishbone (cause-and-effect) diagram"},
    "rc_chart_verified": {"zh": "已验证原因", "en": "verified cause"},
    "rc_chart_top_voted": {"zh": "得票最高", "en": "top-voted"},
    "rc_chart_cause": {"zh": "原因", "en": "cause"},
    "rc_chart_votes": {"zh": "{v:g}票", "en": "{v:g} votes"},
    "rc_chart_why_title": {"zh": "5个为什么", "en": "5 Whys"},
    "rc_chart_why": {"zh": "为什么", "en": "Why"},
    "rc_chart_root": {"zh": "根因", "en": "ROOT CAUSE"},
    "rc_chart_open": {"zh": "（未到根因）", "en": "(no root yet)"},
    "rc_chart_chain": {"zh": "链", "en": "Chain"},
    # notes of why_checklist
    "rc_check_no_root": {"zh": "未标记根因（链条未完成）", "en": "no root cause flagged (chain unfinished)"},
    "rc_check_few_steps": {"zh": "少于{min_steps}步，可能停在表面症状",
                           "en": "fewer than {min_steps} steps: may stop at a symptom"},
    "rc_check_no_evidence": {"zh": "有步骤缺少证据", "en": "step(s) without evidence"},
    "rc_check_not_linked": {"zh": "根因未关联鱼骨图原因", "en": "root not linked to a fishbone cause"},
    "rc_check_not_verified": {"zh": "根因未经验证", "en": "root cause not verified"},
    "rc_check_ok": {"zh": "通过", "en": "passed"},
    "rc_draft_action": {"zh": "消除根因：{cause}", "en": "Remove root cause: {cause}"},
    # validation messages (sqmkit validate; rows as numbered in the file, header = row 1)
    "rc_rows_more": {"zh": "{shown} …（共 {n} 行）", "en": "{shown} … ({n} in all)"},
    "rc_err_not_flag": {"zh": "表 '{table}' 的 '{column}' 列：第 {rows} 行为 {values}，不是是/否标记；请写 true/false、1/0 或 是/否。",
                        "en": "Table '{table}', column '{column}': rows {rows} hold {values}, which is not a yes/no "
                              "flag; write true/false, 1/0 or 是/否."},
    "rc_err_not_number": {"zh": "表 '{table}' 的 '{column}' 列：第 {rows} 行为 {values}，不是数字；请填写普通数字。",
                          "en": "Table '{table}', column '{column}': rows {rows} hold {values}, which are not numbers; "
                                "write plain numbers."},
    "rc_err_negative": {"zh": "表 '{table}' 的 '{column}' 列：第 {rows} 行为负数 {values}；请填写 0 或正数。",
                        "en": "Table '{table}', column '{column}': rows {rows} hold negative values {values}; use zero "
                              "or a positive number."},
    "rc_err_cause_id_blank": {"zh": "表 'causes' 的 'cause_id' 列：第 {rows} 行没有 cause_id；请给每个原因一个唯一编号，例如 K01。",
                              "en": "Table 'causes', column 'cause_id': rows {rows} have no cause_id; give every cause "
                                    "a "
                                    "unique id such as K01."},
    "rc_err_cause_id_dup": {"zh": "表 'causes' 的 'cause_id' 列：第 {rows} 行重复使用编号 {ids}；每个原因需要自己的编号。",
                            "en": "Table 'causes', column 'cause_id': rows {rows} repeat the ids {ids}; each cause "
                                  "needs "
                                  "its own id."},
    "rc_err_cause_blank": {"zh": "表 'causes' 的 'cause' 列：第 {rows} 行没有原因描述；请写明原因，或删除该行。",
                           "en": "Table 'causes', column 'cause': rows {rows} have no cause text; write what the cause "
                                 "is, or delete the row."},
    "rc_err_parent_missing": {"zh": "表 'causes' 的 'parent_id' 列：第 {rows} 行的上级原因 {parents} 不是表中的 cause_id；"
                                    "请改正编号，主要原因的 parent_id 留空。",
                              "en": "Table 'causes', column 'parent_id': rows {rows} name parents {parents} that are "
                                    "not "
                                    "a cause_id of the table; fix the id or leave parent_id blank for a main cause."},
    "rc_err_parent_cycle": {"zh": "表 'causes' 的 'parent_id' 列：第 {rows} 行（cause_id {ids}）的上级关系构成循环；"
                                  "原因不能是自己的上级——把主要原因的 parent_id 留空。",
                            "en": "Table 'causes', column 'parent_id': rows {rows} (cause_id {ids}) form or hang from "
                                  "a "
                                  "cycle of parents; a cause cannot be its own ancestor — blank the parent_id of the "
                                  "main cause."},
    "rc_err_too_deep": {"zh": "表 'causes' 的 'parent_id' 列：第 {rows} 行（cause_id {ids}）超过三层（原因、子原因、再下一层）；"
                              "请挂到更高一层的原因下。",
                        "en": "Table 'causes', column 'parent_id': rows {rows} (cause_id {ids}) are nested deeper than "
                              "three levels (cause, sub-cause, sub-sub-cause); attach them to a higher-level cause."},
    "rc_err_category_blank": {"zh": "表 'causes' 的 'category' 列：第 {rows} 行没有类别；请为每个主要原因写明大骨（例如 人 机 料 法 环 测）。",
                              "en": "Table 'causes', column 'category': rows {rows} have no category; write the bone "
                                    "(e.g. 人 机 料 法 环 测) for each main cause."},
    "rc_err_parent_other_bone": {"zh": "表 'causes' 的 'parent_id' 列：第 {rows} 行（cause_id {ids}）的上级原因属于另一个问题或类别；"
                                       "子原因必须在上级原因的大骨上——请改正 parent_id、problem_id 或 category。",
                                 "en": "Table 'causes', column 'parent_id': rows {rows} (cause_id {ids}) have a parent "
                                       "in "
                                       "a different problem or category; a sub-cause must sit on its parent's bone — "
                                       "fix "
                                       "parent_id, problem_id or category."},
    "rc_err_no_causes_for": {"zh": "表 'causes' 中没有问题 {problem_id} 的原因（表中有 {known}）；请为该问题添加原因，或选择其中一个问题。",
                             "en": "Table 'causes' has no causes for problem_id {problem_id} (it has {known}); add "
                                   "causes "
                                   "for that problem or pick one of these."},
    "rc_err_no_problem": {"zh": "表 'problems' 中没有 problem_id {problem_id}（表中有 {known}）；请选择其中一个，或添加该问题。",
                          "en": "Table 'problems' has no problem_id {problem_id} (it has {known}); pick one of these "
                                "or "
                                "add the problem."},
    "rc_err_chain_blank": {"zh": "表 'whys' 的 'chain_id' 列：第 {rows} 行没有 chain_id；请给每条链一个编号，例如 C1。",
                           "en": "Table 'whys', column 'chain_id': rows {rows} have no chain_id; give each chain an id "
                                 "such as C1."},
    "rc_err_step": {"zh": "表 'whys' 的 'step' 列：第 {rows} 行为 {values}；请把每条链的步骤编号为 1、2、3 …",
                    "en": "Table 'whys', column 'step': rows {rows} hold {values}; number the steps of each chain 1, "
                          "2, 3 …"},
    "rc_err_because_blank": {"zh": "表 'whys' 的 'because' 列：第 {rows} 行没有回答；请写出这个“为什么”的回答，或删除该行。",
                             "en": "Table 'whys', column 'because': rows {rows} have no answer; write the answer to "
                                   "the "
                                   "why, or delete the row."},
    "rc_err_step_repeat": {"zh": "表 'whys'：链 {chain} 重复了步骤 {steps}（第 {rows} 行）；每条链中每个步骤编号只出现一次。",
                           "en": "Table 'whys': chain {chain} repeats step(s) {steps} (rows {rows}); each step number "
                                 "appears once per chain."},
    "rc_err_step_gap": {"zh": "表 'whys'：链 {chain} 的步骤 {steps} 有缺口（缺少 {missing}；第 {rows} 行）；请按 1…{n} 连续编号。",
                        "en": "Table 'whys': chain {chain} has steps {steps} with a gap (missing {missing}; rows "
                              "{rows}); number the steps 1…{n} without gaps."},
    "rc_err_early_root": {"zh": "表 'whys'：链 {chain} 在最后一步 {last} 之前的步骤 {steps}（第 {rows} 行）标记了 root_cause；"
                                "根因是链的终点——移动标记或删除后面的步骤。",
                          "en": "Table 'whys': chain {chain} flags root_cause on step(s) {steps} (rows {rows}) before "
                                "its last step {last}; the root cause ends the chain — move the flag or drop later "
                                "steps."},
    "rc_err_unknown_cause": {"zh": "表 'whys' 的 'cause_id' 列：第 {rows} 行关联到 {ids}，它们不是 'causes' 表中的 cause_id；"
                                   "请改正编号或留空。",
                             "en": "Table 'whys', column 'cause_id': rows {rows} link to {ids}, which are not "
                                   "cause_ids "
                                   "of the 'causes' table; fix the id or leave it blank."},
}
