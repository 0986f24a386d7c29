"""Certificates: the PDF a learner downloads, and the public page that confirms one.

The PDF is drawn with fpdf2 (pure Python, installed by pip alone) in DejaVu Sans, embedded
from ``courses/fonts/`` so any Latin, Cyrillic or Greek name prints as typed. It is written in
the certificate's language (the course's, when it was issued) and carries its verification
code and the address of the page that confirms it.
"""

import re
from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .models import Certificate, CoursePage

FONTS = Path(__file__).resolve().parent / "fonts"
GREEN = (31, 93, 58)
INK = (27, 31, 28)
MUTED = (79, 90, 82)

_CODE_CHARACTERS = re.compile(r"[^A-Z0-9]")


def normalise_code(text):
    """A code as people type it (lower case, without dashes, with spaces) in its printed
    form, ABCD-EFGH-JKLM. Anything that cannot be a code comes back cleaned but unchanged in
    length, and matches nothing."""
    bare = _CODE_CHARACTERS.sub("", str(text or "").upper())
    if len(bare) == 12:
        return f"{bare[:4]}-{bare[4:8]}-{bare[8:]}"
    return bare


def find_certificate(code):
    normal = normalise_code(code)
    if not normal:
        return None
    return (
        Certificate.objects.select_related("enrollment", "enrollment__user")
        .filter(code=normal)
        .first()
    )


# --- The PDF ----------------------------------------------------------------------------------


def _fit(pdf, text, *, width, largest, smallest, style="B"):
    """The largest font size (down to ``smallest``) at which ``text`` fits on one line."""
    size = largest
    while size > smallest:
        pdf.set_font("DejaVu", style, size)
        if pdf.get_string_width(text) <= width:
            return size
        size -= 1
    return smallest


def certificate_pdf_bytes(certificate, *, verify_url):
    """The certificate as a landscape A4 PDF, in the certificate's language."""
    from fpdf import FPDF

    with translation.override(certificate.language):
        issued_on = date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_title(
            _("Certificate of completion: %(course)s") % {"course": certificate.course_title}
        )
        pdf.set_author(_("Landscape Network"))
        pdf.set_subject(certificate.learner_name)
        pdf.set_lang(certificate.language)
        pdf.set_creation_date(certificate.issued_at)
        pdf.set_auto_page_break(False)
        pdf.set_margins(25, 20, 25)
        pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
        pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
        pdf.add_page()
        width = pdf.w - pdf.l_margin - pdf.r_margin

        # A double frame in the site's green.
        pdf.set_draw_color(*GREEN)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_line_width(0.3)
        pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

        def line(text, size, *, style="", color=INK, height=None, gap=0):
            pdf.set_font("DejaVu", style, size)
            pdf.set_text_color(*color)
            pdf.multi_cell(width, height or size * 0.5, text, align="C", new_x="LMARGIN")
            if gap:
                pdf.ln(gap)

        pdf.set_y(26)
        line(_("Landscape Network").upper(), 11, style="B", color=GREEN, gap=6)
        line(_("Certificate of completion"), 30, style="B", color=GREEN, gap=8)
        line(_("This certifies that"), 14, color=MUTED, gap=3)
        size = _fit(pdf, certificate.learner_name, width=width, largest=30, smallest=16)
        line(certificate.learner_name, size, style="B", gap=4)
        line(_("has completed the course"), 14, color=MUTED, gap=3)
        size = _fit(pdf, certificate.course_title, width=width, largest=22, smallest=14)
        line(certificate.course_title, size, style="B", gap=5)
        line(_("on %(date)s") % {"date": issued_on}, 14, gap=2)
        if certificate.institute_name:
            line(
                _("Issued by %(institute)s") % {"institute": certificate.institute_name},
                14,
                gap=2,
            )

        # The verification code and where to check it, at the foot of the page.
        pdf.set_y(pdf.h - 46)
        line(
            _("Verification code: %(code)s") % {"code": certificate.code},
            12,
            style="B",
            gap=1,
        )
        pdf.set_font("DejaVu", "", 10)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(
            width,
            5,
            _("Check this certificate at %(url)s") % {"url": verify_url},
            align="C",
            link=verify_url,
            new_x="LMARGIN",
        )
        return bytes(pdf.output())


def _verify_url(request, certificate):
    with translation.override(certificate.language):
        path = reverse("courses:certificate_verify", args=[certificate.code])
    return request.build_absolute_uri(path)


def certificate_pdf(request, code):
    """The learner's certificate as a PDF: for its owner (and staff) only; anyone else gets
    "not found", as if there were none."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = find_certificate(code)
    if certificate is None:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not request.user.is_staff:
        raise Http404
    content = certificate_pdf_bytes(certificate, verify_url=_verify_url(request, certificate))
    response = HttpResponse(content, content_type="application/pdf")
    # The learner's name: no shared cache keeps it.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"certificate-{certificate.code}.pdf"
    )
    return response


# --- The public verification page -------------------------------------------------------------


def _course_page(certificate):
    """The certified course in the reader's language when it is still published (else in any
    language, else none)."""
    pages = CoursePage.objects.live().public().filter(translation_key=certificate.course_key)
    language = translation.get_language()
    return pages.filter(locale__language_code=language).first() or pages.first()


def certificate_verify(request, code):
    """Confirm a certificate from its code (lower case and missing dashes are fine), or say
    plainly that no certificate has it (404). ``?code=`` checks another code."""
    asked = request.GET.get("code")
    if asked is not None and normalise_code(asked):
        return redirect("courses:certificate_verify", code=normalise_code(asked))
    certificate = find_certificate(code)
    context = {
        "code": normalise_code(code) or code,
        "certificate": certificate,
        "course_page": _course_page(certificate) if certificate else None,
    }
    return render(
        request,
        "courses/certificate_verify.html",
        context,
        status=200 if certificate else 404,
    )
