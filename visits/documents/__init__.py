"""Documents staff print or send for one delegation: the briefing book and the catering, transport, hotel and
interpreter lists, each built as plain data first and then rendered as HTML, PDF, CSV or XLSX.

clock: how times are written (Berlin time with its zone named, the destination's time beside it)
scope: what a reader may see of a delegation (programme items, contact details)
lists: the four lists as rows, and the registry of lists with their permissions
briefing: the briefing book ("Besuchermappe") as sections
pdf: one generic "template to PDF bytes" function (WeasyPrint)
tables: a list as CSV, XLSX or PDF bytes
"""
