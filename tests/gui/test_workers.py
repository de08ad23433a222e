"""The worker pool and the sync runner: results, questions and failures reach the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from crmsync.gui.sync_runner import SyncRunner
from crmsync.gui.workers import Workers
from crmsync.sync.engine import DeletionQuestion, Summary


def test_results_and_progress_arrive_on_the_gui_thread(qtbot):
    workers = Workers()
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(control):
        seen["worker_thread"] = threading.get_ident()
        control.report(1)
        return 42

    def on_progress(value):
        seen["progress"] = (value, QThread.currentThread() is gui)

    def on_done(value):
        seen["done"] = (value, QThread.currentThread() is gui)

    handle = workers.submit("t", work, on_done=on_done, on_progress=on_progress)
    qtbot.waitUntil(lambda: not handle.running, timeout=5000)
    assert seen["worker_thread"] != threading.get_ident()
    assert seen["progress"] == (1, True)
    assert seen["done"] == (42, True)
    assert not handle.running


def test_a_failure_is_reported_not_lost(qtbot):
    workers = Workers()
    errors: list[BaseException] = []

    def work(control):
        raise RuntimeError("boom")

    handle = workers.submit("t", work, on_failed=errors.append)
    qtbot.waitUntil(lambda: not handle.running, timeout=5000)
    assert [str(e) for e in errors] == ["boom"]


def test_one_sync_per_user_and_questions_are_answered_on_the_gui_thread(qtbot):
    release = threading.Event()
    answers: list[object] = []

    def fake_sync(user, options, *, progress, ask, cancelled, **_ignored):
        answers.append(ask(DeletionQuestion(user.login, 7, "RDV", "lundi")))
        release.wait(5)
        return Summary(user=user.login)

    class FakeUser:
        login = "alice"

    import crmsync.gui.sync_runner as runner_module

    original = runner_module.User
    runner_module.User = type("U", (), {"get_by_id": staticmethod(lambda _id: FakeUser())})
    try:
        runner = SyncRunner(Workers(), run=fake_sync)
        asked: list[object] = []

        def on_question(user_id, question, answer):
            asked.append((user_id, question.title))
            answer("all")

        runner.question.connect(on_question)
        assert runner.start(1) is not None
        assert runner.start(1) is None  # the same user: refused while the first runs
        assert runner.is_running(1)
        finished: list[int] = []
        runner.finished.connect(lambda uid, _reason, _summary: finished.append(uid))
        release.set()
        qtbot.waitUntil(lambda: finished == [1], timeout=5000)
        assert asked == [(1, "RDV")]
        assert answers == ["all"]
        assert not runner.is_running(1)
    finally:
        runner_module.User = original
