from __future__ import annotations

from consultancy.celery import app

from .services import publish_pending


@app.task(name="outbox.publish_pending", ignore_result=True)
def publish_pending_task() -> None:
    publish_pending()
