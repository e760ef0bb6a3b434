"""A client transport that spreads requests over several API processes, as a load balancer in front of them
would: each request goes to the next process in turn, and one that refuses the connection is passed over."""

import httpx


class SpreadTransport(httpx.AsyncBaseTransport):
    def __init__(self, urls: list[str], limits: httpx.Limits) -> None:
        self._targets = [httpx.URL(url) for url in urls]
        self._inner = httpx.AsyncHTTPTransport(limits=limits)
        self._turn = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for _ in self._targets:
            target = self._targets[self._turn % len(self._targets)]
            self._turn += 1
            request.url = request.url.copy_with(host=target.host, port=target.port)
            request.headers["Host"] = target.netloc.decode("ascii")
            try:
                return await self._inner.handle_async_request(request)
            except httpx.ConnectError:
                continue  # that process is down: the next one takes the request, which never reached it
        raise httpx.ConnectError("no API process accepted the connection", request=request)

    async def aclose(self) -> None:
        await self._inner.aclose()
