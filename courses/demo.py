"""Demo content of the courses, loaded by `manage.py seed_demo` (safe to run again).

One course built from the knowledge hub's demo curriculum ("Convening a landscape
partnership": three modules, nine lessons, a quiz closing each module) under the course
catalogue, translated into French; then a cohort of it run by the demo institute, with seven
learners at different stages. Pages are found by slug and only created when missing, and a
learner's story is only played when they have no enrollment yet, so running it again creates
nothing and never overwrites what an editor or a learner changed. The words live in
``demo_data``.

Everything the learners did goes through ``courses.services`` with backdated times, so the
counters, quiz attempts, learning statements and the certificate are the ones the site would
have made. The demo has no video: an embedded video needs the network to render, and the
demo must work offline.
"""

import os
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from knowledge.models import CaseStudyPage, CurriculumModulePage, CurriculumPage
from knowledge.translation import page_sync_aliases, translation_publish
from people.models import SpokenLanguage, TrainingInstitute, User

from . import demo_data as data
from . import services
from .models import (
    Cohort,
    CohortInvitation,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonPage,
    ModulePage,
)

LANGUAGES = ("en", "fr")  # the order of the pairs in demo_data
# Block ids are derived from the lesson and the block's place in it, so the English lesson and
# its French translation share them (as wagtail-localize's translations do): an attempt at a
# quiz is one record whatever the language it was taken in.
BLOCK_IDS = uuid.UUID("8a4f6c1e-2d37-4b6a-9e0f-5c1d2b3a4f60")


def seed(*, stdout, people, admin):
    index = CourseIndexPage.objects.filter(locale__language_code="en").order_by("path").first()
    if index is None:
        stdout.write("Courses: no course catalogue in English; skipped.")
        return
    build = _Build(people=people, admin=admin)
    # As in knowledge.demo: a page is saved several times while it is built, so its references
    # (case studies, curriculum modules in lesson bodies) are indexed once at the end.
    with disable_reference_index_auto_update():
        course = build.run(index)
    build.index_references()
    enrolled = _Cohort(build, course).run()
    stdout.write(
        f"Courses: {len(build.created)} pages created, {enrolled} learners' progress recorded."
    )


def _block_id(*parts):
    return str(uuid.uuid5(BLOCK_IDS, "/".join(str(part) for part in parts)))


