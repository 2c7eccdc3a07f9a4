"""File renderers of exports (PDF with fpdf2, Excel with openpyxl). Imported only by the export worker."""
