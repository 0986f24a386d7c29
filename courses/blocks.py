"""StreamField blocks of lessons. Templates live in templates/blocks/.

A quiz is a block inside the lesson's body, so it travels with the lesson's revisions and
wagtail-localize translates its questions, choices, feedback and accepted answers. A quiz and
its questions are known by their block ids, which translations keep: an attempt made in French
counts for the English lesson too.

Correct answers never reach the browser before an answer is submitted: the quiz template is
given ``public_quiz(value)``, which holds no correctness, and grading (``grade_quiz``) runs on
the server.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from knowledge.blocks import PLAIN_RICH_TEXT, DocumentBlock, GalleryImageBlock

LESSON_RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


class VideoBlock(blocks.StructBlock):
    """A video, uploaded or embedded, always with a transcript: many learners are on metered
    connections or cannot hear it, and the transcript is what they read instead."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    file = DocumentChooserBlock(
        label=_("video file"), required=False, help_text=_("An MP4 or WebM file.")
    )
    embed = EmbedBlock(
        label=_("embedded video"), required=False, help_text=_("A YouTube or Vimeo address.")
    )
    transcript = blocks.RichTextBlock(label=_("transcript"), features=PLAIN_RICH_TEXT)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("embed")):
            message = _("Choose either a video file or an embedded video.")
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(message), "embed": ValidationError(message)}
            )
        return value


class CalloutBlock(blocks.StructBlock):
    KINDS = [
        ("tip", _("Tip")),
        ("note", _("Note")),
        ("warning", _("Warning")),
        ("activity", _("Activity")),
    ]

    kind = blocks.ChoiceBlock(label=_("kind"), choices=KINDS, default="note")
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("text"), features=PLAIN_RICH_TEXT)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"


class CaseStudyCardBlock(blocks.StructBlock):
    case_study = blocks.PageChooserBlock(label=_("case study"), page_type="knowledge.CaseStudyPage")
    note = blocks.CharBlock(label=_("why this example"), max_length=300, required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Case study")
        template = "blocks/case_study_card.html"


class CurriculumMaterialBlock(blocks.StructBlock):
    """A module of a curriculum, embedded: its sessions and handouts as the institute wrote
    them."""

    module = blocks.PageChooserBlock(
        label=_("curriculum module"), page_type="knowledge.CurriculumModulePage"
    )
    show_sessions = blocks.BooleanBlock(label=_("show the sessions"), required=False, default=True)
    show_handouts = blocks.BooleanBlock(label=_("show the handouts"), required=False, default=True)

    class Meta:
        icon = "list-ul"
        label = _("Curriculum material")
        template = "blocks/curriculum_material.html"


# --- Quizzes -------------------------------------------------------------------------------


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.CharBlock(label=_("feedback when chosen"), max_length=500, required=False)

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class _ChoiceQuestionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("question"), max_length=500)
    choices = blocks.ListBlock(ChoiceOptionBlock(), label=_("answers"), min_num=2, max_num=10)
    explanation = blocks.CharBlock(
        label=_("explanation shown after answering"), max_length=1000, required=False
    )

    def correct_count_error(self, count):  # pragma: no cover - overridden
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        error = self.correct_count_error(sum(1 for choice in value["choices"] if choice["correct"]))
        if error:
            raise StructBlockValidationError(block_errors={"choices": ValidationError(error)})
        return value


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Single choice")

    def correct_count_error(self, count):
        if count != 1:
            return _("Mark exactly one answer as correct.")
        return None


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    class Meta:
        icon = "tick-inverse"
        label = _("Multiple answers")

    def correct_count_error(self, count):
        if count < 1:
            return _("Mark at least one answer as correct.")
        return None


class TrueFalseQuestionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("statement"), max_length=500)
    answer = blocks.BooleanBlock(label=_("the statement is true"), required=False)
    feedback_correct = blocks.CharBlock(
        label=_("feedback for a right answer"), max_length=500, required=False
    )
    feedback_incorrect = blocks.CharBlock(
        label=_("feedback for a wrong answer"), max_length=500, required=False
    )

    class Meta:
        icon = "help"
        label = _("True or false")


class ShortTextQuestionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(label=_("question"), max_length=500)
    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("accepted answers"),
        min_num=1,
        help_text=_("Case, accents and extra spaces are ignored when comparing."),
    )
    feedback_correct = blocks.CharBlock(
        label=_("feedback for a right answer"), max_length=500, required=False
    )
    feedback_incorrect = blocks.CharBlock(
        label=_("feedback for a wrong answer"), max_length=500, required=False
    )

    class Meta:
        icon = "edit"
        label = _("Short text answer")


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_text = ShortTextQuestionBlock()

    class Meta:
        min_num = 1


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    instructions = blocks.CharBlock(label=_("instructions"), max_length=500, required=False)
    required = blocks.BooleanBlock(
        label=_("required to complete the lesson"), required=False, default=True
    )
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"), min_value=0, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("attempts allowed"),
        min_value=0,
        max_value=100,
        default=3,
        help_text=_("0 allows any number of attempts."),
    )
    questions = QuestionStreamBlock(label=_("questions"))

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "blocks/quiz.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=LESSON_RICH_TEXT, icon="pilcrow")
    image = GalleryImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case_study = CaseStudyCardBlock()
    curriculum_material = CurriculumMaterialBlock()
    quiz = QuizBlock()


# --- Reading and grading quizzes -----------------------------------------------------------


def quizzes_of(body):
    """The quiz blocks of a lesson body, in order, as (block id, value)."""
    return [(child.id, child.value) for child in body if child.block_type == "quiz"]


def public_quiz(quiz_id, value):
    """What the browser may see of a quiz before answering: prompts and the answers to choose
    from, never which are correct nor the feedback that would tell."""
    questions = []
    for question in value["questions"]:
        item = {"id": question.id, "kind": question.block_type, "prompt": question.value["prompt"]}
        if question.block_type in ("single_choice", "multiple_choice"):
            item["choices"] = [
                {"index": index, "text": choice["text"]}
                for index, choice in enumerate(question.value["choices"])
            ]
        questions.append(item)
    return {
        "id": quiz_id,
        "title": value["title"],
        "instructions": value["instructions"],
        "required": value["required"],
        "pass_mark": value["pass_mark"],
        "max_attempts": value["max_attempts"],
        "questions": questions,
    }


def normalise_text(text):
    """Compare short answers as people mean them: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def _as_indexes(raw, size):
    if raw is None:
        return set()
    values = raw if isinstance(raw, list | tuple | set) else [raw]
    indexes = set()
    for item in values:
        try:
            index = int(item)
        except (TypeError, ValueError):
            continue
        if 0 <= index < size:
            indexes.add(index)
    return indexes


def _as_bool(raw):
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, list | tuple) and raw:
        raw = raw[0]
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    return None


def grade_question(question, raw):
    """Grade one answer. Returns (correct, feedback list, stored answer). An unanswered
    question is wrong."""
    kind, value = question.block_type, question.value
    if kind in ("single_choice", "multiple_choice"):
        choices = list(value["choices"])
        chosen = _as_indexes(raw, len(choices))
        if kind == "single_choice" and len(chosen) > 1:
            chosen = set()  # a forged form with two radios answered: not an answer
        right = {index for index, choice in enumerate(choices) if choice["correct"]}
        feedback = [choices[index]["feedback"] for index in sorted(chosen)]
        if value["explanation"]:
            feedback.append(value["explanation"])
        return bool(chosen) and chosen == right, [f for f in feedback if f], sorted(chosen)
    if kind == "true_false":
        answer = _as_bool(raw)
        correct = answer is not None and answer == bool(value["answer"])
        feedback = value["feedback_correct"] if correct else value["feedback_incorrect"]
        return correct, [feedback] if feedback else [], answer
    if kind == "short_text":
        text = raw[0] if isinstance(raw, list | tuple) and raw else raw
        text = str(text or "")[:200]
        given = normalise_text(text)
        accepted = {normalise_text(answer) for answer in value["accepted_answers"]}
        correct = bool(given) and given in accepted
        feedback = value["feedback_correct"] if correct else value["feedback_incorrect"]
        return correct, [feedback] if feedback else [], text
    raise ValueError(f"unknown question type {kind}")


def grade_quiz(value, answers):
    """Grade a submission: ``answers`` maps question ids to what was given (a choice index or
    a list of them, "true"/"false", or text). Returns the score (0–100, rounded down to a
    whole number so a pass mark is never met by rounding), whether it passed, and per question
    whether it was right, with its feedback."""
    results = []
    for question in value["questions"]:
        correct, feedback, given = grade_question(question, answers.get(question.id))
        results.append(
            {
                "id": question.id,
                "kind": question.block_type,
                "correct": correct,
                "feedback": feedback,
                "answer": given,
            }
        )
    total = len(results)
    right = sum(1 for result in results if result["correct"])
    score = (100 * right) // total if total else 0
    return {
        "score": score,
        "correct": right,
        "total": total,
        "passed": score >= value["pass_mark"],
        "questions": results,
    }
