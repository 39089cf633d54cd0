"""The web chat's CSV exports live in one temporary folder per chat, which goes with the chat."""

from __future__ import annotations

import gc
from pathlib import Path

from chat.ui import WebChat


def test_the_export_folder_is_removed_when_the_chat_goes(engine):
    chat = WebChat(engine)
    _, csv_path, _ = chat.unit_tasks("市知识产权局", "2025-06-01")
    folder = Path(csv_path).parent
    assert Path(csv_path).is_file() and folder.name.startswith("policykb-csv-")
    del chat
    gc.collect()
    assert not folder.exists()
