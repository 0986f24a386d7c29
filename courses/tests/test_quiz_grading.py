"""Quizzes are graded on the server, and what the browser gets before answering holds no
answer."""

import json

import pytest

from courses.blocks import QuizBlock, grade_quiz, normalise_text, public_quiz
from courses.tests.factories import choice_question, quiz, short_text, true_false


def quiz_value(*questions, pass_mark=70):
    raw = quiz(*questions, pass_mark=pass_mark)
    block = QuizBlock()
    return raw["id"], block.to_python(raw["value"])


def ids(value):
    return [question.id for question in value["questions"]]


def test_every_question_type_is_graded():
    _id, value = quiz_value(
        choice_question("One", ["a", "b", "c"], 2),
        choice_question("Many", ["a", "b", "c"], [0, 2], multiple=True),
        true_false("True?", True),
        short_text("Name the river", ["Río Tárcoles"]),
    )
    one, many, tf, text = ids(value)
    result = grade_quiz(value, {one: "2", many: ["0", "2"], tf: "true", text: "  rio TARCOLES "})
    assert (result["score"], result["correct"], result["total"], result["passed"]) == (
        100,
        4,
        4,
        True,
    )
    result = grade_quiz(value, {one: "1", many: ["0"], tf: "false", text: "Tana"})
    assert result["score"] == 0
    assert [q["correct"] for q in result["questions"]] == [False, False, False, False]


def test_multiple_answers_are_all_or_nothing():
    _id, value = quiz_value(choice_question("Many", ["a", "b", "c"], [0, 2], multiple=True))
    (many,) = ids(value)
    assert not grade_quiz(value, {many: ["0", "1", "2"]})["questions"][0]["correct"]
    assert not grade_quiz(value, {many: ["2"]})["questions"][0]["correct"]
    assert grade_quiz(value, {many: ["2", "0"]})["questions"][0]["correct"]


def test_forged_or_missing_answers_are_wrong_not_errors():
    _id, value = quiz_value(
        choice_question("One", ["a", "b"], 1), true_false("True?", False), short_text("X", ["y"])
    )
    one, tf, text = ids(value)
    for answers in (
        {},
        {one: ["0", "1"], tf: "maybe", text: ""},  # two radios at once, a non-boolean
        {one: "99", tf: None, text: None},
        {one: "abc", tf: ["false", "true"], text: ["y" * 5000]},
    ):
        result = grade_quiz(value, answers)
        assert result["questions"][0]["correct"] is False
        assert result["questions"][2]["correct"] is False


def test_the_score_is_rounded_down_so_rounding_never_passes():
    _id, value = quiz_value(
        true_false("1", True), true_false("2", True), true_false("3", True), pass_mark=67
    )
    a, b, c = ids(value)
    result = grade_quiz(value, {a: "true", b: "true", c: "false"})
    assert result["score"] == 66 and not result["passed"]


def test_feedback_follows_the_answer():
    _id, value = quiz_value(choice_question("One", ["a", "b"], 1, explanation="Because b."))
    (one,) = ids(value)
    result = grade_quiz(value, {one: "0"})
    assert result["questions"][0]["feedback"] == ["Feedback for a", "Because b."]


def test_accents_case_and_spacing_are_ignored_in_short_answers():
    assert normalise_text("  Déforestación  EVITADA ") == "deforestacion evitada"
    assert normalise_text("São\tTomé") == "sao tome"


def test_what_the_browser_gets_holds_no_answer():
    quiz_id, value = quiz_value(
        choice_question("One", ["alpha", "beta"], 1, explanation="SECRET-EXPLANATION"),
        true_false("True?", True),
        short_text("Name", ["SECRET-ANSWER"]),
    )
    shown = json.dumps(public_quiz(quiz_id, value))
    assert "alpha" in shown and "beta" in shown and "Name" in shown
    for secret in ("correct", "SECRET", "Feedback for", "Right.", "Not quite.", "accepted"):
        assert secret not in shown


@pytest.mark.parametrize("count", [0, 2])
def test_a_single_choice_question_needs_exactly_one_right_answer(count):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from courses.blocks import SingleChoiceQuestionBlock

    block = SingleChoiceQuestionBlock()
    raw = choice_question("One", ["a", "b", "c"], list(range(count)))["value"]
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(raw))
