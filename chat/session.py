"""Per-session memory for follow-ups ("那高校呢？"): the last understood question."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from chat.understand import Understanding


@dataclass
class Turn:
    understanding: Understanding
    doc_ids: list[str] = field(default_factory=list)  # documents the answer cited
    clause_ids: list[str] = field(default_factory=list)  # clauses cited so far on this topic ("还有呢？" shows others)


class Sessions:
    """A bounded LRU of sessions; thread-safe (the API serves requests on several threads)."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._turns: OrderedDict[str, Turn] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def last(self, session_id: str) -> Turn | None:
        with self._lock:
            turn = self._turns.get(session_id)
            if turn is not None:
                self._turns.move_to_end(session_id)
            return turn

    def remember(self, session_id: str, turn: Turn) -> None:
        with self._lock:
            self._turns[session_id] = turn
            self._turns.move_to_end(session_id)
            while len(self._turns) > self._capacity:
                self._turns.popitem(last=False)
