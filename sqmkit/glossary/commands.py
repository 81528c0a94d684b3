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
    # what the index and stderr say of a notebook whose executed copy or page cannot be made (sqmkit.runner)
    "cmd_run_notebook_unreadable": {"zh": "无法读回运行后的笔记本：{error}", "en": "the executed notebook could not be read: {error}"},
    "cmd_run_page_not_rendered": {"zh": "无法生成报告页面：{error}", "en": "report page could not be rendered: {error}"},
    # sqmkit doctor (sqmkit.runner.doctor_checks): the name of each check and its detail
    "cmd_doctor_kernel": {"zh": "内核", "en": "kernel"},
    "cmd_doctor_font": {"zh": "中文字体", "en": "CJK font"},
    "cmd_doctor_versions": {"zh": "版本", "en": "versions"},
    "cmd_doctor_output_folder": {"zh": "输出文件夹", "en": "output folder"},
    "cmd_doctor_notebooks": {"zh": "笔记本", "en": "notebooks"},
    "cmd_doctor_kernel_on": {"zh": "ipykernel 运行于 {where}", "en": "ipykernel on {where}"},
    "cmd_doctor_kernel_failed": {"zh": "{error}。修正：pip install --force-reinstall ipykernel",
                                 "en": "{error}. Fix: pip install --force-reinstall ipykernel"},
    "cmd_doctor_font_failed": {"zh": "{error}。修正：pip install noto-cjk-sans-otc",
                               "en": "{error}. Fix: pip install noto-cjk-sans-otc"},
    "cmd_doctor_writable": {"zh": "{target} 可以写入", "en": "{target} is writable"},
    "cmd_doctor_not_writable": {"zh": "{target} 无法写入（{reason}）。修正：在你有写入权限的文件夹中运行，或使用 --out",
                                "en": "{target} is not writable ({reason}). Fix: run from a folder you can write, or "
                                      "use --out"},
    "cmd_doctor_notebooks_found": {"zh": "{folder} 中有 {n} 个", "en": "{n} in {folder}"},
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
    # --- sqmkit.report_folder: where --out may be, what it holds, leftovers of interrupted runs ---
    "cmd_out_is_workbook": {"zh": "--out {out} 就是工作簿本身；工作簿的报告应放在它旁边。修正：选择工作簿之外的 --out，"
                                  "例如 --out {suggest}。",
                            "en": "--out {out} is the workbook; the report of a workbook goes beside it. Fix: choose "
                                  "an --out outside the workbook, e.g. --out {suggest}."},
    "cmd_out_holds_workbook": {"zh": "--out {out} 中包含工作簿 {workbook}；一次运行会整体替换输出文件夹。修正：选择工作簿之外的 "
                                     "--out，例如 --out {suggest}，或把工作簿移出 {out}。",
                               "en": "--out {out} holds the workbook {workbook}; a run replaces the output folder as a "
                                     "whole. Fix: choose an --out outside the workbook, e.g. --out {suggest}, or move "
                                     "the workbook out of {out}."},
    "cmd_out_inside_workbook": {"zh": "--out {out} 位于工作簿 {workbook} 之内；工作簿的报告应放在它旁边。修正：选择工作簿之外的 "
                                      "--out，例如 --out {suggest}。",
                                "en": "--out {out} is inside the workbook {workbook}; the report of a workbook goes "
                                      "beside it. Fix: choose an --out outside the workbook, e.g. --out {suggest}."},
    "cmd_out_holds_notebooks": {"zh": "--out {out} 中包含笔记本文件夹 {notebooks}；一次运行会整体替换输出文件夹。修正：选择不包含"
                                      "您的笔记本的 --out，例如 --out {suggest}。",
                                "en": "--out {out} holds the notebooks folder {notebooks}; a run replaces the output "
                                      "folder as a whole. Fix: choose an --out that does not hold your notebooks, e.g. "
                                      "--out {suggest}."},
    "cmd_out_unwritable_parent": {"zh": "--out {out}：sqmkit 无法在文件夹 {folder} 中写入（{reason}）。修正：选择您有权写入的"
                                        "文件夹，例如 --out ~/sqmkit-out，或申请该文件夹的写入权限。",
                                  "en": "--out {out}: sqmkit cannot write in the folder {folder} ({reason}). Fix: "
                                        "choose a folder you may write, e.g. --out ~/sqmkit-out, or ask for write "
                                        "access to that folder."},
    "cmd_out_unwritable_out": {"zh": "--out {out}：sqmkit 无法在输出文件夹 {folder} 中写入（{reason}）。修正：选择您有权写入的"
                                     "文件夹，例如 --out ~/sqmkit-out，或申请该文件夹的写入权限。",
                               "en": "--out {out}: sqmkit cannot write in the output folder {folder} ({reason}). Fix: "
                                     "choose a folder you may write, e.g. --out ~/sqmkit-out, or ask for write access "
                                     "to that folder."},
    "cmd_out_parent_is_file": {"zh": "--out {out}：{base} 是一个文件，而不是文件夹。修正：选择上级都是文件夹的输出位置，"
                                     "例如 --out sqmkit-out。",
                               "en": "--out {out}: {base} is a file, not a folder. Fix: choose an output folder whose "
                                     "parents are folders, e.g. --out sqmkit-out."},
    "cmd_listing_more": {"zh": "{shown} 等（另有 {n} 项）", "en": "{shown} and {n} more"},
    "cmd_out_special_file": {"zh": "--out {out} 中有 {entries}，它不是 sqmkit 能带入新报告的文件（命名管道、套接字或设备）。"
                                   "修正：把它移出报告文件夹，或另选一个 --out。",
                             "en": "--out {out} holds {entries}, which is not a file sqmkit can carry over into the "
                                   "new report (a named pipe, socket or device). Fix: move it out of the report "
                                   "folder, or choose another --out."},
    "cmd_out_is_link": {"zh": "--out {out} 是一个链接。修正：选择一个文件夹名，例如 --out sqmkit-out。",
                        "en": "--out {out} is a link. Fix: choose a folder name, e.g. --out sqmkit-out."},
    "cmd_out_is_file": {"zh": "--out {out} 是一个文件。修正：选择一个文件夹名，例如 --out sqmkit-out。",
                        "en": "--out {out} is a file. Fix: choose a folder name, e.g. --out sqmkit-out."},
    "cmd_out_unreadable": {"zh": "无法读取 --out {out}（{reason}）。修正：另选一个文件夹，例如 --out sqmkit-out。",
                           "en": "--out {out} cannot be read ({reason}). Fix: choose another folder, e.g. --out "
                                 "sqmkit-out."},
    "cmd_out_mount_point": {"zh": "--out {out} 是一个挂载点，运行无法替换它（它处于占用状态）。修正：写到它里面的某个文件夹，"
                                  "例如 --out {inside}。",
                            "en": "--out {out} is a mount point, which a run cannot replace (it is busy). Fix: write "
                                  "into a folder inside it, e.g. --out {inside}."},
    "cmd_out_newer_report": {"zh": "--out {out} 是较新版本 sqmkit 的报告（{version}，报告格式 {format}；当前 sqmkit {this} "
                                   "只认识格式 {known}）。修正：升级 sqmkit（pip install -U sqmkit），或另选一个 --out。",
                             "en": "--out {out} is a report of a newer sqmkit ({version}, report format {format}; this "
                                   "sqmkit {this} knows format {known}). Fix: upgrade sqmkit (pip install -U sqmkit), "
                                   "or choose another --out."},
    "cmd_out_run_json_foreign": {
        "zh": "--out {out} 中有 run.json，但它不是 sqmkit 的报告：没有 {marker} 标记，并且包含 sqmkit 不会写入的内容（{entries}）；"
              "sqmkit 从不替换不是它创建的文件夹。修正：{fix}",
        "en": "--out {out} has a run.json but is not an sqmkit report: it has no {marker} marker and holds what sqmkit "
              "does not write ({entries}); sqmkit never replaces a folder it did not make. Fix: {fix}"},
    "cmd_out_run_json_foreign_not_sqmkit": {
        "zh": "--out {out} 中有 run.json，但它不是 sqmkit 的报告：没有 {marker} 标记，包含 sqmkit 不会写入的内容（{entries}），"
              "并且其 run.json 不是 sqmkit 写的；sqmkit 从不替换不是它创建的文件夹。修正：{fix}",
        "en": "--out {out} has a run.json but is not an sqmkit report: it has no {marker} marker and holds what sqmkit "
              "does not write ({entries}) and its run.json was not written by sqmkit; sqmkit never replaces a folder "
              "it did not make. Fix: {fix}"},
    "cmd_out_run_json_not_sqmkit": {
        "zh": "--out {out} 中有 run.json，但它不是 sqmkit 的报告：没有 {marker} 标记，并且其 run.json 不是 sqmkit 写的；"
              "sqmkit 从不替换不是它创建的文件夹。修正：{fix}",
        "en": "--out {out} has a run.json but is not an sqmkit report: it has no {marker} marker and its run.json was "
              "not written by sqmkit; sqmkit never replaces a folder it did not make. Fix: {fix}"},
    "cmd_out_fix_new_folder": {"zh": "选择一个新的或空的文件夹，例如 --out sqmkit-out。",
                               "en": "choose a new or empty folder, e.g. --out sqmkit-out."},
    "cmd_out_fix_new_folder_or_0_1": {"zh": "选择一个新的或空的文件夹，例如 --out sqmkit-out；如果它是 sqmkit 0.1 的报告，"
                                            "请把这些内容移出后再运行。",
                                      "en": "choose a new or empty folder, e.g. --out sqmkit-out; if it is a report of "
                                            "sqmkit 0.1, move those out of it and run again."},
    "cmd_out_not_a_report": {"zh": "--out {out} 已存在，但不是 sqmkit 的报告（没有 {marker} 标记）；sqmkit 从不替换不是它创建的"
                                   "文件夹。修正：选择一个新的或空的文件夹，例如 --out sqmkit-out。",
                             "en": "--out {out} exists and is not an sqmkit report (it has no {marker} marker); sqmkit "
                                   "never replaces a folder it did not make. Fix: choose a new or empty folder, e.g. "
                                   "--out sqmkit-out."},
    "cmd_out_busy_run": {"zh": "另一个 sqmkit 运行（进程 {pid}，开始于 {since}）正在写入报告 {out}。修正：等它结束，或另选一个 --out。",
                         "en": "Another sqmkit run (process {pid}, started {since}) is writing the report {out} right "
                               "now. Fix: wait for it to finish, or choose another --out."},
    "cmd_note_removed": {"zh": "已删除 {folder}（{what}）", "en": "removed {folder} ({what})"},
    "cmd_leftover_0_1": {"zh": "sqmkit 0.1 一次中断的运行留下的", "en": "left by an interrupted run of sqmkit 0.1"},
    "cmd_leftover_tmp": {"zh": "一次中断的运行留下的", "en": "left by an interrupted run"},
    "cmd_leftover_old": {"zh": "被一次中断的运行替换下来的报告", "en": "the report replaced by an interrupted run"},
    "cmd_note_put_back": {"zh": "已把报告放回 {out}（一次运行在替换它时被中断）",
                          "en": "put the report back into {out} (a run was interrupted while replacing it)"},
    "cmd_kept_report": {"zh": "报告已完成，但无法替换 --out {out}（{reason}）；它在 {kept}。{moved}修正：关闭正在使用 {out} 的程序"
                              "（或检查其权限），再把 {kept} 移过去，或用另一个 --out 重新运行。",
                        "en": "The report is finished but could not replace --out {out} ({reason}); it is in {kept}."
                              "{moved} Fix: close programs using {out} (or check its permissions) and move {kept} "
                              "there, or run again with another --out."},
    "cmd_kept_previous_in": {"zh": "之前的报告在 {old}。", "en": " The previous report is in {old}."},
    # --- sqmkit lab ---
    "cmd_lab_sample_target_taken": {
        "zh": "不带 WORKBOOK 的 `sqmkit lab` 会在 {target} 使用内置示例的可编辑副本，但 {target} 已存在且不是工作簿"
              "（没有 sqmkit.yaml）；sqmkit 不会写入其中。修正：换一个文件夹运行，或自己用 `sqmkit sample DIR` 复制一份，"
              "再启动 `sqmkit lab DIR`。",
        "en": "`sqmkit lab` without WORKBOOK works on an editable copy of the bundled sample in {target}, but {target} "
              "already exists and is not a workbook (no sqmkit.yaml); sqmkit will not write into it. Fix: run it from "
              "another folder, or make a copy yourself with `sqmkit sample DIR` and start `sqmkit lab DIR`."},
    "cmd_lab_workbook_missing": {
        "zh": "工作簿文件夹 {path} 不存在。修正：请给出存放 sqmkit.yaml 和 data/ 的文件夹（可用 `sqmkit new DIR` 新建一个），"
              "或不写 WORKBOOK 以使用内置示例的副本。",
        "en": "Workbook folder {path} does not exist. Fix: pass the folder holding sqmkit.yaml and data/ (create one "
              "with `sqmkit new DIR`), or leave WORKBOOK out to work on a copy of the bundled sample."},
    "cmd_lab_workshop_not_workbook": {"zh": "{folder} 是工作簿 {owner} 的笔记本工作副本，不是工作簿。修正：启动 `sqmkit lab {owner}`。",
                                      "en": "{folder} is the working copy of the notebooks of workbook {owner}, not a "
                                            "workbook. Fix: start `sqmkit lab {owner}`."},
    "cmd_lab_no_notebooks_fix": {"zh": "请给出存放 .ipynb 笔记本的文件夹，或不写 --notebooks 以使用自带的笔记本。",
                                 "en": "pass a folder holding .ipynb notebooks, or leave --notebooks out to use the "
                                       "bundled ones."},
    "cmd_lab_workshop_is_file": {"zh": "{workshop} 是一个文件；`sqmkit lab` 把笔记本的工作副本放在同名文件夹中。修正：重命名或移走该文件。",
                                 "en": "{workshop} is a file; `sqmkit lab` keeps the working copy of the notebooks in "
                                       "a folder of that name. Fix: rename or move that file."},
    "cmd_lab_port_bad": {"zh": "`--port` 的值必须是 1 到 65535 之间的整数，但传入的是 {port}。",
                         "en": "The value for `--port` must be a whole number from 1 to 65535, but {port} was passed."},
    "cmd_lab_no_jupyterlab": {"zh": "当前 Python 环境中没有安装 JupyterLab。修正：`pip install jupyterlab`"
                                    "（它是 sqmkit 的依赖：`{python} -m pip install --force-reinstall sqmkit`）。",
                              "en": "JupyterLab is not installed in this Python environment. Fix: `pip install "
                                    "jupyterlab` (it is a dependency of sqmkit: `{python} -m pip install "
                                    "--force-reinstall sqmkit`)."},
    # --- sqmkit sample, sqmkit.report_merge ---
    "cmd_sample_target_is_file": {"zh": "{path} 是一个文件，而不是文件夹。修正：为示例工作簿选一个新的文件夹名，例如 `sqmkit sample demo`。",
                                  "en": "{path} is a file, not a folder. Fix: choose a new folder name for the sample "
                                        "workbook, e.g. `sqmkit sample demo`."},
    "cmd_sample_target_not_empty": {"zh": "文件夹 {path} 已存在且不为空。修正：为示例工作簿选一个新的或空的文件夹"
                                          "（sqmkit 从不覆盖文件夹中已有的文件）。",
                                    "en": "Folder {path} exists and is not empty. Fix: choose a new or empty folder "
                                          "for the sample workbook (sqmkit never writes over a folder's files)."},
    "cmd_note_foreign_kept": {"zh": "{path} 不是 sqmkit 的文件，但本次运行要写同名文件：它被保留为 {moved}",
                              "en": "{path} is not sqmkit's but this run writes that name: it is kept as {moved}"},
    # --- sqmkit import-events (sqmkit.events): the mapping, the workbook, notes and the summary ---
    "cmd_events_the_mapping": {"zh": "映射", "en": "the mapping"},
    "cmd_events_no_resolution": {
        "zh": "{source}：没有给出解决活动，因此没有任何工单能被判为已解决。修正：用 --resolution 指明解决案例的活动"
              "（例如 --resolution Resolved Closed），或在映射文件中写 `resolution:`。",
        "en": "{source}: no resolution activity is given, so no ticket could ever be resolved. Fix: name the "
              "activities that resolve a case with --resolution (e.g. --resolution Resolved Closed) or `resolution:` "
              "in the mapping file."},
    "cmd_events_resolution_and_reopen": {
        "zh": "{source}：{both} 同时被列为解决活动和重开活动。修正：一个活动要么解决案例，要么重开案例；请从其中一个列表中删除它。",
        "en": "{source}: {both} is given both as a resolution and as a reopen activity. Fix: an activity either "
              "resolves a case or reopens it; remove it from one list."},
    "cmd_events_unknown_attributes": {"zh": "{source}：属性 {unknown} 不是工单表的列。修正：使用 NAME=COLUMN，NAME 为 {names} 之一。",
                                      "en": "{source}: attribute(s) {unknown} are not ticket columns. Fix: use "
                                            "NAME=COLUMN with NAME one of {names}."},
    "cmd_events_date_order": {"zh": "{source}：`date_order` 的值必须是 {orders} 之一，但传入的是 {value}。",
                              "en": "{source}: The value for `date_order` must be one of {orders}, but {value} was "
                                    "passed."},
    "cmd_events_timezone": {"zh": "{source}：`timezone` 是 {name}，它不是 IANA 时区。修正：使用 Europe/Berlin、Asia/Shanghai "
                                  "或 America/New_York 这样的名称。",
                            "en": "{source}: `timezone` is {name}, which is not an IANA time zone. Fix: use a name "
                                  "such as Europe/Berlin, Asia/Shanghai or America/New_York."},
    "cmd_events_names": {"zh": "{source}：`{option}` 必须是一个活动名称或名称列表，例如 [Resolved, Closed]；实际是 {type}。",
                         "en": "{source}: `{option}` must be an activity name or a list of names, e.g. [Resolved, "
                               "Closed]; got a {type}."},
    "cmd_events_mapping_missing": {"zh": "映射文件 {path} 不存在（或不是普通文件）。修正：给出一个 YAML 文件的路径，"
                                         "格式参见 docs/EVENTS.md 中的示例。",
                                   "en": "Mapping file {path} does not exist (or is not a regular file). Fix: pass the "
                                         "path of a YAML file such as the example in docs/EVENTS.md."},
    "cmd_events_mapping_too_large": {"zh": "{path} 大于 {kib} KiB，远超映射所需。修正：只保留 docs/EVENTS.md 中列出的键。",
                                     "en": "{path} is larger than {kib} KiB, far more than a mapping needs. Fix: keep "
                                           "only the keys of docs/EVENTS.md."},
    "cmd_events_mapping_not_yaml": {"zh": "{path} 不是 UTF-8 编码的 YAML 文件（{error}）。修正：检查缩进和每个键后的冒号，"
                                          "并以 UTF-8 保存。",
                                    "en": "{path} is not a UTF-8 YAML file ({error}). Fix: check indentation and the "
                                          "colon after each key, and save it as UTF-8."},
    "cmd_events_mapping_not_keys": {"zh": "{path} 必须包含 case、activity、timestamp、resolution 这样的键。",
                                    "en": "{path} must hold keys such as case, activity, timestamp, resolution."},
    "cmd_events_mapping_unknown_keys": {"zh": "{path}：未知的键 {unknown}。修正：只使用 {known}。",
                                        "en": "{path}: unknown key(s) {unknown}. Fix: use only {known}."},
    "cmd_events_mapping_single_name": {"zh": "{path}：`{option}` 必须是单个名称；实际是 {value}。",
                                       "en": "{path}: `{option}` must be a single name; got {value}."},
    "cmd_events_mapping_attributes": {"zh": "{path}：`attributes` 必须把工单表的列对应到日志的列，例如 "
                                            "{{team: assignment_group, priority: priority}}。",
                                      "en": "{path}: `attributes` must map ticket columns to log columns, e.g. "
                                            "{{team: assignment_group, priority: priority}}."},
    "cmd_events_attribute_option": {"zh": "--attribute {item} 不是 NAME=COLUMN 的形式。修正：例如写 --attribute "
                                          "team=assignment_group（NAME 为 {names} 之一）。",
                                    "en": "--attribute {item} is not NAME=COLUMN. Fix: write e.g. --attribute "
                                          "team=assignment_group (NAME one of {names})."},
    "cmd_events_note_no_time": {"zh": "'{column}' 中没有时间戳的 {n} 个事件被略去（第 {rows} 行）。",
                                "en": "{n} event(s) without a timestamp in '{column}' were left out (rows {rows})."},
    "cmd_events_note_activity_absent": {"zh": "{role} 活动 {wanted} 都没有出现在列 '{column}' 中；日志中的活动有 {shown}。",
                                        "en": "none of the {role} activities {wanted} occurs in column '{column}'; "
                                              "the log's activities are {shown}."},
    "cmd_events_note_open": {"zh": "{n} 个案例中有 {open} 个在日志结束时仍未关闭（没有解决，或在最后一次解决后又被重开）："
                                   "它们的 resolved_at 为空。",
                             "en": "{open} of {n} case(s) are open at the end of the log (no resolution, or reopened "
                                   "after the last one): their resolved_at is blank."},
    "cmd_events_note_sla_priorities": {"zh": "sqmkit.yaml 的 sla_hours 列出了 {named}，但日志中的优先级是 {priorities}："
                                             "请把 sla_hours 改为日志中的优先级（或对所有优先级用同一个小时数）。",
                                       "en": "sqmkit.yaml sla_hours names {named}, but the log's priorities are "
                                             "{priorities}: edit sla_hours to use the log's priorities (or one number "
                                             "of hours for all)."},
    "cmd_events_summary": {"zh": "已从 {events} 个事件写出 {tickets} 张工单到 {path}（创建于 {first} 至 {last}；未关闭 {open} 张，"
                                 "重开 {reopened} 张，转派 {reassigned} 张）。下一步：检查 {config} 中的 period 和 "
                                 "sla_hours，然后运行 `sqmkit validate {workbook}`。",
                           "en": "Wrote {tickets} tickets from {events} events to {path} (created {first} to {last}; "
                                 "{open} open, {reopened} reopened, {reassigned} reassigned). Next: check period and "
                                 "sla_hours in {config}, then run `sqmkit validate {workbook}`."},
    "cmd_events_out_is_file": {"zh": "--out {folder} 是一个文件，不是工作簿文件夹。修正：给出一个新文件夹或一个工作簿。",
                               "en": "--out {folder} is a file, not a workbook folder. Fix: pass a new folder or a "
                                     "workbook."},
    "cmd_events_out_not_workbook": {"zh": "--out {folder} 是一个非空文件夹，且其中没有 {config}，所以不是工作簿。"
                                          "修正：给出一个新的（或空的）文件夹，或一个已有的工作簿。",
                                    "en": "--out {folder} is a folder that is not empty and holds no {config}, so it "
                                          "is not a workbook. Fix: pass a new (or empty) folder, or an existing "
                                          "workbook."},
    "cmd_events_tickets_exist": {"zh": "{existing} 中已有工单。修正：传入 --force 替换它（旧文件保存在 data/.backup/），"
                                       "或另选一个 --out。",
                                 "en": "{existing} already holds tickets. Fix: pass --force to replace it (the old "
                                       "file is kept in data/.backup/), or choose another --out."},
    # reading the event log (sqmkit.events.read_event_log, tickets_from_events)
    "cmd_events_the_log": {"zh": "事件日志", "en": "the event log"},
    "cmd_events_unknown_options": {"zh": "未知的映射选项 {unknown}", "en": "unknown mapping option(s) {unknown}"},
    "cmd_events_log_not_file": {"zh": "{label}：事件日志{what}。修正：给出导出的 CSV 或 XLSX 文件。",
                                "en": "{label}: the event log is {what}. Fix: pass the exported CSV or XLSX file."},
    "cmd_events_log_is_folder": {"zh": "是一个文件夹", "en": "a folder"},
    "cmd_events_log_missing": {"zh": "缺失", "en": "missing"},
    "cmd_events_log_not_regular": {"zh": "不是普通文件", "en": "not a regular file"},
    "cmd_events_log_ole": {"zh": "{label}：这是旧版 .xls 或设有密码保护的 Office 文件，无法读取。修正：在 Excel 中打开，"
                                 "如有密码先取消，然后另存为 .xlsx 或“CSV UTF-8”。",
                           "en": "{label}: this is a legacy .xls or a password-protected Office file, which cannot be "
                                 "read. Fix: open it in Excel, remove the password if any, and save it as .xlsx or CSV "
                                 "UTF-8."},
    "cmd_events_log_type": {"zh": "{label}：不读取 '{suffix}' 类型的文件。修正：把日志导出为 CSV（或把文本导出文件改名为 "
                                  ".csv）、XLSX 或 Parquet。",
                            "en": "{label}: files of type '{suffix}' are not read. Fix: export the log as CSV (or "
                                  "rename a text export to .csv), XLSX or Parquet."},
    "cmd_events_date_problem": {"zh": "{label}：{problem}。修正：{fix}。", "en": "{label}: {problem}. Fix: {fix}."},
    "cmd_events_date_other_order_fix": {"zh": "改用另一个 --date-order（或不传：由该列自身确定顺序）",
                                        "en": "pass the other --date-order (or none: the column settles the order "
                                              "itself)"},
    "cmd_events_date_one_format_fix": {"zh": "重新导出日志，整列使用同一种日期格式",
                                       "en": "export the log again with one date format"},
    "cmd_events_date_order_fix": {"zh": "传入 --date-order DMY（日在前）或 --date-order MDY（月在前），或在映射文件中写 "
                                        "date_order",
                                  "en": "pass --date-order DMY (day first) or --date-order MDY (month first), or set "
                                        "date_order in the mapping file"},
    "cmd_events_date_offsets": {"zh": "{label}：{problem}，导出跨越夏令时切换时常见这种情况。修正：用 --timezone 给出报告所用的 "
                                      "IANA 时区（如 --timezone Asia/Shanghai），或在映射文件中写 timezone。",
                                "en": "{label}: {problem}, as exports do across daylight-saving changes. Fix: pass "
                                      "--timezone with the IANA zone to report in (e.g. --timezone Europe/Berlin), or "
                                      "set timezone in the mapping file."},
    "cmd_events_not_timestamps": {"zh": "{label}：列 '{column}' 第 {rows} 行的值不是时间戳：{values}。修正：写成 "
                                        "YYYY-MM-DD HH:MM（或整列使用日志自己的格式），或留空。",
                                  "en": "{label}: column '{column}' has values that are not timestamps at rows {rows}: "
                                        "{values}. Fix: write them as YYYY-MM-DD HH:MM (or in the log's own format "
                                        "throughout), or leave the cell blank."},
    "cmd_events_no_column": {"zh": "{label}：日志中没有列 {missing}。现有的列：{headers}{more}。修正：用 --case、--activity、"
                                   "--timestamp、--resource 和 --attribute NAME=COLUMN（或在映射文件中）指明日志的列。",
                             "en": "{label}: the log has no column {missing}. It has {headers}{more}. Fix: name the "
                                   "log's columns with --case, --activity, --timestamp, --resource and --attribute "
                                   "NAME=COLUMN (or in the mapping file)."},
    "cmd_events_more_columns": {"zh": "等（另有 {n} 列）", "en": " and {n} more"},
    "cmd_events_column_twice": {"zh": "{label}：列 {twice} 在表头中出现不止一次，sqmkit 无法判断该用哪一列。修正：重命名或删除多出的列。",
                                "en": "{label}: column(s) {twice} appear more than once in the header, so sqmkit "
                                      "cannot tell which one to use. Fix: rename or delete the extra column."},
    "cmd_events_no_events": {"zh": "{label}：日志中没有事件（表头下没有数据行）。修正：重新导出包含数据行的事件日志。",
                             "en": "{label}: the log has no events (no rows below the header). Fix: export the event "
                                   "log again with its rows."},
    "cmd_events_blank_case": {"zh": "{label}：列 '{column}'（案例编号）在第 {rows} 行为空。修正：给每个事件填上案例编号，或删除这些行。",
                              "en": "{label}: column '{column}' (the case id) is blank at rows {rows}. Fix: fill in "
                                    "the case id of every event, or delete those rows."},
    "cmd_events_case_no_time": {"zh": "{label}：案例 {cases} 在列 '{column}' 中没有时间戳（第 {rows} 行），因此没有创建时间。"
                                      "修正：填上它们事件的时间戳，或删除这些案例。",
                                "en": "{label}: case(s) {cases} have no timestamp in column '{column}' (rows {rows}), "
                                      "so they have no creation time. Fix: fill in the timestamps of their events, or "
                                      "delete those cases."},
    "cmd_events_resolution_absent": {"zh": "{label}：解决活动 {wanted} 都没有出现在列 '{column}' 中；日志中的活动有 {shown}。"
                                           "修正：用 --resolution 按日志中的写法给出活动。",
                                     "en": "{label}: none of the resolution activities {wanted} occurs in column "
                                           "'{column}'; the log's activities are {shown}. Fix: pass the activities as "
                                           "the log spells them with --resolution."},
    # --help of the commands (sqmkit.cli.build_parser), in SQMKIT_LANG
    "cmd_help_sqmkit": {"zh": "用于服务质量改进的参数化 Jupyter 工作簿。",
                        "en": "Parameterised Jupyter workbooks for service-quality improvement."},
    "cmd_help_run": {"zh": "校验工作簿，运行其笔记本并写出报告",
                     "en": "validate a workbook, execute its notebooks and write the report"},
    "cmd_help_run_workbook": {"zh": "工作簿文件夹（sqmkit.yaml + data/）；默认：自带的示例",
                              "en": "workbook folder (sqmkit.yaml + data/); default: the bundled sample"},
    "cmd_help_run_out": {"zh": "输出文件夹（默认：./sqmkit-out）", "en": "output folder (default: ./sqmkit-out)"},
    "cmd_help_run_only": {"zh": "只运行这些笔记本（如 00 02_service_kpis）",
                          "en": "run only these notebooks (e.g. 00 02_service_kpis)"},
    "cmd_help_run_parameter": {"zh": "笔记本参数（可重复），按笔记本的参数单元格检查",
                               "en": "notebook parameter (repeatable), checked against the notebooks' parameters "
                                     "cells"},
    "cmd_help_run_jobs": {"zh": "同时运行的笔记本数（默认：min(2, CPU 数)）", "en": "notebooks run at once (default: min(2, CPUs))"},
    "cmd_help_run_no_progress": {"zh": "不显示进度条", "en": "no progress bar"},
    "cmd_help_run_notebooks": {"zh": "运行 DIR 中的笔记本而不是自带的（你自己的或改编的笔记本）",
                               "en": "run the notebooks of DIR instead of the bundled ones (your own or adapted "
                                     "notebooks)"},
    "cmd_help_new": {"zh": "新建带数据录入模板的工作簿", "en": "scaffold a workbook with data-entry templates"},
    "cmd_help_new_lang": {"zh": "表头和 README 的语言（默认 zh）", "en": "language of headers and README (default zh)"},
    "cmd_help_validate": {"zh": "报告工作簿的每个数据和参数问题（有问题时退出码为 2）",
                          "en": "report every data and parameter problem of a workbook (exit 2 if any)"},
    "cmd_help_validate_notebooks": {"zh": "按 DIR 中的笔记本检查 sqmkit.yaml 的参数（同 `run --notebooks DIR`）",
                                    "en": "check sqmkit.yaml parameters against the notebooks of DIR (as `run "
                                          "--notebooks DIR`)"},
    "cmd_help_sample": {"zh": "写出任意大小的合成电信工作簿", "en": "write a synthetic telecom workbook of any size"},
    "cmd_help_sample_format": {"zh": "工单表的文件格式（默认 csv）", "en": "file format of the tickets table (default csv)"},
    "cmd_help_doctor": {"zh": "检查内核、中文字体、版本和可写的输出文件夹",
                        "en": "check kernel, CJK font, versions and a writable output folder"},
    "cmd_help_events": {"zh": "由事件日志（每次状态变化一行）写出工单表",
                        "en": "write the tickets table from an event log (one row per status change)"},
    "cmd_help_events_description": {"zh": "把事件日志（ServiceNow、Jira、Zendesk、流程挖掘的 CSV/XLSX）汇总为工作簿的工单表。先写 LOG：活动选项可接一个或多个名称。参见 docs/EVENTS.md。",
                                    "en": "Collapse an event log (ServiceNow, Jira, Zendesk, process-mining "
                                          "CSV/XLSX) into the tickets table of a workbook. Give LOG first: the "
                                          "activity options take one or more names. See docs/EVENTS.md."},
    "cmd_help_events_log": {"zh": "事件日志：CSV（, ; 制表符）、XLSX 或 Parquet",
                            "en": "the event log: CSV (, ; tab), XLSX or Parquet"},
    "cmd_help_events_out": {"zh": "工作簿文件夹；新的或空的文件夹会先生成模板",
                            "en": "workbook folder; a new or empty folder is scaffolded first"},
    "cmd_help_events_mapping": {"zh": "YAML 映射文件；下面的选项优先于它",
                                "en": "YAML mapping file; the options below override it"},
    "cmd_help_events_case": {"zh": "案例编号列（默认 case:concept:name）", "en": "case id column (default case:concept:name)"},
    "cmd_help_events_activity": {"zh": "活动或状态列（默认 concept:name）",
                                 "en": "activity or status column (default concept:name)"},
    "cmd_help_events_timestamp": {"zh": "事件时间列（默认 time:timestamp）",
                                  "en": "event time column (default time:timestamp)"},
    "cmd_help_events_resource": {"zh": "处理人（有 org:resource 时默认用它）",
                                 "en": "who did it (default org:resource when present)"},
    "cmd_help_events_attribute": {"zh": "带入一列（取最后一个非空值）：channel、category、team、agent_id、priority 或 customer_id；可重复",
                                  "en": "carry a column over (last non-blank value): channel, category, team, "
                                        "agent_id, priority or customer_id; repeatable"},
    "cmd_help_events_date_order": {"zh": "用于全部无法确定日月顺序的日期", "en": "for dates that are all ambiguous"},
    "cmd_help_events_timezone": {"zh": "带 UTC 时差的时间戳所用的 IANA 时区（如 Asia/Shanghai）",
                                 "en": "IANA zone for timestamps with UTC offsets (e.g. Europe/Berlin)"},
    "cmd_help_events_sheet": {"zh": "XLSX 日志的工作表（默认第一个）", "en": "sheet of an XLSX log (default the first)"},
    "cmd_help_events_force": {"zh": "替换已有的工单表（保留备份）", "en": "replace an existing tickets table (a backup is kept)"},
    "cmd_help_events_lang": {"zh": "新生成工作簿的语言", "en": "language of a scaffolded workbook"},
    "cmd_help_lab": {"zh": "在绑定到工作簿的笔记本工作副本上启动 JupyterLab（现场研讨）",
                     "en": "start JupyterLab on a working copy of the notebooks bound to a workbook (live workshop)"},
    "cmd_help_lab_description": {"zh": "在 WORKBOOK/workshop/ 上启动 JupyterLab：笔记本的副本，其参数单元格指向该工作簿，因此控件会保存到它的 data/。已有的笔记本不会被覆盖，缺少的会补上。不写 WORKBOOK 时，先在 ./sqmkit-sample 中复制一份可编辑的自带示例。按一次 Ctrl-C 结束（请先保存笔记本）。",
                                 "en": "Start JupyterLab on WORKBOOK/workshop/: a copy of the notebooks whose "
                                       "parameters cell names the workbook, so the widgets save into its data/. "
                                       "Notebooks already there are never overwritten; missing ones are added. "
                                       "Without WORKBOOK, an editable copy of the bundled sample is made in "
                                       "./sqmkit-sample first. One Ctrl-C ends it (save the notebooks first)."},
    "cmd_help_lab_workbook": {"zh": "工作簿文件夹（sqmkit.yaml + data/）；默认：./sqmkit-sample 中自带示例的可编辑副本",
                              "en": "workbook folder (sqmkit.yaml + data/); default: an editable copy of the "
                                    "bundled sample in ./sqmkit-sample"},
    "cmd_help_lab_port": {"zh": "本机端口（默认 8888；被占用时 JupyterLab 使用下一个空闲端口）",
                          "en": "port on localhost (default 8888; JupyterLab takes the next free one when it is in "
                                "use)"},
    "cmd_help_lab_no_browser": {"zh": "不打开浏览器；请自行打开打印出的地址", "en": "do not open a browser; open the printed address"},
    "cmd_help_lab_notebooks": {"zh": "复制 DIR 中的笔记本而不是自带的（你自己的或改编的笔记本）",
                               "en": "copy the notebooks of DIR instead of the bundled ones (your own or adapted "
                                     "notebooks)"},
    "cmd_help_events_first_response": {"zh": "算作首次响应的活动（需有处理人）",
                                       "en": "activities that count as a first response (with a resource)"},
    "cmd_help_events_resolution": {"zh": "算作解决的活动", "en": "activities that count as a resolution"},
    "cmd_help_events_reopen": {"zh": "算作解决后重开的活动", "en": "activities that count as a reopen after a resolution"},
    "cmd_help_events_reassignment": {"zh": "算作转派或升级的活动",
                                     "en": "activities that count as a reassignment or escalation"},
}
