"""The search builder (issue 7): compose Search Contacts visually, see the results at once, save searches.

| module | job |
|---|---|
| `fields.py` | the fields a filter can name, their preset data types, operator names (no widgets) |
| `drafts.py` | a row as a value, the filter it makes, rows from a request, a 422 routed to its row (no widgets) |
| `request_text.py` | the request as JSON text, and a pasted body checked (no widgets) |
| `pickers.py`, `value_editors.py` | the combo boxes of a row; the value editor for a data type and operator |
| `filter_row.py`, `sort_picker.py`, `panel.py` | a filter row; the sort picker; the whole panel (widgets only) |
| `request_dialogs.py` | "Show request" and "Paste request" |
| `controller.py` | wires the panel to the search state, the table and the definitions |
| `saved_searches.py`, `saved_searches_ui.py` | saved searches per workspace (settings, files); their sidebar section |
"""
