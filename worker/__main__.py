"""`python -m worker`: serves the task queues until SIGINT or SIGTERM."""

import asyncio

from worker import main

if __name__ == "__main__":
    asyncio.run(main())
