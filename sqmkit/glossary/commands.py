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
}
