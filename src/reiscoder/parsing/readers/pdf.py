"""PDF (.pdf): the text layer of every page, via pypdf.

Pages follow each other separated by a line break. A PDF whose pages hold no text at all is
a scan (an image of text) and is refused with advice to run text recognition first; when
only some pages are empty, the import goes on with a warning that counts them.
"""

from __future__ import annotations

from pathlib import Path

from reiscoder.i18n import _, ngettext
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Extracted
from reiscoder.parsing.limits import MAX_CONTAINER_FILE_BYTES, check_file


def read_pdf(path: Path, labels: LabelReader) -> Extracted:
    check_file(path, MAX_CONTAINER_FILE_BYTES)
    pages = _page_texts(path)
    empty = sum(1 for page in pages if not page.strip())
    if empty == len(pages):
        raise ImportFailure(
            _(
                "The PDF contains no text, only images: it is probably a scan. Run text "
                "recognition (OCR) on it first, or import the original document."
            )
        )
    warnings = []
    if empty:
        warnings.append(
            ngettext("{count} page without text", "{count} pages without text", empty).format(
                count=empty
            )
        )
    return Extracted(text="\n".join(page.rstrip("\n") for page in pages), warnings=warnings)


def _page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    damaged = _("The PDF file is damaged or incomplete and cannot be read.")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailure(_("The file is protected with a password."))
        return [page.extract_text() or "" for page in reader.pages]
    except ImportFailure:
        raise
    except FileNotDecryptedError:
        raise ImportFailure(_("The file is protected with a password.")) from None
    except PermissionError:
        raise ImportFailure(_("You do not have permission to read this file.")) from None
    except Exception:  # pypdf raises many kinds of errors on damaged files
        raise ImportFailure(damaged) from None
