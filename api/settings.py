"""Service settings: flags first, then environment (TRACUU_*), then these defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from indexer.engine import EngineConfig
from search.saved import DB_NAME

_ENGINE = EngineConfig()  # the defaults


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRACUU_")

    index_dir: Path = Path("data/index")
    corpus_dir: Path = Path("corpus")
    api_key: SecretStr | None = None  # unset: write endpoints answer 403
    max_upload_bytes: int = 20 * 1024 * 1024
    search_time_budget: float = 5.0  # seconds per search; past it the API answers 503
    backend: str = _ENGINE.backend  # an engine of indexer/engines; empty: the default
    solr_url: str = _ENGINE.solr_url
    solr_collection: str = _ENGINE.solr_collection
    saved_db: Path | None = None  # the saved-search database; default: beside the index

    def saved_db_path(self) -> Path:
        """Where saved searches live: outside the index generations, so a rebuild keeps them."""
        return self.saved_db or self.index_dir / DB_NAME

    def engine_config(self) -> EngineConfig:
        return EngineConfig(self.backend, self.solr_url, self.solr_collection).checked()


@lru_cache
def get_settings() -> Settings:
    return Settings()
