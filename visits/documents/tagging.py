"""What WeasyPrint 70's PDF/UA-1 output leaves out, added while it writes the structure tree.

WeasyPrint tags a document from its HTML (headings, paragraphs, lists, tables, figures with their ``alt``) and
sets the document's ``/Lang`` from ``<html lang>``. What a screen reader needs beyond that is added here:

- ``/Lang`` on a passage in another language (``<span lang="uk">`` around a Cyrillic name in a German
  letter): without it a reader speaks Ukrainian with a German voice;
- ``/Scope`` on table header cells (``<th scope="col|row">``), so each header is tied to its column or row;
- running titles, page numbers and letter footers (the page's margin boxes), and whatever the HTML hides from
  assistive technology (``aria-hidden="true"``: a drawn table's board), as artifacts: WeasyPrint marks them
  as content but leaves the margin boxes out of the tree and reads the hidden ones aloud;
- an element that runs over a page break as one element: WeasyPrint builds the tree page by page, so a list,
  section or paragraph across two pages became two; they are joined again (tables excepted: their header row
  is repeated on each page, so each page keeps its own table with its headers);
- a ``<div>`` grouping a term and its description in a ``<dl>`` as a list item (``LI`` with ``Lbl`` and
  ``LBody``), where WeasyPrint made a ``Div`` inside the list;
- a table only for the layout (``<table role="presentation">``: the letter's language columns) as divisions;
- no empty elements (WeasyPrint tags the anonymous boxes around white space between blocks).

`install()` wraps WeasyPrint's own tree builder and drawing at these points, once per process. It leans on
WeasyPrint's internals (the version is pinned in the lock file); tests/test_documents_accessible.py reads
every kind of document back and fails when an upgrade changes them.
"""

import contextvars
import logging
from contextlib import contextmanager

logger = logging.getLogger(__name__)

# The boxes of the page being painted that are drawn as artifacts.
_artifact_boxes: contextvars.ContextVar[frozenset] = contextvars.ContextVar(
    "artifact_boxes", default=frozenset()
)
# While a tree is built: the number of each structure element -> the HTML element it was made from.
_origins: contextvars.ContextVar[dict | None] = contextvars.ContextVar("origins", default=None)
_installed = False

HEADER_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


def install() -> None:
    """Wrap WeasyPrint's tagging (idempotent)."""
    global _installed
    if _installed:
        return
    try:
        import weasyprint.pdf
        from weasyprint.document import Page
        from weasyprint.pdf import tags
        from weasyprint.pdf.stream import Stream

        _wrap_tree_builder(tags)
        _wrap_add_tags(weasyprint.pdf, tags)
        _wrap_marked_content(Stream)
        _wrap_page_paint(Page)
    except (ImportError, AttributeError):  # pragma: no cover - only after an unchecked upgrade
        logger.exception("WeasyPrint's tagging could not be completed; PDFs lack /Lang on passages")
        return
    _installed = True


def _hidden(element) -> bool:
    return element is not None and element.get("aria-hidden") == "true"


