"""The monev report: what officials bring to the meeting, as a printable PDF (issue 15, item 1).

monev.py gathers what the report shows from the region page's own builder,
svg.py draws its charts and map as vector graphics, pdf.py turns the rendered
HTML into a PDF with WeasyPrint (or says that it cannot), views.py and the
`monev_report` command hand it out.
"""
