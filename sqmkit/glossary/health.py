"""Terms of 00 data health and of the report's own pages: columns, coded values and texts, each {"zh": …, "en": …}.

Three groups of texts:

* ``hl_*`` — the data-health step: rule descriptions and fixes (``hl_rule_<code>``, ``hl_fix_<code>``),
  chart labels, and the sentences of :func:`sqmkit.health.findings` (templates with ``{fields}``);
* ``index_*``, ``summary_*``, ``stale_*``, ``page_from_run`` — the index page of a report
  (:func:`sqmkit.report.write_index`);
* ``failed_*``, ``table_*``, ``missing_table`` — what a report page says about itself: a section that
  could not be computed (:mod:`sqmkit.report_failures`), a truncated or empty table
  (:func:`sqmkit.report.show_table`), an optional table the workbook lacks (:func:`sqmkit.io.missing_table_note`);
* ``scaffold_*`` — the README and template of a new workbook (:func:`sqmkit.report.scaffold_workbook`) and the
  errors of ``sqmkit new``; the values of ``kind`` name the column types of the data contract.

Client pages never point at developer documents or at files a workbook does not have: only at the workbook's
own ``data/`` and ``sqmkit.yaml``, at the report's own files and at sqmkit's commands.
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {
    "present": {"zh": "已提供", "en": "Present"},
    "used_by": {"zh": "使用它的笔记本", "en": "Used by"},
    "n_filled": {"zh": "已填写", "en": "Filled"},
    "filled_pct": {"zh": "填写率（%）", "en": "Filled (%)"},
    "blank_expected": {"zh": "允许空白", "en": "Blanks expected"},
    "duplicate_rows": {"zh": "重复行", "en": "Duplicate rows"},
    "duplicate_rows_pct": {"zh": "重复行（%）", "en": "Duplicate rows (%)"},
    "duplicate_keys": {"zh": "重复编号", "en": "Duplicate keys"},
    "flagged_rows": {"zh": "被规则提示的行", "en": "Flagged rows"},
    "flags": {"zh": "规则提示次数", "en": "Flags"},
    "flagged_pct": {"zh": "被提示行占比（%）", "en": "Flagged rows (%)"},
}

VALUES: dict[str, dict[object, dict[str, str]]] = {
    # the column types of the data contract (sqmkit.schemas), as a new workbook's README names them
    "kind": {"id": {"zh": "编号（文本）", "en": "identifier (text)"}, "text": {"zh": "文本", "en": "text"},
             "datetime": {"zh": "日期时间 YYYY-MM-DD HH:MM", "en": "date and time YYYY-MM-DD HH:MM"},
             "date": {"zh": "日期 YYYY-MM-DD", "en": "date YYYY-MM-DD"}, "number": {"zh": "数字", "en": "number"},
             "flag": {"zh": "是/否（1/0）", "en": "yes/no (1/0)"}, "choice": {"zh": "取值之一", "en": "one of"}},
}

TEXTS: dict[str, dict[str, str]] = {
    # --- the report's pages: the language tag of their HTML ---
    "index_html_lang": {"zh": "zh-CN", "en": "en"},
    # --- show_table: a call that cannot show its table ---
    "table_not_a_frame": {"zh": "show_table 需要一个 DataFrame，但传入的是 {kind}。修正：传入 sqmkit 函数返回的表。",
                          "en": "show_table needs a DataFrame, but a {kind} was passed. Fix: pass the table returned "
                                "by an sqmkit function."},
    "table_no_such_columns": {"zh": "show_table：表中没有列 {unknown}；现有的列是 {columns}。修正：选择表中的列。",
                              "en": "show_table: the table has no column(s) {unknown}; it has {columns}. Fix: pick "
                                    "columns of the table."},
    # --- a new workbook (sqmkit.report.scaffold_workbook, `sqmkit new`) ---
    "scaffold_lang": {"zh": "`lang` 的取值必须是 ['zh', 'en'] 之一，但传入的是 {value}。",
                      "en": "The value for `lang` must be one of ['zh', 'en'], but {value} was passed."},
    "scaffold_is_file": {"zh": "{folder} 是一个文件，不是文件夹。修正：为工作簿另选一个新文件夹名，例如 `sqmkit new acme`。",
                         "en": "{folder} is a file, not a folder. Fix: choose a new folder name for the workbook, "
                               "e.g. `sqmkit new acme`."},
    "scaffold_not_empty": {"zh": "文件夹 {folder} 已存在且不为空。修正：为工作簿选择一个新的或空的文件夹（sqmkit 从不覆盖文件夹中的文件）。",
                           "en": "Folder {folder} exists and is not empty. Fix: choose a new or empty folder for the "
                                 "workbook (sqmkit never writes over a folder's files)."},
    "scaffold_parent_is_file": {"zh": "无法创建 {folder}：路径中的某一部分是文件。修正：选择一个上级都是文件夹的路径。",
                                "en": "{folder} cannot be created: a part of that path is a file. Fix: choose a "
                                      "folder whose parents are folders."},
    "scaffold_cannot_create": {"zh": "无法创建文件夹 {folder}（{reason}）。修正：选择一个你有写入权限的文件夹，例如主目录中的文件夹。",
                               "en": "Folder {folder} cannot be created ({reason}). Fix: choose a folder you may "
                                     "write, e.g. one in your home folder."},
    "scaffold_readme_title": {"zh": "sqmkit 工作簿", "en": "sqmkit workbook"},
    "scaffold_readme_steps": {
        "zh": "1. 编辑 `sqmkit.yaml`（客户、期间、SLA、问卷题项）。\n2. 在 `data/` 中直接填写需要的表（只有表头的表视为缺省）；"
              "CSV 可为 UTF-8 或 GBK。喜欢 Excel 的话，用 `templates/workbook_template.xlsx` 中同名工作表填写，"
              "另存为 `data/表名.xlsx` 并删除同名 CSV。\n"
              "3. 在工作簿的上一级文件夹运行 `sqmkit validate {folder}` 检查数据，再运行 "
              "`sqmkit run {folder} --out {folder}-report` 生成报告（报告放在工作簿旁边，不能放在工作簿里面）。\n\n"
              "除各笔记本所需的表外，其余表均可省略。**必填**列必须存在。",
        "en": "1. Edit `sqmkit.yaml` (client, period, SLA, survey items).\n2. Fill in the tables you need in `data/` "
              "(a table with only its header row counts as absent); CSV may be UTF-8 or GBK. Prefer Excel? Fill the "
              "sheet of the same name in `templates/workbook_template.xlsx`, save it as `data/NAME.xlsx` and delete "
              "`data/NAME.csv`.\n"
              "3. From the folder above the workbook, run `sqmkit validate {folder}` to check the data, then "
              "`sqmkit run {folder} --out {folder}-report` for the report (the report goes beside the "
              "workbook, never inside it).\n\n"
              "Every table is optional except those a notebook needs. **Required** columns must be present."},
    # the headings of the README sheet, comma-separated; the Markdown tables use all but the first
    "scaffold_readme_columns": {"zh": "表,列,英文名,类型,必填,含义", "en": "table,column,name,type,required,meaning"},
    # --- 00 data health: the soft rules (sqmkit.health.rule_violations) ---
    "hl_rule_no_first_response": {"zh": "工单没有首次响应时间", "en": "tickets without a first response"},
    "hl_fix_no_first_response": {"zh": "首次响应时间统计会排除这些工单；补录响应时间或确认确实未响应",
                                 "en": "first-response statistics leave them out; fill in the time or confirm "
                                       "there was none"},
    "hl_rule_open_ticket": {"zh": "工单尚未解决（无解决时间）", "en": "tickets still open, with no resolved_at"},
    "hl_fix_open_ticket": {"zh": "解决时长和 SLA 只统计已解决工单；确认是否仍在处理",
                           "en": "resolution time and SLA count resolved tickets only; check they are really open"},
    "hl_rule_response_after_resolution": {"zh": "首次响应晚于解决时间", "en": "first response after resolution"},
    "hl_fix_response_after_resolution": {"zh": "核对两个时间戳（时区、录入顺序）",
                                         "en": "check both timestamps (time zone, order of entry)"},
    "hl_rule_no_contacts_or_fcr": {"zh": "已解决工单缺少接触次数/一次解决标记",
                                   "en": "resolved tickets without contacts or fcr"},
    "hl_fix_no_contacts_or_fcr": {"zh": "一次解决率（FCR）会排除这些工单；补录 contacts 或 fcr",
                                  "en": "FCR leaves them out; fill in contacts or fcr"},
    "hl_rule_after_as_of": {"zh": "日期晚于状态日期 as_of", "en": "dates after the status date as_of"},
    "hl_fix_after_as_of": {"zh": "确认 sqmkit.yaml 的 as_of，或更正日期",
                           "en": "check as_of in sqmkit.yaml, or correct the dates"},
    "hl_rule_outside_period": {"zh": "日期在分析期间之外", "en": "dates outside the analysis period"},
    "hl_fix_outside_period": {"zh": "确认 sqmkit.yaml 的 period，或删除期间外的记录",
                              "en": "check period in sqmkit.yaml, or drop the rows outside it"},
    "hl_rule_survey_blank": {"zh": "问卷总体满意度/NPS/题项未作答",
                             "en": "survey answers left blank (overall, NPS or items)"},
    "hl_fix_survey_blank": {"zh": "这些答卷在相应统计中被排除；确认问卷导出是否完整",
                            "en": "they are left out of those statistics; check the survey export"},
    "hl_rule_action_no_owner": {"zh": "措施没有负责人", "en": "actions without an owner"},
    "hl_fix_action_no_owner": {"zh": "为每条措施指定负责人", "en": "give every action an owner"},
    "hl_rule_action_no_due": {"zh": "未完成措施没有截止日期", "en": "unfinished actions without a due date"},
    "hl_fix_action_no_due": {"zh": "补充截止日期，否则无法判断是否逾期",
                             "en": "add a due date, otherwise overdue cannot be judged"},
    "hl_rule_done_without_date": {"zh": "已完成措施没有完成日期", "en": "finished actions without a done_date"},
    "hl_fix_done_without_date": {"zh": "补录完成日期，否则无法判断是否按期完成",
                                 "en": "fill in done_date, otherwise lateness cannot be judged"},
    # --- 00 data health: charts (sqmkit.health.plots) ---
    "hl_completeness_title": {"zh": "填写率最低的列", "en": "Least complete columns"},
    "hl_coverage_title": {"zh": "各表日期覆盖范围", "en": "Date coverage per table"},
    "hl_status_date": {"zh": "状态日期 as_of", "en": "status date as_of"},
    "hl_below_threshold": {"zh": "低于阈值", "en": "below threshold"},
    "hl_at_threshold": {"zh": "达到阈值", "en": "at or above threshold"},
    # --- 00 data health: headline labels (sqmkit.health.findings) ---
    "hl_tables_present": {"zh": "数据表", "en": "tables present"},
    "hl_rows": {"zh": "总行数", "en": "rows in all"},
    "hl_tables_missing": {"zh": "缺少的表", "en": "tables missing"},
    "hl_min_completeness": {"zh": "最低列填写率", "en": "lowest column completeness"},
    "hl_low_columns": {"zh": "填写率偏低的列", "en": "columns under the threshold"},
    "hl_rule_violation_rows": {"zh": "被规则提示的行数", "en": "rows flagged by rules"},
    "hl_rule_flags": {"zh": "规则提示次数", "en": "rule flags in all"},
    "hl_no_first_response_pct": {"zh": "无首次响应工单", "en": "tickets without first response"},
    "hl_open_pct": {"zh": "未结工单", "en": "open tickets"},
    "hl_duplicate_keys": {"zh": "重复编号", "en": "duplicate ids"},
    "hl_duplicate_rows": {"zh": "重复行", "en": "duplicate rows"},
    "hl_fixes": {"zh": "研讨会前要处理的事项", "en": "things to fix before the workshop"},
    # --- 00 data health: sentences (sqmkit.health.findings) ---
    "hl_less_than": {"zh": "不到 {pct}", "en": "under {pct}"},
    "hl_holds": {"zh": "工作簿包含 {present} / {total} 张表，共 {rows:,} 行。",
                 "en": "The workbook holds {present} of {total} tables, {rows:,} rows in all."},
    "hl_holds_nothing": {"zh": "工作簿还没有数据：{total} 张表都是空的（只有表头）或缺失，其余笔记本没有可分析的内容，"
                               "只会说明需要补充哪些表。",
                         "en": "The workbook holds no data yet: all {total} tables are empty (a header row only) or "
                               "missing, so the other notebooks have nothing to analyse and only say which tables "
                               "to fill in."},
    "hl_missing": {"zh": "缺少的表：{tables}。需要它们的笔记本（{notebooks}）会跳过相应的小节。",
                   "en": "Missing tables: {tables}. The notebooks that need them ({notebooks}) skip those sections."},
    "hl_missing_unused": {"zh": "缺少的表：{tables}。", "en": "Missing tables: {tables}."},
    "hl_no_columns": {"zh": "工作簿中还没有填写数据的表，无法计算各列填写率。",
                      "en": "No table of the workbook holds data yet, so there is no completeness to show."},
    "hl_no_dates": {"zh": "工作簿中没有包含日期列的表，无法显示日期覆盖范围。",
                    "en": "No table of the workbook has a date column, so there is no date coverage to show."},
    "hl_coverage": {"zh": "工作簿中的日期从 {first} 到 {last}；分析期间为 {start} 至 {end}，状态日期 as_of 为 {as_of}。",
                    "en": "The dates in the workbook run from {first} to {last}; the analysis period is {start} to "
                          "{end} and the status date as_of is {as_of}."},
    "hl_complete": {"zh": "不应留空的各列填写率都不低于 {low}；最低的是 {column}（{pct}）。",
                    "en": "Every column that should not be blank is at least {low} filled; the lowest is "
                          "{column} ({pct})."},
    "hl_incomplete": {"zh": "不应留空的列中，有 {n} 列填写率低于 {low}；最低的是 {column}（{pct}）。",
                      "en": "{n} column(s) that should not be blank are under {low} filled; the lowest is "
                            "{column} ({pct})."},
    "hl_only_expected_blanks": {"zh": "所有列要么填写完整，要么是允许留空的列。",
                                "en": "Every column is either filled or one where blanks are expected."},
    "hl_rules_none": {"zh": "对 {total:,} 行数据做了 {rules} 项规则检查：没有一行违反。",
                      "en": "{rules} rule checks ran on {total:,} rows: no row breaks any of them."},
    "hl_rules_rows": {"zh": "对 {total:,} 行数据做了 {rules} 项规则检查：{flagged:,} 行（{pct}）至少违反一条，共 {flags:,} 次提示"
                            "（一行可能违反多条规则）。这些行仍在分析之中，下面的清单说明要核对什么。",
                      "en": "{rules} rule checks ran on {total:,} rows: {flagged:,} rows ({pct}) break at least one, "
                            "{flags:,} flags in all (a row can break several rules). These rows stay in the analysis; "
                            "the list below says what to check."},
    "hl_rules_nothing": {"zh": "没有可检查规则的表（工单、问卷、措施等表都还没有数据）。",
                         "en": "There is no table to run the rule checks on (tickets, survey, actions and the "
                               "dated tables hold no data yet)."},
    "hl_dups_none": {"zh": "没有重复的编号，也没有完全相同的重复行。",
                     "en": "No id repeats and no row is an exact copy of an earlier one."},
    "hl_dups_nothing": {"zh": "还没有数据，无法检查重复。", "en": "There is no data yet to check for duplicates."},
    "hl_dups_some": {"zh": "{keys:,} 行的编号与前面重复，{rows:,} 行与前面某行完全相同：见下面的处理清单。",
                     "en": "{keys:,} row(s) repeat an earlier id and {rows:,} row(s) are exact copies of an earlier "
                           "row: see the list of fixes below."},
    # the list of fixes, most urgent first
    "hl_fixes_head": {"zh": "研讨会前要处理的事项（共 {n} 项，按紧急程度排列）：",
                      "en": "To fix before the workshop ({n}, most urgent first):"},
    "hl_fixes_none": {"zh": "没有发现需要处理的问题：数据可以直接用于研讨会。",
                      "en": "Nothing to fix: the data is ready for the workshop."},
    "hl_fixes_empty": {"zh": "还没有可以检查的数据：在工作簿的 data 文件夹中填写需要的表（每张表第一行是表头），"
                             "运行 sqmkit validate 检查，然后重新生成报告。",
                       "en": "There is no data to check yet: fill in the tables you need in the workbook's data "
                             "folder (each table's first row is its header), check them with sqmkit validate, "
                             "then run the report again."},
    "hl_fix_item": {"zh": "{i}. {text}", "en": "{i}. {text}"},
    "hl_fix_dup_keys": {"zh": "{table}：{n:,} 行的 {id} 与前面的行重复——先去重，否则各项计数会偏大。",
                        "en": "{table}: {n:,} row(s) repeat an earlier {id} — remove them first, counts are "
                              "inflated otherwise."},
    "hl_fix_dup_rows": {"zh": "{table}：{n:,} 行与前面某行完全相同（{pct}）——确认是否重复录入。",
                        "en": "{table}: {n:,} row(s) are identical to an earlier row ({pct}) — check for double "
                              "entry."},
    "hl_fix_rule": {"zh": "{table}：{n:,} 行{description}（{pct}）{examples}——{fix}。",
                    "en": "{table}: {n:,} {description} ({pct}){examples} — {fix}."},
    "hl_examples": {"zh": "，例如 {ids}", "en": ", e.g. {ids}"},
    "hl_fix_low": {"zh": "填写率低于 {low} 的列：{columns}{more}——确认是否应补录，或在报告中说明这些空白的影响。",
                   "en": "Columns under {low} filled: {columns}{more} — fill them in, or say in the report what the "
                         "blanks leave out."},
    "hl_more_columns": {"zh": " 等共 {n} 列", "en": " and {n} more"},
    "hl_fix_stale": {"zh": "{table} 的最新日期是 {latest}，比状态日期 as_of（{as_of}）早 {days} 天——请补充最新数据，"
                           "或把 sqmkit.yaml 中的 as_of 改为数据的实际截止日期。",
                     "en": "{table} ends on {latest}, {days} days before the status date as_of ({as_of}) — add the "
                           "latest data, or set as_of in sqmkit.yaml to the day the data really ends."},
    "hl_fix_missing": {"zh": "缺少的表：{tables}；受影响的笔记本：{notebooks}。在工作簿的 data 文件夹中放入同名的 CSV "
                             "或 XLSX 文件（sqmkit new 生成的工作簿已带有只有表头的模板）。",
                       "en": "Missing tables: {tables}; notebooks affected: {notebooks}. Put a CSV or XLSX file of "
                             "that name in the workbook's data folder (a workbook made by sqmkit new has a "
                             "header-only template for each)."},
    "hl_none": {"zh": "（无）", "en": "(none)"},

    # --- the report's index page (sqmkit.report.write_index) ---
    "index_run": {"zh": "运行", "en": "Run"},
    "index_notebook": {"zh": "笔记本", "en": "Notebook"},
    "index_status": {"zh": "状态", "en": "Status"},
    "index_duration": {"zh": "用时", "en": "Duration"},
    "index_headlines": {"zh": "关键数字", "en": "Headline figures"},
    "index_ok": {"zh": "已完成", "en": "Done"},
    "index_failed": {"zh": "失败", "en": "Failed"},
    "index_tables": {"zh": "关键表格", "en": "Key tables"},
    "index_all_tables": {"zh": "全部表格（Excel）", "en": "All tables (Excel)"},
    "index_workbook": {"zh": "工作簿", "en": "Workbook"},
    "index_generated": {"zh": "生成时间", "en": "Generated"},
    "index_failed_at": {"zh": "出错单元格", "en": "failed in cell"},
    "index_files": {"zh": "运行记录与已执行的笔记本", "en": "Run log and executed notebooks"},
    "index_none": {"zh": "（无）", "en": "(none)"},
    "index_footer": {"zh": "sqmkit · 离线报告", "en": "sqmkit · offline report"},
    "summary_ok": {"zh": "{n} 个笔记本均已运行完成", "en": "All {n} notebooks ran"},
    "summary_failed": {"zh": "{k} / {n} 个笔记本失败，其余已完成", "en": "{k} of {n} notebooks failed; the others completed"},
    "summary_empty": {"zh": "{n} 个笔记本已运行，但工作簿还没有数据：所有表都是空的（只有表头）或缺失，"
                            "各页只说明需要补充哪些表，没有分析结果",
                      "en": "{n} notebooks ran, but the workbook holds no data yet: every table is empty (a header "
                            "row only) or missing, so the pages only say which tables to fill in and show no results"},
    "summary_missing": {"zh": "工作簿缺少 {m} 张表，用到它们的小节已跳过（见数据健康检查页）",
                        "en": "{m} table(s) are missing from the workbook; the sections that need them are skipped "
                              "(see the data-health page)"},
    "summary_stale": {"zh": "其中 {s} 个保留上次成功的页面，标为旧版",
                      "en": "the last good page of {s} of them is kept, marked stale"},
    "summary_kept": {"zh": "另有 {c} 个页面保留自此前的运行", "en": "{c} more page(s) kept from earlier runs"},
    "stale_badge": {"zh": "旧版", "en": "Stale"},
    "page_from_run": {"zh": "本页来自 {when} 的运行", "en": "This page is from the run of {when}"},
    "stale_failed": {"zh": "本次运行未能更新本页。{reason}", "en": "This run could not update this page. {reason}"},
    "stale_failed_page": {"zh": "本次运行的页面（含错误）", "en": "This run's page, with the errors"},
    "stale_error_log": {"zh": "错误日志", "en": "Error log"},

    # --- what a report page says about itself ---
    # a section whose code failed (sqmkit.report_failures) and its line on the index
    "failed_section": {"zh": "本节未能完成：{section}", "en": "This section could not be computed: {section}"},
    "failed_why": {"zh": "原因：{reason}", "en": "Why: {reason}"},
    "failed_rest_complete": {"zh": "本页其余各节已完成。", "en": "The other sections of this page are complete."},
    "failed_unexpected": {"zh": "分析过程中出现意外错误（{ename}）。",
                          "en": "An unexpected error ({ename}) stopped this part of the analysis."},
    "failed_depends": {"zh": "本节需要前面“{section}”一节的结果，而那一节未能完成。",
                       "en": "This section needs the results of “{section}”, which could not be computed."},
    "failed_detail": {"zh": "供分析人员参考：{detail}。完整的错误信息在 {notebook} 和 logs/ 文件夹中。",
                      "en": "For the analyst: {detail}. The full error is in {notebook} and the logs/ folder."},
    "failed_summary": {"zh": "本页有 {n} 节未能完成：{sections}。其余各节已完成。",
                       "en": "{n} section(s) of this page could not be computed: {sections}. "
                             "The other sections are complete."},
    "failed_stopped": {"zh": "本页不完整：分析在“{section}”处中断（{reason}），其后各节没有运行。",
                       "en": "This page is incomplete: the analysis stopped at “{section}” ({reason}); "
                             "the sections after it did not run."},
    "failed_index": {"zh": "未能完成：{section}——{reason}", "en": "Not computed: {section} — {reason}"},
    "failed_more": {"zh": "另有 {n} 节未能完成", "en": "{n} more section(s) not computed"},
    # tables (sqmkit.report.show_table)
    "table_truncated": {"zh": "仅显示前 {shown} 行（共 {total:,} 行）；完整表格见报告的导出表格"
                               "（tables.xlsx 和 tables 文件夹中的 CSV）。",
                        "en": "First {shown} of {total:,} rows; the full table is in the report's exported tables "
                              "(tables.xlsx and the CSV files in its tables folder)."},
    "table_empty": {"zh": "（无数据行）", "en": "(no rows)"},
    # an optional table the workbook lacks (sqmkit.io.missing_table_note)
    "missing_table": {"zh": "> **缺少数据表 `{name}`**：{help}本节已跳过。添加方法：在工作簿的 `data/` 文件夹中填写 "
                            "`{name}.csv`（`sqmkit new` 生成的工作簿已带有只有表头的模板），或放入 `{name}.xlsx`；"
                            "至少填写 {columns} 列，然后重新运行 `sqmkit run`。",
                      "en": "> **Table `{name}` is missing**: {help} This section is skipped. To add it, fill in "
                            "`{name}.csv` in the workbook's `data/` folder (a workbook made by `sqmkit new` has it "
                            "with its header row), or put `{name}.xlsx` there, with at least the columns {columns}; "
                            "then run `sqmkit run` again."},
}
