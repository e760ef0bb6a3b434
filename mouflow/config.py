"""One settings object, read from the environment (MOUFLOW_* and DATABASE_URL)."""

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOUFLOW_")

    data_dir: Path = Path("data")
    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = "mouflow"
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MOUFLOW_DATABASE_URL")
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mouflow.db'}"
