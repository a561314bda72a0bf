"""Service settings: flags first, then environment (TRACUU_*), then a ``.env`` file in the
working directory (the same TRACUU_* lines), then these defaults."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from indexer.engine import EngineConfig
from indexer.limits import Limits
from search.saved import DB_NAME

_ENGINE = EngineConfig()  # the defaults
_LIMITS = Limits()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TRACUU_", env_file=".env", env_file_encoding="utf-8"
    )

    index_dir: Path = Path("data/index")
    corpus_dir: Path = Path("corpus")
    api_key: SecretStr | None = None  # unset: write endpoints answer 403
    max_upload_bytes: int = 20 * 1024 * 1024
    # Every request (api.request_limits): other bodies, query parameters, refused keys.
    max_body_bytes: int = 1024 * 1024  # a JSON body (saved search, batch lookup)
    max_query_params: int = 200  # query parameters in one request
    max_param_values: int = 50  # values of one repeated parameter (year=...&year=...)
    max_export_rows: int = 100_000  # documents in one /api/export (csv, json; 0: no limit)
    key_failures: int = 20  # refused writes (401/403) per client and window, then 429
    key_failure_window: float = 60.0  # seconds
    # What one file may cost to index (uploads and `tracuu index`; 0: no limit).
    max_inflated_mb: int = _LIMITS.max_inflated_mb  # a .docx's parts, uncompressed
    max_pages: int = _LIMITS.max_pages  # of a PDF
    max_characters: int = _LIMITS.max_characters  # of text read from one file
    max_seconds_per_file: float = _LIMITS.max_seconds
    upload_memory_mb: int = 2048  # address space of the process indexing an upload
    upload_wait: float = 300.0  # seconds an upload waits for those before it (then 503)
    min_free_mb: int = _LIMITS.min_free_mb  # free disk a build keeps (else it stops cleanly)
    search_time_budget: float = 5.0  # seconds per search; past it the API answers 503
    backend: str = _ENGINE.backend  # an engine of indexer/engines; empty: the default
    solr_url: str = _ENGINE.solr_url
    solr_collection: str = _ENGINE.solr_collection
    saved_db: Path | None = None  # the saved-search database; default: beside the index
    slow_request_ms: float = 1000.0  # a request slower than this is logged as a warning
    # Origins whose browser apps may call the JSON API, comma-separated
    # ("https://a.gov.vn,https://b.gov.vn"; "*" any); empty: same origin only.
    cors_origins: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"  # the clock of the pages and of exported file names
    root_path: str = ""  # the path prefix a reverse proxy serves us under ("/tracuu")

    def saved_db_path(self) -> Path:
        """Where saved searches live: outside the index generations, so a rebuild keeps them."""
        return self.saved_db or self.index_dir / DB_NAME

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        except (ValueError, KeyError):
            raise ValueError(f"unknown time zone {zone!r} (e.g. Asia/Ho_Chi_Minh)") from None
        return zone

    def cors_origin_list(self) -> list[str]:
        """TRACUU_CORS_ORIGINS as a list.

        >>> Settings(cors_origins=" https://a.gov.vn, https://b.gov.vn ").cors_origin_list()
        ['https://a.gov.vn', 'https://b.gov.vn']
        """
        return [o.strip().rstrip("/") for o in self.cors_origins.split(",") if o.strip()]

    def today(self) -> date:
        """Today on the office's clock (TRACUU_TIMEZONE)."""
        return datetime.now(ZoneInfo(self.timezone)).date()

    def limits(self) -> Limits:
        return Limits(
            self.max_inflated_mb,
            self.max_pages,
            self.max_characters,
            self.max_seconds_per_file,
            self.min_free_mb,
        )

    def engine_config(self) -> EngineConfig:
        return EngineConfig(self.backend, self.solr_url, self.solr_collection).checked()


@lru_cache
def get_settings() -> Settings:
    return Settings()
