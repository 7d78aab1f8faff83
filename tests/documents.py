"""PDFs read back in tests with what the lock file installs, so every document test runs on any machine.

    text(pdf)                  the text of every page in the order it is drawn (pypdfium2), pages split by \\f
    lines(pdf)                 the same, one stripped line per entry, blank lines left out
    reading_order(pdf)         the text in the order of the structure tree: what a screen reader reads
    table_rows(pdf)            every row of the tagged tables as the texts of its cells
    render_page(pdf, page)     a page as a Pillow image (pypdfium2)
    qr_codes(pdf, page)        the contents of the QR codes on a page (zxing-cpp)
    fonts(pdf)                 the fonts the pages use, with whether each is embedded (pikepdf)
    image_sizes(pdf)           width and height in pixels of the raster images the pages draw (pikepdf)
    page_sizes_mm(pdf)         width and height of each page in millimetres (pikepdf)
    structure(pdf)             the structure tree (pikepdf), every element with its role, /Lang, /Alt and text
    assert_accessible(pdf, language=...)   the machine PDF/UA-1 check (pdfua) and assertions of our own

`pdf` is the document's bytes (or a response holding them). Nothing here runs a program outside Python.
"""

import ctypes
import io
import itertools
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MM_PER_POINT = 25.4 / 72

# pdfium reports a hyphen at the end of a line as a soft hyphen of its own; the text has a hyphen there.
_LINE_END_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-", "\xad": ""})


def pdf_bytes(document) -> bytes:
    """The bytes of a PDF, of a response or a streaming response holding one."""
    if isinstance(document, bytes | bytearray):
        content = bytes(document)
    elif getattr(document, "streaming", False):
        content = b"".join(document.streaming_content)
    else:
        content = document.content
    assert content.startswith(b"%PDF-"), content[:40]
    return content


def _pdfium(document):
    import pypdfium2

    return pypdfium2.PdfDocument(pdf_bytes(document))


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_END_HYPHENS)