class _Build:
    """The course pages in English, their French translation and the aliases of the other
    languages."""

    def __init__(self, *, people, admin):
        self.people = dict(people)  # the course's own learners are added to a copy
        self.admin = admin
        self.french = Locale.objects.filter(language_code="fr").first()
        self.created = []  # pages created in this run
        self.saved = []  # every page saved in this run, for the reference index
        curriculum = CurriculumPage.objects.filter(
            slug=data.CURRICULUM_SLUG, locale__language_code="en"
        ).first()
        self.curriculum = curriculum
        self.curriculum_modules = (
            {page.slug: page for page in CurriculumModulePage.objects.child_of(curriculum)}
            if curriculum
            else {}
        )
        slugs = {
            block["slug"]
            for module in data.MODULES
            for lesson in module["lessons"]
            for block in lesson["body"]
            if block["type"] == "case_study"
        }
        self.case_studies = {
            page.slug: page
            for page in CaseStudyPage.objects.filter(slug__in=slugs, locale__language_code="en")
        }

    def run(self, index):
        self.translate(index, data.COURSE_INDEX_FR)
        course = self.course(index)
        modules = []
        for spec in data.MODULES:
            module = self.module(course, spec)
            lessons = [self.lesson(module, spec, lesson) for lesson in spec["lessons"]]
            modules.append((module, spec, lessons))
        # French once the English tree is complete (a translation needs its parent in French).
        self.translate(course, self._course_fields(1))
        for module, spec, lessons in modules:
            self.translate(module, self._module_fields(spec, 1))
            for lesson, lesson_spec in zip(lessons, spec["lessons"], strict=True):
                self.translate(lesson, self._lesson_fields(lesson_spec, 1))
        # The other languages' trees hold aliases of the English pages (see knowledge.translation).
        for page in [index, course] + [p for m, _s, ls in modules for p in (m, *ls)]:
            self.saved.extend(page_sync_aliases(page))
        return course

    def index_references(self):
        for page in self.saved:
            ReferenceIndex.create_or_update_for_object(page)

    # --- Pages -------------------------------------------------------------------------------

    def publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision(user=self.admin).publish(user=self.admin)
        page.refresh_from_db()  # publishing saved a copy made from the revision
        self.created.append(page)
        self.saved.append(page)
        return page

    def translate(self, page, fields):
        """Give ``page`` a French translation unless it has one (as knowledge.demo does)."""
        if self.french is None:
            return None
        translated, made = translation_publish(page, self.french, fields, user=self.admin)
        if made:
            self.created.append(translated)
            self.saved.append(translated)
        return translated

    def course(self, index):
        course = CoursePage.objects.child_of(index).filter(slug=data.COURSE["slug"]).first()
        if course is not None:
            return course
        spec = data.COURSE
        institute = TrainingInstitute.objects.filter(slug=data.INSTITUTE_SLUG).first()
        course = CoursePage(
            slug=spec["slug"],
            owner=self.admin,
            live=False,
            curriculum=self.curriculum,
            institute=institute,
            estimated_hours=Decimal(spec["estimated_hours"]),
            level=spec["level"],
            original_language=spec["original_language"],
            licence=spec["licence"],
            modules_in_order=spec["modules_in_order"],
            enrollment=CoursePage.Enrollment.OPEN,
            **self._course_fields(0),
        )
        return self.publish(index, course)

    def module(self, course, spec):
        module = ModulePage.objects.child_of(course).filter(slug=spec["slug"]).first()
        if module is not None:
            return module
        module = ModulePage(
            slug=spec["slug"],
            owner=self.admin,
            live=False,
            curriculum_module=self.curriculum_modules.get(spec["curriculum_module"]),
            **self._module_fields(spec, 0),
        )
        return self.publish(course, module)

    def lesson(self, module, module_spec, spec):
        lesson = LessonPage.objects.child_of(module).filter(slug=spec["slug"]).first()
        if lesson is not None:
            return lesson
        lesson = LessonPage(
            slug=spec["slug"],
            owner=self.admin,
            live=False,
            estimated_minutes=spec["minutes"],
            preview=spec.get("preview", False),
            **self._lesson_fields(spec, 0),
        )
        return self.publish(module, lesson)

    # --- Words in one language (0: English, 1: French) -----------------------------------------

    def _course_fields(self, lang):
        spec = data.COURSE
        fields = {
            "title": spec["title"][lang],
            "summary": spec["summary"][lang],
            "description": _rich(spec["description"][lang]),
            "outcomes": [
                {"type": "outcome", "value": pair[lang], "id": _block_id("course", "outcome", n)}
                for n, pair in enumerate(spec["outcomes"])
            ],
        }
        if lang:
            fields["curriculum"] = self._in_french(self.curriculum)
        return fields

    def _module_fields(self, spec, lang):
        fields = {"title": spec["title"][lang], "summary": spec["summary"][lang]}
        if lang:
            fields["curriculum_module"] = self._in_french(
                self.curriculum_modules.get(spec["curriculum_module"])
            )
        return fields

    def _lesson_fields(self, spec, lang):
        return {
            "title": spec["title"][lang],
            "summary": spec["summary"][lang],
            "body": self._body(spec, lang),
        }

    def _in_french(self, page):
        """The French page of a translated page, its French alias otherwise, else itself."""
        if page is None or self.french is None:
            return page
        return page.get_translation_or_none(self.french) or page

    def _body(self, spec, lang):
        """A lesson's StreamField data in one language. Blocks whose page is missing (a case
        study an editor deleted) are left out."""
        slug = spec["slug"]
        body = []
        for n, block in enumerate(spec["body"]):
            kind = block["type"]
            if kind == "text":
                value = _rich(block["text"][lang])
            elif kind == "callout":
                value = {
                    "kind": block["kind"],
                    "title": block["title"][lang],
                    "text": _rich(block["text"][lang]),
                }
            elif kind == "case_study":
                page = self.case_studies.get(block["slug"])
                if page is None:
                    continue
                page = self._in_french(page) if lang else page
                value = {"case_study": page.pk, "note": block["note"][lang]}
            elif kind == "curriculum_material":
                page = self.curriculum_modules.get(block["module"])
                if page is None:
                    continue
                page = self._in_french(page) if lang else page
                value = {"module": page.pk, "show_sessions": True, "show_handouts": True}
            elif kind == "quiz":
                value = _quiz(block, lang, (slug, n))
            else:  # pragma: no cover - demo_data is ours
                raise ValueError(f"unknown block type {kind}")
            body.append({"type": kind, "value": value, "id": _block_id(slug, n)})
        return body


