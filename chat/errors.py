"""Errors the user caused: each carries a message fit to show them (HTTP 4xx, CLI exit 2)."""

from __future__ import annotations


class UserInputError(ValueError):
    """Bad input: the message says what is wrong and how to fix it."""

    status_code = 400


class UnknownUnit(UserInputError):
    status_code = 404

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"，您是否要找：{'、'.join(suggestions)}" if suggestions else ""
        super().__init__(f"未找到单位“{name}”{hint}")
        self.name = name
        self.suggestions = suggestions


class UnknownDocument(UserInputError):
    status_code = 404

    def __init__(self, doc_id: str) -> None:
        super().__init__(f"未找到文档“{doc_id}”")
        self.doc_id = doc_id


class UnknownClause(UserInputError):
    status_code = 404

    def __init__(self, clause_id: str) -> None:
        super().__init__(f"未找到条款“{clause_id}”")
        self.clause_id = clause_id
