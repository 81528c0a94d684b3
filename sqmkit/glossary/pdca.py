"""Terms of 04 PDCA: output columns, coded values and texts, each {"zh": ..., "en": ...}.

The sentences of :func:`sqmkit.pdca.findings` are templates here (``pdca_…`` keys); the function fills in
the figures. Headline labels keep the results.json key they label (``actions_total`` …).
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {
    "effect": {"zh": "数据显示的效果", "en": "Effect in the data"},
}
VALUES: dict[str, dict[object, dict[str, str]]] = {
    "effect": {"better": {"zh": "显著改善", "en": "Significant improvement"},
               "worse": {"zh": "显著变差", "en": "Significant deterioration"},
               "no_change": {"zh": "无证据表明有变化", "en": "No evidence of change"}},
}
TEXTS: dict[str, dict[str, str]] = {
    # headline labels (the index page shows them beside the figures of results.json)
    "actions_total": {"zh": "对策总数", "en": "Actions in the register"},
    "actions_overdue": {"zh": "{date} 逾期对策数", "en": "Actions overdue at {date}"},
    "actions_overdue_ids": {"zh": "逾期对策", "en": "Overdue actions"},
    "actions_due_soon": {"zh": "{days} 天内到期的对策数", "en": "Actions due within {days} days"},
    "actions_done_pct": {"zh": "已完成对策占比（不含已取消）", "en": "Actions done (cancelled ones aside)"},
    "center_before": {"zh": "{kpi}：{date} 之前的中心线", "en": "{kpi}: centre line before {date}"},
    "mean_after": {"zh": "{kpi}：{date} 起的均值", "en": "{kpi}: mean from {date}"},
    "pdca_change_label": {"zh": "{kpi}：{date} 前后的变化（之后 − 之前）",
                          "en": "{kpi}: change at {date} (after − before)"},
    "pct_beyond_after": {"zh": "第 II 阶段超出原控制限（改善侧）的点",
                         "en": "Phase II points beyond the phase I limit (better side)"},
    "pct_beyond_worse_after": {"zh": "第 II 阶段超出原控制限（变差侧）的点",
                               "en": "Phase II points beyond the phase I limit (worse side)"},
    "shift_sustained": {"zh": "向改善方向持续偏移", "en": "Sustained shift in the better direction"},
    "p_welch": {"zh": "改进前后 Welch t 检验 p 值（{kpi}{moved}）",
                "en": "Welch t-test before vs after, p ({kpi} {moved})"},
    "pdca_p_mannwhitney": {"zh": "改进前后 Mann–Whitney 检验 p 值（{method}）",
                           "en": "Mann–Whitney test before vs after, p ({method})"},
    "new_center": {"zh": "{kpi}：{date} 后的新中心线", "en": "{kpi}: centre line after {date}"},
    "new_signals": {"zh": "新控制限下的信号数", "en": "Signals against the new limits"},
    "effective_actions": {"zh": "已完成、显著改善且达标的对策",
                          "en": "Finished actions with a significant improvement that met the target"},
    "disputed_actions": {"zh": "记录的有效性与数据不符的对策", "en": "Recorded effectiveness not supported by the data"},
    "standardised_actions": {"zh": "第 {cycle} 轮：已标准化", "en": "Cycle {cycle}: standardised"},
    "next_cycle_actions": {"zh": "第 {cycle} 轮：转入第 {next} 轮", "en": "Cycle {cycle}: carried to cycle {next}"},
    # 04: the KPI of the control chart, split checks
    "series_fallback": {"zh": "工单记录和 `kpi_values` 中都没有{requested}的数据：控制图和改进前后检验改用{kpi}（{why}）。",
                        "en": "Neither the ticket log nor `kpi_values` holds values of {requested}: the control "
                              "chart and the before/after test follow {kpi} instead ({why})."},
    "series_none": {"zh": "工单记录和 `kpi_values` 中既没有{requested}的数据，也没有其他指标的数据：控制图和改进前后检验已跳过。",
                    "en": "Neither the ticket log nor `kpi_values` holds values of {requested}, or of any other KPI: "
                          "the control chart and the before/after test are skipped."},
    "series_why_actions": {"zh": "对策登记表中最常用的指标", "en": "the KPI most actions name"},
    "series_why_first": {"zh": "数据中第一个有值的指标", "en": "the first KPI the data hold"},
    "split_few": {"zh": "控制图已跳过：分界日 {date} 之前有 {before} 期{kpi}数据、之后 {after} 期；控制图至少需要之前 2 期、之后 1 期。"
                        "请调整 `split`（或 sqmkit.yaml 的 intervention_date），或补充数据。",
                  "en": "Control chart skipped: the split date {date} leaves {before} periods of {kpi} before it and "
                        "{after} from it; the chart needs at least 2 before and 1 after. Move `split` (or "
                        "intervention_date in sqmkit.yaml), or add data."},
    "test_few": {"zh": "分界日一侧的期数太少（之前 {before} 期、之后 {after} 期），无法做改进前后检验：每侧至少需要 2 期。",
                 "en": "Too few periods on one side of the split ({before} before, {after} after) for a before/after "
                       "test: it needs at least 2 on each side."},
    "staged_few": {"zh": "分阶段控制图需要分界日后至少 2 期数据（此处 {after} 期）：已跳过。",
                   "en": "The staged chart needs at least 2 periods after the split ({after} here): skipped."},
    "direction_unknown": {"zh": "不清楚{kpi}是越高越好还是越低越好（请在 `kpi_targets` 中填写其 direction）：只展示偏移，不作判断。",
                          "en": "Which way is better for {kpi} is not known (give it a direction in `kpi_targets`): "
                                "the shift is shown, not judged."},
    "overdue_item": {"zh": "{action_id} {action}（{owner}，逾期 {days} 天）",
                     "en": "{action_id} {action} ({owner}, {days} days late)"},
    # effect_check notes
    "effect_note_no_kpi": {"zh": "无 KPI", "en": "no KPI"},
    "effect_note_no_start": {"zh": "无开始日期", "en": "no start date"},
    "effect_note_no_done": {"zh": "无完成日期", "en": "no done date"},
    "effect_note_no_data": {"zh": "数据中没有 KPI {kpi}", "en": "KPI {kpi} not in the data"},
    "effect_note_few": {"zh": "前或后不足 2 期", "en": "fewer than 2 periods before or after"},
    "effect_note_no_direction": {"zh": "未填改善方向", "en": "no direction"},
    "effect_note_early": {"zh": "未完成：早期读数", "en": "not finished: early reading"},
    # how lists and sentences are joined in each language
    "pdca_then": {"zh": "{first}{second}", "en": "{first} {second}"},
    # findings: the first line of the page
    "pdca_settings": {"zh": "**{client}** · {title} · 状态日期 **{as_of}** · 干预日期 **{split}**",
                      "en": "**{client}** · {title} · status as of **{as_of}** · intervention date **{split}**"},
    # findings: the register
    "pdca_overdue": {"zh": "截至 {date}，{total} 项对策中有 {n} 项逾期：{items}。逾期对策需要新的完成日期或发起人的支持，而不是沉默。",
                     "en": "At {date}, {n} of {total} actions are overdue: {items}. Overdue actions need a new "
                           "date or help from their sponsor, not silence."},
    "pdca_overdue_none": {"zh": "截至 {date}，{total} 项对策均未逾期。",
                          "en": "At {date}, none of the {total} actions is overdue."},
    "pdca_due_soon": {"zh": "另有 {n} 项将在 {days} 天内到期（{ids}）。",
                      "en": "{n} more are due within {days} days ({ids})."},
    "pdca_due_soon_none": {"zh": "未来 {days} 天内没有到期的对策。", "en": "None is due within the next {days} days."},
    "pdca_no_due": {"zh": "{n} 项未完成的对策没有到期日（{ids}），因此永远不会显示为逾期：请补上到期日。",
                    "en": "{n} unfinished actions have no due date ({ids}), so they can never show as overdue: "
                          "give them one."},
    "pdca_progress": {"zh": "{base} 项对策（不含 {cancelled} 项已取消）中已完成 {done} 项（{pct:.0f}%）；受阻：{blocked} 项。",
                      "en": "{done} of {base} actions ({cancelled} cancelled aside) are done ({pct:.0f} %); "
                            "blocked: {blocked}."},
    # findings: the phase-split control chart
    "pdca_shift_level": {"zh": "{date} 之前，{kpi}的中心线为 {center}（控制限 {lcl} 至 {ucl}）；"
                               "自 {date} 起均值为 {mean}（变化 {change}，{pct}）。",
                         "en": "Before {date}, {kpi} had its centre line at {center} (control limits {lcl} to "
                               "{ucl}); from {date} on it averaged {mean} ({change}, {pct})."},
    "pdca_shift_sides": {"zh": "之后的 {n} 期中，{n_better} 期（{pct_better}）{side_better}（改善侧），"
                               "{n_worse} 期（{pct_worse}）{side_worse}（变差侧）；在原中心线改善一侧最长连续 {run_better} 期，"
                               "变差一侧最长连续 {run_worse} 期。",
                         "en": "Of the {n} later periods, {n_better} ({pct_better}) lie {side_better} (the better "
                               "side) and {n_worse} ({pct_worse}) {side_worse} (the worse side); the longest run on "
                               "the better side of the old centre line is {run_better} periods, on the worse side "
                               "{run_worse}."},
    "pdca_shift_sides_unjudged": {"zh": "之后的 {n} 期中，{n_above} 期（{pct_above}）高于原控制上限，{n_below} 期（{pct_below}）"
                                        "低于原控制下限；在原中心线上方最长连续 {run_above} 期，下方最长连续 {run_below} 期。",
                                  "en": "Of the {n} later periods, {n_above} ({pct_above}) lie above the old upper "
                                        "control limit and {n_below} ({pct_below}) below the old lower limit; the "
                                        "longest run above the old centre line is {run_above} periods, below it "
                                        "{run_below}."},
    "pdca_side_below": {"zh": "低于原控制下限", "en": "below the old lower control limit"},
    "pdca_side_above": {"zh": "高于原控制上限", "en": "above the old upper control limit"},
    "pdca_shift_better": {"zh": "结论：向改善方向持续偏移（同一侧连续 {run} 期及以上，Western Electric 游程规则）。",
                          "en": "Verdict: a sustained shift in the better direction (a run of {run} or more "
                                "periods on one side, the Western Electric run rule)."},
    "pdca_shift_worse": {"zh": "结论：向变差方向持续偏移——{date} 之后{kpi}变差了，请回到根因分析。",
                         "en": "Verdict: a sustained shift in the worse direction — {kpi} got worse after {date}; "
                               "go back to the root-cause analysis."},
    "pdca_shift_mixed": {"zh": "结论：两侧都有连续 {run} 期以上的游程——指标先后朝两个方向移动，请先看图再下结论。",
                         "en": "Verdict: runs of {run} or more periods on both sides — the KPI moved both ways; read "
                               "the chart before drawing a conclusion."},
    "pdca_shift_none": {"zh": "结论：没有证据表明存在持续偏移（持续偏移需要同一侧连续 {run} 期）。",
                        "en": "Verdict: no evidence of a sustained shift (that needs a run of {run} periods on "
                              "one side)."},
    "pdca_shift_up": {"zh": "{kpi}持续上升（同一侧连续 {run} 期及以上），但不清楚越高越好还是越低越好（请在 kpi_targets 表中填写其 direction）。",
                      "en": "{kpi} shifted upwards for good (a run of {run} or more periods), but which way is "
                            "better is not known (give it a direction in the kpi_targets table)."},
    "pdca_shift_down": {"zh": "{kpi}持续下降（同一侧连续 {run} 期及以上），但不清楚越高越好还是越低越好（请在 kpi_targets 表中填写其 direction）。",
                        "en": "{kpi} shifted downwards for good (a run of {run} or more periods), but which way is "
                              "better is not known (give it a direction in the kpi_targets table)."},
    # findings: the before/after test
    "pdca_moved_up": {"zh": "上升", "en": "rose"},
    "pdca_moved_down": {"zh": "下降", "en": "fell"},
    "pdca_moved_none": {"zh": "没有变化", "en": "did not change"},
    "pdca_mw_exact": {"zh": "精确分布", "en": "exact"},
    "pdca_mw_asymptotic": {"zh": "正态近似", "en": "normal approximation"},
    "pdca_test": {"zh": "Welch t 检验（之前 {n_before} 期对比之后 {n_after} 期）：{kpi}{moved} {size}（{pct}；{level}% CI "
                        "{low} 至 {high}），{p}；Mann–Whitney 检验 {p_mw}（{method}），秩二列相关 r = {r}。",
                  "en": "Welch's t-test ({n_before} periods before against {n_after} from the split): {kpi} {moved} "
                        "by {size} ({pct}; {level} % CI {low} to {high}), {p}; Mann–Whitney {p_mw} ({method}), "
                        "rank-biserial r = {r}."},
    "pdca_test_better": {"zh": "这是显著的改善。", "en": "That is a significant improvement."},
    "pdca_test_worse": {"zh": "这是显著的变差：{kpi}朝不希望的方向变化。",
                        "en": "That is a significant deterioration: {kpi} moved the wrong way."},
    "pdca_test_changed": {"zh": "变化显著，但不清楚越高越好还是越低越好。",
                          "en": "The change is significant, but which way is better is not known."},
    "pdca_test_none": {"zh": "在 {alpha} 的显著性水平下没有证据表明有变化（置信区间包含 0）。",
                       "en": "No evidence of change at the {alpha} level (the interval includes zero)."},
    "pdca_test_flat": {"zh": "分界日前后{kpi}的数值完全没有波动，无法做 Welch t 检验。",
                       "en": "{kpi} does not vary on either side of the split: Welch's t-test cannot be computed."},
    # findings: the staged chart
    "pdca_ewma_quiet": {"zh": "分界日之后的 {n} 期中，EWMA 一直在控制限之内（中心线 {center}）：小而持续的偏移也没有出现。",
                        "en": "In the {n} periods after the split the EWMA stays within its limits (centre {center}): "
                              "not even a small lasting shift shows."},
    "pdca_ewma_signal": {"zh": "分界日之后的 {n} 期中有 {k} 期 EWMA 超出控制限；第一次是在分界后的第 {week} 期（{label}，"
                               "EWMA {ewma}，原中心线 {center}），位于{side}一侧。",
                         "en": "{k} of the {n} periods after the split have the EWMA beyond its limits; the first is "
                               "period {week} after the split ({label}, EWMA {ewma} against the old centre {center}), on "
                               "the {side} side."},
    "pdca_ewma_better": {"zh": "改善", "en": "improving"},
    "pdca_ewma_worse": {"zh": "变差", "en": "worsening"},
    "pdca_ewma_above": {"zh": "上方", "en": "upper"},
    "pdca_ewma_below": {"zh": "下方", "en": "lower"},
    "pdca_ewma_label": {"zh": "{kpi}：EWMA 在 {date} 之后首次报警的期数", "en": "{kpi}: period of the first EWMA signal after {date}"},
    "ewma_chart": {"zh": "EWMA 控制图", "en": "EWMA chart"},
    "pdca_staged": {"zh": "新的中心线为 {center}（控制限 {lcl} 至 {ucl}）。", "en": "New centre line {center} "
                                                                              "(limits {lcl} to {ucl})."},
    "pdca_staged_quiet": {"zh": "分界日之后的 {n} 期在新控制限下没有信号：新水平目前保持住了。",
                          "en": "None of the {n} periods after the split breaks a rule of the new limits: the new "
                                "level holds so far."},
    "pdca_staged_signals": {"zh": "分界日之后的 {n} 期中有 {k} 期在新控制限下出现信号（{worse} 期位于新中心线变差一侧）：{labels}。"
                                  "请检查成果是否在回落。",
                            "en": "{k} of the {n} periods after the split break a rule of the new limits ({worse} on "
                                  "the worse side of the new centre line): {labels}. Check whether the gain is "
                                  "slipping back."},
    "pdca_staged_signals_unjudged": {"zh": "分界日之后的 {n} 期中有 {k} 期在新控制限下出现信号：{labels}。",
                                     "en": "{k} of the {n} periods after the split break a rule of the new limits: "
                                           "{labels}."},
    # findings: the effect of each action
    "pdca_effect_item": {"zh": "{action_id} {action}（{change}，{p}）", "en": "{action_id} {action} ({change}, {p})"},
    "pdca_early_item": {"zh": "{action_id} {action}（{state}；目前：{effect}）",
                        "en": "{action_id} {action} ({state}; so far: {effect})"},
    "pdca_so_far_better": {"zh": "显著改善", "en": "a significant improvement"},
    "pdca_so_far_worse": {"zh": "显著变差", "en": "a significant deterioration"},
    "pdca_so_far_no_change": {"zh": "无证据表明有变化", "en": "no evidence of change"},
    "pdca_state_overdue": {"zh": "逾期 {days} 天", "en": "overdue {days} days"},
    "pdca_state_running": {"zh": "未完成", "en": "not finished"},
    "pdca_worked": {"zh": "有效（已完成、显著改善且达到目标）：{items}。",
                    "en": "Worked (finished, significant improvement, target met): {items}."},
    "pdca_worked_none": {"zh": "有效（已完成、显著改善且达到目标）：无。",
                         "en": "Worked (finished, significant improvement, target met): none."},
    "pdca_short": {"zh": "显著改善但未达目标：{items}。", "en": "Significant improvement, target missed: {items}."},
    "pdca_no_change": {"zh": "已完成但没有证据表明有变化：{items}。", "en": "Finished, no evidence of change: {items}."},
    "pdca_worse": {"zh": "已完成但显著变差：{items}。", "en": "Finished, and the KPI got significantly worse: {items}."},
    "pdca_early": {"zh": "尚未完成，只是早期读数，不计为有效：{items}。",
                   "en": "Not finished — an early reading only, not counted as worked: {items}."},
    "pdca_unchecked": {"zh": "{n} 项对策无法用数据检验（无 KPI、数据中没有该 KPI 或期数不足）：{ids}。",
                       "en": "{n} actions cannot be checked against the data (no KPI, no data of their KPI, or too "
                             "few periods): {ids}."},
    "pdca_disputed": {"zh": "记录的有效性与数据不符：{items}。",
                      "en": "Recorded effectiveness not supported by the data: {items}."},
    "pdca_disputed_item": {"zh": "{action_id} {action}（记录 {recorded}，数据建议 {suggested}）",
                           "en": "{action_id} {action} (recorded {recorded}, data suggest {suggested})"},
    "pdca_disputed_none": {"zh": "凡有数据的对策，记录的有效性都与数据一致。",
                           "en": "The recorded effectiveness agrees with the data for every action that has data."},
    # findings: standardise and the next cycle
    "pdca_cycle_std": {"zh": "第 {cycle} 轮——已标准化：{items}。", "en": "Cycle {cycle} — standardised: {items}."},
    "pdca_cycle_std_none": {"zh": "第 {cycle} 轮——尚无标准化的对策。",
                            "en": "Cycle {cycle} — nothing standardised yet."},
    "pdca_std_item": {"zh": "{action_id} {action} → {record}", "en": "{action_id} {action} → {record}"},
    "pdca_std_missing": {"zh": "（尚无记录：请补写）", "en": "(no record yet: write one)"},
    "pdca_cycle_carry": {"zh": "转入第 {next} 轮：{items}。", "en": "Carried into cycle {next}: {items}."},
    "pdca_cycle_carry_none": {"zh": "转入第 {next} 轮：无。", "en": "Carried into cycle {next}: none."},
    "pdca_cycle_running": {"zh": "仍在第 {cycle} 轮进行中：{items}。", "en": "Still running in cycle {cycle}: {items}."},
    # the checks of the action register and the KPI series (sqmkit.pdca.actions, conclusions)
    "pdca_ids_more": {"zh": "{ids} …（共 {n} 个）", "en": "{ids} … ({n} in all)"},
    "pdca_not_a_date": {"zh": "`{name}` 的值必须是日期，如 '2025-12-20'，但传入的是 {value!r}。",
                        "en": "`{name}` must be a date such as '2025-12-20', but {value!r} was passed."},
    "pdca_not_dates": {"zh": "{table}：列 {column!r} 中对策 {ids} 的值不是日期（如 {example!r}）；日期请写成 YYYY-MM-DD。",
                       "en": "{table}: column {column!r} holds values that are not dates for actions {ids} (e.g. "
                             "{example!r}); write dates as YYYY-MM-DD."},
    "pdca_unknown_values": {"zh": "{table}：列 {column!r} 中对策 {ids} 的值无法识别（如 {example!r}）；请使用 {options} 之一。",
                            "en": "{table}: column {column!r} has unknown values for actions {ids} (e.g. {example!r}); "
                                  "use one of {options}."},
    "pdca_add_columns_fix": {"zh": "添加这些列（`sqmkit new` 生成的 data/actions.csv 带有全部列名）",
                             "en": "add them (the data/actions.csv written by `sqmkit new` has every column)"},
    "pdca_due_before_start": {"zh": "{table}：对策 {ids} 的截止日期早于开始日期；请改正开始日期（start）或截止日期（due）。",
                              "en": "{table}: due date earlier than the start date for actions {ids}; correct start or "
                                    "due."},
    "pdca_done_date_not_done": {"zh": "{table}：对策 {ids} 填了完成日期（done_date），但状态（status）不是 done；请把状态改为 "
                                      "done，或清空 done_date。",
                                "en": "{table}: done_date filled in but status not done for actions {ids}; set status to "
                                      "done, or clear done_date."},
    "pdca_not_numbers": {"zh": "{table}：列 {column!r} 中对策 {ids} 的值不是数字（如 {example!r}）；请填写数字。",
                         "en": "{table}: column {column!r} holds non-numeric values for actions {ids} (e.g. "
                               "{example!r}); enter numbers."},
    "pdca_bad_direction": {"zh": "{table}：列 'direction' 中对策 {ids} 的值无法识别；请使用 'lower' 或 'higher'（哪个方向更好）。",
                           "en": "{table}: column 'direction' has unknown values for actions {ids}; use 'lower' or "
                                 "'higher' (which way is better)."},
    "pdca_bad_soon_days": {"zh": "`soon_days` 的值必须是 ≥ 0 的整数，但传入的是 {value!r}。",
                           "en": "`soon_days` must be a whole number >= 0, but {value!r} was passed."},
    "pdca_kpi_not_numbers": {"zh": "{table}：列 'value' 第 {rows} 行的 KPI 值不是数字（如 {example!r}）；请填写数字（不带单位或 % 号）。",
                             "en": "{table}: column 'value' holds non-numeric KPI values in rows {rows} (e.g. "
                                   "{example!r}); enter numbers (no units or % signs)."},
    "pdca_bad_window": {"zh": "`window` 的值必须是 ≥ 2 的整数或 None，但传入的是 {value!r}。",
                        "en": "`window` must be a whole number >= 2 or None, but {value!r} was passed."},
    "pdca_kpi_series_fix": {"zh": "传入 sqmkit.pdca.kpi_series 的结果（列 period、kpi、value）。",
                            "en": "pass the output of sqmkit.pdca.kpi_series (columns period, kpi, value)."},
    "pdca_no_kpi_values": {"zh": "KPI 序列：没有 KPI {kpi!r} 的值（现有的：{available}）。",
                           "en": "KPI series: no values for kpi {kpi!r} (available: {available})."},
    "pdca_split_too_early": {"zh": "KPI 序列 {kpi!r}：分割日期 {date} 之前有 {before} 个周期、之后有 {after} 个；请选择之前至少 2 个"
                                   "周期、之后至少 1 个周期的日期。",
                             "en": "KPI series {kpi!r}: the split date {date} leaves {before} periods before and "
                                   "{after} after; choose a date with at least 2 periods before and 1 after."},
    "pdca_chart_not_split": {"zh": "该控制图没有前后分割：请用 sqmkit.pdca.split_chart(..., mode='phase') 生成。",
                             "en": "The chart has no before/after split: build it with sqmkit.pdca.split_chart(..., "
                                   "mode='phase')."},
    "pdca_bad_alpha": {"zh": "`alpha` 的值必须在 0 和 1 之间，但传入的是 {value!r}。",
                       "en": "The value for `alpha` must be between 0 and 1, but {value!r} was passed."},
    "pdca_bad_run_length": {"zh": "`run_length` 的值必须是 ≥ 1 的整数，但传入的是 {value!r}。",
                            "en": "The value for `run_length` must be a whole number >= 1, but {value!r} was passed."},
    "pdca_kpi_needed": {"zh": "传入 shift、test 或 staged 时，也要传入 `kpi`（控制图和检验所用的 KPI）。",
                        "en": "Pass `kpi` (the KPI of the chart and the test) together with shift, test or staged."},
}