def _quiz(spec, lang, at):
    questions = []
    for q, question in enumerate(spec["questions"]):
        kind = question["type"]
        value = {"prompt": question["prompt"][lang]}
        if kind in ("single_choice", "multiple_choice"):
            value["choices"] = [
                {
                    "type": "item",
                    "id": _block_id(*at, q, "choice", c),
                    "value": {"text": text[lang], "correct": correct, "feedback": feedback[lang]},
                }
                for c, (text, correct, feedback) in enumerate(question["choices"])
            ]
            value["explanation"] = question.get("explanation", ("", ""))[lang]
        elif kind == "true_false":
            value["answer"] = question["answer"]
        elif kind == "short_text":
            value["accepted_answers"] = [
                {"type": "item", "id": _block_id(*at, q, "accepted", a), "value": answer}
                for a, answer in enumerate(question["accepted"][lang])
            ]
        if kind in ("true_false", "short_text"):
            value["feedback_correct"] = question["feedback_correct"][lang]
            value["feedback_incorrect"] = question["feedback_incorrect"][lang]
        questions.append({"type": kind, "value": value, "id": _block_id(*at, q)})
    return {
        "title": spec["title"][lang],
        "instructions": data.QUIZ_INSTRUCTIONS[lang],
        "required": True,
        "pass_mark": 70,
        "max_attempts": 3,
        "questions": questions,
    }


def _rich(text):
    """Demo text as rich text: blank lines separate paragraphs, "## " starts a heading and
    lines starting with "- " make a bulleted list."""
    html = []
    for paragraph in text.strip().split("\n\n"):
        paragraph = paragraph.strip()
        if paragraph.startswith("## "):
            html.append(f"<h2>{escape(paragraph[3:])}</h2>")
        elif paragraph.startswith("- "):
            items = [line[2:].strip() for line in paragraph.split("\n")]
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
        else:
            html.append(f"<p>{escape(paragraph)}</p>")
    return "".join(html)


# --- The cohort and its learners -------------------------------------------------------------


