"""HTML to PDF with WeasyPrint, or a clear "PDF output is unavailable" when it cannot run here.

WeasyPrint is a Python package, but it draws text through system libraries
(Pango, HarfBuzz, fontconfig; README, "PDF reports"). A server without them
must still serve every other page: the import happens on first use, and a
missing package or library becomes PdfUnavailable with the reason, which
the view turns into a 503 page and the command into a message.
"""

from __future__ import annotations

import ctypes.util
import functools
import importlib.util
import logging
import sys

logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing; the message names which (for the log)."""


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (styles and drawings inline)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the package is there, Pango or its kin are not
        logger.warning("PDF output unavailable: %s", error)
        raise PdfUnavailable(str(error)) from error
    # The report carries everything inline: refuse every fetch but data: URIs, so that no text in it
    # (a meeting's source link, a region name) can make the server open a file or a URL.
    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"])
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    if pdf is None:  # write_pdf returns None only when given a target to write to
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def pdf_available() -> bool:
    """Whether render_pdf can likely work here: the region page says so beside the report's link.

    Importing WeasyPrint takes about half a second, too much for a page that
    only shows a link; this looks for the package and for Pango instead. The
    report's own view still catches the real failure.
    """
    if "weasyprint" in sys.modules:  # imported already (or blocked, as a test does to see the message)
        return sys.modules["weasyprint"] is not None
    return _installed()


@functools.cache
def _installed() -> bool:
    return importlib.util.find_spec("weasyprint") is not None and ctypes.util.find_library("pango-1.0") is not None
