"""A corpus of messy, real-shaped workbooks (issue 10): builders that write each one into a folder.

``corpus.cases.CASES`` lists every workbook with the outcome the issue asks for (tests/test_corpus.py
proves it): either ``sqmkit validate`` exits 0 and ``sqmkit run`` completes every notebook, or the
command exits 2 with a clear message and no traceback. The shapes follow public exports
(ServiceNow, Zendesk, Jira, a German call-centre platform, Chinese Excel, a city 311 portal, the
UCI and 4TU event logs); every value is generated from a seed, no fetched data is kept.

Modules: ``_base`` (case record, seeded generators, writers, figure checks), ``eventlogs``
(event-log generators with the tickets they mean), ``accepted`` and ``refused`` (the builders),
``cases`` (the list).
"""
