"""Reading a PDF as its reader would: the text of every page, without each page's footer
("Page N of M" and the record's name), so a paragraph that runs over a page reads whole."""

import io

from pypdf import PdfReader

FOOTER_LINES = 3  # "Page N of", "M", "Organisation · reference · version N"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    pages = ["\n".join(page.extract_text().splitlines()[FOOTER_LINES:]) for page in reader.pages]
    return " ".join(" ".join(pages).split())
