"""The one HTML sanitiser, with the one allow-list.

Everything that shows stored or file-based HTML goes through `clean_html`;
everything a person wrote in a text box goes through `plain_text`. Keeping
bleach behind these two functions means a new sanitiser touches this file only.
"""

import bleach
from bleach.html5lib_shim import Filter
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset(
    {"h2", "h3", "p", "ul", "ol", "li", "strong", "em", "a", "br", "dl", "dt", "dd", "abbr"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "hreflang"], "abbr": ["title"]}
# bleach keeps relative links (no scheme) on its own; these are the schemes we allow.
ALLOWED_PROTOCOLS = frozenset({"https", "mailto", "tel"})

# Elements whose content must vanish with them: stripping only the tags would
# leave the code or styles as visible text on the page.
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "object", "embed", "template", "noembed",
        "noframes", "svg", "math", "textarea", "select", "title", "head",
    }
)  # fmt: skip


class _DropContentFilter(Filter):
    """Removes the elements in _DROP_WITH_CONTENT together with everything inside them."""

    def __iter__(self):
        depth = 0
        for token in super().__iter__():
            dropped = token.get("name") in _DROP_WITH_CONTENT
            if dropped and token["type"] == "StartTag":
                depth += 1
            elif dropped and token["type"] == "EndTag":
                depth = max(0, depth - 1)
            elif not dropped and depth == 0:
                yield token


def _make_cleaner() -> bleach.Cleaner:
    # bleach strips a disallowed tag but keeps its text. To drop a script's
    # code as well, the sanitiser lets these tags through with no attributes,
    # and the filter after it removes them whole. They never reach the output.
    return bleach.Cleaner(
        tags=ALLOWED_TAGS | _DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_DropContentFilter],
    )


_CLEANER = _make_cleaner()


def clean_html(html: str | None) -> Markup:
    """HTML with only the allowed tags, attributes and link schemes kept.

    Disallowed tags are removed (their text stays, except for scripts, styles
    and embedded frames, which vanish whole). Safe to print unescaped.
    """
    if not html:
        return Markup("")
    return Markup(_CLEANER.clean(str(html)))  # noqa: S704 - just sanitised by bleach


def plain_text(text: str | None) -> Markup:
    """A person's own words, escaped, with their line breaks kept as <br>."""
    if not text:
        return Markup("")
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Markup("<br>\n").join(escape(line) for line in lines)


def init_app(app) -> None:
    """Make both functions available as Jinja filters."""
    app.jinja_env.filters["clean_html"] = clean_html
    app.jinja_env.filters["plain_text"] = plain_text
