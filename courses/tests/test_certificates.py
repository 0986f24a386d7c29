"""Certificates: the PDF a learner downloads (read back as text, as a person reads it), who may
download it, and the public page that confirms a code."""

import datetime
import re
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.certificates import certificate_pdf_bytes, normalise_code
from courses.models import Certificate
from courses.tests.test_cohort_builders import build_cohort, join, progress
from people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUED = datetime.datetime(2026, 3, 12, 10, 0, tzinfo=datetime.UTC)


# --- Reading a PDF back ----------------------------------------------------------------------
# No PDF reader is installed; fpdf2 writes simple files: one page, text shown with Tj in
# Identity-H fonts whose ToUnicode maps give the characters back.

_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal):
    out, index = bytearray(), 0
    while index < len(literal):
        byte = literal[index : index + 1]
        if byte != b"\\":
            out += byte
            index += 1
            continue
        following = literal[index + 1 : index + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[index + 1 : index + 4])
        if octal:
            out.append(int(octal.group(), 8))
            index += 1 + len(octal.group())
        else:
            out += _ESCAPES.get(following, following)
            index += 2
    return bytes(out)


def _objects(data):
    return {int(n): body for n, body in re.findall(rb"(\d+) 0 obj\n(.*?)\nendobj", data, re.S)}


def _stream(body):
    head, _sep, rest = body.partition(b"stream\n")
    raw = rest.rsplit(b"\nendstream", 1)[0]
    return zlib.decompress(raw) if b"/FlateDecode" in head else raw


