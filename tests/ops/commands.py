"""The ops commands run as an operator runs them: a process of their own, with the stack's environment."""

import asyncio
import sys

COMMAND_TIMEOUT = 120.0  # seconds


async def run_command(module: str, *args: str, env: dict[str, str]) -> tuple[int, str]:
    """`python -m module args…`: its exit code, and what it printed on stdout and stderr together."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), COMMAND_TIMEOUT)
    assert process.returncode is not None
    return process.returncode, output.decode(errors="replace")
