"""Renderers of a monitor's report: each takes a `report.Report` and never queries.

- `chart`: the stacked status chart and the trend chart as SVG (HTML page and PDF);
- `pdf`: the A4 PDF (WeasyPrint, PDF/UA-1);
- `xlsx`: the Excel workbook (openpyxl, with a native chart on the table's cells);
- `html`: the report page.

The modules are imported one by one (WeasyPrint is slow to load), so this package
imports nothing itself.
"""
