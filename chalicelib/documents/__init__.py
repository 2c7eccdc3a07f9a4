"""Documents rendered from exports (PDF with fpdf2, Excel as SpreadsheetML). Imported only by the export worker."""
