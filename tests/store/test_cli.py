"""The administration command line, run as an operator would, against a temporary SQLite file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mouflow.store.audit import list_entries
from mouflow.store.audit_verify import verify_chain
from mouflow.store.db import make_engine, session_factory
from mouflow.store.users import get_user_by_token
from tests.conftest import TEST_AUDIT_KEY


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mouflow.db'}"


def cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    # DATABASE_URL always names the temporary file, even when the suite itself runs on PostgreSQL
    env = {**os.environ, "DATABASE_URL": database_url, "MOUFLOW_AUDIT_KEY": TEST_AUDIT_KEY.decode()}
    command = [sys.executable, "-m", "ops.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)


def create_hkte(database_url: str) -> None:
    created = cli(
        database_url,
        "create-party",
        "--id",
        "hkte",
        "--name-en",
        "Hong Kong Talent Engage",
        "--name-zh",
        "香港人才服務辦公室",
    )
    assert created.returncode == 0, created.stderr


def test_the_printed_token_signs_the_user_in(database_url: str) -> None:
    create_hkte(database_url)
    created = cli(database_url, "create-user", "--name", "Chan Tai Man", "--party", "hkte", "--role", "officer")
    assert created.returncode == 0, created.stderr
    token = next(line.removeprefix("token: ") for line in created.stdout.splitlines() if line.startswith("token: "))
    assert "only its hash is stored" in created.stdout
    listed = cli(database_url, "list-users")
    assert "Chan Tai Man" in listed.stdout and token not in listed.stdout
    engine = make_engine(database_url)
    with session_factory(engine, audit_key=TEST_AUDIT_KEY)() as session:
        user = get_user_by_token(session=session, token=token)
        assert user is not None and (user.name, user.party_id, user.role) == ("Chan Tai Man", "hkte", "officer")
        assert [entry.what for entry in list_entries(session=session)] == [
            "party_created",
            "user_created",
            "users_listed",
        ]
        assert verify_chain(session=session).ok
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create-user", "--name", "Chan Tai Man", "--party", "nowhere", "--role", "officer"], "no party 'nowhere'"),
        (["create-party", "--id", "hkte", "--name-en", "Again", "--name-zh", "再"], "exists already"),
        (["create-party", "--id", "HK TE", "--name-en", "X", "--name-zh", "X"], "--id"),
        (["create-user", "--name", "Chan Tai Man", "--party", "hkte", "--role", "boss"], "invalid choice: 'boss'"),
    ],
)
def test_a_refused_command_says_why_and_exits_2(database_url: str, args: list[str], message: str) -> None:
    create_hkte(database_url)
    refused = cli(database_url, *args)
    assert refused.returncode == 2
    assert message in refused.stderr and "Traceback" not in refused.stderr


def test_a_user_may_be_given_an_email_address_and_a_bad_one_is_refused(database_url: str) -> None:
    create_hkte(database_url)
    user = ["create-user", "--name", "Chan Tai Man", "--party", "hkte", "--role", "officer"]
    refused = cli(database_url, *user, "--email", "chan at hkte")
    assert refused.returncode == 2 and "is not an e-mail address" in refused.stderr
    created = cli(database_url, *user, "--email", "chan@hkte.example")
    assert created.returncode == 0, created.stderr
    engine = make_engine(database_url)
    with session_factory(engine, audit_key=TEST_AUDIT_KEY)() as session:
        token = next(line.removeprefix("token: ") for line in created.stdout.splitlines() if line.startswith("token: "))
        found = get_user_by_token(session=session, token=token)
        assert found is not None and found.email == "chan@hkte.example"
    engine.dispose()