class _Cohort:
    """The demo institute's cohort of the course and its learners' stories, played through
    the services at the times they happened."""

    def __init__(self, build, course):
        self.people = build.people
        self.french = build.french
        self.course = course
        self.now = timezone.now()

    def person(self, username):
        return self.people.get(username) or User.objects.filter(username=username).first()

    def run(self):
        institute = TrainingInstitute.objects.filter(slug=data.INSTITUTE_SLUG).first()
        if institute is None or not self.course.live:
            return 0
        for spec in data.LEARNERS:
            self.people[spec["username"]] = self.learner(spec)
        cohort = self.cohort(institute)
        if cohort is None:
            return 0
        played = 0
        for journey in data.JOURNEYS:
            user = self.person(journey["username"])
            if (
                user is None
                or Enrollment.objects.filter(
                    user=user, course_key=self.course.translation_key
                ).exists()
            ):
                continue  # played already (or the person is gone)
            lessons = self.lessons(journey["language"])
            if lessons is None:
                continue  # an editor reshaped the course: its stories no longer fit
            self.play(cohort, user, journey, lessons)
            played += 1
        return played

    def learner(self, spec):
        from people.management.commands.seed_demo import DEFAULT_DEMO_PASSWORD, DEMO_PASSWORD_ENV

        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is None:
            user = User(
                username=spec["username"],
                email=spec["email"],
                display_name=spec["display_name"],
                country=spec["country"],
                preferred_language=spec["preferred_language"],
                affiliations=spec["affiliations"],
                bio=spec["bio"],
            )
            user.set_password(os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD))
            user.full_clean()
            user.save()
            user.expertise.set(spec["expertise"])
            SpokenLanguage.objects.bulk_create(
                [SpokenLanguage(user=user, code=code) for code in spec["languages"]]
            )
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user

    def cohort(self, institute):
        cohort = Cohort.objects.filter(course=self.course, institute=institute).first()
        if cohort is not None:
            return cohort
        admin = self.person(data.COHORT["created_by"])
        if admin is None:
            return None
        starts_on = (self.now - timedelta(days=data.COHORT["starts_days_ago"])).date()
        cohort = services.cohort_create(
            institute=institute,
            course=self.course,
            name=data.COHORT["name"],
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=data.COHORT["length_days"]),
            facilitators=[p for p in map(self.person, data.COHORT["facilitators"]) if p],
            by=admin,
        )
        # Invitations are written here rather than by services.cohort_invite, which emails
        # every address: loading the demo sends no mail. Learners accept theirs through the
        # service (see play).
        for email in data.COHORT["pending_invitations"]:
            self.invitation(cohort, email, admin, starts_on)
        return cohort

    def invitation(self, cohort, email, by, on):
        invitation = CohortInvitation.objects.filter(cohort=cohort, email__iexact=email).first()
        if invitation is None:
            invitation = CohortInvitation(cohort=cohort, email=email, invited_by=by)
            invitation.full_clean(validate_constraints=False)
            invitation.save()
            created = timezone.make_aware(datetime.combine(on, time(9)))
            CohortInvitation.objects.filter(pk=invitation.pk).update(created_at=created)
        return invitation

    def lessons(self, language):
        """The course's lessons in one language by "module.lesson" number, as the demo made
        them (None when one is missing)."""
        course = self.course
        if language != "en":
            course = CoursePage.objects.filter(
                translation_key=course.translation_key, locale__language_code=language
            ).first()
            if course is None:
                return None
        found = {}
        for m, spec in enumerate(data.MODULES, start=1):
            module = ModulePage.objects.child_of(course).filter(slug=spec["slug"]).live().first()
            if module is None:
                return None
            pages = {page.slug: page for page in module.lessons()}
            for n, lesson_spec in enumerate(spec["lessons"], start=1):
                if lesson_spec["slug"] not in pages:
                    return None
                found[f"{m}.{n}"] = (pages[lesson_spec["slug"]], lesson_spec)
        return found

    def play(self, cohort, user, journey, lessons):
        lang = LANGUAGES.index(journey["language"])
        enrolled_at = self.now - timedelta(days=journey["enrolled_days_ago"], hours=2)
        admin = self.person(data.COHORT["created_by"])
        invitation = self.invitation(
            cohort, user.email, admin, (enrolled_at - timedelta(days=3)).date()
        )
        # The cohort's course in the learner's interface language (the French course for a
        # French reader): the same enrollment whatever the language.
        services.cohort_invitation_accept(invitation=invitation, user=user, now=enrolled_at)
        clock = enrolled_at
        for step in journey["steps"]:
            action, number, days_ago = step[:3]
            lesson, spec = lessons[number]
            # A step happened ``days_ago`` (a lesson done or a quiz answered then, opened
            # ``minutes`` before); steps on the same day follow each other.
            minutes = step[3] if action in ("done", "quiz") else 0
            at = max(
                self.now - timedelta(days=days_ago, minutes=minutes),
                clock + timedelta(minutes=5),
            )
            if action == "open":
                services.lesson_open(user=user, lesson=lesson, now=at)
                clock = at
            elif action == "track":
                position = lesson.body[1].id if len(lesson.body) > 1 else ""
                services.lesson_track(
                    user=user, lesson=lesson, seconds=step[3], position=position, now=at
                )
                clock = at
            elif action == "done":
                services.lesson_open(user=user, lesson=lesson, now=at)
                clock = at + timedelta(minutes=minutes)
                services.lesson_complete(user=user, lesson=lesson, now=clock)
            elif action == "quiz":
                wrong = step[4]
                services.lesson_open(user=user, lesson=lesson, now=at)
                clock = at + timedelta(minutes=minutes)
                quiz_id, value = lesson.quizzes()[0]
                quiz_spec = next(b for b in spec["body"] if b["type"] == "quiz")
                services.quiz_submit(
                    user=user,
                    lesson=lesson,
                    quiz_id=quiz_id,
                    answers=_answers(value, quiz_spec, lang, wrong),
                    seconds=min(minutes, 20) * 60,
                    now=clock,
                )
            else:  # pragma: no cover - demo_data is ours
                raise ValueError(f"unknown step {action}")


def _answers(value, spec, lang, wrong):
    """Answers to a quiz as a learner's form would send them: right, except for the questions
    numbered in ``wrong``."""
    answers = {}
    for q, question in enumerate(value["questions"]):
        kind, block = question.block_type, question.value
        right = q not in wrong
        if kind in ("single_choice", "multiple_choice"):
            correct = [i for i, choice in enumerate(block["choices"]) if choice["correct"]]
            others = [i for i, choice in enumerate(block["choices"]) if not choice["correct"]]
            if right:
                chosen = correct
            elif kind == "multiple_choice" and len(correct) > 1:
                chosen = correct[:-1]  # one right answer missed
            else:
                chosen = others[:1]
            answer = [str(i) for i in chosen]
            answers[question.id] = answer if kind == "multiple_choice" else answer[0]
        elif kind == "true_false":
            answers[question.id] = "true" if bool(block["answer"]) == right else "false"
        elif kind == "short_text":
            words = spec["questions"][q]
            # A right answer as people type it (capitalised); a wrong one from the data.
            answers[question.id] = (
                words["accepted"][lang][0].capitalize() if right else words["wrong"][lang]
            )
    return answers
