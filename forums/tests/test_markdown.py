"""Whatever a person types, a post's HTML runs no script: known XSS payloads and generated
documents through the real renderer and sanitiser."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forums.markdown import ALLOWED_TAGS, render

# From the OWASP XSS filter evasion cheat sheet and markdown-specific vectors.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    '![x" onerror="alert(1)](http://x.org/a.png)',
    '[x](http://a.org "title" onmouseover="alert(1)")',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<input autofocus onfocus=alert(1)>",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    "[a](<javascript:alert(1)>)",
    '<http://x.org/" onmouseover="alert(1)>',
    "<style>*{background:url(//evil)}</style>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_inert(html):
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in {"style", "src", "srcdoc"}, html
            if name == "href":
                scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
                safe = {"http", "https", "mailto"}
                assert scheme is None or scheme.group(1).lower() in safe, html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_known_payloads_come_out_inert(payload):
    assert_inert(render(payload))
    assert_inert(render(f"> quoted {payload}\n\n- {payload}\n\n| a |\n|---|\n| {payload} |"))


def test_ordinary_markdown_survives():
    html = render("**bold** _it_ ~~old~~ `code`\n\n> quote\n\n1. one\n2. two\n\nhttps://a.org")
    for part in [
        "<strong>bold</strong>",
        "<em>it</em>",
        "<s>old</s>",
        "<code>code</code>",
        "<blockquote>",
        "<ol>",
        'href="https://a.org"',
    ]:
        assert part in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html


markdownish = st.text(
    alphabet=st.sampled_from(list("<>\"'=/:;&#()[]!`*_~-|\\ \nabcjavscriptonerloadhttp@.0123")),
    max_size=300,
)


@settings(max_examples=1000, deadline=None)
@given(markdownish)
def test_generated_documents_come_out_inert(text):
    assert_inert(render(text))
