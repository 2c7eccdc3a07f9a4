"""The PDF recap of any size in bounded memory: one PDF while it is small, an archive of PDF parts when it is not.

fpdf2 holds a whole document until it writes it (pages, content streams, the font subsets chosen at the
end), ≈3 KB per report row in this recap, so a PDF cannot be streamed page by page through it: a 1 GB
Lambda ran out near 300,000 rows (issue 21). Writing PDF objects ourselves would stream, but it would
also mean embedding and subsetting the fonts by hand and giving up the shared layout of every other
document. So the size of what is held is bounded instead:

- the details are laid out as the reports stream in, at most `PDF_ROWS` and one batch of them at a time;
- a recap of at most `PDF_ROWS` reports (a satker of 500 staff for a month is ≈11,000) is one PDF,
  exactly as before: the summary per employee, the signature, then the details;
- when there are more (docs/exports.md: "more than 12,000"), the file becomes a ZIP archive, written as it
  goes into the same stream: the details in parts of `PDF_ROWS` reports (``2-rincian-001.pdf``,
  ``2-rincian-002.pdf``, … numbered on from part to part), each written and dropped before the next is
  laid out, then the summary with the signature (``1-rekap.pdf``), made last because it counts every
  report. The stream cannot seek, so each entry is followed by a data descriptor (its sizes and CRC);
  entries are deflated (level 1: a PDF's streams already are compressed, so this costs little), because
  some unzippers reject an entry that is both stored and described afterwards — a stored entry's end can
  only be found from the sizes written before it.

Memory is then that of one part plus the per-employee tally, whatever the number of reports; with the
stream being a `MultipartUpload`, nothing of the file stays behind once written.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import date
from itertools import islice
from typing import BinaryIO

from ..domain.accounts import Employee
from ..domain.exports import Period, RecapRow, ReportLine
from . import pdf, render
from .document import LaidOutRow

#: reports in one PDF: a satker of 500 staff for a month fits whole (≈70 MB at the peak of building it)
PDF_ROWS = 12_000
_BATCH = 500  # rows laid out per step


def write_recap_pdf(
    open_file: Callable[[str], BinaryIO],
    name: str,
    *,
    instansi: str,
    unit: str,
    period: Period,
    reports: Iterable[ReportLine],
    summary: Callable[[], list[RecapRow]],
    names: dict[str, str],
    signer: Employee,
    place: str,
    today: date,
    as_of: date | None = None,
    zones: dict[str, str] | None = None,
    limit: int | None = None,
) -> str:
    """Write the recap into the file ``open_file`` gives for its name; return that name.

    ``name`` ends in ``.pdf``; the archive of a large recap is named the same with ``.zip``.
    """
    limit = limit or PDF_ROWS
    texts = render.detail_texts(reports, names, zones)
    laid: list[LaidOutRow] = []
    archive: zipfile.ZipFile | None = None
    parts = 0
    try:
        while batch := list(islice(texts, _BATCH)):
            laid += pdf.lay_out(render.DETAIL_COLUMNS, batch)
            # an archive only once there are more rows than one PDF takes: exactly `limit` rows stay one PDF
            while len(laid) > limit or (archive is not None and len(laid) >= limit):
                if archive is None:
                    name = name.removesuffix(".pdf") + ".zip"
                    archive = zipfile.ZipFile(open_file(name), "w", zipfile.ZIP_DEFLATED, compresslevel=1)
                parts += 1
                _write_part(archive, parts, laid[:limit], instansi, unit, period)
                del laid[:limit]
    except BaseException:
        if archive is not None:  # closed now, as `with` would, not later by the collector into an aborted stream
            with suppress(Exception):
                archive.close()
        raise
    document = render.recap_document(
        instansi=instansi,
        unit=unit,
        period=period,
        reports=None,
        summary=summary,
        names=names,
        signer=signer,
        place=place,
        today=today,
        as_of=as_of,
        details=None if archive else laid,
    )
    if archive is None:
        open_file(name).write(pdf.render(document))
        return name
    with archive:
        if laid:
            parts += 1
            _write_part(archive, parts, laid, instansi, unit, period)
        archive.writestr("1-rekap.pdf", pdf.render(document))
    return name


def _write_part(
    archive: zipfile.ZipFile, part: int, rows: list[LaidOutRow], instansi: str, unit: str, period: Period
) -> None:
    numbers = (rows[0][0][0], rows[-1][0][0])  # the "No" cell's one line
    heading = render.detail_part(instansi=instansi, unit=unit, period=period, part=part, numbers=numbers)
    data = pdf.render_table(heading, render.DETAIL_TITLE, render.DETAIL_COLUMNS, rows)
    archive.writestr(f"2-rincian-{part:03d}.pdf", data)
