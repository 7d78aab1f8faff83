"""Rich text of event and legal pages, sanitised with nh3: the tags a press text needs, nothing that runs."""

import nh3

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
# Relative links and the three schemes a press text links to; `javascript:` and `data:` never pass.
URL_SCHEMES = {"http", "https", "mailto"}
# Every link that leaves the page opens without handing the new page a reference to ours.
LINK_REL = "noopener"


def sanitise(html: str | None) -> str:
    """Return `html` with only the allowed tags and attributes; scripts and styles go with their content."""
    if not html:
        return html or ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "svg", "math"},
        strip_comments=True,
    ).strip()


def sanitise_translations(instance, field: str, languages) -> None:
    """Sanitise each per-language column of `field` (`body_de`, `body_uk`, …) and the untranslated column."""
    for code in languages:
        name = f"{field}_{code}"
        if getattr(instance, name, None):
            setattr(instance, name, sanitise(getattr(instance, name)))
    # modeltranslation's descriptor puts the active language before the original column; sanitise that too.
    if instance.__dict__.get(field):
        instance.__dict__[field] = sanitise(instance.__dict__[field])