def _number(reference) -> int | None:
    """The object number of a pydyf reference (b"12 0 R"); None for an MCID or anything else."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return int(reference.split()[0])
    return None


# --- drawing: artifacts -------------------------------------------------------------------------------


def _wrap_marked_content(Stream) -> None:
    import pydyf

    marked = Stream.marked

    @contextmanager
    def marked_or_artifact(self, box, tag):
        if self._tags is not None and box in _artifact_boxes.get():
            self.begin_marked_content("Artifact", pydyf.Dictionary({"Type": "/Pagination"}))
            try:
                yield
            finally:
                self.end_marked_content()
            return
        with marked(self, box, tag):
            yield

    Stream.marked = marked_or_artifact


def _artifacts_of_page(page_box) -> frozenset:
    from weasyprint.formatting_structure.boxes import MarginBox

    found = set()
    for child in page_box.children:
        if isinstance(child, MarginBox):
            found.update(child.descendants(placeholders=True))
    for box in page_box.descendants(placeholders=True):
        if box not in found and _hidden(getattr(box, "element", None)) and hasattr(box, "descendants"):
            found.update(box.descendants(placeholders=True))
    return frozenset(found)


def _wrap_page_paint(Page) -> None:
    paint = Page.paint

    def paint_with_artifacts(self, stream, scale=1):
        token = _artifact_boxes.set(_artifacts_of_page(self._page_box))
        try:
            return paint(self, stream, scale)
        finally:
            _artifact_boxes.reset(token)

    Page.paint = paint_with_artifacts


# --- the tree: languages, header scopes, definition lists ---------------------------------------------


def _wrap_tree_builder(tags) -> None:
    import pydyf
    from weasyprint.formatting_structure.boxes import MarginBox, PageBox
    from weasyprint.layout.absolute import AbsolutePlaceholder

    build_box_tree = tags._build_box_tree

    def complete(pdf, box, element, parent) -> None:
        source = getattr(box, "element", None)
        origins = _origins.get()
        if origins is not None and element.number is not None:
            origins[element.number] = source
        if source is None:
            return
        language = source.get("lang")
        if language:
            element["Lang"] = pydyf.String(language)
        if element["S"] == "/TH" and box.element_tag == "th":
            element["A"]["Scope"] = HEADER_SCOPES.get(source.get("scope", ""), "/Column")
        if element["S"] == "/Div" and parent.get("S") == "/L":
            _definition_item(pdf, element, origins or {})
        if element["S"] == "/Table" and source.get("role") in ("presentation", "none"):
            _layout_table(pdf, element)

    def build(box, parent, pdf, page_number, nums, annotations, marks):
        real_box = box._box if isinstance(box, AbsolutePlaceholder) else box
        if isinstance(real_box, MarginBox) or _hidden(getattr(real_box, "element", None)):
            return  # drawn as an artifact (see above): nothing of it belongs in the tree
        # WeasyPrint's builder calls itself by its module-level name, so every level passes through here.
        elements = build_box_tree(box, parent, pdf, page_number, nums, annotations, marks)
        if isinstance(real_box, PageBox) or real_box.element_tag in ("html", "body"):
            yield from elements  # the elements of its descendants, passed on
            return
        for element in elements:
            complete(pdf, real_box, element, parent)
            yield element

    tags._build_box_tree = build


def _definition_item(pdf, element, origins) -> None:
    """<div><dt>term</dt><dd>description</dd></div> in a <dl>: LI with Lbl and LBody (WeasyPrint made a Div of
    the div, each dt and dd an LI with an LBody)."""
    import pydyf

    element["S"] = "/LI"
    kids = pydyf.Array()
    for reference in element["K"]:
        child = pdf.objects[_number(reference)] if _number(reference) is not None else None
        grandchildren = list(child["K"]) if child is not None and child.get("S") == "/LI" else []
        body = pdf.objects[_number(grandchildren[0])] if len(grandchildren) == 1 else None
        if body is None or body.get("S") != "/LBody":
            kids.append(reference)
            continue
        source = origins.get(body.number)
        if source is not None and source.tag.rpartition("}")[2] == "dt":
            body["S"] = "/Lbl"
        body["P"] = element.reference
        kids.append(body.reference)
    element["K"] = kids


_TABLE_PARTS = ("/Table", "/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD")


def _layout_table(pdf, element) -> None:
    """A table only for the layout (``role="presentation"``): its rows and cells as divisions, not data."""
    element["S"] = "/Div"
    element.pop("A", None)
    for reference in element["K"]:
        number = _number(reference)
        part = pdf.objects[number] if number is not None else None
        if isinstance(part, dict) and part.get("Type") == "/StructElem" and part["S"] in _TABLE_PARTS[1:]:
            _layout_table(pdf, part)  # a table inside a cell is an element of its own, left as it is


# --- the tree: elements across page breaks ------------------------------------------------------------


def _wrap_add_tags(pdf_module, tags) -> None:
    add_tags = tags.add_tags

    def add_tags_and_join(pdf, document, pdf_version, page_streams):
        origins: dict = {}
        token = _origins.set(origins)
        try:
            add_tags(pdf, document, pdf_version, page_streams)
        finally:
            _origins.reset(token)
        _join_page_parts(pdf, origins)

    tags.add_tags = add_tags_and_join
    pdf_module.add_tags = add_tags_and_join  # generate_pdf calls it by the name it imported


def _join_page_parts(pdf, origins: dict) -> None:
    """Join the parts of an element that WeasyPrint tagged once per page into one element."""
    import pydyf

    objects = pdf.objects
    replaced: dict[bytes, bytes] = {}

    def element_at(reference):
        number = _number(reference)
        if number is None:
            return None
        candidate = objects[number]
        return candidate if isinstance(candidate, dict) and candidate.get("Type") == "/StructElem" else None

    def continues(first, second) -> bool:
        return (
            first is not None
            and second is not None
            and first["S"] == second["S"]
            and first["S"] != "/Table"
            and first.get("Pg") != second.get("Pg")
            and origins.get(first.number) is not None
            and origins.get(first.number) is origins.get(second.number)
        )

    def move(second, first) -> None:
        for kid in second["K"]:
            if isinstance(kid, int):  # content of the second part's page: say which page it is on
                kid = pydyf.Dictionary({"Type": "/MCR", "Pg": second["Pg"], "MCID": kid})
            elif (child := element_at(kid)) is not None:
                child["P"] = first.reference
            first["K"].append(kid)
        replaced[second.reference] = first.reference

    def join(element) -> None:
        kids = pydyf.Array()
        for kid in element["K"]:
            previous = element_at(kids[-1]) if kids else None
            current = element_at(kid)
            if continues(previous, current):
                move(current, previous)
            else:
                kids.append(kid)
        for kid in kids:
            if (child := element_at(kid)) is not None:
                join(child)
        # An element with nothing in it (an anonymous box around white space) is left out.
        element["K"] = pydyf.Array(
            kid for kid in kids if (child := element_at(kid)) is None or len(child["K"]) > 0
        )

    root = objects[_number(pdf.catalog["StructTreeRoot"])]
    for top in root["K"]:
        join(objects[_number(top)])
    if not replaced:
        return

    def final(reference):
        while reference in replaced:
            reference = replaced[reference]
        return reference

    # The parent tree maps marked content and annotations to their element: to the joined one now.
    parent_tree = objects[_number(root["ParentTree"])]
    numbers = parent_tree["Nums"]
    for index, entry in enumerate(numbers):
        if isinstance(entry, list):
            numbers[index] = pydyf.Array(final(reference) for reference in entry)
        elif index % 2 == 1:
            numbers[index] = final(entry)
