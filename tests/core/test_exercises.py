"""The exercises of a course: each is a worked example put as a question, so its answer is the
core's answer to the example's request, and every figure it asks for is one the example checks."""

from __future__ import annotations

import pytest

from copc_cx.examples import EXAMPLES_BY_ID, figure
from copc_cx.exercises import EXERCISES, TOPIC_NAMES, Exercise, Topic, example_of
from copc_cx.registry import CALCULATORS_BY_NAME
from copc_cx.web import call


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_an_exercise_asks_for_figures_its_example_checks(exercise: Exercise) -> None:
    example = EXAMPLES_BY_ID[example_of(exercise)]
    assert exercise.asks, exercise.id
    assert set(exercise.asks) <= set(example.expected), exercise.id
    response = call({"op": CALCULATORS_BY_NAME[example.calculator].op, "input": example.input})
    assert response["ok"]
    for path in exercise.asks:
        expected = example.expected[path]
        actual = figure(response["result"], path)
        assert actual == (pytest.approx(expected, abs=5e-5) if isinstance(expected, float) else expected), path


def test_every_topic_of_a_course_has_at_least_two_exercises_in_both_languages() -> None:
    assert set(TOPIC_NAMES) == set(Topic)
    for topic in Topic:
        assert len([e for e in EXERCISES if e.topic is topic]) >= 2, topic
    for exercise in EXERCISES:
        assert exercise.question.ja.strip() and exercise.question.en.strip(), exercise.id
    assert len({e.id for e in EXERCISES}) == len(EXERCISES)


def test_a_question_does_not_give_its_answer_away() -> None:
    # the example's title states its result ("Pending at 96%"); the question must not be it
    for exercise in EXERCISES:
        title = EXAMPLES_BY_ID[exercise.example].title
        assert exercise.question.en != title.en and exercise.question.ja != title.ja, exercise.id