def page_texts(document) -> list[str]:
    pdf = _pdfium(document)
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(_clean(textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def text(document) -> str:
    """Every page's text in the order it is drawn, which for our documents is the order of their HTML."""
    return "\f".join(page_texts(document))


def lines(document) -> list[str]:
    return [line.strip() for line in text(document).replace("\f", "\n").splitlines() if line.strip()]


def squeezed(value: str) -> str:
    """Whitespace (line breaks included) as single spaces: for finding a phrase that wraps."""
    return " ".join(value.split())


def page_count(document) -> int:
    pdf = _pdfium(document)
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_page(document, page: int = 0, *, dpi: int = 200, grey: bool = False):
    """One page (counted from 0) as a Pillow image."""
    pdf = _pdfium(document)
    try:
        bitmap = pdf[page].render(scale=dpi / 72, grayscale=grey)
        image = bitmap.to_pil()
        return image.convert("L") if grey else image.copy()
    finally:
        pdf.close()


def qr_codes(document, page: int | None = 0) -> list[str]:
    """The text of every QR code on the page (counted from 0; None: on every page), read back by zxing-cpp."""
    import zxingcpp

    if page is None:
        return [code for index in range(page_count(document)) for code in qr_codes(document, index)]
    for dpi in (150, 200, 300):  # a code too small at one resolution is read at the next
        found = [code.text for code in zxingcpp.read_barcodes(render_page(document, page, dpi=dpi))]
        if found:
            return found
    return []


def _pikepdf(document):
    import pikepdf

    return pikepdf.open(io.BytesIO(pdf_bytes(document)))


@dataclass(frozen=True)
class Font:
    name: str  # without the subset prefix ("ABCDEF+")
    embedded: bool


def fonts(document) -> list[Font]:
    found: dict[str, Font] = {}
    with _pikepdf(document) as pdf:
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                descriptors = [font, *list(font.get("/DescendantFonts") or [])]
                descriptor = next((d.FontDescriptor for d in descriptors if "/FontDescriptor" in d), None)
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                name = str(font.get("/BaseFont", "/?"))[1:].split("+")[-1]
                found[name] = Font(name, embedded)
    return list(found.values())


def image_sizes(document) -> list[tuple[int, int]]:
    """Width and height in pixels of every raster image the pages draw, once per drawing (vector QR codes are
    not images). WeasyPrint shares one resource dictionary between all pages: the drawing operators count."""
    import pikepdf

    def drawn(content, resources):
        objects = resources.get("/XObject") or {}
        for operands, _operator in pikepdf.parse_content_stream(content, "Do"):
            xobject = objects.get(str(operands[0]))
            if xobject is None:
                continue
            if xobject.get("/Subtype") == "/Image":
                yield int(xobject.Width), int(xobject.Height)
            elif xobject.get("/Subtype") == "/Form":
                yield from drawn(xobject, xobject.get("/Resources") or resources)

    with _pikepdf(document) as pdf:
        return [size for page in pdf.pages for size in drawn(page, page.Resources)]


def page_sizes_mm(document) -> list[tuple[float, float]]:
    with _pikepdf(document) as pdf:
        sizes = []
        for page in pdf.pages:
            left, bottom, right, top = (float(value) for value in page.trimbox)
            sizes.append((round((right - left) * MM_PER_POINT, 1), round((top - bottom) * MM_PER_POINT, 1)))
        return sizes


# --- the structure tree -------------------------------------------------------------------------------


def _marked_texts(document) -> dict[tuple[int, int], str]:
    """(page index, MCID): the text of that marked-content sequence, from pdfium's text objects."""
    import pypdfium2.raw as pdfium_c

    texts: dict[tuple[int, int], list[str]] = {}
    pdf = _pdfium(document)
    try:
        for index, page in enumerate(pdf):
            textpage = page.get_textpage()
            for obj in page.get_objects(max_depth=8):
                if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                    continue
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium_c.FPDFTextObj_GetText(
                    obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
                )
                piece = buffer.raw[: max(size - 2, 0)].decode("utf-16-le").translate(_LINE_END_HYPHENS)
                texts.setdefault((index, mcid), []).append(piece)
            textpage.close()
    finally:
        pdf.close()
    return {key: "".join(pieces) for key, pieces in texts.items()}


@dataclass
class Element:
    role: str  # "H1", "P", "Figure", ...
    lang: str = ""
    alt: str = ""
    scope: str = ""  # of a table header cell: "Column", "Row" or "Both"
    texts: list[str] = field(default_factory=list)  # this element's own marked content, in order
    children: list["Element"] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All text of the element and its descendants, in reading order."""
        parts = []
        for piece in self._pieces():
            parts.append(piece)
        return squeezed(" ".join(parts))

    def _pieces(self):
        yield from self.texts
        for child in self.children:
            yield from child._pieces()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, role: str) -> list["Element"]:
        return [element for element in self.walk() if element.role == role]


def structure(document) -> Element:
    """The structure tree's /Document element, each element with the text of its marked content."""
    import pikepdf

    marked = _marked_texts(document)
    with _pikepdf(document) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        assert root is not None, "the PDF has no structure tree"
        page_index = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def kids(value):
            if value is None:
                return []
            return list(value) if isinstance(value, pikepdf.Array) else [value]

        def build(node, page) -> Element:
            if "/Pg" in node:
                page = page_index.get(node.Pg.objgen, page)
            attributes = node.get("/A")
            scope = ""
            for attribute in kids(attributes):
                if isinstance(attribute, pikepdf.Dictionary) and "/Scope" in attribute:
                    scope = str(attribute.Scope)[1:]
            element = Element(
                role=str(node.S)[1:],
                lang=str(node.get("/Lang", "")),
                alt=str(node.get("/Alt", "")),
                scope=scope,
            )
            for kid in kids(node.get("/K")):
                if isinstance(kid, int):
                    element.texts.append(marked.get((page, kid), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    kid_page = page_index.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                    element.texts.append(marked.get((kid_page, int(kid.MCID)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    continue  # a link's annotation
                elif isinstance(kid, pikepdf.Dictionary):
                    element.children.append(build(kid, page))
            return element

        top = kids(root.get("/K"))
        assert len(top) == 1, f"the structure tree has {len(top)} top-level elements"
        return build(top[0], 0)


def table_rows(document) -> list[list[str]]:
    """Every row of every tagged table (header rows included), as the texts of its cells."""
    return [
        [cell.text for cell in row.children if cell.role in ("TH", "TD")]
        for row in structure(document).walk()
        if row.role == "TR"
    ]


def reading_order(document) -> str:
    """The text in the structure tree's order, whitespace squeezed: what a screen reader reads aloud."""
    return structure(document).text


def assert_in_order(haystack: str, *needles: str) -> None:
    """Each needle occurs in the text, after the one before it."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} not found after position {position} in {haystack[:3000]!r}"
        position = found + len(needle)


# --- PDF/UA-1 -------------------------------------------------------------------------------------------

_HEADING = re.compile(r"H([1-6])")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def pdfua_findings(document) -> list[str]:
    """What the machine PDF/UA-1 checker (pdfua, on pikepdf) reports: errors and warnings alike."""
    import pdfua

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf_bytes(document))
        report = pdfua.validate(str(path))
    return [
        f"{finding.rule_id} {finding.severity.name} page {finding.location.page}: {finding.message}"
        for finding in report.findings
    ]


def accessibility_problems(document, *, language: str, title: str | None = None) -> list[str]:
    """Everything that keeps the document from being PDF/UA-1, as far as a machine can tell."""
    import pikepdf

    problems = pdfua_findings(document)
    with _pikepdf(document) as pdf:
        catalog = pdf.Root
        mark_info = catalog.get("/MarkInfo")
        if mark_info is None or mark_info.get("/Marked") is not True:
            problems.append("MarkInfo/Marked is not true")
        if "/StructTreeRoot" not in catalog:
            problems.append("no StructTreeRoot")
        if str(catalog.get("/Lang", "")) != language:
            problems.append(f"/Lang is {catalog.get('/Lang')!r}, not {language!r}")
        preferences = catalog.get("/ViewerPreferences")
        if preferences is None or preferences.get("/DisplayDocTitle") is not True:
            problems.append("ViewerPreferences/DisplayDocTitle is not true")
        document_title = str(pdf.docinfo.get("/Title", "")).strip()
        if not document_title:
            problems.append("no document title")
        elif title is not None and document_title != title:
            problems.append(f"the title is {document_title!r}, not {title!r}")
        metadata = bytes(catalog.Metadata.read_bytes()) if "/Metadata" in catalog else b""
        if b"pdfuaid:part" not in metadata and b"<pdfuaid:part>1" not in metadata:
            problems.append("the XMP metadata claim no PDF/UA part")
        for index, page in enumerate(pdf.pages):
            if page.get("/Annots") and page.get("/Tabs") != pikepdf.Name.S:
                problems.append(f"page {index + 1} has annotations but no /Tabs /S")
    for font in fonts(document):
        if not font.embedded:
            problems.append(f"font {font.name} is not embedded")
    if any("StructTreeRoot" in problem for problem in problems):
        return problems

    tree = structure(document)
    headings = []
    for element in tree.walk():
        if element.lang and not _LANGUAGE_TAG.match(element.lang):
            problems.append(f"{element.role} has the language {element.lang!r}")
        if element.role == "Figure" and not element.alt.strip():
            problems.append(f"a Figure without /Alt (near {element.text[:60]!r})")
        if heading := _HEADING.fullmatch(element.role):
            if not element.text:
                problems.append(f"an empty {element.role}")
            headings.append(int(heading.group(1)))
        if element.role == "Table":
            cells = [cell for cell in element.walk() if cell.role in ("TH", "TD")]
            headers = [cell for cell in cells if cell.role == "TH"]
            if cells and not headers:
                problems.append(f"a table without header cells ({element.text[:60]!r})")
            problems.extend(
                f"a header cell without /Scope ({cell.text[:40]!r})" for cell in headers if not cell.scope
            )
        if element.role == "L":
            problems.extend(
                f"a list holds {child.role}"
                for child in element.children
                if child.role not in ("LI", "Caption")
            )
        if element.role == "LI":
            problems.extend(
                f"a list item holds {child.role}"
                for child in element.children
                if child.role not in ("Lbl", "LBody")
            )
        if any("\ufffd" in piece for piece in element.texts):
            problems.append(f"text without Unicode in {element.role} ({element.text[:60]!r})")
    if headings and headings[0] != 1:
        problems.append(f"the first heading is H{headings[0]}, not H1")
    for before, after in itertools.pairwise(headings):
        if after > before + 1:
            problems.append(f"H{after} follows H{before}: a heading level is skipped")
    if not tree.text:
        problems.append("no text in the structure tree")
    return problems


def assert_accessible(document, *, language: str, title: str | None = None) -> None:
    problems = accessibility_problems(document, language=language, title=title)
    assert not problems, "not PDF/UA-1:\n" + "\n".join(dict.fromkeys(problems))