def _cmap(text):
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for start, end, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            first = ord(bytes.fromhex(dst.decode()).decode("utf-16-be"))
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def pdf_lines(data):
    """The lines of text of a one-page PDF made by fpdf2, top to bottom."""
    objects = _objects(data)
    fonts = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(number)])
        fonts[name] = _cmap(_stream(objects[int(unicode_ref.group(1))]))
    page = next(body for body in objects.values() if b"/Type /Page\n" in body + b"\n")
    content = _stream(objects[int(re.search(rb"/Contents (\d+) 0 R", page).group(1))])
    lines, font = [], None
    for match in re.finditer(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", content, re.S):
        if match.group(1):
            font = fonts[match.group(1)]
            continue
        raw = _unescape(match.group(2))
        codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
        lines.append("".join(font.get(code, "\N{REPLACEMENT CHARACTER}") for code in codes))
    return lines


# --- Fixtures --------------------------------------------------------------------------------


@pytest.fixture
def certified():
    world = build_cohort()
    learner = join(world, display_name="Ana Ferreira")
    progress(world, learner, lessons=3)
    certificate = Certificate.objects.get(enrollment__user=learner)
    certificate.issued_at = ISSUED
    certificate.save()
    world.learner, world.certificate = learner, certificate
    return world


def _pdf_url(certificate, code=None):
    return reverse("courses:certificate_pdf", args=[code or certificate.code])


def _verify_url(code):
    return reverse("courses:certificate_verify", args=[code])


# --- The PDF ---------------------------------------------------------------------------------


def test_the_learner_downloads_the_certificate(client, certified):
    certificate = certified.certificate
    client.force_login(certified.learner)
    response = client.get(_pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    data = response.content
    assert data.startswith(b"%PDF-")
    assert b"/MediaBox [0 0 841.89 595.28]" in data  # A4, landscape
    assert b"DejaVuSans" in data  # the font travels inside the file
    verify = f"http://testserver/en/certificates/{certificate.code}/"
    assert f"/URI ({verify})".encode() in data
    lines = pdf_lines(data)
    assert lines == [
        "LANDSCAPE NETWORK",
        "Certificate of completion",
        "This certifies that",
        "Ana Ferreira",
        "has completed the course",
        certified.course.course.title,
        "on March 12, 2026",
        "Issued by Escola da Paisagem",
        f"Verification code: {certificate.code}",
        f"Check this certificate at {verify}",
    ]


def test_any_latin_greek_or_cyrillic_name_prints_as_typed(certified):
    certificate = certified.certificate
    certificate.learner_name = "Zoë Ødegård-Łukasiewicz, Ζωή Αλεξίου, Дмитрий Смирнов"
    certificate.course_title = "Gérer un paysage : ça s’apprend"
    lines = pdf_lines(certificate_pdf_bytes(certificate, verify_url="https://example.org/v/"))
    # A long name wraps onto a second line rather than running off the page.
    assert certificate.learner_name in " ".join(lines)
    assert certificate.course_title in lines
    assert "\N{REPLACEMENT CHARACTER}" not in " ".join(lines)


def test_very_long_names_and_titles_still_fit(certified):
    certificate = certified.certificate
    certificate.learner_name = "Maria " * 26
    certificate.course_title = "Integrated landscape management " * 7
    data = certificate_pdf_bytes(certificate, verify_url="https://example.org/v/")
    text = " ".join(pdf_lines(data))
    assert " ".join(certificate.learner_name.split()) in " ".join(text.split())
    assert data.count(b"/Type /Page\n") == 1  # still one page


def test_the_certificate_speaks_its_own_language(client, certified):
    certificate = certified.certificate
    certificate.language = "fr"
    certificate.save()
    client.force_login(certified.learner)
    data = client.get(_pdf_url(certificate)).content
    lines = pdf_lines(data)
    assert "12 mars 2026" in " ".join(lines)
    assert f"http://testserver/fr/certificates/{certificate.code}/".encode() in data
    assert b"/Lang (fr)" in data


def test_only_the_owner_and_staff_download_a_certificate(client, certified):
    url = _pdf_url(certified.certificate)
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(certified.facilitator)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200
    client.force_login(certified.learner)
    assert client.get(_pdf_url(certified.certificate, "ABCD-EFGH-JKLM")).status_code == 404


def test_the_owner_may_type_the_code_loosely(client, certified):
    client.force_login(certified.learner)
    loose = certified.certificate.code.lower().replace("-", "")
    assert client.get(_pdf_url(certified.certificate, loose)).status_code == 200


# --- The verification page -------------------------------------------------------------------


def test_the_public_page_confirms_a_certificate(client, certified):
    certificate = certified.certificate
    response = client.get(_verify_url(certificate.code))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Certificate verified" in page
    assert "Ana Ferreira" in page
    assert certified.course.course.title in page
    assert "March 12, 2026" in page
    assert "Escola da Paisagem" in page
    assert 'name="robots" content="noindex"' in page
    assert certified.course.course.url in page


@pytest.mark.parametrize(
    "typed", [lambda c: c.lower(), lambda c: c.replace("-", ""), lambda c: f" {c.lower()} "]
)
def test_codes_typed_loosely_are_found(client, certified, typed):
    code = typed(certified.certificate.code)
    response = client.get(_verify_url(code.strip()))
    assert response.status_code == 200
    assert "Ana Ferreira" in response.content.decode()
    # The check form on the page sends ?code=, which leads to the code's own address.
    response = client.get(_verify_url("ABCD-EFGH-JKLM"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == _verify_url(certified.certificate.code)


def test_an_unknown_code_says_so_plainly(client, certified):
    response = client.get(_verify_url("abcd-efgh-jklm"))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Unknown certificate code" in page
    assert "ABCD-EFGH-JKLM" in page
    assert "Ana Ferreira" not in page
    assert 'name="code"' in page  # a form to check another code
    assert client.get(_verify_url("nonsense")).status_code == 404


def test_the_address_without_a_language_leads_to_the_page(client, certified):
    code = certified.certificate.code
    response = client.get(f"/certificates/{code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/{code}/"
    response = client.get(f"/certificates/{code}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == f"/fr/certificates/{code}/"
    followed = client.get(f"/certificates/{code}/", follow=True)
    assert followed.status_code == 200 and "Ana Ferreira" in followed.content.decode()
    # An unknown code without a language also ends on the helpful 404 page.
    followed = client.get("/certificates/ABCD-EFGH-JKLM/", follow=True)
    assert followed.status_code == 404
    assert "Unknown certificate code" in followed.content.decode()


def test_normalising_codes():
    assert normalise_code("abcd efgh jklm") == "ABCD-EFGH-JKLM"
    assert normalise_code("ABCDEFGHJKLM") == "ABCD-EFGH-JKLM"
    assert normalise_code("abc") == "ABC"
    assert normalise_code(None) == ""


def test_a_certificate_outlives_changes_to_the_course_and_the_name(client, certified):
    certified.learner.display_name = "Ana F. Souza"
    certified.learner.save()
    course = certified.course.course
    course.title = "A renamed course"
    course.save_revision().publish()
    page = client.get(_verify_url(certified.certificate.code)).content.decode()
    assert "Ana Ferreira" in page
    assert timezone.now() > certified.certificate.issued_at
