"""/docs and /redoc carry a Content-Security-Policy: only the CDN's scripts and the page's own inline script,
by its hash, may run."""

import base64
import hashlib
import re

import httpx


async def test_the_documentation_pages_have_a_strict_policy(api: httpx.AsyncClient) -> None:
    for path in ("/docs", "/redoc"):
        response = await api.get(path)
        assert response.status_code == 200
        policy = response.headers["content-security-policy"]
        assert policy.startswith("default-src 'none'") and "frame-ancestors 'none'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        for script in re.findall(r"<script>(.*?)</script>", response.text, re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy
    assert "SwaggerUIBundle" in (await api.get("/docs")).text
