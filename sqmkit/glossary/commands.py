"""Terms of the commands (``sqmkit run``, ``new``, ``validate``, ``sample``, ``lab``, ``import-events``, ``doctor``).

What the commands print — progress and summary lines, errors and their fixes — and the messages of the
parameter checks (:mod:`sqmkit.parameters`), each {"zh": ..., "en": ...} with ``{fields}``. Errors are
raised with ``glossary.message(key, ...)`` and shown by the CLI in the workbook's language
(:func:`sqmkit.cli.command_lang`). Keys: ``cmd_`` for the commands, the runner and the report folder,
``param_`` for the parameter checks. Command names, options (``--out``), file names and values stay as
they are typed in both languages.
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}
TEXTS: dict[str, dict[str, str]] = {
    # --- sqmkit.exceptions ---
    "cmd_problem_list": {"zh": "{headline}：", "en": "{headline}:"},
    "cmd_notebook_failed": {"zh": "{notebook} 运行失败：{ename}：{evalue}", "en": "{notebook} failed: {ename}: {evalue}"},
    "cmd_notebook_failed_in_cell": {"zh": "{notebook} 在第 {cell} 个单元格运行失败：{ename}：{evalue}",
                                    "en": "{notebook} failed in cell {cell}: {ename}: {evalue}"},
    # --- sqmkit.runner ---
    "cmd_workbook_missing_run": {
        "zh": "工作簿文件夹 {path} 不存在。修正：请给出存放 sqmkit.yaml 和 data/ 的文件夹（可用 `sqmkit new DIR` 新建一个），"
              "或不写 WORKBOOK 以运行自带的示例。",
        "en": "Workbook folder {path} does not exist. Fix: pass the folder holding sqmkit.yaml and data/ (create one "
              "with `sqmkit new DIR`), or leave WORKBOOK out to run the bundled sample."},
    "cmd_workbook_problems": {"zh": "工作簿 {folder} 中有 {n} 个问题", "en": "{n} problems in workbook {folder}"},
    "cmd_notebook_folder_missing": {"zh": "笔记本文件夹 {folder} 不存在。修正：请给出存放 .ipynb 文件的文件夹。",
                                    "en": "Notebook folder {folder} does not exist. Fix: pass a folder holding .ipynb "
                                          "files."},
    "cmd_no_notebooks": {"zh": "在 {folder} 中找不到笔记本（.ipynb 文件）。修正：{fix}",
                         "en": "No notebooks (.ipynb files) found in {folder}. Fix: {fix}"},
    "cmd_no_notebooks_reinstall": {"zh": "重新安装 sqmkit（`pip install --force-reinstall .`）。",
                                   "en": "reinstall sqmkit (`pip install --force-reinstall .`)."},
    "cmd_no_notebooks_other_folder": {
        "zh": "请给出存放 .ipynb 笔记本的文件夹（例如 sqmkit 的 notebooks/ 的副本），或不写 --notebooks 以运行自带的笔记本。",
        "en": "pass a folder holding .ipynb notebooks (e.g. a copy of sqmkit's notebooks/), or leave --notebooks out "
              "to run the bundled ones."},
    "cmd_only_unknown": {"zh": "`--only` 的值必须是 {names} 之一，但传入的是 {wanted}。",
                         "en": "The value for `--only` must be one of {names}, but {wanted} was passed."},
    "cmd_jobs_bad": {"zh": "`jobs` 的值必须是至少为 1 的整数，但传入的是 {jobs}。",
                     "en": "The value for `jobs` must be a whole number of at least 1, but {jobs} was passed."},
    "cmd_notebook_unreadable": {"zh": "无法读取笔记本 {path}（{reason}）。修正：确认文件存在且您有权读取。",
                                "en": "Notebook {path} cannot be read ({reason}). Fix: check that the file exists "
                                      "and that you may read it."},
    "cmd_not_a_notebook": {"zh": "{path} 不是 sqmkit 能读取的 Jupyter 笔记本（{reason}）。修正：在 Jupyter 中打开并重新保存，"
                                 "或把它移出 {folder}。",
                           "en": "{path} is not a Jupyter notebook sqmkit can read ({reason}). Fix: open and save it "
                                 "again in Jupyter, or move it out of {folder}."},
    "cmd_no_parameters_cell": {"zh": "笔记本 {path} 没有标记为 `parameters` 的单元格。修正：给存放参数的单元格加上 "
                                     "`parameters` 标记（每行一个 `name: type = default  # help`）。",
                               "en": "Notebook {path} has no cell tagged `parameters`. Fix: tag the cell holding its "
                                     "parameters with `parameters` (one `name: type = default  # help` per line)."},
    "cmd_parameters_cell_syntax": {"zh": "{path} 的参数单元格不是有效的 Python（第 {line} 行）：{reason}。"
                                         "修正：每行写一个 `name: type = default  # help`。",
                                   "en": "The parameters cell of {path} is not valid Python (line {line}): {reason}. "
                                         "Fix: write one `name: type = default  # help` per line."},
    "cmd_notebooks_cannot_run": {"zh": "{n} 个笔记本无法运行", "en": "{n} notebooks cannot be run"},
    "cmd_parameter_problems": {"zh": "{n} 个参数问题", "en": "{n} parameter problems"},
    "cmd_source_runner": {"zh": "运行器", "en": "the runner"},
    "cmd_source_config": {"zh": "sqmkit.yaml 的 parameters", "en": "sqmkit.yaml parameters"},
    "cmd_type_bool": {"zh": "true 或 false", "en": "true or false"},
    "cmd_type_int": {"zh": "整数，例如 7", "en": "a whole number such as 7"},
    "cmd_type_float": {"zh": "数值，例如 0.5", "en": "a number such as 0.5"},
    "cmd_type_str": {"zh": "文本", "en": "text"},
    "cmd_parameter_type": {"zh": "笔记本 {notebook} 的参数 `{name}` 声明为 {type}，但 {value}（来自 {source}）无法转换为 {type}。"
                                 "修正：给 {name} 一个{kind}，例如 -p {name}={example}。",
                           "en": "Parameter `{name}` of notebook {notebook} is declared as {type}, but {value} (from "
                                 "{source}) cannot be converted to {type}. Fix: give {name} {kind}, e.g. "
                                 "-p {name}={example}."},
    "cmd_parameter_not_finite": {"zh": "笔记本 {notebook} 的参数 `{name}` 声明为 float，但 {value}（来自 {source}）不是有限数值。"
                                       "修正：给 {name} 一个数值，例如 -p {name}=0.5。",
                                 "en": "Parameter `{name}` of notebook {notebook} is declared as float, but {value} "
                                       "(from {source}) is not a finite number. Fix: give {name} a number such as 0.5, "
                                       "e.g. -p {name}=0.5."},
    "cmd_parameter_pair": {"zh": "-p 需要 KEY=VALUE，但传入的是 {pair}。修正：例如写 -p freq=MS。",
                           "en": "-p expects KEY=VALUE, but {pair} was passed. Fix: write e.g. -p freq=MS."},
    "cmd_parameter_set_by_runner_workbook": {
        "zh": "参数 `{name}`（来自 {source}）由运行器设定。修正：把工作簿文件夹作为 WORKBOOK 参数给出。",
        "en": "Parameter `{name}` (from {source}) is set by the runner. Fix: give the workbook folder as the "
              "WORKBOOK argument."},
    "cmd_parameter_set_by_runner_output_dir": {
        "zh": "参数 `{name}`（来自 {source}）由运行器设定。修正：使用 --out DIR。",
        "en": "Parameter `{name}` (from {source}) is set by the runner. Fix: use --out DIR."},
    "cmd_parameter_set_by_runner_interactive": {
        "zh": "参数 `{name}`（来自 {source}）由运行器设定。修正：删除它（批量运行从不是交互式的）。",
        "en": "Parameter `{name}` (from {source}) is set by the runner. Fix: remove it (batch runs are never "
              "interactive)."},
    "cmd_parameter_unknown": {"zh": "未知参数 `{name}`（来自 {source}）：所选笔记本都没有声明它。有效的名称：{valid}。"
                                    "修正：更正拼写或删除它。",
                              "en": "Unknown parameter `{name}` (from {source}): no selected notebook declares it. "
                                    "Valid names: {valid}. Fix: correct the spelling or remove it."},
    "cmd_only_other_workbook": {
        "zh": "--out {out} 中是工作簿 {other} 的报告；`--only` 会把它的页面与 {workbook} 的页面混在一起。"
              "修正：不写 --only 以替换那份报告，或另选一个 --out。",
        "en": "--out {out} holds the report of workbook {other}; `--only` would mix its pages with pages of "
              "{workbook}. Fix: leave out --only to replace that report, or choose another --out."},
    "cmd_note_other_workbook_replaced": {"zh": "{out} 中原是工作簿 {other} 的报告；它已被 {workbook} 的报告替换",
                                         "en": "{out} held the report of workbook {other}; it is replaced by the "
                                               "report of {workbook}"},
    # --- sqmkit.cli: every command ---
    "cmd_error": {"zh": "sqmkit {command} 出错：{text}", "en": "sqmkit {command}: error: {text}"},
    "cmd_note": {"zh": "  说明：{note}", "en": "  note: {note}"},
    "cmd_os_error": {"zh": "无法使用 {path}：{reason}。修正：{fix}", "en": "cannot use {path}: {reason}. Fix: {fix}"},
    "cmd_os_a_path": {"zh": "某个文件或文件夹", "en": "a file or folder"},
    "cmd_os_fix_permission": {"zh": "确认您有权读取它（若是输出位置，还需有权写入），或换一个路径。",
                              "en": "check that you may read it (and, for output, write it), or choose another path."},
    "cmd_os_fix_not_found": {"zh": "检查路径（文件夹或文件可能已被移动或删除）。",
                             "en": "check the path (a folder or file may have been moved or deleted)."},
    "cmd_os_fix_file_or_folder": {"zh": "路径中有一段是文件，而这里需要文件夹（或者相反）；请换一个路径。",
                                  "en": "a part of the path is a file where a folder is needed (or the other way "
                                        "round); choose another path."},
    "cmd_os_fix_disk_full": {"zh": "腾出一些磁盘空间，或用 --out 把输出写到另一块磁盘。",
                             "en": "free some disk space, or write the output to another disk with --out."},
    "cmd_os_fix_read_only": {"zh": "该磁盘是只读的；请选择可写磁盘上的文件夹。",
                             "en": "the disk is read-only; choose a folder on a writable disk."},
    "cmd_os_fix_busy": {"zh": "关闭正在使用它的程序，或换一个路径。",
                        "en": "close the programs using it, or choose another path."},
    "cmd_os_fix_other": {"zh": "检查路径、权限和剩余磁盘空间。",
                         "en": "check the path, its permissions and the free disk space."},
    "cmd_internal_error": {"zh": "sqmkit {command} 内部错误（{summary}）。这是 sqmkit 的缺陷，不是您输入的问题：{where}。{untouched}",
                           "en": "sqmkit {command}: internal error ({summary}). This is a bug in sqmkit, not a problem "
                                 "of your input: {where}.{untouched}"},
    "cmd_internal_log": {"zh": "详细信息在 {log}；请附上该文件报告此问题",
                         "en": "the details are in {log}; please report it with that file"},
    "cmd_internal_no_log": {"zh": "详细信息无法写入日志文件；请设置 SQMKIT_DEBUG=1 再运行一次以查看，并报告此问题",
                            "en": "the details could not be written to a log file; run again with SQMKIT_DEBUG=1 to "
                                  "see them, and please report it"},
    "cmd_internal_untouched": {"zh": "之前的输出保持原样。", "en": " Earlier output was left untouched."},
    "cmd_interrupted": {"zh": "sqmkit {command} 已中断（{how}）。", "en": "sqmkit {command}: interrupted ({how})."},
    "cmd_interrupted_report_complete": {
        "zh": "sqmkit {command} 已中断（{how}），但新报告已放到位，内容完整。",
        "en": "sqmkit {command}: interrupted ({how}) after the new report was moved into place; it is complete."},
    "cmd_interrupted_report_untouched": {
        "zh": "sqmkit {command} 已中断（{how}）；之前的报告保持原样。",
        "en": "sqmkit {command}: interrupted ({how}); the previous report is untouched."},
    # --- sqmkit run ---
    "cmd_status_ok": {"zh": "成功", "en": "ok"},
    "cmd_status_failed": {"zh": "失败", "en": "failed"},
    "cmd_run_line": {"zh": "  {status:<4} {name}（{seconds} 秒）", "en": "  {status:<6} {name}  ({seconds} s)"},
    "cmd_run_cell": {"zh": "第 {n} 个单元格：", "en": "cell {n}: "},
    "cmd_run_failure": {"zh": "  {where}{ename}：{evalue}", "en": "  {where}{ename}: {evalue}"},
    "cmd_run_stale": {"zh": "         保留了它上一次成功的页面（{when} 的运行），在索引页标为“已过时”；本次运行的页面是 {page}",
                      "en": "         its last good page (run of {when}) is kept, marked stale in the index; this "
                            "run's page is {page}"},
    "cmd_run_failed": {"zh": "{n} 个笔记本运行失败：它们的报告页说明了哪些小节未能计算及原因；错误信息在 {errors} 和 {logs}。",
                       "en": "{n} notebook(s) failed: their report pages say which sections could not be computed "
                             "and why; the errors are in {errors} and {logs}."},
    # --- sqmkit new, validate, sample, doctor ---
    "cmd_new_done": {"zh": "新工作簿已建在 {folder}：编辑 sqmkit.yaml，填写 {data} 中的表格（每一列的含义见 README.md），"
                           "然后运行 `sqmkit validate {folder}`。",
                     "en": "New workbook in {folder}: edit sqmkit.yaml, fill in the tables of {data} (every column is "
                           "explained in README.md), then run `sqmkit validate {folder}`."},
    "cmd_workbook_is_file": {"zh": "工作簿 {path} 是一个文件，而不是文件夹。修正：请给出存放 sqmkit.yaml 和 data/ 的文件夹"
                                   "（可用 `sqmkit new DIR` 新建一个）。",
                             "en": "Workbook {path} is a file, not a folder. Fix: pass the folder holding sqmkit.yaml "
                                   "and data/ (create one with `sqmkit new DIR`)."},
    "cmd_workbook_missing": {"zh": "工作簿文件夹 {path} 不存在。修正：请给出存放 sqmkit.yaml 和 data/ 的文件夹"
                                   "（可用 `sqmkit new DIR` 新建一个）。",
                             "en": "Workbook folder {path} does not exist. Fix: pass the folder holding sqmkit.yaml "
                                   "and data/ (create one with `sqmkit new DIR`)."},
    "cmd_validate_problems": {"zh": "工作簿 {folder} 中有 {n} 个问题：", "en": "{n} problem(s) in workbook {folder}:"},
    "cmd_validate_valid": {"zh": "工作簿 {folder} 检查通过：{n} 张表（{rows}）。",
                           "en": "Workbook {folder} is valid: {n} tables ({rows})."},
    "cmd_validate_valid_empty": {"zh": "工作簿 {folder} 检查通过：其中还没有表格。",
                                 "en": "Workbook {folder} is valid: it holds no tables yet."},
    "cmd_tickets_at_least_one": {"zh": "`--tickets` 的值必须至少为 1，但传入的是 {n}。",
                                 "en": "The value for `--tickets` must be at least 1, but {n} was passed."},
    "cmd_doctor_fail": {"zh": "失败", "en": "FAIL"},
    # --- sqmkit.parameters: the parameter checks ---
    "param_bad_value": {"zh": "{where}：{value} 不是{notebooks}的有效 `{name}`{because}。允许的值：{allowed}。修正：{fix}",
                        "en": "{where}: {value} is not a valid `{name}` for {notebooks}{because}. It must be "
                              "{allowed}. Fix: {fix}"},
    "param_for_notebook": {"zh": "笔记本 {notebooks} ", "en": "notebook {notebooks}"},
    "param_for_notebooks": {"zh": "笔记本 {notebooks} ", "en": "notebooks {notebooks}"},
    "param_because": {"zh": "：{why}", "en": ": {why}"},
    "param_fix_option": {"zh": "例如传入 -p {name}={example}，或不写 -p {name} 以使用笔记本的默认值。",
                         "en": "pass e.g. -p {name}={example}, or leave -p {name} out for the notebook's default."},
    "param_fix_config": {"zh": "例如在 sqmkit.yaml 的 `parameters:` 下写 `{name}: {example}`，或删除该键以使用笔记本的默认值。",
                         "en": "write e.g. `{name}: {example}` under `parameters:` in sqmkit.yaml, or remove the key "
                               "for the notebook's default."},
    "param_rule_problem": {"zh": "笔记本 {notebook}：{problem}。", "en": "Notebook {notebook}: {problem}."},
    "param_rule_weights_positive": {
        "zh": "weight_gap、weight_kano 和 weight_mentions 都是 0；优先级得分至少需要一个正的权重。"
              "修正：把其中一个设为大于 0 的值，例如 weight_gap: 1",
        "en": "weight_gap, weight_kano and weight_mentions are all 0; the priority score needs at least one positive "
              "weight. Fix: give one of them a value above 0, e.g. weight_gap: 1"},
    "param_allowed_in": {"zh": "{notebooks} 中为{text}", "en": "{text} in {notebooks}"},
    "param_list": {"zh": "{first}；{second}", "en": "{first}; {second}"},
    "param_and": {"zh": "{first} 且 {second}", "en": "{first} and {second}"},
    "param_or": {"zh": "{first} 或 {second}", "en": "{first} or {second}"},
    "param_any_text": {"zh": "任意文本", "en": "any text"},
    "param_any_value": {"zh": "该类型的任意值", "en": "any value of its type"},
    "param_one_of": {"zh": "{options} 之一", "en": "one of {options}"},
    "param_meaning": {"zh": "{text}（{meaning}）", "en": "{text} ({meaning})"},
    "param_or_empty": {"zh": "{text}，或留空", "en": "{text}, or empty"},
    "param_or_empty_default": {"zh": "{text}，或留空以使用默认值", "en": "{text}, or empty for the default"},
    "param_number": {"zh": "数值", "en": "a number"},
    "param_whole_number": {"zh": "整数", "en": "a whole number"},
    "param_ranged": {"zh": "{bounds} 的{kind}", "en": "{kind} {bounds}"},
    "param_special": {"zh": "{special}，或{text}", "en": "{special}, or {text}"},
    "param_not_finite": {"zh": "它不是有限数值", "en": "it is not a finite number"},
    "param_date": {"zh": "YYYY-MM-DD 格式的日期", "en": "a date YYYY-MM-DD"},
    "param_date_after": {"zh": "{day} 之后的 YYYY-MM-DD 格式日期", "en": "a date YYYY-MM-DD after {day}"},
    "param_date_until": {"zh": "不晚于 {day} 的 YYYY-MM-DD 格式日期", "en": "a date YYYY-MM-DD no later than {day}"},
    "param_date_between": {"zh": "{start} 之后、不晚于 {end} 的 YYYY-MM-DD 格式日期",
                           "en": "a date YYYY-MM-DD after {start} and no later than {end}"},
    "param_date_not_iso": {"zh": "它没有按 YYYY-MM-DD 书写", "en": "it is not written YYYY-MM-DD"},
    "param_date_no_month": {"zh": "不存在 {month} 月", "en": "there is no month {month}"},
    "param_date_no_day": {"zh": "{year} 年 {month} 月没有 {day} 日", "en": "{month_name} {year} has no day {day}"},
    "param_date_outside_period": {"zh": "它在 sqmkit.yaml 的分析期间 {span} 之外，而拆分前后都需要有数据",
                                  "en": "it is outside sqmkit.yaml's period {span}, and a split needs data on both "
                                        "sides"},
    "param_columns_of": {"zh": "{table} 表的列", "en": "columns of the {table} table"},
    "param_meaning_lang": {"zh": "留空表示使用工作簿的 lang", "en": "empty means the workbook's lang"},
    "param_meaning_periods": {"zh": "D 日、W 周、MS 月、QS 季度、YS 年；ME/QE/YE 以期末标记期间",
                              "en": "D day, W week, MS month, QS quarter, YS year; ME/QE/YE label a period by its end"},
    "param_meaning_explorer_periods": {"zh": "D 日、W 周、MS 月、QS 季度", "en": "D day, W week, MS month, QS quarter"},
    "param_meaning_n_segments": {"zh": "0 表示按轮廓系数自动选择 k", "en": "0 means choose k by silhouette"},
    "param_meaning_kpi": {"zh": "sqmkit.kpis.ticket_kpis 的 KPI 列", "en": "KPI columns of sqmkit.kpis.ticket_kpis"},
    "param_meaning_action_kpi": {"zh": "工单 KPI，或 kpi_values 表中的某个 kpi",
                                 "en": "ticket KPIs, or a kpi of the kpi_values table"},
    "param_meaning_amber_pct": {"zh": "目标值的百分比", "en": "% of the target"},
    "param_meaning_min_group_tickets": {"zh": "班组、坐席或渠道参与排名所需的工单数",
                                        "en": "tickets a team, agent or channel needs to be ranked"},
    "param_meaning_problem_id": {"zh": "problems 表的 problem_id", "en": "problem_id of the problems table"},
    "param_meaning_threshold": {"zh": "累计百分比", "en": "cumulative %"},
    "param_meaning_max_categories": {"zh": "Pareto 图的柱数；0 表示不限",
                                     "en": "bars of the Pareto chart; 0 means no limit"},
    "param_meaning_days": {"zh": "天数", "en": "days"},
    "param_meaning_window": {"zh": "前后各取的期间数；0 表示全部", "en": "periods before and after; 0 means all"},
    "param_meaning_low_score_max": {"zh": "按 survey.overall 的量表；-1 表示低于量表中点",
                                    "en": "on the survey.overall scale; -1 means below its middle"},
    "param_meaning_min_group_n": {"zh": "渠道或客户细分被判为最低所需的有效评分数",
                                  "en": "rated answers a channel or segment needs to be named the lowest"},
    "param_meaning_alpha": {"zh": "显著性水平", "en": "significance level"},
}
