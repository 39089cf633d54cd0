"""`policykb serve`: the API and the web chat in one uvicorn process.

First start on an empty data directory indexes the bundled corpus (progress in the log)
before the port opens, so /readyz is green as soon as the server answers at all.
"""

from __future__ import annotations

import logging
import os

import gradio as gr
import uvicorn
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from chat.api import create_app
from chat.engine import Engine
from chat.ui import THEME, build_ui
from kb.config import Settings

log = logging.getLogger(__name__)
UI_PATH = "/ui"
# Libraries that set their own loggers to DEBUG and would flood the service log.
_CHATTY_LOGGERS = ("jieba", "bm25s")


def build_app(settings: Settings, engine: Engine) -> FastAPI:
    """The API with the web chat mounted at /ui (and / redirecting there)."""
    app = create_app(settings, engine)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{UI_PATH}/")

    return gr.mount_gradio_app(app, build_ui(engine), path=UI_PATH, theme=THEME, footer_links=[])


def open_engine(settings: Settings) -> Engine:
    """Open the knowledge base, indexing the bundled corpus if it is empty."""
    where = settings.chroma_url or settings.data_dir
    log.info("opening the knowledge base (%s)", where)
    engine = Engine.open(settings)
    report = engine.ensure_indexed(progress=True)
    if report is not None:
        log.info("indexed the bundled corpus: %s", report.summary())
    engine.warm_up()
    return engine


def serve(host: str, port: int, settings: Settings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    engine = open_engine(settings)
    if not settings.admin_token:
        log.info("no admin token configured: upload and delete endpoints are disabled")
    log.info("serving on http://%s:%d  (web chat %s/, API docs /docs)", host, port, UI_PATH)
    uvicorn.run(build_app(settings, engine), host=host, port=port, log_level="info")
