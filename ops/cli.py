"""Administration from the command line: register parties and users, and list the users.

    python -m ops.cli create-party --id hkte --name-en "Hong Kong Talent Engage" --name-zh 香港人才服務辦公室
    python -m ops.cli create-user --name "Chan Tai Man" --party hkte --role officer --email chan@hkte.example
    python -m ops.cli list-users
    python -m ops.cli verify executed.pdf

A refused command prints why on stderr and exits 2; `verify` exits 1 when the file fails a check.
Every command that is not refused leaves an entry in the audit log.
"""

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from mouflow.audit_key import audit_key
from mouflow.config import Settings
from mouflow.documents.embedded import NotAnExecutedCopy
from mouflow.documents.verification import Verification, verify_executed_copy
from mouflow.domain.actions import Actor
from mouflow.domain.content import Party
from mouflow.domain.enums import ReadingLanguage, Role
from mouflow.errors import StoreError
from mouflow.sessions import sessions_from
from mouflow.store.audit import append_action
from mouflow.store.db import make_engine, session_scope
from mouflow.store.migrate import create_schema
from mouflow.store.parties import create_party
from mouflow.store.users import create_user, list_users

FAILED, REFUSED = 1, 2


@dataclass(frozen=True)
class Reply:
    lines: list[str]
    code: int = 0  # FAILED: the command ran and its answer is no, which is still worth recording


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    engine = connect()
    try:
        with session_scope(sessions_from(Settings(), engine)) as session:
            reply: Reply = args.run(session, args)
    except (StoreError, ValidationError, NotAnExecutedCopy, OSError) as error:
        print(f"error: {_message(error)}", file=sys.stderr)
        return REFUSED
    finally:
        engine.dispose()
    print("\n".join(reply.lines))  # only once committed: a token printed for a rolled-back user would not work
    return reply.code


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m ops.cli", description="mouflow administration")
    commands = root.add_subparsers(required=True, metavar="command")
    party = commands.add_parser("create-party", help="register a party")
    party.add_argument("--id", required=True, help="short lowercase id, e.g. hkte")
    party.add_argument("--name-en", required=True)
    party.add_argument("--name-zh", required=True, help="in Traditional Chinese")
    party.add_argument("--simplified", action="store_true", help="the party reads Simplified Chinese copies")
    party.add_argument("--owns-mous", action="store_true", help="a Hong Kong agency, which starts MoUs")
    party.add_argument(
        "--language", choices=list(ReadingLanguage), help="what its users read (default: their browser's)"
    )
    party.set_defaults(run=run_create_party)
    user = commands.add_parser("create-user", help="create a user and print their token, once")
    user.add_argument("--name", required=True)
    user.add_argument("--party", required=True, help="the id of a registered party")
    user.add_argument("--role", required=True, choices=[role.value for role in Role])
    user.add_argument("--email", help="where notifications of the party's MoUs are sent (optional)")
    user.add_argument("--language", choices=list(ReadingLanguage), help="what the user reads, if not the party's")
    user.set_defaults(run=run_create_user)
    commands.add_parser("list-users", help="list every user").set_defaults(run=run_list_users)
    verify = commands.add_parser("verify", help="check an executed MoU PDF against its fingerprint, the store, the log")
    verify.add_argument("file", type=Path, help="the executed MoU, as a PDF file")
    verify.set_defaults(run=run_verify)
    return root


def connect() -> Engine:
    settings = Settings()
    if settings.database_url is None:  # the default SQLite file lives in the data directory
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url)
    create_schema(engine, audit_key=audit_key(settings))
    return engine


def run_create_party(session: Session, args: argparse.Namespace) -> Reply:
    # validated as one document, so each problem names its option: ("name", "en") is --name-en
    fields = {"id": args.id, "name": {"en": args.name_en, "zh": args.name_zh}, "wants_simplified_copy": args.simplified}
    party = Party.model_validate(fields)
    create_party(session=session, party=party, owns_mous=args.owns_mous, language=args.language)
    audit(session, "party_created", f"party {party.id}: {party.name.en} / {party.name.zh}")
    return Reply([f"created party {party.id}"])


def run_create_user(session: Session, args: argparse.Namespace) -> Reply:
    user, token = create_user(
        session=session,
        name=args.name,
        party_id=args.party,
        role=Role(args.role),
        email=args.email,
        language=args.language,
    )
    audit(session, "user_created", f"user {user.id} ({user.name}), {user.role.value} of {user.party_id}")
    return Reply(
        [
            f"created user {user.id}: {user.name}, {user.role.value} of {user.party_id}",
            f"token: {token}",
            "Keep the token now: only its hash is stored, so it cannot be shown again.",
        ]
    )


def run_list_users(session: Session, _args: argparse.Namespace) -> Reply:
    users = list_users(session=session)
    audit(session, "users_listed", f"{len(users)} user(s)")
    return Reply(
        [f"{u.id}\t{u.party_id}\t{u.role.value}\t{'active' if u.active else 'inactive'}\t{u.name}" for u in users]
    )


def run_verify(session: Session, args: argparse.Namespace) -> Reply:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on a foreign file repeat what we say better
    result = verify_executed_copy(session=session, pdf=args.file.read_bytes())
    verdict = "OK" if result.ok else "FAILED"
    detail = f"{verdict}: {args.file.name}, PDF SHA-256 {result.pdf_sha256}"
    audit(session, "executed_copy_verified", detail, mou_id=result.mou_id)
    return Reply(_verification_lines(args.file, result), 0 if result.ok else FAILED)


def _verification_lines(file: Path, result: Verification) -> list[str]:
    checks = [f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.message}" for check in result.checks]
    verdict = "is a genuine executed copy" if result.ok else "is NOT a verified executed copy"
    return [*checks, f"{'OK' if result.ok else 'FAILED'}: {file} {verdict}"]


def audit(session: Session, what: str, detail: str, mou_id: str | None = None) -> None:
    append_action(session=session, actor=system_actor(), what=what, detail=detail, request_id=None, mou_id=mou_id)


def system_actor() -> Actor:
    """The command line acts as the system; the operating-system user is kept for the record."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        who = "unknown"
    return Actor(user_id="system:cli", name=f"command line ({who})", party_id="system", role=Role.ADMIN)


def _message(error: StoreError | ValidationError | NotAnExecutedCopy | OSError) -> str:
    if isinstance(error, StoreError):
        return error.message
    if isinstance(error, NotAnExecutedCopy | OSError):
        return str(error)
    return "; ".join(f"--{'-'.join(map(str, issue['loc']))}: {issue['msg']}" for issue in error.errors())


if __name__ == "__main__":
    sys.exit(main())
