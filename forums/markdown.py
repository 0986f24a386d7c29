"""Markdown for posts: markdown-it-py (CommonMark, tables, strikethrough, bare links) renders,
nh3 (the Rust ammonia sanitiser) keeps only an allow-list of tags, attributes and URL schemes.
Whatever a person types, the HTML stored and shown can run no script.

``@username`` becomes a link to that person's profile when the person exists; the names are
returned so the service can notify them.
"""

import re

import nh3
from markdown_it import MarkdownIt

MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_.+-]{2,150})")

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _md():
    md = MarkdownIt("commonmark", {"linkify": True, "html": False, "typographer": False})
    md.enable(["table", "strikethrough", "linkify"])
    # Headings of a post sit under the page's own h1/h2.
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    return md


def _level(token):
    return f"h{min(6, max(3, int(token.tag[1]) + 2))}"


def _heading_open(self, tokens, idx, options, env):
    return f"<{_level(tokens[idx])}>"


def _heading_close(self, tokens, idx, options, env):
    return f"</{_level(tokens[idx])}>\n"


_renderer = _md()


def _link_mentions(tokens, profile_url, known):
    """Replace @name in plain text (not code, not inside links) by a link token."""
    from markdown_it.token import Token

    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        children, in_link = [], 0
        for child in block.children:
            if child.type == "link_open":
                in_link += 1
            elif child.type == "link_close":
                in_link -= 1
            if child.type != "text" or in_link or "@" not in child.content:
                children.append(child)
                continue
            text, last = child.content, 0
            for match in MENTION.finditer(text):
                name = match.group(1).rstrip(".")
                if name.lower() not in known:
                    continue
                if match.start() > last:
                    children.append(_text(Token, text[last : match.start()]))
                link = Token("link_open", "a", 1)
                link.attrs = {"href": profile_url(known[name.lower()]), "class": "mention"}
                children += [link, _text(Token, "@" + name), Token("link_close", "a", -1)]
                last = match.start() + 1 + len(name)
            if last < len(text):
                children.append(_text(Token, text[last:]))
        block.children = children


def _text(Token, content):
    token = Token("text", "", 0)
    token.content = content
    return token


def mentioned_names(text):
    return {m.group(1).rstrip(".").lower() for m in MENTION.finditer(text or "")}


def render(text, *, mentions=None, profile_url=None):
    """Sanitised HTML for a post's markdown. ``mentions`` maps lower-cased usernames that
    exist to their canonical spelling; only those become links."""
    env = {}
    tokens = _renderer.parse(text or "", env)
    if mentions and profile_url:
        _link_mentions(tokens, profile_url, mentions)
    html = _renderer.renderer.render(tokens, _renderer.options, env)
    return sanitise(html)


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )


def count_links(html):
    return html.count("<a ") - html.count('class="mention"')
